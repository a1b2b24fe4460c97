"""Real Chromium: a case from 立案 to 结案 (with 先行登记保存 approved by the head, the clock paused for testing
and the 决定书 downloaded), the Art. 58 refusal on the way, and the public pages."""

import io
import re

import pytest

from playwright.sync_api import expect

from docx import Document

from yifa.core.testing import PASSWORD
from yifa.enforcement import actions
from yifa.enforcement.models import EnforcementCase as Case

from .helpers import id_number, served

pytestmark = pytest.mark.browser


def login(page, username):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/workbench/")


def open_action(page, summary):
    page.locator("summary", has_text=summary).click()
    return page.locator("details[open] form")


def test_a_handler_takes_a_case_from_filing_to_closing(page, w, tmp_path):
    login(page, w.handler.username)
    page.goto("/enforcement/cases/new/")
    page.get_by_label("违法行为（处罚事项）").select_option(label=w.review_power.name)
    page.get_by_label("案由").fill("李四未取得乡村建设规划许可证建房案")
    page.get_by_label("当事人姓名或名称").fill("李四")
    page.get_by_label("身份证号或统一社会信用代码").fill(id_number("33050219750822402"))
    page.get_by_label("违法事实（初步）").fill("李四未取得乡村建设规划许可证，擅自建设二层房屋。")
    page.get_by_label(re.compile("孙执法")).check()
    page.get_by_label(re.compile("钱执法")).check()
    page.get_by_role("button", name="立案").click()
    page.wait_for_url(re.compile(r"/enforcement/cases/\d+/$"))
    expect(page.get_by_text("已立案：东街综执立〔2026〕1号")).to_be_visible()
    expect(page.get_by_text("行政处罚案件办理期限")).to_be_visible()
    case_url = page.url

    photo = tmp_path / "现场照片.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    form = open_action(page, "登记全过程记录")
    form.get_by_label("记录类型").select_option("site")
    form.get_by_label("名称").fill("现场勘验笔录")
    form.get_by_label("时间").fill("2026-03-02T09:00")
    form.get_by_label("内容（笔录正文、证明对象）").fill("出示执法证件，现场勘验。")
    form.get_by_label(re.compile("孙执法")).check()
    form.get_by_label(re.compile("钱执法")).check()
    form.get_by_label("附件（文书扫描件、照片、音视频）").set_input_files(str(photo))
    form.get_by_role("button", name="提交").click()
    expect(page.get_by_text("已登记全过程记录。")).to_be_visible()
    expect(page.get_by_role("link", name="现场照片.png")).to_be_visible()

    # 先行登记保存: asked for, approved by the head first (第五十六条), done, decided within 7 working days.
    form = open_action(page, "申请先行登记保存")
    form.get_by_label("拟保存的证据（物品清单）").fill("建筑材料：钢筋2吨、水泥30包")
    form.get_by_label("理由（证据可能灭失或者以后难以取得的情形）").fill("当事人可能将建筑材料转移")
    form.get_by_role("button", name="提交").click()
    expect(page.get_by_text(re.compile("已申请先行登记保存，待行政机关负责人批准"))).to_be_visible()
    expect(page.get_by_text("待负责人批准")).to_be_visible()
    login(page, w.head.username)
    page.goto(case_url)
    form = page.locator("#h-preserve").locator("xpath=..").locator("form")
    form.get_by_label("批准先行登记保存").check()
    form.get_by_role("button", name="提交").click()
    expect(page.get_by_text("已批示先行登记保存申请。")).to_be_visible()
    login(page, w.handler.username)
    page.goto(case_url)
    form = open_action(page, "登记实施先行登记保存")
    form.get_by_label(re.compile("孙执法")).check()
    form.get_by_label(re.compile("钱执法")).check()
    form.get_by_role("button", name="提交").click()
    expect(page.get_by_text(re.compile("已登记实施先行登记保存"))).to_be_visible()
    expect(page.get_by_role("cell", name=re.compile("先行登记保存后作出处理决定"))).to_be_visible()
    form = open_action(page, "作出处理决定")
    form.get_by_label("处理决定", exact=True).select_option("release")
    form.get_by_label("处理决定内容").fill("拍照固定后解除先行登记保存，退还当事人")
    form.get_by_role("button", name="提交").click()
    expect(page.get_by_text("已登记先行登记保存的处理决定。")).to_be_visible()

    # The 90日 clock paused for a test the applicable rule excludes, then resumed: 如何计算 says so.
    form = open_action(page, "暂停办案期限计时")
    form.get_by_label("暂停情形").select_option("testing")
    form.get_by_label("具体事由").fill("房屋结构安全鉴定")
    form.get_by_label("依据（法律、法规、规章及条款）").fill("《浙江省综合行政执法程序规定》第四十条")
    form.get_by_role("button", name="提交").click()
    expect(page.get_by_text(re.compile("已暂停办案期限计时"))).to_be_visible()
    form = open_action(page, "恢复办案期限计时")
    form.get_by_role("button", name="提交").click()
    expect(page.get_by_text(re.compile("已恢复办案期限计时"))).to_be_visible()
    page.locator(".deadline-explain summary").first.click()
    expect(page.get_by_text(re.compile("暂停计时（检测、检验、检疫、鉴定：房屋结构安全鉴定")).first).to_be_visible()
    expect(page.get_by_text("办案期限恢复计时（检测、检验、检疫、鉴定期间结束）")).to_be_visible()

    form = open_action(page, "告知拟处罚")
    form.get_by_label("拟处罚内容").fill("责令限期改正")
    form.get_by_role("button", name="提交").click()
    expect(page.get_by_text("已登记告知。")).to_be_visible()

    # The head tries to decide before the 法制审核 this power requires: refused, naming Art. 58.
    login(page, w.head.username)
    page.goto(case_url)
    form = open_action(page, "作出决定")
    form.get_by_label("处罚（决定）内容").fill("责令限期改正")
    form.get_by_label("适用裁量基准情节").select_option(index=0)
    form.get_by_role("button", name="提交").click()
    expect(page.get_by_text(re.compile("缺少法制审核.*第五十八条")).first).to_be_visible()

    login(page, w.handler.username)
    page.goto(case_url)
    form = open_action(page, "提请法制审核")
    form.get_by_label("法制审核人员").select_option(index=1)
    form.get_by_role("button", name="提交").click()
    expect(page.get_by_text("已提请法制审核。")).to_be_visible()

    login(page, w.reviewer_user.username)
    page.goto("/enforcement/reviews/")
    page.get_by_role("link", name="东街综执立〔2026〕1号").click()
    page.get_by_label("同意", exact=True).check()
    page.get_by_role("textbox", name=re.compile("审核意见")).fill("主体合法，程序合法，事实清楚，证据充分，同意责令限期改正。")
    page.get_by_role("button", name="出具审核意见").click()
    expect(page.get_by_text("已出具法制审核意见。")).to_be_visible()

    login(page, w.head.username)
    page.goto(case_url)
    form = open_action(page, "作出决定")
    form.get_by_label("处罚（决定）内容").fill("责令于2026年4月30日前自行拆除")
    form.get_by_role("button", name="提交").click()
    expect(page.get_by_text("已作出决定。")).to_be_visible()
    expect(page.get_by_text("东街综执罚决〔2026〕1号").first).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="下载行政处罚决定书（.docx）").click()
    decision = Document(io.BytesIO(open(download.value.path(), "rb").read()))
    text = "\n".join(p.text for p in decision.paragraphs)
    assert "行政处罚决定书" in text and "东街综执罚决〔2026〕1号" in text and "当事人：李四" in text
    assert "六十日内向甲区人民政府申请行政复议" in text

    login(page, w.handler.username)
    page.goto(case_url)
    form = open_action(page, "登记送达")
    form.get_by_role("button", name="提交").click()
    expect(page.get_by_text("已登记送达。")).to_be_visible()
    page.get_by_role("button", name="在门户公示").click()
    expect(page.get_by_text(re.compile("已在门户公示"))).to_be_visible()
    form = open_action(page, "结案")
    form.get_by_label("结案报告").fill("当事人已自行拆除，结案。")
    form.get_by_role("button", name="提交").click()
    expect(page.get_by_text("已结案。")).to_be_visible()
    assert Case.objects.get().status == Case.Status.CLOSED
    assert page.locator(".stepper .step-done").count() >= 7


def test_the_public_decisions_page_masks_the_party_and_the_powers_list_draws_the_flowchart(page, w):
    case = served(w, party_name="张三丰", party_id_number=id_number("33050219680315301"))
    actions.publish(case, by=w.handler)
    actions.publish_power(w.power, by=w.head)
    page.goto("/zhifa/gongshi/")
    expect(page.get_by_role("heading", name="行政处罚决定公示")).to_be_visible()
    row = page.locator("tbody tr").first
    assert "张*丰" in row.inner_text() and "张三丰" not in page.content()
    page.get_by_role("link", name=case.decision_number).click()
    expect(page.get_by_text("330502********")).to_be_visible()
    page.goto("/zhifa/quanze/")
    page.get_by_role("link", name=w.power.name).click()
    steps = page.locator("ol.flow li")
    assert steps.count() >= 9 and "法制审核" in steps.nth(3).inner_text()
    page.set_viewport_size({"width": 390, "height": 800})
    box = page.locator("ol.flow").bounding_box()
    assert box["width"] <= 390
