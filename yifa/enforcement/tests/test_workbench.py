"""工作台: the officer's next step, the reviewer's pending review, the head's decisions and expiring certificates."""

import datetime as dt

from django.urls import reverse

from yifa.enforcement import actions
from yifa.enforcement.workbench import items

from .helpers import file, informed, investigated


def titles(user):
    return [(i.title, i.state) for i in items(user)]


def test_the_officer_sees_their_case_with_its_ninety_day_due_date(w):
    case = file(w)
    mine = [i for i in items(w.handler) if i.title.startswith(case.number)]
    assert mine[0].state.startswith("调查取证") and mine[0].due_on == dt.date(2026, 5, 21)
    assert "第六十条" in mine[0].basis
    assert not [i for i in items(w.colleague) if i.title.startswith(case.number)]


def test_the_reviewer_sees_the_review_request(w):
    case = investigated(w)
    actions.submit_review(case, by=w.handler, reviewer=w.reviewer, materials="材料")
    assert (f"{case.number} {case.cause}", "待法制审核") in titles(w.reviewer_user)


def test_the_head_sees_cases_awaiting_decision_and_expired_certificates(w):
    case = informed(w)
    assert (f"{case.number} {case.cause}", "待负责人审查决定") in titles(w.head)
    waiting = informed(w, days_ago=1, hearing=True, cause="听证期未满案")  # the hearing window is still open
    assert not [t for t in titles(w.head) if t[0].startswith(waiting.number)]
    assert ("执法证：吴过期（33050220180009）", "执法证已过期，不得执法") in titles(w.head)


def test_the_workbench_page_lists_them(w, client):
    informed(w)
    client.force_login(w.head)
    page = client.get(reverse("core:workbench")).content.decode()
    assert "待负责人审查决定" in page and "吴过期" in page
    client.force_login(w.tree.sibling_handler)
    assert "吴过期" not in client.get(reverse("core:workbench")).content.decode()
