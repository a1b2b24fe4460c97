"""延长办理期限: once, by up to 30 days, only with the 负责人's approval (《信访工作条例》第三十四条)."""

import datetime as dt

from django.contrib.messages import get_messages
from django.urls import reverse

from yifa.core import deadlines
from yifa.core.models import AuditEntry


def _extend(client, petition, reason="需调取用工记录"):
    return client.post(reverse("petitions:act", args=[petition.pk, "extend"]), {"reason": reason})


def test_the_head_extends_the_handling_period_by_thirty_days(tree, accepted, client):
    client.force_login(tree.township_head)
    assert _extend(client, accepted).status_code == 302
    accepted.refresh_from_db()
    handle = next(d for d in deadlines.of(accepted) if d.rule.code == "petitions.handle")
    assert handle.extensions == 1
    # 受理 6月8日: + 60 days = 8月7日; + 30 days = 9月6日, a Saturday, so the period ends Monday 9月8日.
    assert handle.due_on == dt.date(2025, 9, 8)
    assert accepted.due_on == handle.due_on
    assert accepted.extension_approved_by == tree.township_head
    assert AuditEntry.objects.filter(action="petitions.extend", target_id=str(accepted.pk)).exists()


def test_a_second_extension_is_refused_with_its_article(tree, accepted, client):
    client.force_login(tree.township_head)
    _extend(client, accepted)
    response = _extend(client, accepted, "再次延期")
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("已延长过一次" in m and "第三十四条" in m for m in messages)
    handle = next(d for d in deadlines.of(accepted) if d.rule.code == "petitions.handle")
    assert handle.extensions == 1


def test_a_handler_cannot_approve_an_extension(tree, accepted, client):
    client.force_login(tree.township_handler)
    response = _extend(client, accepted)
    assert response.status_code == 403
    accepted.refresh_from_db()
    assert not accepted.is_extended


def test_a_matter_not_yet_accepted_cannot_be_extended(tree, registered, client):
    client.force_login(tree.township_head)
    response = _extend(client, registered)
    assert response.status_code == 302
    registered.refresh_from_db()
    assert not registered.is_extended
    assert any("不能延长办理期限" in str(m) for m in get_messages(response.wsgi_request))
