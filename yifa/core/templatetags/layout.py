"""The staff layout's parts that are the same on every page of a person: made once per process and reused.

- ``{% staff_topbar %}``: the top bar (``core/_topbar.html``: the unit switcher, the unit and role acted in, the
  person's name, the password and sign-out links), rendered once per user, 任职 (unit names, roles) and unit acted in,
  with the page's CSRF token and path put in on each page. The 任职 are read with the session on every request
  (core.backends), so a changed 任职, unit name or role gives another key: never a stale bar.
- ``{% asset "yifa/yifa.css" %}``: ``{% static %}``'s URL, worked out once per file.
"""

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

CSRF_MARK, NEXT_MARK = "\x00csrf\x00", "\x00next\x00"
TOPBARS_KEPT = 2_000
_topbars: dict = {}
_assets: dict = {}


def _render_topbar(context, csrf_token, next_path) -> str:
    return render_to_string("core/_topbar.html", {
        "STAFF_SITE_NAME": context.get("STAFF_SITE_NAME"), "user": context.get("user"),
        "memberships": context.get("memberships") or [], "active_membership": context.get("active_membership"),
        "csrf_token": csrf_token, "next_path": next_path}).strip()


@register.simple_tag(takes_context=True)
def staff_topbar(context):
    user, request = context.get("user"), context.get("request")
    memberships = context.get("memberships") or []
    active = context.get("active_membership")
    token = context.get("csrf_token")
    token = "" if token is None else str(token)
    next_path = request.get_full_path() if request is not None else ""
    if not token or token == "NOTPROVIDED" or user is None:
        return mark_safe(_render_topbar(context, token, next_path))  # nothing to keep: no token to put in
    key = (get_script_prefix(), context.get("STAFF_SITE_NAME"), user.pk, user.display_name,
           tuple((m.pk, m.org.name, m.role) for m in memberships),
           (active.pk, active.org.name, active.role) if active is not None else None)
    parts = _topbars.get(key)
    if parts is None:
        html = _render_topbar(context, CSRF_MARK, NEXT_MARK)
        if len(_topbars) >= TOPBARS_KEPT:
            _topbars.clear()
        # [text, mark, text, mark, …]: the marks' places, found once (a path never holds the marks: it is escaped).
        parts = _topbars[key] = tuple(_split_marks(html))
    values = {CSRF_MARK: escape(token), NEXT_MARK: escape(next_path)}
    return mark_safe("".join(values.get(part, part) for part in parts))


def _split_marks(html: str):
    rest = html
    while rest:
        places = [(rest.find(mark), mark) for mark in (CSRF_MARK, NEXT_MARK) if mark in rest]
        if not places:
            yield rest
            return
        at, mark = min(places)
        yield rest[:at]
        yield mark
        rest = rest[at + len(mark):]


def forget_topbars():
    """Drop the kept top bars (tests)."""
    _topbars.clear()


@register.simple_tag
def asset(path: str) -> str:
    key = (settings.STATIC_URL, path)
    url = _assets.get(key)
    if url is None:
        url = _assets[key] = static(path)
    return url
