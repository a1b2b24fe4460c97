"""主动公开: published within 20 working days of formation (第二十六条), counted by category, shown on the portal."""

import datetime as dt

from django.urls import reverse

from yifa.core import deadlines
from yifa.disclosure import actions
from yifa.disclosure.models import ProactiveDisclosure

from .conftest import make_publication


def test_publishing_within_twenty_workdays_is_on_time(tree, frozen):
    pub = make_publication(tree.township, tree.township_handler, formed_on=dt.date(2025, 8, 1))
    (clock,) = deadlines.of(pub)
    assert clock.rule.code == "disclosure.proactive" and clock.due_on == dt.date(2025, 8, 29)
    actions.publish(pub, by=tree.township_handler, on=dt.date(2025, 8, 20))
    assert pub.status == ProactiveDisclosure.Status.PUBLISHED and pub.index_number == "东街/2025-00001"
    assert deadlines.of(pub)[0].status == "met"


def test_a_late_publication_is_recorded_late(tree, frozen):
    pub = make_publication(tree.township, tree.township_handler, formed_on=dt.date(2025, 7, 1),
                           published_on=dt.date(2025, 8, 15))
    assert deadlines.of(pub)[0].status == "late"


def test_a_normative_document_must_say_issued_or_repealed(tree, frozen, client):
    client.force_login(tree.township_handler)
    response = client.post(reverse("disclosure:publication_create"), {
        "title": "宅基地审批管理办法", "category": "normative", "formed_on": "2025-08-20", "channel": "website",
        "decision_count": 1})
    assert "请选择“制发”或“废止”" in response.content.decode()
    assert not ProactiveDisclosure.objects.exists()


def test_the_form_publishes_at_once_when_a_date_is_given(tree, frozen, client):
    client.force_login(tree.township_handler)
    client.post(reverse("disclosure:publication_create"), {
        "title": "2025年部门预算", "category": "budget", "formed_on": "2025-08-20", "published_on": "2025-08-22",
        "channel": "website", "decision_count": 1})
    pub = ProactiveDisclosure.objects.get()
    assert pub.status == ProactiveDisclosure.Status.PUBLISHED and pub.published_on == dt.date(2025, 8, 22)


def test_withdrawing_removes_it_from_the_portal(tree, frozen, client):
    pub = make_publication(tree.township, tree.township_handler, published_on=dt.date(2025, 8, 5))
    assert client.get(reverse("disclosure:public_publication", args=[pub.pk])).status_code == 200
    staff = client.__class__()
    staff.force_login(tree.township_handler)
    staff.post(reverse("disclosure:publication_act", args=[pub.pk, "withdraw"]),
               {"on": "2025-08-30", "reason": "数据有误，更正后重新公开"})
    pub.refresh_from_db()
    assert pub.status == ProactiveDisclosure.Status.WITHDRAWN
    assert client.get(reverse("disclosure:public_publication", args=[pub.pk])).status_code == 404


def test_a_draft_cannot_be_withdrawn(tree, frozen, client):
    pub = make_publication(tree.township, tree.township_handler)
    client.force_login(tree.township_handler)
    response = client.post(reverse("disclosure:publication_act", args=[pub.pk, "withdraw"]),
                           {"on": "2025-08-30", "reason": "x"})
    pub.refresh_from_db()
    assert pub.status == ProactiveDisclosure.Status.DRAFT
    assert any("不能撤回" in str(m) for m in response.wsgi_request._messages)


def test_the_portal_lists_published_information_by_category(tree, frozen, client):
    make_publication(tree.township, tree.township_handler, title="社会救助对象公示", category="assistance",
                     published_on=dt.date(2025, 8, 5))
    make_publication(tree.township, tree.township_handler, title="预算草稿", category="budget")
    page = client.get(reverse("disclosure:public_index")).content.decode()
    assert "社会救助对象公示" in page and "预算草稿" not in page
    page = client.get(reverse("disclosure:public_index"), {"category": "budget"}).content.decode()
    assert "社会救助对象公示" not in page
