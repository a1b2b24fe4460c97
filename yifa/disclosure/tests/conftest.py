"""Fixtures for the 政府信息公开 tests: time frozen in summer 2025 (no holidays from June 30 to August 31)."""

import datetime as dt

import pytest
import time_machine

from yifa.disclosure import actions
from yifa.disclosure.models import InfoRequest, ProactiveDisclosure

CST = dt.timezone(dt.timedelta(hours=8))
TODAY = dt.date(2025, 9, 1)  # a Monday


@pytest.fixture
def frozen():
    with time_machine.travel(dt.datetime(2025, 9, 1, 10, 0, tzinfo=CST), tick=False):
        yield TODAY


def make_request(org, by, *, received_on, **values) -> InfoRequest:
    data = {"source": InfoRequest.Source.IN_PERSON, "applicant_type": InfoRequest.ApplicantType.PERSON,
            "applicant_name": "沈晓东", "id_number": "330502198603152218", "phone": "13857201188",
            "address": "东一社区3幢", "description": "2025年老旧小区改造项目中标结果",
            "medium": InfoRequest.Medium.PAPER, "delivery": InfoRequest.Delivery.POST}
    data.update(values)
    return actions.register_request(by=by, org=org, received_on=received_on, **data)


@pytest.fixture
def request_(tree, frozen):
    """A request handed in on Monday 2025-08-18 (reply due 20 workdays later: 2025-09-15)."""
    return make_request(tree.township, tree.township_handler, received_on=dt.date(2025, 8, 18))


@pytest.fixture
def sibling_request(tree, frozen):
    return make_request(tree.sibling, tree.sibling_handler, received_on=dt.date(2025, 8, 20))


def make_publication(org, by, **values) -> ProactiveDisclosure:
    data = {"title": "2025年部门预算", "category": ProactiveDisclosure.Category.BUDGET, "formed_on": dt.date(2025, 8, 1),
            "channel": ProactiveDisclosure.Channel.WEBSITE}
    data.update(values)
    return actions.create_publication(by=by, org=org, **data)
