"""In real Chromium: the unit sees the 督办 on its 工作台, opens "如何计算", and answers."""

import datetime as dt

import pytest

from playwright.sync_api import expect

from yifa.core import deadlines
from yifa.core.models import SupervisionNotice
from yifa.core.testing import PASSWORD

D = dt.date


@pytest.mark.browser
def test_the_unit_reads_the_explanation_and_answers_the_supervision(page, tree):
    deadlines.start(tree.township, "petitions.objection", start=D(2025, 3, 3), by=tree.township_handler)
    notice = deadlines.issue_supervision(tree.township, by=tree.district_overseer, message="请办结逾期事项并报告",
                                         deadlines=list(deadlines.open_for(tree.township_head)))
    page.goto("/accounts/login/")
    page.fill("#id_username", "head")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.goto("/workbench/")
    page.get_by_role("link", name="甲区督办：请办结逾期事项并报告").click()
    explain = page.locator("details", has_text="如何计算")
    expect(explain.locator("ol.explain")).to_be_hidden()
    explain.locator("summary").click()
    expect(explain.locator("ol.explain").first).to_be_visible()
    assert "当日不计入" in explain.inner_text() and "第二百零一条" in explain.inner_text()
    page.fill("#id_answer", "已办结，书面报告已上传。")
    page.get_by_role("button", name="提交答复").click()
    page.wait_for_selector("text=已答复督办。")
    notice.refresh_from_db()
    assert notice.status == SupervisionNotice.Status.ANSWERED
