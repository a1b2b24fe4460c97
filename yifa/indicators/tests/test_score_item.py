"""定性指标评分: the 督察 of a unit above scores a qualitative item, with its reason; audited."""

from decimal import Decimal

import pytest

from yifa.indicators import actions
from yifa.indicators.models import IndicatorNode, ItemScore
from yifa.indicators.values import active_scheme

from .conftest import audit_actions


@pytest.fixture
def item(db):
    return active_scheme().nodes.get(title__startswith="党政主要负责人履行推进法治建设第一责任人职责")


def url(tree, item, org=None):
    return f"/indicators/score/{(org or tree.township).pk}/item/{item.pk}/?period=2025"


def test_the_district_overseer_scores_a_township_item(tree, item, client):
    client.force_login(tree.district_overseer)
    response = client.post(url(tree, item), {"score": "1.5", "note": "全年专题研究1次，未述法，扣0.5分。"})
    assert response.status_code == 302 and response["Location"].endswith(f"#n-{item.pk}")
    score = ItemScore.objects.get(node=item, org=tree.township, year=2025)
    assert score.score == Decimal("1.5") and score.scored_by == tree.district_overseer
    assert audit_actions(score) == ["indicators.score_item"]
    page = client.get(response["Location"]).content.decode()
    assert "全年专题研究1次，未述法，扣0.5分。" in page


def test_a_second_score_replaces_the_first_and_both_are_in_the_audit_trail(tree, item):
    actions.score_item(item, tree.township, 2025, by=tree.district_overseer, score=2, note="履职到位")
    actions.score_item(item, tree.township, 2025, by=tree.district_overseer, score=1, note="复核后扣1分")
    score = ItemScore.objects.get(node=item, org=tree.township, year=2025)
    assert score.score == 1 and score.note == "复核后扣1分"
    assert audit_actions(score) == ["indicators.score_item", "indicators.score_item"]


@pytest.mark.parametrize("value, note, message", [
    ("3", "超出分值", "得分应在0至2分之间。"),
    ("-1", "负分", "得分应在0至2分之间。"),
    ("abc", "不是数", "得分应在0至2分之间。"),
    ("1", "  ", "请填写评分说明"),
])
def test_bad_input_is_refused_with_a_chinese_message_and_nothing_saved(tree, item, client, value, note, message):
    client.force_login(tree.district_overseer)
    response = client.post(url(tree, item), {"score": value, "note": note})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ItemScore.objects.exists()


def test_a_quantitative_item_is_not_scored_by_hand(tree, client):
    node = active_scheme().nodes.get(indicator="mediation.success_rate")
    with pytest.raises(Exception, match="定量指标由平台按登记数据计算"):
        actions.score_item(node, tree.township, 2025, by=tree.district_overseer, score=1, note="x")
    client.force_login(tree.district_overseer)
    assert client.post(url(tree, node), {"score": "1", "note": "x"}).status_code == 403


def test_an_item_of_an_edition_not_in_force_is_refused(tree):
    town = actions.load_shipped("town-assessment-2025.json", by=tree.admin)
    node = town.nodes.filter(kind=IndicatorNode.Kind.QUALITATIVE).first()
    with pytest.raises(Exception, match="只能对启用中的指标体系评分"):
        actions.score_item(node, tree.township, 2025, by=tree.district_overseer, score=1, note="x")


def test_scoring_refuses_get(tree, item, client):
    client.force_login(tree.district_overseer)
    assert client.get(url(tree, item)).status_code == 405


@pytest.mark.parametrize("persona", ["township_head", "township_handler", "reviewer"])
def test_a_unit_does_not_score_itself(tree, item, client, persona):
    client.force_login(getattr(tree, persona))
    assert client.post(url(tree, item), {"score": "2", "note": "自评"}).status_code == 403
    assert not ItemScore.objects.exists()


def test_another_districts_unit_answers_404(tree, item, client):
    client.force_login(tree.district_overseer)
    assert client.post(url(tree, item, tree.other_township), {"score": "2", "note": "x"}).status_code == 404


def test_the_score_form_shows_only_to_the_overseer_above(tree, client):
    client.force_login(tree.district_overseer)
    assert "保存评分" in client.get(f"/indicators/score/{tree.township.pk}/?period=2025").content.decode()
    client.force_login(tree.township_head)
    assert "保存评分" not in client.get(f"/indicators/score/{tree.township.pk}/?period=2025").content.decode()
