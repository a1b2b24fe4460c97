"""简易程序 (第五十一、五十二条): at most 200 元 for a citizen, 3000 元 for an organisation; filed with the agency."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from yifa.enforcement import actions
from yifa.enforcement.models import EnforcementCase as Case

from .helpers import TODAY, audit_actions, id_number, uscc


def on_the_spot(w, **extra):
    fields = dict(power=w.power, cause="李四占道摆摊案", party_kind=Case.PartyKind.PERSON, party_name="李四",
                  party_id_number=id_number(), officers=[w.officer, w.partner], decided_on=TODAY,
                  penalty_content="罚款 100 元", fine_amount=Decimal("100"), facts="占道摆摊，当场改正。",
                  discretion_level=w.power.levels.get(circumstance="ordinary"))
    fields.update(extra)
    return actions.decide_on_the_spot(by=w.handler, org=w.org, **fields)


def test_an_on_the_spot_penalty_is_served_and_filed_at_once(w):
    case = on_the_spot(w)
    assert case.procedure == Case.Procedure.SIMPLE and case.status == Case.Status.SERVED
    assert case.decision_number == "东街综执简〔2026〕1号" and case.filed_with_agency_on == TODAY
    assert case.service_method == Case.Service.ON_THE_SPOT
    assert audit_actions(case) == ["enforcement.decide_on_the_spot"]


def test_more_than_200_yuan_for_a_citizen_is_refused_naming_article_51(w):
    with pytest.raises(ValidationError) as error:
        on_the_spot(w, fine_amount=Decimal("201"), outside_range_reason="情节严重")
    assert "第五十一条" in str(error.value) and "200 元" in str(error.value)


def test_an_organisation_may_be_fined_up_to_3000_yuan(w):
    level = w.power.levels.get(circumstance="serious")
    case = on_the_spot(w, party_kind=Case.PartyKind.ENTITY, party_name="某公司", party_id_number=uscc(),
                       fine_amount=Decimal("1000"), discretion_level=level)
    assert case.fine_amount == Decimal("1000")
    with pytest.raises(ValidationError, match="3,000 元"):
        on_the_spot(w, party_kind=Case.PartyKind.ENTITY, party_name="某公司", party_id_number=uscc(),
                    fine_amount=Decimal("3001"), discretion_level=level, outside_range_reason="理由")


def test_two_certified_officers_even_on_the_spot(w):
    with pytest.raises(ValidationError, match="吴过期"):
        on_the_spot(w, officers=[w.officer, w.expired])


def test_the_form_page_creates_the_case(w, client):
    client.force_login(w.handler)
    response = client.post(reverse("enforcement:case_simple_new"), {
        "power": w.power.pk, "cause": "王五占道案", "party_kind": "person", "party_name": "王五",
        "party_id_number": id_number("33050219700101123"), "facts": "占道", "decided_on": TODAY.isoformat(),
        "penalty_content": "警告", "officers": [w.officer.pk, w.partner.pk],
        "discretion_level": w.power.levels.get(circumstance="minor").pk,
    })
    assert response.status_code == 302
    assert Case.objects.get(cause="王五占道案").penalty_content == "警告"
