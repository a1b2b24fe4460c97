"""节假日日历 pages: read by everyone, changed only by the top unit's administrator, in one audited transaction."""

import datetime as dt

import pytest

from yifa.core import deadlines
from yifa.core.models import AuditEntry, CalendarDay, CalendarYear, Deadline

D = dt.date

GOOD_2027 = {
    "year": "2027",
    "notice": "国务院办公厅关于2027年部分节假日安排的通知",
    "holidays": "元旦 2027-01-01 至 2027-01-03\n春节 2027年2月5日至2月12日\n国庆节 2027-10-01 至 2027-10-07",
    "makeup_days": "春节 2027-02-13、2027-01-31\n国庆节 2027-09-26",
}


def test_everyone_signed_in_can_read_a_year(client, tree):
    client.force_login(tree.township_handler)
    response = client.get("/system/calendar/2025/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "国庆节" in text and "修改某一天" not in text


def test_a_year_without_data_says_so(client, tree):
    client.force_login(tree.admin)
    text = client.get("/system/calendar/2027/").content.decode()
    assert "2027年尚无节假日数据" in text and "按周末推算，未含节假日数据" in text


def test_entering_a_year_saves_it_in_one_go_audits_and_recomputes(client, tree):
    flagged = deadlines.start(tree.township, "petitions.handle", start=D(2026, 12, 1), by=tree.township_handler)
    assert flagged.no_calendar_data and flagged.due_on == D(2027, 2, 1)
    client.force_login(tree.admin)
    response = client.post("/system/calendar/enter-year/", GOOD_2027)
    assert response.status_code == 302 and response["Location"] == "/system/calendar/2027/"
    assert CalendarYear.objects.get(year=2027).notice.startswith("国务院办公厅")
    assert CalendarDay.objects.get(day=D(2027, 2, 8)).note == "春节"
    assert CalendarDay.objects.get(day=D(2027, 2, 13)).is_workday
    entry = AuditEntry.objects.get(action="core.calendar_enter_year")
    assert entry.changes["year"] == [None, 2027]
    flagged.refresh_from_db()
    assert flagged.no_calendar_data is False
    assert flagged.due_on == D(2027, 1, 31)  # 1-30 is a Saturday; Sunday 1-31 is now a 调休 working day
    assert AuditEntry.objects.filter(action="core.deadline_recompute", target_id=str(flagged.pk)).exists()


@pytest.mark.parametrize("field, value, message", [
    ("holidays", "春节 2027-02-12 至 2027-02-05", "结束日2027年2月5日早于起始日2027年2月12日"),
    ("holidays", "2027-10-01 至 2027-10-07", "请写明节日名称"),
    ("holidays", "国庆节 2027-13-01", "不存在的日期"),
    ("holidays", "国庆节 2028-10-01 至 2028-10-07", "不在2027年的放假安排范围内"),
    ("holidays", "春节 2027-02-05 至 2027-02-12\n除夕 2027-02-06", "日期重叠"),
    ("makeup_days", "春节 2027-02-15", "本来就是工作日"),
    ("makeup_days", "国庆节 2027-10-02", "在放假时段内"),
    ("holidays", "", "这个字段是必填项"),
])
def test_bad_input_gets_a_chinese_message_and_nothing_is_saved(client, tree, field, value, message):
    client.force_login(tree.admin)
    before = CalendarDay.objects.count()
    response = client.post("/system/calendar/enter-year/", {**GOOD_2027, field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert CalendarDay.objects.count() == before
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert not AuditEntry.objects.filter(action="core.calendar_enter_year").exists()


def test_a_year_with_data_is_only_replaced_when_asked(client, tree):
    client.force_login(tree.admin)
    data = {**GOOD_2027, "year": "2026", "holidays": "国庆节 2026-10-01 至 2026-10-07", "makeup_days": ""}
    response = client.post("/system/calendar/enter-year/", data)
    assert "2026年已有节假日数据" in response.content.decode()
    assert CalendarDay.objects.filter(day__year=2026).count() > 7
    response = client.post("/system/calendar/enter-year/", {**data, "replace": "on"})
    assert response.status_code == 302
    assert CalendarDay.objects.filter(day__year=2026).count() == 7
    assert CalendarYear.objects.get(year=2026).source == "notice"


def test_editing_one_day_audits_and_recomputes_running_deadlines(client, tree):
    d = deadlines.start(tree.township, "petitions.objection", start=D(2025, 3, 3), by=tree.township_handler)
    assert d.due_on == D(2025, 3, 10)
    client.force_login(tree.admin)
    response = client.post("/system/calendar/day/", {"day": "2025-03-05", "kind": "rest", "note": "临时放假"})
    assert response.status_code == 302
    d.refresh_from_db()
    assert d.due_on == D(2025, 3, 11)
    entry = AuditEntry.objects.get(action="core.calendar_set_day")
    assert entry.changes == {"2025-03-05": [None, "放假 临时放假"]}
    response = client.post("/system/calendar/day/", {"day": "2025-03-05", "kind": "normal", "note": ""})
    assert not CalendarDay.objects.filter(day=D(2025, 3, 5)).exists()
    d.refresh_from_db()
    assert d.due_on == D(2025, 3, 10)


def test_a_rest_or_work_day_needs_a_note(client, tree):
    client.force_login(tree.admin)
    response = client.post("/system/calendar/day/", {"day": "2025-03-05", "kind": "rest", "note": ""})
    assert "请填写说明" in response.content.decode()
    assert not CalendarDay.objects.filter(day=D(2025, 3, 5)).exists()


@pytest.mark.parametrize("url", ["/system/calendar/day/", "/system/calendar/enter-year/"])
def test_only_the_top_units_administrator_may_change_the_calendar(client, tree, url):
    from yifa.core.models import Membership, Role

    Membership.objects.create(user=tree.township_head, org=tree.district, role=Role.ADMIN)  # a district admin
    for user in (tree.township_handler, tree.district_overseer, tree.township_head):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, GOOD_2027).status_code == 403
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert not Deadline.objects.exists()
