"""学法活动: a held session credits each attendee; a planned one is held or cancelled later."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from yifa.core.models import AuditEntry
from yifa.core.workflow import InvalidTransition
from yifa.training import actions
from yifa.training.models import Attendance, StudySession


def test_recording_a_held_session_credits_each_attendee(tree, cadres, client):
    client.force_login(tree.township_handler)
    response = client.post(reverse("training:session_create"), {
        "kind": "central_group", "title": "理论学习中心组集体学习习近平法治思想", "held_on": "2025-03-12", "hours": "3",
        "attendees": [cadres[0].pk, cadres[1].pk]})
    session = StudySession.objects.get()
    assert response.url == session.get_absolute_url()
    assert session.status == StudySession.Status.HELD and session.org == tree.township
    assert sorted(Attendance.objects.values_list("cadre__name", "hours")) == [("李晓燕", Decimal(3)), ("陈卫东", Decimal(3))]
    assert AuditEntry.objects.filter(action="training.record_session", target_id=str(session.pk)).exists()


def test_a_held_session_without_attendees_is_refused(tree, cadres, client):
    client.force_login(tree.township_handler)
    response = client.post(reverse("training:session_create"), {
        "kind": "lecture", "title": "讲座", "held_on": "2025-03-12", "hours": "2"})
    assert "请勾选参加人员" in response.content.decode()
    assert not StudySession.objects.exists()


def test_a_planned_session_is_held_later_with_its_attendance(tree, cadres, client):
    session = actions.plan_session(by=tree.township_handler, org=tree.township, kind="lecture", title="民法典讲座",
                                   planned_on=dt.date(2025, 11, 25), hours=Decimal(2))
    client.force_login(tree.township_handler)
    client.post(reverse("training:session_hold", args=[session.pk]),
                {"held_on": "2025-11-20", "hours": "2.5", "attendees": [c.pk for c in cadres]})
    session.refresh_from_db()
    assert session.status == StudySession.Status.HELD and session.held_on == dt.date(2025, 11, 20)
    assert set(Attendance.objects.values_list("hours", flat=True)) == {Decimal("2.5")}
    assert AuditEntry.objects.filter(action="training.hold", target_id=str(session.pk)).exists()


def test_a_held_session_cannot_be_cancelled(tree, cadres, make_session):
    session = make_session(cadres)
    with pytest.raises(InvalidTransition, match="已举办"):
        actions.cancel_session(session, by=tree.township_handler, reason="改期")


def test_another_units_staff_cannot_be_marked_present(tree, cadres, make_session):
    theirs = actions.add_cadre(by=tree.sibling_handler, org=tree.sibling, name="外镇干部")
    with pytest.raises(ValidationError, match="不在本单位学法人员名册中"):
        make_session([cadres[0], theirs])
    assert not StudySession.objects.exists()


def test_a_planned_date_in_the_past_is_refused(tree, client):
    client.force_login(tree.township_handler)
    response = client.post(reverse("training:session_create"), {
        "kind": "lecture", "title": "讲座", "planned_on": "2025-01-01", "hours": "2"})
    assert "计划日期不能早于今天" in response.content.decode()
