import datetime as dt

import pytest

from yifa.core import registry

from .. import actions

pytestmark = pytest.mark.django_db


def titles(user):
    return [(i.state, i.title) for i in registry.workbench_items(user) if i.module == "人民调解"]


def test_the_workbench_lists_cases_waiting_for_the_mediator(w):
    waiting = w.case()
    to_assign = w.case("accepted")
    mediating = w.case("mediating")
    actions.add_session(mediating, by=w.mediator_user, held_on=dt.date(2025, 3, 12), place="调解室")
    failed = w.case("failed")
    items = titles(w.mediator_user)
    assert ("待受理（来访申请）", f"{waiting.number} {waiting.title}") in items
    assert ("待指派调解员", f"{to_assign.number} {to_assign.title}") in items
    assert ("调解安排：调解室", f"{mediating.number} {mediating.title}") in items
    assert ("待结案归档", f"{failed.number} {failed.title}") in items
    item = next(i for i in registry.workbench_items(w.mediator_user) if i.state == "待指派调解员")
    assert item.due_on == dt.date(2025, 4, 10) and item.basis == "《人民调解工作若干规定》第三十三条"


def test_the_running_clocks_reach_the_workbench_with_their_articles(w):
    w.case("agreed")
    bases = {i.basis for i in registry.workbench_items(w.mediator_user)}
    assert "《人民调解法》第三十三条" in bases  # 司法确认 reminder


def test_the_head_sees_open_warnings_and_other_units_see_nothing(w):
    w.case(description="李四扬言要报复张三。")
    assert any("预警" in title for _, title in titles(w.tree.township_head))
    assert titles(w.tree.sibling_handler) == []
    assert titles(w.tree.district_overseer) == []
