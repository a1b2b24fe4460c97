import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from yifa.core import deadlines
from yifa.core.models import AuditEntry
from yifa.core.workflow import InvalidTransition

from .. import actions
from ..models import DisputeCase
from .helpers import TODAY, audit_actions

pytestmark = pytest.mark.django_db


def test_accepting_starts_the_one_month_target(w):
    case = actions.accept(w.case(), by=w.mediator_user, on=TODAY)
    case.refresh_from_db()
    assert case.status == DisputeCase.Status.ACCEPTED and case.accepted_on == TODAY
    assert case.resolve_due_on == dt.date(2025, 4, 10)
    (deadline,) = deadlines.of(case)
    assert deadline.rule.code == "mediation.resolve" and deadline.due_on == dt.date(2025, 4, 10)
    assert deadline.basis == "《人民调解工作若干规定》第三十三条"
    entry = AuditEntry.objects.get(action="mediation.accept", target_id=str(case.pk))
    assert entry.changes["status"] == ["registered", "accepted"]
    assert entry.actor == w.mediator_user


def test_a_case_cannot_be_accepted_before_it_was_registered_or_in_the_future(w):
    case = w.case(registered_on=TODAY - dt.timedelta(days=3))
    with pytest.raises(ValidationError, match="不能早于登记日期"):
        actions.accept(case, by=w.mediator_user, on=TODAY - dt.timedelta(days=4))
    with pytest.raises(ValidationError, match="不能晚于今天"):
        actions.accept(case, by=w.mediator_user, on=TODAY + dt.timedelta(days=1))
    assert DisputeCase.objects.get(pk=case.pk).status == DisputeCase.Status.REGISTERED


def test_accepting_twice_is_refused(w):
    case = w.case("accepted")
    with pytest.raises(InvalidTransition, match="当前状态为“已受理待指派”，不能执行“受理”"):
        actions.accept(case, by=w.mediator_user)


def test_refusing_records_the_ground(w):
    case = actions.reject(w.case(), by=w.mediator_user, reason=DisputeCase.RejectReason.HANDLED_ELSEWHERE,
                          note="已向法院起诉。")
    case.refresh_from_db()
    assert case.status == DisputeCase.Status.REJECTED and case.rejected_on == TODAY
    assert case.get_reject_reason_display() == "已由人民法院、仲裁机构或行政机关受理或者解决"
    assert audit_actions(case)[-1] == "mediation.reject"
    assert deadlines.of(case) == []


def test_refusing_for_another_reason_needs_it_written(w):
    case = w.case()
    with pytest.raises(ValidationError, match="请写明不予受理的理由"):
        actions.reject(case, by=w.mediator_user, reason=DisputeCase.RejectReason.OTHER)
    with pytest.raises(ValidationError, match="请选择不予受理的原因"):
        actions.reject(case, by=w.mediator_user, reason="")
    assert DisputeCase.objects.get(pk=case.pk).status == DisputeCase.Status.REGISTERED


def test_a_township_head_accepts_a_village_case_but_the_sibling_cannot_see_it(client, w):
    from django.urls import reverse

    case = w.case(org=w.tree.village)
    client.force_login(w.tree.township_head)
    response = client.post(reverse("mediation:accept", args=[case.pk]), {"accept-on": "2025-03-10"})
    assert response.status_code == 302
    assert DisputeCase.objects.get(pk=case.pk).status == DisputeCase.Status.ACCEPTED
    client.force_login(w.tree.sibling_handler)
    assert client.get(reverse("mediation:case_detail", args=[case.pk])).status_code == 404
