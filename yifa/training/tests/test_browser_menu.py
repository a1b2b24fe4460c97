"""In Chromium: a resident orders 菜单式普法 on the portal, gets a tracking code and follows the request."""

import datetime as dt

import pytest

from playwright.sync_api import expect

from yifa.training import actions
from yifa.training.models import OutreachRequest


@pytest.mark.browser
def test_a_resident_orders_a_topic_and_tracks_it_to_delivery(page, topic, tree):
    page.goto("/")
    page.get_by_role("link", name="菜单式普法").first.click()
    page.get_by_role("link", name="点单：防范电信网络诈骗").click()
    page.get_by_label("申请人类型").select_option("community")
    page.get_by_label("联系人姓名").fill("杨丽")
    page.get_by_label("单位（村、社区）名称").fill("东一社区居委会")
    page.get_by_label("联系电话").fill("13905721234")
    page.get_by_label("希望的方式").select_option("上门讲座")
    page.get_by_label("预计参加人数").fill("60")
    page.get_by_label("我同意工作人员使用上述联系方式与我联系").check()
    page.get_by_role("button", name="提交点单").click()

    code = page.locator("[data-code]").inner_text().strip()
    req = OutreachRequest.objects.get()
    assert code == req.code and req.requester == "杨丽"

    page.get_by_role("link", name="查询办理进度").click()
    expect(page.get_by_text("已提交，待受理")).to_be_visible()

    actions.accept_request(req, by=tree.township_handler, accepted_on=dt.date(2025, 11, 20), assignee="平安办",
                           scheduled_on=dt.date(2025, 11, 25))
    actions.deliver_request(req, by=tree.township_handler, held_on=dt.date(2025, 11, 20), place="社区活动室",
                            audience=62, materials=100, consultations=8)
    page.goto("/track/")
    page.get_by_role("textbox", name="查询码").fill(code.lower())
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_text("已送法上门", exact=True)).to_be_visible()
    expect(page.get_by_text("预计2025年11月25日送法上门")).to_be_visible()
    assert "13905721234" not in page.content() and "杨丽" not in page.content()

    page.goto("/pufa/rate/")
    page.get_by_role("textbox", name="查询码").fill(code)
    page.get_by_label("满意", exact=True).check()
    page.get_by_role("button", name="提交评价").click()
    expect(page.get_by_text("感谢您的评价")).to_be_visible()
    req.refresh_from_db()
    assert req.rating == "satisfied"


@pytest.mark.browser
def test_the_order_form_is_usable_at_phone_width(page, topic):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/pufa/topics/{topic.pk}/")
    page.get_by_role("button", name="提交点单").click()
    expect(page.get_by_text("请勾选同意后再提交。")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
