import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from yifa.core import deadlines
from yifa.core.models import AuditEntry
from yifa.core.workflow import InvalidTransition

from .. import actions
from ..models import DisputeCase, FollowUp
from .helpers import TODAY, audit_actions

pytestmark = pytest.mark.django_db


def test_a_failed_mediation_records_the_routes_advised(w):
    case = actions.record_failure(w.case("mediating"), by=w.mediator_user, on=TODAY, note="赔偿数额分歧较大。",
                                  routes=[DisputeCase.Route.LITIGATION, DisputeCase.Route.ARBITRATION])
    case.refresh_from_db()
    assert case.status == DisputeCase.Status.FAILED and case.outcome_on == TODAY
    assert case.failure_route_labels() == ["向人民法院提起诉讼", "申请仲裁"]
    assert {d.rule.code: d.status for d in deadlines.of(case)} == {"mediation.resolve": "met"}
    assert AuditEntry.objects.get(action="mediation.record_failure").changes["failure_routes"][1] == [
        "向人民法院提起诉讼", "申请仲裁"]


def test_a_failure_must_name_the_routes_told_to_the_parties(w):
    case = w.case("mediating")
    with pytest.raises(ValidationError, match="第二十六条"):
        actions.record_failure(case, by=w.mediator_user, routes=[], note="分歧大。")
    with pytest.raises(ValidationError, match="请写明调解不成的情况"):
        actions.record_failure(case, by=w.mediator_user, routes=["litigation"], note="")
    assert DisputeCase.objects.get(pk=case.pk).status == DisputeCase.Status.MEDIATING


def test_a_late_outcome_is_recorded_as_late(w, time_machine):
    case = w.case("mediating")
    time_machine.move_to(dt.datetime(2025, 4, 20, 10, 0))
    actions.record_failure(case, by=w.mediator_user, routes=["litigation"], note="分歧大。")
    assert {d.rule.code: d.status for d in deadlines.of(case)}["mediation.resolve"] == "late"


def test_the_parties_application_for_judicial_confirmation_is_recorded(w):
    case = w.case("agreed")
    actions.record_confirmation(case, by=w.mediator_user, applied_on=TODAY, court="甲区人民法院",
                                result="裁定确认调解协议有效")
    case.refresh_from_db()
    assert case.confirmation_court == "甲区人民法院" and case.wants_confirmation is True
    clock = next(d for d in deadlines.of(case) if d.rule.code == "mediation.judicial_confirmation")
    assert (clock.status, clock.completed_on) == ("met", TODAY)
    assert audit_actions(case)[-1] == "mediation.record_confirmation"


def test_declining_confirmation_cancels_the_reminder(w):
    case = actions.record_confirmation(w.case("agreed"), by=w.mediator_user, declined=True)
    clock = next(d for d in deadlines.of(case) if d.rule.code == "mediation.judicial_confirmation")
    assert clock.status == "cancelled" and DisputeCase.objects.get(pk=case.pk).wants_confirmation is False


def test_confirmation_needs_a_written_effective_agreement_and_a_court(w):
    with pytest.raises(InvalidTransition, match="第三十三条"):
        actions.record_confirmation(w.case("failed"), by=w.mediator_user, applied_on=TODAY, court="甲区人民法院")
    with pytest.raises(ValidationError, match="请填写受理司法确认申请的人民法院"):
        actions.record_confirmation(w.case("agreed"), by=w.mediator_user, applied_on=TODAY, court="")


def test_follow_up_records_performance_and_completes_its_clock(w):
    case = w.case("agreed")
    visit = actions.follow_up(case, by=w.mediator_user, visited_on=TODAY, method="visit", visitor="王调解",
                              performance="done", result="已清除建材。", satisfaction="satisfied")
    case.refresh_from_db()
    assert case.status == DisputeCase.Status.FOLLOWED_UP and visit.agreement_kept
    assert next(d for d in deadlines.of(case) if d.rule.code == "mediation.follow_up").status == "met"
    second = actions.follow_up(case, by=w.mediator_user, visited_on=TODAY, method="phone", visitor="王调解",
                               performance="done", result="再次确认。", satisfaction="satisfied")
    assert FollowUp.objects.filter(case=case).count() == 2 and second.pk
    assert audit_actions(case).count("mediation.follow_up") == 2


def test_a_successful_case_reports_real_performance(w):
    with pytest.raises(ValidationError, match="实际履行情况"):
        actions.follow_up(w.case("agreed"), by=w.mediator_user, visited_on=TODAY, method="phone", visitor="王调解",
                          performance="na", result="x", satisfaction="satisfied")


def test_closing_a_successful_case_needs_its_follow_up_first(w):
    case = w.case("agreed")
    with pytest.raises(InvalidTransition) as error:
        actions.close(case, by=w.mediator_user)
    assert "须先对协议履行情况进行回访" in str(error.value) and "人民调解法第三十一条" in str(error.value)
    assert DisputeCase.objects.get(pk=case.pk).status == DisputeCase.Status.AGREED


def test_closing_archives_and_stops_the_remaining_clocks(w):
    case = w.case("followed_up")
    actions.close(case, by=w.mediator_user, on=TODAY, note="卷宗归档。")
    case.refresh_from_db()
    assert case.status == DisputeCase.Status.CLOSED and case.closed_on == TODAY
    states = {d.rule.code: d.status for d in deadlines.of(case)}
    assert states == {"mediation.resolve": "met", "mediation.judicial_confirmation": "cancelled",
                      "mediation.follow_up": "met"}
    assert audit_actions(case)[-1] == "mediation.close"


def test_a_failed_case_closes_without_a_follow_up(w):
    case = actions.close(w.case("failed"), by=w.mediator_user, on=TODAY)
    assert DisputeCase.objects.get(pk=case.pk).status == DisputeCase.Status.CLOSED


def test_the_case_page_tells_the_story_by_business_date(client, w):
    from django.urls import reverse

    case = w.case("closed")
    client.force_login(w.mediator_user)
    page = client.get(reverse("mediation:case_detail", args=[case.pk])).content.decode()
    for step in ("东街道登记（来访申请）", "已受理，一般在一个月内调结", "指派东街道人民调解委员会调解员王调解",
                 "调解成功（书面协议）", "回访（电话回访，王调解）：已全部履行", "结案归档", "操作记录（"):
        assert step in page
