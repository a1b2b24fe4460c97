"""In a real Chromium: the overseer opens the dashboard, sees the chart, and drills from a rate to its records."""

import pytest

from yifa.core.testing import PASSWORD


def login(page, user):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/workbench/**")


@pytest.mark.browser
def test_the_overseer_drills_from_a_rate_on_the_dashboard_to_its_records(seeded, tree, suggestions, page):
    login(page, tree.district_overseer)
    page.goto(f"/indicators/?org={tree.district.pk}&period=2025")
    assert page.locator("h1").inner_text().startswith("指标看板")
    page.wait_for_selector(".ind-chart svg")  # ECharts drew the trend from our own static file

    card = page.locator("a.figure-card", has_text="法定期限按期办结率")
    assert "%" in card.locator(".num").inner_text()
    card.click()
    page.wait_for_url("**/indicators/records/core.deadline_on_time_rate/**")
    assert "法定期限按期办结率" in page.locator("h1").inner_text()
    rows = page.locator("table.list tbody tr")
    titles = rows.all_inner_texts()
    assert any("第1号" in t and "计入" in t for t in titles)
    assert any("第3号" in t and "不计入" in t for t in titles)
    assert any("西镇" in t for t in titles) and not any("南镇" in t for t in titles)

    page.locator("table.list tbody a", has_text="第3号").first.click()
    page.wait_for_url("**/deadlines/**")
    assert "如何计算" in page.content() or "届满" in page.content()


@pytest.mark.browser
def test_the_ranking_chart_opens_a_units_score_when_a_bar_is_clicked(seeded, tree, suggestions, page):
    login(page, tree.district_overseer)
    page.goto(f"/indicators/units/?org={tree.district.pk}&period=2025")
    page.wait_for_selector("[data-chart=score-data] svg")
    bar = page.locator("[data-chart=score-data] svg path[fill='#1f4e8c']").first
    bar.click()
    page.wait_for_url("**/indicators/score/**")
    assert "考核得分" in page.locator("h1").inner_text()
