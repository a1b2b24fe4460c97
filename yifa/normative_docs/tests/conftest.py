import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from yifa.legal_review import actions as legal_review
from yifa.legal_review.models import ReviewRequest
from yifa.normative_docs import actions

SHANGHAI = ZoneInfo("Asia/Shanghai")
D = dt.date


def at(year, month, day, hour=10):
    return time_machine.travel(dt.datetime(year, month, day, hour, tzinfo=SHANGHAI), tick=False)


@pytest.fixture
def today():
    """Monday 3 March 2025 in Shanghai."""
    with at(2025, 3, 3):
        yield D(2025, 3, 3)


@pytest.fixture
def draft(tree, today):
    return actions.create_document(org=tree.township, by=tree.township_handler, title="东街道文明养犬管理规定",
                                   drafting_unit="党政办", basis="《浙江省动物防疫条例》",
                                   draft_text="第一条 为规范养犬行为，制定本规定。", drafting_notes="回应群众反映。")


def commented(document, tree):
    """Comment period 2 to 15 January 2025 (7 working days end on 13 January), closed on 20 January."""
    actions.open_comment(document, by=tree.township_handler, opens_on=D(2025, 1, 2), closes_on=D(2025, 1, 15),
                         notice="在线提交")
    actions.close_comment(document, by=tree.township_handler, summary="未收到意见。", closed_on=D(2025, 1, 20))
    return document


def reviewed(document, tree, conclusion="lawful"):
    actions.request_legality_review(document, by=tree.township_handler, submitted_on=D(2025, 1, 21))
    review = ReviewRequest.objects.get(pk=document.review_request_id)
    legal_review.assign(review, by=tree.reviewer, reviewer=tree.reviewer)
    legal_review.issue_opinion(review, by=tree.reviewer, conclusion=conclusion, opinion="意见", basis="依据",
                               issued_on=D(2025, 1, 24))
    document.refresh_from_db()
    return document


def published(document, tree, on=D(2025, 2, 10)):
    """Reviewed, deliberated, registered and published on ``on`` (effective the same day)."""
    commented(document, tree)
    reviewed(document, tree)
    actions.deliberate(document, by=tree.township_handler, body="主任办公会议", held_on=D(2025, 1, 27), minutes="通过")
    actions.register(document, by=tree.township_handler, registered_on=on - dt.timedelta(days=1))
    actions.publish(document, by=tree.township_head, published_on=on, effective_on=on, channel="区政府网站")
    document.refresh_from_db()
    return document


@pytest.fixture
def live_doc(draft, tree):
    return published(draft, tree)


def post(client, user, url, data=None):
    client.force_login(user)
    return client.post(url, data or {})
