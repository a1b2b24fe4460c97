"""Template filters of 行政执法: masking (去标识化) and amounts."""

from decimal import Decimal

from django import template

from yifa.core import identity

register = template.Library()


@register.filter
def mask_id(value):
    return identity.mask_id(value or "")


@register.filter
def mask_name(value):
    return identity.mask_name(value or "")


@register.filter
def mask_phone(value):
    return identity.mask_phone(value or "")


@register.filter
def mask_address(value):
    return identity.mask_address(value or "")


@register.filter
def public_party(case):
    return identity.mask_name(case.party_name) if case.party_kind == "person" else case.party_name


@register.filter
def yuan(value):
    """12,345.5 元 style: thousands separators, no trailing zeros."""
    if value in (None, ""):
        return "—"
    text = f"{Decimal(value):,.2f}".rstrip("0").rstrip(".")
    return f"{text} 元"


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None
