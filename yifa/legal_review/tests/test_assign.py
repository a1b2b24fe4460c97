from django.urls import reverse

from yifa.core.models import AuditEntry
from yifa.legal_review import actions
from yifa.legal_review.models import ReviewRequest

from .conftest import post


def url(review):
    return reverse("legal_review:request_assign", args=[review.pk])


def test_the_reviewer_assigns_the_review_to_himself_and_an_adviser(client, tree, review, today):
    adviser = actions.add_adviser(org=tree.township, by=tree.township_handler, name="王律师", firm="甲律所",
                                  serves_from=today)
    response = post(client, tree.reviewer, url(review), {"reviewer": tree.reviewer.pk, "adviser": adviser.pk})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewRequest.Status.REVIEWING
    assert review.reviewer == tree.reviewer and review.adviser == adviser and review.assigned_on == today
    assert AuditEntry.objects.filter(action="legal_review.assign", target_id=str(review.pk)).exists()


def test_get_is_refused(client, tree, review):
    client.force_login(tree.reviewer)
    assert client.get(url(review)).status_code == 405


def test_a_handler_cannot_assign(client, tree, review):
    assert post(client, tree.township_handler, url(review), {"reviewer": tree.reviewer.pk}).status_code == 403


def test_another_unit_gets_404(client, tree, review):
    assert post(client, tree.sibling_handler, url(review), {"reviewer": tree.reviewer.pk}).status_code == 404


def test_an_issued_review_cannot_be_reassigned(client, tree, reviewing):
    actions.issue_opinion(reviewing, by=tree.reviewer, conclusion="lawful", opinion="合法", basis="民法典")
    response = post(client, tree.reviewer, url(reviewing), {"reviewer": tree.reviewer.pk})
    assert response.status_code == 409
    assert "当前状态为“已出具意见”" in response.content.decode()


def test_an_adviser_out_of_contract_cannot_be_assigned(client, tree, review, today):
    import datetime as dt

    adviser = actions.add_adviser(org=tree.township, by=tree.township_handler, name="李律师", firm="乙律所",
                                  serves_from=dt.date(2024, 1, 1), serves_until=dt.date(2024, 12, 31))
    response = post(client, tree.reviewer, url(review), {"adviser": adviser.pk})
    assert response.status_code == 400
    review.refresh_from_db()
    assert review.status == ReviewRequest.Status.SUBMITTED


def test_the_submitter_cannot_review_his_own_request(tree, review):
    import pytest
    from django.core.exceptions import ValidationError

    from yifa.core.models import Membership, Role

    Membership.objects.create(user=tree.township_handler, org=tree.township, role=Role.REVIEWER)
    with pytest.raises(ValidationError, match="审查人不能是送审人本人"):
        actions.assign(review, by=tree.reviewer, reviewer=tree.township_handler)
