import datetime as dt

import time_machine
from django.urls import reverse

from yifa.core import deadlines
from yifa.core.models import AuditEntry
from yifa.decisions import actions
from yifa.decisions.models import PublicComment

from .conftest import K, SHANGHAI, post


def opened(tree, decision):
    actions.open_comment(decision, by=tree.township_handler, opens_on=dt.date(2025, 3, 3),
                         closes_on=dt.date(2025, 4, 7), notice="在线提交")
    return actions.submit_comment(decision, body="建议增加停车位。", address_hash="x")


def test_each_comment_is_answered_with_a_reason(client, tree, decision):
    comment = opened(tree, decision)
    url = reverse("decisions:comment_answer", args=[decision.pk, comment.pk])
    client.force_login(tree.township_handler)
    assert client.get(url).status_code == 405
    prefix = f"c{comment.pk}-"
    response = post(client, tree.township_handler, url, {prefix + "disposition": "not_adopted", prefix + "reply": ""})
    assert response.status_code == 400 and "请说明理由" in response.content.decode()
    assert post(client, tree.reviewer, url, {prefix + "disposition": "adopted"}).status_code == 403
    assert post(client, tree.sibling_handler, url, {prefix + "disposition": "adopted"}).status_code == 404
    assert post(client, tree.township_handler, url, {prefix + "disposition": "partly",
                                                     prefix + "reply": "停车位纳入二期"}).status_code == 302
    comment.refresh_from_db()
    assert comment.disposition == "partly" and comment.reply == "停车位纳入二期"
    assert AuditEntry.objects.filter(action="decisions.answer_comment").exists()


def test_adoption_cannot_be_published_before_the_period_ends(client, tree, decision):
    opened(tree, decision)
    url = reverse("decisions:adoption_publish", args=[decision.pk])
    response = post(client, tree.township_handler, url, {"summary": "采纳1条"})
    assert response.status_code == 400 and "征求意见期尚未届满（截止于2025年4月7日）" in response.content.decode()


def test_adoption_needs_every_comment_answered(client, tree, decision):
    opened(tree, decision)
    with time_machine.travel(dt.datetime(2025, 4, 8, 9, tzinfo=SHANGHAI), tick=False):
        response = post(client, tree.township_handler, reverse("decisions:adoption_publish", args=[decision.pk]),
                        {"summary": "采纳1条"})
    assert response.status_code == 400 and "还有1条公众意见没有研究处理" in response.content.decode()


def test_publishing_adoption_completes_public_participation(client, tree, decision):
    comment = opened(tree, decision)
    actions.answer_comment(comment, by=tree.township_handler, disposition="adopted", reply="")
    url = reverse("decisions:adoption_publish", args=[decision.pk])
    with time_machine.travel(dt.datetime(2025, 4, 8, 9, tzinfo=SHANGHAI), tick=False):
        client.force_login(tree.township_handler)
        assert client.get(url).status_code == 405
        assert post(client, tree.reviewer, url, {"summary": "x"}).status_code == 403
        assert post(client, tree.other_handler, url, {"summary": "x"}).status_code == 404
        assert post(client, tree.township_handler, url, {"summary": "采纳停车位建议"}).status_code == 302
        decision.refresh_from_db()
        step = decision.steps.get(kind=K.PARTICIPATION)
        assert decision.adoption_published_on == dt.date(2025, 4, 8)
        assert step.status == "done" and "收到意见1条，采纳1条" in step.result
        assert deadlines.of(decision)[0].status == "met"
        assert post(client, tree.township_handler, url, {"summary": "再次"}).status_code == 400
        # Answers are frozen once published.
        import pytest
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError, match="采纳情况已经公布"):
            actions.answer_comment(PublicComment.objects.get(), by=tree.township_handler, disposition="not_adopted",
                                   reply="改")


def test_the_notice_and_adoption_documents_open_as_docx(client, tree, decision):
    import io

    from docx import Document

    comment = opened(tree, decision)
    actions.answer_comment(comment, by=tree.township_handler, disposition="adopted", reply="")
    client.force_login(tree.township_handler)
    notice = Document(io.BytesIO(client.get(reverse("decisions:notice_docx", args=[decision.pk])).content))
    text = "\n".join(p.text for p in notice.paragraphs)
    assert "公开征求意见的公告" in text and "自2025年3月3日起至2025年4月7日止，共35日" in text
    assert client.get(reverse("decisions:adoption_docx", args=[decision.pk])).status_code == 403
    with time_machine.travel(dt.datetime(2025, 4, 8, 9, tzinfo=SHANGHAI), tick=False):
        actions.publish_adoption(decision, by=tree.township_handler, summary="采纳停车位建议")
    adoption = Document(io.BytesIO(client.get(reverse("decisions:adoption_docx", args=[decision.pk])).content))
    text = "\n".join(p.text for p in adoption.paragraphs)
    assert "公众意见采纳情况的说明" in text and "共收到意见1条，其中采纳1条" in text
    assert adoption.tables[0].rows[1].cells[2].text == "建议增加停车位。"
