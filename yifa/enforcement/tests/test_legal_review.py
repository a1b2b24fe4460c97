"""法制审核 (第五十八条): by a registered reviewer who handles no part of the case; opinion recorded."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from yifa.core.testing import make_user
from yifa.core.models import Role
from yifa.enforcement import actions
from yifa.enforcement.models import EnforcementCase as Case, LegalReview, LegalReviewer

from .helpers import audit_actions, investigated


def test_submitting_puts_the_case_in_review_and_the_reviewer_agrees(w):
    case = investigated(w, power=w.review_power)
    review = actions.submit_review(case, by=w.handler, reviewer=w.reviewer, materials="调查终结报告")
    case.refresh_from_db()
    assert case.status == Case.Status.REVIEWING
    actions.review_case(review, by=w.reviewer_user, outcome=LegalReview.Outcome.AGREE, opinion="事实清楚，同意。",
                        checklist={"facts": "ok"})
    case.refresh_from_db()
    review.refresh_from_db()
    assert case.status == Case.Status.REVIEWED
    assert review.status == "done" and review.opinion == "事实清楚，同意。" and review.reviewed_at
    assert audit_actions(case)[-2:] == ["enforcement.submit_review", "enforcement.agree_review"]


def test_a_returned_review_sends_the_case_back_to_investigation(w):
    case = investigated(w)
    review = actions.submit_review(case, by=w.handler, reviewer=w.reviewer, materials="调查终结报告")
    actions.review_case(review, by=w.reviewer_user, outcome=LegalReview.Outcome.RETURN, opinion="证据不足，补充调查。")
    case.refresh_from_db()
    assert case.status == Case.Status.INVESTIGATING
    assert not case.review_is_current


def test_a_reviewer_who_handles_the_case_cannot_be_chosen(w, tree):
    # The handler also holds a reviewer role and registers as 法制审核人员: still not for their own case.
    from yifa.core.models import Membership

    Membership.objects.create(user=w.handler, org=w.org, role=Role.REVIEWER)
    mine = LegalReviewer.objects.create(org=w.org, user=w.handler, name="孙执法", qualification="lawyer",
                                        qualification_number="L1")
    case = investigated(w)
    with pytest.raises(ValidationError) as error:
        actions.submit_review(case, by=w.handler, reviewer=mine, materials="材料")
    assert "是本案承办人员，不能审核本案" in error.value.messages[0]


def test_an_officer_on_the_case_cannot_review_even_if_assigned_later(w):
    case = investigated(w)
    review = actions.submit_review(case, by=w.handler, reviewer=w.reviewer, materials="材料")
    # The reviewer is then added to the case as an officer: they may no longer review it.
    from .helpers import officer

    case.officers.add(officer(w.org, "赵审核", "33050220210099", user=w.reviewer_user))
    with pytest.raises(ValidationError, match="承办人员不能审核本案"):
        actions.review_case(review, by=w.reviewer_user, outcome="agree", opinion="同意")


def test_an_opinion_is_required(w):
    case = investigated(w)
    review = actions.submit_review(case, by=w.handler, reviewer=w.reviewer, materials="材料")
    with pytest.raises(ValidationError, match="书面审核意见"):
        actions.review_case(review, by=w.reviewer_user, outcome="agree", opinion=" ")


def test_the_review_page_records_the_opinion(w, client):
    case = investigated(w)
    review = actions.submit_review(case, by=w.handler, reviewer=w.reviewer, materials="材料")
    client.force_login(w.reviewer_user)
    data = {"outcome": "agree", "opinion": "同意"}
    data.update({f"check_{k}": "ok" for k, _ in LegalReview.CHECKLIST})
    response = client.post(reverse("enforcement:review_detail", args=[review.pk]), data)
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.outcome == "agree" and review.checklist["facts"] == "ok"


def test_another_reviewer_gets_403(w, client, tree):
    case = investigated(w)
    review = actions.submit_review(case, by=w.handler, reviewer=w.reviewer, materials="材料")
    other = make_user("reviewer2", tree.township, Role.REVIEWER)
    client.force_login(other)
    assert client.post(reverse("enforcement:review_detail", args=[review.pk]), {"outcome": "agree"}).status_code == 403


def test_a_sibling_reviewer_gets_404(w, client, tree):
    case = investigated(w)
    review = actions.submit_review(case, by=w.handler, reviewer=w.reviewer, materials="材料")
    client.force_login(make_user("westreviewer", tree.sibling, Role.REVIEWER))
    assert client.get(reverse("enforcement:review_detail", args=[review.pk])).status_code == 404
