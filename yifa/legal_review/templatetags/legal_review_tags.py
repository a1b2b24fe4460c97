"""Template filters shared by the decision-and-rule modules."""

from django import template

from yifa.core.identity import mask_name, mask_phone

register = template.Library()


@register.filter
def masked_phone(value) -> str:
    return mask_phone(value) if value else "—"


@register.filter
def masked_name(value) -> str:
    return mask_name(value) if value else "匿名"


@register.filter
def pct(value) -> str:
    """98.8 → "98.8%"; None → "—"."""
    if value is None:
        return "—"
    return f"{value.normalize():f}%" if hasattr(value, "normalize") else f"{value}%"


@register.filter
def get_item(mapping, key):
    """``{{ can.waive|get_item:step.kind }}``: a dict looked up by a variable key."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None
