"""统计期间: a calendar year, quarter or month, written in URLs as 2025, 2025-Q1 or 2025-03."""

import calendar
import datetime as dt
from dataclasses import dataclass

QUARTER_NAMES = "一二三四"


@dataclass(frozen=True)
class Period:
    kind: str  # "year" | "quarter" | "month"
    year: int
    n: int = 0  # the quarter (1–4) or month (1–12)

    @classmethod
    def parse(cls, key: str | None, *, default: "Period") -> "Period":
        """``2025`` / ``2025-Q2`` / ``2025-07``; anything else gives ``default``."""
        key = (key or "").strip().upper()
        try:
            if len(key) == 4:
                period = cls("year", int(key))
            elif len(key) == 7 and key[4:6] == "-Q":
                period = cls("quarter", int(key[:4]), int(key[6]))
            elif len(key) == 7 and key[4] == "-":
                period = cls("month", int(key[:4]), int(key[5:]))
            else:
                return default
        except ValueError:
            return default
        if not 2000 <= period.year <= 2100 or (period.kind == "quarter" and not 1 <= period.n <= 4) \
                or (period.kind == "month" and not 1 <= period.n <= 12):
            return default
        return period

    @classmethod
    def year_of(cls, day: dt.date) -> "Period":
        return cls("year", day.year)

    @property
    def start(self) -> dt.date:
        if self.kind == "year":
            return dt.date(self.year, 1, 1)
        if self.kind == "quarter":
            return dt.date(self.year, 3 * self.n - 2, 1)
        return dt.date(self.year, self.n, 1)

    @property
    def end(self) -> dt.date:
        if self.kind == "year":
            return dt.date(self.year, 12, 31)
        month = 3 * self.n if self.kind == "quarter" else self.n
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def bounds(self) -> tuple[dt.date, dt.date]:
        """``(first day, last day)``, both included: the ``period`` argument of every module's indicators."""
        return self.start, self.end

    @property
    def key(self) -> str:
        if self.kind == "year":
            return str(self.year)
        if self.kind == "quarter":
            return f"{self.year}-Q{self.n}"
        return f"{self.year}-{self.n:02d}"

    @property
    def label(self) -> str:
        if self.kind == "year":
            return f"{self.year}年"
        if self.kind == "quarter":
            return f"{self.year}年第{QUARTER_NAMES[self.n - 1]}季度"
        return f"{self.year}年{self.n}月"

    @property
    def short_label(self) -> str:
        if self.kind == "year":
            return f"{self.year}年"
        return f"{QUARTER_NAMES[self.n - 1]}季度" if self.kind == "quarter" else f"{self.n}月"

    def months(self) -> list["Period"]:
        first = self.start.month
        last = self.end.month
        return [Period("month", self.year, m) for m in range(first, last + 1)]

    def __str__(self) -> str:
        return self.label


def choices(today: dt.date, years: int = 4) -> list[tuple[str, list[tuple[str, str]]]]:
    """The periods offered in the selector, newest first, grouped by year."""
    groups = []
    for year in range(today.year, today.year - years, -1):
        options = [Period("year", year)]
        options += [Period("quarter", year, q) for q in range(4, 0, -1)]
        options += [Period("month", year, m) for m in range(12, 0, -1)]
        options = [p for p in options if p.start <= today]
        groups.append((f"{year}年", [(p.key, p.label) for p in options]))
    return groups
