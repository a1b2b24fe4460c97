"""登记交办的代表建议: the reply clock starts from 交办 (代表法 第五十一条)."""

import datetime as dt

from django.urls import reverse

from yifa.core.models import AuditEntry
from yifa.core.models.deadlines import Deadline
from yifa.oversight.models import Suggestion

FORM = {"kind": "npc", "our_role": "lead", "serial_no": "第45号", "session": "甲区第九届人大五次会议",
        "title": "关于完善社区健身设施的建议", "proposer": "张惠芬", "assigned_by": "区人大常委会代表工作委员会",
        "assigned_on": "2025-03-10"}


def test_it_registers_a_suggestion_with_a_three_month_reply_deadline(tree, client):
    client.force_login(tree.township_handler)
    response = client.post(reverse("oversight:suggestion_create"), FORM)
    s = Suggestion.objects.get(serial_no="第45号")
    assert response.status_code == 302 and response.url == s.get_absolute_url()
    assert s.org == tree.township and s.status == Suggestion.Status.ASSIGNED
    assert s.due_on == dt.date(2025, 6, 10)
    clock = Deadline.objects.get(target_type="oversight.suggestion", target_id=str(s.pk))
    assert clock.rule.code == "oversight.suggestion" and clock.due_on == dt.date(2025, 6, 10)
    assert AuditEntry.objects.filter(action="oversight.register_suggestion", target_id=str(s.pk)).exists()


def test_a_difficult_suggestion_gets_six_months(make_suggestion):
    assert make_suggestion(difficult=True).due_on == dt.date(2025, 9, 10)


def test_a_deadline_falling_in_the_may_day_holiday_moves_to_the_next_working_day(make_suggestion):
    # 2025-02-01 + 3 months = 2025-05-01, 劳动节 (5月1日至5日放假): the period ends on 5月6日.
    assert make_suggestion(assigned_on=dt.date(2025, 2, 1)).due_on == dt.date(2025, 5, 6)


def test_the_page_shows_the_deadline_with_its_article(make_suggestion, tree, client):
    s = make_suggestion()
    client.force_login(tree.township_handler)
    page = client.get(s.get_absolute_url()).content.decode()
    assert "2025年6月10日" in page and "第五十一条" in page


def test_a_future_assignment_date_is_refused_and_nothing_saved(tree, client):
    client.force_login(tree.township_handler)
    response = client.post(reverse("oversight:suggestion_create"), {**FORM, "assigned_on": "2025-12-01"})
    assert response.status_code == 200 and "日期不能晚于今天" in response.content.decode()
    assert not Suggestion.objects.exists()


def test_a_bad_phone_number_is_refused(tree, client):
    client.force_login(tree.township_handler)
    response = client.post(reverse("oversight:suggestion_create"), {**FORM, "proposer_phone": "12345"})
    assert "电话号码应为" in response.content.decode()
    assert not Suggestion.objects.exists()


def test_a_reviewer_cannot_register(tree, client):
    client.force_login(tree.reviewer)
    assert client.post(reverse("oversight:suggestion_create"), FORM).status_code == 403
    assert not Suggestion.objects.exists()


def test_an_overseer_cannot_register(tree, client):
    client.force_login(tree.district_overseer)
    assert client.get(reverse("oversight:suggestion_create")).status_code == 403
