"""分办, 与代表沟通, 协办意见, 答复, 办结, 重新办理: each step, its audit entry and its gates."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from yifa.core.models import AuditEntry
from yifa.core.models.deadlines import Deadline
from yifa.core.workflow import InvalidTransition
from yifa.oversight import actions
from yifa.oversight.models import Suggestion


def _audit(obj, action):
    return AuditEntry.objects.filter(action=action, target_type=obj._meta.label_lower, target_id=str(obj.pk))


def test_assigning_names_the_lead_department_and_adds_co_handlers(make_suggestion, tree, client):
    s = make_suggestion()
    client.force_login(tree.township_handler)
    response = client.post(reverse("oversight:suggestion_assign", args=[s.pk]),
                           {"lead_department": "城市管理办公室", "handler": tree.township_handler.pk,
                            "co_handlers": "区交通运输局、区住建局"})
    assert response.status_code == 302
    s.refresh_from_db()
    assert s.status == Suggestion.Status.HANDLING and s.lead_department == "城市管理办公室"
    assert [c.unit_name for c in s.co_handlers.all()] == ["区交通运输局", "区住建局"]
    assert _audit(s, "oversight.assign").exists()


def test_the_reply_is_refused_before_the_representative_was_contacted(make_suggestion, tree):
    s = make_suggestion()
    actions.assign(s, by=tree.township_handler, lead_department="城市管理办公室")
    with pytest.raises(ValidationError, match="第五十一条"):
        actions.reply(s, by=tree.township_handler, replied_on=dt.date(2025, 5, 1), category="A", summary="已办")
    s.refresh_from_db()
    assert s.status == Suggestion.Status.HANDLING and s.replied_on is None


def test_the_reply_waits_for_every_co_handler_opinion(make_suggestion, tree):
    s = make_suggestion()
    actions.assign(s, by=tree.township_handler, lead_department="城管办", co_handlers=["区交通运输局"])
    actions.record_contact(s, by=tree.township_handler, contacted_on=dt.date(2025, 4, 1), note="电话沟通")
    with pytest.raises(ValidationError, match="区交通运输局尚未提出协办意见"):
        actions.reply(s, by=tree.township_handler, replied_on=dt.date(2025, 5, 1), category="A", summary="已办")
    actions.record_co_opinion(s.co_handlers.get(), by=tree.township_handler, opinion_on=dt.date(2025, 4, 20),
                              opinion="同意")
    actions.reply(s, by=tree.township_handler, replied_on=dt.date(2025, 5, 1), category="A", summary="已办")
    assert s.status == Suggestion.Status.REPLIED


def test_a_reply_in_time_stops_the_clock_as_met(handling, tree, client):
    client.force_login(tree.township_handler)
    client.post(reverse("oversight:suggestion_reply", args=[handling.pk]),
                {"replied_on": "2025-06-10", "category": "A", "summary": "已建成停车场", "reply_no": "甲复〔2025〕3号"})
    handling.refresh_from_db()
    assert handling.status == Suggestion.Status.REPLIED and handling.on_time is True
    clock = Deadline.objects.get(target_type="oversight.suggestion", target_id=str(handling.pk))
    assert clock.status == Deadline.Status.MET and clock.completed_on == dt.date(2025, 6, 10)
    assert _audit(handling, "oversight.reply").exists()


def test_a_reply_after_the_due_date_is_recorded_as_late(handling, tree):
    actions.reply(handling, by=tree.township_handler, replied_on=dt.date(2025, 6, 11), category="B", summary="列入计划")
    assert handling.on_time is False
    assert Deadline.objects.get(target_id=str(handling.pk), target_type="oversight.suggestion").status == "late"


def test_closing_a_lead_suggestion_needs_the_representatives_rating(handling, tree):
    actions.reply(handling, by=tree.township_handler, replied_on=dt.date(2025, 6, 1), category="A", summary="已办")
    with pytest.raises(ValidationError, match="满意度"):
        actions.close(handling, by=tree.township_handler)
    actions.close(handling, by=tree.township_handler, feedback_on=dt.date(2025, 6, 5), satisfaction="satisfied")
    assert handling.status == Suggestion.Status.CLOSED and _audit(handling, "oversight.close").exists()


def test_a_co_handled_suggestion_closes_without_a_rating(make_suggestion, tree):
    s = make_suggestion(our_role="co")
    actions.assign(s, by=tree.township_handler, lead_department="城建办")
    actions.reply(s, by=tree.township_handler, replied_on=dt.date(2025, 4, 1), category="B", summary="协办意见")
    actions.close(s, by=tree.township_handler)
    assert s.status == Suggestion.Status.CLOSED and s.satisfaction == ""


def test_only_an_unsatisfied_representative_reopens_the_suggestion(handling, tree, client):
    actions.reply(handling, by=tree.township_handler, replied_on=dt.date(2025, 6, 1), category="B", summary="列入计划")
    actions.close(handling, by=tree.township_handler, feedback_on=dt.date(2025, 6, 5), satisfaction="satisfied")
    with pytest.raises(ValidationError, match="不满意"):
        actions.reopen(handling, by=tree.township_handler, reason="再办")
    Suggestion.objects.filter(pk=handling.pk).update(satisfaction="unsatisfied")
    handling.refresh_from_db()
    client.force_login(tree.township_head)
    client.post(reverse("oversight:suggestion_reopen", args=[handling.pk]), {"reason": "代表对答复不满意"})
    handling.refresh_from_db()
    assert handling.status == Suggestion.Status.HANDLING and handling.reopen_count == 1


def test_replying_twice_is_refused_with_the_current_state(handling, tree):
    actions.reply(handling, by=tree.township_handler, replied_on=dt.date(2025, 6, 1), category="A", summary="已办")
    with pytest.raises(InvalidTransition, match="已答复"):
        actions.reply(handling, by=tree.township_handler, replied_on=dt.date(2025, 6, 2), category="A", summary="再答")


def test_a_bad_reply_form_shows_errors_and_saves_nothing(handling, tree, client):
    client.force_login(tree.township_handler)
    response = client.post(reverse("oversight:suggestion_reply", args=[handling.pk]), {"replied_on": "", "category": "A"})
    assert response.status_code == 200 and "这个字段是必填项" in response.content.decode()
    handling.refresh_from_db()
    assert handling.status == Suggestion.Status.HANDLING
