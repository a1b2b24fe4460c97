"""The seeded calendar (from the chinesecalendar data): real National Day and Spring Festival weeks."""

import datetime as dt

import chinese_calendar

from yifa.core import deadlines
from yifa.core.models import CalendarDay, CalendarYear

D = dt.date


def test_the_calendar_is_seeded_for_2004_to_2026(db):
    years = set(CalendarYear.objects.values_list("year", flat=True))
    assert years == set(range(2004, 2027))
    assert CalendarDay.objects.get(day=D(2025, 10, 1)).note == "国庆节"
    assert CalendarDay.objects.get(day=D(2025, 9, 28)).is_workday is True


def test_the_2025_national_day_week_with_its_makeup_weekends(db):
    # 2025: 10-01..10-08 off (国庆+中秋), 9-28 (Sun) and 10-11 (Sat) are working days
    assert deadlines.due_date(D(2025, 9, 26), 1, "workday") == D(2025, 9, 28)
    assert deadlines.due_date(D(2025, 9, 30), 1, "workday") == D(2025, 10, 9)
    assert deadlines.due_date(D(2025, 10, 9), 2, "workday") == D(2025, 10, 11)
    assert deadlines.due_date(D(2025, 9, 26), 7, "day") == D(2025, 10, 9)  # 10-03 is a holiday
    lines = deadlines.compute("disclosure.reply", D(2025, 9, 26)).explain_lines
    text = "\n".join(lines)
    assert "国庆节、中秋节" in text or "国庆节" in text
    assert "2025年10月11日（周六）为调休上班日" in text


def test_the_2026_spring_festival_week(db):
    # 2026 春节: 2-15..2-23 off; 2-14 (Sat) and 2-28 (Sat) working days
    assert deadlines.due_date(D(2026, 2, 13), 1, "workday") == D(2026, 2, 14)
    assert deadlines.due_date(D(2026, 2, 14), 1, "workday") == D(2026, 2, 24)
    assert deadlines.due_date(D(2026, 2, 10), 5, "day") == D(2026, 2, 24)


def test_the_seed_matches_the_package_day_by_day_for_2025(db):
    calendar = deadlines.WorkCalendar.load(D(2025, 1, 1), D(2025, 12, 31))
    day = D(2025, 1, 1)
    while day.year == 2025:
        assert calendar.is_workday(day) == chinese_calendar.is_workday(day), day
        day += dt.timedelta(days=1)


def test_seeding_again_adds_nothing(db):
    assert deadlines.seed_calendar() == 0


def test_emptied_tables_are_refilled_from_the_shipped_data(tree):
    """A flushed database (or a rule code shipped later) still computes: missing rows come back, none overwritten."""
    from yifa.core.models import StatutoryRule

    StatutoryRule.objects.exclude(code="normative.filing").delete()
    StatutoryRule.objects.filter(code="normative.filing").update(count=15)  # a local setting survives
    CalendarDay.objects.all().delete()
    CalendarYear.objects.all().delete()
    d = deadlines.start(tree.township, "disclosure.reply", start=D(2025, 9, 26), by=tree.township_handler)
    assert d.due_on == D(2025, 10, 30) and not d.no_calendar_data
    assert StatutoryRule.objects.get(code="normative.filing").count == 15
    assert CalendarYear.objects.count() == 23
