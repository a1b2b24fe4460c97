"""The site's URLs plus one import of a throw-away ledger (工作日历年份), for the tests of ``core.imports``."""

from django.urls import path, reverse

from config.urls import urlpatterns as site
from yifa.core import audit, excel, imports
from yifa.core.excel import Column
from yifa.core.models import CalendarYear, Role
from yifa.core.scope import has_role_over


def save_years(rows, *, by, org):
    years = imports.build(CalendarYear, rows)
    yield from imports.save_records(CalendarYear, years, by=by, org=org, action="core.import_row")
    audit.record("core.import_years", org, by=by, org=org, note=f"导入年份 {len(years)} 个")
    yield len(years)
    return years


def check_years(result, org, today):
    for number, row in result.numbered:
        if row["year"] < 2000:
            result.errors.append(excel.RowError(number, "年份", "年份不能早于 2000 年。"))


LEDGER = imports.Ledger(
    title="年份台账", columns=[Column("year", "年份", required=True, parse=excel.parse_int),
                           Column("notice", "通知", parse=excel.parse_text(200))],
    check=check_years, save=save_years, permission=lambda user, org: has_role_over(user, org, Role.HANDLER),
    denied="只有经办人可以导入年份台账。", template_url=lambda: reverse("core:workbench"),
    list_url=lambda: reverse("core:workbench"), noun="个年份")

urlpatterns = [path("test-import/", imports.view(LEDGER), name="test_import"), *site]
