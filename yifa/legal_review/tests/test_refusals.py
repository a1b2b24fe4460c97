"""Every POST-only page of the module: GET refused (405), another unit 404, wrong role 403."""

import pytest
from django.urls import reverse

from yifa.core.models import Role
from yifa.core.testing import make_user
from yifa.legal_review import actions

from .conftest import post

REVIEW_URLS = ["request_assign", "request_return", "request_resubmit", "request_issue", "request_adoption",
               "request_withdraw"]
ADVISER_URLS = ["adviser_end", "service_log"]


@pytest.mark.parametrize("name", REVIEW_URLS)
def test_review_steps_refuse_get_and_other_units(client, tree, review, name):
    url = reverse(f"legal_review:{name}", args=[review.pk])
    client.force_login(tree.township_handler)
    assert client.get(url).status_code == 405
    assert post(client, tree.sibling_handler, url).status_code == 404
    assert post(client, tree.other_handler, url).status_code == 404


@pytest.mark.parametrize("name", REVIEW_URLS)
def test_review_steps_refuse_an_overseer(client, tree, review, name):
    """The district's 督察 sees the request but takes no part in it."""
    assert post(client, tree.district_overseer, reverse(f"legal_review:{name}", args=[review.pk])).status_code == 403


@pytest.mark.parametrize("name", ADVISER_URLS)
def test_adviser_steps_refuse_get_other_units_and_overseers(client, tree, today, name):
    adviser = actions.add_adviser(org=tree.village, by=tree.township_handler, name="沈芳", firm="律所", serves_from=today)
    url = reverse(f"legal_review:{name}", args=[adviser.pk])
    client.force_login(tree.township_handler)
    assert client.get(url).status_code == 405
    assert post(client, tree.sibling_handler, url).status_code == 404
    assert post(client, tree.district_overseer, url).status_code == 403


def test_an_overseer_cannot_register_advisers(client, tree):
    client.force_login(tree.district_overseer)
    assert client.get(reverse("legal_review:adviser_create")).status_code == 403


def test_no_service_is_logged_for_an_adviser_who_left(client, tree, today):
    adviser = actions.add_adviser(org=tree.village, by=tree.township_handler, name="沈芳", firm="律所", serves_from=today)
    actions.end_service(adviser, by=tree.township_handler, on=today, reason="解聘")
    response = post(client, tree.township_handler, reverse("legal_review:service_log", args=[adviser.pk]),
                    {"served_on": "2025-03-03", "kind": "dispute", "count": 1, "description": "调处"})
    assert response.status_code == 409 and "已不在聘" in response.content.decode()


def test_an_adviser_with_an_account_logs_his_own_service(client, tree, today):
    lawyer = make_user("lawyer", tree.village, Role.MEDIATOR)
    adviser = actions.add_adviser(org=tree.village, by=tree.township_handler, name="沈芳", firm="律所", serves_from=today,
                                  user=lawyer)
    response = post(client, lawyer, reverse("legal_review:service_log", args=[adviser.pk]),
                    {"served_on": "2025-03-03", "kind": "consultation", "count": 5, "description": "坐班咨询"})
    assert response.status_code == 302 and adviser.services.get().count == 5
