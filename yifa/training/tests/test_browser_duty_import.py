"""In Chromium at phone width: a handler opens the 责任清单 import from the list, a wrong row is shown by 行 and 列,
then a clean sheet lands on the list with the items."""

import pytest

from playwright.sync_api import expect

from yifa.core.testing import PASSWORD
from yifa.training import ledgers
from yifa.training.models import DutyItem
from yifa.training.tests.test_duty_ledger import _rows
from yifa.training.tests.test_ledgers import _sheet


def _upload(page, rows):
    page.set_input_files("input[type=file]", files=[{"name": "责任清单.xlsx", "mimeType": "application/octet-stream",
                                                      "buffer": _sheet(ledgers.DUTY_COLUMNS, rows).read()}])
    page.get_by_role("button", name="上传并导入").click()


@pytest.mark.browser
def test_a_handler_imports_the_duty_list_in_the_browser(page, tree):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill(tree.township_handler.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.goto("/training/duties/?year=2025")
    page.get_by_role("link", name="导入清单").click()
    expect(page.get_by_role("heading", name="导入谁执法谁普法责任清单")).to_be_visible()
    bad = _rows(3)
    bad[1]["audience"] = None
    _upload(page, bad)
    problem = page.locator("[data-import-rows] tr").first
    problem.wait_for()
    assert problem.locator("td").all_inner_texts() == ["第 3 行", "普法对象", "必填，不能为空。"]
    assert not DutyItem.objects.exists()
    _upload(page, _rows(3))
    page.get_by_text("已导入 3 项责任清单事项。").wait_for()
    assert "/training/duties/" in page.url
    expect(page.get_by_text("执法部门002")).to_be_visible()
    assert DutyItem.objects.filter(org=tree.township).count() == 3
