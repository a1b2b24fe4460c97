"""The one door through which a matter's ``status`` changes.

A model declares ``Status`` choices and ``TRANSITIONS = {action: (sources, target)}``;
actions call ``transition()`` inside their transaction, which checks the move,
saves the status and records the audit entry.
"""

from . import audit


class InvalidTransition(Exception):
    """The move is not allowed from the current state; the message is for the user (Chinese)."""


def allowed(obj, action: str) -> bool:
    sources, _target = obj.TRANSITIONS[action]
    return obj.status in sources


def transition(obj, action: str, *, by, note: str = "", changes: dict | None = None, extra_fields=()) -> None:
    """Move ``obj`` along ``TRANSITIONS[action]``, save it and append the audit entry.

    ``extra_fields`` are other fields the action set on ``obj`` and wants saved
    (and recorded) in the same step.
    """
    if action not in obj.TRANSITIONS:
        raise InvalidTransition(f"未定义的操作：{action}")
    sources, target = obj.TRANSITIONS[action]
    if obj.status not in sources:
        current = obj.get_status_display()
        label = getattr(obj, "ACTION_LABELS", {}).get(action, action)
        raise InvalidTransition(f"当前状态为“{current}”，不能执行“{label}”。")
    old = obj.status
    obj.status = target
    fields = ["status", *extra_fields]
    if any(f.name == "updated_at" for f in obj._meta.get_fields()):
        fields.append("updated_at")
    obj.save(update_fields=fields)
    all_changes = {"status": [old, target], **(changes or {})}
    audit.record(f"{obj._meta.app_label}.{action}", obj, by=by, note=note, changes=all_changes)
