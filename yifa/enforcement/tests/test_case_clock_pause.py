"""办案期限暂停计时 (《行政处罚法》第六十条 “法律、法规、规章另有规定的，从其规定”).

The law lists no excluded span, so every pause names the provision relied on and is marked 本地设定; the
due date moves by the span and the case page explains it. A pause for a hearing ends with the 听证笔录.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from yifa.enforcement import actions
from yifa.enforcement.models import CaseClockPause, EnforcementCase as Case

from .helpers import TODAY, audit_actions, deadline, decided, file, informed, investigated

BASIS = "《市场监督管理行政处罚程序规定》第六十四条"


def url(case, name):
    return reverse("enforcement:case_action", args=[case.pk, name])


def pause(w, case, *, ground="testing", on=dt.date(2026, 2, 23), basis=BASIS, detail="油烟样品送检"):
    return actions.pause_case_clock(case, by=w.handler, ground=ground, detail=detail, basis=basis, paused_on=on)


def test_a_pause_for_testing_moves_the_due_date_by_the_span_and_the_page_explains_it(w, client):
    case = investigated(w)  # 立案 2026年2月20日: due 5月21日
    assert deadline(case, "enforcement.case").due_on == dt.date(2026, 5, 21)
    client.force_login(w.handler)
    response = client.post(url(case, "pause"), {"ground": "testing", "detail": "油烟样品送湖州市环境监测中心检测",
                                                "basis": BASIS, "paused_on": "2026-02-23"})
    assert response.status_code == 302
    clock = deadline(case, "enforcement.case")
    assert clock.status == "paused"
    row = case.pauses.get()
    assert row.paused_by == w.handler and row.paused_on == dt.date(2026, 2, 23) and row.resumed_on is None
    assert audit_actions(case)[-1] == "enforcement.pause_case_clock"

    response = client.post(url(case, "resume"), {"resumed_on": "2026-03-02", "note": "收到检测报告"})
    assert response.status_code == 302
    clock = deadline(case, "enforcement.case")
    # 3 days counted before the pause, 7 days (2月23日–3月2日) not counted: 90 days end on 5月28日.
    assert clock.status == "open" and clock.due_on == dt.date(2026, 5, 28)
    row.refresh_from_db()
    assert row.resumed_on == TODAY and row.resumed_by == w.handler and row.resume_note == "收到检测报告"
    assert audit_actions(case)[-1] == "enforcement.resume_case_clock"

    page = client.get(reverse("enforcement:case_detail", args=[case.pk])).content.decode()
    explain = "2026年2月23日暂停计时（检测、检验、检疫、鉴定：油烟样品送湖州市环境监测中心检测（依据" + BASIS + "；本地设定））"
    assert explain in page and "其间7日不计入" in page  # 如何计算
    assert "办案期限暂停计时（检测、检验、检疫、鉴定）" in page and "办案期限恢复计时" in page  # the timeline
    assert "2026年5月28日" in page


def test_a_pause_must_name_the_provision_it_rests_on(w, client):
    case = investigated(w)
    client.force_login(w.handler)
    response = client.post(url(case, "pause"), {"ground": "testing", "detail": "送检", "basis": "",
                                                "paused_on": "2026-02-23"})
    text = response.content.decode()
    assert response.status_code == 200 and "第六十条" in text and "须写明" in text
    assert not case.pauses.exists() and deadline(case, "enforcement.case").status == "open"


def test_a_hearing_pause_needs_a_request_and_ends_with_the_hearing_record(w):
    case = investigated(w)
    with pytest.raises(ValidationError, match="尚未申请听证"):
        pause(w, case, ground="hearing", on=TODAY)
    case = informed(w, days_ago=3, hearing=True, cause="听证案")  # 立案 2月20日
    actions.request_hearing(case, by=w.handler, requested_on=TODAY)
    pause(w, case, ground="hearing", on=TODAY, detail="当事人申请听证")
    actions.schedule_hearing(case, by=w.handler, notified_on=TODAY, hearing_on=dt.date(2026, 3, 11), place="会议室",
                             chair="李主持")
    with time_machine.travel(dt.datetime(2026, 3, 12, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        actions.record_hearing(case, by=w.handler, held_on=dt.date(2026, 3, 11), summary="当事人到场申辩")
    row = case.pauses.get()
    assert row.resumed_on == dt.date(2026, 3, 11) and "听证笔录已登记" in row.resume_note
    clock = deadline(case, "enforcement.case")
    # 10 days counted to 3月2日, 3月2日–3月11日 not counted, 80 days from 3月11日 end on Saturday 5月30日 → 6月1日.
    assert clock.status == "open" and clock.due_on == dt.date(2026, 6, 1)


def test_no_decision_while_the_clock_is_paused(w):
    case = informed(w)
    pause(w, case, on=TODAY)
    with pytest.raises(ValidationError) as error:
        actions.decide(case, by=w.head, decision_kind=Case.DecisionKind.PENALTY, decided_on=TODAY,
                       penalty_content="罚款 150 元", fine_amount=150,
                       discretion_level=w.power.levels.get(circumstance="ordinary"))
    assert "请先登记恢复计时" in error.value.messages[0] and "第六十条" in error.value.messages[0]
    case.refresh_from_db()
    assert case.status == Case.Status.INFORMED


def test_dropping_the_case_ends_a_running_pause(w):
    case = investigated(w)
    pause(w, case)
    actions.drop(case, by=w.head, reason="违法事实不能成立")
    assert case.pauses.get().resumed_on == TODAY and deadline(case, "enforcement.case").status == "cancelled"


def test_no_pause_after_the_limit_has_run_out_or_before_the_last_one_ended(w):
    late = file(w, days_ago=100, cause="超期案")
    with pytest.raises(ValidationError, match="届满后不能暂停计时"):
        pause(w, late, on=TODAY)
    case = investigated(w)
    pause(w, case, on=dt.date(2026, 2, 23))
    actions.resume_case_clock(case, by=w.handler, resumed_on=dt.date(2026, 2, 26))
    with pytest.raises(ValidationError, match="新的暂停不能早于该日"):
        pause(w, case, on=dt.date(2026, 2, 24))


DATA = {"pause": {"ground": "testing", "detail": "送检", "basis": BASIS, "paused_on": "2026-02-23"},
        "resume": {"resumed_on": TODAY.isoformat()}}


@pytest.mark.parametrize("name", sorted(DATA))
def test_get_is_refused(w, client, name):
    case = investigated(w)
    client.force_login(w.handler)
    assert client.get(url(case, name)).status_code == 405


@pytest.mark.parametrize("name", sorted(DATA))
def test_another_units_users_get_404(w, client, name):
    case = investigated(w)
    for user in (w.tree.sibling_handler, w.tree.other_handler):
        client.force_login(user)
        assert client.post(url(case, name), DATA[name]).status_code == 404


@pytest.mark.parametrize("name", sorted(DATA))
def test_only_the_cases_officers_pause_or_resume(w, client, name):
    case = investigated(w)
    if name == "resume":
        pause(w, case)
    for user in (w.head, w.reviewer_user, w.tree.district_overseer, w.colleague):
        client.force_login(user)
        assert client.post(url(case, name), DATA[name]).status_code == 403, user
    assert CaseClockPause.objects.filter(resumed_on__isnull=True).count() == (1 if name == "resume" else 0)


@pytest.mark.parametrize("name,build,words", [
    ("resume", investigated, "没有暂停计时"),
    ("pause", decided, "只有办理中的案件"),
])
def test_a_wrong_state_is_refused_with_a_message(w, client, name, build, words):
    case = build(w)
    client.force_login(w.handler)
    response = client.post(url(case, name), DATA[name], follow=True)
    assert words in response.content.decode()
    assert not case.pauses.exists()


def test_a_second_pause_while_paused_is_refused(w):
    case = investigated(w)
    pause(w, case)
    with pytest.raises(ValidationError, match="请先登记恢复计时"):
        pause(w, case, on=TODAY)
