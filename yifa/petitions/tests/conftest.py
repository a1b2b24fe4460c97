"""Fixtures for the 信访 tests: time frozen on a Monday, and matters at each stage of the procedure."""

import datetime as dt

import pytest
import time_machine

from yifa.petitions import actions
from yifa.petitions.models import Petition



@pytest.fixture
def frozen():
    with time_machine.travel(dt.datetime(2025, 6, 16, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False):
        yield dt.date(2025, 6, 16)


def make_petition(org, by, *, received_on, **values) -> Petition:
    data = {
        "channel": Petition.Channel.VISIT, "petitioner_name": "沈国强", "petitioner_id_number": "330502196805123416",
        "petitioner_phone": "13957201234", "petitioner_address": "湖州市吴兴区环渚街道龙溪社区8幢301室",
        "title": "地下车库积水", "content": "车库每逢下雨即积水，请求督促物业整改。",
        "category": Petition.Category.CLAIM, "subject": Petition.Subject.PROPERTY,
    }
    data.update(values)
    return actions.register(by=by, org=org, received_on=received_on, **data)


@pytest.fixture
def registered(tree, frozen):
    """A 来访 registered ten days ago in the township (待告知)."""
    return make_petition(tree.township, tree.township_handler, received_on=frozen - dt.timedelta(days=10))


@pytest.fixture
def accepted(registered, tree, frozen):
    return actions.accept(registered, by=tree.township_handler, on=frozen - dt.timedelta(days=8))


@pytest.fixture
def replied(accepted, tree, frozen):
    return actions.reply(accepted, by=tree.township_handler, on=frozen - dt.timedelta(days=2),
                         opinion=Petition.Opinion.SUPPORT, opinion_text="经核查属实，已责成物业30日内整改。")


@pytest.fixture
def sibling_petition(tree, frozen):
    return make_petition(tree.sibling, tree.sibling_handler, received_on=frozen - dt.timedelta(days=3))
