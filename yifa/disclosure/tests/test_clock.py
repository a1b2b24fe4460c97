"""The reply clock of 依申请公开: 20 working days, 补正 restarting it, third-party time not counted,
one extension of 20 working days with approval (政府信息公开条例 第三十条、第三十二条、第三十三条).
"""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from yifa.core import deadlines
from yifa.core.models import AuditEntry
from yifa.core.workflow import InvalidTransition
from yifa.disclosure import actions
from yifa.disclosure.models import InfoRequest

from .conftest import CST, make_request


def reply_clock(req):
    return next(d for d in deadlines.of(req) if d.rule.code == "disclosure.reply" and d.status != "cancelled")


def test_registering_starts_twenty_workdays_and_the_seven_day_correction_window(tree, request_):
    clocks = {d.rule.code: d.due_on for d in deadlines.of(request_)}
    assert clocks["disclosure.reply"] == dt.date(2025, 9, 15)  # 8月18日 (Mon) + 20 working days
    assert clocks["disclosure.correction_notice"] == dt.date(2025, 8, 27)  # + 7 working days
    assert request_.reply_due_on == dt.date(2025, 9, 15)
    assert request_.number == "东街依申〔2025〕1号" and request_.tracking_code.startswith("GK")
    assert AuditEntry.objects.filter(action="disclosure.register_request", target_id=str(request_.pk)).exists()


def test_a_correction_and_a_third_party_consultation_give_the_hand_counted_date(tree):
    """Received Mon 9 June 2025. 补正 asked Thu 12 June, corrected request received Fri 20 June: counting starts
    again on Sat 21 June. Third party consulted Tue 1 July, its opinion received Thu 10 July: 2–10 July not counted.

    Hand count of the 20 working days (no holidays between 21 June and 31 July 2025):
      23–27 June: 1–5 · 30 June, 1 July: 6–7 · (2–10 July paused) · 11 July: 8 · 14–18 July: 9–13 ·
      21–25 July: 14–18 · 28 July: 19 · 29 July: 20  →  due Tuesday 29 July 2025.
    With the one extension of 20 working days: 30 July … 26 August 2025.
    """
    h = tree.township_handler
    with time_machine.travel(dt.datetime(2025, 6, 9, 9, tzinfo=CST), tick=False):
        req = make_request(tree.township, h, received_on=dt.date(2025, 6, 9))
        assert req.reply_due_on == dt.date(2025, 7, 7)
    with time_machine.travel(dt.datetime(2025, 6, 12, 9, tzinfo=CST), tick=False):
        actions.request_correction(req, by=h, on=dt.date(2025, 6, 12), items="请写明项目名称",
                                   deadline=dt.date(2025, 6, 27))
        assert reply_clock(req).status == "paused"
    with time_machine.travel(dt.datetime(2025, 6, 20, 9, tzinfo=CST), tick=False):
        actions.receive_correction(req, by=h, on=dt.date(2025, 6, 20))
        assert req.reply_due_on == dt.date(2025, 7, 18)  # 20 working days from 20 June
    with time_machine.travel(dt.datetime(2025, 7, 1, 9, tzinfo=CST), tick=False):
        actions.consult_third_party(req, by=h, on=dt.date(2025, 7, 1), third_party="某审计事务所")
        third = next(d for d in deadlines.of(req) if d.rule.code == "disclosure.third_party")
        assert third.due_on == dt.date(2025, 7, 22)  # 15 working days for the third party
    with time_machine.travel(dt.datetime(2025, 7, 10, 9, tzinfo=CST), tick=False):
        actions.receive_third_party_opinion(req, by=h, on=dt.date(2025, 7, 10), opinion="objected")
    assert req.reply_due_on == dt.date(2025, 7, 29)
    assert reply_clock(req).due_on == dt.date(2025, 7, 29)
    with time_machine.travel(dt.datetime(2025, 7, 20, 9, tzinfo=CST), tick=False):
        actions.extend(req, by=tree.township_head, reason="需区分处理")
    assert req.reply_due_on == dt.date(2025, 8, 26)
    lines = "\n".join(reply_clock(req).explain())
    assert "第三十三条" in lines


def test_the_reply_records_on_time_or_late(tree, request_, frozen):
    actions.reply(request_, by=tree.township_handler, on=dt.date(2025, 9, 1), outcome="disclosed", reason="provided")
    assert reply_clock(request_).status == "met"
    with time_machine.travel(dt.datetime(2025, 9, 20, 9, tzinfo=CST), tick=False):
        late = make_request(tree.township, tree.township_handler, received_on=dt.date(2025, 8, 1))
        actions.reply(late, by=tree.township_handler, on=dt.date(2025, 9, 19), outcome="disclosed", reason="provided")
    assert reply_clock(late).status == "late"


def test_the_correction_is_asked_only_once(tree, request_, frozen):
    h = tree.township_handler
    actions.request_correction(request_, by=h, on=dt.date(2025, 8, 20), items="写明年度", deadline=dt.date(2025, 8, 29))
    actions.receive_correction(request_, by=h, on=dt.date(2025, 8, 25))
    with pytest.raises(InvalidTransition, match="一次性告知"):
        actions.request_correction(request_, by=h, on=dt.date(2025, 8, 26), items="再补正", deadline=dt.date(2025, 9, 5))


def test_a_late_correction_notice_is_recorded_late(tree, request_, frozen):
    actions.request_correction(request_, by=tree.township_handler, on=dt.date(2025, 8, 29), items="写明年度",
                               deadline=dt.date(2025, 9, 10))
    notice = next(d for d in deadlines.of(request_) if d.rule.code == "disclosure.correction_notice")
    assert notice.status == "late"


def test_no_correction_by_its_deadline_closes_the_request_as_other(tree, request_, frozen):
    h = tree.township_handler
    actions.request_correction(request_, by=h, on=dt.date(2025, 8, 20), items="写明年度", deadline=dt.date(2025, 8, 29))
    with pytest.raises(ValidationError, match="期满后"):
        actions.close_without_correction(request_, by=h, on=dt.date(2025, 8, 29))
    actions.close_without_correction(request_, by=h, on=dt.date(2025, 9, 1))
    assert request_.status == InfoRequest.Status.CLOSED
    assert (request_.outcome, request_.reason) == ("other", "no_correction")
    assert reply_clock_all(request_) == ["cancelled"]


def reply_clock_all(req):
    return [d.status for d in deadlines.of(req) if d.rule.code == "disclosure.reply"]


def test_the_third_party_silence_counts_only_after_fifteen_workdays(tree, request_, frozen):
    h = tree.township_handler
    actions.consult_third_party(request_, by=h, on=dt.date(2025, 8, 19), third_party="某公司")
    with pytest.raises(ValidationError, match="期满后"):
        actions.receive_third_party_opinion(request_, by=h, on=dt.date(2025, 9, 1), opinion="silent")
    with time_machine.travel(dt.datetime(2025, 9, 12, 9, tzinfo=CST), tick=False):
        actions.receive_third_party_opinion(request_, by=h, on=dt.date(2025, 9, 10), opinion="silent")
    assert request_.status == InfoRequest.Status.REGISTERED


def test_the_extension_is_granted_once_by_the_head(tree, request_, client, frozen):
    client.force_login(tree.township_head)
    url = reverse("disclosure:request_act", args=[request_.pk, "extend"])
    client.post(url, {"reason": "信息量大，需调取档案"})
    request_.refresh_from_db()
    # 9月15日 + 20 working days across 国庆/中秋 (10月1日–8日 off; 9月28日 Sunday and 10月11日 Saturday worked):
    # 16–19 Sep: 4 · 22–26: 9 · 28 (调休): 10 · 29–30: 12 · 9–10 Oct: 14 · 11 Oct (调休): 15 · 13–17 Oct: 20.
    assert request_.is_extended and request_.reply_due_on == dt.date(2025, 10, 17)
    response = client.post(url, {"reason": "再次延期"})
    request_.refresh_from_db()
    assert reply_clock(request_).extensions == 1
    assert any("已延长过一次" in str(m) for m in response.wsgi_request._messages)


def test_a_handler_cannot_approve_the_extension(tree, request_, client):
    client.force_login(tree.township_handler)
    response = client.post(reverse("disclosure:request_act", args=[request_.pk, "extend"]), {"reason": "x"})
    assert response.status_code == 403
