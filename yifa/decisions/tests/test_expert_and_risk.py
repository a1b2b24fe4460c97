from django.urls import reverse

from yifa.core.models import AuditEntry
from yifa.decisions.models import ExpertOpinion

from .conftest import K, post

OPINION = {"expert_name": "周明华", "expert_title": "高级工程师", "field": "建筑结构", "given_on": "2025-03-01",
           "opinion": "方案可行，加装电梯应逐幢鉴定。", "signed": "on", "no_interest": "on"}


def test_an_expert_opinion_is_recorded(client, tree, decision):
    url = reverse("decisions:expert_add", args=[decision.pk])
    client.force_login(tree.township_handler)
    assert client.get(url).status_code == 405
    assert post(client, tree.reviewer, url, OPINION).status_code == 403
    assert post(client, tree.sibling_handler, url, OPINION).status_code == 404
    assert post(client, tree.township_handler, url, OPINION).status_code == 302
    assert ExpertOpinion.objects.get().signed
    assert decision.steps.get(kind=K.EXPERT).status == "in_progress"
    assert AuditEntry.objects.filter(action="decisions.add_expert_opinion").exists()


def test_an_expert_with_an_interest_is_refused(client, tree, decision):
    response = post(client, tree.township_handler, reverse("decisions:expert_add", args=[decision.pk]),
                    {**OPINION, "no_interest": ""})
    assert response.status_code == 400 and "第二十一条" in response.content.decode()
    assert not ExpertOpinion.objects.exists()


def test_expert_review_completes_only_with_signed_opinions(client, tree, decision):
    post(client, tree.township_handler, reverse("decisions:expert_add", args=[decision.pk]), {**OPINION, "signed": ""})
    done = reverse("decisions:expert_done", args=[decision.pk])
    response = post(client, tree.township_handler, done, {"result": "可行"})
    assert response.status_code == 400 and "署名、盖章" in response.content.decode() and "第二十条" in response.content.decode()
    ExpertOpinion.objects.update(signed=True)
    assert post(client, tree.township_handler, done, {"result": "方案可行，建议均已采纳"}).status_code == 302
    step = decision.steps.get(kind=K.EXPERT)
    assert step.status == "done" and step.result == "方案可行，建议均已采纳"
    assert post(client, tree.township_handler, done, {"result": "再次"}).status_code == 400


RISK = {"assessed_on": "2025-03-01", "assessor": "平安办", "method": "入户走访", "risk_points": "施工扰民",
        "measures": "错峰施工", "level": "medium", "controllable": "on"}


def test_a_controllable_risk_completes_the_assessment(client, tree, decision):
    url = reverse("decisions:risk_record", args=[decision.pk])
    client.force_login(tree.township_handler)
    assert client.get(url).status_code == 405
    assert post(client, tree.reviewer, url, RISK).status_code == 403
    assert post(client, tree.other_handler, url, RISK).status_code == 404
    assert post(client, tree.township_handler, url, RISK).status_code == 302
    step = decision.steps.get(kind=K.RISK)
    assert step.status == "done" and "中风险，风险可控" in step.result


def test_an_uncontrollable_risk_keeps_the_decision_from_the_meeting(client, tree, decision):
    from yifa.decisions import actions

    post(client, tree.township_handler, reverse("decisions:risk_record", args=[decision.pk]),
         {**RISK, "level": "high", "controllable": ""})
    assert decision.steps.get(kind=K.RISK).status == "in_progress"
    assert "风险评估认为风险不可控，应当调整决策草案后重新评估（《重大行政决策程序暂行条例》第二十三条）" in actions.open_steps(decision)
