"""The public side: online application with consent, tracking by code without personal data, 好差评."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from yifa.core import registry
from yifa.core.models import AuditEntry

from .. import actions
from ..models import Channel, DisputeCase
from .helpers import TODAY, id_number

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def application(w, **extra):
    data = {"name": "张三", "phone": "13800001111", "id_number": id_number(), "address": "东一社区幸福路18号",
            "other_name": "李四", "other_phone": "", "other_address": "", "org": w.tree.village.pk,
            "dispute_type": "neighbour", "description": "李四在通道上堆放建材，我出入不便。", "claims": "清除建材。",
            "consent": "on"}
    data.update(extra)
    return data


def test_the_form_explains_consent_and_what_happens_next(client, w):
    page = client.get(reverse("mediation_public:apply")).content.decode()
    assert "免费" in page and "自愿申请人民调解" in page and "查询码" in page and "一个月内调结" in page
    assert "东一社区" in page and "西镇" in page


def test_an_online_application_is_registered_with_a_tracking_code(client, w):
    response = client.post(reverse("mediation_public:apply"), application(w))
    assert response.status_code == 302 and response.url == reverse("mediation_public:applied")
    case = DisputeCase.objects.get()
    assert case.channel == Channel.ONLINE and case.org == w.tree.village and case.registered_by is None
    assert case.tracking_code.startswith("TJ") and len(case.tracking_code) == 10
    assert [(p.side, p.name) for p in case.parties.all()] == [("applicant", "张三"), ("respondent", "李四")]
    entry = AuditEntry.objects.get(action="mediation.register")
    assert entry.actor is None and entry.note == "网上申请"
    page = client.get(response.url).content.decode()
    assert case.tracking_code in page and "东一社区人民调解委员会审查您的申请" in page


def test_an_application_without_consent_or_with_a_bad_id_saves_nothing(client, w):
    page = client.post(reverse("mediation_public:apply"), application(w, consent="")).content.decode()
    assert "请阅读说明并勾选同意后再提交" in page
    page = client.post(reverse("mediation_public:apply"), application(w, id_number="330502198001011230")).content.decode()
    assert "身份证号校验位不正确" in page
    page = client.post(reverse("mediation_public:apply"), application(w, phone="123")).content.decode()
    assert "电话号码应为 11 位手机号" in page
    assert not DisputeCase.objects.exists()


def test_a_robot_filling_the_hidden_field_saves_nothing(client, w):
    response = client.post(reverse("mediation_public:apply"), application(w, website="http://spam"))
    assert response.status_code == 302 and not DisputeCase.objects.exists()


def test_too_many_applications_from_one_address_are_held_back(client, w):
    for _ in range(10):
        client.post(reverse("mediation_public:apply"), application(w))
    page = client.post(reverse("mediation_public:apply"), application(w)).content.decode()
    assert "今天从您的网络提交的申请已较多" in page and DisputeCase.objects.count() == 10


def test_tracking_shows_steps_but_no_personal_data(client, w):
    client.post(reverse("mediation_public:apply"), application(w))
    case = DisputeCase.objects.get()
    actions.accept(case, by=w.village_mediator_user)
    result = registry.track_application(case.tracking_code.lower())
    assert result["status"] == "已受理，正在安排调解员" and result["title"] == "人民调解申请（邻里纠纷）"
    assert [text for _day, text in result["steps"]][1].startswith("已受理，一般在一个月内调结")
    page = client.get(reverse("portal:track") + f"?code={case.tracking_code}").content.decode()
    assert "已受理，正在安排调解员" in page
    for secret in ("张三", "李四", "13800001111", id_number(), "幸福路", "堆放建材", case.number):
        assert secret not in page
    assert registry.track_application("TJXXXXXXXX") is None


def test_a_refused_application_shows_the_ground_only(client, w):
    client.post(reverse("mediation_public:apply"), application(w))
    case = DisputeCase.objects.get()
    actions.reject(case, by=w.village_mediator_user, reason="other", note="李四已去世，张三应通过继承程序解决。")
    result = registry.track_application(case.tracking_code)
    assert result["status"] == "不予受理"
    text = " ".join(t for _d, t in result["steps"])
    assert "原因：其他原因" in text and "李四" not in text


def test_the_applicant_rates_the_service_once_after_closure(client, w):
    client.post(reverse("mediation_public:apply"), application(w))
    case = DisputeCase.objects.get()
    url = reverse("mediation_public:rate")
    assert "结案后才能评价" in client.get(url + f"?code={case.tracking_code}").content.decode()
    actions.accept(case, by=w.village_mediator_user)
    actions.assign(case, by=w.village_mediator_user, committee=w.village_committee, lead=w.village_chair)
    actions.record_failure(case, by=w.village_mediator_user, routes=["litigation"], note="对方拒绝调解。")
    actions.close(case, by=w.village_mediator_user)
    assert registry.track_application(case.tracking_code)["link"][1] == url + f"?code={case.tracking_code}"
    tracked = client.get(reverse("portal:track") + f"?code={case.tracking_code}").content.decode()
    assert f'href="{url}?code={case.tracking_code}">评价本次调解服务</a>' in tracked
    response = client.post(url, {"code": case.tracking_code.lower(), "rating": "good", "comment": "调解员很耐心。"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.rating == "good" and case.rating_comment == "调解员很耐心。"
    assert AuditEntry.objects.get(action="mediation.rate").note == "公众评价"
    page = client.post(url, {"code": case.tracking_code, "rating": "poor"}).content.decode()
    assert "已经评价过了" in page and DisputeCase.objects.get().rating == "good"
    assert "没有找到这个查询码" in client.get(url + "?code=TJNOTHING").content.decode()


def test_the_portal_home_lists_the_mediation_section(client, w):
    page = client.get(reverse("portal:home")).content.decode()
    assert "人民调解" in page and reverse("mediation_public:home") in page
