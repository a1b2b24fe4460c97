"""Who may do what in legality review: role × scope × state. Templates use the same predicates.

Views call a predicate with ``state=False`` to decide 403 (wrong role); the action
itself then refuses a wrong state with a Chinese message (``InvalidTransition``).
"""

from yifa.core.models import Role
from yifa.core.scope import has_role_over

from .models import LegalAdviser, ReviewRequest

S = ReviewRequest.Status


def can_request(user, org) -> bool:
    """送审: the unit's handlers and head."""
    return org is not None and has_role_over(user, org, Role.HANDLER, Role.HEAD)


def can_assign(user, review: ReviewRequest, *, state: bool = True) -> bool:
    """分派: the unit's reviewers (司法所) or head, while the review is waiting or under way."""
    return ((not state or review.status in (S.SUBMITTED, S.REVIEWING))
            and has_role_over(user, review.org, Role.REVIEWER, Role.HEAD))


def _is_assigned_reviewer(user, review: ReviewRequest) -> bool:
    if review.reviewer_id == user.pk:
        return True
    if review.adviser_id and review.adviser.user_id == user.pk:
        return True
    # An adviser without an account: the 司法所 reviewer enters the opinion for them.
    return review.reviewer_id is None and has_role_over(user, review.org, Role.REVIEWER)


def can_review(user, review: ReviewRequest, *, state: bool = True) -> bool:
    """出具意见 / 退回补充: the assigned reviewer, never the one who submitted it."""
    if state and review.status != S.REVIEWING:
        return False
    if user.pk == review.submitted_by_id:
        return False
    return _is_assigned_reviewer(user, review)


def can_resubmit(user, review: ReviewRequest, *, state: bool = True) -> bool:
    return (not state or review.status == S.RETURNED) and has_role_over(user, review.org, Role.HANDLER, Role.HEAD)


def can_record_adoption(user, review: ReviewRequest, *, state: bool = True) -> bool:
    return (not state or review.status == S.ISSUED) and has_role_over(user, review.org, Role.HANDLER, Role.HEAD)


def can_withdraw(user, review: ReviewRequest, *, state: bool = True) -> bool:
    # A review asked for by another module is withdrawn from that module's matter, not here.
    return ((not state or review.status in ReviewRequest.OPEN) and not review.source_app
            and has_role_over(user, review.org, Role.HANDLER, Role.HEAD))


def can_download_opinion(user, review: ReviewRequest) -> bool:
    return review.status in (S.ISSUED, S.CLOSED)


def can_manage_advisers(user, org) -> bool:
    """法律顾问名册: the unit's handlers, reviewers (司法所) and head."""
    return org is not None and has_role_over(user, org, Role.HANDLER, Role.REVIEWER, Role.HEAD)


def can_edit_adviser(user, adviser: LegalAdviser) -> bool:
    return can_manage_advisers(user, adviser.org)


def can_end_service(user, adviser: LegalAdviser, *, state: bool = True) -> bool:
    return (not state or adviser.is_active) and can_manage_advisers(user, adviser.org)


def can_log_service(user, adviser: LegalAdviser, *, state: bool = True) -> bool:
    return ((not state or adviser.is_active)
            and (can_manage_advisers(user, adviser.org) or adviser.user_id == user.pk))
