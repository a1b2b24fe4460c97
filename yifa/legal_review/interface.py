"""What other modules may know of a legality review: a plain summary, never the model.

A module that asks for a review (``actions.request_review(..., source_app="decisions", ...)``)
is told of the outcome through its AppConfig hook ``on_legal_review(outcome, *, by)``,
called inside the reviewer's transaction when the 审查意见书 is issued, the request is
returned for materials or withdrawn. It can also read ``outcome(request_id)`` at any time.
"""

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse

from .models import ReviewRequest


@dataclass(frozen=True)
class ReviewOutcome:
    request_id: int
    source_id: int | None
    status: str
    status_label: str
    conclusion: str
    conclusion_label: str
    opinion_number: str
    issued_on: dt.date | None
    reviewer: str
    opinion: str
    url: str
    passed: bool  # lawful, or lawful once the changes it asks for are made
    is_open: bool
    earliest_issue_on: dt.date | None


def summarise(review: ReviewRequest) -> ReviewOutcome:
    return ReviewOutcome(
        request_id=review.pk, source_id=review.source_id, status=review.status,
        status_label=review.get_status_display(), conclusion=review.conclusion,
        conclusion_label=review.get_conclusion_display() if review.conclusion else "",
        opinion_number=review.opinion_number, issued_on=review.issued_on, reviewer=review.reviewer_label,
        opinion=review.opinion, url=reverse("legal_review:request_detail", args=[review.pk]),
        passed=review.passed, is_open=review.is_open, earliest_issue_on=review.earliest_issue_on,
    )


def outcome(request_id: int | None) -> ReviewOutcome | None:
    if not request_id:
        return None
    review = ReviewRequest.objects.select_related("reviewer", "adviser").filter(pk=request_id).first()
    return summarise(review) if review else None


def notify_source(review: ReviewRequest, *, by) -> None:
    """Tell the asking module (if any) what happened, through its AppConfig hook."""
    if not review.source_app:
        return
    try:
        config = apps.get_app_config(review.source_app)
    except LookupError:
        return
    hook = getattr(config, "on_legal_review", None)
    if hook is not None:
        hook(summarise(review), by=by)
