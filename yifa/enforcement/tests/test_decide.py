"""作出决定: by the 负责人, only after 告知, 听证 and 法制审核 where the law requires them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from yifa.enforcement import actions
from yifa.enforcement.models import EnforcementCase as Case

from .helpers import TODAY, audit_actions, deadline, informed, investigated, reviewed

D = Decimal


def decide(w, case, **extra):
    fields = dict(decision_kind=Case.DecisionKind.PENALTY, decided_on=TODAY, penalty_content="罚款 150 元",
                  fine_amount=D("150"), discretion_level=case.power.levels.filter(circumstance="ordinary").first())
    fields.update(extra)
    return actions.decide(case, by=w.head, **fields)


def test_a_decision_numbers_the_document_and_moves_the_clocks(w):
    case = decide(w, informed(w))
    assert case.status == Case.Status.DECIDED
    assert case.decision_number == "东街综执罚决〔2026〕1号"
    assert case.decided_on == TODAY and case.decided_by == w.head
    assert deadline(case, "enforcement.case").status == "met"
    publicity = deadline(case, "enforcement.publicity")
    assert publicity.status == "open" and publicity.due_on == dt.date(2026, 3, 11)  # 7 working days
    assert deadline(case, "enforcement.service").status == "open"
    assert audit_actions(case)[-1] == "enforcement.decide"


def test_a_decision_before_the_required_legal_review_is_refused_naming_article_58(w):
    case = informed(w, power=w.review_power)
    with pytest.raises(ValidationError) as error:
        decide(w, case, discretion_level=None)
    message = error.value.messages[0]
    assert "缺少法制审核" in message and "第五十八条" in message and "请先提请法制审核" in message
    case.refresh_from_db()
    assert case.status == Case.Status.INFORMED and case.decision_number == ""


def test_after_the_review_the_decision_goes_through(w):
    case = reviewed(w, informed(w, power=w.review_power))
    assert decide(w, case, discretion_level=None).status == Case.Status.DECIDED


def test_the_refusal_reaches_the_page_with_the_article(w, client):
    case = informed(w, power=w.review_power)
    client.force_login(w.head)
    response = client.post(reverse("enforcement:case_action", args=[case.pk, "decide"]), {
        "decision_kind": "penalty", "decided_on": TODAY.isoformat(), "penalty_content": "罚款 150 元",
        "fine_amount": "150"}, follow=True)
    assert "第五十八条" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Case.Status.INFORMED


def test_no_decision_without_notice(w):
    case = investigated(w)
    reviewed(w, case)
    with pytest.raises(ValidationError, match="第四十四条"):
        decide(w, Case.objects.get(pk=case.pk))


def test_no_decision_while_the_hearing_window_is_open(w):
    case = informed(w, days_ago=1, hearing=True)
    with pytest.raises(ValidationError) as error:
        decide(w, case)
    assert "第六十四条" in error.value.messages[0]
    actions.record_statement(case, by=w.handler, statement="", waived=True)
    assert decide(w, Case.objects.get(pk=case.pk)).status == Case.Status.DECIDED


def test_a_requested_hearing_must_be_held_and_then_reviewed(w):
    case = informed(w, days_ago=40, hearing=True, fine=D("150"))
    actions.request_hearing(case, by=w.handler, requested_on=TODAY - dt.timedelta(days=39))
    with pytest.raises(ValidationError, match="第六十五条"):
        decide(w, Case.objects.get(pk=case.pk))
    actions.schedule_hearing(case, by=w.handler, notified_on=TODAY - dt.timedelta(days=38),
                             hearing_on=TODAY - dt.timedelta(days=25), place="会议室", chair="李主持")
    actions.record_hearing(case, by=w.handler, held_on=TODAY - dt.timedelta(days=25), summary="当事人申辩")
    case = Case.objects.get(pk=case.pk)
    with pytest.raises(ValidationError, match="第五十八条"):
        decide(w, case, collective_discussed_on=TODAY)
    case = reviewed(w, case)
    with pytest.raises(ValidationError, match="集体讨论"):
        decide(w, case)
    assert decide(w, case, collective_discussed_on=TODAY).status == Case.Status.DECIDED


def test_a_fine_outside_the_discretion_range_needs_a_written_reason(w):
    case = informed(w, fine=D("500"))
    with pytest.raises(ValidationError) as error:
        decide(w, case, fine_amount=D("500"))
    assert "超出所选裁量基准" in str(error.value) and "须书面说明理由" in str(error.value)
    case = decide(w, Case.objects.get(pk=case.pk), fine_amount=D("500"),
                  outside_range_reason="当事人拒不改正，社会影响较大。")
    assert case.outside_range_reason.startswith("当事人拒不改正")


def test_a_level_is_required_when_the_power_has_levels(w):
    case = informed(w)
    with pytest.raises(ValidationError, match="裁量基准情节"):
        decide(w, case, discretion_level=None)


def test_the_fine_may_not_exceed_what_was_proposed(w):
    case = informed(w, fine=D("100"))
    with pytest.raises(ValidationError, match="第四十五条"):
        decide(w, case, fine_amount=D("150"))


def test_a_handler_cannot_decide(w, client):
    case = informed(w)
    client.force_login(w.handler)
    response = client.post(reverse("enforcement:case_action", args=[case.pk, "decide"]), {})
    assert response.status_code == 403
    assert "负责人" in response.content.decode()
