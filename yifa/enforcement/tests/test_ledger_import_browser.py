"""Real Chromium: a handler uploads a small case ledger and an inspection ledger through the import pages and
sees the records in the registers."""

import pytest

from playwright.sync_api import expect

from yifa.core.testing import ledger_file
from yifa.enforcement import ledgers
from yifa.enforcement.models import EnforcementCase as Case
from yifa.enforcement.models import Inspection

from .test_browser import login
from .test_case_ledger_import import closed_row, open_row
from .test_inspection_ledger_import import row as inspection_row

pytestmark = pytest.mark.browser


def workbook(columns, rows) -> bytes:
    return ledger_file([c.header for c in columns], rows).read()


def upload(page, name, data):
    page.set_input_files("input[type=file]", files=[{"name": name, "mimeType": "application/octet-stream",
                                                      "buffer": data}])
    page.get_by_role("button", name="上传并导入").click()


def test_a_handler_imports_the_case_and_inspection_ledgers_through_the_pages(page, w):
    login(page, w.handler.username)
    page.goto("/enforcement/cases/")
    page.get_by_role("link", name="导入台账").first.click()
    page.wait_for_url("**/enforcement/cases/import/")
    expect(page.get_by_role("heading", name="导入行政处罚案件台账")).to_be_visible()
    bad = closed_row(决定日期="2025-05-01")
    upload(page, "案件台账.xlsx", workbook(ledgers.CASE_COLUMNS, [bad]))
    page.get_by_text("不能早于立案日期（2025年5月6日）。").wait_for()
    assert not Case.objects.exists()
    upload(page, "案件台账.xlsx", workbook(ledgers.CASE_COLUMNS, [closed_row(), open_row()]))
    page.wait_for_url("**/enforcement/cases/", timeout=30_000)
    page.get_by_text("已导入 2 件行政处罚案件。").wait_for()
    expect(page.get_by_role("link", name="东街综执立〔2025〕7号")).to_be_visible()
    expect(page.get_by_role("link", name="东街综执立〔2026〕1号")).to_be_visible()

    page.goto("/enforcement/inspections/")
    page.get_by_role("link", name="导入台账").first.click()
    upload(page, "检查台账.xlsx", workbook(ledgers.INSPECTION_COLUMNS, [inspection_row()]))
    page.wait_for_url("**/enforcement/inspections/", timeout=30_000)
    page.get_by_text("已导入 1 条执法检查。").wait_for()
    expect(page.get_by_role("link", name="湖州某某餐饮有限公司")).to_be_visible()
    assert Case.objects.count() == 2 and Inspection.objects.count() == 1
