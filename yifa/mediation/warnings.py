"""预警: signals that a dispute may repeat or escalate, raised for the head to review.

人民调解法 第二十五条: 调解员发现纠纷有可能激化的, 应当采取有针对性的预防措施; 对有可能引起治安案件、
刑事案件的纠纷, 应当及时向当地公安机关或者其他有关部门报告.

Four kinds of signal, each raised once per (case, kind, key) so a rescan adds nothing twice:
- the same party (身份证号/统一社会信用代码, or name + phone) in another open or recent case of the same 乡镇/街道;
- the same address in another open or recent case;
- an open case past its one-month target;
- words in the description, claims or session notes that signal threats, self-harm or group action.
"""

import datetime as dt

from django.db.models import Q

from yifa.core import audit
from yifa.core.identity import mask_id

from .models import DisputeCase, EarlyWarning, Party, Session, open_or_recent

RECENT_DAYS = 365
GROUP_SIZE = 10  # 涉及人数 at or above this is treated as a 群体性 dispute
# Grouped so the warning says what kind of risk it is.
RISK_WORDS = {
    "扬言威胁": ("扬言", "威胁", "报复", "同归于尽", "拼命", "弄死", "杀了", "砍人", "持刀", "放火", "械斗"),
    "自伤自杀": ("自杀", "轻生", "跳楼", "跳河", "喝农药", "寻死", "不想活"),
    "群体性": ("群体", "集体上访", "聚集", "围堵", "堵路", "拉横幅", "闹事", "越级上访", "进京"),
}


AREA_KINDS = ("township", "subdistrict", "county", "city")


def area_path(org) -> str:
    """The 乡镇/街道 (or higher) subtree a case is compared within: the nearest such unit at or above ``org``."""
    if org.kind in AREA_KINDS:
        return org.path
    parent = org.parent
    return parent.path if parent is not None and parent.kind in AREA_KINDS else org.path


def found_risk_words(text: str) -> dict[str, list[str]]:
    found = {}
    for group, words in RISK_WORDS.items():
        hits = [w for w in words if w in text]
        if hits:
            found[group] = hits
    return found


def raise_warning(case: DisputeCase, kind: str, *, key: str, detail: str, today: dt.date) -> EarlyWarning | None:
    """Create the warning unless this (case, kind, key) was raised before; audited as a system act."""
    warning, created = EarlyWarning.objects.get_or_create(
        case=case, kind=kind, key=key[:100], defaults={"detail": detail[:300], "raised_on": today})
    if not created:
        return None
    audit.record("mediation.raise_warning", case, by=None, org=case.org, note=detail[:300],
                 changes={"kind": [None, warning.get_kind_display()]})
    return warning


def _others(case: DisputeCase, today: dt.date):
    since = today - dt.timedelta(days=RECENT_DAYS)
    return (DisputeCase.objects.filter(org__path__startswith=area_path(case.org))
            .filter(open_or_recent(since)).exclude(pk=case.pk))


def _numbers(cases) -> str:
    shown = [f"{c.number}（{c.get_status_display()}）" for c in cases[:3]]
    return "、".join(shown) + (f"等{len(cases)}起" if len(cases) > 3 else "")


def _repeat_parties(case: DisputeCase, today: dt.date) -> int:
    """One warning per party of ``case`` seen in other open or recent cases of the same 乡镇/街道."""
    raised = 0
    others = _others(case, today)
    for party in case.parties.all():
        if party.id_number:
            match, key = Q(id_number=party.id_number), party.id_number
            who = f"{party.name}（{party.id_label}{mask_id(party.id_number)}）"
        elif party.phone:
            match, key = Q(name=party.name, phone=party.phone), f"{party.name}/{party.phone}"
            who = f"{party.name}（同名同电话）"
        else:
            continue
        seen = list(others.filter(pk__in=Party.objects.filter(match).values("case_id"))
                    .order_by("-registered_on", "-pk")[:20])
        if seen and raise_warning(case, EarlyWarning.Kind.REPEAT_PARTY, key=f"party:{key}", today=today,
                                  detail=f"当事人{who}另涉纠纷 {_numbers(seen)}"):
            raised += 1
    return raised


def _repeat_addresses(case: DisputeCase, today: dt.date) -> int:
    # Exact match of the stored (trimmed) text: a bare 村名 is too short to mean one household.
    addresses = {a for a in [case.location, *case.parties.values_list("address", flat=True)] if len(a or "") >= 6}
    if not addresses:
        return 0
    seen = list(_others(case, today).filter(Q(location__in=addresses) | Q(parties__address__in=addresses))
                .distinct().order_by("-registered_on", "-pk")[:20])
    return int(bool(seen and raise_warning(case, EarlyWarning.Kind.REPEAT_ADDRESS, key="address", today=today,
                                           detail=f"同一地址另有纠纷 {_numbers(seen)}")))


def _overdue(case: DisputeCase, today: dt.date, raise_=raise_warning) -> int:
    if case.is_open and case.resolve_due_on and case.resolve_due_on < today:
        days = (today - case.resolve_due_on).days
        return int(bool(raise_(
            case, EarlyWarning.Kind.OVERDUE, key=f"overdue:{case.resolve_due_on.isoformat()}", today=today,
            detail=f"调结期限{case.resolve_due_on:%Y年%-m月%-d日}已过 {days} 天仍未调结"
                   f"（人民调解工作若干规定第三十三条：一般在一个月内调结）")))
    return 0


def _risk_words(case: DisputeCase, today: dt.date, raise_=raise_warning, notes: list[str] | None = None) -> int:
    """Risk words in the case's texts and its sessions' notes (``notes``: read here when not given)."""
    if notes is None:
        notes = list(Session.objects.filter(case=case).values_list("summary", flat=True))
    found = found_risk_words(" ".join([case.title, case.description, case.claims, " ".join(notes)]))
    raised = 0
    if found:
        words = "、".join(w for hits in found.values() for w in hits)
        groups = "、".join(found)
        if raise_(case, EarlyWarning.Kind.RISK_WORDS, key="words:" + words, today=today,
                  detail=f"纠纷材料中出现{groups}风险用语：{words}"):
            raised += 1
    if case.people_involved >= GROUP_SIZE and raise_(
            case, EarlyWarning.Kind.RISK_WORDS, key="group", today=today,
            detail=f"涉及 {case.people_involved} 人，属群体性纠纷，注意防止激化"):
        raised += 1
    return raised


def scan_case(case: DisputeCase, *, today: dt.date) -> int:
    """Raise every warning that applies to ``case`` now; returns how many are new."""
    if case.status == DisputeCase.Status.REJECTED:
        return 0
    return (_repeat_parties(case, today) + _repeat_addresses(case, today) + _overdue(case, today)
            + _risk_words(case, today))


def scan_new_cases(cases: list[DisputeCase], *, today: dt.date) -> int:
    """``scan_case`` for many cases at once (a ledger import): the same warnings and audit entries, in the same
    order, with the other open or recent cases of each 乡镇/街道 and their parties read once per area instead of
    two lookups per case (each a scan of the area's cases and parties: minutes for the open rows of a 10,000-row
    ledger), the cases' session notes and earlier warnings read in one query each, and the new warnings inserted
    together with their ``mediation.raise_warning`` entries (``audit.record_many``) instead of a
    ``get_or_create`` and an entry of their own each. Returns how many are new."""
    since = today - dt.timedelta(days=RECENT_DAYS)
    by_area: dict[str, list[DisputeCase]] = {}
    for case in cases:
        if case.status != DisputeCase.Status.REJECTED:
            by_area.setdefault(area_path(case.org), []).append(case)
    ids = [case.pk for group in by_area.values() for case in group]
    seen_keys: set[tuple] = set()   # (case, kind, key) raised before or in this pass
    notes: dict[int, list[str]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        seen_keys.update(EarlyWarning.objects.filter(case_id__in=chunk).values_list("case_id", "kind", "key"))
        for case_id, summary in Session.objects.filter(case_id__in=chunk).values_list("case_id", "summary"):
            notes.setdefault(case_id, []).append(summary)
    pending: list[tuple[DisputeCase, EarlyWarning]] = []

    def raise_(case, kind, *, key, detail, today):
        """``raise_warning`` deferred: the warning is noted unless (case, kind, key) was raised already."""
        found = (case.pk, kind, key[:100])
        if found in seen_keys:
            return None
        seen_keys.add(found)
        warning = EarlyWarning(case=case, kind=kind, key=key[:100], detail=detail[:300], raised_on=today)
        pending.append((case, warning))
        return warning

    for path, group in by_area.items():
        others = {c.pk: c for c in DisputeCase.objects.filter(org__path__startswith=path).filter(open_or_recent(since))}
        parties = list(Party.objects.filter(case_id__in=others))
        holders: dict[tuple, set[int]] = {}
        for party in parties:
            if party.id_number:
                holders.setdefault(("id", party.id_number), set()).add(party.case_id)
            holders.setdefault(("person", party.name, party.phone), set()).add(party.case_id)
            holders.setdefault(("address", party.address), set()).add(party.case_id)
        for other in others.values():
            holders.setdefault(("address", other.location), set()).add(other.pk)
        own = {}
        for party in parties:
            own.setdefault(party.case_id, []).append(party)

        def latest(ids, case):
            found = sorted((others[i] for i in ids if i != case.pk), key=lambda c: (c.registered_on, c.pk),
                           reverse=True)  # the order of scan_case's query (latest first, then the newer record)
            return found[:20]

        for case in group:
            for party in own.get(case.pk, []):
                if party.id_number:
                    key, who = party.id_number, f"{party.name}（{party.id_label}{mask_id(party.id_number)}）"
                    seen = latest(holders.get(("id", key), ()), case)
                elif party.phone:
                    key, who = f"{party.name}/{party.phone}", f"{party.name}（同名同电话）"
                    seen = latest(holders.get(("person", party.name, party.phone), ()), case)
                else:
                    continue
                if seen:
                    raise_(case, EarlyWarning.Kind.REPEAT_PARTY, key=f"party:{key}", today=today,
                           detail=f"当事人{who}另涉纠纷 {_numbers(seen)}")
            addresses = {a for a in [case.location, *(p.address for p in own.get(case.pk, []))] if len(a or "") >= 6}
            seen = latest({i for a in addresses for i in holders.get(("address", a), ())}, case)
            if seen:
                raise_(case, EarlyWarning.Kind.REPEAT_ADDRESS, key="address", today=today,
                       detail=f"同一地址另有纠纷 {_numbers(seen)}")
            _overdue(case, today, raise_)
            _risk_words(case, today, raise_, notes.get(case.pk, []))
    _save_warnings(pending)
    return len(pending)


def _save_warnings(pending: list[tuple[DisputeCase, EarlyWarning]]) -> None:
    """Insert the noted warnings and their ``mediation.raise_warning`` entries (as ``raise_warning`` writes them:
    a system act on the case, in its unit, the detail as note), the entries in the order they were raised."""
    from yifa.core import imports

    if not pending:
        return
    imports.bulk_insert(EarlyWarning, [warning for _case, warning in pending])
    labels = dict(EarlyWarning.Kind.choices)
    start = 0
    while start < len(pending):  # one record_many per run of cases of one unit (an import: one run)
        org_id = pending[start][0].org_id
        end = start
        while end < len(pending) and pending[end][0].org_id == org_id:
            end += 1
        run = pending[start:end]
        audit.record_many("mediation.raise_warning", [case for case, _w in run], by=None, org=run[0][0].org,
                          note=[w.detail for _c, w in run], changes=[{"kind": [None, labels[w.kind]]} for _c, w in run])
        start = end


def _cases(orgs, today: dt.date):
    cases = DisputeCase.objects.filter(open_or_recent(today - dt.timedelta(days=RECENT_DAYS)))
    if orgs is not None:
        q = Q(pk__in=[])
        for org in orgs:
            q |= Q(org__path__startswith=org.path)
        cases = cases.filter(q)
    return cases.select_related("org__parent")


def scan(*, orgs=None, today: dt.date) -> int:
    """Scan every open or recent case of ``orgs`` (their subtrees; all units when None)."""
    return sum(scan_case(case, today=today) for case in _cases(orgs, today))


def scan_overdue(*, orgs=None, today: dt.date) -> int:
    """The daily pass: only the cases that went past their target since they were last looked at."""
    cases = _cases(orgs, today).filter(status__in=DisputeCase.OPEN, resolve_due_on__lt=today)
    return sum(_overdue(case, today) for case in cases)
