"""政府信息公开 figures: pure reads, ``(orgs, period) -> numbers``, each with the records behind it.

The tables of the yearly 政府信息公开工作年度报告 follow the national format (国办公开办函〔2021〕30号):
二 主动公开 (第二十条 items), 三 收到和处理申请 (by applicant type; 一 + 二 = 三(七) + 四), 四 复议和诉讼.
Every cell is a key; ``request_records`` / ``publication_records`` give the rows behind it and the
number is computed from them, so the table and its drill-down cannot differ.

统计口径 (local choices where the format is silent, [NV]): a request counts as 收到 on its day of receipt
(第三十一条; online ones once receipt is confirmed), as 办结 on its reply or closing date; 复议/诉讼 are
counted in the year of the reply they concern.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import CharField, Exists, OuterRef, Q, Sum
from django.db.models.functions import Cast

from yifa.core import deadlines
from yifa.core.models import Deadline

from .models import InfoRequest, ProactiveDisclosure

R, PUB = InfoRequest, ProactiveDisclosure
Period = tuple[dt.date, dt.date]
APPLICANT_TYPES = [t for t, _ in R.ApplicantType.choices]


def in_orgs(model, orgs):
    q = Q(pk__in=[])
    for org in orgs:
        q |= Q(org__path__startswith=org.path)
    return model.objects.filter(q)


def received(qs):
    """Requests the unit has received (not online submissions awaiting confirmation, not void ones)."""
    return qs.exclude(status__in=(R.Status.SUBMITTED, R.Status.VOIDED))


def rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


# ---------------------------------------------------------------- 依申请公开 cells


def _late(qs) -> Q:
    """Finished requests of ``qs`` answered after their due date: from the clock (a condition left to the
    database), else recomputed from the dates (only the requests without a clock are read)."""
    clocks = Deadline.objects.filter(target_type="disclosure.inforequest", rule__code="disclosure.reply",
                                     target_id=Cast(OuterRef("pk"), CharField())).exclude(status="cancelled")
    rows = qs.filter(~Exists(clocks)).values("pk", "received_on", "replied_on", "correction_notice_on",
                                             "correction_received_on", "consult_sent_on", "consult_answered_on",
                                             "extension_approved_by")
    late = []
    for row in rows:
        pauses = []
        if row["correction_notice_on"] and row["correction_received_on"]:
            pauses.append((row["received_on"], row["correction_received_on"], "补正"))
        if row["consult_sent_on"] and row["consult_answered_on"]:
            pauses.append((row["consult_sent_on"], row["consult_answered_on"], "第三方意见"))
        due = deadlines.compute("disclosure.reply", row["received_on"], pauses=pauses,
                                extensions=1 if row["extension_approved_by"] else 0).due_on
        if row["replied_on"] > due:
            late.append(row["pk"])
    return Q(Exists(clocks.filter(status="late"))) | Q(pk__in=late)


def request_records(qs, key: str, period: Period):
    """Rows behind a request figure. ``key`` is ``row`` or ``row|applicant_type``."""
    row, _, applicant = key.partition("|")
    qs = received(qs)
    if applicant and applicant != "all":
        qs = qs.filter(applicant_type=applicant)
    start, end = period
    kind, _, value = row.partition(":")
    if kind == "new":
        return qs.filter(received_on__gte=start, received_on__lte=end)
    if kind == "carried_in":
        return qs.filter(received_on__lt=start).filter(Q(replied_on__isnull=True) | Q(replied_on__gte=start))
    finished = qs.filter(status__in=R.FINISHED, replied_on__gte=start, replied_on__lte=end)
    if kind == "finished":
        return finished
    if kind == "outcome":
        return finished.filter(outcome=value)
    if kind == "reason":
        outcome, _, reason = value.partition(".")
        return finished.filter(outcome=outcome, reason=reason)
    if kind == "carried_out":
        return qs.filter(received_on__lte=end).filter(Q(replied_on__isnull=True) | Q(replied_on__gt=end))
    if kind == "late":
        return finished.filter(_late(finished))
    if kind == "extended":
        return finished.exclude(extension_approved_by=None)
    if kind == "corrected":
        return qs.filter(correction_notice_on__gte=start, correction_notice_on__lte=end)
    if kind == "consulted":
        return qs.filter(consult_sent_on__gte=start, consult_sent_on__lte=end)
    if kind == "source":
        return qs.filter(received_on__gte=start, received_on__lte=end, source=value)
    if kind == "reconsideration":
        with_review = finished.exclude(reconsideration="")
        return with_review if value == "total" else with_review.filter(reconsideration=value)
    if kind in ("direct", "after_review"):
        sued = finished.filter(litigation=kind)
        return sued if value == "total" else sued.filter(litigation_result=value)
    if kind == "overdue_open":
        return qs.filter(status__in=R.OPEN, reply_due_on__lt=deadlines.today())
    raise KeyError(key)


# ---------------------------------------------------------------- 主动公开 cells


def publication_records(qs, key: str, period: Period):
    start, end = period
    published = qs.exclude(status=PUB.Status.DRAFT)
    in_year = published.filter(published_on__gte=start, published_on__lte=end)
    kind, _, value = key.partition(":")
    if kind == "all":
        return in_year
    if kind == "category":
        return in_year.filter(category=value)
    if kind == "channel":
        return in_year.filter(channel=value)
    if kind == "normative":
        normative = published.filter(category=PUB.Category.NORMATIVE)
        if value == "valid":
            # 现行有效: issued up to the year's end and not withdrawn, less those repealed up to then.
            return normative.filter(published_on__lte=end, normative_change=PUB.NormativeChange.ISSUED) \
                .exclude(status=PUB.Status.WITHDRAWN)
        return in_year.filter(category=PUB.Category.NORMATIVE, normative_change=value)
    if kind == "decisions":
        return in_year.filter(category=value)
    if kind == "late":
        return in_year.filter(Exists(Deadline.objects.filter(
            target_type="disclosure.proactivedisclosure", rule__code="disclosure.proactive", status="late",
            target_id=Cast(OuterRef("pk"), CharField()))))
    raise KeyError(key)


def _valid_normative(qs, period) -> int:
    issued = publication_records(qs, "normative:valid", period).count()
    repealed = qs.filter(category=PUB.Category.NORMATIVE, normative_change=PUB.NormativeChange.REPEALED,
                         published_on__lte=period[1]).exclude(status=PUB.Status.DRAFT).count()
    return max(issued - repealed, 0)


# ---------------------------------------------------------------- the yearly tables


@dataclass
class Cell:
    value: object
    key: str = ""  # drill-down key ("" for a figure without records, e.g. 规章 in a 乡镇)
    kind: str = "request"  # "request" or "publication"


@dataclass
class TableRow:
    label: str
    cells: list[Cell] = field(default_factory=list)
    level: int = 0
    heading: bool = False


T3_ROWS = [
    ("一、本年新收政府信息公开申请数量", "new", 0),
    ("二、上年结转政府信息公开申请数量", "carried_in", 0),
    ("三、本年度办理结果", None, 0),
    ("（一）予以公开", "outcome:disclosed", 1),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "outcome:partly", 1),
    ("（三）不予公开", None, 1),
    *[(f"{i}.{R.Reason(r).label}", f"reason:withheld.{r}", 2) for i, r in enumerate(R.REASONS["withheld"], 1)],
    ("（四）无法提供", None, 1),
    *[(f"{i}.{R.Reason(r).label}", f"reason:unavailable.{r}", 2) for i, r in enumerate(R.REASONS["unavailable"], 1)],
    ("（五）不予处理", None, 1),
    *[(f"{i}.{R.Reason(r).label}", f"reason:not_handled.{r}", 2) for i, r in enumerate(R.REASONS["not_handled"], 1)],
    ("（六）其他处理", None, 1),
    *[(f"{i}.{R.Reason(r).label}", f"reason:other.{r}", 2) for i, r in enumerate(R.REASONS["other"], 1)],
    ("（七）总计", "finished", 1),
    ("四、结转下年度继续办理", "carried_out", 0),
]
REMEDY_COLUMNS = ["upheld", "corrected", "other", "pending", "total"]


def table_three(req_qs, period: Period) -> list[TableRow]:
    """三、收到和处理政府信息公开申请情况 (columns: the six applicant types, then 总计)."""
    rows = []
    for label, key, level in T3_ROWS:
        if key is None:
            rows.append(TableRow(label, level=level, heading=True))
            continue
        cells = [Cell(request_records(req_qs, f"{key}|{t}", period).count(), f"{key}|{t}")
                 for t in [*APPLICANT_TYPES, "all"]]
        rows.append(TableRow(label, cells, level))
    return rows


def table_two(pub_qs, period: Period) -> list[TableRow]:
    """二、主动公开政府信息情况 (第二十条第（一）（五）（六）（八）项)."""
    def decisions(category):
        n = publication_records(pub_qs, f"decisions:{category}", period).aggregate(n=Sum("decision_count"))["n"]
        return Cell(n or 0, f"decisions:{category}", "publication")

    fees = publication_records(pub_qs, "decisions:fees", period).aggregate(n=Sum("fee_amount"))["n"] or Decimal(0)
    return [
        TableRow("规章", [Cell(0), Cell(0), Cell(0)]),  # a 乡镇/街道 makes no 规章 (立法法 第九十三条)
        TableRow("行政规范性文件", [
            Cell(publication_records(pub_qs, "normative:issued", period).count(), "normative:issued", "publication"),
            Cell(publication_records(pub_qs, "normative:repealed", period).count(), "normative:repealed",
                 "publication"),
            Cell(_valid_normative(pub_qs, period), "normative:valid", "publication")]),
        TableRow("行政许可", [decisions("licensing")]),
        TableRow("行政处罚", [decisions("penalty")]),
        TableRow("行政强制", [decisions("coercion")]),
        TableRow("行政事业性收费（万元）", [Cell((fees / 10000).quantize(Decimal("0.0001")).normalize()
                                              if fees else 0, "decisions:fees", "publication")]),
    ]


def table_four(req_qs, period: Period) -> list[Cell]:
    """四、政府信息公开行政复议、行政诉讼情况: 复议 (5 columns), 直接起诉 (5), 复议后起诉 (5)."""
    cells = []
    for kind in ("reconsideration", "direct", "after_review"):
        for column in REMEDY_COLUMNS:
            key = f"{kind}:{column}"
            cells.append(Cell(request_records(req_qs, key, period).count(), key))
    return cells


def publication_summary(pub_qs, period: Period) -> dict:
    """主动公开 by category and by channel: the "公开政务信息共N条" of the reports."""
    def rows(kind, choices):
        return [(label, Cell(publication_records(pub_qs, f"{kind}:{value}", period).count(), f"{kind}:{value}",
                             "publication")) for value, label in choices]

    return {
        "total": Cell(publication_records(pub_qs, "all", period).count(), "all", "publication"),
        "late": Cell(publication_records(pub_qs, "late", period).count(), "late", "publication"),
        "categories": [r for r in rows("category", PUB.Category.choices) if r[1].value],
        "channels": [r for r in rows("channel", PUB.Channel.choices) if r[1].value],
    }


def check_balance(req_qs, period: Period) -> bool:
    """The format's own check: 一 + 二 = 三(七) + 四."""
    count = lambda key: request_records(req_qs, key, period).count()  # noqa: E731
    return count("new") + count("carried_in") == count("finished") + count("carried_out")


# ---------------------------------------------------------------- dashboard figures


def figures(orgs, period: Period) -> dict[str, float | int | None]:
    reqs, pubs = in_orgs(InfoRequest, orgs), in_orgs(ProactiveDisclosure, orgs)
    count = lambda key: request_records(reqs, key, period).count()  # noqa: E731
    finished, late = count("finished"), count("late")
    published = publication_records(pubs, "all", period).count()
    late_pubs = publication_records(pubs, "late", period).count()
    return {
        "publications": published,
        "proactive_on_time_rate": rate(published - late_pubs, published),
        "requests": count("new"),
        "requests_finished": finished,
        "reply_on_time_rate": rate(finished - late, finished),
        "disclosed_rate": rate(count("outcome:disclosed") + count("outcome:partly"), finished),
        "reconsiderations": count("reconsideration:total"),
        "litigations": count("direct:total") + count("after_review:total"),
        "overdue_open": count("overdue_open"),
    }


INDICATORS = {
    "publications": "主动公开政府信息条数",
    "proactive_on_time_rate": "主动公开及时率（%）",
    "requests": "收到政府信息公开申请件数",
    "requests_finished": "办结政府信息公开申请件数",
    "reply_on_time_rate": "依申请公开按时答复率（%）",
    "disclosed_rate": "予以公开和部分公开的比例（%）",
    "reconsiderations": "因政府信息公开被申请行政复议件数",
    "litigations": "因政府信息公开被提起行政诉讼件数",
    "overdue_open": "逾期未答复件数",
}
