"""答复 (第三十六条): a type and its specific case, reasons where the law asks for them, a numbered 答复书
that opens again in Word."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document

from yifa.core.models import AuditEntry
from yifa.disclosure import actions
from yifa.disclosure.models import InfoRequest


def _reply(client, req, **data):
    payload = {"on": "2025-09-01", "outcome": "disclosed", "reason": "provided", "reply_text": "现邮寄提供。"}
    payload.update(data)
    return client.post(reverse("disclosure:request_act", args=[req.pk, "reply"]), payload)


def _text(response) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)


def test_the_reply_is_numbered_and_audited(tree, request_, client):
    client.force_login(tree.township_handler)
    assert _reply(client, request_).status_code == 302
    request_.refresh_from_db()
    assert request_.status == InfoRequest.Status.REPLIED and request_.replied_on == dt.date(2025, 9, 1)
    assert request_.reply_number == "东街公复〔2025〕1号" and request_.reply_due_on is None
    assert AuditEntry.objects.filter(action="disclosure.reply", target_id=str(request_.pk)).exists()


def test_the_reply_letter_downloads_and_opens_again(tree, request_, client):
    h = tree.township_handler
    actions.request_correction(request_, by=h, on=dt.date(2025, 8, 20), items="写明年度", deadline=dt.date(2025, 8, 29))
    actions.receive_correction(request_, by=h, on=dt.date(2025, 8, 22))
    actions.consult_third_party(request_, by=h, on=dt.date(2025, 8, 25), third_party="某建设公司")
    actions.receive_third_party_opinion(request_, by=h, on=dt.date(2025, 8, 28), opinion="objected")
    actions.reply(request_, by=h, on=dt.date(2025, 9, 1), outcome="partly", reason="third_party",
                  reply_text="中标结果予以提供；投标文件涉及商业秘密，第三方不同意公开。")
    client.force_login(h)
    response = client.get(reverse("disclosure:reply_docx", args=[request_.pk]))
    assert response.status_code == 200
    text = _text(response)
    assert "政府信息公开申请答复书" in text and "东街公复〔2025〕1号" in text and "沈晓东：" in text
    assert "2025年8月18日收到" in text and "2025年8月22日收到补正后的申请" in text
    assert "书面征求了第三方意见" in text and "第三十七条" in text and "第十五条" in text
    assert "60日内向甲区人民政府申请行政复议" in text and "6个月内" in text
    assert "2025年9月1日" in text


@pytest.mark.parametrize("outcome,reason,article", [
    ("disclosed", "already_public", "第三十六条第（一）项"),
    ("withheld", "state_secret", "第十四条"),
    ("withheld", "process", "第十六条第二款"),
    ("unavailable", "not_held", "第三十六条第（四）项"),
    ("unavailable", "needs_creation", "第三十八条"),
    ("not_handled", "petition", "第三十九条第一款"),
    ("not_handled", "repeated", "第三十六条第（六）项"),
    ("other", "no_fee", "第四十二条"),
])
def test_each_reply_type_cites_its_article(tree, request_, client, outcome, reason, article):
    actions.reply(request_, by=tree.township_handler, on=dt.date(2025, 9, 1), outcome=outcome, reason=reason,
                  reply_text="具体理由。")
    client.force_login(tree.township_handler)
    assert article in _text(client.get(reverse("disclosure:reply_docx", args=[request_.pk])))


def test_a_refusal_without_reasons_is_refused(tree, request_):
    with pytest.raises(ValidationError, match="应当说明理由"):
        actions.reply(request_, by=tree.township_handler, on=dt.date(2025, 9, 1), outcome="withheld",
                      reason="state_secret", reply_text="")
    request_.refresh_from_db()
    assert request_.status == InfoRequest.Status.REGISTERED and not request_.reply_number


def test_the_specific_case_must_belong_to_the_outcome(tree, request_, client):
    client.force_login(tree.township_handler)
    response = _reply(client, request_, outcome="withheld", reason="not_held", reply_text="x")
    request_.refresh_from_db()
    assert request_.status == InfoRequest.Status.REGISTERED
    assert any("具体情形应为" in str(m) for m in response.wsgi_request._messages)


def test_a_request_waiting_for_its_correction_cannot_be_answered(tree, request_, client):
    actions.request_correction(request_, by=tree.township_handler, on=dt.date(2025, 8, 20), items="写明年度",
                               deadline=dt.date(2025, 9, 10))
    client.force_login(tree.township_handler)
    response = _reply(client, request_)
    request_.refresh_from_db()
    assert request_.status == InfoRequest.Status.CORRECTION
    assert any("不能答复" in str(m) for m in response.wsgi_request._messages)


def test_no_letter_before_the_reply(tree, request_, client):
    client.force_login(tree.township_handler)
    assert client.get(reverse("disclosure:reply_docx", args=[request_.pk])).status_code == 403


def test_remedies_are_recorded_after_the_reply(tree, request_, client):
    client.force_login(tree.township_handler)
    url = reverse("disclosure:request_act", args=[request_.pk, "record_remedy"])
    response = client.post(url, {"reconsideration": "upheld"})
    assert any("答复后才能" in str(m) or "须先答复" in str(m) for m in response.wsgi_request._messages)
    _reply(client, request_)
    client.post(url, {"reconsideration": "corrected", "litigation": "after_review", "litigation_result": "pending"})
    request_.refresh_from_db()
    assert (request_.reconsideration, request_.litigation, request_.litigation_result) == (
        "corrected", "after_review", "pending")


def test_the_applicant_may_withdraw(tree, request_, client):
    client.force_login(tree.township_handler)
    client.post(reverse("disclosure:request_act", args=[request_.pk, "withdraw"]), {"on": "2025-08-25"})
    request_.refresh_from_db()
    assert request_.status == InfoRequest.Status.CLOSED and request_.outcome == "other"
