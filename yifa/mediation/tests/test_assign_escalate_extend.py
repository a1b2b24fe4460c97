import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from yifa.core import deadlines
from yifa.core.models import AuditEntry
from yifa.core.workflow import InvalidTransition

from .. import actions
from ..models import DisputeCase, Escalation
from .helpers import TODAY, audit_actions

pytestmark = pytest.mark.django_db


def test_assigning_puts_the_committee_and_mediators_on_the_case(w):
    case = actions.assign(w.case("accepted"), by=w.mediator_user, committee=w.committee, lead=w.chair,
                          co_mediators=[w.member], on=TODAY)
    case.refresh_from_db()
    assert case.status == DisputeCase.Status.MEDIATING and case.assigned_on == TODAY
    assert case.mediators() == [w.chair, w.member]
    assert case.resolve_due_on == dt.date(2025, 4, 10)
    entry = AuditEntry.objects.get(action="mediation.assign", target_id=str(case.pk))
    assert entry.changes["lead_mediator"] == [None, "王调解"]


def test_only_the_units_own_committee_and_serving_mediators_can_be_assigned(w):
    case = w.case("accepted")
    with pytest.raises(ValidationError, match="只能指派本单位在用的调委会"):
        actions.assign(case, by=w.mediator_user, committee=w.village_committee, lead=w.village_chair)
    with pytest.raises(ValidationError, match="是法律顾问"):
        actions.assign(case, by=w.mediator_user, committee=w.committee, lead=w.adviser)
    actions.update_mediator(w.member, by=w.tree.township_head, is_active=False)
    with pytest.raises(ValidationError, match="不是东街道人民调解委员会的在任调解员"):
        actions.assign(case, by=w.mediator_user, committee=w.committee, lead=w.member)
    assert DisputeCase.objects.get(pk=case.pk).status == DisputeCase.Status.ACCEPTED


def test_escalating_a_village_case_moves_it_and_its_clock_to_the_township(w):
    case = w.case("mediating", org=w.tree.village)
    actions.extend(case, by=w.village_mediator_user, reason="双方同意继续调解。")
    due = DisputeCase.objects.get(pk=case.pk).resolve_due_on
    case = actions.escalate(DisputeCase.objects.get(pk=case.pk), by=w.village_mediator_user,
                            reason="涉及多户，村调委会难以化解。")
    case.refresh_from_db()
    assert case.org == w.tree.township and case.origin_org == w.tree.village
    assert case.status == DisputeCase.Status.ACCEPTED and case.lead_mediator is None
    assert case.resolve_due_on == due
    running = [d for d in deadlines.of(case) if d.status == "open"]
    assert len(running) == 1 and running[0].org == w.tree.township and running[0].due_on == due
    escalation = Escalation.objects.get(case=case)
    assert (escalation.from_org, escalation.to_org, escalation.reason) == (w.tree.village, w.tree.township,
                                                                           "涉及多户，村调委会难以化解。")
    assert "mediation.escalate" in audit_actions(case)
    actions.assign(case, by=w.mediator_user, committee=w.committee, lead=w.chair)


def test_a_township_case_goes_up_to_the_district_and_no_further(w):
    case = actions.escalate(w.case("accepted"), by=w.mediator_user, reason="标的较大。")
    case.refresh_from_db()
    assert case.org == w.tree.district
    with pytest.raises(InvalidTransition, match="已在区县一级承办"):
        actions.escalate(case, by=w.tree.admin, reason="再上报。")


def test_escalation_needs_a_reason(w):
    case = w.case("accepted")
    with pytest.raises(ValidationError, match="请写明上报理由"):
        actions.escalate(case, by=w.mediator_user, reason=" ")
    assert not Escalation.objects.exists()


def test_extending_adds_a_month_once_with_the_reason(w):
    case = actions.extend(w.case("mediating"), by=w.mediator_user, reason="双方当事人同意继续调解。")
    case.refresh_from_db()
    assert case.resolve_due_on == dt.date(2025, 5, 12)  # 5月10日 is a Saturday: the period ends on Monday
    assert case.extension_reason == "双方当事人同意继续调解。"
    entry = AuditEntry.objects.get(action="mediation.extend", target_id=str(case.pk))
    assert entry.changes["resolve_due_on"] == ["2025-04-10", "2025-05-12"]
    with pytest.raises(ValidationError, match="至多延长1次"):
        actions.extend(case, by=w.mediator_user, reason="再延一次。")
    with pytest.raises(ValidationError, match="请写明延长调解期限的理由"):
        actions.extend(case, by=w.mediator_user, reason="")
