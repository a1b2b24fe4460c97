"""报送情况: the overseer sees which units below have and have not submitted."""

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from yifa.reports import actions


def test_the_overseer_sees_who_has_and_has_not_submitted(client, submitted, tree):
    client.force_login(tree.district_overseer)
    page = client.get(reverse("reports:board"), {"year": 2025}).content.decode()
    assert "1 / 2" in page  # 东街道 submitted, 西镇 not
    assert "东街道关于2025年度法治政府建设情况的报告" in page
    missing = page[page.index("未报送的单位"):]
    assert "西镇" in missing[:200] and "东街道" not in missing[:200]
    assert "南镇" not in page  # another district's township


def test_a_late_submission_is_marked(client, tree, final):
    with time_machine.travel(dt.datetime(2026, 3, 5, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        actions.submit(final, by=tree.township_head)
        client.force_login(tree.district_overseer)
        page = client.get(reverse("reports:board"), {"year": 2025}).content.decode()
    assert "逾期" in page
    assert "已超过2026年2月28日的报送期限" in page


def test_a_handler_cannot_see_the_board(client, tree, today):
    client.force_login(tree.township_handler)
    assert client.get(reverse("reports:board")).status_code == 403
