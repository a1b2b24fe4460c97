"""访调对接: handing a 信访 to 人民调解 opens a case through the mediation module's own action."""

import datetime as dt

from django.contrib.messages import get_messages
from django.urls import reverse

from yifa.core import deadlines
from yifa.core.models import AuditEntry
from yifa.petitions.models import Petition


def _hand(client, petition, **data):
    payload = {"on": "2025-06-16", "note": "双方同意调解"}
    payload.update(data)
    return client.post(reverse("petitions:act", args=[petition.pk, "hand_to_mediation"]), payload)


def test_handing_over_registers_a_mediation_case_and_stops_the_clocks(tree, accepted, client):
    client.force_login(tree.township_handler)
    assert _hand(client, accepted).status_code == 302
    accepted.refresh_from_db()
    assert accepted.status == Petition.Status.MEDIATION and accepted.handed_on == dt.date(2025, 6, 16)
    assert accepted.mediation_reference.startswith("东街调〔2025〕")
    # The case was made by the mediation module (its own audit entry, its own register), not by us.
    entry = AuditEntry.objects.get(action="mediation.register")
    assert entry.target_id == str(accepted.mediation_case_id)
    assert "访调对接" in str(entry.changes)
    statuses = {d.rule.code: d.status for d in deadlines.of(accepted)}
    assert statuses["petitions.handle"] == "cancelled" and accepted.due_on is None
    page = client.get(reverse("petitions:detail", args=[accepted.pk])).content.decode()
    assert reverse("mediation:case_detail", args=[accepted.mediation_case_id]) in page


def test_handing_over_before_notice_counts_as_the_notice(tree, registered, client):
    client.force_login(tree.township_handler)
    _hand(client, registered)
    registered.refresh_from_db()
    assert registered.status == Petition.Status.MEDIATION and registered.notified_on == dt.date(2025, 6, 16)
    statuses = {d.rule.code: d.status for d in deadlines.of(registered)}
    assert statuses["petitions.notify"] == "met"


def test_a_concluded_matter_cannot_be_handed_over(tree, replied, client):
    client.force_login(tree.township_handler)
    response = _hand(client, replied)
    replied.refresh_from_db()
    assert replied.status == Petition.Status.REPLIED and not replied.mediation_case_id
    assert any("不能转人民调解" in str(m) for m in get_messages(response.wsgi_request))
    assert not AuditEntry.objects.filter(action="mediation.register").exists()
