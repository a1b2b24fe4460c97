"""Real Chromium: sign in, reach the 工作台, and switch the portal's font size."""

import pytest

from playwright.sync_api import expect

from yifa.core.testing import PASSWORD

pytestmark = pytest.mark.browser


def test_a_handler_signs_in_and_reaches_the_workbench(page, tree):
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill("handler")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/workbench/")
    expect(page.get_by_role("heading", name="工作台", level=1)).to_be_visible()
    expect(page.get_by_text("东街道 · 经办人")).to_be_visible()


def test_a_wrong_password_shows_the_generic_message(page, tree):
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill("handler")
    page.get_by_label("密码").fill("Wrong#Pass1")
    page.get_by_role("button", name="登录").click()
    assert page.get_by_role("alert").inner_text().startswith("用户名或密码错误")


def test_the_portal_font_size_switch_persists(page, db):
    page.goto("/")
    base = page.evaluate("getComputedStyle(document.documentElement).fontSize")
    page.get_by_role("link", name="大字号").click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.className") == "font-l"
    bigger = page.evaluate("getComputedStyle(document.documentElement).fontSize")
    assert float(bigger.rstrip("px")) > float(base.rstrip("px"))
    page.reload()
    assert page.evaluate("document.documentElement.className") == "font-l"
    assert page.get_by_role("link", name="大字号").get_attribute("aria-pressed") == "true"


def test_the_staff_menu_folds_at_phone_width(page, tree):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill("handler")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/workbench/")
    menu = page.get_by_role("button", name="☰ 功能菜单")
    expect(menu).to_be_visible()
    expect(page.locator("#nav-body")).to_be_hidden()
    menu.click()
    expect(page.locator("#nav-body").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
