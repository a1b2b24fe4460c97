"""听证 (第六十四条): requested within 5 working days, notified 7 days ahead, chaired by a non-investigator."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from yifa.enforcement import actions
from yifa.enforcement.models import EnforcementCase as Case

from .helpers import TODAY, audit_actions, deadline, informed


def test_a_timely_request_moves_the_case_to_hearing(w):
    case = informed(w, days_ago=3, hearing=True)
    actions.request_hearing(case, by=w.handler, requested_on=TODAY)
    assert case.status == Case.Status.HEARING
    assert deadline(case, "enforcement.hearing_request").status == "met"


def test_a_late_request_is_refused(w):
    case = informed(w, days_ago=40, hearing=True)
    with pytest.raises(ValidationError) as error:
        actions.request_hearing(case, by=w.handler, requested_on=TODAY)
    assert "五个工作日内" in error.value.messages[0] and "第六十四条" in error.value.messages[0]


def test_the_notice_must_come_seven_days_before_the_hearing(w):
    case = informed(w, days_ago=3, hearing=True)
    actions.request_hearing(case, by=w.handler, requested_on=TODAY)
    with pytest.raises(ValidationError) as error:
        actions.schedule_hearing(case, by=w.handler, notified_on=TODAY, hearing_on=TODAY + dt.timedelta(days=5),
                                 place="会议室", chair="李主持")
    assert "2026年3月11日" in str(error.value) and "第六十四条" in str(error.value)
    actions.schedule_hearing(case, by=w.handler, notified_on=TODAY, hearing_on=dt.date(2026, 3, 11), place="会议室",
                             chair="李主持")
    clock = deadline(case, "enforcement.hearing_notice")
    assert clock.due_on == dt.date(2026, 3, 11) and clock.rule.kind == "minimum"
    assert audit_actions(case)[-1] == "enforcement.schedule_hearing"


def test_an_investigator_cannot_chair(w):
    case = informed(w, days_ago=3, hearing=True)
    actions.request_hearing(case, by=w.handler, requested_on=TODAY)
    with pytest.raises(ValidationError, match="第六十四条第四项"):
        actions.schedule_hearing(case, by=w.handler, notified_on=TODAY, hearing_on=TODAY + dt.timedelta(days=20),
                                 place="会议室", chair="孙执法")


def test_recording_the_hearing_makes_legal_review_required(w):
    case = informed(w, days_ago=40, hearing=True)
    actions.request_hearing(case, by=w.handler, requested_on=TODAY - dt.timedelta(days=39))
    actions.schedule_hearing(case, by=w.handler, notified_on=TODAY - dt.timedelta(days=38),
                             hearing_on=TODAY - dt.timedelta(days=25), place="会议室", chair="李主持")
    actions.record_hearing(case, by=w.handler, held_on=TODAY - dt.timedelta(days=25), summary="当事人到场申辩")
    assert case.requires_legal_review
    assert deadline(case, "enforcement.hearing_notice").status == "met"
    assert "major_rights_hearing" in case.review_grounds
