"""告知 (《信访工作条例》第二十三条): 受理 starts the 60-day handling clock; 不予受理 names the route; 转送."""

import datetime as dt

from django.contrib.messages import get_messages
from django.urls import reverse

from yifa.core import deadlines
from yifa.core.models import AuditEntry
from yifa.petitions import actions
from yifa.petitions.models import Petition


def _post(client, petition, data):
    return client.post(reverse("petitions:act", args=[petition.pk, "notify"]), data)


def test_accepting_completes_the_notice_clock_and_starts_sixty_days(tree, registered, client):
    client.force_login(tree.township_handler)
    response = _post(client, registered, {"decision": "accept", "on": "2025-06-09", "notice_text": "依法受理"})
    assert response.status_code == 302
    registered.refresh_from_db()
    assert registered.status == Petition.Status.ACCEPTED
    assert registered.accepted_on == registered.notified_on == dt.date(2025, 6, 9)
    clocks = {d.rule.code: d for d in deadlines.of(registered)}
    assert clocks["petitions.notify"].status == "met"
    assert clocks["petitions.handle"].due_on == dt.date(2025, 8, 8)  # 60 days after 6月9日 (a Friday)
    assert registered.due_on == dt.date(2025, 8, 8)
    assert AuditEntry.objects.filter(action="petitions.accept", target_id=str(registered.pk)).exists()


def test_a_late_notice_is_recorded_as_late(tree, frozen):
    from .conftest import make_petition

    petition = make_petition(tree.township, tree.township_handler, received_on=dt.date(2025, 5, 20))
    actions.accept(petition, by=tree.township_handler, on=dt.date(2025, 6, 16))
    (notify,) = [d for d in deadlines.of(petition) if d.rule.code == "petitions.notify"]
    assert notify.due_on == dt.date(2025, 6, 4) and notify.status == "late"


def test_refusing_requires_the_route_to_take_instead(tree, registered, client):
    client.force_login(tree.township_handler)
    _post(client, registered, {"decision": "refuse", "on": "2025-06-10", "notice_text": ""})
    registered.refresh_from_db()
    assert registered.status == Petition.Status.REGISTERED
    _post(client, registered, {"decision": "refuse", "on": "2025-06-10",
                               "notice_text": "属于人民法院审判职权，请依法申请再审。"})
    registered.refresh_from_db()
    assert registered.status == Petition.Status.NOT_ACCEPTED and registered.due_on is None


def test_transferring_names_the_body(tree, registered, client):
    client.force_login(tree.township_handler)
    _post(client, registered, {"decision": "transfer", "on": "2025-06-10", "transferred_to": "甲区纪委监委"})
    registered.refresh_from_db()
    assert registered.status == Petition.Status.TRANSFERRED and registered.transferred_to == "甲区纪委监委"


def test_a_notice_before_receipt_is_refused(tree, registered, client):
    client.force_login(tree.township_handler)
    response = _post(client, registered, {"decision": "accept", "on": "2025-06-01"})
    registered.refresh_from_db()
    assert registered.status == Petition.Status.REGISTERED
    assert any("不能早于收到日期" in str(m) for m in get_messages(response.wsgi_request))


def test_an_accepted_matter_cannot_be_notified_again(tree, accepted, client):
    client.force_login(tree.township_handler)
    response = _post(client, accepted, {"decision": "refuse", "on": "2025-06-16", "notice_text": "x"})
    accepted.refresh_from_db()
    assert accepted.status == Petition.Status.ACCEPTED
    assert any("当前状态为“办理中”" in str(m) for m in get_messages(response.wsgi_request))


def test_objecting_to_an_assignment_within_five_workdays(tree, frozen, client):
    from .conftest import make_petition

    petition = make_petition(tree.township, tree.township_handler, received_on=dt.date(2025, 6, 12),
                             channel=Petition.Channel.REFERRED, referred_by="甲区信访局")
    client.force_login(tree.township_handler)
    client.post(reverse("petitions:act", args=[petition.pk, "object"]),
                {"on": "2025-06-16", "reason": "事项属区住建局职责"})
    petition.refresh_from_db()
    assert petition.status == Petition.Status.RETURNED
    clocks = {d.rule.code: d.status for d in deadlines.of(petition)}
    assert clocks == {"petitions.objection": "met", "petitions.notify": "cancelled"}


def test_only_a_referred_matter_can_be_objected_to(tree, registered, client):
    client.force_login(tree.township_handler)
    client.post(reverse("petitions:act", args=[registered.pk, "object"]), {"on": "2025-06-16", "reason": "x"})
    registered.refresh_from_db()
    assert registered.status == Petition.Status.REGISTERED
