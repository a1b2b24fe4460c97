"""立案: two certified officers, the acting user among them, the 90日 clock started (第六十条)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from yifa.enforcement.models import EnforcementCase as Case

from .helpers import TODAY, audit_actions, deadline, file, id_number


def test_filing_numbers_the_case_and_starts_the_ninety_day_clock(w):
    case = file(w, days_ago=0)
    assert case.status == Case.Status.INVESTIGATING
    assert case.number == "东街综执立〔2026〕1号"
    assert case.filed_on == TODAY
    clock = deadline(case, "enforcement.case")
    assert clock.status == "open"
    # 90 calendar days end on Sunday 2026-05-31, which rolls to Monday (民法典 第二百零三条).
    assert clock.due_on == dt.date(2026, 6, 1)
    assert "第六十条" in clock.basis
    assert audit_actions(case) == ["enforcement.file_case"]


def test_filing_through_the_form_redirects_to_the_case(w, client):
    client.force_login(w.handler)
    response = client.post(reverse("enforcement:case_new"), {
        "power": w.power.pk, "cause": "李四占道经营案", "source": "patrol", "party_kind": "person",
        "party_name": "李四", "party_id_number": id_number("33050219900101123"), "filed_on": TODAY.isoformat(),
        "officers": [w.officer.pk, w.partner.pk],
    })
    case = Case.objects.get(cause="李四占道经营案")
    assert response.status_code == 302 and response.url == reverse("enforcement:case_detail", args=[case.pk])


def test_one_officer_is_refused_naming_article_42(w):
    with pytest.raises(ValidationError) as error:
        file(w, officers=[w.officer])
    assert "不得少于两人" in error.value.messages[0] and "第四十二条" in error.value.messages[0]


def test_an_expired_certificate_is_refused(w):
    with pytest.raises(ValidationError) as error:
        file(w, officers=[w.officer, w.expired])
    message = error.value.messages[0]
    assert "吴过期" in message and "已于2026年1月31日过期" in message and "第四十二条" in message
    assert not Case.objects.exists()


def test_the_acting_user_must_be_one_of_the_officers(w):
    with pytest.raises(ValidationError, match="不是本案"):
        file(w, officers=[w.partner, w.colleague_officer])


def test_a_wrong_id_number_is_refused_with_nothing_saved(w):
    with pytest.raises(ValidationError) as error:
        file(w, party_id_number="330502198001011230")
    assert "校验位" in str(error.value)
    assert not Case.objects.exists()


def test_a_power_of_another_unit_is_refused(w):
    with pytest.raises(ValidationError, match="不在本单位的权责清单"):
        file(w, power=w.sibling_power)


def test_a_handler_without_an_officer_record_gets_403(w, client, tree):
    from yifa.core.testing import make_user

    clerk = make_user("clerk", tree.township)
    client.force_login(clerk)
    assert client.get(reverse("enforcement:case_new")).status_code == 403


def test_a_reviewer_cannot_file(w, client):
    client.force_login(w.reviewer_user)
    assert client.post(reverse("enforcement:case_new"), {}).status_code == 403
