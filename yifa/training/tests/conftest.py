"""Fixtures: today frozen, a township's 学法人员, a menu topic; records made through the actions."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from yifa.training import actions

TODAY = dt.date(2025, 11, 20)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(dt.datetime(2025, 11, 20, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


@pytest.fixture
def cadres(tree):
    by = tree.township_handler
    return [actions.add_cadre(by=by, org=tree.township, name=name, position=position, category=category)
            for name, position, category in [("陈卫东", "办事处主任", "leader"), ("李晓燕", "党政办主任", "staff"),
                                             ("孙强", "执法队长", "staff")]]


@pytest.fixture
def make_session(tree):
    def make(attendees, org=None, by=None, **fields):
        values = {"kind": "lecture", "title": "《行政复议法》专题讲座", "held_on": dt.date(2025, 3, 12),
                  "hours": Decimal(3), **fields}
        return actions.record_session(by=by or tree.township_handler, org=org or tree.township, attendees=attendees,
                                      **values)

    return make


@pytest.fixture
def topic(tree):
    return actions.add_topic(by=tree.township_handler, org=tree.township, title="防范电信网络诈骗",
                             description="常见诈骗手法与防范", forms="上门讲座、发放资料", department="平安办")
