"""A deadline shown to a user carries its explanation and its article: detail page, list, include, 工作台."""

import datetime as dt

import time_machine
from django.template.loader import render_to_string

from yifa.core import deadlines

D = dt.date
TODAY = dt.datetime(2025, 10, 20, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def test_the_detail_page_explains_the_computation_and_cites_the_article(client, tree):
    d = deadlines.start(tree.township, "disclosure.reply", start=D(2025, 9, 26), by=tree.township_handler)
    client.force_login(tree.township_handler)
    with time_machine.travel(TODAY, tick=False):
        text = client.get(f"/deadlines/{d.pk}/").content.decode()
    assert "如何计算" in text
    assert "2025年10月1日至10月8日 国庆节、中秋节，共8日" in text
    assert "2025年9月28日（周日）为调休上班日" in text
    assert "《政府信息公开条例》第三十三条" in text
    assert "还剩8个工作日" in text
    assert "handler（东街道）起算" in text  # the history, in Chinese


def test_the_include_shows_state_article_and_explanation(tree):
    d = deadlines.start(tree.township, "oversight.suggestion", start=D(2026, 11, 30), by=tree.township_handler)
    with time_machine.travel(TODAY, tick=False):
        html = render_to_string("core/_deadlines.html", {"deadlines": deadlines.of(tree.township)})
    assert "人大代表建议答复" in html and "2027年3月1日" in html
    assert "按周末推算，未含节假日数据" in html
    assert "《全国人民代表大会和地方各级人民代表大会代表法》第五十一条" in html
    assert "<summary>如何计算</summary>" in html and "2027年2月没有对应日" in html
    assert f"/deadlines/{d.pk}/" in html


def test_the_list_filters_overdue_and_is_scoped(client, tree):
    deadlines.start(tree.township, "petitions.objection", start=D(2025, 10, 9), by=tree.township_handler)
    deadlines.start(tree.township, "petitions.handle", start=D(2025, 10, 9), by=tree.township_handler)
    deadlines.start(tree.other_township, "petitions.objection", start=D(2025, 10, 9), by=tree.other_handler)
    client.force_login(tree.township_handler)
    with time_machine.travel(TODAY, tick=False):
        text = client.get("/deadlines/?show=overdue").content.decode()
    assert text.count("对转送交办事项提出异议") == 1 and "信访事项办结" not in text
    assert "已逾期5日" in text and "南镇" not in text


def test_the_workbench_shows_the_users_deadlines_with_days_left_and_article(client, tree):
    deadlines.start(tree.township, "petitions.objection", start=D(2025, 10, 9), by=tree.township_handler)
    deadlines.start(tree.township, "disclosure.reply", start=D(2025, 10, 16), by=tree.township_handler)
    deadlines.start(tree.sibling, "petitions.notify", start=D(2025, 10, 9), by=tree.sibling_handler)
    client.force_login(tree.township_handler)
    with time_machine.travel(TODAY, tick=False):
        text = client.get("/workbench/").content.decode()
    assert "东街道：对转送交办事项提出异议" in text and "已逾期5日" in text
    assert "东街道：依申请公开答复" in text and "还剩18个工作日" in text
    assert "《信访工作条例》第二十三条" in text
    assert "西镇" not in text
    client.force_login(tree.district_overseer)
    with time_machine.travel(TODAY, tick=False):
        text = client.get("/workbench/").content.decode()
    assert "下级单位逾期事项1件（1个单位）" in text
