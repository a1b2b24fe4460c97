"""Benchmark: one million due dates over mixed rules and pauses, against a naive day-by-day loop.

    .venv/bin/python bench/deadlines.py [N]

The platform's path loads the calendar table once (``WorkCalendar.load``: working-day ordinals and a
cumulative count), then each due date is a few index lookups. The naive path walks day by day asking
``chinese_calendar.is_workday``. The naive loop runs on a sample (it is slow) and is scaled to N.
Prints both rates and the ratio; the issue asks for at least 50x. Uses a throw-away SQLite database.
"""

import datetime as dt
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("YIFA_HTTPS", "0")
os.environ["YIFA_VAR_DIR"] = tempfile.mkdtemp(prefix="yifa-bench-")

import django  # noqa: E402

django.setup()

import chinese_calendar  # noqa: E402
from django.core.management import call_command  # noqa: E402

from yifa.core.deadlines import WorkCalendar, add_months  # noqa: E402

ONE = dt.timedelta(days=1)
RULES = [(20, "workday"), (15, "day"), (60, "day"), (7, "workday"), (5, "workday"), (90, "day"), (3, "month"),
         (30, "day"), (10, "workday"), (1, "month")]


def naive(start, count, unit, pause):
    """Day by day with chinese_calendar.is_workday; the pause span (on, until] is not counted."""
    on, until = pause if pause else (None, None)
    if unit == "month":
        end = add_months(start, count)
        if pause and on < end:
            end += until - on
    else:
        end, n = start, 0
        while n < count:
            end += ONE
            if pause and on < end <= until:
                continue
            if unit == "day" or chinese_calendar.is_workday(end):
                n += 1
    while not chinese_calendar.is_workday(end):
        end += ONE
    return end


def cases(n, seed=2025):
    rng = random.Random(seed)
    base = dt.date(2020, 1, 1)
    out = []
    for _ in range(n):
        start = base + dt.timedelta(days=rng.randrange(0, 365 * 5))  # starts 2020–2024: results stay within the data
        count, unit = rng.choice(RULES)
        pause = None
        if rng.random() < 0.3:
            on = start + dt.timedelta(days=rng.randrange(0, 20))
            pause = (on, on + dt.timedelta(days=rng.randrange(1, 30)))
        out.append((start, count, unit, pause))
    return out


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    call_command("migrate", verbosity=0)  # seeds the calendar table from the chinesecalendar data
    work = cases(n)
    t0 = time.perf_counter()
    calendar = WorkCalendar.load(dt.date(2019, 12, 1), dt.date(2026, 12, 31))
    load_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    due = calendar.due_date
    fast = [due(s, c, u, (p,) if p else ()) for s, c, u, p in work]
    fast_seconds = time.perf_counter() - t0
    sample = work[: max(1000, n // 50)]
    t0 = time.perf_counter()
    slow = [naive(*case) for case in sample]
    naive_seconds = (time.perf_counter() - t0) * n / len(sample)
    mismatches = sum(1 for a, b in zip(fast, slow) if a != b)
    print(f"due dates: {n:,} (mixed rules, 30% with a pause)")
    print(f"calendar load from the table: {load_seconds * 1000:.1f} ms (once)")
    print(f"platform (WorkCalendar):      {fast_seconds:8.2f} s   {n / fast_seconds:12,.0f} /s")
    print(f"naive loop (is_workday):      {naive_seconds:8.2f} s   {n / naive_seconds:12,.0f} /s"
          f"   (measured on {len(sample):,}, scaled)")
    print(f"ratio: {naive_seconds / fast_seconds:.1f}x   mismatches on the sample: {mismatches}")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
