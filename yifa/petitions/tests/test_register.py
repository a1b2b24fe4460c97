"""登记信访事项: numbered, the 15-day 告知 clock starts from the day of receipt, everything audited."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from yifa.core import deadlines
from yifa.core.models import AuditEntry
from yifa.petitions.models import Petition

from .conftest import make_petition


def test_registering_numbers_the_matter_and_starts_the_notice_clock(tree, frozen):
    petition = make_petition(tree.township, tree.township_handler, received_on=dt.date(2025, 6, 3))
    assert petition.status == Petition.Status.REGISTERED
    assert petition.number == "东街信〔2025〕1号"
    (clock,) = deadlines.of(petition)
    assert clock.rule.code == "petitions.notify"
    assert clock.due_on == dt.date(2025, 6, 18)  # 15 days after 6月3日, the start day not counted
    assert petition.due_on == clock.due_on and petition.due_rule == "petitions.notify"
    assert AuditEntry.objects.filter(action="petitions.register", target_id=str(petition.pk)).exists()


def test_a_referred_matter_also_gets_the_five_workday_objection_window(tree, frozen):
    petition = make_petition(tree.township, tree.township_handler, received_on=dt.date(2025, 6, 13),
                             channel=Petition.Channel.REFERRED, referred_by="甲区信访局")
    rules = {d.rule.code: d.due_on for d in deadlines.of(petition)}
    assert rules["petitions.objection"] == dt.date(2025, 6, 20)  # Mon 16 … Fri 20: five working days
    assert rules["petitions.notify"] == dt.date(2025, 6, 30)  # 6月28日 is a Saturday: rolls to Monday


def test_no_notice_clock_when_name_and_address_are_unclear(tree, frozen):
    petition = make_petition(tree.township, tree.township_handler, received_on=dt.date(2025, 6, 10),
                             petitioner_name="匿名", petitioner_id_number="", contact_unclear=True)
    assert deadlines.of(petition) == []
    assert petition.due_on is None


def test_a_wrong_id_number_is_refused_and_nothing_saved(tree, frozen):
    with pytest.raises(ValidationError) as error:
        make_petition(tree.township, tree.township_handler, received_on=dt.date(2025, 6, 10),
                      petitioner_id_number="330502196805123417")
    assert "校验位" in str(error.value)
    assert not Petition.objects.exists()


def test_a_receipt_date_in_the_future_is_refused(tree, frozen):
    with pytest.raises(ValidationError):
        make_petition(tree.township, tree.township_handler, received_on=dt.date(2025, 6, 17))


def test_the_form_registers_in_the_users_unit(tree, frozen, client):
    client.force_login(tree.township_handler)
    response = client.post(reverse("petitions:create"), {
        "channel": "letter", "received_on": "2025-06-12", "petitioner_name": "陈美芳",
        "petitioner_phone": "13857209876", "headcount": 1, "title": "宅基地审批进度",
        "content": "去年提出建房申请，至今未获答复。", "category": "claim", "subject": "agriculture"})
    petition = Petition.objects.get()
    assert response.status_code == 302 and response.url == reverse("petitions:detail", args=[petition.pk])
    assert petition.org == tree.township and petition.created_by == tree.township_handler


def test_the_form_shows_chinese_errors_and_saves_nothing(tree, frozen, client):
    client.force_login(tree.township_handler)
    response = client.post(reverse("petitions:create"), {
        "channel": "referred", "received_on": "2025-06-12", "petitioner_name": "陈美芳", "headcount": 1,
        "title": "事项", "content": "内容", "category": "claim", "subject": "other",
        "petitioner_id_number": "12345"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "身份证号应为 18 位" in page and "须填写转送交办机关" in page
    assert not Petition.objects.exists()


def test_an_overseer_cannot_register(tree, frozen, client):
    client.force_login(tree.district_overseer)
    assert client.get(reverse("petitions:create")).status_code == 403


def test_a_sibling_townships_matter_answers_404(tree, sibling_petition, client):
    client.force_login(tree.township_handler)
    assert client.get(reverse("petitions:detail", args=[sibling_petition.pk])).status_code == 404


def test_the_list_shows_only_the_users_units(tree, registered, sibling_petition, client):
    client.force_login(tree.township_handler)
    page = client.get(reverse("petitions:list")).content.decode()
    assert registered.number in page and sibling_petition.number not in page
    client.force_login(tree.district_overseer)
    page = client.get(reverse("petitions:list")).content.decode()
    assert registered.number in page and sibling_petition.number in page


def test_the_list_masks_the_petitioner_for_an_overseer(tree, registered, client):
    client.force_login(tree.district_overseer)
    page = client.get(reverse("petitions:detail", args=[registered.pk])).content.decode()
    assert "沈*强" in page and "13957201234" not in page and "330502196805123416" not in page
    client.force_login(tree.township_handler)
    page = client.get(reverse("petitions:detail", args=[registered.pk])).content.decode()
    assert "13957201234" in page
