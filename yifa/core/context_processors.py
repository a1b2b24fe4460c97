from django.conf import settings
from django.utils.functional import SimpleLazyObject

from . import registry


def site(request):
    context = {"SITE_NAME": settings.SITE_NAME, "STAFF_SITE_NAME": settings.STAFF_SITE_NAME}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        memberships = getattr(user, "all_memberships", [])
        roles = {m.role for m in memberships}
        context.update(
            memberships=memberships,
            active_membership=getattr(user, "active_membership", None),
            nav=SimpleLazyObject(lambda: registry.nav_items(user, roles)),
            nav_html=registry.nav_html(user, roles, request.path),
            user_roles=roles,
        )
    context["font_size"] = request.COOKIES.get("yifa_font", "m") if request else "m"
    context["care_mode"] = request.COOKIES.get("yifa_care") == "1" if request else False
    return context


def portal(request):
    return {"portal_nav": registry.portal_sections()}
