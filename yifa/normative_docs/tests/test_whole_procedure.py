"""One document through every step, as its users do it in the pages: drafted, commented on the portal,
reviewed, deliberated, numbered, published, filed, ordered corrected by the district, answered late (shown
overdue first), and finally shown 失效 on the portal once its validity has run out."""

import datetime as dt

import time_machine
from django.urls import reverse

from yifa.core import antispam
from yifa.legal_review.models import ReviewRequest
from yifa.normative_docs.models import Filing, NormativeDocument

from .conftest import SHANGHAI, at, post


def test_a_document_goes_through_every_step_to_expiry(client, tree):
    with at(2025, 3, 3):
        post(client, tree.township_handler, reverse("normative_docs:document_create"), {
            "title": "东街道门前三包责任制管理办法（试行）", "drafting_unit": "城管办", "basis": "《城市市容和环境卫生管理条例》",
            "draft_text": "第一条 沿街单位和个人实行门前三包责任制。", "drafting_notes": "回应群众反映。"})
        document = NormativeDocument.objects.get()
        detail = reverse("normative_docs:document_detail", args=[document.pk])
        assert post(client, tree.township_handler, reverse("normative_docs:comment_open", args=[document.pk]), {
            "opens_on": "2025-03-03", "closes_on": "2025-03-12", "notice": "在线提交。"}).status_code == 302
        client.logout()
        with time_machine.travel(dt.datetime(2025, 3, 3, 9, 59, tzinfo=SHANGHAI), tick=False):
            token = antispam.new_token()
        assert client.post(reverse("normative_docs:public_comment", args=[document.pk]), {
            "body": "建议明确三包的具体范围。", "form_token": token}).status_code == 302
    comment = document.comments.get()
    with at(2025, 3, 13):
        prefix = f"c{comment.pk}-"
        post(client, tree.township_handler, reverse("normative_docs:comment_answer", args=[document.pk, comment.pk]),
             {prefix + "disposition": "adopted"})
        assert post(client, tree.township_handler, reverse("normative_docs:comment_close", args=[document.pk]),
                    {"summary": "采纳1条。"}).status_code == 302
        assert post(client, tree.township_handler, reverse("normative_docs:review_request", args=[document.pk]),
                    {"note": ""}).status_code == 302
        review = ReviewRequest.objects.get()
        post(client, tree.reviewer, reverse("legal_review:request_assign", args=[review.pk]), {"reviewer": tree.reviewer.pk})
        assert post(client, tree.reviewer, reverse("legal_review:request_issue", args=[review.pk]), {
            "conclusion": "lawful", "opinion": "制定主体适格，内容合法。", "basis": "国办发〔2018〕37号",
            "issued_on": "2025-03-13"}).status_code == 302
        assert post(client, tree.township_handler, reverse("normative_docs:deliberate", args=[document.pk]), {
            "body": "主任办公会议", "held_on": "2025-03-13", "minutes": "通过"}).status_code == 302
        assert post(client, tree.township_handler, reverse("normative_docs:register", args=[document.pk]),
                    {"registered_on": "2025-03-13"}).status_code == 302
        assert post(client, tree.township_handler, reverse("normative_docs:publish", args=[document.pk]), {
            "published_on": "2025-03-13", "effective_on": "2025-03-13", "channel": "区政府网站",
            "validity_months": "24"}).status_code == 302
        assert post(client, tree.township_handler, reverse("normative_docs:file", args=[document.pk]),
                    {"filed_on": "2025-03-13", "report": "现报送备案。"}).status_code == 302
        filing = Filing.objects.get()
        assert filing.on_time
        assert post(client, tree.district_overseer, reverse("normative_docs:filing_correct", args=[filing.pk]), {
            "problem": "第五条设定罚款，无上位法依据。", "requirement": "删除第五条。"}).status_code == 302
    with at(2025, 4, 10):
        client.force_login(tree.township_handler)
        assert "已逾期" in client.get(detail).content.decode()
        assert post(client, tree.township_handler, reverse("normative_docs:filing_answer", args=[filing.pk]), {
            "answer_kind": "amended", "answer": "已删除第五条。"}).status_code == 302
        filing.refresh_from_db()
        assert filing.answered_late and "逾期完成" in client.get(detail).content.decode()
        assert post(client, tree.district_overseer, reverse("normative_docs:filing_pass", args=[filing.pk]),
                    {"opinion": "纠正到位。"}).status_code == 302
    document.refresh_from_db()
    assert document.number == "东街规〔2025〕1号" and document.expires_on == dt.date(2027, 3, 12)
    with at(2027, 3, 13):
        client.logout()
        page = client.get(reverse("normative_docs:public_document", args=[document.pk])).content.decode()
        assert ">失效<" in page and "东街规〔2025〕1号" in page
