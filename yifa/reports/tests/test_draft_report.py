"""生成年度报告草稿: figures from the registers, narrative kept, clocks started, every file kept."""

import pytest

from yifa.core.models import Attachment, AuditEntry, Deadline
from yifa.core.workflow import InvalidTransition
from yifa.reports import actions
from yifa.reports.models import AnnualReport


def test_it_drafts_the_report_from_the_registers_and_keeps_the_file(tree, today):
    report = actions.draft_report(tree.township, 2025, by=tree.township_handler)
    assert report.status == AnnualReport.Status.DRAFT
    assert report.title == "东街道关于2025年度法治政府建设情况的报告"
    assert report.document.original_name.endswith("（草稿）.docx")
    assert report.text.startswith("东街道\n关于2025年度法治政府建设情况的报告")
    assert "一、主要举措和成效" in report.text and "四、下一年度工作安排" in report.text
    assert "sources" in AuditEntry.objects.get(action="reports.generate", target_id=str(report.pk)).changes


def test_it_starts_the_submission_and_publication_clocks(tree, today):
    report = actions.draft_report(tree.township, 2025, by=tree.township_handler)
    clocks = {d.rule.code: d for d in Deadline.objects.filter(target_id=str(report.pk),
                                                              target_type="reports.annualreport")}
    assert clocks["reports.publish"].due_on.isoformat() == "2026-03-31"
    assert clocks["reports.submit"].due_on.isoformat() == "2026-02-28"


def test_regenerating_keeps_the_narrative_and_every_earlier_file(draft, tree):
    first = draft.document_id
    again = actions.draft_report(tree.township, 2025, by=tree.township_handler)
    assert again.pk == draft.pk
    assert again.narrative_shortcomings == "一是部分干部法治意识不强。二是执法力量薄弱。"
    assert "一是部分干部法治意识不强。二是执法力量薄弱。" in again.text
    assert Attachment.objects.filter(pk=first).exists()
    assert AuditEntry.objects.filter(action="reports.regenerate", target_id=str(draft.pk)).count() == 1


def test_it_refuses_to_regenerate_a_signed_off_report(final, tree):
    with pytest.raises(InvalidTransition, match="已定稿，不能重新生成"):
        actions.draft_report(tree.township, 2025, by=tree.township_handler)


def test_it_refuses_a_village(tree, today):
    with pytest.raises(actions.ReportError, match="由乡镇人民政府、街道办事处"):
        actions.draft_report(tree.village, 2025, by=tree.township_handler)
    assert not AnnualReport.objects.exists()


def test_it_refuses_a_year_not_yet_begun(tree, today):
    with pytest.raises(actions.ReportError, match="2000年至2026年"):
        actions.draft_report(tree.township, 2027, by=tree.township_handler)


def test_a_draft_shows_what_is_still_to_be_written(tree, today):
    report = actions.draft_report(tree.township, 2025, by=tree.township_handler)
    assert "【待填写：本年度推进法治政府建设存在的不足和原因。】" in report.text
    assert "（定稿时填写成文日期）" in report.text
