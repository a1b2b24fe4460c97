"""复查 and 复核 (第三十五条、第三十六条): asked within 30 days, answered within 30 days, then final."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.contrib.messages import get_messages
from django.urls import reverse

from yifa.core import deadlines
from yifa.petitions import actions
from yifa.petitions.models import Petition

CST = dt.timezone(dt.timedelta(hours=8))


def _act(client, petition, action, **data):
    return client.post(reverse("petitions:act", args=[petition.pk, action]), data)


def test_requesting_a_review_starts_the_thirty_day_answer_clock(tree, replied, client):
    client.force_login(tree.township_handler)
    _act(client, replied, "request_review", on="2025-06-16", organ="甲区人民政府")
    replied.refresh_from_db()
    assert replied.status == Petition.Status.REVIEWING
    review = next(d for d in deadlines.of(replied) if d.rule.code == "petitions.review")
    assert review.due_on == dt.date(2025, 7, 16) and replied.due_on == review.due_on


def test_a_review_asked_after_thirty_days_is_refused(tree, accepted, frozen):
    actions.reply(accepted, by=tree.township_handler, on=dt.date(2025, 6, 8), opinion="reject",
                  opinion_text="缺乏依据，不予支持。")
    window = actions.request_window(accepted)
    assert window.due_on == dt.date(2025, 7, 8)  # the letter reached the petitioner 6月8日: + 30 days
    with time_machine.travel(dt.datetime(2025, 7, 10, 9, 0, tzinfo=CST), tick=False):
        with pytest.raises(ValidationError) as error:
            actions.request_review(accepted, by=tree.township_handler, on=dt.date(2025, 7, 9), organ="甲区人民政府")
    assert "已超过期限" in str(error.value) and "第三十五条" in str(error.value)
    accepted.refresh_from_db()
    assert accepted.status == Petition.Status.REPLIED


def test_the_whole_review_and_recheck_path_ends_final(tree, replied, client):
    client.force_login(tree.township_handler)
    _act(client, replied, "request_review", on="2025-06-15", organ="甲区人民政府")
    _act(client, replied, "decide_review", on="2025-06-16", result="upheld", note="维持")
    replied.refresh_from_db()
    assert replied.status == Petition.Status.REVIEWED
    assert actions.request_window(replied).due_on == dt.date(2025, 7, 16)
    _act(client, replied, "request_recheck", on="2025-06-16", organ="测试市人民政府")
    _act(client, replied, "decide_recheck", on="2025-06-16", result="upheld", note="维持")
    replied.refresh_from_db()
    assert replied.status == Petition.Status.RECHECKED
    statuses = {d.rule.code: d.status for d in deadlines.of(replied)}
    assert statuses["petitions.review"] == "met" and statuses["petitions.recheck"] == "met"
    # 复核终结: nothing further can be requested.
    response = _act(client, replied, "request_review", on="2025-06-16", organ="甲区人民政府")
    assert any("不能登记复查申请" in str(m) for m in get_messages(response.wsgi_request))


def test_a_review_decision_needs_a_review_request_first(tree, replied, client):
    client.force_login(tree.township_handler)
    response = _act(client, replied, "decide_review", on="2025-06-16", result="upheld")
    replied.refresh_from_db()
    assert replied.status == Petition.Status.REPLIED
    assert any("须先登记复查申请" in str(m) for m in get_messages(response.wsgi_request))


def test_satisfaction_is_recorded_after_the_reply(tree, replied, client):
    client.force_login(tree.township_handler)
    _act(client, replied, "record_satisfaction", on="2025-06-16", satisfaction="basic", note="电话回访")
    replied.refresh_from_db()
    assert replied.satisfaction == "basic" and replied.satisfaction_on == dt.date(2025, 6, 16)


def test_satisfaction_cannot_be_recorded_before_the_reply(tree, accepted, client):
    client.force_login(tree.township_handler)
    response = _act(client, accepted, "record_satisfaction", on="2025-06-16", satisfaction="satisfied")
    accepted.refresh_from_db()
    assert accepted.satisfaction == ""
    assert any("须先办结" in str(m) for m in get_messages(response.wsgi_request))
