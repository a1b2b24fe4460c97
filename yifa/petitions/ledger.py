"""信访台账 in Excel: the columns units keep today, shared by the template, the import and the export.

An exported sheet imports again to the same records (the round trip keeps every column listed here).
"""

from yifa.core.excel import Column, parse_date, parse_int, parse_text
from yifa.core.identity import validate_id_number, validate_phone

from .models import Petition

P = Petition


def _labels(choices) -> dict[str, str]:
    return {label: value for value, label in choices.choices}


IMPORTABLE_STATES = [P.Status.REGISTERED, P.Status.ACCEPTED, P.Status.NOT_ACCEPTED, P.Status.TRANSFERRED,
                     P.Status.RETURNED, P.Status.REPLIED, P.Status.REVIEWING, P.Status.REVIEWED,
                     P.Status.RECHECKING, P.Status.RECHECKED]


def _id_number(value) -> str:
    return validate_id_number(str(value))


def _phone(value) -> str:
    return validate_phone(str(value))


COLUMNS = [
    Column("number", "信访编号", parse=parse_text(60), width=20, help="留空则自动编号"),
    Column("received_on", "收到日期", required=True, parse=parse_date, width=13, help="如 2025-03-01"),
    Column("channel", "信访形式", required=True, choices=_labels(P.Channel), width=12),
    Column("petitioner_name", "信访人", required=True, parse=parse_text(100), width=12),
    Column("petitioner_id_number", "身份证号", parse=_id_number, width=21),
    Column("petitioner_phone", "联系电话", parse=_phone, width=14),
    Column("petitioner_address", "住址", parse=parse_text(200), width=24),
    Column("headcount", "人数", parse=parse_int, width=6),
    Column("title", "事项摘要", required=True, parse=parse_text(200), width=30),
    Column("content", "诉求、事实和理由", required=True, parse=parse_text(5000), width=40),
    Column("category", "事项类别", required=True, choices=_labels(P.Category), width=12),
    Column("subject", "问题分类", choices=_labels(P.Subject), width=16),
    Column("referred_by", "转送交办机关", parse=parse_text(100), width=16),
    Column("status", "办理状态", required=True,
           choices={P.Status(s).label: s for s in IMPORTABLE_STATES}, width=12),
    Column("notified_on", "告知日期", parse=parse_date, width=13, help="受理、不予受理或转送的告知日期"),
    Column("transferred_to", "转送机关", parse=parse_text(100), width=16),
    Column("opinion", "处理意见", choices=_labels(P.Opinion), width=10),
    Column("opinion_text", "处理意见及依据", parse=parse_text(5000), width=30),
    Column("replied_on", "办结日期", parse=parse_date, width=13),
    Column("opinion_number", "意见书编号", parse=parse_text(60), width=20),
    Column("review_organ", "复查机关", parse=parse_text(100), width=16),
    Column("review_requested_on", "复查申请日期", parse=parse_date, width=13),
    Column("review_result", "复查结果", choices=_labels(P.ReviewResult), width=16),
    Column("review_decided_on", "复查意见日期", parse=parse_date, width=13),
    Column("recheck_organ", "复核机关", parse=parse_text(100), width=16),
    Column("recheck_requested_on", "复核申请日期", parse=parse_date, width=13),
    Column("recheck_result", "复核结果", choices=_labels(P.ReviewResult), width=16),
    Column("recheck_decided_on", "复核意见日期", parse=parse_date, width=13),
    Column("satisfaction", "满意度", choices=_labels(P.Satisfaction), width=10),
]
HEADERS = {c.key: c.header for c in COLUMNS}

S = P.Status
# What each state needs filled in, in procedure order: (field, from which state on).
AFTER_NOTICE = {S.ACCEPTED, S.NOT_ACCEPTED, S.TRANSFERRED, S.RETURNED, S.REPLIED, S.REVIEWING, S.REVIEWED,
                S.RECHECKING, S.RECHECKED}
AFTER_REPLY = {S.REPLIED, S.REVIEWING, S.REVIEWED, S.RECHECKING, S.RECHECKED}
AFTER_REVIEW_REQUEST = {S.REVIEWING, S.REVIEWED, S.RECHECKING, S.RECHECKED}
AFTER_REVIEW = {S.REVIEWED, S.RECHECKING, S.RECHECKED}
AFTER_RECHECK_REQUEST = {S.RECHECKING, S.RECHECKED}
REQUIRED_BY_STATE = [
    ("notified_on", AFTER_NOTICE),
    ("transferred_to", {S.TRANSFERRED}),
    ("opinion", AFTER_REPLY), ("opinion_text", AFTER_REPLY), ("replied_on", AFTER_REPLY),
    ("review_organ", AFTER_REVIEW_REQUEST), ("review_requested_on", AFTER_REVIEW_REQUEST),
    ("review_result", AFTER_REVIEW), ("review_decided_on", AFTER_REVIEW),
    ("recheck_organ", AFTER_RECHECK_REQUEST), ("recheck_requested_on", AFTER_RECHECK_REQUEST),
    ("recheck_result", {S.RECHECKED}), ("recheck_decided_on", {S.RECHECKED}),
]
DATE_ORDER = ["received_on", "notified_on", "replied_on", "review_requested_on", "review_decided_on",
              "recheck_requested_on", "recheck_decided_on"]


def check_row(values: dict, *, today) -> list[tuple[str, str]]:
    """Cross-column checks of one parsed row: (column header, Chinese message) for each problem."""
    problems = []
    status = values.get("status")
    for field, states in REQUIRED_BY_STATE:
        if status in states and not values.get(field):
            problems.append((HEADERS[field], f"办理状态为“{P.Status(status).label}”时必填。"))
    if values.get("channel") == P.Channel.REFERRED and not values.get("referred_by"):
        problems.append((HEADERS["referred_by"], "上级转送交办的事项须填写转送交办机关。"))
    previous = None
    for field in DATE_ORDER:
        value = values.get(field)
        if not value:
            continue
        if value > today:
            problems.append((HEADERS[field], "日期不能晚于今天。"))
        if previous and value < values[previous]:
            problems.append((HEADERS[field], f"不能早于{HEADERS[previous]}。"))
        previous = field
    if values.get("headcount") == 0:
        problems.append((HEADERS["headcount"], "人数至少为 1。"))
    return problems


def check_rows(result, check_row, *, today, taken: set, number_key: str, number_header: str) -> set:
    """Second pass of an import, after the cells parsed: the procedure checks of ``check_row`` for each row, and
    each given number neither already used in the unit (``taken``) nor repeated in the sheet. Errors go on
    ``result``; returns the numbers the sheet uses."""
    from yifa.core.excel import RowError

    seen: dict[str, int] = {}
    for row_number, values in result.numbered:
        for column, message in check_row(values, today=today):
            result.errors.append(RowError(row_number, column, message))
        number = values.get(number_key)
        if number:
            if number in taken:
                result.errors.append(RowError(row_number, number_header, f"“{number}”已在本单位使用。"))
            elif number in seen:
                result.errors.append(RowError(row_number, number_header, f"与第 {seen[number]} 行重复。"))
            seen[number] = row_number
    return set(seen)


def check_import(result, org, today) -> None:
    """The import's cross-row checks (``core.imports``): each row's procedure, and 编号 neither used in the unit
    nor repeated in the sheet."""
    taken = set(Petition.objects.filter(org=org).exclude(number="").values_list("number", flat=True))
    check_rows(result, check_row, today=today, taken=taken, number_key="number", number_header=HEADERS["number"])


def export_row(p: Petition) -> dict:
    return {c.key: getattr(p, c.key) for c in COLUMNS}
