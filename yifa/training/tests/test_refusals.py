"""Every state-changing page refuses: GET (405), a reviewer or overseer (403), another unit's record (404),
and a record in the wrong state (nothing changes, an error message)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from yifa.core.models import Org
from yifa.core.testing import make_org
from yifa.training import actions
from yifa.training.models import Cadre, LawExam

D = dt.date


def _cadre(org, by):
    return actions.add_cadre(by=by, org=org, name=f"干部{org.pk}")


def session(t, org=None, by=None, held=False):
    org, by = org or t.township, by or t.township_handler
    person = _cadre(org, by)
    s = actions.plan_session(by=by, org=org, kind="lecture", title="讲座", planned_on=D(2025, 11, 25), hours=Decimal(2))
    if held:
        actions.hold_session(s, by=by, held_on=D(2025, 11, 20), attendees=[person])
    return s


def exam(t, org=None, by=None, graded=False):
    org, by = org or t.township, by or t.township_handler
    person = _cadre(org, by)
    e = actions.schedule_exam(by=by, org=org, kind=LawExam.Kind.ANNUAL, title="年度学法考试", held_on=D(2025, 11, 1),
                              full_score=100, pass_score=60)
    if graded:
        actions.record_scores(e, by=by, scores={person: 80})
    return e


def activity(t, org=None, by=None, held=False):
    org, by = org or t.township, by or t.township_handler
    a = actions.plan_activity(by=by, org=org, theme="宪法宣传周", planned_on=D(2025, 12, 4))
    if held:
        actions.hold_activity(a, by=by, held_on=D(2025, 11, 20), place="广场", audience=100, materials=200,
                              consultations=10)
    return a


def liaison(t, org=None, by=None, retired=False):
    village = t.village if org is None else make_org("西村", Org.Kind.VILLAGE, org)
    x = actions.enrol_liaison(by=by or t.township_handler, org=village, name="张美芳")
    if retired:
        actions.retire_liaison(x, by=by or t.township_handler, reason="外出务工")
    return x


def menu_request(t, org=None, by=None, stage="submitted"):
    org, by = org or t.township, by or t.township_handler
    topic = actions.add_topic(by=by, org=org, title="民法典", description="民法典与生活")
    r = actions.submit_request(topic, requester="张三", phone="13905721234")
    if stage in ("accepted", "delivered"):
        actions.accept_request(r, by=by, accepted_on=D(2025, 11, 18), assignee="司法所")
    if stage == "delivered":
        actions.deliver_request(r, by=by, held_on=D(2025, 11, 19), place="社区", audience=30, materials=50,
                                consultations=5)
    return r


HOLD = {"held_on": "2025-11-20", "place": "广场", "audience": "80", "materials": "100", "consultations": "6"}
ACTIONS = [
    ("session_hold", lambda t, **k: session(t, **k), lambda t: {
        "held_on": "2025-11-20", "attendees": list(Cadre.objects.filter(org=t.township).values_list("pk", flat=True))},
     lambda t: session(t, held=True)),
    ("session_cancel", lambda t, **k: session(t, **k), lambda t: {"reason": "改期"}, lambda t: session(t, held=True)),
    ("exam_scores", lambda t, **k: exam(t, **k), lambda t: {
        f"c{c.pk}": "85" for c in Cadre.objects.filter(org=t.township)}, lambda t: exam(t, graded=True)),
    ("activity_hold", lambda t, **k: activity(t, **k), lambda t: HOLD, lambda t: activity(t, held=True)),
    ("activity_cancel", lambda t, **k: activity(t, **k), lambda t: {"reason": "天气"}, lambda t: activity(t, held=True)),
    ("liaison_retire", lambda t, **k: liaison(t, **k), lambda t: {"reason": "外出"}, lambda t: liaison(t, retired=True)),
    ("request_accept", lambda t, **k: menu_request(t, **k),
     lambda t: {"accepted_on": "2025-11-20", "assignee": "司法所"}, lambda t: menu_request(t, stage="delivered")),
    ("request_deliver", lambda t, **k: menu_request(t, stage="accepted", **k), lambda t: HOLD,
     lambda t: menu_request(t)),
    ("request_decline", lambda t, **k: menu_request(t, **k), lambda t: {"reason": "超出服务范围"},
     lambda t: menu_request(t, stage="delivered")),
]
NAMES = [a[0] for a in ACTIONS]


def _state(obj):
    obj.refresh_from_db()
    return obj.status


@pytest.mark.parametrize("name,ready,data,wrong", ACTIONS, ids=NAMES)
def test_a_get_request_changes_nothing(name, ready, data, wrong, tree, client):
    target = ready(tree)
    client.force_login(tree.township_handler)
    assert client.get(reverse(f"training:{name}", args=[target.pk])).status_code == 405


@pytest.mark.parametrize("name,ready,data,wrong", ACTIONS, ids=NAMES)
def test_a_reviewer_and_an_overseer_are_forbidden(name, ready, data, wrong, tree, client):
    target = ready(tree)
    before = _state(target)
    for user in (tree.reviewer, tree.district_overseer):
        client.force_login(user)
        assert client.post(reverse(f"training:{name}", args=[target.pk]), data(tree)).status_code == 403
    assert _state(target) == before


@pytest.mark.parametrize("name,ready,data,wrong", ACTIONS, ids=NAMES)
def test_another_townships_record_answers_404(name, ready, data, wrong, tree, client):
    target = ready(tree, org=tree.sibling, by=tree.sibling_handler)
    before = _state(target)
    client.force_login(tree.township_handler)
    assert client.post(reverse(f"training:{name}", args=[target.pk]), data(tree)).status_code == 404
    assert _state(target) == before


@pytest.mark.parametrize("name,ready,data,wrong", ACTIONS, ids=NAMES)
def test_the_wrong_state_is_refused_with_a_message(name, ready, data, wrong, tree, client):
    target = wrong(tree)
    before = _state(target)
    client.force_login(tree.township_handler)
    response = client.post(reverse(f"training:{name}", args=[target.pk]), data(tree), follow=True)
    assert _state(target) == before
    assert any(m.level_tag == "error" for m in response.context["messages"])


@pytest.mark.parametrize("name,ready,data,wrong", ACTIONS, ids=NAMES)
def test_the_handler_succeeds(name, ready, data, wrong, tree, client):
    target = ready(tree)
    before = _state(target)
    client.force_login(tree.township_handler)
    response = client.post(reverse(f"training:{name}", args=[target.pk]), data(tree), follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    assert _state(target) != before
