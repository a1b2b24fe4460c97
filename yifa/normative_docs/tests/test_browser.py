"""In Chromium: a resident comments on a draft 规范性文件 on the portal, without an account."""

import datetime as dt

import pytest

from playwright.sync_api import expect
import time_machine

from yifa.normative_docs import actions
from yifa.normative_docs.models import DocumentComment

from .conftest import SHANGHAI


@pytest.mark.browser
def test_a_resident_comments_on_a_draft_on_the_portal(page, tree):
    with time_machine.travel(dt.datetime(2025, 3, 3, 9, tzinfo=SHANGHAI), tick=True):
        document = actions.create_document(org=tree.township, by=tree.township_handler, title="东街道文明养犬管理规定",
                                           basis="依据", draft_text="第一条 携犬出户应当束犬链。", drafting_notes="说明")
        actions.open_comment(document, by=tree.township_handler, opens_on=dt.date(2025, 3, 3),
                             closes_on=dt.date(2025, 3, 14), notice="在线提交")
        page.goto("/")
        page.get_by_role("link", name="规范性文件").first.click()
        page.get_by_role("link", name="东街道文明养犬管理规定（征求意见稿）").click()
        expect(page.get_by_text("第一条 携犬出户应当束犬链。")).to_be_visible()
        page.get_by_label("您的意见").fill("建议在公园设置宠物活动区。")
        page.get_by_label("我是企业或行业协会").check()
        page.wait_for_timeout(3200)
        page.get_by_role("button", name="提交意见").click()
        expect(page.get_by_text("您的意见已提交")).to_be_visible()
        expect(page.get_by_text("已收到意见1条")).to_be_visible()
    comment = DocumentComment.objects.get()
    assert comment.body == "建议在公园设置宠物活动区。" and comment.is_business
