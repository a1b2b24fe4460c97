"""Real Chromium: a township drafts its report; the overseer uploads a report and reads the machine review."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from yifa.core.testing import PASSWORD
from yifa.reports.models import AnnualReport, ReportReview
from yifa.reports.tests.annotations import FIXTURES

pytestmark = pytest.mark.browser


@pytest.fixture
def frozen():
    # tick=True: the browser and the live server need a clock that moves.
    with time_machine.travel(dt.datetime(2026, 2, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=True):
        yield


def login(page, user):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/")


def test_the_handler_drafts_the_report_and_downloads_it(page, tree, frozen):
    login(page, tree.township_handler)
    page.goto("/reports/")
    page.select_option("select[name=year]", "2025")
    page.click("text=按台账数据生成草稿")
    page.wait_for_selector("text=已根据台账数据生成")
    assert page.locator("h1").inner_text() == "东街道关于2025年度法治政府建设情况的报告"
    assert page.locator(".badge.danger", has_text="尚无内容").count() == 3
    with page.expect_download() as download:
        page.click("text=下载报告（.docx）")
    assert download.value.suggested_filename.endswith("（草稿）.docx")
    assert AnnualReport.objects.get().status == AnnualReport.Status.DRAFT


def test_the_overseer_uploads_a_report_and_sees_each_figure_and_the_repetition(page, tree, frozen):
    login(page, tree.district_overseer)
    page.goto("/reports/reviews/")
    page.set_input_files("input[name=file]", str(FIXTURES / "seeds" / "002_045200239feb11ca.txt"))
    page.select_option("select[name=org]", str(tree.district.pk))
    page.click("text=开始审查")
    page.wait_for_selector("text=已完成机器审查")
    assert page.locator(".doc-text mark.figure").count() == 10
    mark = page.locator("#fig-5")
    assert "97件" in mark.inner_text() and "处理信访事项数：97件" in mark.get_attribute("title")
    assert page.locator(".doc-text .repeat").count() == 2
    assert page.locator(".section-checks .badge.danger").count() == 0
    page.click("a.stat[href='#figures-h']")
    assert page.locator(".figure-table tbody tr").count() == 10
    assert ReportReview.objects.get().file.original_name == "002_045200239feb11ca.txt"
