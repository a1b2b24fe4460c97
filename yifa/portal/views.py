"""The public portal: no login, no personal data, readable at every font size."""

from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from yifa.core import registry

FONT_SIZES = {"s": "小", "m": "中", "l": "大"}
ONE_YEAR = 365 * 24 * 3600


def home(request):
    return render(request, "portal/home.html", {"sections": registry.portal_sections()})


@require_GET
def set_display(request):
    """字号 (大/中/小) and 关怀模式: kept in a cookie so the choice persists; works without JavaScript."""
    back = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = "/"
    response = redirect(back)
    size = request.GET.get("size")
    if size in FONT_SIZES:
        response.set_cookie("yifa_font", size, max_age=ONE_YEAR, samesite="Lax")
    care = request.GET.get("care")
    if care in {"0", "1"}:
        response.set_cookie("yifa_care", care, max_age=ONE_YEAR, samesite="Lax")
    return response
