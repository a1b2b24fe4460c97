"""The register's statements kept between requests (core.pagination.list_key / keyset_page with a key): whatever
changes what the list may show (任职 and data scope, the filter, the day, the user, the unit tree) gives another
statement; the page's position travels as parameters of the same statement."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from yifa.core.models import Membership, Role
from yifa.core.pagination import _kept, forget_kept_lists
from yifa.mediation.models import DisputeType

from .helpers import TODAY, make_case

pytestmark = pytest.mark.django_db
URL = reverse("mediation:case_list")
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def nothing_kept():
    forget_kept_lists()
    yield
    forget_kept_lists()


def titles(client, query: str = "") -> set[str]:
    response = client.get(URL + ("?" + query if query else ""))
    assert response.status_code == 200
    return {row.title for row in response.context["page"]}


def test_a_second_view_of_a_filter_is_served_from_the_kept_statement_with_the_same_rows(client, w):
    make_case(w, title="东街道的纠纷")
    client.force_login(w.mediator_user)
    first = titles(client, "type=neighbour")
    assert len(_kept) == 1
    assert titles(client, "type=neighbour") == first == {"东街道的纠纷"}
    assert len(_kept) == 1


def test_a_new_membership_widens_the_list_at_once_and_a_removed_one_narrows_it(client, w):
    make_case(w, title="东街道的纠纷")
    make_case(w, org=w.tree.sibling, title="西镇的纠纷")
    user = w.tree.township_handler
    client.force_login(user)
    assert titles(client, "type=neighbour") == {"东街道的纠纷"}
    membership = Membership.objects.create(user=user, org=w.tree.sibling, role=Role.HANDLER)
    assert titles(client, "type=neighbour") == {"东街道的纠纷", "西镇的纠纷"}
    membership.delete()
    assert titles(client, "type=neighbour") == {"东街道的纠纷"}


def test_another_filter_gets_its_own_rows(client, w):
    make_case(w, title="邻里纠纷")
    make_case(w, title="婚姻纠纷", dispute_type=DisputeType.MARRIAGE_FAMILY)
    client.force_login(w.mediator_user)
    assert titles(client, "type=neighbour") == {"邻里纠纷"}
    assert titles(client, f"type={DisputeType.MARRIAGE_FAMILY}") == {"婚姻纠纷"}
    assert titles(client, "type=neighbour&q=婚姻") == set()
    assert titles(client) == {"邻里纠纷", "婚姻纠纷"}


def test_the_overdue_filter_reads_todays_date_on_each_day(client, w):
    case = make_case(w, "accepted", title="受理的纠纷")
    client.force_login(w.mediator_user)
    assert titles(client, "overdue=1") == set()  # due 30 days after acceptance
    next_day = dt.datetime.combine(case.resolve_due_on + dt.timedelta(days=1), dt.time(10, 0), tzinfo=SHANGHAI)
    with time_machine.travel(next_day):
        client.force_login(w.mediator_user)  # the session of a month ago has expired
        assert titles(client, "overdue=1") == {"受理的纠纷"}


def test_another_user_never_gets_the_first_users_rows(client, w):
    make_case(w, title="东街道的纠纷")
    make_case(w, org=w.tree.sibling, title="西镇的纠纷")
    client.force_login(w.tree.township_handler)
    assert titles(client, "type=neighbour") == {"东街道的纠纷"}
    client.force_login(w.tree.sibling_handler)
    assert titles(client, "type=neighbour") == {"西镇的纠纷"}
    client.force_login(w.tree.other_handler)
    assert titles(client, "type=neighbour") == set()


def test_mine_is_the_signed_in_users_own_cases(client, w):
    make_case(w, "mediating", title="王调解承办")
    client.force_login(w.mediator_user)
    assert titles(client, "mine=1") == {"王调解承办"}
    client.force_login(w.tree.township_handler)  # same unit, not a mediator of the case
    assert titles(client, "mine=1") == set()


def test_a_unit_moved_to_another_district_leaves_the_unit_filter_of_its_old_district(client, w):
    make_case(w, org=w.tree.sibling, title="西镇的纠纷")
    client.force_login(w.tree.district_overseer)
    assert titles(client, f"org={w.tree.district.pk}") == {"西镇的纠纷"}
    assert titles(client, f"org={w.tree.sibling.pk}") == {"西镇的纠纷"}
    sibling = w.tree.sibling
    sibling.parent = w.tree.other_district
    sibling.save()
    assert titles(client, f"org={w.tree.district.pk}") == set()
    assert titles(client, f"org={sibling.pk}") == set()  # out of the overseer's scope now
    client.force_login(w.tree.admin)
    assert titles(client, f"org={w.tree.other_district.pk}") == {"西镇的纠纷"}


def walk(client, query: str) -> tuple[list[list[str]], list[list[str]]]:
    """Titles page by page following 下一页 to the end, then 上一页 back to the first page."""
    forward, page = [], client.get(f"{URL}?{query}").context["page"]
    while True:
        forward.append([row.title for row in page])
        if not page.has_next:
            break
        page = client.get(f"{URL}?{page.next_query}").context["page"]
    backward = [[row.title for row in page]]
    while page.has_previous:
        page = client.get(f"{URL}?{page.previous_query}").context["page"]
        backward.append([row.title for row in page])
    return forward, backward


def test_the_pages_cursor_is_a_parameter_of_the_kept_statement(client, w):
    for day in range(1, 71):
        make_case(w, title=f"第{day:02d}起", registered_on=TODAY - dt.timedelta(days=day))
    client.force_login(w.mediator_user)
    forward, backward = walk(client, "type=neighbour")
    assert [len(titles_) for titles_ in forward] == [30, 30, 10]
    assert sum(forward, []) == [f"第{day:02d}起" for day in range(1, 71)]  # newest first, each once
    assert backward == forward[::-1]
    assert len(_kept) == 1
    assert walk(client, "type=neighbour") == (forward, backward)  # again, from the kept statements


def test_the_kept_page_counts_as_the_queryset_does(client, w):
    for day in range(1, 36):
        make_case(w, title=f"第{day:02d}起", registered_on=TODAY - dt.timedelta(days=day))
    client.force_login(w.mediator_user)
    for _ in range(2):
        first = client.get(URL + "?type=neighbour")
        assert "第 1 页，共 35 条" in first.content.decode()
        page = first.context["page"]
        second = client.get(f"{URL}?{page.next_query}")
        assert "第 2 页，共 35 条" in second.content.decode()
    assert "没有符合条件的纠纷" in client.get(URL + "?type=neighbour&q=无此纠纷").content.decode()
