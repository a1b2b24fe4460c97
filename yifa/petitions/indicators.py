"""信访 figures: pure reads, ``(orgs, period) -> numbers``, each figure with the records behind it.

A figure is a named *cell*: ``records(qs, key, period)`` is the drill-down and the count is its
length, so what the table says and what the list shows cannot differ.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast

from yifa.core import deadlines
from yifa.core.models import Deadline

from .models import Petition

P = Petition
S = P.Status
Period = tuple[dt.date, dt.date]
HANDLE, NOTIFY = "petitions.handle", "petitions.notify"


def in_orgs(orgs):
    """The 信访事项 of these units and every unit below them."""
    q = Q(pk__in=[])
    for org in orgs:
        q |= Q(org__path__startswith=org.path)
    return Petition.objects.filter(q)


def registered(qs):
    return qs.exclude(status__in=(S.SUBMITTED, S.DISCARDED))


def _between(field: str, period: Period) -> Q:
    return Q(**{f"{field}__gte": period[0], f"{field}__lte": period[1]})


def _late(qs, rule_code: str, start_field: str, done_field: str) -> Q:
    """Matters of ``qs`` that finished the step after its due date: from the clock where one ran (a condition
    left to the database: a city's year is thousands of matters), else recomputed from the dates (records
    imported from an old 台账 have no clock; only those are read)."""
    clocks = Deadline.objects.filter(target_type="petitions.petition", rule__code=rule_code,
                                     target_id=Cast(OuterRef("pk"), CharField())).exclude(status="cancelled")
    late = []
    for row in qs.filter(~Exists(clocks)).values("pk", start_field, done_field, "extension_approved_by"):
        if row[start_field] and row[done_field]:
            extensions = 1 if row["extension_approved_by"] and rule_code == HANDLE else 0
            if row[done_field] > deadlines.compute(rule_code, row[start_field], extensions=extensions).due_on:
                late.append(row["pk"])
    return Q(Exists(clocks.filter(status="late"))) | Q(pk__in=late)


def records(qs, key: str, period: Period):
    """The records behind one figure (the drill-down of a cell)."""
    qs = registered(qs)
    kind, _, value = key.partition(":")
    if kind == "received":
        return qs.filter(_between("received_on", period))
    if kind in ("channel", "category", "subject"):
        return qs.filter(_between("received_on", period), **{kind: value})
    if kind == "accepted":
        return qs.filter(_between("accepted_on", period))
    if kind == "not_accepted":
        return qs.filter(_between("notified_on", period), status=S.NOT_ACCEPTED)
    if kind == "transferred":
        return qs.filter(_between("notified_on", period), status=S.TRANSFERRED)
    if kind == "returned":
        return qs.filter(_between("notified_on", period), status=S.RETURNED)
    if kind == "mediation":
        return qs.filter(_between("handed_on", period))
    if kind == "concluded":
        return qs.filter(_between("replied_on", period))
    if kind == "opinion":
        return qs.filter(_between("replied_on", period), opinion=value)
    if kind == "concluded_late":
        concluded = records(qs, "concluded", period)
        return concluded.filter(_late(concluded, HANDLE, "accepted_on", "replied_on"))
    if kind == "notified_late":
        notified = qs.filter(_between("notified_on", period), contact_unclear=False)
        return notified.filter(_late(notified, NOTIFY, "received_on", "notified_on"))
    if kind == "extended":
        return records(qs, "concluded", period).exclude(extension_approved_by=None)
    if kind == "review":
        return qs.filter(_between("review_requested_on", period))
    if kind == "recheck":
        return qs.filter(_between("recheck_requested_on", period))
    if kind == "rated":
        return qs.filter(_between("satisfaction_on", period)).exclude(satisfaction="")
    if kind == "satisfaction":
        return qs.filter(_between("satisfaction_on", period), satisfaction=value)
    if kind == "open_at_end":
        end = period[1]
        return qs.filter(received_on__lte=end).filter(
            Q(status__in=P.OPEN) & Q(replied_on__isnull=True) | Q(replied_on__gt=end)).exclude(
            status__in=(S.NOT_ACCEPTED, S.TRANSFERRED, S.RETURNED, S.MEDIATION))
    if kind == "overdue_open":
        return qs.filter(status__in=P.OPEN, due_on__lt=deadlines.today())
    raise KeyError(key)


def count(qs, key: str, period: Period) -> int:
    return records(qs, key, period).count()


def rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass
class Row:
    label: str
    key: str
    value: int
    share: float | None = None  # percentage, where the row is a part of a whole


def table(qs, period: Period) -> list[tuple[str, list[Row]]]:
    """信访工作数据 for the figures page: sections of rows, each row a drill-down cell."""
    received = count(qs, "received", period)
    concluded = count(qs, "concluded", period)
    late = count(qs, "concluded_late", period)
    rated = count(qs, "rated", period)
    satisfied = count(qs, "satisfaction:satisfied", period) + count(qs, "satisfaction:basic", period)

    def rows(kind, choices, whole):
        return [Row(label, f"{kind}:{value}", n, rate(n, whole))
                for value, label in choices for n in [count(qs, f"{kind}:{value}", period)]]

    return [
        ("登记与告知", [
            Row("登记信访事项", "received", received),
            Row("告知受理", "accepted", count(qs, "accepted", period)),
            Row("告知不予受理", "not_accepted", count(qs, "not_accepted", period)),
            Row("转送有权机关", "transferred", count(qs, "transferred", period)),
            Row("退回交办机关", "returned", count(qs, "returned", period)),
            Row("转人民调解（访调对接）", "mediation", count(qs, "mediation", period)),
            Row("逾期告知", "notified_late", count(qs, "notified_late", period)),
        ]),
        ("信访形式", rows("channel", P.Channel.choices, received)),
        ("事项类别", rows("category", P.Category.choices, received)),
        ("问题分类", rows("subject", P.Subject.choices, received)),
        ("办理结果", [
            Row("办结（出具处理意见书）", "concluded", concluded),
            *rows("opinion", P.Opinion.choices, concluded),
            Row("经批准延期办结", "extended", count(qs, "extended", period), rate(count(qs, "extended", period), concluded)),
            Row("逾期办结", "concluded_late", late, rate(late, concluded)),
            Row("申请复查", "review", count(qs, "review", period)),
            Row("申请复核", "recheck", count(qs, "recheck", period)),
            Row("年末尚未办结", "open_at_end", count(qs, "open_at_end", period)),
        ]),
        ("满意度", [Row("参评", "rated", rated), *rows("satisfaction", P.Satisfaction.choices, rated)]),
    ] + [("比率", [
        Row("按期办结率（%）", "concluded", rate(concluded - late, concluded) or 0),
        Row("满意率（满意与基本满意，%）", "rated", rate(satisfied, rated) or 0),
    ])]


def figures(orgs, period: Period) -> dict[str, float | int | None]:
    """The numbers the dashboard and the annual report take from 信访 (``None``: nothing to divide)."""
    qs = in_orgs(orgs)
    concluded = count(qs, "concluded", period)
    rated = count(qs, "rated", period)
    satisfied = count(qs, "satisfaction:satisfied", period) + count(qs, "satisfaction:basic", period)
    return {
        "received": count(qs, "received", period),
        "concluded": concluded,
        "on_time_rate": rate(concluded - count(qs, "concluded_late", period), concluded),
        "satisfaction_rate": rate(satisfied, rated),
        "to_mediation": count(qs, "mediation", period),
        "reviews": count(qs, "review", period),
        "overdue_open": count(qs, "overdue_open", period),
    }


INDICATORS = {
    "received": "登记信访事项数",
    "concluded": "办结信访事项数",
    "on_time_rate": "信访事项按期办结率（%）",
    "satisfaction_rate": "信访群众满意率（%）",
    "to_mediation": "转人民调解数",
    "reviews": "申请复查数",
    "overdue_open": "逾期未办结数",
}
