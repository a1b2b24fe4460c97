"""行政复议 and 行政应诉 as respondent: reply clocks, hearings and who appeared, outcomes, appeal, letters."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from yifa.core.models import AuditEntry
from yifa.core.models.deadlines import Deadline
from yifa.oversight import actions
from yifa.oversight.models import FollowUpLetter, Hearing, RespondentCase

D = dt.date


def _clock(obj):
    return Deadline.objects.get(target_type=obj._meta.label_lower, target_id=str(obj.pk), status__in=Deadline.ACTIVE)


def test_a_reconsideration_reply_is_due_in_ten_working_days_across_national_day(make_case):
    # Received Fri 26 Sep 2025: 28 Sep (调休上班) 29, 30 Sep, 9, 10, 11 (调休上班), 13, 14, 15, 16 Oct.
    case = make_case()
    assert case.due_on == D(2025, 10, 16) and _clock(case).rule.code == "oversight.reconsideration_reply"


def test_the_simple_procedure_gives_five_working_days(make_case):
    assert make_case(simple_procedure=True).due_on == D(2025, 10, 10)


def test_a_lawsuit_defence_is_due_in_fifteen_days_rolled_past_the_holiday(make_case):
    # 20 Sep + 15 days = 5 Oct, inside the 国庆 holiday (1–8 Oct): the period ends on 9 Oct.
    case = make_case(kind="litigation", received_on=D(2025, 9, 20))
    assert case.due_on == D(2025, 10, 9) and case.instance == RespondentCase.Instance.FIRST


def test_registering_through_the_page_audits_it(tree, client):
    client.force_login(tree.township_head)
    response = client.post(reverse("oversight:case_create"), {
        "kind": "litigation", "case_no": "（2025）甲行初9号", "body": "甲区人民法院", "claimant": "某公司",
        "act_category": "penalty", "disputed_act": "罚款决定", "received_on": "2025-09-20"})
    case = RespondentCase.objects.get()
    assert response.url == case.get_absolute_url()
    assert AuditEntry.objects.filter(action="oversight.register_case", target_id=str(case.pk)).exists()


def test_the_reply_needs_its_evidence(make_case, tree):
    case = make_case()
    with pytest.raises(ValidationError, match="第七十条"):
        actions.reply_case(case, by=tree.township_handler, replied_on=D(2025, 10, 10), summary="答复", evidence=" ")
    case.refresh_from_db()
    assert case.status == RespondentCase.Status.RECEIVED


def test_a_reply_after_ten_working_days_is_late(make_case, tree):
    case = make_case()
    actions.reply_case(case, by=tree.township_handler, replied_on=D(2025, 10, 17), summary="答复", evidence="证据")
    assert case.reply_on_time is False
    assert Deadline.objects.get(target_id=str(case.pk), target_type="oversight.respondentcase").status == "late"


def test_a_head_who_does_not_appear_must_give_a_reason(replied_case, tree):
    with pytest.raises(ValidationError, match="第八条"):
        actions.record_hearing(replied_case, by=tree.township_handler, kind="hearing", held_on=D(2025, 10, 20),
                               appearance="staff", staff="李晓燕")
    assert not Hearing.objects.exists()


def test_a_lawyer_alone_is_recorded_and_flagged(replied_case, tree, client):
    actions.record_hearing(replied_case, by=tree.township_handler, kind="court", held_on=D(2025, 10, 20),
                           appearance="lawyer_only", lawyer="刘律师", absence_reason="official_duty")
    client.force_login(tree.township_handler)
    page = client.get(replied_case.get_absolute_url()).content.decode()
    assert "仅委托律师出庭" in page and "司法建议" in page


def test_a_hearing_before_the_reply_is_refused(make_case, tree):
    with pytest.raises(ValidationError, match="须先提交答复"):
        actions.record_hearing(make_case(), by=tree.township_handler, kind="hearing", held_on=D(2025, 10, 20),
                               appearance="head", head_name="陈主任")


def test_an_outcome_of_the_other_procedure_is_refused(replied_case, tree):
    with pytest.raises(ValidationError, match="不是行政复议的结案方式"):
        actions.conclude(replied_case, by=tree.township_handler, outcome="void", decided_on=D(2025, 11, 1))


def test_a_withdrawal_before_the_reply_cancels_the_clock(make_case, tree):
    case = make_case()
    actions.conclude(case, by=tree.township_handler, outcome="withdrawn", decided_on=D(2025, 10, 1))
    assert case.status == RespondentCase.Status.CONCLUDED
    assert Deadline.objects.get(target_id=str(case.pk), target_type="oversight.respondentcase").status == "cancelled"


def test_a_lost_case_waits_for_its_performance_record(replied_case, tree):
    actions.conclude(replied_case, by=tree.township_handler, outcome="revoked", decided_on=D(2025, 11, 1))
    assert replied_case.is_loss
    actions.record_performance(replied_case, by=tree.township_handler, performed_on=D(2025, 11, 10),
                               note="重新作出决定")
    assert AuditEntry.objects.filter(action="oversight.record_performance", target_id=str(replied_case.pk)).exists()


def test_an_appeal_opens_the_second_instance_with_its_own_fifteen_days(make_case, tree, client):
    case = make_case(kind="litigation", received_on=D(2025, 9, 20))
    actions.reply_case(case, by=tree.township_handler, replied_on=D(2025, 9, 30), summary="答辩", evidence="证据")
    actions.conclude(case, by=tree.township_handler, outcome="claim_rejected", decided_on=D(2025, 11, 3))
    client.force_login(tree.township_handler)
    response = client.post(reverse("oversight:case_appeal", args=[case.pk]),
                           {"received_on": "2025-11-10", "case_no": "（2025）湖行终8号", "body": "湖州市中级人民法院"})
    second = RespondentCase.objects.get(previous=case)
    assert response.url == second.get_absolute_url()
    assert second.instance == RespondentCase.Instance.SECOND and second.due_on == D(2025, 11, 25)
    page = client.get(second.get_absolute_url()).content.decode()
    assert "<dt>原审原告</dt>" in page and "<dt>原审被告</dt>" in page
    assert "<dt>原告</dt>" in client.get(case.get_absolute_url()).content.decode()
    with pytest.raises(ValidationError, match="已登记二审"):
        actions.appeal(case, by=tree.township_handler, received_on=D(2025, 11, 11), case_no="x", body="y")


def test_an_opinion_letter_is_answered_within_sixty_days(make_case, tree):
    # 1 Apr + 60 days = 31 May (Sat), 端午 holiday to 2 Jun: due 3 Jun.
    letter = actions.receive_letter(make_case(received_on=D(2025, 2, 10)), by=tree.township_handler, kind="opinion_letter", letter_no="甲复意1号",
                                    issued_by="甲区人民政府", received_on=D(2025, 4, 1), content="规范程序")
    assert letter.due_on == D(2025, 6, 3) and _clock(letter).rule.code == "oversight.opinion_letter"
    actions.answer_letter(letter, by=tree.township_handler, answered_on=D(2025, 6, 3), answer="已整改")
    assert letter.status == FollowUpLetter.Status.ANSWERED and letter.on_time is True


def test_the_case_page_shows_both_clocks_with_their_articles(replied_case, tree, client):
    actions.receive_letter(replied_case, by=tree.township_handler, kind="opinion_letter", issued_by="甲区人民政府",
                           received_on=D(2025, 11, 1), content="规范程序")
    client.force_login(tree.township_handler)
    page = client.get(replied_case.get_absolute_url()).content.decode()
    assert "第四十八条" in page and "第七十六条" in page
