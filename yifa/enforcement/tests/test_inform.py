"""告知 (第四十四、六十四条): proposed penalty and rights; with hearing rights the 5-workday window starts."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from yifa.enforcement import actions
from yifa.enforcement.models import EnforcementCase as Case

from .helpers import TODAY, audit_actions, deadline, file, investigated, record, video


def test_informing_with_hearing_rights_starts_the_five_workday_window(w):
    case = investigated(w)
    actions.inform(case, by=w.handler, informed_on=TODAY, proposed_penalty="罚款 150 元", proposed_fine=Decimal("150"),
                   hearing_offered=True)
    assert case.status == Case.Status.INFORMED and case.informed_on == TODAY
    clock = deadline(case, "enforcement.hearing_request")
    assert clock.due_on == dt.date(2026, 3, 9)  # 5 working days after Monday 2 March
    assert "第六十四条" in clock.basis
    assert audit_actions(case)[-1] == "enforcement.inform"


def test_no_notice_before_any_investigation_record(w):
    case = file(w)
    with pytest.raises(ValidationError, match="调查取证环节尚无任何记录"):
        actions.inform(case, by=w.handler, informed_on=TODAY, proposed_penalty="罚款")


def test_a_power_on_the_audio_video_list_needs_a_recording_first(w):
    actions.update_power(w.power, by=w.head, requires_av=True)
    case = investigated(w)
    with pytest.raises(ValidationError, match="音像记录"):
        actions.inform(case, by=w.handler, informed_on=TODAY, proposed_penalty="罚款")
    record(w, case, kind="av", title="执法记录仪视频", upload=video())
    actions.inform(case, by=w.handler, informed_on=TODAY, proposed_penalty="罚款")
    assert case.status == Case.Status.INFORMED


def test_informing_twice_is_refused_by_state(w):
    from yifa.core.workflow import InvalidTransition

    case = investigated(w)
    actions.inform(case, by=w.handler, informed_on=TODAY, proposed_penalty="罚款")
    with pytest.raises(InvalidTransition, match="不能执行“告知”"):
        actions.inform(case, by=w.handler, informed_on=TODAY, proposed_penalty="罚款")
