"""菜单式普法: a resident orders a topic on the portal and follows it to delivery by tracking code."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from yifa.core import registry
from yifa.core.models import AuditEntry
from yifa.training import actions, indicators
from yifa.training.models import OutreachActivity, OutreachRequest

ORDER = {"requester_kind": "community", "requester": "杨丽", "organisation": "东一社区居委会", "phone": "13905721234",
         "preferred_form": "上门讲座", "place": "社区活动室", "expected_audience": "60", "note": "老年人多", "consent": "on"}


def test_a_resident_orders_a_topic_and_gets_a_tracking_code(topic, client):
    response = client.post(reverse("pufa:order", args=[topic.pk]), ORDER, follow=True)
    req = OutreachRequest.objects.get()
    assert req.code.startswith("PF") and req.org == topic.org and req.status == OutreachRequest.Status.SUBMITTED
    assert req.code in response.content.decode()
    entry = AuditEntry.objects.get(action="training.submit_request", target_id=str(req.pk))
    assert entry.actor is None


def test_an_order_without_consent_or_with_a_bad_phone_is_refused(topic, client):
    page = client.post(reverse("pufa:order", args=[topic.pk]), {**ORDER, "consent": "", "phone": "110"}).content.decode()
    assert "请勾选同意" in page and "电话号码应为" in page
    assert not OutreachRequest.objects.exists()


def test_a_withdrawn_topic_takes_no_orders(topic, tree, client):
    actions.update_topic(topic, by=tree.township_handler, active=False)
    assert client.get(reverse("pufa:order", args=[topic.pk])).status_code == 404
    with pytest.raises(ValidationError, match="不在菜单上"):
        actions.submit_request(topic, requester="张三", phone="13905721234")


def test_tracking_shows_each_step_without_personal_data(topic, tree):
    req = actions.submit_request(topic, requester="杨丽", phone="13905721234", organisation="东一社区居委会")
    actions.accept_request(req, by=tree.township_handler, accepted_on=dt.date(2025, 11, 18), assignee="平安办 何静",
                           scheduled_on=dt.date(2025, 11, 25))
    found = registry.track_application(req.code.lower())
    assert found["status"] == "已受理，安排中" and found["title"] == "菜单式普法：防范电信网络诈骗"
    assert found["steps"][1] == (dt.date(2025, 11, 18), "已受理，正在安排，预计2025年11月25日送法上门")
    text = repr(found)
    assert "杨丽" not in text and "1390572" not in text and "何静" not in text


def test_delivery_is_recorded_as_an_outreach_activity(topic, tree, client):
    req = actions.submit_request(topic, requester="杨丽", phone="13905721234", preferred_form="上门讲座")
    actions.accept_request(req, by=tree.township_handler, accepted_on=dt.date(2025, 11, 18), assignee="平安办")
    client.force_login(tree.township_handler)
    client.post(reverse("training:request_deliver", args=[req.pk]), {
        "held_on": "2025-11-19", "place": "社区活动室", "audience": "65", "materials": "120", "consultations": "9"})
    req.refresh_from_db()
    assert req.status == OutreachRequest.Status.DELIVERED and req.delivered_on == dt.date(2025, 11, 19)
    activity = OutreachActivity.objects.get()
    assert req.activity == activity and activity.theme == "菜单式普法：防范电信网络诈骗" and activity.audience == 65
    f = indicators.by_code([tree.township], (dt.date(2025, 1, 1), dt.date(2025, 12, 31)))
    assert (f["menu_requests"].value, f["menu_delivered"].value, f["activities"].value) == (1, 1, 1)


def test_a_decline_tells_the_requester_why(topic, tree):
    req = actions.submit_request(topic, requester="张三", phone="13905721234")
    actions.decline_request(req, by=tree.township_handler, reason="超出本街道服务范围，已转区司法局")
    assert registry.track_application(req.code)["steps"][-1][1] == "不予安排：超出本街道服务范围，已转区司法局"


def test_the_requester_rates_a_delivered_request_once(topic, tree, client):
    req = actions.submit_request(topic, requester="张三", phone="13905721234")
    page = client.post(reverse("pufa:rate"), {"code": req.code, "rating": "satisfied"}).content.decode()
    assert "送法上门后才能评价" in page
    actions.accept_request(req, by=tree.township_handler, accepted_on=dt.date(2025, 11, 18), assignee="平安办")
    actions.deliver_request(req, by=tree.township_handler, held_on=dt.date(2025, 11, 19), place="社区", audience=30,
                            materials=10, consultations=2)
    assert client.post(reverse("pufa:rate"), {"code": req.code, "rating": "satisfied"}).status_code == 302
    req.refresh_from_db()
    assert req.rating == "satisfied"
    assert "已经评价过了" in client.post(reverse("pufa:rate"), {"code": req.code, "rating": "unsatisfied"}).content.decode()


def test_the_staff_list_masks_the_phone(topic, tree, client):
    actions.submit_request(topic, requester="张三", phone="13905721234")
    client.force_login(tree.township_handler)
    page = client.get(reverse("training:request_list")).content.decode()
    assert "139****1234" in page and "13905721234" not in page


def test_another_townships_request_answers_404(tree, client):
    theirs = actions.add_topic(by=tree.sibling_handler, org=tree.sibling, title="劳动法", description="x")
    req = actions.submit_request(theirs, requester="张三", phone="13905721234")
    client.force_login(tree.township_handler)
    assert client.get(reverse("training:request_detail", args=[req.pk])).status_code == 404


def test_the_portal_menu_lists_active_topics_by_unit(topic, tree, client):
    actions.add_topic(by=tree.sibling_handler, org=tree.sibling, title="劳动合同", description="x", active=False)
    page = client.get(reverse("pufa:menu")).content.decode()
    assert "东街道" in page and "防范电信网络诈骗" in page and "劳动合同" not in page
