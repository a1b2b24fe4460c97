"""Fixtures: today frozen (2025年11月20日, a Thursday), and matters made through the modules' own actions."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from yifa.core.models import AuditEntry

TODAY = dt.date(2025, 11, 20)
D = dt.date


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(dt.datetime(2025, 11, 20, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


@pytest.fixture
def seeded(transactional_db):
    """Browser tests run on a flushed database: put back what the data migrations seed (statutory rules, the
    holiday calendar, the default indicator scheme)."""
    from django.utils import timezone

    from yifa.core import deadlines
    from yifa.core.management.commands.seed_rules import sync_rules
    from yifa.core.models import StatutoryRule
    from yifa.indicators import actions
    from yifa.indicators.models import IndicatorScheme

    sync_rules(StatutoryRule, only_missing=True)
    deadlines.seed_calendar()
    if not IndicatorScheme.objects.filter(status=IndicatorScheme.Status.ACTIVE).exists():
        path = actions.shipped_file(actions.DEFAULT_FILE)
        raw = path.read_bytes()
        scheme = actions.build(actions.parse(raw), actions.checksum_of(raw), source=path.name)
        IndicatorScheme.objects.filter(pk=scheme.pk).update(status="active", activated_at=timezone.now())


def audit_actions(obj=None) -> list[str]:
    qs = AuditEntry.objects.order_by("seq")
    if obj is not None:
        qs = qs.filter(target_type=obj._meta.label_lower, target_id=str(obj.pk))
    return list(qs.values_list("action", flat=True))


@pytest.fixture
def suggestions(tree):
    """代表建议 of the township and the sibling, registered, answered and rated through yifa.oversight.actions.

    Township: 3 lead suggestions due by now, 1 answered on time → 按时办复率 33.3%; sibling: 2 of 2 on time → 100%.
    """
    from yifa.oversight import actions

    def make(org, by, serial, assigned, replied=None, rating="", role="lead"):
        s = actions.register_suggestion(
            by=by, org=org, kind="npc", serial_no=serial, session="甲区第九届人大五次会议",
            title=f"关于{serial}的建议", proposer="王建平", assigned_by="区人大常委会代表工作委员会",
            assigned_on=assigned, our_role=role)
        actions.assign(s, by=by, lead_department="党政办")
        if replied:
            actions.record_contact(s, by=by, contacted_on=assigned + dt.timedelta(days=5), note="面谈")
            actions.reply(s, by=by, replied_on=replied, category="A", summary="已办")
        if rating:
            actions.close(s, by=by, feedback_on=replied + dt.timedelta(days=3), satisfaction=rating)
        return s

    t, s = tree.township_handler, tree.sibling_handler
    return {
        "township": [
            make(tree.township, t, "第1号", D(2025, 3, 10), D(2025, 6, 10), "satisfied"),   # on time
            make(tree.township, t, "第2号", D(2025, 3, 10), D(2025, 6, 11), "unsatisfied"),  # a day late
            make(tree.township, t, "第3号", D(2025, 3, 10)),                                  # unanswered, overdue
            make(tree.township, t, "第4号", D(2025, 10, 1)),                                  # not yet due
        ],
        "sibling": [
            make(tree.sibling, s, "第7号", D(2025, 4, 1), D(2025, 5, 20), "satisfied"),
            make(tree.sibling, s, "第8号", D(2025, 4, 1), D(2025, 6, 1), "basic"),
        ],
    }
