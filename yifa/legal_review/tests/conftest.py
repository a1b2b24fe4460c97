import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from yifa.legal_review import actions
from yifa.legal_review.models import ReviewRequest

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def today():
    """Monday 3 March 2025, 10:00 in Shanghai."""
    with time_machine.travel(dt.datetime(2025, 3, 3, 10, 0, tzinfo=SHANGHAI), tick=False):
        yield dt.date(2025, 3, 3)


@pytest.fixture
def review(tree, today):
    """A contract submitted by the township's handler, not yet assigned."""
    return actions.request_review(
        org=tree.township, by=tree.township_handler, subject=ReviewRequest.Subject.CONTRACT,
        title="东街道保洁服务合同", counterpart="甲保洁公司", materials="合同草案、比选文件")


@pytest.fixture
def reviewing(review, tree):
    return actions.assign(review, by=tree.reviewer, reviewer=tree.reviewer)


@pytest.fixture
def decision_review(tree, today):
    """A 重大行政决策 draft under review: at least 7 working days (条例第二十六条)."""
    review = actions.request_review(
        org=tree.township, by=tree.township_handler, subject=ReviewRequest.Subject.DECISION,
        title="老旧小区改造方案（决策草案）", materials="决策草案、起草说明、法律依据",
        rule_code="decisions.legality_review")
    return actions.assign(review, by=tree.reviewer, reviewer=tree.reviewer)


def post(client, user, url, data=None):
    client.force_login(user)
    return client.post(url, data or {})
