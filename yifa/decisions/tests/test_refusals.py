"""Every POST-only page of a decision: GET refused (405), another unit 404, wrong role 403."""

import pytest
from django.urls import reverse

from .conftest import K, post

WORKER_URLS = ["decision_start", "comment_open", "adoption_publish", "hearing_record", "expert_add", "expert_done",
               "risk_record", "legality_request", "meeting_record", "decision_publish", "implementation_add",
               "evaluation_add", "decision_archive"]
HEAD_URLS = ["decision_withdraw"]
STEP_URLS = ["step_waive", "step_reinstate"]


@pytest.mark.parametrize("name", WORKER_URLS + HEAD_URLS)
def test_decision_steps_refuse_get_other_units_and_reviewers(client, tree, decision, name):
    url = reverse(f"decisions:{name}", args=[decision.pk])
    client.force_login(tree.township_handler)
    assert client.get(url).status_code == 405
    assert post(client, tree.sibling_handler, url).status_code == 404
    assert post(client, tree.other_handler, url).status_code == 404
    assert post(client, tree.reviewer, url).status_code == 403
    assert post(client, tree.district_overseer, url).status_code == 403


@pytest.mark.parametrize("name", HEAD_URLS + STEP_URLS)
def test_legal_judgements_are_the_heads(client, tree, decision, name):
    args = [decision.pk, K.EXPERT] if name in STEP_URLS else [decision.pk]
    url = reverse(f"decisions:{name}", args=args)
    client.force_login(tree.township_head)
    assert client.get(url).status_code == 405
    assert post(client, tree.township_handler, url).status_code == 403
    assert post(client, tree.sibling_handler, url).status_code == 404


@pytest.mark.parametrize("name", ["catalogue_add", "catalogue_approve", "catalogue_publish", "catalogue_adjust"])
def test_catalogue_steps_refuse_get_and_other_units(client, tree, catalogue, name):
    url = reverse(f"decisions:{name}", args=[catalogue.pk])
    client.force_login(tree.township_head)
    assert client.get(url).status_code == 405
    assert post(client, tree.sibling_handler, url).status_code == 404
    assert post(client, tree.reviewer, url).status_code == 403


def test_an_unknown_step_is_404(client, tree, decision):
    client.force_login(tree.township_handler)
    assert client.get(reverse("decisions:decision_step", args=[decision.pk, "lottery"])).status_code == 404


def test_every_staff_page_of_a_decision_renders(client, tree, decision):
    client.force_login(tree.township_handler)
    for url in [reverse("decisions:decision_detail", args=[decision.pk]), reverse("decisions:decision_draft", args=[decision.pk]),
                reverse("decisions:follow_up", args=[decision.pk]), reverse("decisions:catalogue_list"),
                reverse("decisions:decision_list"), reverse("decisions:catalogue_detail", args=[decision.catalogue_id])] + [
                reverse("decisions:decision_step", args=[decision.pk, kind]) for kind in K.values]:
        assert client.get(url).status_code == 200, url


def test_the_wrong_state_is_refused_with_its_name(client, tree, decision):
    response = post(client, tree.township_handler, reverse("decisions:decision_publish", args=[decision.pk]),
                    {"party_reported_on": "2025-03-03", "published_on": "2025-03-03", "channel": "网站",
                     "interpretation": "解读"})
    assert response.status_code == 409 and "当前状态为“程序办理中”，不能执行“公布决策”" in response.content.decode()
    response = post(client, tree.township_handler, reverse("decisions:decision_archive", args=[decision.pk]))
    assert response.status_code == 409
    response = post(client, tree.township_head, reverse("decisions:catalogue_adjust", args=[decision.catalogue_id]),
                    {"reason": "调整"})
    assert response.status_code == 409
