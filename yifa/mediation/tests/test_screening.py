import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from yifa.core.models import AuditEntry
from yifa.core.workflow import InvalidTransition

from .. import actions
from ..models import Channel, DisputeCase, EarlyWarning, Finding, ScreeningRound
from .helpers import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def done_round(w):
    screening = actions.plan_round(by=w.village_mediator_user, org=w.tree.village, grid="东一社区第2网格",
                                   topic="月度矛盾纠纷排查", planned_on=TODAY)
    return actions.complete_round(screening, by=w.village_mediator_user, held_on=TODAY, households=86,
                                  notes="逐户走访。", screeners="网格员甲、乙")


def test_a_round_is_planned_then_carried_out(w, done_round):
    assert done_round.status == ScreeningRound.Status.DONE and done_round.held_on == TODAY
    assert done_round.households == 86
    assert AuditEntry.objects.filter(action="mediation.complete_round", target_id=str(done_round.pk)).exists()
    with pytest.raises(InvalidTransition, match="不能执行“完成排查”"):
        actions.complete_round(done_round, by=w.village_mediator_user, held_on=TODAY, notes="再次。")


def test_a_finding_becomes_a_case_in_one_click(client, w, done_round):
    finding = actions.add_finding(done_round, by=w.village_mediator_user, description="两户因排水沟堵塞争吵。",
                                  dispute_type="neighbour", party_names="周一、吴二", location="东一社区幸福路",
                                  risk=Finding.Risk.HIGH)
    client.force_login(w.village_mediator_user)
    url = reverse("mediation:finding_register", args=[finding.pk])
    assert client.get(url).status_code == 405
    response = client.post(url)
    case = DisputeCase.objects.get()
    assert response.status_code == 302 and response.url == reverse("mediation:case_detail", args=[case.pk])
    assert case.channel == Channel.GRID and case.org == w.tree.village and case.title == "周一、吴二邻里纠纷"
    assert [p.name for p in case.parties.all()] == ["周一", "吴二"]
    finding.refresh_from_db()
    assert finding.case == case and finding.disposition == Finding.Disposition.REGISTERED
    assert EarlyWarning.objects.filter(case=case, kind=EarlyWarning.Kind.HIGH_RISK_FINDING).exists()
    assert client.post(url, follow=True).status_code == 200
    assert DisputeCase.objects.count() == 1


def test_a_finding_without_names_cannot_become_a_case(w, done_round):
    finding = actions.add_finding(done_round, by=w.village_mediator_user, description="有矛盾苗头。",
                                  dispute_type="other")
    with pytest.raises(ValidationError, match="请先在排查发现中填写涉及的当事人"):
        actions.register_from_finding(finding, by=w.village_mediator_user)
    assert not DisputeCase.objects.exists()


def test_a_finding_settled_on_the_spot_is_recorded(w, done_round):
    finding = actions.add_finding(done_round, by=w.village_mediator_user, description="口角。", dispute_type="neighbour",
                                  party_names="甲、乙")
    actions.resolve_finding(finding, by=w.village_mediator_user, note="网格员当场劝解。")
    assert Finding.objects.get(pk=finding.pk).disposition == Finding.Disposition.RESOLVED
    with pytest.raises(InvalidTransition):
        actions.register_from_finding(Finding.objects.get(pk=finding.pk), by=w.village_mediator_user)


def test_screening_pages_follow_scope_and_role(client, w, done_round):
    finding = actions.add_finding(done_round, by=w.village_mediator_user, description="口角。", dispute_type="neighbour",
                                  party_names="甲、乙")
    client.force_login(w.tree.sibling_handler)
    assert client.get(reverse("mediation:round_detail", args=[done_round.pk])).status_code == 404
    assert client.post(reverse("mediation:finding_register", args=[finding.pk])).status_code == 404
    client.force_login(w.tree.reviewer)
    assert client.post(reverse("mediation:finding_register", args=[finding.pk])).status_code == 403
    client.force_login(w.tree.township_head)
    page = client.get(reverse("mediation:round_detail", args=[done_round.pk])).content.decode()
    assert "一键转为纠纷案件" in page and "东一社区第2网格" in page


def test_planning_and_completing_through_the_pages(client, w):
    client.force_login(w.mediator_user)
    response = client.post(reverse("mediation:round_create"), {
        "org": w.tree.village.pk, "grid": "第1网格", "topic": "春节前集中排查", "planned_on": "2025-03-10"})
    screening = ScreeningRound.objects.get()
    assert response.status_code == 302
    response = client.post(reverse("mediation:round_complete", args=[screening.pk]), {
        "complete-held_on": "2025-03-10", "complete-households": "40", "complete-notes": "走访40户。"})
    assert response.status_code == 302 and ScreeningRound.objects.get().status == "done"
    response = client.post(reverse("mediation:finding_add", args=[screening.pk]), {
        "finding-description": "物业费纠纷。", "finding-dispute_type": "property_mgmt", "finding-risk": "low",
        "finding-party_names": "业主甲"})
    assert response.status_code == 302 and Finding.objects.count() == 1
