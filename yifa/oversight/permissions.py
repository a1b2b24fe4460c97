"""Who may do what: 经办人 and 负责人 of the unit (or a unit above it) handle; 督察 and others read.

``can_handle`` is role × scope; each ``can_<action>`` adds the state, so templates show only the
buttons that would work. Views answer 403 on ``can_handle`` and let the action refuse a wrong state
with its own message.
"""

from yifa.core.models import Role
from yifa.core.scope import has_role_over
from yifa.core.workflow import allowed

from .models import FollowUpLetter, RespondentCase, Suggestion

HANDLING_ROLES = (Role.HANDLER, Role.HEAD)


def can_register(user) -> bool:
    membership = getattr(user, "active_membership", None)
    return membership is not None and membership.role in HANDLING_ROLES


def can_handle(user, obj) -> bool:
    return has_role_over(user, obj.org, *HANDLING_ROLES)


def can_assign(user, s: Suggestion) -> bool:
    return can_handle(user, s) and allowed(s, "assign")


def can_record_contact(user, s: Suggestion) -> bool:
    return can_handle(user, s) and s.status == Suggestion.Status.HANDLING and s.is_lead


def can_reply(user, s: Suggestion) -> bool:
    return can_handle(user, s) and allowed(s, "reply")


def can_close(user, s: Suggestion) -> bool:
    return can_handle(user, s) and allowed(s, "close")


def can_reopen(user, s: Suggestion) -> bool:
    return (can_handle(user, s) and allowed(s, "reopen")
            and s.satisfaction == Suggestion.Satisfaction.UNSATISFIED)


def can_reply_case(user, c: RespondentCase) -> bool:
    return can_handle(user, c) and allowed(c, "reply")


def can_record_hearing(user, c: RespondentCase) -> bool:
    return can_handle(user, c) and c.status == RespondentCase.Status.REPLIED


def can_conclude(user, c: RespondentCase) -> bool:
    return can_handle(user, c) and allowed(c, "conclude")


def can_record_performance(user, c: RespondentCase) -> bool:
    return can_handle(user, c) and c.status == RespondentCase.Status.CONCLUDED and c.is_loss and not c.performed_on


def can_appeal(user, c: RespondentCase) -> bool:
    return (can_handle(user, c) and c.is_litigation and c.instance == RespondentCase.Instance.FIRST
            and c.status == RespondentCase.Status.CONCLUDED
            and not RespondentCase.objects.filter(previous=c).exists())


def can_receive_letter(user, c: RespondentCase) -> bool:
    return can_handle(user, c)


def can_answer_letter(user, letter: FollowUpLetter) -> bool:
    return can_handle(user, letter) and allowed(letter, "answer_letter")
