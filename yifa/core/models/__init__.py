"""Core tables: org tree and roles, audit chain, attachments, numbering, login log.

Split by concern; every public model is importable from ``yifa.core.models``.
"""

from .audit import AuditEntry, AuditHead
from .deadlines import (CalendarDay, CalendarYear, Deadline, DeadlineExtension, DeadlinePause, Reminder,
                        StatutoryRule, SupervisionNotice)
from .files import Attachment
from .numbering import NumberSequence
from .orgs import Membership, Org, Role, User
from .security import LoginAttempt, LoginThrottle

__all__ = [
    "Attachment",
    "AuditEntry",
    "AuditHead",
    "CalendarDay",
    "CalendarYear",
    "Deadline",
    "DeadlineExtension",
    "DeadlinePause",
    "LoginAttempt",
    "LoginThrottle",
    "Membership",
    "NumberSequence",
    "Org",
    "Reminder",
    "Role",
    "StatutoryRule",
    "SupervisionNotice",
    "User",
]
