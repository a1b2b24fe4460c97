"""修改文字部分 and 定稿: only a draft changes; a report missing a mandated part cannot be signed off."""

import pytest

from yifa.core.models import AuditEntry
from yifa.core.workflow import InvalidTransition
from yifa.reports import actions
from yifa.reports.models import AnnualReport


def test_editing_rebuilds_the_document_and_audits_the_change(draft, tree):
    before = draft.document_id
    actions.edit_narrative(draft, by=tree.township_handler, narrative_next_year="一是加强执法培训。")
    draft.refresh_from_db()
    assert draft.document_id != before
    assert "一是加强执法培训。" in draft.text
    entry = AuditEntry.objects.filter(action="reports.edit", target_id=str(draft.pk)).order_by("seq").last()
    assert entry.changes["narrative_next_year"] == ["一是深化学法用法。二是规范行政执法。", "一是加强执法培训。"]
    assert "下一年度工作安排" in entry.note


def test_an_unchanged_form_records_nothing(draft, tree):
    count = AuditEntry.objects.count()
    actions.edit_narrative(draft, by=tree.township_handler, narrative_next_year=draft.narrative_next_year)
    assert AuditEntry.objects.count() == count


def test_a_signed_off_report_cannot_be_edited(final, tree):
    with pytest.raises(InvalidTransition, match="已定稿，不能修改"):
        actions.edit_narrative(final, by=tree.township_handler, narrative_next_year="改")


def test_finalizing_dates_the_document_and_drops_the_placeholders(final, today):
    assert final.status == AnnualReport.Status.FINAL
    assert final.finalized_on == today
    assert "2026年2月10日" in final.text
    assert "【待填写" not in final.text
    assert final.document.original_name.endswith("（定稿）.docx")
    assert AuditEntry.objects.filter(action="reports.finalize", target_id=str(final.pk)).exists()


def test_it_refuses_to_sign_off_a_report_missing_a_mandated_part(tree, today):
    report = actions.draft_report(tree.township, 2025, by=tree.township_handler)
    with pytest.raises(actions.ReportError) as error:
        actions.finalize(report, by=tree.township_head)
    message = error.value.messages[0]
    assert "存在的不足和原因" in message and "下一年度工作安排" in message
    assert "法治政府建设与责任落实督察工作规定" in message
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.DRAFT


def test_reopening_needs_a_reason_and_returns_to_draft(final, tree):
    with pytest.raises(actions.ReportError, match="原因"):
        actions.reopen(final, by=tree.township_head, reason=" ")
    actions.reopen(final, by=tree.township_head, reason="数据有误")
    assert final.status == AnnualReport.Status.DRAFT
    assert AuditEntry.objects.get(action="reports.reopen", target_id=str(final.pk)).note == "数据有误"


def test_a_draft_cannot_be_reopened(draft, tree):
    with pytest.raises(InvalidTransition, match="不能执行“退回修改”"):
        actions.reopen(draft, by=tree.township_head, reason="x")
