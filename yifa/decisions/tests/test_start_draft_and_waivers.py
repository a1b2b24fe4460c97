from django.urls import reverse

from yifa.core.models import AuditEntry
from yifa.decisions import actions
from yifa.decisions.models import Decision, DecisionStep

from .conftest import K, post


def test_starting_names_the_undertaking_unit(client, tree, catalogue):
    d = actions.add_decision(org=tree.township, by=tree.township_handler, kind="major", category="policy", title="甲",
                             catalogue=catalogue)
    url = reverse("decisions:decision_start", args=[d.pk])
    client.force_login(tree.township_handler)
    assert client.get(url).status_code == 405
    assert post(client, tree.reviewer, url, {"undertaking_unit": "党政办"}).status_code == 403
    assert post(client, tree.sibling_handler, url, {"undertaking_unit": "党政办"}).status_code == 404
    assert post(client, tree.township_handler, url, {"undertaking_unit": "党政办"}).status_code == 302
    d.refresh_from_db()
    assert d.status == Decision.Status.DRAFTING and d.undertaking_unit == "党政办"
    assert AuditEntry.objects.filter(action="decisions.start", target_id=str(d.pk)).exists()
    assert post(client, tree.township_handler, url, {"undertaking_unit": "党政办"}).status_code == 409


def test_the_head_waives_expert_review_with_its_legal_ground(client, tree, decision):
    url = reverse("decisions:step_waive", args=[decision.pk, K.EXPERT])
    client.force_login(tree.township_head)
    assert client.get(url).status_code == 405
    assert post(client, tree.township_handler, url, {"reason": "专业性不强"}).status_code == 403
    assert post(client, tree.sibling_handler, url, {"reason": "专业性不强"}).status_code == 404
    assert post(client, tree.township_head, url, {"reason": "事项为资金安排，专业性不强"}).status_code == 302
    step = decision.steps.get(kind=K.EXPERT)
    assert step.status == "waived" and not step.required
    assert "第十九条" in step.waiver_ground and step.waiver_reason == "事项为资金安排，专业性不强"
    assert AuditEntry.objects.filter(action="decisions.waive_step").exists()


def test_legality_review_can_never_be_waived(client, tree, decision):
    response = post(client, tree.township_head, reverse("decisions:step_waive", args=[decision.pk, K.LEGALITY]),
                    {"reason": "时间紧"})
    assert response.status_code == 400
    assert "合法性审查是必经程序，不能认定不适用（《重大行政决策程序暂行条例》第二十五条）" in response.content.decode()
    assert decision.steps.get(kind=K.LEGALITY).status == "pending"
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="合法性审查是必经程序，不能认定不适用（《重大行政决策程序暂行条例》第二十五条）"):
        actions.waive_step(decision.steps.get(kind=K.LEGALITY), by=tree.township_head, reason="时间紧")


def test_a_waiver_can_be_undone(client, tree, decision):
    step = decision.steps.get(kind=K.RISK)
    actions.waive_step(step, by=tree.township_head, reason="已评估过")
    url = reverse("decisions:step_reinstate", args=[decision.pk, K.RISK])
    assert post(client, tree.township_handler, url).status_code == 403
    assert post(client, tree.township_head, url).status_code == 302
    step.refresh_from_db()
    assert step.status == "pending" and step.required and not step.waiver_reason
    assert post(client, tree.township_head, url).status_code == 409


def test_the_draft_is_saved_and_audited(client, tree, decision):
    url = reverse("decisions:decision_draft", args=[decision.pk])
    client.force_login(tree.township_handler)
    assert client.get(url).status_code == 200
    data = {"summary": "", "basis": decision.basis, "draft_text": "新草案", "draft_notes": "说明", "undertaking_unit": "城建办",
            "planned": "", "source": ""}
    assert post(client, tree.township_handler, url, data).status_code == 302
    decision.refresh_from_db()
    assert decision.draft_text == "新草案" and decision.draft_revised_at
    assert AuditEntry.objects.filter(action="decisions.update_draft").count() == 2
    assert post(client, tree.reviewer, url, data).status_code == 403
    assert post(client, tree.other_handler, url, data).status_code == 404


def test_steps_are_scoped_like_their_decision(client, tree, decision):
    client.force_login(tree.sibling_handler)
    assert client.get(reverse("decisions:decision_step", args=[decision.pk, K.EXPERT])).status_code == 404
    assert client.get(reverse("decisions:decision_detail", args=[decision.pk])).status_code == 404
    client.force_login(tree.district_overseer)
    page = client.get(reverse("decisions:decision_detail", args=[decision.pk])).content.decode()
    assert decision.title in page and "公众参与" in page
    assert not DecisionStep.objects.visible_to(tree.sibling_handler).exists()
