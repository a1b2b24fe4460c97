"""Core actions: the org tree, accounts and roles. Each is one transaction with its audit entry."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from . import audit
from .models import Membership, Org, User

ORG_FIELDS = ("name", "short_name", "kind", "division_code", "parent_id", "is_active", "sort_order")
USER_FIELDS = ("username", "full_name", "phone", "email", "is_active")


def _diff(obj, before: dict, fields) -> dict:
    return {f: [before[f], getattr(obj, f)] for f in fields if before[f] != getattr(obj, f)}


@transaction.atomic
def create_org(*, by, name: str, kind: str, parent: Org | None, short_name: str = "",
               division_code: str = "", sort_order: int = 0) -> Org:
    """新增单位 under ``parent``; the tree's shape rules are checked in ``Org.clean``."""
    org = Org(name=name, kind=kind, parent=parent, short_name=short_name, division_code=division_code,
              sort_order=sort_order)
    org.full_clean(exclude=["path", "depth"])
    org.save()
    audit.record("core.create_org", org, by=by, changes={f: [None, getattr(org, f)] for f in ORG_FIELDS})
    return org


@transaction.atomic
def update_org(org: Org, *, by, **values) -> Org:
    """修改单位. Moving it under another parent moves its whole subtree (paths rewritten)."""
    before = {f: getattr(org, f) for f in ORG_FIELDS}
    for key, value in values.items():
        setattr(org, key, value)
    org.full_clean(exclude=["path", "depth"])
    org.save()
    changes = _diff(org, before, ORG_FIELDS)
    if changes:
        audit.record("core.update_org", org, by=by, changes=changes)
    return org


@transaction.atomic
def create_user(*, by, username: str, full_name: str, password: str, org: Org, role: str,
                phone: str = "", email: str = "", title: str = "") -> User:
    """开通账户 with a first 任职. The initial password must be changed at first sign-in."""
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": "该用户名已被使用。"})
    user = User(username=username, full_name=full_name, phone=phone, email=email, must_change_password=True)
    validate_password(password, user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    membership = Membership.objects.create(user=user, org=org, role=role, title=title)
    audit.record("core.create_user", user, by=by, org=None,
                 changes={"username": [None, username], "membership": [None, str(membership)]})
    return user


@transaction.atomic
def update_user(user: User, *, by, **values) -> User:
    before = {f: getattr(user, f) for f in USER_FIELDS}
    for key, value in values.items():
        setattr(user, key, value)
    user.full_clean(exclude=["password"])
    user.save()
    changes = _diff(user, before, USER_FIELDS)
    if changes:
        audit.record("core.update_user", user, by=by, changes=changes)
    return user


@transaction.atomic
def reset_password(user: User, *, by, password: str) -> None:
    """管理员重置密码: the user must choose a new one at next sign-in."""
    validate_password(password, user)
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    audit.record("core.reset_password", user, by=by, note="管理员重置密码，下次登录须修改")


@transaction.atomic
def change_own_password(user: User, *, password: str) -> None:
    """本人修改密码 (validated by the form)."""
    user.set_password(password)
    user.must_change_password = False
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])
    audit.record("core.change_password", user, by=user)


@transaction.atomic
def add_membership(user: User, *, by, org: Org, role: str, title: str = "") -> Membership:
    if Membership.objects.filter(user=user, org=org, role=role).exists():
        raise ValidationError("该用户在此单位已有此角色。")
    membership = Membership.objects.create(user=user, org=org, role=role, title=title)
    audit.record("core.add_membership", user, by=by, changes={"membership": [None, str(membership)]})
    return membership


@transaction.atomic
def remove_membership(membership: Membership, *, by) -> None:
    label = str(membership)
    user = membership.user
    membership.delete()
    audit.record("core.remove_membership", user, by=by, changes={"membership": [label, None]})
