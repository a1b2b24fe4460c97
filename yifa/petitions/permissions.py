"""Who may do what on a 信访事项: role × scope × state. Templates show buttons with the same predicates.

经办人 and 负责人 of the unit (or of a unit above it) handle the matter; only a 负责人 approves an
extension (第三十四条). 督察 read. Scope itself (404 outside it) is checked by the views' lookups.
"""

from yifa.core.models import Role
from yifa.core.scope import has_role_over
from yifa.core.workflow import allowed

from .models import Petition

HANDLING = (Role.HANDLER, Role.HEAD)
S = Petition.Status


def handles(user, org) -> bool:
    return user.is_superuser or has_role_over(user, org, *HANDLING)


def can_register(user, org) -> bool:
    return org is not None and handles(user, org)


def can_see_personal(user, petition: Petition) -> bool:
    """Whole ID number, phone and address only for those handling the matter; others see them masked."""
    return handles(user, petition.org)


def _can(user, petition: Petition, action: str) -> bool:
    return allowed(petition, action) and handles(user, petition.org)


def can_register_submission(user, petition):
    return _can(user, petition, "register_submission")


def can_discard(user, petition):
    return _can(user, petition, "discard")


def can_notify(user, petition):
    """告知: 受理, 不予受理 or 转送 (one form, three outcomes)."""
    return _can(user, petition, "accept")


def can_object(user, petition):
    return petition.is_referred and _can(user, petition, "object")


def can_approve(user, org) -> bool:
    """负责人批准 (延期)."""
    return user.is_superuser or has_role_over(user, org, Role.HEAD)


def can_extend(user, petition):
    return petition.status == S.ACCEPTED and not petition.is_extended and can_approve(user, petition.org)


def can_reply(user, petition):
    return _can(user, petition, "reply")


def can_request_review(user, petition):
    return _can(user, petition, "request_review")


def can_decide_review(user, petition):
    return _can(user, petition, "decide_review")


def can_request_recheck(user, petition):
    return _can(user, petition, "request_recheck")


def can_decide_recheck(user, petition):
    return _can(user, petition, "decide_recheck")


def can_record_satisfaction(user, petition):
    return petition.status in (S.REPLIED, S.REVIEWED, S.RECHECKED) and handles(user, petition.org)


def can_hand_to_mediation(user, petition):
    return _can(user, petition, "hand_to_mediation")


def can_download_opinion(user, petition):
    return bool(petition.opinion_number)


def can_import(user, org) -> bool:
    return org is not None and handles(user, org)


def available_actions(user, petition) -> dict[str, bool]:
    """For the detail page: which action panels to show."""
    return {
        "register_submission": can_register_submission(user, petition),
        "discard": can_discard(user, petition),
        "notify": can_notify(user, petition),
        "object": can_object(user, petition),
        "extend": can_extend(user, petition),
        "reply": can_reply(user, petition),
        "request_review": can_request_review(user, petition),
        "decide_review": can_decide_review(user, petition),
        "request_recheck": can_request_recheck(user, petition),
        "decide_recheck": can_decide_recheck(user, petition),
        "record_satisfaction": can_record_satisfaction(user, petition),
        "hand_to_mediation": can_hand_to_mediation(user, petition),
    }
