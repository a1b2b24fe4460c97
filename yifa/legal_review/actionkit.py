"""Small helpers every action of the decision-and-rule modules shares."""

import re
from types import SimpleNamespace

from django.core.exceptions import ValidationError

from yifa.core.models import NumberSequence
from yifa.core.workflow import InvalidTransition, allowed

# The public is not a user: a comment sent on the portal is audited under this name, with its unit.
PUBLIC = SimpleNamespace(pk=None, display_name="公众（门户）", is_authenticated=False)


def required(value, message: str) -> str:
    """The stripped text, or a ValidationError with the Chinese ``message`` when it is empty."""
    text = (value or "").strip()
    if not text:
        raise ValidationError(message)
    return text


def require_state(obj, action: str) -> None:
    """Refuse a step the matter's state does not allow, before any other check (the words transition() uses)."""
    if not allowed(obj, action):
        label = obj.ACTION_LABELS.get(action, action)
        raise InvalidTransition(f"当前状态为“{obj.get_status_display()}”，不能执行“{label}”。")


# ---------------------------------------------------------------- 台账导入


def reserve_numbers(org, kind: str, fmt: str, numbers) -> None:
    """Numbers a ledger brings in that are in the unit's own series (e.g. 东街规〔2025〕3号) move the series past
    them, so the next number the system gives is never one already used. Call inside the import's transaction."""
    parts = re.split(r"(\{abbr\}|\{year\}|\{n[^}]*\})", fmt)
    pattern = "".join(re.escape(org.abbreviation) if p == "{abbr}" else r"(?P<year>\d{4})" if p == "{year}"
                      else r"0*(?P<n>\d+)" if p.startswith("{n") else re.escape(p) for p in parts)
    highest: dict[int, int] = {}
    for number in numbers:
        match = re.fullmatch(pattern, number or "")
        if match:
            year, n = int(match["year"]), int(match["n"])
            highest[year] = max(highest.get(year, 0), n)
    for year, n in highest.items():
        sequence, created = NumberSequence.objects.select_for_update().get_or_create(
            org=org, kind=kind, year=year, defaults={"last": n})
        if not created and sequence.last < n:
            sequence.last = n
            sequence.save(update_fields=["last"])
