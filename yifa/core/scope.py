"""Data scope: a user sees the subtrees of the units they belong to, nothing else.

Every domain queryset goes through ``visible_to(user)``; lookups use
``get_visible_or_404`` so that another unit's records answer 404, not 403.
"""

from django.db import models
from django.db.models import Q
from django.apps import apps
from django.http import Http404


def _membership():
    # Looked up lazily: the models module itself uses this file's managers.
    return apps.get_model("core", "Membership")


def scope_paths(user) -> list[str]:
    """The org paths whose subtrees the user may see (redundant nested paths removed)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_scope_paths", None)
    if cached is not None:
        return cached
    paths = sorted(set(_membership().objects.filter(user=user, org__is_active=True).values_list("org__path", flat=True)))
    minimal: list[str] = []
    for path in paths:
        if not any(path.startswith(kept) for kept in minimal):
            minimal.append(path)
    user._scope_paths = minimal
    return minimal


def scope_q(user, org_field: str | None) -> Q | None:
    """A Q restricting ``org_field`` (or the Org itself when None) to the user's scope; None means everything."""
    if getattr(user, "is_superuser", False):
        return None
    lookup = "path__startswith" if not org_field else f"{org_field}__path__startswith"
    q = Q(pk__in=[])
    for path in scope_paths(user):
        q |= Q(**{lookup: path})
    return q


class ScopedQuerySet(models.QuerySet):
    """QuerySet with ``visible_to(user)``. Models name their unit field in ``scope_org_field``."""

    def visible_to(self, user):
        field = getattr(self.model, "scope_org_field", "org")
        q = scope_q(user, field)
        return self if q is None else self.filter(q)


class ScopedManager(models.Manager.from_queryset(ScopedQuerySet)):
    pass


def get_visible_or_404(model_or_qs, user, **lookup):
    qs = model_or_qs if isinstance(model_or_qs, models.QuerySet) else model_or_qs.objects.all()
    qs = qs.visible_to(user)
    try:
        return qs.get(**lookup)
    except qs.model.DoesNotExist:
        raise Http404("不存在或不在您的数据范围内。")


def can_see_org(user, org) -> bool:
    return getattr(user, "is_superuser", False) or any(org.path.startswith(p) for p in scope_paths(user))


def roles_over(user, org) -> set[str]:
    """Roles the user holds in ``org`` or in any unit above it."""
    if not getattr(user, "is_authenticated", False):
        return set()
    ancestor_ids = [int(part) for part in org.path.strip("/").split("/") if part]
    loaded = getattr(user, "all_memberships", None)  # read once per request by core.middleware
    if loaded is not None:
        return {m.role for m in loaded if m.org_id in ancestor_ids}
    return set(_membership().objects.filter(user=user, org_id__in=ancestor_ids, org__is_active=True)
               .values_list("role", flat=True))


def has_role_over(user, org, *roles: str) -> bool:
    return bool(roles_over(user, org) & set(roles))


def has_role_anywhere(user, *roles: str) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return _membership().objects.filter(user=user, role__in=roles, org__is_active=True).exists()
