"""Per-request context: the acting unit (unit switcher), the client address, forced password change, and the
idle-session renewal."""

import time

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthenticationMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from . import audit, backends
from .security import client_ip

ACTIVE_MEMBERSHIP_KEY = "active_membership_id"
RENEWED_KEY = "_renewed"
# The session's idle expiry is pushed back at most this often (seconds). Saving it on every request wrote and
# committed a row per page view; an idle session still ends SESSION_COOKIE_AGE after its last renewal, i.e. at most
# a minute early.
RENEW_EVERY = 60


def renew_session(request) -> None:
    """Mark a signed-in session for saving (new expiry) when it was last renewed more than RENEW_EVERY ago."""
    session = getattr(request, "session", None)
    if session is None or session.is_empty():
        return
    now = int(time.time())
    last = session.get(RENEWED_KEY)
    if not isinstance(last, int) or now - last >= min(RENEW_EVERY, settings.SESSION_COOKIE_AGE // 10) or now < last:
        session[RENEWED_KEY] = now


def get_user(request):
    """``auth.get_user(request)``, handing it the user (with their 任职) that ``backends.SessionStore`` read together with
    the session row: no second query. Django's checks are unchanged (the account may sign in, the session's password
    hash matches); the row is handed over for this one call only."""
    if not hasattr(request, "_cached_user"):
        session = request.session
        session.get(auth.SESSION_KEY)  # loads the session (and with it its user, when the store can)
        token = backends.PREFETCHED.set(getattr(session, "prefetched_user", None))
        try:
            request._cached_user = auth.get_user(request)
        finally:
            backends.PREFETCHED.reset(token)
    return request._cached_user


class AuthenticationMiddleware(DjangoAuthenticationMiddleware):
    """Django's, with ``request.user`` from ``get_user`` above."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: get_user(request))


def _minimal_paths(paths) -> list[str]:
    minimal: list[str] = []
    for path in sorted(set(paths)):
        if not any(path.startswith(kept) for kept in minimal):
            minimal.append(path)
    return minimal


class ActiveUnitMiddleware:
    """Sets ``request.user.active_membership``: the 任职 the user acts in, chosen in the unit switcher.

    The user's memberships are read once here (with their units) and reused for the rest of the request: the
    unit switcher, the navigation's roles, the data scope (``scope.scope_paths``) and role checks
    (``scope.roles_over``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = audit.current_ip.set(client_ip(request))
        try:
            user = request.user
            if user.is_authenticated:
                memberships = getattr(user, "all_memberships", None)  # set by core.backends with the user
                if memberships is None:
                    memberships = list(user.memberships.select_related("org").filter(org__is_active=True))
                chosen = request.session.get(ACTIVE_MEMBERSHIP_KEY)
                active = next((m for m in memberships if m.pk == chosen), memberships[0] if memberships else None)
                user.all_memberships = memberships
                user.active_membership = active
                user._scope_paths = _minimal_paths(m.org.path for m in memberships)
                renew_session(request)
            return self.get_response(request)
        finally:
            audit.current_ip.reset(token)


class ForcePasswordChangeMiddleware:
    """An account created or reset by an administrator must set its own password before anything else."""

    ALLOWED = ("password_change", "logout")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            allowed = {reverse(name) for name in self.ALLOWED}
            if request.path not in allowed and not request.path.startswith("/static/"):
                return redirect("password_change")
        return self.get_response(request)
