import io

from django.urls import reverse
from docx import Document

from yifa.core import deadlines
from yifa.core.models import AuditEntry
from yifa.legal_review import actions
from yifa.legal_review.models import ReviewRequest

from .conftest import post

OPINION = {"conclusion": "with_changes", "opinion": "一、付款条款应与验收挂钩；二、明确违约金计算方式。",
           "basis": "《中华人民共和国民法典》第五百七十七条", "issued_on": "2025-03-03"}


def url(review):
    return reverse("legal_review:request_issue", args=[review.pk])


def test_the_reviewer_issues_a_numbered_opinion(client, tree, reviewing, today):
    response = post(client, tree.reviewer, url(reviewing), OPINION)
    assert response.status_code == 302
    reviewing.refresh_from_db()
    assert reviewing.status == ReviewRequest.Status.ISSUED
    assert reviewing.opinion_number == "东街法审〔2025〕1号"
    assert reviewing.conclusion == "with_changes" and reviewing.issued_on == today
    assert AuditEntry.objects.filter(action="legal_review.issue_opinion", target_id=str(reviewing.pk)).exists()


def test_numbers_follow_on_within_the_year(tree, reviewing, today):
    actions.issue_opinion(reviewing, by=tree.reviewer, conclusion="lawful", opinion="合法", basis="依据")
    second = actions.request_review(org=tree.township, by=tree.township_handler, subject="other", title="第二件",
                                    materials="材料")
    actions.assign(second, by=tree.reviewer, reviewer=tree.reviewer)
    actions.issue_opinion(second, by=tree.reviewer, conclusion="lawful", opinion="合法", basis="依据")
    assert second.opinion_number == "东街法审〔2025〕2号"


def test_get_is_refused(client, tree, reviewing):
    client.force_login(tree.reviewer)
    assert client.get(url(reviewing)).status_code == 405


def test_the_submitter_cannot_issue_the_opinion(client, tree, reviewing):
    assert post(client, tree.township_handler, url(reviewing), OPINION).status_code == 403


def test_another_unit_gets_404(client, tree, reviewing):
    assert post(client, tree.sibling_handler, url(reviewing), OPINION).status_code == 404


def test_an_unassigned_request_cannot_get_an_opinion(client, tree, review):
    response = post(client, tree.reviewer, url(review), OPINION)
    assert response.status_code == 409
    review.refresh_from_db()
    assert review.status == ReviewRequest.Status.SUBMITTED and not review.opinion_number


def test_a_decision_review_cannot_be_cut_short_without_a_reason(client, tree, decision_review, today):
    response = post(client, tree.reviewer, url(decision_review), OPINION)
    body = response.content.decode()
    assert response.status_code == 400
    assert "审查时间不足" in body and "第二十六条" in body and "7个工作日" in body and "2025年3月12日" in body
    decision_review.refresh_from_db()
    assert decision_review.status == ReviewRequest.Status.REVIEWING and not decision_review.opinion_number


def test_a_shorter_review_is_allowed_with_a_recorded_reason(client, tree, decision_review):
    response = post(client, tree.reviewer, url(decision_review),
                    {**OPINION, "short_review_reason": "上级交办紧急事项，限期报送"})
    assert response.status_code == 302
    decision_review.refresh_from_db()
    assert decision_review.short_review_reason == "上级交办紧急事项，限期报送"
    clock = deadlines.of(decision_review)[0]
    assert clock.status == "short"


def test_after_seven_working_days_the_opinion_meets_the_minimum(tree, decision_review):
    import datetime as dt

    import time_machine

    from .conftest import SHANGHAI

    with time_machine.travel(dt.datetime(2025, 3, 12, 9, tzinfo=SHANGHAI), tick=False):
        actions.issue_opinion(decision_review, by=tree.reviewer, conclusion="lawful", opinion="合法", basis="依据")
        assert deadlines.of(decision_review)[0].status == "met"


def test_the_opinion_letter_is_a_real_docx(client, tree, reviewing):
    actions.issue_opinion(reviewing, by=tree.reviewer, conclusion="with_changes", opinion=OPINION["opinion"],
                          basis=OPINION["basis"])
    client.force_login(tree.township_handler)
    response = client.get(reverse("legal_review:opinion_docx", args=[reviewing.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "合法性审查意见书" in text and "东街法审〔2025〕1号" in text
    assert "东街道保洁服务合同" in text and "甲保洁公司" in text and "付款条款应与验收挂钩" in text
    assert "修改后合法" in text and "2025年3月3日" in text
    section = document.sections[0]
    assert round(section.top_margin.mm) == 37 and round(section.left_margin.mm) == 28


def test_the_opinion_letter_is_not_available_before_issue(client, tree, reviewing):
    client.force_login(tree.township_handler)
    assert client.get(reverse("legal_review:opinion_docx", args=[reviewing.pk])).status_code == 403


def test_the_asking_module_hears_the_outcome(tree, reviewing, monkeypatch):
    from django.apps import apps

    heard = []
    config = apps.get_app_config("legal_review")
    ReviewRequest.objects.filter(pk=reviewing.pk).update(source_app="legal_review", source_id=99)
    reviewing.refresh_from_db()
    monkeypatch.setattr(config, "on_legal_review", lambda outcome, by: heard.append(outcome), raising=False)
    actions.issue_opinion(reviewing, by=tree.reviewer, conclusion="unlawful", opinion="越权", basis="依据")
    assert heard[0].source_id == 99 and heard[0].conclusion_label == "不合法" and heard[0].passed is False
