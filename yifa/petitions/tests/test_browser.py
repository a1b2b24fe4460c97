"""Real Chromium: a 信访 from 登记 to 告知, 办结 and its letter; a resident's 网上信访 tracked by its code."""

import datetime as dt
import io
import re

import pytest

from playwright.sync_api import expect
import time_machine
from docx import Document

from yifa.core.testing import PASSWORD, build_tree
from yifa.petitions.models import Petition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CST = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture
def tree():
    with time_machine.travel(dt.datetime(2025, 6, 16, 9, 0, tzinfo=CST), tick=True):
        yield build_tree()


def sign_in(page, username):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/workbench/")


def test_a_handler_registers_notifies_and_concludes_a_petition(page, tree):
    sign_in(page, "handler")
    page.click("nav >> text=信访事项")
    page.click("text=登记信访事项")
    page.select_option("#id_channel", "visit")
    page.fill("#id_received_on", "2025-06-10")
    page.fill("#id_petitioner_name", "沈国强")
    page.fill("#id_petitioner_phone", "13957201234")
    page.fill("#id_title", "地下车库积水")
    page.fill("#id_content", "车库每逢下雨即积水，请求督促物业整改。")
    page.click("button:has-text('登记')")
    page.wait_for_selector("text=已登记：东街信〔2025〕1号")
    expect(page.locator("text=信访事项书面告知").first).to_be_visible()
    expect(page.locator("text=2025年6月25日").first).to_be_visible()  # 15 days after 6月10日
    page.check("input[name=decision][value=accept]")
    page.fill("form[action$='/notify/'] #id_on", "2025-06-12")
    page.click("button:has-text('告知受理情况')")
    page.wait_for_selector("text=已登记告知。")
    expect(page.locator("text=2025年8月11日").first).to_be_visible()  # 60 days after 6月12日
    page.check("input[name=opinion][value=support]")
    page.fill("form[action$='/reply/'] #id_on", "2025-06-16")
    page.fill("#id_opinion_text", "经核查属实，已责成物业30日内更换排水泵。")
    page.click("button:has-text('出具处理意见书（办结）')")
    page.wait_for_selector("text=已出具处理意见书，事项办结。")
    with page.expect_download() as download:
        page.click("text=下载处理意见书")
    text = "\n".join(p.text for p in Document(io.BytesIO(open(download.value.path(), "rb").read())).paragraphs)
    assert "东街信复〔2025〕1号" in text and "已责成物业30日内更换排水泵" in text
    assert Petition.objects.get().status == Petition.Status.REPLIED


def test_a_resident_writes_online_and_follows_the_code(page, tree):
    page.goto("/")
    page.click("nav >> text=网上信访")
    page.select_option("#id_org", str(tree.township.pk))
    page.fill("#id_petitioner_name", "林晓华")
    page.fill("#id_petitioner_phone", "139")
    page.fill("#id_title", "路灯损坏")
    page.fill("#id_content", "2幢至5幢之间路灯损坏一个月。")
    page.click("button:has-text('提交')")
    expect(page.locator("text=电话号码应为").first).to_be_visible()
    page.fill("#id_petitioner_phone", "13905721234")
    page.click("button:has-text('提交')")
    page.wait_for_url("**/xinfang/done/**")
    code = page.inner_text("[data-code]").strip()
    assert re.fullmatch(r"XF[A-Z2-9]{8}", code)
    page.click("main >> text=进度查询")  # the link on this page carries the code
    page.wait_for_selector("text=网上来信待登记")
    body = page.inner_text("main")
    assert "林晓华" not in body and "13905721234" not in body
