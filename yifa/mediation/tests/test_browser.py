"""Real Chromium: a resident applies online and follows the code; a mediator takes a dispute to 结案."""

import io
import re

import docx
import pytest

from playwright.sync_api import expect
from django.core.cache import cache

from yifa.core.testing import PASSWORD

from ..models import Agreement, DisputeCase
from .helpers import id_number

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def sign_in(page, username):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/workbench/")


def test_a_resident_applies_online_and_follows_the_tracking_code(page, w):
    page.goto("/")
    page.click("text=人民调解")
    page.click("text=在线申请调解")
    expect(page.locator("text=人民调解免费").first).to_be_visible()
    page.fill("#id_name", "张三")
    page.fill("#id_phone", "13800001111")
    page.fill("#id_address", "东一社区幸福路18号")
    page.fill("#id_other_name", "李四")
    page.select_option("#id_org", str(w.tree.village.pk))
    page.select_option("#id_dispute_type", "neighbour")
    page.fill("#id_description", "李四在通道上堆放建材，我家出入不便，多次沟通无果。")
    page.fill("#id_claims", "请李四清除建材。")
    page.click("button:has-text('提交申请')")
    expect(page.locator("text=请阅读说明并勾选同意后再提交").first).to_be_visible()
    assert DisputeCase.objects.count() == 0
    page.check("#id_consent")
    page.click("button:has-text('提交申请')")
    page.wait_for_url("**/tiaojie/apply/done/")
    code = page.inner_text("#tracking-code").strip()
    assert re.fullmatch(r"TJ[A-Z2-9]{8}", code)
    case = DisputeCase.objects.get()
    assert case.tracking_code == code and case.channel == "online"

    page.click("text=进度查询")
    page.fill("#code", code.lower())
    page.click("button:has-text('查询')")
    page.wait_for_selector("text=已收到申请，等待受理")
    body = page.inner_text("main")
    assert "人民调解申请（邻里纠纷）" in body and "东一社区人民调解委员会接收" in body
    assert "张三" not in body and "李四" not in body and "13800001111" not in body


def test_a_mediator_takes_a_dispute_from_intake_to_closure(page, w):
    sign_in(page, "tiaojie")
    page.click("nav >> text=登记纠纷")
    page.fill("#id_title", "张三与李四相邻通行纠纷")
    page.select_option("#id_dispute_type", "neighbour")
    page.fill("#id_description", "李四在两家之间的通道上堆放建材，张三出入不便，双方多次争吵。")
    page.fill("#id_claims", "清除通道上的建材。")
    for i, (name, number, address) in enumerate([("张三", id_number("19800101", "111"), "东一社区幸福路18号"),
                                                 ("李四", id_number("19820202", "222"), "东一社区幸福路20号")]):
        page.fill(f"#id_party-{i}-name", name)
        page.select_option(f"#id_party-{i}-gender", "male")
        page.fill(f"#id_party-{i}-id_number", number)
        page.fill(f"#id_party-{i}-phone", "13800001111")
        page.fill(f"#id_party-{i}-address", address)
    page.click("button:has-text('登记')")
    page.wait_for_selector("text=已登记：东街调〔2025〕1号")

    page.click("#accept button:has-text('受理')")
    page.wait_for_selector("text=调结期限已按《人民调解工作若干规定》第三十三条计算")
    expect(page.locator("text=2025年4月10日").first).to_be_visible()

    page.select_option("#id_assign-lead", str(w.chair.pk))
    page.click("#assign button:has-text('指派')")
    page.wait_for_selector("text=已指派调解员")

    page.fill("#id_session-place", "东街道人民调解室")
    page.fill("#id_session-attendees", "张三、李四")
    page.fill("#id_session-summary", "调解员释法说理，李四同意清除建材，双方握手言和。")
    page.click("button:has-text('保存调解记录')")
    page.wait_for_selector("text=调解记录已保存")

    page.click("text=起草调解协议书")
    page.fill("#id_responsibilities", "李四占用共用通道，应负主要责任。")
    page.fill("#id_terms", "一、李四于三日内清除通道上的建材。\n二、双方共同维护通道畅通。")
    page.fill("#id_performance_method", "李四自行清理，调委会现场确认。")
    page.fill("#id_performance_deadline", "2025-03-13")
    page.fill("#id_issues", "通道上的建材是否应当清除。")
    page.click("button:has-text('保存协议书')")
    page.wait_for_selector("text=调解协议书已保存")

    with page.expect_download() as info:
        page.click("#draft >> text=下载协议书（.docx）")
    data = open(info.value.path(), "rb").read()
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "编号：东街调协〔2025〕1号" in text and "申请人：张三，男，1980年1月1日出生" in text
    assert "纠纷的主要事实：李四在两家之间的通道上堆放建材" in text and "李四占用共用通道，应负主要责任。" in text
    assert "一、李四于三日内清除通道上的建材。" in text and "履行期限：2025年3月13日前履行完毕。" in text
    assert "人民调解委员会（印章）" in text

    # Signing without the seal is refused and names what is missing.
    page.check("text=申请人 张三")
    page.check("text=被申请人 李四")
    page.check("#id_sign-mediator_signed")
    page.click("button:has-text('确认生效')")
    page.wait_for_selector("text=尚未加盖人民调解委员会印章")
    assert DisputeCase.objects.get().status == "mediating"
    page.check("text=申请人 张三")
    page.check("text=被申请人 李四")
    page.check("#id_sign-mediator_signed")
    page.check("#id_sign-sealed")
    page.click("button:has-text('确认生效')")
    page.wait_for_selector("text=调解协议书已生效，调解成功")
    assert Agreement.objects.get().is_effective
    expect(page.locator("text=申请司法确认").first).to_be_visible()

    page.select_option("#id_follow_up-satisfaction", "satisfied")
    page.fill("#id_follow_up-result", "李四已清除建材，通道畅通。")
    page.click("button:has-text('保存回访记录')")
    page.wait_for_selector("text=回访已记录")

    page.fill("#id_close-note", "协议履行完毕，卷宗归档。")
    page.click("#close button:has-text('结案')")
    page.wait_for_selector("text=已结案归档")
    case = DisputeCase.objects.get()
    assert case.status == "closed" and case.outcome == "written"
    expect(page.locator(".page-head >> text=已结案").first).to_be_visible()
