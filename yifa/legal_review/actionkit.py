"""Small helpers every action of the decision-and-rule modules shares."""

from types import SimpleNamespace

from django.core.exceptions import ValidationError

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
