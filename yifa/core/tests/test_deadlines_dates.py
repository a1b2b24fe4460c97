"""due_date() and compute(): the day-counting rules of 民法典 第二百零一至二百零三条 on a calendar built here.

Each test writes its own CalendarDay rows (the seeded rows are removed first), so the edges are explicit.
"""

import datetime as dt

import pytest

from yifa.core import deadlines
from yifa.core.models import CalendarDay, CalendarYear

D = dt.date


@pytest.fixture
def cal(db):
    """A blank calendar covering 2024–2026, with a made-up National Day week in 2025."""
    CalendarDay.objects.all().delete()
    CalendarYear.objects.all().delete()
    for year in (2024, 2025, 2026):
        CalendarYear.objects.create(year=year, source="notice")
    rows = [(D(2025, 10, d), False, "国庆节") for d in range(1, 9)]
    rows += [(D(2025, 9, 28), True, "国庆节调休上班"), (D(2025, 10, 11), True, "国庆节调休上班")]
    rows += [(D(2026, 1, 1), False, "元旦"), (D(2026, 1, 2), False, "元旦")]
    CalendarDay.objects.bulk_create([CalendarDay(day=d, is_workday=w, note=n) for d, w, n in rows])


def test_the_start_day_is_not_counted(cal):
    # Monday 2025-03-03 + 1 day is Tuesday, + 1 workday is Tuesday too
    assert deadlines.due_date(D(2025, 3, 3), 1, "day") == D(2025, 3, 4)
    assert deadlines.due_date(D(2025, 3, 3), 1, "workday") == D(2025, 3, 4)
    assert deadlines.due_date(D(2025, 3, 3), 5, "workday") == D(2025, 3, 10)


def test_a_day_period_ending_on_a_holiday_rolls_to_the_next_working_day(cal):
    # 2025-09-26 + 8 days = 10-04 (holiday) → rolls past 10-08 to Thursday 10-09
    assert deadlines.due_date(D(2025, 9, 26), 8, "day") == D(2025, 10, 9)


def test_a_day_period_ending_on_a_weekend_rolls_to_monday(cal):
    assert deadlines.due_date(D(2025, 3, 3), 5, "day") == D(2025, 3, 10)  # Sat 3-8 → Mon 3-10


def test_a_makeup_weekend_workday_is_counted(cal):
    # Friday 2025-09-26: 1st workday is Sunday 9-28 (调休上班)
    assert deadlines.due_date(D(2025, 9, 26), 1, "workday") == D(2025, 9, 28)
    # a day period ending on the make-up Saturday 10-11 does not roll
    assert deadlines.due_date(D(2025, 10, 1), 10, "day") == D(2025, 10, 11)


def test_workdays_skip_the_holiday_week(cal):
    # 9-30 (Tue) + 1 workday: 10-01..10-08 off, 10-09 Thursday
    assert deadlines.due_date(D(2025, 9, 30), 1, "workday") == D(2025, 10, 9)
    assert deadlines.due_date(D(2025, 9, 26), 20, "workday") == D(2025, 10, 30)


def test_a_period_crossing_the_year_boundary(cal):
    # Wed 2025-12-31 + 1 workday: Jan 1–2 元旦, Jan 3–4 weekend → Monday 2026-01-05
    assert deadlines.due_date(D(2025, 12, 31), 1, "workday") == D(2026, 1, 5)
    assert deadlines.due_date(D(2025, 12, 30), 2, "day") == D(2026, 1, 5)


def test_january_31_plus_one_month_ends_on_the_last_day_of_february(cal):
    assert deadlines.due_date(D(2025, 1, 31), 1, "month") == D(2025, 2, 28)
    assert deadlines.due_date(D(2024, 1, 31), 1, "month") == D(2024, 2, 29)
    # 2026-02-28 is a Saturday: rolls to Monday 03-02
    assert deadlines.due_date(D(2026, 1, 31), 1, "month") == D(2026, 3, 2)


def test_a_month_period_ends_on_the_corresponding_day(cal):
    assert deadlines.add_months(D(2025, 3, 15), 3) == D(2025, 6, 15)
    assert deadlines.due_date(D(2025, 3, 14), 3, "month") == D(2025, 6, 16)  # 6-14 is Saturday


def test_a_year_without_calendar_data_uses_weekends_and_is_flagged(cal):
    result = deadlines.compute("petitions.handle", D(2026, 12, 1))  # 60 days → 2027-01-30 (Sat)
    assert result.due_on == D(2027, 2, 1)
    assert result.no_calendar_data is True
    assert result.missing_years == [2027]
    assert any("按周末推算，未含节假日数据" in line for line in result.explain_lines)
    inside = deadlines.compute("petitions.handle", D(2025, 8, 5))
    assert inside.no_calendar_data is False


def test_a_pause_across_the_holiday_is_not_counted(cal):
    # 20 workdays from Mon 2025-09-01; paused on 9-10 (7 workdays counted), resumed 10-09
    result = deadlines.compute("disclosure.reply", D(2025, 9, 1),
                               pauses=[(D(2025, 9, 10), D(2025, 10, 9), "征求第三方意见")])
    # 13 workdays after 10-09: 10-10, 10-11(调休), 10-13..17, 10-20..24, 10-27 → 10-27
    assert result.due_on == D(2025, 10, 27)
    text = "\n".join(result.explain_lines)
    assert "暂停计时（征求第三方意见）" in text
    assert "此前已计7个工作日" in text


def test_a_day_period_with_a_pause_moves_by_the_paused_days(cal):
    result = deadlines.compute("petitions.handle", D(2025, 3, 3), pauses=[(D(2025, 3, 10), D(2025, 3, 20), "鉴定")])
    # 60 days from 3-3 = 5-2 (Fri); +10 paused days = 5-12 (Mon)
    assert result.due_on == D(2025, 5, 12)


def test_an_extension_runs_from_the_original_end(cal):
    result = deadlines.compute("disclosure.reply", D(2025, 3, 3), extensions=1)
    assert result.due_on == deadlines.due_date(deadlines.due_date(D(2025, 3, 3), 20, "workday"), 20, "workday")
    assert any("延长20个工作日" in line for line in result.explain_lines)


def test_the_explanation_names_each_skipped_day_and_the_article(cal):
    lines = deadlines.compute("disclosure.reply", D(2025, 9, 26)).explain_lines
    text = "\n".join(lines)
    assert "当日不计入" in text and "第二百零一条" in text
    assert "2025年10月1日至10月8日 国庆节，共8日" in text
    assert "2025年9月28日（周日）为调休上班日" in text
    assert lines[-1] == "届满日：2025年10月30日（周四）。依据：《政府信息公开条例》第三十三条。"


def test_the_roll_over_is_explained(cal):
    lines = deadlines.compute("petitions.handle", D(2025, 8, 5)).explain_lines
    assert any("顺延至其后第一个工作日2025年10月9日（周四）" in line and "第二百零三条" in line for line in lines)


def test_a_fixed_date_rule_before_april_first_is_due_march_31(cal):
    result = deadlines.compute("reports.publish", D(2025, 12, 31))
    assert result.due_on == D(2026, 3, 31)
