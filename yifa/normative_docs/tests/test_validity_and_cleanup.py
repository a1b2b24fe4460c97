from django.urls import reverse

from yifa.core import deadlines
from yifa.core.models import AuditEntry
from yifa.normative_docs import actions
from yifa.normative_docs.models import Cleanup

from .conftest import D, at, post, published


def make(tree, title):
    return actions.create_document(org=tree.township, by=tree.township_handler, title=title, basis="依据",
                                   draft_text=f"{title}正文", drafting_notes="说明")


def test_the_library_shows_each_documents_current_validity(client, tree, today):
    valid, trial, repealed, amended = (make(tree, t) for t in ("甲办法", "乙规定（试行）", "丙细则", "丁办法"))
    for document in (valid, repealed, amended):
        published(document, tree)
    commented_trial = published(trial, tree, on=D(2025, 2, 10))
    trial.refresh_from_db()
    from yifa.normative_docs.models import NormativeDocument

    NormativeDocument.objects.filter(pk=commented_trial.pk).update(validity_months=1, expires_on=D(2025, 3, 9))
    cleanup = actions.start_cleanup(org=tree.township, by=tree.township_handler, title="2025年清理", reason="定期清理")
    for item in cleanup.items.all():
        result = {repealed.pk: "repeal", amended.pk: "amend"}.get(item.document_id, "keep")
        actions.set_cleanup_result(item, by=tree.township_handler, result=result, reason="上位法修改")
    actions.conclude_cleanup(cleanup, by=tree.township_head, decision="主任办公会议审议通过")
    with at(2025, 3, 10):
        page = client.get(reverse("normative_docs:public_library")).content.decode()
        rows = {title: page[page.index(title):page.index(title) + 1500] for title in ("甲办法", "乙规定（试行）", "丙细则", "丁办法")}
        assert "validity-valid" in rows["甲办法"][:1200]
        assert ">失效<" in rows["乙规定（试行）"]
        assert ">已废止<" in rows["丙细则"] and ">已修改<" in rows["丁办法"]
        expired = client.get(reverse("normative_docs:public_library") + "?validity=expired").content.decode()
        assert "乙规定（试行）" in expired and "甲办法" not in expired
        detail = client.get(reverse("normative_docs:public_document", args=[trial.pk])).content.decode()
        assert ">失效<" in detail
    searched = client.get(reverse("normative_docs:public_library") + "?q=丙细则正文").content.decode()
    assert "丙细则" in searched and "甲办法" not in searched


def test_a_draft_is_not_in_the_library(client, tree, draft):
    assert draft.title not in client.get(reverse("normative_docs:public_library")).content.decode()
    assert client.get(reverse("normative_docs:public_document", args=[draft.pk])).status_code == 404


def test_cleanup_records_each_result_and_restarts_its_clock(client, tree, live_doc):
    url = reverse("normative_docs:cleanup_create")
    assert post(client, tree.reviewer, url, {"title": "清理", "reason": "定期清理"}).status_code == 403
    assert post(client, tree.township_handler, url, {"title": "东街道2025年规范性文件清理", "reason": "定期清理"}).status_code == 302
    cleanup = Cleanup.objects.get()
    item = cleanup.items.get()
    conclude = reverse("normative_docs:cleanup_conclude", args=[cleanup.pk])
    client.force_login(tree.township_head)
    assert client.get(conclude).status_code == 405
    response = post(client, tree.township_head, conclude, {"decision": "会议"})
    assert response.status_code == 400 and "还有1件文件没有清理结果" in response.content.decode()
    set_url = reverse("normative_docs:cleanup_item", args=[cleanup.pk, item.pk])
    prefix = f"i{item.pk}-"
    response = post(client, tree.township_handler, set_url, {prefix + "result": "repeal", prefix + "reason": ""})
    assert response.status_code == 400
    assert post(client, tree.sibling_handler, set_url, {prefix + "result": "keep"}).status_code == 404
    assert post(client, tree.township_handler, set_url, {prefix + "result": "repeal",
                                                         prefix + "reason": "上位法已废止"}).status_code == 302
    assert post(client, tree.township_handler, conclude, {"decision": "会议"}).status_code == 403
    assert post(client, tree.township_head, conclude, {"decision": "主任办公会议审议通过"}).status_code == 302
    live_doc.refresh_from_db()
    cleanup.refresh_from_db()
    assert cleanup.status == "concluded" and live_doc.validity == "repealed"
    assert AuditEntry.objects.filter(action="normative_docs.change_validity").exists()
    clocks = [d for d in deadlines.of(tree.township) if d.rule.code == "normative.cleanup"]
    assert [c.status for c in clocks] == ["met", "open"] and clocks[1].due_on == D(2027, 3, 3)
    assert post(client, tree.township_head, conclude, {"decision": "再次"}).status_code == 409
