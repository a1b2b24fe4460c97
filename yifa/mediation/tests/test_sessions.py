import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from yifa.core.workflow import InvalidTransition

from .. import actions
from ..models import Session
from .helpers import TODAY, audit_actions

pytestmark = pytest.mark.django_db


def test_a_held_session_is_recorded_with_who_took_part(w):
    case = w.case("mediating")
    session = actions.add_session(case, by=w.mediator_user, held_on=TODAY, place="东街道人民调解室",
                                  mediators=[w.chair, w.adviser], attendees="张三、李四", summary="释法说理，双方同意协商。")
    assert session.is_held and list(session.mediators.all()) == [w.chair, w.adviser]
    assert audit_actions(case)[-1] == "mediation.add_session"


def test_a_held_session_needs_its_summary(w):
    with pytest.raises(ValidationError, match="第二十七条"):
        actions.add_session(w.case("mediating"), by=w.mediator_user, held_on=TODAY, place="调解室")
    assert not Session.objects.exists()


def test_a_future_session_is_planned_then_recorded_once_held(w, time_machine):
    case = w.case("mediating")
    planned = actions.add_session(case, by=w.mediator_user, held_on=TODAY + dt.timedelta(days=2), place="调解室")
    assert not planned.is_held
    with pytest.raises(ValidationError, match="召开后才能记录"):
        actions.record_session(planned, by=w.mediator_user, summary="提前记录。")
    time_machine.move_to(dt.datetime(2025, 3, 12, 15, 0))
    actions.record_session(planned, by=w.mediator_user, summary="双方达成初步意向。")
    planned.refresh_from_db()
    assert planned.is_held and planned.summary == "双方达成初步意向。"
    with pytest.raises(InvalidTransition):
        actions.record_session(planned, by=w.mediator_user, summary="再记一次。")


def test_only_people_of_this_unit_or_above_take_part(w):
    with pytest.raises(ValidationError, match="不是本单位或上级单位调委会的在任人员"):
        actions.add_session(w.case("mediating"), by=w.mediator_user, held_on=TODAY, place="调解室",
                            mediators=[w.village_chair], summary="情况。")


def test_sessions_need_an_assigned_mediator(w):
    with pytest.raises(InvalidTransition, match="请先指派调解员"):
        actions.add_session(w.case("accepted"), by=w.mediator_user, held_on=TODAY, place="调解室", summary="情况")


def test_recording_a_planned_session_through_the_page(client, w, time_machine):
    case = w.case("mediating")
    planned = actions.add_session(case, by=w.mediator_user, held_on=TODAY + dt.timedelta(days=1), place="调解室")
    time_machine.move_to(dt.datetime(2025, 3, 11, 15, 0))
    url = reverse("mediation:session_record", args=[planned.pk])
    data = {f"record{planned.pk}-summary": "双方同意。"}
    client.force_login(w.tree.sibling_handler)
    assert client.post(url, data).status_code == 404
    client.force_login(w.tree.reviewer)
    assert client.post(url, data).status_code == 403
    client.force_login(w.mediator_user)
    assert client.get(url).status_code == 405
    assert not Session.objects.get(pk=planned.pk).is_held
    assert client.post(url, data).status_code == 302
    assert Session.objects.get(pk=planned.pk).summary == "双方同意。"
    response = client.post(url, data, follow=True)
    assert "这次调解已经记录过了" in response.content.decode()
