"""Account security (GB/T 22239-2019 三级 身份鉴别): password rules and login lockout.

Lockout counts failures per *typed* username, whether or not the account
exists, and the login page says the same thing in every case: nobody can
learn from it which accounts exist.
"""

import datetime as dt
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import LoginAttempt, LoginThrottle


class MinimumLengthValidator:
    """密码长度不少于 8 位 (Django's own message has no Chinese translation for this wording)."""

    def __init__(self, min_length: int = 8):
        self.min_length = min_length

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(f"密码太短，至少需要 {self.min_length} 个字符。", code="password_too_short")

    def get_help_text(self):
        return f"至少 {self.min_length} 个字符。"


class CharacterClassValidator:
    """密码须包含大写字母、小写字母、数字、符号中的至少三类。"""

    CLASSES = [(r"[A-Z]", "大写字母"), (r"[a-z]", "小写字母"), (r"[0-9]", "数字"), (r"[^A-Za-z0-9]", "符号")]

    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        present = sum(1 for pattern, _ in self.CLASSES if re.search(pattern, password))
        if present < self.min_classes:
            raise ValidationError(
                f"密码须包含大写字母、小写字母、数字、符号中的至少 {self.min_classes} 类。", code="password_classes"
            )

    def get_help_text(self):
        return f"至少包含大写字母、小写字母、数字、符号中的 {self.min_classes} 类。"


class NotUsernameValidator:
    """密码不能与用户名相同，也不能包含用户名。"""

    def validate(self, password, user=None):
        username = (getattr(user, "username", "") or "").lower()
        if username and username in password.lower():
            raise ValidationError("密码不能包含用户名。", code="password_has_username")

    def get_help_text(self):
        return "不能包含用户名。"


def normalise(username: str) -> str:
    return (username or "").strip().lower()[:150]


def locked_until(username: str) -> dt.datetime | None:
    row = LoginThrottle.objects.filter(username=normalise(username)).first()
    if row and row.locked_until and row.locked_until > timezone.now():
        return row.locked_until
    return None


@transaction.atomic
def register_failure(username: str) -> dt.datetime | None:
    """Count a failed attempt; returns the lock end when this failure locks the name."""
    now = timezone.now()
    window = dt.timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS)
    row, _ = LoginThrottle.objects.select_for_update().get_or_create(username=normalise(username))
    # Failures older than the lockout window no longer count towards a lock.
    if row.last_failure_at and now - row.last_failure_at > window:
        row.failures = 0
    row.failures += 1
    row.last_failure_at = now
    if row.failures >= settings.LOGIN_FAILURE_LIMIT:
        row.locked_until = now + window
        row.failures = 0
    row.save()
    return row.locked_until if row.locked_until and row.locked_until > now else None


def register_success(username: str) -> None:
    LoginThrottle.objects.filter(username=normalise(username)).update(failures=0, locked_until=None)


def log_attempt(request, username: str, outcome: str) -> None:
    LoginAttempt.objects.create(
        username=normalise(username), ip=client_ip(request), outcome=outcome,
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
    )


def client_ip(request) -> str | None:
    # Only trust X-Forwarded-For when the deployment says a proxy sets it.
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None
