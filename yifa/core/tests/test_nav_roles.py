"""The menu by role: each role sees the menus of the work it does (and the overseers what they oversee),
and every menu a role sees opens for it."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from yifa.core import registry
from yifa.core.models import Role
from yifa.core.testing import make_user

COMMON = {"core:workbench", "core:deadline_list", "core:rule_list", "core:calendar"}  # every signed-in user
MEDIATION = {"mediation:case_list", "mediation:case_create", "mediation:round_list", "mediation:warning_list",
             "mediation:committee_list", "mediation:figures"}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2025, 11, 20, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


@pytest.fixture
def mediator(tree):
    return make_user("mediator", tree.township, Role.MEDIATOR)


def personas(tree, mediator):
    return {"mediator": mediator, "handler": tree.township_handler, "head": tree.township_head,
            "reviewer": tree.reviewer, "overseer": tree.district_overseer, "admin": tree.admin}


def menu(user) -> list[tuple[registry.NavItem, str]]:
    return registry.nav_items(user, {m.role for m in user.memberships.all()})


def test_a_mediator_sees_only_the_mediation_menus_and_the_common_ones(tree, mediator, client):
    assert {item.url_name for item, _ in menu(mediator)} == COMMON | MEDIATION
    client.force_login(mediator)
    page = client.get(reverse("core:workbench")).content.decode()
    for label in ("纠纷台账", "矛盾排查", "期限一览"):
        assert label in page
    for label in ("学法活动", "代表建议和政协提案", "指标看板", "信访事项", "合法性审查", "执法概况"):
        assert label not in page


def test_overseers_still_see_what_they_oversee(tree):
    seen = {item.url_name for item, _ in menu(tree.district_overseer)}
    assert {"training:session_list", "oversight:suggestion_list", "mediation:case_list", "indicators:dashboard",
            "petitions:list", "core:supervision_board"} <= seen
    assert "mediation:case_create" not in seen  # registering a dispute is the township's work


def test_menus_without_a_role_are_only_the_common_ones():
    unrestricted = {item.url_name for item, allowed, _ in registry._nav_catalogue() if not allowed}
    assert unrestricted == COMMON


@pytest.mark.parametrize("role", ["mediator", "handler", "head", "reviewer", "overseer", "admin"])
def test_every_menu_a_role_sees_opens_for_it(role, tree, mediator, client):
    user = personas(tree, mediator)[role]
    client.force_login(user)
    refused = {}
    for item, url in menu(user):
        status = client.get(url, follow=True).status_code  # 考核得分 redirects to the user's own unit
        if status != 200:
            refused[item.label] = status
    assert refused == {}
