import datetime as dt

import time_machine
from django.urls import reverse

from yifa.core.models import AuditEntry
from yifa.legal_review import actions
from yifa.legal_review.models import ReviewRequest

from .conftest import SHANGHAI, post


def test_the_reviewer_returns_incomplete_materials(client, tree, reviewing):
    response = post(client, tree.reviewer, reverse("legal_review:request_return", args=[reviewing.pk]),
                    {"reason": "缺少比选文件"})
    assert response.status_code == 302
    reviewing.refresh_from_db()
    assert reviewing.status == ReviewRequest.Status.RETURNED and reviewing.return_reason == "缺少比选文件"
    assert AuditEntry.objects.filter(action="legal_review.return_for_materials").exists()


def test_return_get_is_refused_and_roles_and_units_are_checked(client, tree, reviewing):
    url = reverse("legal_review:request_return", args=[reviewing.pk])
    client.force_login(tree.reviewer)
    assert client.get(url).status_code == 405
    assert post(client, tree.township_handler, url, {"reason": "x"}).status_code == 403
    assert post(client, tree.other_handler, url, {"reason": "x"}).status_code == 404


def test_return_from_the_wrong_state_is_refused(client, tree, review):
    response = post(client, tree.reviewer, reverse("legal_review:request_return", args=[review.pk]), {"reason": "x"})
    assert response.status_code == 409


def test_resubmission_restarts_the_review_time(client, tree, decision_review):
    actions.return_for_materials(decision_review, by=tree.reviewer, reason="缺少法律依据")
    with time_machine.travel(dt.datetime(2025, 3, 10, 9, tzinfo=SHANGHAI), tick=False):
        response = post(client, tree.township_handler,
                        reverse("legal_review:request_resubmit", args=[decision_review.pk]),
                        {"materials": "补充法律依据清单"})
    assert response.status_code == 302
    decision_review.refresh_from_db()
    assert decision_review.status == ReviewRequest.Status.REVIEWING
    assert decision_review.earliest_issue_on == dt.date(2025, 3, 19)
    assert "补充法律依据清单" in decision_review.materials


def test_resubmit_checks_get_role_unit_and_state(client, tree, reviewing):
    url = reverse("legal_review:request_resubmit", args=[reviewing.pk])
    client.force_login(tree.township_handler)
    assert client.get(url).status_code == 405
    assert post(client, tree.township_handler, url, {"materials": "x"}).status_code == 409
    actions.return_for_materials(reviewing, by=tree.reviewer, reason="缺")
    assert post(client, tree.reviewer, url, {"materials": "x"}).status_code == 403
    assert post(client, tree.sibling_handler, url, {"materials": "x"}).status_code == 404


def test_the_handler_withdraws_a_standalone_request(client, tree, review):
    url = reverse("legal_review:request_withdraw", args=[review.pk])
    client.force_login(tree.township_handler)
    assert client.get(url).status_code == 405
    assert post(client, tree.reviewer, url, {"reason": "合同取消"}).status_code == 403
    assert post(client, tree.sibling_handler, url, {"reason": "合同取消"}).status_code == 404
    assert post(client, tree.township_handler, url, {"reason": "合同取消"}).status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewRequest.Status.WITHDRAWN
    assert AuditEntry.objects.filter(action="legal_review.withdraw").exists()
    assert post(client, tree.township_handler, url, {"reason": "再次"}).status_code == 409


def test_adoption_is_recorded_by_the_requesting_side(client, tree, reviewing):
    url = reverse("legal_review:request_adoption", args=[reviewing.pk])
    assert post(client, tree.township_handler, url, {"adoption": "adopted"}).status_code == 409
    actions.issue_opinion(reviewing, by=tree.reviewer, conclusion="with_changes", opinion="改", basis="据")
    client.force_login(tree.township_handler)
    assert client.get(url).status_code == 405
    assert post(client, tree.reviewer, url, {"adoption": "adopted"}).status_code == 403
    assert post(client, tree.sibling_handler, url, {"adoption": "adopted"}).status_code == 404
    response = post(client, tree.township_handler, url, {"adoption": "partly", "note": ""})
    assert response.status_code == 400 and "请说明理由" in response.content.decode()
    assert post(client, tree.township_handler, url, {"adoption": "partly", "note": "第三条未改"}).status_code == 302
    reviewing.refresh_from_db()
    assert reviewing.status == ReviewRequest.Status.CLOSED and reviewing.adoption == "partly"
    assert AuditEntry.objects.filter(action="legal_review.record_adoption").exists()
