"""Per-request context: the acting unit (unit switcher), the client address, forced password change."""

from django.shortcuts import redirect
from django.urls import reverse

from . import audit
from .security import client_ip

ACTIVE_MEMBERSHIP_KEY = "active_membership_id"


class ActiveUnitMiddleware:
    """Sets ``request.user.active_membership``: the 任职 the user acts in, chosen in the unit switcher."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = audit.current_ip.set(client_ip(request))
        try:
            user = request.user
            if user.is_authenticated:
                memberships = list(user.memberships.select_related("org").filter(org__is_active=True))
                chosen = request.session.get(ACTIVE_MEMBERSHIP_KEY)
                active = next((m for m in memberships if m.pk == chosen), memberships[0] if memberships else None)
                user.all_memberships = memberships
                user.active_membership = active
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
