"""Small display helpers for the mediation templates."""

from django import template

register = template.Library()

STATUS_BADGES = {
    "registered": "warn", "accepted": "warn", "mediating": "", "agreed": "ok", "followed_up": "ok",
    "failed": "danger", "closed": "grey", "rejected": "grey",
}


@register.filter
def status_badge(status: str) -> str:
    return STATUS_BADGES.get(status, "")


@register.filter
def percent(value) -> str:
    if value is None:
        return "—"
    return f"{value:.1f}".rstrip("0").rstrip(".") + "%"


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
