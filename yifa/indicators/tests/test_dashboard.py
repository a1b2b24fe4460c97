"""The dashboard, the comparison of units and a unit's score page: what each user sees, and nothing outside
their units."""

import pytest


def test_a_township_user_sees_its_own_figures_and_no_ranking(tree, suggestions, client):
    client.force_login(tree.township_handler)
    response = client.get("/indicators/?period=2025")
    page = response.content.decode()
    assert response.status_code == 200
    assert "东街道" in page and "法定期限按期办结率" in page and "33.3%" in page
    assert "下级单位考核排名" not in page and "西镇" not in page


@pytest.mark.parametrize("where", ["sibling", "other_township", "district"])
def test_a_township_user_asking_for_another_unit_gets_404(tree, client, where):
    client.force_login(tree.township_handler)
    assert client.get(f"/indicators/?org={getattr(tree, where).pk}").status_code == 404
    assert client.get(f"/indicators/units/?org={getattr(tree, where).pk}").status_code == 404
    assert client.get(f"/indicators/score/{getattr(tree, where).pk}/").status_code == 404


def test_the_district_overseer_sees_every_unit_below_ranked(tree, suggestions, client):
    client.force_login(tree.district_overseer)
    page = client.get(f"/indicators/?org={tree.district.pk}&period=2025").content.decode()
    assert "下级单位考核排名" in page
    ranking = page[page.index('id="h-rank"'):]
    assert ranking.index("西镇") < ranking.index("东街道")  # the sibling scores better
    assert "南镇" not in page  # the other district's township


def test_the_overview_ranks_by_the_chosen_figure_and_links_to_its_records(tree, suggestions, client):
    client.force_login(tree.district_overseer)
    response = client.get(f"/indicators/units/?org={tree.district.pk}&period=2025&code=oversight.suggestion_on_time_rate")
    page = response.content.decode()
    assert response.status_code == 200
    compare = page[page.index('id="h-compare"'):]
    assert compare.index("西镇") < compare.index("东街道")
    assert "100%" in compare and "33.3%" in compare and "1/3" in compare
    assert f"/indicators/records/oversight.suggestion_on_time_rate/?org={tree.township.pk}&amp;period=2025" in compare
    assert "compare-data" in page  # the chart's data, beside its table


def test_overdue_counts_per_unit_link_to_the_records_and_to_the_supervision_page(tree, suggestions, client):
    client.force_login(tree.district_overseer)
    page = client.get(f"/indicators/units/?org={tree.district.pk}&period=2025").content.decode()
    assert f"/indicators/records/core.deadline_overdue/?org={tree.township.pk}" in page
    assert f"/supervision/#u-{tree.township.pk}" in page


def test_the_overview_of_a_unit_without_units_below_says_so(tree, client):
    client.force_login(tree.township_head)
    page = client.get("/indicators/units/").content.decode()
    assert "没有下级区县或乡镇（街道）可比较" in page


def test_the_score_page_shows_each_item_with_its_figure_target_and_score(tree, suggestions, client):
    client.force_login(tree.district_overseer)
    page = client.get(f"/indicators/score/{tree.township.pk}/?period=2025").content.decode()
    assert "政府职能依法全面履行" in page and "人大代表建议、政协提案按时办复率" in page
    assert "不低于100%" in page and "33.3%" in page and "未达目标" in page
    assert "待上级评分" in page


def test_a_period_of_a_quarter_or_a_month_is_offered_and_used(tree, suggestions, client):
    client.force_login(tree.township_handler)
    page = client.get("/indicators/?period=2025-Q2&code=oversight.suggestions").content.decode()
    assert "2025年第二季度" in page
    assert 'value="2025-06"' in page


def test_the_dashboard_needs_a_login(client):
    response = client.get("/indicators/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_city_overview_links_each_district_to_its_own_units_below(tree, suggestions, client, django_assert_max_num_queries):
    from yifa.core.testing import make_user

    client.force_login(make_user("city.overseer", tree.city, "overseer"))
    with django_assert_max_num_queries(100):  # each figure asked once for both 区县 (78 queries), not once per 区县
        page = client.get(f"/indicators/units/?org={tree.city.pk}&period=2025").content.decode()
    assert f"/indicators/units/?org={tree.district.pk}&amp;period=2025" in page
    district_page = client.get(f"/indicators/units/?org={tree.district.pk}&period=2025").content.decode()
    assert "下级 ›" not in district_page  # 乡镇/街道 have no units to compare below them
