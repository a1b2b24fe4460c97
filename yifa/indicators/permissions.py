"""Who may do what with indicators: role × scope.

Everyone signed in sees the figures of their own units and everything below (data scope); the
comparison of units is for those whose unit has units below. Loading and activating a scheme is the
deploying bureau's administrator's; scoring a qualitative item is the 督察 of a unit above the one scored
(《法治政府建设与责任落实督察工作规定》: the level above assesses the level below), never the unit itself.
"""

from yifa.core.models import Org, Role
from yifa.core.scope import can_see_org, has_role_over

from .models import IndicatorNode, IndicatorScheme


def can_view(user, org: Org) -> bool:
    return can_see_org(user, org)


def can_manage_schemes(user) -> bool:
    """管理员 of a top unit (the 市 or whichever unit the deployment starts from)."""
    if getattr(user, "is_superuser", False):
        return True
    return user.memberships.filter(role=Role.ADMIN, org__parent__isnull=True, org__is_active=True).exists()


def can_activate(user, scheme: IndicatorScheme) -> bool:
    return can_manage_schemes(user) and scheme.status != IndicatorScheme.Status.ACTIVE


def can_score(user, node: IndicatorNode, org: Org) -> bool:
    if not node.is_qualitative or not node.scheme.is_active:
        return False
    if getattr(user, "is_superuser", False):
        return True
    return org.parent_id is not None and has_role_over(user, org.parent, Role.OVERSEER)
