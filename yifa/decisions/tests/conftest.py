import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from yifa.decisions import actions
from yifa.decisions.actions import View
from yifa.decisions.models import DecisionStep
from yifa.legal_review import actions as legal_review
from yifa.legal_review.models import ReviewRequest

SHANGHAI = ZoneInfo("Asia/Shanghai")
K = DecisionStep.Kind


def at(year, month, day, hour=10):
    return time_machine.travel(dt.datetime(year, month, day, hour, tzinfo=SHANGHAI), tick=False)


@pytest.fixture
def today():
    """Monday 3 March 2025 in Shanghai."""
    with at(2025, 3, 3):
        yield dt.date(2025, 3, 3)


@pytest.fixture
def catalogue(tree, today):
    return actions.create_catalogue(org=tree.township, by=tree.township_handler, year=2025)


@pytest.fixture
def decision(tree, catalogue):
    """A catalogue decision, started, with its draft and legal basis written."""
    d = actions.add_decision(org=tree.township, by=tree.township_handler, kind="major", category="project",
                             title="东街道老旧小区改造方案", catalogue=catalogue, undertaking_unit="城建办")
    actions.start(d, by=tree.township_handler, undertaking_unit="城建办")
    actions.update_draft(d, by=tree.township_handler, draft_text="一、改造范围……", draft_notes="入户调查情况……",
                         basis="《国务院办公厅关于全面推进城镇老旧小区改造工作的指导意见》")
    d.refresh_from_db()
    return d


def finish_participation(decision, tree):
    """A comment period run in January–February 2025, its adoption published on 3 March."""
    actions.open_comment(decision, by=tree.township_handler, opens_on=dt.date(2025, 1, 2),
                         closes_on=dt.date(2025, 2, 10), notice="在线提交")
    actions.publish_adoption(decision, by=tree.township_handler, summary="未收到意见。")


def finish_expert_and_risk(decision, tree):
    actions.add_expert_opinion(decision, by=tree.township_handler, expert_name="周工", given_on=dt.date(2025, 2, 20),
                               opinion="可行", signed=True, no_interest=True)
    actions.complete_expert_review(decision, by=tree.township_handler, result="可行")
    actions.record_risk_assessment(decision, by=tree.township_handler, assessed_on=dt.date(2025, 2, 21),
                                   assessor="平安办", risk_points="施工扰民", measures="错峰施工", level="low",
                                   controllable=True)


def finish_legality(decision, tree, conclusion="lawful"):
    """A review submitted 12 February, issued 24 February (after its 7 working days)."""
    step = actions.request_legality_review(decision, by=tree.township_handler, submitted_on=dt.date(2025, 2, 12))
    review = ReviewRequest.objects.get(pk=step.review_request_id)
    legal_review.assign(review, by=tree.reviewer, reviewer=tree.reviewer)
    legal_review.issue_opinion(review, by=tree.reviewer, conclusion=conclusion, opinion="意见", basis="依据",
                               issued_on=dt.date(2025, 2, 24))
    return review


@pytest.fixture
def ready(decision, tree):
    """Every required step done but the collective decision."""
    finish_participation(decision, tree)
    finish_expert_and_risk(decision, tree)
    finish_legality(decision, tree)
    decision.refresh_from_db()
    return decision


VIEWS = [View("刘副主任", "副主任", "agree"), View("张副主任", "副主任", "agree"),
         View("吴部长", "武装部长", "reserved", remarks="资金来源有保留意见"),
         View("陈主任", "主任", "agree", is_head=True)]


def meeting_post(**overrides):
    """The collective-meeting form as posted, with four speakers and the head last."""
    data = {"kind": "office", "held_on": "2025-03-03", "place": "三楼会议室", "presided_by": "陈主任",
            "attendees": "陈主任、刘副主任、张副主任、吴部长", "absentees": "", "outcome": "approved",
            "head_reasons": "", "minutes": "同意实施。", "decision_text": "同意实施改造方案。",
            "views-TOTAL_FORMS": "7", "views-INITIAL_FORMS": "0", "views-MIN_NUM_FORMS": "0", "views-MAX_NUM_FORMS": "30"}
    for i, v in enumerate(overrides.pop("views", VIEWS)):
        data.update({f"views-{i}-member_name": v.member_name, f"views-{i}-position": v.position,
                     f"views-{i}-view": v.view, f"views-{i}-remarks": v.remarks})
        if v.is_head:
            data[f"views-{i}-is_head"] = "on"
    data.update(overrides)
    return data


def post(client, user, url, data=None):
    client.force_login(user)
    return client.post(url, data or {})
