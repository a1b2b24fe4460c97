import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from yifa.core.models import AuditEntry

from .. import actions
from ..models import Channel, DisputeCase, Party
from .helpers import TODAY, audit_actions, party

pytestmark = pytest.mark.django_db


def test_registering_numbers_the_case_and_records_its_parties(w):
    case = w.case()
    assert case.status == DisputeCase.Status.REGISTERED
    assert case.number == "东街调〔2025〕1号"
    assert case.registered_on == TODAY
    assert [p.name for p in case.parties.all()] == ["张三", "李四"]
    entry = AuditEntry.objects.get(action="mediation.register", target_id=str(case.pk))
    assert entry.actor == w.mediator_user
    assert entry.changes["parties"] == [None, ["张三", "李四"]]
    assert w.case().number == "东街调〔2025〕2号"


def test_it_refuses_a_dispute_without_parties_and_saves_nothing(w):
    with pytest.raises(ValidationError) as error:
        w.case(parties=[])
    assert "请至少登记一名当事人" in str(error.value)
    assert not DisputeCase.objects.exists()
    assert not AuditEntry.objects.filter(action="mediation.register").exists()


def test_it_refuses_an_invalid_id_number_in_chinese_and_saves_nothing(w):
    bad = party("张三", id_number="330502198001011230")  # last character is not the check digit
    with pytest.raises(ValidationError) as error:
        w.case(parties=[bad])
    assert "第1位当事人“身份证号或统一社会信用代码”：身份证号校验位不正确，请核对。" in error.value.messages
    assert not DisputeCase.objects.exists() and not Party.objects.exists()


def test_it_refuses_an_impossible_birth_date_in_an_id_number(w):
    with pytest.raises(ValidationError) as error:
        w.case(parties=[party("张三", id_number="330502198002301234")])
    assert "身份证号中的出生日期无效。" in str(error.value)


def test_an_organisation_is_checked_against_its_credit_code(w):
    good = party("测试物业公司", kind=Party.Kind.ORGANISATION, id_number="91330502MA2B3C4D5E", legal_rep="王经理")
    with pytest.raises(ValidationError) as error:
        w.case(parties=[good])
    assert "统一社会信用代码校验位不正确" in str(error.value)
    from .helpers import uscc
    case = w.case(parties=[{**good, "id_number": uscc()}])
    assert case.parties.get().id_number == uscc()


def test_a_bad_phone_number_is_refused(w):
    with pytest.raises(ValidationError) as error:
        w.case(parties=[party("张三", phone="12345")])
    assert "电话号码应为 11 位手机号" in str(error.value)


def test_a_referral_names_who_referred_it(w):
    with pytest.raises(ValidationError) as error:
        w.case(channel=Channel.POLICE)
    assert "请填写移送单位" in str(error.value)
    case = w.case(channel=Channel.POLICE, referral_from="东街派出所", referral_ref="东公调〔2025〕3号")
    assert case.get_channel_display() == "警调对接（派出所移送）"


def test_the_registration_page_registers_in_the_acting_unit(client, w):
    client.force_login(w.mediator_user)
    assert client.get(reverse("mediation:case_create")).status_code == 200
    data = {
        "title": "王五与赵六劳务报酬纠纷", "dispute_type": "labour", "channel": "walk_in", "registered_on": "2025-03-10",
        "description": "王五在赵六处打工，工资未结清。", "people_involved": "2",
        "party-TOTAL_FORMS": "2", "party-INITIAL_FORMS": "0", "party-MIN_NUM_FORMS": "0", "party-MAX_NUM_FORMS": "1000",
        "party-0-side": "applicant", "party-0-kind": "person", "party-0-name": "王五",
        "party-0-id_number": "", "party-0-phone": "13900001111", "party-0-address": "",
        "party-1-side": "respondent", "party-1-kind": "person", "party-1-name": "",
    }
    response = client.post(reverse("mediation:case_create"), data)
    case = DisputeCase.objects.get()
    assert response.status_code == 302 and response.url == reverse("mediation:case_detail", args=[case.pk])
    assert case.org == w.tree.township and [p.name for p in case.parties.all()] == ["王五"]
    assert audit_actions(case) == ["mediation.register"]


def test_the_registration_page_shows_id_errors_next_to_the_party(client, w):
    client.force_login(w.mediator_user)
    data = {
        "title": "王五与赵六劳务报酬纠纷", "dispute_type": "labour", "channel": "walk_in", "registered_on": "2025-03-10",
        "description": "工资未结清。", "people_involved": "2",
        "party-TOTAL_FORMS": "2", "party-INITIAL_FORMS": "0", "party-MIN_NUM_FORMS": "0", "party-MAX_NUM_FORMS": "1000",
        "party-0-side": "applicant", "party-0-kind": "person", "party-0-name": "王五", "party-0-id_number": "33050219800101",
        "party-1-side": "respondent", "party-1-kind": "person", "party-1-name": "",
    }
    response = client.post(reverse("mediation:case_create"), data)
    assert response.status_code == 200
    assert "身份证号应为 18 位" in response.content.decode()
    assert not DisputeCase.objects.exists()


def test_the_registration_page_refuses_a_dispute_without_any_party(client, w):
    client.force_login(w.mediator_user)
    data = {"title": "无名纠纷", "dispute_type": "other", "channel": "walk_in", "registered_on": "2025-03-10",
            "description": "情况。", "people_involved": "2", "party-TOTAL_FORMS": "2", "party-INITIAL_FORMS": "0",
            "party-MIN_NUM_FORMS": "0", "party-MAX_NUM_FORMS": "1000", "party-0-side": "applicant",
            "party-0-kind": "person", "party-1-side": "respondent", "party-1-kind": "person"}
    response = client.post(reverse("mediation:case_create"), data)
    assert "请至少登记一名当事人" in response.content.decode()
    assert not DisputeCase.objects.exists()


def test_an_overseer_cannot_register_disputes(client, w):
    client.force_login(w.tree.district_overseer)
    assert client.get(reverse("mediation:case_create")).status_code == 403


def test_a_party_can_be_added_and_corrected_while_the_case_is_open(w):
    case = w.case()
    added = actions.add_party(case, by=w.mediator_user, **party("王五", Party.Side.THIRD))
    actions.update_party(added, by=w.mediator_user, phone="13900002222")
    assert case.parties.count() == 3 and Party.objects.get(pk=added.pk).phone == "13900002222"
    assert audit_actions(case)[-2:] == ["mediation.add_party", "mediation.update_party"]
    with pytest.raises(ValidationError):
        actions.update_party(added, by=w.mediator_user, id_number="123")
