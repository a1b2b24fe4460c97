"""Property tests: due dates agree with an independent day-by-day oracle over chinese_calendar.is_workday.

Random starts 2020–2026, counts 1–90 of each unit, with and without a pause. The calendar under test is
the seeded table (loaded once); the oracle reads the chinesecalendar package directly.
"""

import calendar as pycalendar
import datetime as dt

import chinese_calendar
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yifa.core import deadlines

ONE = dt.timedelta(days=1)
LAST_KNOWN = max(chinese_calendar.holidays)


def oracle_is_workday(day: dt.date) -> bool:
    if day.year > LAST_KNOWN.year:
        return day.weekday() < 5  # no data: weekends only, as the platform does (and flags)
    return chinese_calendar.is_workday(day)


def oracle(start, count, unit, pause=None):
    def paused(day):
        return pause is not None and pause[0] < day <= pause[1]

    if unit == "month":
        months = start.month - 1 + count
        year, month = start.year + months // 12, months % 12 + 1
        end = dt.date(year, month, min(start.day, pycalendar.monthrange(year, month)[1]))
        if pause is not None and pause[0] < end:
            end += pause[1] - pause[0]
    else:
        end, n = start, 0
        while n < count:
            end += ONE
            if paused(end):
                continue
            if unit == "day" or oracle_is_workday(end):
                n += 1
    while not oracle_is_workday(end):
        end += ONE
    return end


@pytest.fixture
def calendar(db):
    """Loaded once per test (hypothesis then runs every example against it, without the database)."""
    return deadlines.WorkCalendar.load(dt.date(2019, 12, 1), dt.date(2034, 12, 31))


starts = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2026, 12, 31))
counts = st.integers(min_value=1, max_value=90)
units = st.sampled_from(["day", "workday", "month"])
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(start=starts, count=counts, unit=units)
def test_due_date_agrees_with_the_day_by_day_oracle(calendar, start, count, unit):
    if unit == "month":
        count = count % 24 + 1
    assert deadlines.due_date(start, count, unit, calendar=calendar) == oracle(start, count, unit)


@SETTINGS
@given(start=starts, count=counts, unit=units, offset=st.integers(0, 40), length=st.integers(0, 30))
def test_due_date_with_a_pause_agrees_with_the_oracle(calendar, start, count, unit, offset, length):
    if unit == "month":
        count = count % 24 + 1
    pause = (start + dt.timedelta(days=offset), start + dt.timedelta(days=offset + length))
    rule = {"day": "petitions.handle", "workday": "disclosure.reply", "month": "oversight.suggestion"}[unit]
    result = deadlines.compute(_rule(rule), start, pauses=[(pause[0], pause[1], "中止")], count=count, unit=unit,
                               calendar=calendar)
    expected_plain = oracle(start, count, unit)
    if unit != "month" and pause[0] >= _raw_end(start, count, unit):
        assert result.due_on == expected_plain  # the pause came after the period was over
    elif unit == "month" and pause[0] >= deadlines.add_months(start, count):
        assert result.due_on == expected_plain
    else:
        assert result.due_on == oracle(start, count, unit, pause)
    assert calendar.due_date(start, count, unit, pauses=[pause]) == result.due_on  # the fast path agrees


def _raw_end(start, count, unit):
    """The day the count is reached, before any roll-over (a pause starting on or after it changes nothing)."""
    end, n = start, 0
    while n < count:
        end += ONE
        if unit == "day" or oracle_is_workday(end):
            n += 1
    return end


_RULES = {}


def _rule(code):
    if code not in _RULES:
        from yifa.core.models import StatutoryRule

        _RULES[code] = StatutoryRule(code=code, name=code, trigger="", count=1, unit="day", instrument="测试",
                                     article="第一条", confidence="T", pausable_by="中止")
    return _RULES[code]
