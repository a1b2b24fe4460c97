"""In Chromium: a handler uploads a small 学法考试成绩 sheet; a wrong row is shown by 行 and 列, then a clean one
lands on the exam list."""

import pytest

from playwright.sync_api import expect

from yifa.core.testing import PASSWORD
from yifa.training import ledgers
from yifa.training.models import ExamResult
from yifa.training.tests.test_exam_ledger import _rows
from yifa.training.tests.test_ledgers import _sheet


def _upload(page, rows):
    page.set_input_files("input[type=file]", files=[{"name": "考试成绩.xlsx", "mimeType": "application/octet-stream",
                                                      "buffer": _sheet(ledgers.EXAM_COLUMNS, rows).read()}])
    page.get_by_role("button", name="上传并导入").click()


@pytest.mark.browser
def test_a_handler_imports_exam_scores_in_the_browser(page, tree, cadres):
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill(tree.township_handler.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.goto("/training/exams/")
    page.get_by_role("link", name="导入考试成绩").click()
    expect(page.get_by_role("heading", name="导入学法考试成绩台账")).to_be_visible()
    bad = _rows()
    bad[1]["passed"] = "合格"
    _upload(page, bad)
    problem = page.locator("[data-import-rows] tr").first
    problem.wait_for()
    assert problem.locator("td").all_inner_texts() == ["第 3 行", "是否合格", "成绩58.5分、合格分60分，应为“不合格”。"]
    assert not ExamResult.objects.exists()
    _upload(page, _rows())
    page.get_by_text("已导入 3 条考试成绩。").wait_for()
    assert page.url.endswith("/training/exams/")
    expect(page.get_by_role("link", name="2025年度学法考试")).to_be_visible()
    assert ExamResult.objects.count() == 3
