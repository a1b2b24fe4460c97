"""Cross-column checks of an imported 台账, for a module's ``ledger.check`` (used by the 重大行政决策, 行政规范性文件,
合法性审查, 法律顾问名册 and 服务记录 ledgers).

The page, the reading of the cells, the progress and the one transaction are core's (``yifa.core.imports``); each
module's ``ledger.check`` then looks across the columns of a row (dates in order, states consistent with their
dates) and across rows (duplicates in the file and against the unit's records), naming the row and column of
every problem.
"""

import datetime as dt

from django.core.exceptions import ValidationError

from yifa.core import deadlines, excel
from yifa.core.excel import Column, ImportResult, RowError

BLANK = (None, "")


def labels(choices) -> dict:
    """A model's choices as the sheet's labels: "已完成" -> "done"."""
    return {label: value for value, label in choices}


YES_NO = {"是": True, "否": False}


def parse_year(value) -> int:
    year = excel.parse_int(value)
    if not 2000 <= year <= 2100:
        raise ValidationError(f"“{value}”不是有效年度，请写成 2025。")
    return year


class RowChecks:
    """Cross-column checks after ``read_rows``: each problem becomes a RowError naming its row and column."""

    def __init__(self, result: ImportResult, columns: list[Column], today: dt.date):
        self.result, self.today = result, today
        self.header = {c.key: c.header for c in columns}

    def rows(self):
        return self.result.numbered

    def error(self, number: int, key: str, message: str) -> None:
        self.result.errors.append(RowError(number, self.header.get(key, key), message))

    def not_future(self, number: int, row: dict, keys) -> None:
        for key in keys:
            if row.get(key) is not None and row[key] > self.today:
                self.error(number, key, "日期不能晚于今天。")

    def not_before(self, number: int, row: dict, later: str, earlier: str, message: str = "") -> None:
        if row.get(later) is not None and row.get(earlier) is not None and row[later] < row[earlier]:
            self.error(number, later, message or f"不能早于{self.header[earlier]}（{deadlines.fmt(row[earlier])}）。")

    def need(self, number: int, row: dict, key: str, why: str) -> bool:
        """``key`` must be filled; ``why`` says which state or column asks for it."""
        if row.get(key) in BLANK:
            self.error(number, key, f"{why}，须填写{self.header[key]}。")
            return False
        return True

    def refuse(self, number: int, row: dict, key: str, why: str) -> None:
        """``key`` must be empty: ``why`` says why it cannot be there yet."""
        if row.get(key) not in BLANK:
            self.error(number, key, f"{why}，不应填写{self.header[key]}。")

    def unique(self, number: int, key: str, value, *, existing: set, seen: dict, what: str) -> None:
        """No two rows of the file, and no row and a record already in the unit, share ``value``."""
        if value in BLANK:
            return
        if value in existing:
            self.error(number, key, f"本单位已登记过{what}。")
        elif value in seen:
            self.error(number, key, f"与第 {seen[value]} 行重复（{what}）。")
        seen.setdefault(value, number)

    def done(self) -> None:
        self.result.errors.sort(key=lambda e: e.row)


def orgs_by_name(orgs) -> dict[str, list]:
    found: dict[str, list] = {}
    for org in orgs:
        found.setdefault(org.name, []).append(org)
        if org.short_name and org.short_name != org.name:
            found.setdefault(org.short_name, []).append(org)
    return found
