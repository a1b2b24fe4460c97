"""The audit chain: ``record()`` appends one hash-chained entry inside the caller's transaction.

Called explicitly from every action (no signals), so scripts, management
commands and web requests are recorded alike.
"""

import contextvars
import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import AuditEntry, AuditHead, Org

# The request's client address, set by middleware; empty outside a request.
current_ip: contextvars.ContextVar[str | None] = contextvars.ContextVar("yifa_current_ip", default=None)

GENESIS = "0" * 64
HASHED_FIELDS = (
    "seq", "at", "actor_id", "actor_name", "actor_org_id", "actor_org_name", "action",
    "target_type", "target_id", "target_repr", "note", "changes", "ip", "prev_hash",
)


def _plain(value):
    """Make ``changes`` JSON-plain, so what is stored is exactly what was hashed."""
    if _is_plain(value):
        return value
    return json.loads(json.dumps(value, ensure_ascii=False, default=str, sort_keys=True))


def _is_plain(value) -> bool:
    """Already what a JSON round trip gives back (str keys; lists, strings, ints, booleans, None): the usual
    ``{"field": [old, new]}``, checked without the round trip."""
    kind = value.__class__
    if kind is dict:
        return all(key.__class__ is str and _is_plain(item) for key, item in value.items())
    if kind is list:
        return all(_is_plain(item) for item in value)
    return kind in (str, int, bool) or value is None


def content_hash(entry: AuditEntry) -> str:
    data = {name: getattr(entry, name) for name in HASHED_FIELDS}
    data["at"] = entry.at.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def target_label(obj) -> tuple[str, str, str]:
    if obj is None:
        return "", "", ""
    return obj._meta.label_lower, str(obj.pk), str(obj)[:200]


def acting_org(by, target=None) -> Org | None:
    """The unit the actor acted for: the one chosen in the unit switcher, else one whose subtree holds the target."""
    membership = getattr(by, "active_membership", None)
    if membership is not None:
        return membership.org
    if by is None or not getattr(by, "is_authenticated", False):
        return None
    memberships = list(by.memberships.select_related("org"))
    target_org = getattr(target, "org", None) if target is not None and not isinstance(target, Org) else target
    if target_org is not None:
        for membership in sorted(memberships, key=lambda m: -len(m.org.path)):
            if target_org.path.startswith(membership.org.path):
                return membership.org
    return memberships[0].org if memberships else None


def record(action: str, target=None, *, by, org: Org | None = None, note: str = "",
           changes: dict | None = None) -> AuditEntry:
    """Append an entry for ``action`` ("<app>.<verb>") on ``target`` by ``by``.

    Must run inside the action's transaction: the entry commits or rolls back with it.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record() must be called inside the action's transaction.")
    if org is None:
        org = acting_org(by, target)
    target_type, target_id, target_repr = target_label(target)
    head = _locked_head()
    entry = AuditEntry(
        seq=head.last_seq + 1,
        at=timezone.now(),
        actor=by if getattr(by, "pk", None) else None,
        actor_name=(getattr(by, "display_name", "") or str(by or "系统"))[:150] if by else "系统",
        actor_org=org,
        actor_org_name=org.name if org else "",
        action=action,
        target_type=target_type,
        target_id=target_id,
        target_repr=target_repr,
        note=note or "",
        changes=_plain(changes or {}),
        ip=current_ip.get(),
        prev_hash=head.last_hash,
    )
    entry.entry_hash = content_hash(entry)
    entry.save()
    AuditHead.objects.filter(pk=head.pk).update(last_seq=entry.seq, last_hash=entry.entry_hash)
    return entry


class _Row:
    """An entry's values by field ``attname`` (what ``imports.insert_steps`` inserts), without a model instance."""

    def __init__(self, **values):
        self.__dict__.update(values)


def record_many(action: str, targets, *, by, org: Org | None = None, note="", changes=None) -> int:
    """Append one entry for ``action`` on each of ``targets`` (saved records), in bulk: for a ledger import of
    thousands of rows, where ``record()`` would take a statement or three per entry.

    The entries are exactly those ``record()`` would append one after another (same fields, same time, each
    hash chained on the one before, computed here under the chain's lock) and go in with one multi-row INSERT
    per thousand; ``verify_audit`` reads them as any others. ``note`` and ``changes`` may be functions of the
    target, or lists with one value per target (a target may come twice: two warnings on one case). Must run
    inside the action's transaction. Returns the number of entries.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record_many() must be called inside the action's transaction.")
    targets = list(targets)
    if not targets:
        return 0
    from .imports import bulk_insert

    if org is None:
        org = acting_org(by, targets[0])
    actor_id = by.pk if getattr(by, "pk", None) else None
    actor_name = (getattr(by, "display_name", "") or str(by or "系统"))[:150] if by else "系统"
    org_id, org_name = (org.pk, org.name) if org else (None, "")
    at, ip = timezone.now(), current_ip.get()
    # content_hash's payload, with what every entry shares worked out once (the time's text, the encoder).
    encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode
    shared = {"at": at.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ"), "actor_id": actor_id,
              "actor_name": actor_name, "actor_org_id": org_id, "actor_org_name": org_name, "action": action, "ip": ip}
    head = _locked_head()
    seq, prev_hash = head.last_seq, head.last_hash
    notes = note if isinstance(note, list) else None
    all_changes = changes if isinstance(changes, list) else None
    if (notes is not None and len(notes) != len(targets)) or (all_changes is not None
                                                             and len(all_changes) != len(targets)):
        raise ValueError("record_many: one note and one changes value per target.")
    entries = []
    for i, target in enumerate(targets):
        target_type, target_id, target_repr = target_label(target)
        seq += 1
        entry = _Row(
            seq=seq, at=at, actor_id=actor_id, actor_name=actor_name, actor_org_id=org_id, actor_org_name=org_name,
            action=action, target_type=target_type, target_id=target_id, target_repr=target_repr,
            note=(notes[i] if notes is not None else note(target) if callable(note) else note) or "",
            changes=_plain((all_changes[i] if all_changes is not None else changes(target) if callable(changes)
                            else changes) or {}), ip=ip, prev_hash=prev_hash)
        data = {**shared, "seq": seq, "target_type": target_type, "target_id": target_id,
                "target_repr": target_repr, "note": entry.note, "changes": entry.changes, "prev_hash": prev_hash}
        entry.entry_hash = prev_hash = hashlib.sha256(encode(data).encode("utf-8")).hexdigest()
        entries.append(entry)
    bulk_insert(AuditEntry, entries)
    AuditHead.objects.filter(pk=head.pk).update(last_seq=seq, last_hash=prev_hash)
    return len(entries)


def _locked_head() -> AuditHead:
    """The chain tip, row-locked until the transaction ends so entries append one at a time."""
    try:
        return AuditHead.objects.select_for_update().get(pk=1)
    except AuditHead.DoesNotExist:
        pass
    try:
        with transaction.atomic():
            AuditHead.objects.create(pk=1, last_seq=0, last_hash=GENESIS)
    except IntegrityError:
        pass  # another transaction created it first
    return AuditHead.objects.select_for_update().get(pk=1)


@dataclass
class ChainProblem:
    seq: int | None
    message: str


def verify_chain(batch_size: int = 2000) -> tuple[int, ChainProblem | None]:
    """Recompute the chain. Returns (entries checked, first problem or None)."""
    prev_hash, expected_seq, checked = GENESIS, 1, 0
    qs = AuditEntry.objects.order_by("seq")
    last_seq = 0
    while True:
        batch = list(qs.filter(seq__gt=last_seq)[:batch_size])
        if not batch:
            break
        for entry in batch:
            if entry.seq != expected_seq:
                return checked, ChainProblem(expected_seq, f"第 {expected_seq} 条记录缺失（下一条是第 {entry.seq} 条）")
            if entry.prev_hash != prev_hash:
                return checked, ChainProblem(entry.seq, f"第 {entry.seq} 条记录的前序哈希不符：前一条被改动或删除")
            if content_hash(entry) != entry.entry_hash:
                return checked, ChainProblem(entry.seq, f"第 {entry.seq} 条记录（{entry.action}）的内容与其哈希不符：已被改动")
            prev_hash, expected_seq, checked = entry.entry_hash, entry.seq + 1, checked + 1
            last_seq = entry.seq
    head = AuditHead.objects.filter(pk=1).first()
    head_seq, head_hash = (head.last_seq, head.last_hash) if head else (0, GENESIS)
    if head_seq != checked or head_hash != prev_hash:
        return checked, ChainProblem(checked + 1, f"链尾不符：应有 {head_seq} 条，实有 {checked} 条，最后的记录被删除或改动")
    return checked, None
