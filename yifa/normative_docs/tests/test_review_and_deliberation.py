from django.urls import reverse

from yifa.core import deadlines
from yifa.core.models import AuditEntry
from yifa.legal_review.models import ReviewRequest
from yifa.normative_docs import actions

from .conftest import D, commented, post, reviewed

MEETING = {"body": "街道主任办公会议", "held_on": "2025-03-03", "minutes": "审议通过。"}


def test_the_document_goes_to_the_legality_review_module(client, tree, draft):
    commented(draft, tree)
    url = reverse("normative_docs:review_request", args=[draft.pk])
    client.force_login(tree.township_handler)
    assert client.get(url).status_code == 405
    assert post(client, tree.reviewer, url, {"note": ""}).status_code == 403
    assert post(client, tree.sibling_handler, url, {"note": ""}).status_code == 404
    assert post(client, tree.township_handler, url, {"note": ""}).status_code == 302
    draft.refresh_from_db()
    review = ReviewRequest.objects.get(pk=draft.review_request_id)
    assert draft.status == "reviewing" and review.subject == "normative" and review.source_app == "normative_docs"
    clock = deadlines.of(review)[0]
    # At most 15 working days (国办发〔2018〕115号, [M]): from 3 March 2025 to 24 March.
    assert clock.rule.code == "normative.legality_review" and clock.due_on == D(2025, 3, 24)
    assert post(client, tree.township_handler, url, {"note": ""}).status_code == 409


def test_deliberation_without_legality_review_is_refused(client, tree, draft):
    commented(draft, tree)
    response = post(client, tree.township_handler, reverse("normative_docs:deliberate", args=[draft.pk]), MEETING)
    body = response.content.decode()
    assert response.status_code == 400
    assert "不能提交集体审议：尚未通过合法性审核" in body
    assert "未经合法性审核或者经审核不合法的，不得提交集体审议（国办发〔2018〕37号）" in body
    draft.refresh_from_db()
    assert draft.status == "commented" and not draft.deliberated_on


def test_an_unlawful_opinion_sends_the_draft_back(client, tree, draft):
    reviewed(commented(draft, tree), tree, conclusion="unlawful")
    assert draft.status == "commented" and draft.review_conclusion == "不合法"
    response = post(client, tree.township_handler, reverse("normative_docs:deliberate", args=[draft.pk]), MEETING)
    assert response.status_code == 400 and "合法性审核认为不合法" in response.content.decode()


def test_deliberation_after_review(client, tree, draft):
    reviewed(commented(draft, tree), tree)
    assert draft.status == "reviewed" and draft.review_opinion_number == "东街法审〔2025〕1号"
    url = reverse("normative_docs:deliberate", args=[draft.pk])
    client.force_login(tree.township_handler)
    assert client.get(url).status_code == 405
    assert post(client, tree.reviewer, url, MEETING).status_code == 403
    assert post(client, tree.other_handler, url, MEETING).status_code == 404
    assert post(client, tree.township_handler, url, MEETING).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "deliberated" and draft.deliberated_on == D(2025, 3, 3)
    assert AuditEntry.objects.filter(action="normative_docs.deliberate").exists()
    assert post(client, tree.township_handler, url, MEETING).status_code == 409


def test_withdrawing_cancels_an_open_review(tree, draft):
    commented(draft, tree)
    actions.request_legality_review(draft, by=tree.township_handler)
    review_id = draft.review_request_id
    actions.withdraw(draft, by=tree.township_head, reason="上级已出台统一规定")
    assert ReviewRequest.objects.get(pk=review_id).status == "withdrawn"
    assert draft.status == "withdrawn"
