"""Statutory time: the only date arithmetic of the platform, and the deadlines carried by every matter.

Day counting (民法典 第二百零一至二百零四条; RULES.md):

- the start day is not counted;
- ``"workday"``: the count-th working day after the start (weekends and 法定节假日 skipped,
  调休上班日 counted), so it never ends on a rest day;
- ``"day"`` and ``"month"``: a period whose last day is a rest day ends on the next working day
  (民法典 第二百零三条); a month period ends on the corresponding day, or on the month's last day
  when there is none (第二百零二条);
- pauses (补正, 第三方意见, 中止, 鉴定…) are spans not counted: the day a pause begins is counted,
  counting resumes the day after it ends;
- an extension runs from the end of the period it extends.

Working days come from the ``CalendarDay`` table (exceptions to Monday–Friday), loaded for the needed
range in one query per computation; a ``WorkCalendar`` may be loaded once and passed in when many
dates are computed at once (the benchmark, recomputing after a calendar change). A computation that
reaches a year without calendar data counts weekends only and says so (``no_calendar_data``).

Module actions call ``start / pause / resume / extend / complete / cancel`` inside their own
transaction; each writes an audit entry ``core.deadline_<verb>``.
"""

from __future__ import annotations

import bisect
import calendar as _calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import audit
from .models import Membership, Org, Role
from .models.deadlines import (CalendarDay, CalendarYear, Deadline, DeadlineExtension, DeadlinePause, Reminder,
                               StatutoryRule, SupervisionNotice, Unit, period_text, weekday_label)
from .scope import has_role_anywhere, has_role_over

ONE_DAY = dt.timedelta(days=1)
NO_DATA_NOTE = "按周末推算，未含节假日数据"
START_BASIS = "《民法典》第二百零一条"
ROLL_BASIS = "《民法典》第二百零三条"
MONTH_BASIS = "《民法典》第二百零二条"


class DeadlineError(ValidationError):
    """A deadline step refused; the message (Chinese) names the rule and its article."""


def today() -> dt.date:
    """Today in Asia/Shanghai (the deployment's TIME_ZONE). Tests freeze it with time_machine."""
    return timezone.localdate()


def fmt(day: dt.date, weekday: bool = False) -> str:
    text = f"{day.year}年{day.month}月{day.day}日"
    return f"{text}（{weekday_label(day)}）" if weekday else text


# ---------------------------------------------------------------- the working-day calendar


class _OutOfRange(Exception):
    pass


class WorkCalendar:
    """Working days over [first, last], from the exceptions table, with ordinal arrays for O(1) counting.

    ``cum[i]`` is the number of working days in [first, first+i]; ``workdays`` lists the offsets of the
    working days, so "the n-th working day after d" is one index lookup.
    """

    def __init__(self, first: dt.date, last: dt.date, exceptions: dict[dt.date, tuple[bool, str]],
                 covered_years: Iterable[int]):
        self.first, self.last = first, last
        self.exceptions = exceptions
        self.covered_years = frozenset(covered_years)
        size = (last - first).days + 1
        base = first.weekday()
        self.is_work = bytearray(size)
        self.cum = [0] * size
        self.workdays: list[int] = []
        count = 0
        for i in range(size):
            exception = exceptions.get(first + dt.timedelta(days=i)) if exceptions else None
            work = exception[0] if exception is not None else (base + i) % 7 < 5
            if work:
                self.is_work[i] = 1
                count += 1
                self.workdays.append(i)
            self.cum[i] = count

    @classmethod
    def load(cls, first: dt.date, last: dt.date) -> "WorkCalendar":
        """Exceptions for [first, last] in one query, plus the list of years that have data."""
        years = list(CalendarYear.objects.filter(year__range=(first.year, last.year)).values_list("year", flat=True))
        if not years and not CalendarYear.objects.exists():
            seed_calendar()  # an empty table (a fresh or flushed database) is refilled from the package data
            years = list(CalendarYear.objects.filter(year__range=(first.year, last.year))
                         .values_list("year", flat=True))
        rows = CalendarDay.objects.filter(day__range=(first, last)).values_list("day", "is_workday", "note")
        exceptions = {day: (is_workday, note) for day, is_workday, note in rows}
        return cls(first, last, exceptions, years)

    @classmethod
    def from_package(cls, first: dt.date, last: dt.date) -> "WorkCalendar":
        """The same calendar straight from the chinesecalendar data (for checks and the benchmark)."""
        import chinese_calendar

        exceptions = {}
        for day, name in chinese_calendar.holidays.items():
            if first <= day <= last:
                exceptions[day] = (False, HOLIDAY_NAMES.get(name, name))
        for day, name in chinese_calendar.workdays.items():
            if first <= day <= last and day.weekday() >= 5:
                exceptions[day] = (True, f"{HOLIDAY_NAMES.get(name, name)}调休上班")
        years = {d.year for d in chinese_calendar.holidays}
        return cls(first, last, exceptions, years)

    def _offset(self, day: dt.date) -> int:
        i = (day - self.first).days
        if i < 0 or i >= len(self.cum):
            raise _OutOfRange(day)
        return i

    def is_workday(self, day: dt.date) -> bool:
        return bool(self.is_work[self._offset(day)])

    def covers(self, year: int) -> bool:
        return year in self.covered_years

    def rest_reason(self, day: dt.date) -> str:
        exception = self.exceptions.get(day)
        if exception is not None and exception[1]:
            return exception[1]
        return weekday_label(day)

    def workdays_in(self, after: dt.date, upto: dt.date) -> int:
        """Working days in (after, upto]."""
        if upto <= after:
            return 0
        return self.cum[self._offset(upto)] - self.cum[self._offset(after)]

    def nth_workday_after(self, day: dt.date, n: int) -> dt.date:
        index = self.cum[self._offset(day)] + n - 1
        if index >= len(self.workdays):
            raise _OutOfRange(day)
        return self.first + dt.timedelta(days=self.workdays[index])

    def next_workday_from(self, day: dt.date) -> dt.date:
        """``day`` itself if it is a working day, else the first working day after it."""
        return day if self.is_workday(day) else self.nth_workday_after(day, 1)

    def due_date(self, start: dt.date, count: int, unit: str, pauses=()) -> dt.date:
        """The due date alone (no explanation): the fast path for bulk work. ``pauses``: sorted (on, until) spans."""
        if pauses:
            return self._due_date_paused(start, count, unit, pauses)
        if unit == Unit.WORKDAY:
            return self.nth_workday_after(start, count) if count > 0 else start
        if unit == Unit.DAY:
            return self.next_workday_from(start + dt.timedelta(days=count))
        if unit == Unit.MONTH:
            return self.next_workday_from(add_months(start, count))
        raise ValueError(f"unknown unit {unit!r}")

    def _due_date_paused(self, start, count, unit, pauses) -> dt.date:
        if unit == Unit.MONTH:
            end = add_months(start, count)
            for on, until in pauses:
                if on < end:
                    end += until - on
            return self.next_workday_from(end)
        position, remaining = start, count
        for on, until in pauses:
            if until <= position:
                continue
            available = self.workdays_in(position, on) if unit == Unit.WORKDAY else max(0, (on - position).days)
            if available >= remaining:
                break
            remaining -= available
            position = max(position, until)
        if unit == Unit.WORKDAY:
            return self.nth_workday_after(position, remaining) if remaining > 0 else position
        return self.next_workday_from(position + dt.timedelta(days=remaining))


# chinesecalendar's English names → the names of 全国年节及纪念日放假办法.
HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def add_months(start: dt.date, months: int) -> dt.date:
    """The corresponding day ``months`` later, or that month's last day when there is none (第二百零二条)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(start.day, _calendar.monthrange(year, month)[1]))


def _span_guess(count: int, unit: str) -> int:
    if unit == Unit.WORKDAY:
        return count * 3 // 2 + 30
    if unit == Unit.MONTH:
        return count * 31 + 1
    return count


def _load_for(start: dt.date, days: int) -> WorkCalendar:
    return WorkCalendar.load(start, start + dt.timedelta(days=days + 40))


def due_date(start: dt.date, count: int, unit: str, *, calendar: WorkCalendar | None = None) -> dt.date:
    """The last day of a period of ``count`` ``unit`` ("day" | "workday" | "month") starting the day after ``start``."""
    if calendar is not None:
        return calendar.due_date(start, count, unit)
    days = _span_guess(count, unit)
    while True:
        try:
            return _load_for(start, days).due_date(start, count, unit)
        except _OutOfRange:
            days *= 2


def workdays_between(due: dt.date, *, calendar: WorkCalendar | None = None, since: dt.date | None = None) -> int:
    """Working days from ``since`` (default today, not counted) to ``due`` (counted); negative when past."""
    since = since or today()
    low, high = (since, due) if due >= since else (due, since)
    calendar = calendar if calendar is not None and calendar.first <= low and high <= calendar.last \
        else WorkCalendar.load(low, high)
    n = calendar.workdays_in(low, high)
    return n if due >= since else -n


def latest_start(end: dt.date, count: int, unit: str) -> dt.date:
    """The latest day from which a ``count`` ``unit`` period is complete by ``end`` (e.g. notice 7日 before a hearing)."""
    guess = end - dt.timedelta(days=_span_guess(count, unit) + 40)
    calendar = WorkCalendar.load(guess, end + dt.timedelta(days=40))
    day = end - ONE_DAY
    while calendar.due_date(day, count, unit) > end:
        day -= ONE_DAY
    return day


# ---------------------------------------------------------------- computations with pauses and extensions


@dataclass(frozen=True)
class Pause:
    on: dt.date            # the day the clock stops (counted)
    until: dt.date | None  # the day it is lifted; counting resumes the day after. None: still paused
    reason: str = ""


@dataclass(frozen=True)
class Extension:
    count: int
    unit: str
    reason: str = ""


@dataclass
class Computation:
    """A due date and how it was reached, in Chinese, line by line."""

    rule: StatutoryRule | None
    start: dt.date
    count: int
    unit: str
    due_on: dt.date
    explain_lines: list[str] = field(default_factory=list)
    no_calendar_data: bool = False
    missing_years: list[int] = field(default_factory=list)
    provisional: bool = False  # an unfinished pause: the date assumes the clock resumes today


def _as_pauses(pauses) -> list[Pause]:
    result = []
    for p in pauses or ():
        if isinstance(p, Pause):
            result.append(p)
        elif isinstance(p, DeadlinePause):
            result.append(Pause(p.paused_on, p.resumed_on, p.reason))
        else:
            on, until, *rest = p
            result.append(Pause(on, until, rest[0] if rest else ""))
    return sorted(result, key=lambda p: p.on)


def _as_extensions(extensions, rule: StatutoryRule | None) -> list[Extension]:
    if isinstance(extensions, int):
        if extensions and (rule is None or not rule.extension_max_times):
            raise DeadlineError("该期限不能延长。")
        return [Extension(rule.extension_count, rule.extension_unit)] * extensions if extensions else []
    result = []
    for e in extensions or ():
        if isinstance(e, Extension):
            result.append(e)
        elif isinstance(e, DeadlineExtension):
            result.append(Extension(e.count, e.unit, e.reason))
        else:
            result.append(Extension(*e))
    return result


def get_rule(rule_or_code) -> StatutoryRule:
    """The rule row for a code; codes missing from the table (new, or a flushed database) are added first."""
    if isinstance(rule_or_code, StatutoryRule):
        return rule_or_code
    rule = StatutoryRule.objects.filter(code=rule_or_code).first()
    if rule is None:
        # A code shipped after the table was seeded (or an emptied table): add the missing rows, never overwrite.
        from .management.commands.seed_rules import sync_rules

        sync_rules(StatutoryRule, only_missing=True)
        rule = StatutoryRule.objects.filter(code=rule_or_code).first()
    if rule is None:
        raise DeadlineError(f"没有代码为 {rule_or_code} 的法定期限规则。")
    return rule


def compute(rule_code, start: dt.date, *, pauses=(), extensions=0, calendar: WorkCalendar | None = None,
            count: int | None = None, unit: str | None = None, as_of: dt.date | None = None) -> Computation:
    """Due date of ``rule_code`` started on ``start``; pure (reads the rule and the calendar, writes nothing).

    ``pauses``: (paused_on, resumed_on or None, reason) spans; ``extensions``: a number of standard
    extensions of the rule, or (count, unit, reason) items. ``count``/``unit`` override the rule's
    (a deadline keeps the values it started with).
    """
    rule = get_rule(rule_code)
    count = rule.count if count is None else count
    unit = unit or rule.unit
    pause_list = _as_pauses(pauses)
    extension_list = _as_extensions(extensions, rule)
    as_of = as_of or today()
    if unit == Unit.FIXED:
        return _compute_fixed(rule, start)
    days = _span_guess(count, unit) + sum(_span_guess(e.count, e.unit) for e in extension_list)
    days += sum(((p.until or max(as_of, p.on)) - p.on).days for p in pause_list)
    while True:
        cal = calendar if calendar is not None else _load_for(start, days)
        try:
            return _Explainer(cal, rule, start, count, unit, pause_list, extension_list, as_of).run()
        except _OutOfRange:
            if calendar is not None:
                calendar = None
            days *= 2


def _compute_fixed(rule: StatutoryRule, start: dt.date) -> Computation:
    year = start.year
    due = dt.date(year, rule.fixed_month, rule.fixed_day)
    if due <= start:
        due = dt.date(year + 1, rule.fixed_month, rule.fixed_day)
    legal = due
    if rule.fixed_exclusive:
        due -= ONE_DAY
    lines = [f"起算：{fmt(start)}（{rule.trigger}）。",
             f"期限：{rule.period_label}，即{fmt(legal)}{'之前' if rule.fixed_exclusive else '（含当日）'}。"]
    if rule.fixed_exclusive:
        lines.append(f"“{legal.month}月{legal.day}日之前”按不含当日计算，最迟于{fmt(due, True)}完成（本地设定，可调整）。")
    lines.append("固定日期的期限不因节假日顺延。")
    lines.append(f"届满日：{fmt(due, True)}。依据：{rule.basis}。")
    return Computation(rule, start, 0, Unit.FIXED, due, lines)


class _Explainer:
    """Walks the period segment by segment (the period, then each extension), noting every step in Chinese."""

    def __init__(self, cal, rule, start, count, unit, pauses, extensions, as_of):
        self.cal, self.rule, self.start, self.count, self.unit = cal, rule, start, count, unit
        self.pauses, self.extensions, self.as_of = list(pauses), extensions, as_of
        self.lines: list[str] = []
        self.provisional = False

    def run(self) -> Computation:
        rule = self.rule
        trigger = f"，即{rule.trigger}之日" if rule and rule.trigger else ""
        self.lines.append(f"起算日：{fmt(self.start, True)}{trigger}；当日不计入，自次日开始计算（{START_BASIS}）。")
        kind = "最短期间，不得早于届满日结束" if rule and rule.kind == StatutoryRule.Kind.MINIMUM else "期限"
        self.lines.append(f"{kind}：{period_text(self.count, self.unit)}"
                          f"{'，按工作日计算' if self.unit == Unit.WORKDAY else ''}（{rule.basis if rule else ''}）。")
        if self.unit != Unit.WORKDAY:
            self.lines.append("按自然日连续计算，期间内的休息日照常计入；最后一日是休息日的，顺延至其后第一个工作日。")
        end = self._segment(self.start, self.count, self.unit)
        for extension in self.extensions:
            reason = f"，理由：{extension.reason}" if extension.reason else ""
            self.lines.append(f"延长{period_text(extension.count, extension.unit)}{reason}；"
                              f"自原届满日{fmt(end)}的次日起算。")
            end = self._segment(end, extension.count, extension.unit)
        for pause in self.pauses:
            self.lines.append(f"{fmt(pause.on)}起的暂停（{pause.reason or '未注明原因'}）发生在期限届满之后，不影响届满日。")
        missing = [y for y in range((self.start + ONE_DAY).year, end.year + 1) if not self.cal.covers(y)]
        if missing:
            years = "、".join(f"{y}年" for y in missing)
            self.lines.append(f"注意：{years}尚无节假日数据，{NO_DATA_NOTE}；请管理员录入当年国务院办公厅放假通知后自动重算。")
        suffix = "（暂停尚未结束，按今日恢复推算）" if self.provisional else ""
        basis = f"依据：{rule.basis}。" if rule else ""
        self.lines.append(f"届满日：{fmt(end, True)}{suffix}。{basis}")
        return Computation(rule, self.start, self.count, self.unit, end, self.lines, bool(missing), missing,
                           self.provisional)

    # -- one segment: ``count`` ``unit`` after ``origin``, minus the pauses that begin before it ends
    def _segment(self, origin: dt.date, count: int, unit: str) -> dt.date:
        cal = self.cal
        if unit == Unit.MONTH:
            raw = add_months(origin, count)
            if raw.day != origin.day:
                self.lines.append(f"{origin.month}月{origin.day}日加{count}个月，{raw.year}年{raw.month}月没有对应日，"
                                  f"以该月最后一日{fmt(raw)}为期间最后一日（{MONTH_BASIS}）。")
            for pause in self._pauses_before(lambda: raw):
                until = self._until(pause)
                skipped = (until - pause.on).days
                raw = raw + dt.timedelta(days=skipped)
                self._pause_line(pause, until, f"{skipped}日不计入，期间相应顺延至{fmt(raw)}")
            return self._roll(raw)
        position, remaining = origin, count
        counted: list[tuple[dt.date, dt.date]] = []  # (after, upto] spans that were counted
        for pause in list(self.pauses):
            if pause.on < position and pause.until is not None and pause.until <= position:
                self.pauses.remove(pause)  # wholly inside an earlier pause: nothing more to skip
                continue
            available = (cal.workdays_in(position, pause.on) if unit == Unit.WORKDAY
                         else max(0, (pause.on - position).days))
            if available >= remaining:
                break
            self.pauses.remove(pause)
            remaining -= available
            if pause.on > position:
                counted.append((position, pause.on))
            until = self._until(pause)
            if unit == Unit.WORKDAY:
                self._pause_line(pause, until, f"其间{cal.workdays_in(pause.on, until)}个工作日不计入，"
                                               f"此前已计{count - remaining}个工作日")
            else:
                self._pause_line(pause, until, f"其间{(until - pause.on).days}日不计入，此前已计{count - remaining}日")
            position = max(position, until)
        if unit == Unit.WORKDAY:
            end = cal.nth_workday_after(position, remaining) if remaining > 0 else position
            counted.append((position, end))
            self._skipped_lines(counted)
            return end
        if unit == Unit.DAY:
            raw = position + dt.timedelta(days=remaining)
            return self._roll(raw)
        raise ValueError(f"unknown unit {unit!r}")

    def _pauses_before(self, end_getter):
        while self.pauses and self.pauses[0].on < end_getter():
            yield self.pauses.pop(0)

    def _until(self, pause: Pause) -> dt.date:
        if pause.until is not None:
            return pause.until
        self.provisional = True
        return max(self.as_of, pause.on)

    def _pause_line(self, pause: Pause, until: dt.date, tail: str) -> None:
        reason = pause.reason or "未注明原因"
        if pause.until is None:
            self.lines.append(f"自{fmt(pause.on)}起暂停计时（{reason}），尚未恢复；{tail}。")
        else:
            self.lines.append(f"{fmt(pause.on)}暂停计时（{reason}），{fmt(pause.until)}恢复，自次日继续计算；{tail}。")

    def _roll(self, raw: dt.date) -> dt.date:
        cal = self.cal
        end = cal.next_workday_from(raw)
        if end != raw:
            rests = []
            day = raw
            while day < end:
                rests.append(day)
                day += ONE_DAY
            self.lines.append(f"期间最后一日{fmt(raw, True)}是休息日（{self._runs_text(rests)}），"
                              f"顺延至其后第一个工作日{fmt(end, True)}（{ROLL_BASIS}）。".replace("（）", ""))
        else:
            self.lines.append(f"期间最后一日{fmt(raw, True)}是工作日，无需顺延。")
        return end

    def _skipped_lines(self, spans: list[tuple[dt.date, dt.date]]) -> None:
        """List the rest days skipped and the 调休 weekend workdays counted in the counted spans (after, upto]."""
        cal = self.cal
        rests, makeups = [], []
        for after, upto in spans:
            day = after + ONE_DAY
            while day <= upto:
                if not cal.is_workday(day):
                    rests.append(day)
                elif day.weekday() >= 5:
                    makeups.append(day)
                day += ONE_DAY
        if rests:
            self.lines.append(f"跳过休息日{len(rests)}日：{self._runs_text(rests)}。")
        else:
            self.lines.append("期间内没有休息日。")
        for day in makeups:
            note = cal.exceptions.get(day, (True, ""))[1] or "调休上班"
            self.lines.append(f"{fmt(day, True)}为调休上班日（{note}），计为工作日。")

    def _runs_text(self, days: list[dt.date]) -> str:
        """Consecutive rest days grouped: "2025年10月1日至10月8日 国庆节、中秋节，共8日；2025年10月12日 周日"."""
        runs: list[list[dt.date]] = []
        for day in days:
            if runs and (day - runs[-1][-1]).days == 1:
                runs[-1].append(day)
            else:
                runs.append([day])
        parts = []
        for run in runs:
            reasons = []
            for day in run:
                reason = self.cal.rest_reason(day)
                if reason not in reasons:
                    reasons.append(reason)
            if reasons == ["周六", "周日"]:
                reasons = ["周末"]
            label = "、".join(reasons)
            if len(run) == 1:
                parts.append(f"{fmt(run[0])} {label}")
            else:
                last = run[-1]
                tail = f"{last.month}月{last.day}日" if last.year == run[0].year else fmt(last)
                parts.append(f"{fmt(run[0])}至{tail} {label}，共{len(run)}日")
        return "；".join(parts)


# ---------------------------------------------------------------- deadlines on matters


def _org_of(target) -> Org | None:
    """The unit a matter belongs to: itself for an Org, else its ``scope_org_field`` (default ``org``)."""
    if isinstance(target, Org):
        return target
    field_name = getattr(type(target), "scope_org_field", "org") or "org"
    value = target
    for part in field_name.split("__"):
        value = getattr(value, part, None)
    return value if isinstance(value, Org) else None


def _target_key(target) -> tuple[str, str]:
    return target._meta.label_lower, str(target.pk)


def _active(target, rule_code) -> Deadline:
    target_type, target_id = _target_key(target)
    deadline = (Deadline.objects.select_for_update().select_related("rule")
                .filter(target_type=target_type, target_id=target_id, rule__code=rule_code,
                        status__in=Deadline.ACTIVE).first())
    if deadline is None:
        rule = StatutoryRule.objects.filter(code=rule_code).first()
        name = rule.name if rule else rule_code
        raise DeadlineError(f"该事项没有正在计时的“{name}”期限。")
    return deadline


def _recompute(deadline: Deadline, calendar: WorkCalendar | None = None) -> Computation:
    saved = deadline.pk is not None
    result = compute(deadline.rule, deadline.started_on,
                     pauses=list(deadline.pauses.all()) if saved else (),
                     extensions=list(deadline.extension_rows.all()) if saved else (),
                     count=deadline.count, unit=deadline.unit, calendar=calendar)
    deadline.due_on = result.due_on
    deadline.no_calendar_data = result.no_calendar_data
    return result


def _changes(deadline: Deadline, before: dict) -> dict:
    return {k: [str(v) if v is not None else None, str(getattr(deadline, k)) if getattr(deadline, k) is not None
                else None] for k, v in before.items() if v != getattr(deadline, k)}


def _snapshot(deadline: Deadline) -> dict:
    return {k: getattr(deadline, k) for k in ("due_on", "status", "completed_on", "extensions", "no_calendar_data")}


@transaction.atomic
def start(target, rule_code, *, start: dt.date, by, org: Org | None = None, note: str = "") -> Deadline:
    """起算期限: the clock of ``rule_code`` starts on ``start`` for ``target``.

    A clock already running for the same rule on the same matter is restarted (e.g. 政府信息公开条例
    第三十条: the reply period runs again from receipt of the 补正): the old one is cancelled, a new one
    begins; both are audited.
    """
    rule = get_rule(rule_code)
    org = org or _org_of(target)
    if org is None:
        raise DeadlineError("无法确定期限所属单位。")
    target_type, target_id = _target_key(target)
    running = (Deadline.objects.select_for_update()
               .filter(target_type=target_type, target_id=target_id, rule=rule, status__in=Deadline.ACTIVE).first())
    if running is not None:
        _close(running, Deadline.Status.CANCELLED, by=by, verb="cancel", note=f"重新起算：{note or rule.name}")
    url = ""
    if hasattr(target, "get_absolute_url"):
        try:
            url = target.get_absolute_url()
        except Exception:  # a target without a reachable page still gets its deadline
            url = ""
    deadline = Deadline(org=org, target_type=target_type, target_id=target_id, target_repr=str(target)[:200],
                        target_url=url[:300], rule=rule, count=rule.count, unit=rule.unit, started_on=start,
                        note=note[:200], created_by=by if getattr(by, "pk", None) else None)
    result = _recompute(deadline)
    deadline.save()
    audit.record("core.deadline_start", deadline, by=by, note=note or rule.name, changes={
        "rule": [None, rule.code], "started_on": [None, str(start)], "due_on": [None, str(deadline.due_on)],
        "no_calendar_data": [None, result.no_calendar_data]})
    return deadline


# ---------------------------------------------------------------- many clocks at once (台账导入)


@dataclass(frozen=True)
class Clock:
    """One clock for ``start_many``: the matter, its rule, the day it starts and what the ledger says happened."""

    target: object
    rule: str
    start: dt.date
    pauses: tuple = ()                   # (paused_on, resumed_on or None, reason) spans the ledger records
    completed_on: dt.date | None = None  # the step was taken: the clock is written closed (按期 or 逾期)
    note: str = ""


class DueDates:
    """Due dates of many matters at once: each rule read once, the working-day calendar loaded for the whole span,
    each distinct (rule, start, pauses) computed once. The dates ``start`` gives, without the explanation lines.

    ``starts``: the start days to come, so the calendar is loaded once (it widens itself when a later call needs it).
    """

    def __init__(self, starts: Iterable[dt.date] = ()):
        self.rules: dict[str, StatutoryRule] = {}
        self.cache: dict[tuple, tuple[dt.date, bool]] = {}
        self.calendar: WorkCalendar | None = None
        starts = [day for day in starts if day]
        if starts:
            self.calendar = WorkCalendar.load(min(starts), max(starts) + dt.timedelta(days=400))

    def rule(self, rule_code) -> StatutoryRule:
        code = rule_code.code if isinstance(rule_code, StatutoryRule) else rule_code
        if code not in self.rules:
            self.rules[code] = get_rule(rule_code)
        return self.rules[code]

    def __call__(self, rule_code, start: dt.date, pauses=()) -> tuple[dt.date, bool]:
        """(due date, whether a year it reaches has no holiday data)."""
        spans = tuple(_as_pauses(pauses))
        key = (rule_code.code if isinstance(rule_code, StatutoryRule) else rule_code, start, spans)
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = self._compute(self.rule(rule_code), start, spans)
        return found

    def _compute(self, rule: StatutoryRule, start: dt.date, pauses: tuple[Pause, ...]) -> tuple[dt.date, bool]:
        if rule.unit == Unit.FIXED or any(p.until is None for p in pauses):
            result = compute(rule, start, pauses=pauses)  # the rare cases: one at a time, with the full rules
            return result.due_on, result.no_calendar_data
        spans = [(p.on, p.until) for p in pauses]
        margin = _span_guess(rule.count, rule.unit) + sum((p.until - p.on).days for p in pauses) + 40
        while True:
            calendar = self.calendar
            if calendar is not None and calendar.first <= start:
                try:
                    due = calendar.due_date(start, rule.count, rule.unit, spans)
                    return due, any(not calendar.covers(year) for year in range(start.year, due.year + 1))
                except _OutOfRange:
                    pass
            first = min(start, calendar.first) if calendar else start
            last = max(start, calendar.last) if calendar else start
            self.calendar = WorkCalendar.load(first, last + dt.timedelta(days=margin))
            margin *= 2


def start_many(clocks: Iterable[Clock], *, by, org: Org | None = None, due: DueDates | None = None,
               note: str = "台账导入") -> list[Deadline]:
    """起算期限 for many new matters at once (a ledger import): the ``Deadline`` rows ``start`` would write, with the
    pauses the ledger records, in a few multi-row INSERTs, and one ``core.deadline_start`` audit entry each
    (``audit.record_many``). A clock with ``completed_on`` is written closed (按期 or 逾期), one whose last pause
    has not ended as paused. The matters are new, so no running clock is looked for. ``org``: the unit of every
    clock (default: each matter's). Call inside the import's transaction; returns the clocks in order.
    """
    from . import imports

    clocks = list(clocks)
    if not clocks:
        return []
    due = due or DueDates(clock.start for clock in clocks)
    created_by = by if getattr(by, "pk", None) else None
    values, pauses, url_of = [], [], _Links()
    for clock in clocks:
        rule, spans = due.rule(clock.rule), _as_pauses(clock.pauses)
        due_on, missing = due(clock.rule, clock.start, spans)
        if clock.completed_on is not None:
            status = Deadline.Status.MET if clock.completed_on <= due_on else Deadline.Status.LATE
            if rule.kind == StatutoryRule.Kind.MINIMUM:
                status = Deadline.Status.MET if clock.completed_on >= due_on else Deadline.Status.SHORT
        elif spans and spans[-1].until is None:
            status = Deadline.Status.PAUSED
        else:
            status = Deadline.Status.OPEN
        target = clock.target
        target_type, target_id = _target_key(target)
        values.append({
            "org": org or _org_of(target), "target_type": target_type, "target_id": target_id,
            "target_repr": str(target)[:200], "target_url": url_of(target)[:300], "rule": rule, "count": rule.count,
            "unit": rule.unit, "started_on": clock.start, "due_on": due_on, "status": status,
            "completed_on": clock.completed_on, "no_calendar_data": missing, "note": (clock.note or note)[:200]})
        pauses.append(spans)
    if any(v["org"] is None for v in values):
        raise DeadlineError("无法确定期限所属单位。")
    rows = imports.build(Deadline, values, created_by=created_by)
    imports.bulk_insert(Deadline, rows)
    imports.bulk_insert(DeadlinePause, [
        DeadlinePause(deadline=deadline, paused_on=p.on, resumed_on=p.until, reason=(p.reason or note)[:200],
                      created_by=created_by)
        for deadline, spans in zip(rows, pauses) for p in spans])
    audit.record_many("core.deadline_start", rows, by=by, org=org, note=lambda d: d.note or d.rule.name,
                      changes=lambda d: {
                          "rule": [None, d.rule.code], "started_on": [None, str(d.started_on)],
                          "due_on": [None, str(d.due_on)], "no_calendar_data": [None, d.no_calendar_data],
                          **({"status": [None, str(d.status)]} if d.status != Deadline.Status.OPEN else {}),
                          **({"completed_on": [None, str(d.completed_on)]} if d.completed_on else {})})
    return rows


def _url_of(target) -> str:
    try:
        return target.get_absolute_url() if hasattr(target, "get_absolute_url") else ""
    except Exception:  # a target without a reachable page still gets its deadline
        return ""


class _Links:
    """Matters' page links for many clocks: when the first two matters of a model have links that differ only by
    their key (/mediation/cases/12/), the others' are made by putting their key in, instead of resolving 10,000
    URLs one by one."""

    def __init__(self):
        self.first: dict[type, tuple[str, str]] = {}      # model -> (its first link, that matter's key)
        self.shape: dict[type, tuple[str, str] | None] = {}  # model -> (before the key, after it), None: resolve each

    def __call__(self, target) -> str:
        model, key = type(target), str(target.pk)
        shape = self.shape.get(model)
        if shape is not None:
            return f"{shape[0]}{key}{shape[1]}"
        url = _url_of(target)
        if model not in self.shape:
            if model not in self.first:
                self.first[model] = (url, key)
            else:
                first_url, first_key = self.first[model]
                parts = first_url.split(first_key)
                confirmed = len(parts) == 2 and url == f"{parts[0]}{key}{parts[1]}"
                self.shape[model] = (parts[0], parts[1]) if confirmed else None
        return url


@transaction.atomic
def pause(target, rule_code, *, on: dt.date, by, reason: str) -> Deadline:
    """暂停计时 for a span the rule does not count (补正, 第三方意见, 中止, 鉴定…)."""
    deadline = _active(target, rule_code)
    rule = deadline.rule
    if not rule.pausable_by:
        raise DeadlineError(f"“{rule.name}”没有可不计入期限的情形（{rule.basis}），不能暂停计时。")
    if deadline.status == Deadline.Status.PAUSED:
        raise DeadlineError(f"“{rule.name}”已在暂停计时中，请先恢复计时。")
    if not reason.strip():
        raise DeadlineError("请填写暂停计时的原因。")
    if on < deadline.started_on:
        raise DeadlineError(f"暂停日不能早于起算日{fmt(deadline.started_on)}。")
    before = _snapshot(deadline)
    DeadlinePause.objects.create(deadline=deadline, paused_on=on, reason=reason.strip()[:200],
                                 created_by=by if getattr(by, "pk", None) else None)
    deadline.status = Deadline.Status.PAUSED
    _recompute(deadline)
    deadline.save()
    audit.record("core.deadline_pause", deadline, by=by, note=reason, changes={**_changes(deadline, before),
                                                                               "paused_on": [None, str(on)]})
    return deadline


@transaction.atomic
def resume(target, rule_code, *, on: dt.date, by) -> Deadline:
    """恢复计时: counting resumes the day after ``on``; the due date moves by the span not counted."""
    deadline = _active(target, rule_code)
    current = deadline.pauses.filter(resumed_on__isnull=True).last()
    if deadline.status != Deadline.Status.PAUSED or current is None:
        raise DeadlineError(f"“{deadline.rule.name}”没有暂停，无需恢复计时。")
    if on < current.paused_on:
        raise DeadlineError(f"恢复日不能早于暂停日{fmt(current.paused_on)}。")
    before = _snapshot(deadline)
    current.resumed_on = on
    current.save(update_fields=["resumed_on"])
    deadline.status = Deadline.Status.OPEN
    _recompute(deadline)
    deadline.save()
    audit.record("core.deadline_resume", deadline, by=by, note=current.reason,
                 changes={**_changes(deadline, before), "resumed_on": [None, str(on)]})
    return deadline


@transaction.atomic
def extend(target, rule_code, *, by, reason: str, count: int | None = None) -> Deadline:
    """延长期限, within what the rule allows (e.g. 信访工作条例 第三十四条: ≤30日, once)."""
    deadline = _active(target, rule_code)
    rule = deadline.rule
    if not rule.extension_max_times:
        raise DeadlineError(f"{rule.basis}未规定“{rule.name}”可以延长。")
    if deadline.extensions >= rule.extension_max_times:
        raise DeadlineError(f"“{rule.name}”已延长{deadline.extensions}次，{rule.basis}规定至多延长"
                            f"{rule.extension_max_times}次。")
    count = rule.extension_count if count is None else count
    if count <= 0:
        raise DeadlineError("延长的期间应大于零。")
    if count > rule.extension_count:
        raise DeadlineError(f"每次至多延长{period_text(rule.extension_count, rule.extension_unit)}（{rule.basis}）。")
    if not reason.strip():
        raise DeadlineError(f"延长“{rule.name}”须写明理由（{rule.extension_basis or rule.basis}）。")
    before = _snapshot(deadline)
    DeadlineExtension.objects.create(deadline=deadline, count=count, unit=rule.extension_unit,
                                     reason=reason.strip()[:200], created_by=by if getattr(by, "pk", None) else None)
    deadline.extensions += 1
    _recompute(deadline)
    deadline.save()
    audit.record("core.deadline_extend", deadline, by=by, note=reason,
                 changes={**_changes(deadline, before),
                          "extension": [None, period_text(count, rule.extension_unit)]})
    return deadline


@transaction.atomic
def complete(target, rule_code, *, on: dt.date, by) -> Deadline:
    """办结: records whether the step was done in time (按期/逾期); a running pause ends that day."""
    deadline = _active(target, rule_code)
    if on < deadline.started_on:
        raise DeadlineError(f"完成日不能早于起算日{fmt(deadline.started_on)}。")
    before = _snapshot(deadline)
    current = deadline.pauses.filter(resumed_on__isnull=True).last()
    if current is not None:
        current.resumed_on = max(on, current.paused_on)
        current.save(update_fields=["resumed_on"])
        _recompute(deadline)
    if deadline.rule.kind == StatutoryRule.Kind.MINIMUM:
        status = Deadline.Status.MET if on >= deadline.due_on else Deadline.Status.SHORT
    else:
        status = Deadline.Status.MET if on <= deadline.due_on else Deadline.Status.LATE
    deadline.completed_on = on
    return _close(deadline, status, by=by, verb="complete", note=deadline.rule.name, before=before)


@transaction.atomic
def cancel(target, rule_code, *, by, reason: str) -> Deadline:
    """撤销期限 (the matter ended otherwise: withdrawn, transferred, not accepted)."""
    deadline = _active(target, rule_code)
    if not reason.strip():
        raise DeadlineError("请填写撤销期限的原因。")
    return _close(deadline, Deadline.Status.CANCELLED, by=by, verb="cancel", note=reason)


def _close(deadline: Deadline, status: str, *, by, verb: str, note: str, before: dict | None = None) -> Deadline:
    before = before or _snapshot(deadline)
    deadline.status = status
    deadline.save()
    audit.record(f"core.deadline_{verb}", deadline, by=by, note=note, changes=_changes(deadline, before))
    return deadline


def of(target) -> list[Deadline]:
    """The deadlines of one matter, for its page (with the working days left filled in)."""
    target_type, target_id = _target_key(target)
    items = list(Deadline.objects.filter(target_type=target_type, target_id=target_id)
                 .select_related("rule").order_by("started_on", "pk"))
    annotate(items)
    return items


def open_for(user):
    """Running deadlines in the user's data scope (for 工作台 and 督办)."""
    return (Deadline.objects.visible_to(user).filter(status__in=Deadline.ACTIVE)
            .select_related("rule", "org").order_by("due_on", "pk"))


def annotate(deadlines: list[Deadline], *, on: dt.date | None = None) -> list[Deadline]:
    """Fill ``workdays_left`` (and ``state_label``) for a list with one calendar load."""
    on = on or today()
    if not deadlines:
        return deadlines
    low = min([d.due_on for d in deadlines] + [on])
    high = max([d.due_on for d in deadlines] + [on])
    cal = WorkCalendar.load(low, high)
    for d in deadlines:
        n = cal.workdays_in(on, d.due_on) if d.due_on >= on else -cal.workdays_in(d.due_on, on)
        d.__dict__["workdays_left"] = n
    return deadlines


def remind_workdays() -> int:
    return int(getattr(settings, "YIFA_REMIND_WORKDAYS", 3))


def state_of(deadline: Deadline, on: dt.date | None = None) -> tuple[str, str]:
    """(badge class, Chinese words) for a deadline: 逾期 / 今日到期 / 还剩… / 暂停计时 / 按期完成…"""
    on = on or today()
    status = deadline.status
    if status == Deadline.Status.PAUSED:
        return "grey", "暂停计时"
    if status == Deadline.Status.MET:
        return "ok", f"按期完成（{fmt(deadline.completed_on)}）" if deadline.completed_on else "按期完成"
    if status in (Deadline.Status.LATE, Deadline.Status.SHORT):
        return "danger", f"{deadline.get_status_display()}（{fmt(deadline.completed_on)}）"
    if status == Deadline.Status.CANCELLED:
        return "grey", "已撤销"
    if deadline.rule.kind == StatutoryRule.Kind.MINIMUM:
        if deadline.due_on <= on:
            return "ok", "已满法定期间"
        return "", f"{(deadline.due_on - on).days}日后期满"
    days = (deadline.due_on - on).days
    if days < 0:
        return "danger", f"已逾期{-days}日"
    if days == 0:
        return "danger", "今日到期"
    if deadline.unit == Unit.WORKDAY:
        left = deadline.workdays_left
        return ("warn" if left <= remind_workdays() else ""), f"还剩{left}个工作日"
    soon = deadline.workdays_left <= remind_workdays()
    return ("warn" if soon else ""), f"还剩{days}日"


def explain_deadline(deadline: Deadline) -> list[str]:
    result = compute(deadline.rule, deadline.started_on, pauses=list(deadline.pauses.all()),
                     extensions=list(deadline.extension_rows.all()), count=deadline.count, unit=deadline.unit)
    lines = list(result.explain_lines)
    if result.due_on != deadline.due_on:
        lines.append(f"（记录的届满日为{fmt(deadline.due_on)}，与按现行日历重算的结果不同，请管理员核查。）")
    if deadline.completed_on:
        lines.append(f"{fmt(deadline.completed_on)}完成，{deadline.get_status_display()}。")
    if deadline.rule.is_local:
        lines.append("此期限为本地设定（无全国统一规定或待核实），可由管理员调整。")
    return lines


# ---------------------------------------------------------------- calendar administration


def can_manage_calendar(user) -> bool:
    """Only an administrator of the top unit (the deployment) sets holidays and local rules."""
    if getattr(user, "is_superuser", False):
        return True
    return Membership.objects.filter(user=user, role=Role.ADMIN, org__parent__isnull=True,
                                     org__is_active=True).exists() if getattr(user, "is_authenticated", False) \
        else False


def can_edit_rule(user, rule: StatutoryRule) -> bool:
    return rule.is_local and can_manage_calendar(user)


def recompute_affected(first: dt.date, last: dt.date, *, by, reason: str) -> list[Deadline]:
    """After a calendar change: recompute the running deadlines whose span touches [first, last], or that lacked data."""
    affected = (Deadline.objects.select_for_update().select_related("rule")
                .filter(status__in=Deadline.ACTIVE)
                .filter(Q(started_on__lte=last, due_on__gte=first) | Q(no_calendar_data=True)))
    changed = []
    for deadline in affected:
        before = _snapshot(deadline)
        _recompute(deadline)
        if deadline.due_on != before["due_on"] or deadline.no_calendar_data != before["no_calendar_data"]:
            deadline.save(update_fields=["due_on", "no_calendar_data", "updated_at"])
            audit.record("core.deadline_recompute", deadline, by=by, note=reason, changes=_changes(deadline, before))
            changed.append(deadline)
    return changed


@transaction.atomic
def set_calendar_day(*, by, day: dt.date, kind: str, note: str = "") -> list[Deadline]:
    """修改某日: ``kind`` "rest" (放假), "work" (调休上班) or "normal" (按周一至周五常规，删除例外)."""
    if kind not in ("rest", "work", "normal"):
        raise DeadlineError("请选择放假、上班或按常规。")
    old = CalendarDay.objects.filter(day=day).first()
    before = None if old is None else f"{'上班' if old.is_workday else '放假'} {old.note}".strip()
    if kind == "normal":
        CalendarDay.objects.filter(day=day).delete()
        after = None
    else:
        if not note.strip():
            raise DeadlineError("请填写说明，如“国庆节”或“春节调休上班”。")
        CalendarDay.objects.update_or_create(day=day, defaults={"is_workday": kind == "work", "note": note.strip()})
        after = f"{'上班' if kind == 'work' else '放假'} {note.strip()}"
    audit.record("core.calendar_set_day", None, by=by, note=f"{fmt(day, True)}", changes={str(day): [before, after]})
    return recompute_affected(day, day, by=by, reason=f"节假日日历修改：{fmt(day)}")


@dataclass
class HolidayRange:
    name: str
    first: dt.date
    last: dt.date


@transaction.atomic
def enter_year(*, by, year: int, notice: str, holidays: list[HolidayRange],
               makeup_days: list[tuple[dt.date, str]]) -> list[Deadline]:
    """录入全年放假安排 from the 国务院办公厅通知: replaces the year's rows, marks the year covered, recomputes."""
    if not holidays:
        raise DeadlineError("至少录入一个放假时段。")
    rows: dict[dt.date, CalendarDay] = {}
    for holiday in holidays:
        day = holiday.first
        while day <= holiday.last:
            rows[day] = CalendarDay(day=day, is_workday=False, note=holiday.name)
            day += ONE_DAY
    for day, name in makeup_days:
        if day in rows:
            raise DeadlineError(f"{fmt(day)}既在放假时段内又被列为调休上班日。")
        rows[day] = CalendarDay(day=day, is_workday=True, note=f"{name}调休上班" if "调休" not in name else name)
    old = list(CalendarDay.objects.filter(day__year=year).values_list("day", "is_workday", "note"))
    CalendarDay.objects.filter(Q(day__year=year) | Q(day__in=list(rows))).delete()
    CalendarDay.objects.bulk_create(rows.values())
    CalendarYear.objects.update_or_create(year=year, defaults={
        "source": CalendarYear.Source.NOTICE, "notice": notice.strip()[:200],
        "entered_by": by if getattr(by, "pk", None) else None})
    audit.record("core.calendar_enter_year", None, by=by, note=f"{year}年放假安排：{notice}", changes={
        "year": [None, year],
        "holidays": [None, [f"{h.name} {h.first}~{h.last}" for h in holidays]],
        "makeup_days": [None, [f"{d} {n}" for d, n in makeup_days]],
        "replaced_rows": [len(old), len(rows)],
    })
    first = min([dt.date(year, 1, 1), *rows])
    return recompute_affected(first, dt.date(year, 12, 31), by=by, reason=f"录入{year}年放假安排")


def seed_calendar(day_model=CalendarDay, year_model=CalendarYear) -> int:
    """Fill the calendar from the chinesecalendar package for every year it knows (2004–2026). Idempotent.

    Takes the model classes so a data migration can pass its historical models.
    """
    import chinese_calendar

    existing = set(day_model.objects.values_list("day", flat=True))
    rows = []
    for day, name in sorted(chinese_calendar.holidays.items()):
        if day not in existing:
            rows.append(day_model(day=day, is_workday=False, note=HOLIDAY_NAMES.get(name, name)))
    for day, name in sorted(chinese_calendar.workdays.items()):
        if day.weekday() >= 5 and day not in existing:
            rows.append(day_model(day=day, is_workday=True, note=f"{HOLIDAY_NAMES.get(name, name)}调休上班"))
    day_model.objects.bulk_create(rows, batch_size=500)
    years = sorted({d.year for d in chinese_calendar.holidays})
    known = set(year_model.objects.values_list("year", flat=True))
    year_model.objects.bulk_create([
        year_model(year=y, source="package", notice=f"chinesecalendar {chinese_calendar.__version__} 数据")
        for y in years if y not in known])
    return len(rows)


# ---------------------------------------------------------------- rules administration


RULE_EDITABLE = ("name", "trigger", "count", "unit", "extension_count", "extension_unit", "extension_max_times",
                 "extension_basis", "pausable_by", "fixed_month", "fixed_day", "fixed_exclusive", "note")


@transaction.atomic
def update_rule(rule: StatutoryRule, *, by, **values) -> StatutoryRule:
    """修改本地设定的规则 ([M]/[NV] only). Deadlines already running keep the period they started with."""
    if not rule.is_local:
        raise DeadlineError(f"“{rule.name}”依据{rule.basis}（已核实），不能在本地修改。")
    before = {f: getattr(rule, f) for f in RULE_EDITABLE}
    for key, value in values.items():
        if key in RULE_EDITABLE:
            setattr(rule, key, value)
    if rule.unit == Unit.FIXED and not (rule.fixed_month and rule.fixed_day):
        raise DeadlineError("固定日期的规则须填写月和日。")
    rule.full_clean()
    rule.save()
    changes = {f: [before[f], getattr(rule, f)] for f in RULE_EDITABLE if before[f] != getattr(rule, f)}
    if changes:
        audit.record("core.rule_update", rule, by=by, changes=changes)
    return rule


# ---------------------------------------------------------------- reminders


def mail_configured() -> bool:
    backend = getattr(settings, "EMAIL_BACKEND", "")
    if backend and backend != "django.core.mail.backends.smtp.EmailBackend":
        return True
    return getattr(settings, "EMAIL_HOST", "localhost") not in ("", "localhost")


HANDLING_ROLES = (Role.HANDLER, Role.MEDIATOR, Role.REVIEWER, Role.HEAD)


def _recipients(org: Org) -> list[str]:
    """Those who handle the unit's matters: members of the unit (or the unit it belongs to) with an e-mail."""
    ids = [org.pk] + ([org.parent_id] if org.kind == Org.Kind.DEPARTMENT and org.parent_id else [])
    return sorted(set(Membership.objects.filter(org_id__in=ids, role__in=HANDLING_ROLES, user__is_active=True)
                      .exclude(user__email="").values_list("user__email", flat=True)))


@dataclass
class ScanResult:
    created: list[Reminder]
    emailed: int


def scan(*, on: dt.date | None = None) -> ScanResult:
    """Create the reminders due today: N working days before (YIFA_REMIND_WORKDAYS), on the day, and overdue.

    Idempotent: one reminder per (deadline, kind, due date), so a second run creates and sends nothing.
    """
    on = on or today()
    soon = remind_workdays()
    candidates = list(Deadline.objects.filter(status=Deadline.Status.OPEN, rule__kind=StatutoryRule.Kind.DEADLINE)
                      .select_related("rule", "org").order_by("due_on"))
    horizon = due_date(on, soon, Unit.WORKDAY) if soon else on
    candidates = [d for d in candidates if d.due_on <= horizon]
    annotate(candidates, on=on)
    created: list[Reminder] = []
    emailed = 0
    for deadline in candidates:
        if deadline.due_on < on:
            kind, words = Reminder.Kind.OVERDUE, f"已逾期{(on - deadline.due_on).days}日"
        elif deadline.due_on == on:
            kind, words = Reminder.Kind.DUE_TODAY, "今日到期"
        else:
            kind, words = Reminder.Kind.DUE_SOON, f"还剩{deadline.workdays_left}个工作日到期"
        message = (f"{deadline.target_repr}：{deadline.rule.name}{words}（届满日{fmt(deadline.due_on)}，"
                   f"{deadline.basis}）")[:300]
        with transaction.atomic():
            reminder, new = Reminder.objects.get_or_create(deadline=deadline, kind=kind, due_on=deadline.due_on,
                                                           defaults={"message": message})
            if not new:
                continue
            created.append(reminder)
            if mail_configured():
                to = _recipients(deadline.org)
                if to:
                    send_mail(f"【期限提醒】{deadline.rule.name}{words}", message + "\n\n请登录工作台处理。",
                              None, to, fail_silently=True)
                    reminder.emailed_to = ",".join(to)
                    reminder.save(update_fields=["emailed_to"])
                    emailed += 1
    return ScanResult(created, emailed)


# ---------------------------------------------------------------- 督办


SUPERVISE_ROLES = (Role.OVERSEER, Role.HEAD)
SUPERVISION_RULE = "supervision.reply"


def can_supervise(user, org: Org) -> bool:
    """督察 or 负责人 of a unit above ``org`` (not of the unit itself)."""
    if getattr(user, "is_superuser", False):
        return True
    if org.parent_id is None:
        return False
    return has_role_over(user, org.parent, *SUPERVISE_ROLES)


def can_view_supervision_board(user) -> bool:
    return getattr(user, "is_superuser", False) or has_role_anywhere(user, *SUPERVISE_ROLES)


def can_answer_supervision(user, notice: SupervisionNotice) -> bool:
    if notice.status != SupervisionNotice.Status.ISSUED:
        return False
    return Membership.objects.filter(user=user, org=notice.org, role__in=(Role.HEAD, Role.HANDLER),
                                     org__is_active=True).exists()


def supervised_deadlines(user):
    """Running deadlines in units strictly below those where the user is 督察/负责人."""
    if getattr(user, "is_superuser", False):
        return open_for(user)
    paths = list(Membership.objects.filter(user=user, role__in=SUPERVISE_ROLES, org__is_active=True)
                 .values_list("org__path", "org_id"))
    q = Q(pk__in=[])
    for path, org_id in paths:
        q |= Q(org__path__startswith=path) & ~Q(org_id=org_id)
    return open_for(user).filter(q)


@transaction.atomic
def issue_supervision(org: Org, *, by, message: str, deadlines: Iterable[Deadline] = ()) -> SupervisionNotice:
    """发出督办通知 to ``org`` about its overdue / due-soon deadlines; the unit must answer (期限 supervision.reply)."""
    if not message.strip():
        raise DeadlineError("请填写督办要求。")
    deadlines = list(deadlines)
    for d in deadlines:
        if not d.org.is_within(org):
            raise DeadlineError(f"“{d}”不属于{org.name}，不能列入本次督办。")
    issuer_org = audit.acting_org(by, org)
    notice = SupervisionNotice.objects.create(org=org, issued_by=by, issued_by_org=issuer_org or org,
                                              message=message.strip())
    if deadlines:
        notice.deadlines.set(deadlines)
    audit.record("core.supervision_issue", notice, by=by, note=message.strip()[:200],
                 changes={"org": [None, org.name], "deadlines": [None, [str(d) for d in deadlines]]})
    start(notice, SUPERVISION_RULE, start=today(), by=by, org=org, note="督办通知答复")
    return notice


@transaction.atomic
def answer_supervision(notice: SupervisionNotice, *, by, answer: str) -> SupervisionNotice:
    """答复督办: the unit states what it has done; the answer is recorded and the reply deadline completed."""
    from .workflow import transition

    if not answer.strip():
        raise DeadlineError("请填写答复内容。")
    notice = SupervisionNotice.objects.select_for_update().get(pk=notice.pk)
    notice.answer = answer.strip()
    notice.answered_by = by
    notice.answered_at = timezone.now()
    transition(notice, "answer_supervision", by=by, note=answer.strip()[:200],
               extra_fields=["answer", "answered_by", "answered_at"])
    try:
        complete(notice, SUPERVISION_RULE, on=today(), by=by)
    except DeadlineError:
        pass  # the reply clock may have been cancelled; the answer stands
    return notice


# ---------------------------------------------------------------- 工作台


def workbench_items(user) -> list:
    """The user's running deadlines (units where they handle matters), 督办 to answer, and for overseers a summary."""
    from django.urls import reverse

    from .registry import DEADLINE_MODULE, WorkItem

    if not getattr(user, "is_authenticated", False):
        return []
    memberships = list(Membership.objects.filter(user=user, org__is_active=True).select_related("org"))
    items = []
    q = Q(pk__in=[])
    for m in memberships:
        if m.role in (Role.HANDLER, Role.HEAD):
            q |= Q(org__path__startswith=m.org.path)
        elif m.role in HANDLING_ROLES:
            # A 调解员 or 审核人 watches only the modules that name the role (AppConfig.deadline_roles).
            labels = [c.label for c in apps.get_app_configs() if m.role in getattr(c, "deadline_roles", ())]
            type_q = Q(pk__in=[])
            for label in labels:
                type_q |= Q(target_type__startswith=f"{label}.")
            q |= Q(org__path__startswith=m.org.path) & type_q
    if memberships:
        mine = list(open_for(user).filter(q).exclude(rule__code=SUPERVISION_RULE)[:50])
        annotate(mine)
        for d in mine:
            _badge, words = state_of(d)
            flag = f"（{NO_DATA_NOTE}）" if d.no_calendar_data else ""
            items.append(WorkItem(module=DEADLINE_MODULE, title=f"{d.target_repr}：{d.rule.name}",
                                  url=d.target_url or reverse("core:deadline_detail", args=[d.pk]),
                                  state=words + flag, due_on=d.due_on, basis=d.basis))
    answer_orgs = [m.org_id for m in memberships if m.role in (Role.HEAD, Role.HANDLER)]
    notices = (SupervisionNotice.objects.filter(org_id__in=answer_orgs, status=SupervisionNotice.Status.ISSUED)
               .select_related("issued_by_org"))
    for notice in notices:
        reply = Deadline.objects.filter(target_type="core.supervisionnotice", target_id=str(notice.pk),
                                        status__in=Deadline.ACTIVE).select_related("rule").first()
        items.append(WorkItem(module="督办", title=f"{notice.issued_by_org.name}督办：{notice.message[:40]}",
                              url=reverse("core:supervision_detail", args=[notice.pk]), state="待答复",
                              due_on=reply.due_on if reply else None, basis=reply.basis if reply else ""))
    if can_view_supervision_board(user) and not user.is_superuser:
        watched = list(supervised_deadlines(user).filter(rule__kind=StatutoryRule.Kind.DEADLINE,
                                                         status=Deadline.Status.OPEN, due_on__lt=today()))
        if watched:
            units = len({d.org_id for d in watched})
            items.append(WorkItem(module="督办", title=f"下级单位逾期事项{len(watched)}件（{units}个单位）",
                                  url=reverse("core:supervision_board"), state="请督办",
                                  due_on=min(d.due_on for d in watched)))
    return items

