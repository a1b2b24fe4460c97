"""Figures of the mediation register: pure reads, ``(orgs, start, end) -> numbers``.

Every figure is a count of a queryset defined once in ``METRICS``, so the drill-down lists exactly the
records behind the number. The cohort is the cases *accepted* in the period (受理), as the annual reports
count them ("全年受理矛盾纠纷172起，调解成功170起，成功率98.8%").

Definitions (人民调解法 gives none; set locally [NV], per statutory-rules.md §5):
- 排查次数: screening rounds carried out in the period (held_on in the period);
- 受理数: cases accepted in the period;
- 调解数: of those, cases that entered mediation (assigned, or with a recorded outcome);
- 调解成功数: of those, cases ending in a written or oral agreement;
- 调解率 = 调解数 / 受理数; 成功率 = 调解成功数 / 受理数 (达成协议件数 / 受理调解件数);
- 按期调结率 = cases concluded by their one-month target (with extensions) / concluded cases;
- 回访率 = successful cases with at least one 回访 / 调解成功数.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import ExtractMonth

from yifa.core.models import Org

from .models import Channel, DisputeCase, DisputeType, Finding, FollowUp, ScreeningRound

SUCCESS = (DisputeCase.Outcome.WRITTEN, DisputeCase.Outcome.ORAL)


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    q: Q  # applied to the cases accepted in the period


METRICS = {m.key: m for m in [
    Metric("accepted", "受理数", Q()),
    Metric("mediated", "调解数", Q(assigned_on__isnull=False) | ~Q(outcome="")),
    Metric("success", "调解成功数", Q(outcome__in=SUCCESS)),
    Metric("failed", "调解不成数", Q(outcome=DisputeCase.Outcome.FAILED)),
    Metric("concluded", "已调结数", ~Q(outcome="")),
    Metric("on_time", "按期调结数", ~Q(outcome="") & Q(resolve_due_on__isnull=False)
           & Q(outcome_on__lte=F("resolve_due_on"))),
    Metric("followed_up", "已回访数", Q(outcome__in=SUCCESS, has_follow_up=True)),
    Metric("referral", "对接移送数", Q(channel__in=Channel.referrals())),
    Metric("open", "在办数", Q(status__in=DisputeCase.OPEN)),
]}
BREAKDOWNS = {"type": "纠纷类型", "channel": "来源渠道", "unit": "承办单位", "month": "受理月份"}


def year_period(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def in_orgs(orgs, field: str = "org") -> Q:
    q = Q(pk__in=[])
    for org in orgs:
        q |= Q(**{f"{field}__path__startswith": org.path})
    return q


def accepted_cases(orgs, start: dt.date, end: dt.date):
    """The cohort: cases of ``orgs`` (their subtrees) accepted between ``start`` and ``end`` inclusive."""
    return (DisputeCase.objects.filter(in_orgs(orgs), accepted_on__range=(start, end))
            .annotate(has_follow_up=Exists(FollowUp.objects.filter(case=OuterRef("pk")))))


def cases_for(metric: str, orgs, start: dt.date, end: dt.date):
    """The records behind one figure (the drill-down)."""
    return accepted_cases(orgs, start, end).filter(METRICS[metric].q)


def screening_rounds(orgs, start: dt.date, end: dt.date):
    return ScreeningRound.objects.filter(in_orgs(orgs), status=ScreeningRound.Status.DONE,
                                         held_on__range=(start, end))


def findings(orgs, start: dt.date, end: dt.date):
    return Finding.objects.filter(round__in=screening_rounds(orgs, start, end))


def rate(part: int, whole: int) -> float | None:
    return None if not whole else round(part * 100 / whole, 1)


def _counts(qs) -> dict:
    return qs.aggregate(**{key: Count("pk", filter=m.q) for key, m in METRICS.items()})


def _with_rates(row: dict) -> dict:
    row["mediation_rate"] = rate(row["mediated"], row["accepted"])
    row["success_rate"] = rate(row["success"], row["accepted"])
    row["on_time_rate"] = rate(row["on_time"], row["concluded"])
    row["follow_up_rate"] = rate(row["followed_up"], row["success"])
    return row


def figures(orgs, start: dt.date, end: dt.date) -> dict:
    """All headline figures for ``orgs`` over the period."""
    row = _with_rates(_counts(accepted_cases(orgs, start, end)))
    row["screenings"] = screening_rounds(orgs, start, end).count()
    row["findings"] = findings(orgs, start, end).count()
    return row


def breakdown(orgs, start: dt.date, end: dt.date, by: str) -> list[dict]:
    """Figures per 纠纷类型, 来源渠道, 承办单位 or 受理月份: rows with ``key``, ``label`` and the counts."""
    qs = accepted_cases(orgs, start, end)
    if by == "type":
        field, labels = "dispute_type", dict(DisputeType.choices)
    elif by == "channel":
        field, labels = "channel", dict(Channel.choices)
    elif by == "unit":
        field, labels = "org", None
    elif by == "month":
        qs, field, labels = qs.annotate(month=ExtractMonth("accepted_on")), "month", None
    else:
        raise ValueError(by)
    rows = []
    grouped = qs.values(field).annotate(**{k: Count("pk", filter=m.q) for k, m in METRICS.items()}).order_by(field)
    names = {}
    if by == "unit":
        names = dict(Org.objects.filter(pk__in=[g[field] for g in grouped]).values_list("pk", "name"))
    for group in grouped:
        key = group.pop(field)
        label = labels.get(key, key) if labels else (names.get(key) if by == "unit" else f"{key}月")
        rows.append(_with_rates({"key": key, "label": label, **group}))
    if by != "month":
        rows.sort(key=lambda r: -r["accepted"])
    return rows


def screening_by_month(orgs, start: dt.date, end: dt.date) -> dict[int, int]:
    rounds = screening_rounds(orgs, start, end).annotate(month=ExtractMonth("held_on"))
    return dict(rounds.values_list("month").annotate(n=Count("pk")).values_list("month", "n"))


def drill_filter(qs, by: str, key: str):
    """Narrow a drill-down list to one breakdown row."""
    if by == "type":
        return qs.filter(dispute_type=key)
    if by == "channel":
        return qs.filter(channel=key)
    if by == "unit":
        return qs.filter(org_id=int(key))
    if by == "month":
        return qs.filter(accepted_on__month=int(key))
    return qs
