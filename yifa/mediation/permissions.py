"""Who may do what in the mediation register: role × scope × state.

- 调解员, 经办人 (司法所) and 负责人 of the unit holding a case (or of a unit above it) work the case;
- 负责人 review the early-warning list;
- 督察 and 审核人 read (personal data masked) but do not act.
Views call these after the scope lookup; templates use the same predicates to show buttons.
"""

from yifa.core.models import Role
from yifa.core.scope import has_role_over

from .models import DisputeCase, EarlyWarning, Finding, ScreeningRound

WORKERS = (Role.MEDIATOR, Role.HANDLER, Role.HEAD)
S = DisputeCase.Status


def _works(user, org) -> bool:
    return bool(user.is_superuser or has_role_over(user, org, *WORKERS))


def can_register(user, org) -> bool:
    return org is not None and _works(user, org)


def can_see_personal_data(user, case: DisputeCase) -> bool:
    """身份证号、电话、住址 in full only for those handling the case; everyone else sees them masked.

    Also the role check of every step on a case: the state is left to the action, which names what is missing.
    """
    return _works(user, case.org)


def can_update_case(user, case: DisputeCase) -> bool:
    return case.is_open and _works(user, case.org)


def can_accept(user, case: DisputeCase) -> bool:
    return case.status == S.REGISTERED and _works(user, case.org)


can_reject = can_accept


def can_assign(user, case: DisputeCase) -> bool:
    return case.status in (S.ACCEPTED, S.MEDIATING) and _works(user, case.org)


def can_escalate(user, case: DisputeCase) -> bool:
    return (case.status in (S.ACCEPTED, S.MEDIATING) and case.org.kind not in ("county", "city")
            and _works(user, case.org))


def can_extend(user, case: DisputeCase) -> bool:
    return case.status in (S.ACCEPTED, S.MEDIATING) and case.resolve_due_on is not None and _works(user, case.org)


def can_mediate(user, case: DisputeCase) -> bool:
    """Sessions, agreement, outcome: while the case is being mediated."""
    return case.status == S.MEDIATING and _works(user, case.org)


def can_sign(user, case: DisputeCase) -> bool:
    agreement = getattr(case, "agreement", None)
    return (can_mediate(user, case) and agreement is not None and agreement.kind == agreement.Kind.WRITTEN
            and not agreement.is_effective)


def can_download_agreement(user, case: DisputeCase) -> bool:
    agreement = getattr(case, "agreement", None)
    return agreement is not None and agreement.kind == agreement.Kind.WRITTEN and can_see_personal_data(user, case)


def can_record_confirmation(user, case: DisputeCase) -> bool:
    return (case.outcome == DisputeCase.Outcome.WRITTEN and case.status != S.CLOSED
            and not case.confirmation_applied_on and case.wants_confirmation is not False and _works(user, case.org))


def can_follow_up(user, case: DisputeCase) -> bool:
    return case.status in (S.AGREED, S.FAILED, S.FOLLOWED_UP) and _works(user, case.org)


def can_close(user, case: DisputeCase) -> bool:
    return case.status in (S.FOLLOWED_UP, S.FAILED) and _works(user, case.org)


def can_manage_committee(user, org) -> bool:
    return bool(user.is_superuser or has_role_over(user, org, Role.HANDLER, Role.HEAD, Role.ADMIN))


def can_screen(user, org) -> bool:
    return _works(user, org)


def can_complete_round(user, screening: ScreeningRound) -> bool:
    return screening.status == ScreeningRound.Status.PLANNED and _works(user, screening.org)


def can_add_finding(user, screening: ScreeningRound) -> bool:
    return _works(user, screening.org)


def can_dispose_finding(user, finding: Finding) -> bool:
    return finding.disposition == Finding.Disposition.OPEN and _works(user, finding.round.org)


def can_review_warnings(user, org) -> bool:
    return bool(user.is_superuser or has_role_over(user, org, Role.HEAD))


def can_handle_warning(user, warning: EarlyWarning) -> bool:
    return warning.status == EarlyWarning.Status.OPEN and can_review_warnings(user, warning.case.org)


def can_scan_warnings(user, org) -> bool:
    return org is not None and bool(user.is_superuser or has_role_over(user, org, Role.HEAD, Role.HANDLER))


def can_import(user, org) -> bool:
    return org is not None and _works(user, org)
