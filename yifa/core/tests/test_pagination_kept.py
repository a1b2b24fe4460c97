"""Kept list statements (keyset_page with a key): the same pages, counts and links as the queryset gives, compiled
once per key, with the page's cursor put into the kept statement's parameters."""

import pytest
from django.test import RequestFactory

from yifa.core import pagination
from yifa.core.models import Org
from yifa.core.pagination import forget_kept_lists, keyset_page
from yifa.core.tests.test_pagination import ORDER, units  # noqa: F401 - the fixture below builds on it

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def nothing_kept():
    forget_kept_lists()
    pagination.forget_estimates()
    yield
    forget_kept_lists()


@pytest.fixture
def unit_keys(units):
    """test_pagination's 48 units, as their keys in the list's order."""
    return [o.pk for o in units]


def rows(name_filter=""):
    return Org.objects.filter(name__contains=name_filter).values_list("pk", "name", "kind", named=True)


def both(query: str, per_page: int = 10, name_filter: str = "", **kwargs):
    """The page from the queryset and the page from the kept statements (built when needed, counted in ``built``)."""
    request = RequestFactory().get("/units/?" + query)
    pagination.forget_estimates()  # both sides from the same state: an estimate kept by one is not the other's
    plain = keyset_page(request, rows(name_filter), order=ORDER, per_page=per_page, **kwargs)
    pagination.forget_estimates()
    built = []

    def build():
        built.append(1)
        return rows(name_filter)

    kept = keyset_page(request, build, order=ORDER, per_page=per_page, key=("units", name_filter), **kwargs)
    return plain, kept, len(built)


def same(plain, kept):
    assert list(kept.object_list) == list(plain.object_list)
    assert (kept.number, kept.has_next, kept.has_previous, kept.count, kept.count_is_estimate) == \
        (plain.number, plain.has_next, plain.has_previous, plain.count, plain.count_is_estimate)
    assert (kept.next_query, kept.previous_query) == (plain.next_query, plain.previous_query)


def test_walking_forward_and_back_gives_the_querysets_pages_and_builds_once_per_statement(unit_keys):
    plain, kept, built = both("")
    same(plain, kept)
    pages, builds = [kept], [built]
    while kept.has_next:
        plain, kept, built = both(kept.next_query)
        same(plain, kept)
        pages.append(kept)
        builds.append(built)
    assert [pk for page in pages for pk in (row.pk for row in page)] == unit_keys
    while kept.has_previous:
        plain, kept, built = both(kept.previous_query)
        same(plain, kept)
        builds.append(built)
    # first page (with its count), "after" pages (count carried), "before" pages: each compiled once.
    assert sum(builds) == 3 and builds[0] == 1
    assert len(pagination._kept) == 1


def test_the_count_is_the_querysets_with_or_without_a_carried_total(unit_keys):
    plain, kept, _ = both("")
    assert (kept.count, kept.count_is_estimate) == (48, False)
    after = kept.next_query.replace("&total=48", "")
    plain, kept, _ = both(after)  # a key without the total: counted with the rows
    same(plain, kept)
    assert kept.count == 48


def test_an_estimate_beyond_the_exact_limit_is_the_querysets(unit_keys, monkeypatch):
    monkeypatch.setattr(pagination, "EXACT_UP_TO", 10)
    plain, kept, _ = both("")
    same(plain, kept)
    assert kept.count_is_estimate == (pagination.connections["default"].vendor == "postgresql")


def test_a_key_past_the_last_row_counts_the_whole_list(unit_keys):
    last = Org.objects.order_by(*ORDER).last()
    plain, kept, _ = both(f"after={last.kind}~{last.pk}")
    same(plain, kept)
    assert kept.object_list == [] and kept.count == 48


def test_a_filter_matching_nothing_and_a_malformed_key_answer_as_the_queryset(unit_keys):
    same(*both("", name_filter="无此单位")[:2])
    same(*both("after=nonsense")[:2])
    same(*both("before=county~notanumber&n=3")[:2])


def test_a_page_by_number_is_the_querysets_own(unit_keys):
    plain, kept, built = both("page=3")
    same(plain, kept)
    assert built == 1 and not pagination._kept  # not kept: an offset page is built each time


def test_nothing_can_match_an_empty_scope(unit_keys):
    request = RequestFactory().get("/units/")
    page = keyset_page(request, lambda: Org.objects.filter(pk__in=[]).values_list("pk", named=True), order=ORDER,
                       key=("nothing",))
    assert page.object_list == [] and (page.count, page.has_next) == (0, False)


def test_a_list_of_model_instances_is_not_kept(unit_keys):
    request = RequestFactory().get("/units/")
    page = keyset_page(request, lambda: Org.objects.all(), order=ORDER, per_page=10, key=("instances",))
    assert [o.pk for o in page] == unit_keys[:10] and not pagination._kept


def test_without_a_key_the_function_builds_the_queryset_each_time(unit_keys):
    page = keyset_page(RequestFactory().get("/units/"), rows, order=ORDER, per_page=10)
    assert [row.pk for row in page] == unit_keys[:10] and not pagination._kept
