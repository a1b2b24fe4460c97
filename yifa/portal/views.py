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
def track(request):
    """凭查询码查询办理进度: every module with online applications answers for its own codes."""
    code = request.GET.get("code", "").strip()
    result, error = None, ""
    if code:
        if len(code) > 40:
            error = "查询码格式不正确。"
        else:
            result = registry.track_application(code)
            if result is None:
                error = "没有找到这个查询码对应的申请，请核对后重试（查询码在提交申请后显示，不区分大小写）。"
    return render(request, "portal/track.html", {"code": code, "result": result, "error": error})


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
