"""台账导入 shared by the decision-and-rule modules (重大行政决策, 行政规范性文件, 合法性审查 and 法律顾问).

One page per ledger: the template download, the upload, every row checked (``yifa.core.excel.read_rows`` for the
cells, then the module's cross-column checks: dates in order, states consistent with their dates, duplicates in
the file and against the unit's records), every problem named by row and column, and nothing saved unless every
row is valid (the module's import action is one transaction).
"""

import datetime as dt
from typing import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from yifa.core import deadlines, excel
from yifa.core.excel import Column, ImportResult, RowError

from .forms import ImportForm
from .viewkit import acting_org, require

MAX_SHOWN = 200  # problems listed on the page; the count says how many there are in all
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


def ledger_import(request, *, allowed: bool, denied: str, columns: list[Column],
                  check: Callable[..., None], save: Callable[..., list], title: str, template_url: str,
                  list_url: str, notes: tuple[str, ...] = ()):
    """The import page: GET shows it; POST checks every row and saves all or nothing.

    ``check(result, org=, user=, today=)`` adds the ledger's cross-column problems to ``result.errors``;
    ``save(rows, by=, org=)`` is the module's import action (one transaction) returning the new records.
    """
    require(allowed, denied)
    org = acting_org(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        result = excel.read_rows(form.cleaned_data["file"], columns)
        # The cross-column checks run on the rows whose cells parsed, so every problem is listed at once.
        check(result, org=org, user=request.user, today=deadlines.today())
        if not result.ok:
            errors = [str(e) for e in result.errors]
        elif not result.rows:
            errors = ["表格中没有数据行。"]
        else:
            created = save(result.rows, by=request.user, org=org)
            messages.success(request, f"已从台账导入 {len(created)} 条记录。")
            return redirect(list_url)
    return render(request, "legal_review/import.html", {
        "form": form, "errors": errors[:MAX_SHOWN], "error_count": len(errors), "title": title, "org": org,
        "template_url": template_url, "list_url": list_url, "notes": notes,
        "required": [c.header for c in columns if c.required],
    }, status=400 if errors else 200)
