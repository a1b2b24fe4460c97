"""报送上级, 退回重报, 向社会公开: dates, clocks closed, states, audit."""

import pytest

from yifa.core.models import AuditEntry, Deadline
from yifa.core.workflow import InvalidTransition
from yifa.reports import actions
from yifa.reports.models import AnnualReport


def clock(report, code):
    return Deadline.objects.get(target_id=str(report.pk), target_type="reports.annualreport", rule__code=code)


def test_submitting_sends_it_to_the_level_above_and_closes_the_clock(submitted, tree, today):
    assert submitted.status == AnnualReport.Status.SUBMITTED
    assert submitted.submitted_on == today
    assert submitted.submitted_to == tree.district
    assert clock(submitted, "reports.submit").status == Deadline.Status.MET
    assert AuditEntry.objects.filter(action="reports.submit", target_id=str(submitted.pk)).exists()


def test_a_draft_cannot_be_submitted(draft, tree):
    with pytest.raises(InvalidTransition, match="不能执行“报送上级”"):
        actions.submit(draft, by=tree.township_head)
    assert draft.submitted_on is None


def test_the_overseer_returns_a_submitted_report_with_the_reason(submitted, tree):
    actions.return_report(submitted, by=tree.district_overseer, reason="缺少存在的不足的原因分析")
    submitted.refresh_from_db()
    assert submitted.status == AnnualReport.Status.DRAFT
    assert submitted.submitted_on is None and submitted.return_note == "缺少存在的不足的原因分析"
    assert AuditEntry.objects.get(action="reports.return_report", target_id=str(submitted.pk)).actor == \
        tree.district_overseer


def test_returning_needs_a_reason(submitted, tree):
    with pytest.raises(actions.ReportError, match="退回的原因"):
        actions.return_report(submitted, by=tree.district_overseer, reason="")


def test_publishing_needs_the_secrecy_check(submitted, tree):
    with pytest.raises(actions.ReportError, match="保密审查"):
        actions.publish(submitted, by=tree.township_head, secrecy_checked_by="")
    submitted.refresh_from_db()
    assert submitted.status == AnnualReport.Status.SUBMITTED


def test_publishing_dates_it_and_closes_the_clock(submitted, tree, today):
    actions.publish(submitted, by=tree.township_head, secrecy_checked_by="王主任")
    assert submitted.status == AnnualReport.Status.PUBLISHED
    assert submitted.published_on == today
    assert clock(submitted, "reports.publish").status == Deadline.Status.MET
    assert AuditEntry.objects.get(action="reports.publish", target_id=str(submitted.pk)).note == "保密审查：王主任"


def test_a_report_published_first_can_still_be_submitted(final, tree, today):
    actions.publish(final, by=tree.township_head, secrecy_checked_by="王主任")
    actions.submit(final, by=tree.township_head)
    final.refresh_from_db()
    assert final.status == AnnualReport.Status.PUBLISHED
    assert final.submitted_on == today
    with pytest.raises(InvalidTransition, match="已于2026年2月10日报送"):
        actions.submit(final, by=tree.township_head)
