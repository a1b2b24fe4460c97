"""Every step on a case: GET is refused, a reader without a working role gets 403, another unit's user 404."""

import pytest
from django.urls import reverse

from ..models import DisputeCase
from .helpers import audit_actions

pytestmark = pytest.mark.django_db

DAY = "2025-03-10"


def step_data(w, case):
    return {
        "accept": ("registered", {"accept-on": DAY}),
        "reject": ("registered", {"reject-reason": "party_refuses"}),
        "assign": ("accepted", {"assign-committee": w.committee.pk, "assign-lead": w.chair.pk, "assign-on": DAY}),
        "escalate": ("accepted", {"escalate-reason": "标的较大，报上级调处。"}),
        "extend": ("accepted", {"extend-reason": "双方当事人同意继续调解。"}),
        "session_add": ("mediating", {"session-held_on": DAY, "session-place": "调解室", "session-summary": "释法说理。"}),
        "oral": ("mediating", {"oral-terms": "李四三日内清除建材。", "oral-performance_method": "自行清理。",
                               "oral-agreed_on": DAY}),
        "failure": ("mediating", {"failure-routes": "litigation", "failure-note": "分歧较大。", "failure-on": DAY}),
        "sign": ("drafted", {"sign-parties": [p.pk for p in case.parties.all()] if case else [],
                             "sign-mediator_signed": "on", "sign-sealed": "on", "sign-signing_mediator": w.chair.pk,
                             "sign-effective_on": DAY, "sign-wants_confirmation": "undecided"}),
        "confirmation": ("agreed", {"confirmation-declined": "applied", "confirmation-applied_on": DAY,
                                    "confirmation-court": "甲区人民法院"}),
        "follow_up": ("agreed", {"follow_up-visited_on": DAY, "follow_up-method": "phone", "follow_up-visitor": "王调解",
                                 "follow_up-performance": "done", "follow_up-satisfaction": "satisfied",
                                 "follow_up-result": "已履行。"}),
        "close": ("followed_up", {"close-on": DAY}),
    }


STEPS = ["accept", "reject", "assign", "escalate", "extend", "session_add", "oral", "failure", "sign", "confirmation",
         "follow_up", "close"]


def setup(w, step):
    state, _ = step_data(w, None)[step]
    case = w.case(state)
    return case, step_data(w, case)[step][1]


@pytest.mark.parametrize("step", STEPS)
def test_a_step_is_refused_over_get(client, w, step):
    case, _ = setup(w, step)
    client.force_login(w.mediator_user)
    assert client.get(reverse(f"mediation:{step}", args=[case.pk])).status_code == 405


@pytest.mark.parametrize("step", STEPS)
def test_a_reader_without_a_working_role_gets_403(client, w, step):
    case, data = setup(w, step)
    before = (DisputeCase.objects.get(pk=case.pk).status, audit_actions(case))
    for reader in (w.tree.reviewer, w.tree.district_overseer):
        client.force_login(reader)
        assert client.post(reverse(f"mediation:{step}", args=[case.pk]), data).status_code == 403
    assert (DisputeCase.objects.get(pk=case.pk).status, audit_actions(case)) == before


@pytest.mark.parametrize("step", STEPS)
def test_another_units_user_gets_404(client, w, step):
    case, data = setup(w, step)
    before = (DisputeCase.objects.get(pk=case.pk).status, audit_actions(case))
    for outsider in (w.tree.sibling_handler, w.tree.other_handler, w.village_mediator_user):
        client.force_login(outsider)
        assert client.post(reverse(f"mediation:{step}", args=[case.pk]), data).status_code == 404
    assert (DisputeCase.objects.get(pk=case.pk).status, audit_actions(case)) == before


@pytest.mark.parametrize("step", STEPS)
def test_the_step_works_for_the_units_mediator(client, w, step):
    case, data = setup(w, step)
    client.force_login(w.mediator_user)
    response = client.post(reverse(f"mediation:{step}", args=[case.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response.url.startswith(reverse("mediation:case_detail", args=[case.pk]))


WRONG_STATE = {
    "accept": "accepted", "reject": "mediating", "assign": "registered", "escalate": "registered",
    "extend": "agreed", "session_add": "accepted", "oral": "agreed", "failure": "accepted", "sign": "mediating",
    "confirmation": "failed", "follow_up": "mediating", "close": "agreed",
}


@pytest.mark.parametrize("step", STEPS)
def test_a_step_in_the_wrong_state_is_refused_and_changes_nothing(client, w, step):
    case = w.case(WRONG_STATE[step])
    data = step_data(w, case)[step][1]
    before = (DisputeCase.objects.get(pk=case.pk).status, audit_actions(case))
    client.force_login(w.mediator_user)
    response = client.post(reverse(f"mediation:{step}", args=[case.pk]), data, follow=True)
    assert response.status_code == 200
    errors = [str(m) for m in response.context["messages"] if m.level_tag == "error"]
    assert len(errors) == 1 and any(word in errors[0] for word in ("不能", "请先", "须", "只有")), errors
    assert (DisputeCase.objects.get(pk=case.pk).status, audit_actions(case)) == before
