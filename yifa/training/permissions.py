"""Who may do what: 经办人 and 负责人 of the unit (or a unit above it) keep the ledgers; 督察 and others read.

``can_handle`` is role × scope; each ``can_<action>`` adds the state for the buttons a page shows. Views
answer 403 on ``can_handle`` and let the action refuse a wrong state with its own message.
"""

from yifa.core.models import Role
from yifa.core.scope import has_role_over
from yifa.core.workflow import allowed

HANDLING_ROLES = (Role.HANDLER, Role.HEAD)


def can_register(user) -> bool:
    membership = getattr(user, "active_membership", None)
    return membership is not None and membership.role in HANDLING_ROLES


def can_handle(user, obj) -> bool:
    return has_role_over(user, obj.org, *HANDLING_ROLES)


def can_do(user, obj, action: str) -> bool:
    """Role × scope × state for one of the object's TRANSITIONS."""
    return can_handle(user, obj) and allowed(obj, action)
