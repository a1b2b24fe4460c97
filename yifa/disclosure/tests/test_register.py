"""Receiving a request: on paper (登记) or online (提交, then 确认收到, 第三十一条); applicant checks."""

import datetime as dt

from django.urls import reverse

from yifa.core import deadlines
from yifa.disclosure import actions
from yifa.disclosure.models import InfoRequest

PUBLIC = {"applicant_type": "person", "applicant_name": "林晓华", "id_number": "330502199201014423",
          "phone": "13905721234", "email": "", "address": "东一社区", "description": "2025年路灯维修项目预算",
          "medium": "electronic", "delivery": "online", "contact_name": "", "credit_code": ""}


def test_staff_register_a_paper_request(tree, frozen, client):
    client.force_login(tree.township_handler)
    response = client.post(reverse("disclosure:request_create"), {
        "source": "letter", "received_on": "2025-08-29", "applicant_type": "business",
        "applicant_name": "湖州某某建设有限公司", "credit_code": "91330502MA2B3C4D5X", "phone": "0572-2345678",
        "description": "工程审计报告", "medium": "paper", "delivery": "post"})
    page = response.content.decode()
    assert response.status_code == 200 and "校验位不正确" in page  # a wrong 统一社会信用代码 is caught
    from yifa.core.identity import uscc_check_char

    code = "91330502MA2B3C4D5" + uscc_check_char("91330502MA2B3C4D5")
    response = client.post(reverse("disclosure:request_create"), {
        "source": "letter", "received_on": "2025-08-29", "applicant_type": "business",
        "applicant_name": "湖州某某建设有限公司", "credit_code": code, "phone": "0572-2345678",
        "description": "工程审计报告", "medium": "paper", "delivery": "post"})
    req = InfoRequest.objects.get()
    assert response.url == reverse("disclosure:request_detail", args=[req.pk])
    assert req.phone == "05722345678" and req.status == InfoRequest.Status.REGISTERED


def test_a_request_needs_a_way_to_reach_the_applicant(tree, frozen, client):
    client.force_login(tree.township_handler)
    response = client.post(reverse("disclosure:request_create"), {
        "source": "in_person", "received_on": "2025-08-29", "applicant_type": "person", "applicant_name": "张三",
        "description": "某文件", "medium": "paper", "delivery": "post"})
    assert "至少填写一种联系方式" in response.content.decode()
    assert not InfoRequest.objects.exists()


def test_an_overseer_cannot_register(tree, client):
    client.force_login(tree.district_overseer)
    assert client.get(reverse("disclosure:request_create")).status_code == 403


def test_an_online_application_waits_for_confirmation_and_then_runs_from_it(tree, frozen, client):
    response = client.post(reverse("disclosure:public_apply"), {**PUBLIC, "org": tree.township.pk})
    req = InfoRequest.objects.get()
    assert req.status == InfoRequest.Status.SUBMITTED and req.number == "" and deadlines.of(req) == []
    assert response.url == reverse("disclosure:public_done", args=[req.tracking_code])
    actions.register_submission(req, by=tree.township_handler, on=dt.date(2025, 9, 1))
    assert req.received_on == dt.date(2025, 9, 1) and req.number == "东街依申〔2025〕1号"
    # 2–5 Sep: 4 · 8–12: 9 · 15–19: 14 · 22–26: 19 · Sunday 28 Sep, a 调休 working day: 20.
    assert req.reply_due_on == dt.date(2025, 9, 28)


def test_a_person_applying_online_gives_an_id_number(tree, frozen, client):
    response = client.post(reverse("disclosure:public_apply"), {**PUBLIC, "org": tree.township.pk, "id_number": ""})
    assert "请填写身份证号" in response.content.decode()
    assert not InfoRequest.objects.exists()


def test_a_blank_online_submission_may_be_voided_with_a_reason(tree, frozen, client):
    client.post(reverse("disclosure:public_apply"), {**PUBLIC, "org": tree.township.pk})
    req = InfoRequest.objects.get()
    client.force_login(tree.township_handler)
    client.post(reverse("disclosure:request_act", args=[req.pk, "void"]), {"reason": "测试提交"})
    req.refresh_from_db()
    assert req.status == InfoRequest.Status.VOIDED


def test_tracking_shows_steps_without_personal_data(tree, request_, frozen, client):
    actions.request_correction(request_, by=tree.township_handler, on=dt.date(2025, 8, 20), items="写明年度",
                               deadline=dt.date(2025, 9, 10))
    page = client.get(reverse("portal:track"), {"code": request_.tracking_code}).content.decode()
    assert "待补正" in page and "2025年8月20日" in page and "告知补正" in page
    assert "沈晓东" not in page and "13857201188" not in page and "老旧小区" not in page


def test_the_applicant_list_masks_names_for_an_overseer(tree, request_, client):
    client.force_login(tree.district_overseer)
    page = client.get(reverse("disclosure:request_list")).content.decode()
    assert "沈*东" in page and "沈晓东" not in page
