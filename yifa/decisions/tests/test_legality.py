import datetime as dt

from django.urls import reverse

from yifa.decisions import actions
from yifa.legal_review import actions as legal_review
from yifa.legal_review.models import ReviewRequest

from .conftest import K, finish_legality, post


def test_the_draft_is_sent_to_the_legality_review_module(client, tree, decision, today):
    url = reverse("decisions:legality_request", args=[decision.pk])
    client.force_login(tree.township_handler)
    assert client.get(url).status_code == 405
    assert post(client, tree.reviewer, url, {"note": ""}).status_code == 403
    assert post(client, tree.sibling_handler, url, {"note": ""}).status_code == 404
    assert post(client, tree.township_handler, url, {"note": "请重点审查资金条款"}).status_code == 302
    step = decision.steps.get(kind=K.LEGALITY)
    review = ReviewRequest.objects.get(pk=step.review_request_id)
    assert step.status == "in_progress"
    assert review.subject == "decision" and review.source_app == "decisions" and review.source_id == decision.pk
    assert review.rule_code == "decisions.legality_review" and review.earliest_issue_on == dt.date(2025, 3, 12)
    assert "履行决策程序情况：公众参与：待办理" in review.materials and "请重点审查资金条款" in review.materials
    assert post(client, tree.township_handler, url, {"note": ""}).status_code == 400


def test_a_lawful_opinion_completes_the_step(tree, decision, today):
    review = finish_legality(decision, tree)
    step = decision.steps.get(kind=K.LEGALITY)
    assert step.status == "done" and step.opinion_number == review.opinion_number == "东街法审〔2025〕1号"
    assert step.completed_on == dt.date(2025, 2, 24)


def test_an_unlawful_opinion_reopens_the_step_and_blocks_the_meeting(tree, decision, today):
    finish_legality(decision, tree, conclusion="unlawful")
    step = decision.steps.get(kind=K.LEGALITY)
    assert step.status == "pending" and step.conclusion == "不合法"
    assert "合法性审查认为不合法，不得提交讨论（《重大行政决策程序暂行条例》第二十五条）" in actions.open_steps(decision)


def test_changing_the_draft_after_review_requires_a_new_review(tree, decision, today):
    finish_legality(decision, tree)
    actions.update_draft(decision, by=tree.township_handler, draft_text="修改后的草案")
    step = decision.steps.get(kind=K.LEGALITY)
    assert step.status == "pending" and not step.review_request_id and "需重新送审" in step.result


def test_a_withdrawn_decision_withdraws_its_open_review(tree, decision, today):
    actions.request_legality_review(decision, by=tree.township_handler)
    review_id = decision.steps.get(kind=K.LEGALITY).review_request_id
    actions.withdraw(decision, by=tree.township_head, reason="上级政策调整")
    assert ReviewRequest.objects.get(pk=review_id).status == "withdrawn"
    decision.refresh_from_db()
    assert decision.status == "withdrawn"


def test_a_returned_review_is_noted_on_the_decision(tree, decision, today):
    from yifa.core.models import AuditEntry

    step = actions.request_legality_review(decision, by=tree.township_handler)
    review = ReviewRequest.objects.get(pk=step.review_request_id)
    legal_review.assign(review, by=tree.reviewer, reviewer=tree.reviewer)
    legal_review.return_for_materials(review, by=tree.reviewer, reason="缺少起草说明")
    assert AuditEntry.objects.filter(action="decisions.legality_returned", target_id=str(decision.pk)).exists()
    assert decision.steps.get(kind=K.LEGALITY).status == "in_progress"
