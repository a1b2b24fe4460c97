import datetime as dt

from django.urls import reverse

from yifa.core import deadlines
from yifa.core.models import AuditEntry
from yifa.normative_docs import actions
from yifa.normative_docs.models import NormativeDocument

from .conftest import D, post

NEW = {"title": "东街道沿街商铺门前责任区管理办法", "drafting_unit": "城管办", "touches_business": "on",
       "basis": "《城市市容和环境卫生管理条例》", "draft_text": "第一条……", "drafting_notes": "必要性……"}
PERIOD = {"opens_on": "2025-03-03", "closes_on": "2025-03-12", "notice": "在线提交或致电。"}


def test_a_handler_drafts_a_document(client, tree, today):
    url = reverse("normative_docs:document_create")
    client.force_login(tree.township_handler)
    assert client.get(url).status_code == 200
    assert post(client, tree.reviewer, url, NEW).status_code == 403
    assert post(client, tree.township_handler, url, NEW).status_code == 302
    document = NormativeDocument.objects.get()
    assert document.status == "drafting" and document.touches_business and document.org == tree.township
    assert AuditEntry.objects.filter(action="normative_docs.create_document").exists()
    assert post(client, tree.sibling_handler, reverse("normative_docs:document_edit", args=[document.pk]),
                NEW).status_code == 404


def test_the_draft_opens_for_seven_working_days(client, tree, draft):
    url = reverse("normative_docs:comment_open", args=[draft.pk])
    client.force_login(tree.township_handler)
    assert client.get(url).status_code == 405
    assert post(client, tree.reviewer, url, PERIOD).status_code == 403
    assert post(client, tree.other_handler, url, PERIOD).status_code == 404
    assert post(client, tree.township_handler, url, PERIOD).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "commenting"
    clock = deadlines.of(draft)[0]
    # 7 working days after Monday 3 March 2025: Wednesday 12 March.
    assert clock.rule.code == "normative.comment" and clock.due_on == D(2025, 3, 12)
    assert post(client, tree.township_handler, url, PERIOD).status_code == 409


def test_a_period_shorter_than_seven_working_days_is_refused(client, tree, draft):
    response = post(client, tree.township_handler, reverse("normative_docs:comment_open", args=[draft.pk]),
                    {**PERIOD, "closes_on": "2025-03-11"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "征求意见期限不足" in body and "不少于7个工作日" in body and "示范指标体系" in body and "2025年3月12日" in body
    draft.refresh_from_db()
    assert draft.status == "drafting" and not deadlines.of(draft)


def test_a_document_touching_businesses_needs_thirty_days(client, tree, draft):
    actions.update_document(draft, by=tree.township_handler, touches_business=True)
    response = post(client, tree.township_handler, reverse("normative_docs:comment_open", args=[draft.pk]), PERIOD)
    body = response.content.decode()
    assert response.status_code == 400
    assert "与市场主体生产经营活动密切相关的" in body and "不少于30日" in body and "2025年4月2日" in body
    ok = post(client, tree.township_handler, reverse("normative_docs:comment_open", args=[draft.pk]),
              {**PERIOD, "closes_on": "2025-04-02"})
    assert ok.status_code == 302
    assert deadlines.of(draft)[0].rule.code == "normative.comment_business"


def test_a_document_in_an_internal_office_name_is_refused(tree, today):
    import pytest
    from django.core.exceptions import ValidationError

    from yifa.core.testing import make_org

    office = make_org("东街道党政办", "department", tree.township)
    with pytest.raises(ValidationError, match="不得以内设机构名义发文"):
        actions.create_document(org=office, by=tree.township_handler, title="内部文件")


def test_closing_needs_the_period_over_and_every_comment_answered(client, tree, draft):
    actions.open_comment(draft, by=tree.township_handler, opens_on=D(2025, 3, 3), closes_on=D(2025, 3, 12), notice="x")
    comment = actions.submit_comment(draft, body="建议设置宠物活动区。", address_hash="x")
    url = reverse("normative_docs:comment_close", args=[draft.pk])
    response = post(client, tree.township_handler, url, {"summary": "采纳"})
    assert response.status_code == 400 and "征求意见期尚未届满" in response.content.decode()
    from .conftest import at

    with at(2025, 3, 13):
        response = post(client, tree.township_handler, url, {"summary": "采纳"})
        assert response.status_code == 400 and "还有1条公众意见没有研究处理" in response.content.decode()
        answer = reverse("normative_docs:comment_answer", args=[draft.pk, comment.pk])
        prefix = f"c{comment.pk}-"
        assert post(client, tree.sibling_handler, answer, {prefix + "disposition": "adopted"}).status_code == 404
        assert post(client, tree.township_handler, answer, {prefix + "disposition": "adopted"}).status_code == 302
        assert post(client, tree.reviewer, url, {"summary": "采纳"}).status_code == 403
        assert post(client, tree.township_handler, url, {"summary": "采纳宠物活动区建议"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "commented" and draft.comment_closed_on == dt.date(2025, 3, 13)
    assert deadlines.of(draft)[0].status == "met"
