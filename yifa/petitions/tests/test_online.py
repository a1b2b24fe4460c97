"""网上信访 on the portal: a resident submits, gets a 查询码, staff register it, the code shows progress."""

import datetime as dt

import time_machine

from django.urls import reverse

from yifa.core import deadlines
from yifa.petitions import actions
from yifa.petitions.models import Petition


def _submit(client, tree, **data):
    payload = {"org": tree.township.pk, "petitioner_name": "林晓华", "petitioner_phone": "13905721234",
               "petitioner_address": "东一社区2幢", "title": "路灯损坏", "content": "2幢至5幢之间路灯损坏一个月。"}
    payload.update(data)
    return client.post(reverse("petitions:public_form"), payload)


def test_a_resident_submits_and_sees_a_tracking_code(tree, frozen, client):
    assert client.get(reverse("petitions:public_form")).status_code == 200
    response = _submit(client, tree)
    petition = Petition.objects.get()
    assert petition.status == Petition.Status.SUBMITTED and petition.channel == Petition.Channel.ONLINE
    assert petition.received_on == frozen and petition.tracking_code.startswith("XF")
    assert response.url == reverse("petitions:public_done", args=[petition.tracking_code])
    page = client.get(response.url).content.decode()
    assert petition.tracking_code in page


def test_the_code_page_is_only_for_the_person_who_submitted(tree, frozen, client):
    _submit(client, tree)
    code = Petition.objects.get().tracking_code
    client.cookies.clear()
    assert client.get(reverse("petitions:public_done", args=[code])).status_code == 404


def test_a_bad_phone_is_refused_in_chinese(tree, frozen, client):
    response = _submit(client, tree, petitioner_phone="12")
    assert response.status_code == 200 and "电话号码应为" in response.content.decode()
    assert not Petition.objects.exists()


def test_a_form_robot_filling_the_hidden_field_saves_nothing(tree, frozen, client):
    _submit(client, tree, website="http://spam.example")
    assert not Petition.objects.exists()


def test_too_many_submissions_from_one_address_are_refused(tree, frozen, client):
    for _ in range(5):
        _submit(client, tree)
    response = _submit(client, tree)
    assert "太频繁" in response.content.decode()
    assert Petition.objects.count() == 5


def test_staff_register_the_submission_and_the_clock_runs_from_the_day_it_arrived(tree, frozen, client):
    petition = actions.submit_online(org=tree.township, petitioner_name="林晓华", petitioner_phone="13905721234",
                                     title="路灯损坏", content="路灯损坏")
    with time_machine.travel(dt.datetime(2025, 6, 18, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False):
        client.force_login(tree.township_handler)  # inside: the session has an idle timeout
        client.post(reverse("petitions:act", args=[petition.pk, "register_submission"]),
                    {"category": "suggestion", "subject": "construction"})
    petition.refresh_from_db()
    assert petition.status == Petition.Status.REGISTERED and petition.number == "东街信〔2025〕1号"
    (notify,) = deadlines.of(petition)
    assert notify.started_on == dt.date(2025, 6, 16) and notify.due_on == dt.date(2025, 7, 1)


def test_staff_may_discard_an_empty_submission_with_a_reason(tree, frozen, client):
    petition = actions.submit_online(org=tree.township, petitioner_name="测试", petitioner_phone="13905721234",
                                     title="测试", content="测试")
    client.force_login(tree.township_handler)
    client.post(reverse("petitions:act", args=[petition.pk, "discard"]), {"reason": "测试提交，无具体诉求"})
    petition.refresh_from_db()
    assert petition.status == Petition.Status.DISCARDED and petition.closing_note == "测试提交，无具体诉求"


def test_the_portal_tracks_progress_without_personal_data(tree, frozen, client):
    petition = actions.submit_online(org=tree.township, petitioner_name="林晓华", petitioner_phone="13905721234",
                                     title="路灯损坏", content="路灯损坏", petitioner_address="东一社区2幢")
    actions.register_submission(petition, by=tree.township_handler, category="claim", subject="construction")
    actions.accept(petition, by=tree.township_handler, on=frozen)
    page = client.get(reverse("portal:track"), {"code": petition.tracking_code.lower()}).content.decode()
    assert "办理中" in page and "告知受理" in page and "2025年6月16日" in page
    assert "林晓华" not in page and "13905721234" not in page and "东一社区2幢" not in page
