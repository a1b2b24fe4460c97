"""Putting an edition in force: the one before is retired, both audited; only the top administrator may."""

import pytest

from yifa.indicators import actions
from yifa.indicators.models import IndicatorScheme
from yifa.indicators.values import active_scheme

from .conftest import audit_actions


@pytest.fixture
def town(tree):
    return actions.load_shipped("town-assessment-2025.json", by=tree.admin)


def test_activating_an_edition_retires_the_one_in_force(tree, town):
    default = IndicatorScheme.objects.get(code="sfzb-2021")
    actions.activate_scheme(town, by=tree.admin)
    town.refresh_from_db()
    default.refresh_from_db()
    assert town.is_active and town.activated_at is not None
    assert default.status == IndicatorScheme.Status.RETIRED
    assert active_scheme() == town
    assert audit_actions(town) == ["indicators.load_scheme", "indicators.activate_scheme"]
    assert audit_actions(default) == ["indicators.retire_scheme"]


def test_a_retired_edition_can_be_put_back_in_force(tree, town):
    default = IndicatorScheme.objects.get(code="sfzb-2021")
    actions.activate_scheme(town, by=tree.admin)
    actions.activate_scheme(default, by=tree.admin)
    assert active_scheme() == default
    assert IndicatorScheme.objects.get(pk=town.pk).status == IndicatorScheme.Status.RETIRED


def test_the_page_activates_and_says_so(tree, town, client):
    client.force_login(tree.admin)
    response = client.post(f"/indicators/schemes/{town.pk}/activate/", follow=True)
    assert "已启用乡镇（街道）法治建设年度考核细则（示例）" in response.content.decode()
    assert active_scheme() == town


def test_the_edition_in_force_cannot_be_activated_again(tree, client):
    default = active_scheme()
    client.force_login(tree.admin)
    response = client.post(f"/indicators/schemes/{default.pk}/activate/", follow=True)
    assert "当前状态为“启用中”，不能执行“启用”" in response.content.decode()
    assert audit_actions(default) == []


def test_activating_refuses_get(tree, town, client):
    client.force_login(tree.admin)
    assert client.get(f"/indicators/schemes/{town.pk}/activate/").status_code == 405


@pytest.mark.parametrize("persona", ["district_overseer", "township_head"])
def test_only_the_top_administrator_may_activate(tree, town, client, persona):
    client.force_login(getattr(tree, persona))
    assert client.post(f"/indicators/schemes/{town.pk}/activate/").status_code == 403
    assert active_scheme().code == "sfzb-2021"


def test_an_unknown_edition_answers_404(tree, client):
    client.force_login(tree.admin)
    assert client.post("/indicators/schemes/9999/activate/").status_code == 404


def test_every_signed_in_user_can_read_the_editions_but_sees_no_load_buttons(tree, town, client):
    client.force_login(tree.township_handler)
    page = client.get("/indicators/schemes/").content.decode()
    assert "市县法治政府建设示范指标体系" in page and "乡镇（街道）法治建设年度考核细则（示例）" in page
    assert "上传并载入" not in page
    detail = client.get(town.get_absolute_url()).content.decode()
    assert "矛盾纠纷调解成功率" in detail and "启用此版本" not in detail
