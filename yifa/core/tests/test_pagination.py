"""Keyset pagination and estimated counts (yifa.core.pagination) on a real table: units."""

from urllib.parse import parse_qs

import pytest
from django.db import connection
from django.test import RequestFactory

from yifa.core.models import Org
from yifa.core.pagination import decode_key, estimated_count, keyset_page, select_options

pytestmark = pytest.mark.django_db

ORDER = ("kind", "-pk")  # mixed directions, ending with the unique key


@pytest.fixture
def units():
    city = Org.objects.create(name="市", kind=Org.Kind.CITY)
    for i in range(23):
        Org.objects.create(name=f"区{i}", kind=Org.Kind.COUNTY, parent=city)
    for i in range(24):
        Org.objects.create(name=f"部门{i}", kind=Org.Kind.DEPARTMENT, parent=city)
    return list(Org.objects.order_by(*ORDER))


def page_of(query: str = "", per_page: int = 10, **kwargs):
    return keyset_page(RequestFactory().get("/units/?" + query), Org.objects.all(), order=ORDER, per_page=per_page,
                       **kwargs)


def test_following_next_links_shows_every_row_once_in_order_and_stops_at_the_end(units):
    seen, query, numbers = [], "q=x", []
    while True:
        page = page_of(query)
        seen += page.object_list
        numbers.append(page.number)
        if not page.has_next:
            break
        query = page.next_query
    assert seen == units
    assert numbers == [1, 2, 3, 4, 5]
    assert "q=x" in query  # the filters travel with the key


def test_previous_links_come_back_through_the_same_pages(units):
    forward, query = [], ""
    while True:
        page = page_of(query)
        forward.append([o.pk for o in page.object_list])
        if not page.has_next:
            break
        query = page.next_query
    backward = []
    while True:
        backward.append([o.pk for o in page.object_list])
        if not page.has_previous:
            break
        page = page_of(page.previous_query)
    assert backward == forward[::-1]
    assert page.number == 1


def test_a_page_number_jumps_by_offset_to_the_same_rows_as_the_keys(units):
    third = page_of("page=3")
    assert third.object_list == units[20:30] and third.number == 3
    assert third.has_previous and third.has_next
    walked = page_of(page_of(page_of().next_query).next_query)
    assert walked.object_list == third.object_list


def test_a_malformed_key_or_a_page_past_the_end_shows_the_first_page(units):
    assert page_of("after=nonsense").object_list == units[:10]
    assert page_of("after=county~notanumber").object_list == units[:10]
    assert page_of("page=99").object_list == units[:10]
    assert decode_key(Org, ORDER, "county") is None


def test_the_next_key_names_the_last_row_shown(units):
    page = page_of()
    key = parse_qs(page.next_query)["after"][0]
    assert decode_key(Org, ORDER, key) == [units[9].kind, units[9].pk]
    assert parse_qs(page.next_query)["n"] == ["2"]


def test_the_count_is_exact_below_the_limit(units):
    assert estimated_count(Org.objects.all()) == (48, False)
    page = page_of()
    assert page.count == 48 and not page.count_is_estimate and page.count_text == "共 48 条"
    assert page.num_pages == 5


def test_above_the_limit_postgresql_estimates_and_sqlite_counts(units):
    count, estimated = estimated_count(Org.objects.all(), exact_up_to=10)
    if connection.vendor == "postgresql":
        assert estimated and count >= 11
    else:
        assert (count, estimated) == (48, False)


def test_an_empty_list_has_one_empty_page(db):
    page = page_of()
    assert page.object_list == [] and not page.has_next and not page.has_previous
    assert page.count == 0 and page.start_index == 0


def test_the_next_pages_carry_the_count_instead_of_counting_again(units):
    from django.test.utils import CaptureQueriesContext

    first = page_of()
    assert parse_qs(first.next_query)["total"] == ["48"]
    with CaptureQueriesContext(connection) as queries:
        second = page_of(first.next_query)
    assert len(queries) == 1  # the rows only
    assert (second.count, second.count_is_estimate) == (48, False)
    assert parse_qs(second.next_query)["total"] == ["48"]
    assert page_of(first.next_query.replace("total=48", "total=%7E90000")).count_text == "约 90,000 条"
    assert page_of(first.next_query.replace("total=48", "total=lots")).count == 48  # unreadable: counted again


def test_filter_options_mark_the_chosen_value_and_escape_labels():
    html = select_options([(1, "东湖区"), (12, "<b>西山</b> & 区")], "12")
    assert html == ('<option value="1">东湖区</option>'
                    '<option value="12" selected>&lt;b&gt;西山&lt;/b&gt; &amp; 区</option>')
    assert "selected" not in select_options([(1, "东湖区")], None)


def test_the_first_page_counts_in_its_own_query(units):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        page = page_of()
    assert len(queries) == 1
    assert (page.count, page.count_is_estimate) == (48, False)


def test_a_first_page_beyond_the_exact_limit_is_estimated_on_postgresql(units, monkeypatch):
    from yifa.core import pagination

    monkeypatch.setattr(pagination, "EXACT_UP_TO", 10)
    page = page_of()
    if connection.vendor == "postgresql":
        assert page.count_is_estimate and page.count >= 11 and page.count_text.startswith("约")
    else:
        assert (page.count, page.count_is_estimate) == (48, False)
    assert len(page.object_list) == 10


def test_an_empty_filter_counts_nothing(units):
    page = keyset_page(RequestFactory().get("/units/"), Org.objects.filter(pk__in=[]), order=ORDER)
    assert page.object_list == [] and page.count == 0


def test_the_unit_filter_offers_two_levels_below_the_users_units_and_a_new_unit_at_once(tree):
    from yifa.core.pagination import unit_choices

    names = [name for _pk, name, _path in unit_choices(tree.admin)]
    assert tree.district.name in names and tree.township.name in names and tree.village.name not in names
    Org.objects.create(name="新设街道", kind=Org.Kind.SUBDISTRICT, parent=tree.district)
    assert "新设街道" in [name for _pk, name, _path in unit_choices(tree.admin)]



def test_an_exact_count_is_counted_again_on_every_first_page(units):
    from yifa.core import pagination

    pagination.forget_estimates()
    first = page_of()
    Org.objects.create(name="新区", kind=Org.Kind.COUNTY, parent=Org.objects.get(name="市"))
    assert (page_of().count, page_of().count_is_estimate) == (first.count + 1, False)


def _queries_of(fn):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        result = fn()
    return result, [q["sql"] for q in queries.captured_queries]


def test_an_estimate_is_kept_a_minute_for_the_same_query_only(units, monkeypatch):
    """Beyond the exact limit, PostgreSQL's estimate of a filter is kept a minute in the process (keyed by the count's
    SQL and parameters, so by filter and data scope); SQLite counts exactly and keeps nothing."""
    from yifa.core import pagination

    pagination.forget_estimates()
    monkeypatch.setattr(pagination, "EXACT_UP_TO", 10)
    clock = [1000.0]
    monkeypatch.setattr(pagination.time, "monotonic", lambda: clock[0])
    counties = lambda: keyset_page(RequestFactory().get("/units/"), Org.objects.filter(kind=Org.Kind.COUNTY),  # noqa: E731
                                   order=ORDER, per_page=10)
    first = page_of()
    again, queries = _queries_of(page_of)
    if connection.vendor == "postgresql":
        assert first.count_is_estimate and (again.count, again.count_is_estimate) == (first.count, True)
        assert len(queries) == 1 and "COUNT" not in queries[0]  # the rows only: neither counted nor explained
        assert len(_queries_of(counties)[1]) == 2  # another filter: counted with its rows, then explained
        clock[0] += pagination.ESTIMATE_SECONDS + 1
        assert len(_queries_of(page_of)[1]) == 2  # a minute later: counted and explained again
    else:
        assert (again.count, again.count_is_estimate) == (48, False)
        assert len(queries) == 2 and len(_queries_of(counties)[1]) == 2  # exact counts: nothing kept
    pagination.forget_estimates()


def test_a_unit_filters_options_are_made_once_and_mark_the_chosen_unit():
    from yifa.core.pagination import unit_options

    units = [(1, "东湖区", "/1/"), (12, "<b>西山</b> & 区", "/12/"), (123, "南镇", "/12/123/")]
    assert unit_options(units, "12") == select_options([(1, "东湖区"), (12, "<b>西山</b> & 区"), (123, "南镇")], "12")
    assert unit_options(units, "123").count("selected") == 1 and '<option value="123" selected>' in unit_options(units, "123")
    assert "selected" not in unit_options(units, None) and "selected" not in unit_options(units, '"><script>')


def test_rows_as_named_tuples_page_and_count_in_one_query(units):
    from django.test.utils import CaptureQueriesContext

    qs = Org.objects.values_list("pk", "kind", "name", named=True)
    with CaptureQueriesContext(connection) as queries:
        page = keyset_page(RequestFactory().get("/units/"), qs, order=ORDER, per_page=10)
    assert len(queries) == 1 and (page.count, page.count_is_estimate) == (48, False)
    assert [row.name for row in page] == [o.name for o in units[:10]]
    second = keyset_page(RequestFactory().get("/units/?" + page.next_query), qs, order=ORDER, per_page=10)
    assert [row.pk for row in second] == [o.pk for o in units[10:20]] and second.count == 48
