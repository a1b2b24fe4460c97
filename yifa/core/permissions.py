"""Who may do what in core: role × scope."""

from .models import Org, Role, User
from .scope import can_see_org, has_role_anywhere, has_role_over


def is_admin_anywhere(user) -> bool:
    return user.is_superuser or has_role_anywhere(user, Role.ADMIN)


def can_manage_org(user, org: Org) -> bool:
    return user.is_superuser or has_role_over(user, org, Role.ADMIN)


def can_manage_user(user, target: User) -> bool:
    """An administrator manages the accounts whose every 任职 lies inside their own subtree."""
    if user.is_superuser:
        return True
    orgs = [m.org for m in target.memberships.select_related("org")]
    return bool(orgs) and all(can_manage_org(user, org) for org in orgs)


def can_read_audit(user) -> bool:
    return user.is_superuser or has_role_anywhere(user, Role.ADMIN, Role.OVERSEER, Role.HEAD)


def can_download(user, attachment) -> bool:
    return can_see_org(user, attachment.org)
