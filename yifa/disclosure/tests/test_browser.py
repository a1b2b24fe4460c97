"""Real Chromium: a resident applies for information online, follows the 查询码; staff confirm receipt and reply."""

import datetime as dt
import io
import re

import pytest

from playwright.sync_api import expect
import time_machine
from docx import Document

from yifa.core.testing import PASSWORD, build_tree
from yifa.disclosure.models import InfoRequest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CST = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture
def tree():
    with time_machine.travel(dt.datetime(2025, 9, 1, 9, 0, tzinfo=CST), tick=True):
        yield build_tree()


def test_a_resident_applies_online_and_tracks_it_to_the_reply(page, tree):
    page.goto("/")
    page.click("nav >> text=依申请公开")
    page.select_option("#id_org", str(tree.township.pk))
    page.select_option("#id_applicant_type", "person")
    page.fill("#id_applicant_name", "林晓华")
    page.fill("#id_phone", "13905721234")
    page.fill("#id_description", "东一社区2025年路灯维修项目预算")
    page.click("button:has-text('提交申请')")
    expect(page.locator("text=请填写身份证号").first).to_be_visible()
    assert InfoRequest.objects.count() == 0
    page.fill("#id_id_number", "330502199201014423")
    page.click("button:has-text('提交申请')")
    page.wait_for_url("**/gongkai/shenqing/done/**")
    code = page.inner_text("[data-code]").strip()
    assert re.fullmatch(r"GK[A-Z2-9]{8}", code)

    page.click("nav >> text=进度查询")
    page.fill("#code", code.lower())
    page.click("button:has-text('查询')")
    page.wait_for_selector("text=网上申请待确认")
    body = page.inner_text("main")
    assert "政府信息公开申请（东街道）" in body and "林晓华" not in body and "13905721234" not in body

    page.goto("/accounts/login/")
    page.fill("input[name=username]", "handler")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/workbench/")
    page.click("nav >> text=依申请公开")
    page.click("text=东一社区2025年路灯维修项目预算")
    page.click("button:has-text('确认收到网上申请')")
    page.wait_for_selector("text=已确认收到")
    expect(page.locator("text=依申请公开答复").first).to_be_visible()  # the clock, with its article
    expect(page.locator("text=《政府信息公开条例》第三十三条").first).to_be_visible()
    page.check("input[name=outcome][value=disclosed]")
    page.select_option("#id_reason", "already_public")
    page.fill("#id_reply_text", "已在政府网站“财政预决算”栏目公开，可直接查阅。")
    page.click("button:has-text('答复')>>nth=-1")
    page.wait_for_selector("text=已答复，答复书已编号")
    with page.expect_download() as download:
        page.click("text=下载答复书")
    text = "\n".join(p.text for p in Document(io.BytesIO(open(download.value.path(), "rb").read())).paragraphs)
    assert "东街公复〔2025〕1号" in text and "第三十六条第（一）项" in text

    page.goto(f"/track/?code={code}")
    body = page.inner_text("main")
    assert "已答复：予以公开" in body and "已登记，登记编号 东街依申〔2025〕1号" in body
