"""Who may do what with decisions: role × scope × state. Templates use the same predicates.

Views call a predicate with ``state=False`` to decide 403 (wrong role); the action refuses a
wrong state itself, with a Chinese message naming the state.
"""

from yifa.core.models import Role
from yifa.core.scope import has_role_over

from .models import Decision, DecisionCatalogue, DecisionStep

WORKERS = (Role.HANDLER, Role.HEAD)
D = Decision.Status


def can_create(user, org) -> bool:
    """编制目录, 登记事项: the unit's handlers (党政办) and head."""
    return org is not None and org.is_grassroots and has_role_over(user, org, *WORKERS)


def can_edit_catalogue(user, catalogue: DecisionCatalogue, *, state: bool = True) -> bool:
    return ((not state or catalogue.status == DecisionCatalogue.Status.DRAFT)
            and has_role_over(user, catalogue.org, *WORKERS))


def can_approve_catalogue(user, catalogue: DecisionCatalogue, *, state: bool = True) -> bool:
    """登记党委同意 / 公布 / 调整: the head of the unit."""
    return ((not state or catalogue.status == DecisionCatalogue.Status.DRAFT)
            and has_role_over(user, catalogue.org, Role.HEAD))


def can_publish_catalogue(user, catalogue: DecisionCatalogue, *, state: bool = True) -> bool:
    return ((not state or catalogue.status == DecisionCatalogue.Status.APPROVED)
            and has_role_over(user, catalogue.org, Role.HEAD))


def can_adjust_catalogue(user, catalogue: DecisionCatalogue, *, state: bool = True) -> bool:
    return ((not state or catalogue.status != DecisionCatalogue.Status.DRAFT)
            and has_role_over(user, catalogue.org, Role.HEAD))


def can_work(user, decision: Decision, *, state: bool = True) -> bool:
    """Run the procedure (draft, comment, experts, risk, legality, meeting record): handlers and head."""
    return (not state or decision.status in Decision.IN_PROCEDURE) and has_role_over(user, decision.org, *WORKERS)


def can_start(user, decision: Decision, *, state: bool = True) -> bool:
    return (not state or decision.status == D.LISTED) and has_role_over(user, decision.org, *WORKERS)


def can_in_procedure(user, decision: Decision, *, state: bool = True) -> bool:
    return (not state or decision.status == D.DRAFTING) and has_role_over(user, decision.org, *WORKERS)


def can_waive(user, step: DecisionStep, *, state: bool = True) -> bool:
    """认定程序不适用: a legal judgement the head takes, on a waivable step only."""
    return ((not state or (step.decision.status in Decision.IN_PROCEDURE and step.waivable
                           and step.status in (DecisionStep.Status.PENDING, DecisionStep.Status.IN_PROGRESS)))
            and has_role_over(user, step.decision.org, Role.HEAD))


def can_reinstate(user, step: DecisionStep, *, state: bool = True) -> bool:
    return ((not state or (step.decision.status in Decision.IN_PROCEDURE and step.status == DecisionStep.Status.WAIVED))
            and has_role_over(user, step.decision.org, Role.HEAD))


def can_publish(user, decision: Decision, *, state: bool = True) -> bool:
    return (not state or decision.status == D.DECIDED) and has_role_over(user, decision.org, *WORKERS)


def can_follow_up(user, decision: Decision, *, state: bool = True) -> bool:
    """执行情况, 决策后评估."""
    return (not state or decision.status == D.PUBLISHED) and has_role_over(user, decision.org, *WORKERS)


def can_archive(user, decision: Decision, *, state: bool = True) -> bool:
    return ((not state or decision.status in (D.PUBLISHED, D.NOT_ADOPTED))
            and has_role_over(user, decision.org, *WORKERS))


def can_withdraw(user, decision: Decision, *, state: bool = True) -> bool:
    return (not state or decision.status in Decision.IN_PROCEDURE) and has_role_over(user, decision.org, Role.HEAD)
