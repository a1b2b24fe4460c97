"""Fixtures: today frozen, and matters made through the actions for the persona tree."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from yifa.oversight import actions

TODAY = dt.date(2025, 11, 20)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(dt.datetime(2025, 11, 20, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


@pytest.fixture
def make_suggestion(tree):
    def make(org=None, by=None, **fields):
        values = {"kind": "npc", "serial_no": "第12号", "session": "甲区第九届人大五次会议",
                  "title": "关于增设公共停车泊位的建议", "proposer": "王建平", "assigned_by": "区人大常委会代表工作委员会",
                  "assigned_on": dt.date(2025, 3, 10), **fields}
        return actions.register_suggestion(by=by or tree.township_handler, org=org or tree.township, **values)

    return make


@pytest.fixture
def make_case(tree):
    def make(org=None, by=None, **fields):
        values = {"kind": "reconsideration", "case_no": "甲政复〔2025〕15号", "body": "甲区人民政府", "claimant": "周某某",
                  "disputed_act": "《责令限期拆除违法建筑决定书》", "act_category": "coercion",
                  "received_on": dt.date(2025, 9, 26), **fields}
        return actions.register_case(by=by or tree.township_handler, org=org or tree.township, **values)

    return make


@pytest.fixture
def handling(make_suggestion, tree):
    """A suggestion 分办 and discussed with its representative, ready to be answered."""
    s = make_suggestion()
    actions.assign(s, by=tree.township_handler, lead_department="城市管理办公室")
    actions.record_contact(s, by=tree.township_handler, contacted_on=dt.date(2025, 4, 1), note="走访代表")
    return s


@pytest.fixture
def replied_case(make_case, tree):
    case = make_case()
    actions.reply_case(case, by=tree.township_handler, replied_on=dt.date(2025, 10, 10), summary="事实清楚",
                       evidence="现场检查笔录")
    return case
