"""In Chromium: a handler uploads a ledger on the import page (upload progress, then the list), and a bad one
shows its row errors without saving anything."""

import pytest

from playwright.sync_api import expect

from yifa.core.testing import PASSWORD
from yifa.oversight import ledgers
from yifa.oversight.models import Suggestion
from yifa.oversight.tests.test_ledgers import _sheet, _suggestion_rows


def _login(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


@pytest.mark.browser
def test_a_handler_imports_a_ledger_in_the_browser(page, tree):
    _login(page, tree.township_handler)
    page.goto("/oversight/suggestions/import/")
    bad = _suggestion_rows(3)
    bad[1]["assigned_on"] = "去年"
    page.set_input_files("input[type=file]", files=[{"name": "台账.xlsx", "mimeType": "application/octet-stream",
                                                      "buffer": _sheet(ledgers.SUGGESTION_COLUMNS, bad).read()}])
    page.get_by_role("button", name="上传并导入").click()
    problem = page.locator("[data-import-rows] tr").first
    problem.wait_for()
    assert problem.locator("td").all_inner_texts()[:2] == ["第 3 行", "交办日期"]
    expect(page.get_by_role("heading", name="未导入任何数据：发现 1 处问题")).to_be_visible()
    assert not Suggestion.objects.exists()
    page.set_input_files("input[type=file]", files=[{"name": "台账.xlsx", "mimeType": "application/octet-stream",
                                                      "buffer": _sheet(ledgers.SUGGESTION_COLUMNS,
                                                                       _suggestion_rows(3)).read()}])
    page.get_by_role("button", name="上传并导入").click()
    page.get_by_text("已导入 3 件代表建议（政协提案）。").wait_for()
    assert page.url.endswith("/oversight/suggestions/")
    assert Suggestion.objects.count() == 3
