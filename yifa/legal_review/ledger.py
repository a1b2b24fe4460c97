"""合法性审查台账, 法律顾问名册 and 法律顾问服务记录 in Excel: the columns (template, import, export) and the checks a
row must pass before a ledger is imported.

Import columns are what a unit's ledger records; each export adds what an import takes from the acting unit or
computes (送审单位, 审查人), so an exported sheet imports again as the same records.
"""

import datetime as dt

from yifa.core.excel import Column, ImportResult, parse_amount, parse_date, parse_int, parse_text
from yifa.core.identity import mask_phone, validate_phone
from yifa.core.ledgerchecks import BLANK, YES_NO, RowChecks, labels, orgs_by_name
from yifa.core.models import Org

from .models import AdviserService, LegalAdviser, ReviewRequest

R = ReviewRequest.Status
UNKNOWN_MATERIALS = "（台账导入，原台账未载明送审材料）"

# ---------------------------------------------------------------- 合法性审查台账

REVIEW_COLUMNS = [
    Column("submitted_on", "送审日期", True, parse_date, width=12),
    Column("subject", "类别", True, choices=labels(ReviewRequest.Subject.choices), width=14),
    Column("title", "送审事项", True, parse_text(200), width=36),
    Column("counterpart", "合同相对方", False, parse_text(100), help="合同审查必填", width=18),
    Column("amount", "合同金额（元）", False, parse_amount, width=14),
    Column("materials", "送审材料", False, parse_text(5000), help="草案文本、起草说明、法律依据等", width=24),
    Column("question", "需审查的问题", False, parse_text(2000), width=20),
    Column("status", "状态", True, choices=labels(R.choices), width=14),
    Column("assigned_on", "分派日期", False, parse_date, width=12),
    Column("return_reason", "退回理由", False, parse_text(2000), help="退回补充材料的必填", width=18),
    Column("opinion_number", "审查意见书编号", False, parse_text(60), help="已出具意见的必填，如 东街法审〔2025〕1号",
           width=22),
    Column("conclusion", "审查结论", False, choices=labels(ReviewRequest.Conclusion.choices), width=12),
    Column("issued_on", "出具日期", False, parse_date, width=12),
    Column("issued_by_name", "出具人", False, parse_text(100), width=12),
    Column("opinion", "审查意见", False, parse_text(5000), width=30),
    Column("basis", "审查依据", False, parse_text(2000), width=24),
    Column("adoption", "采纳情况", False, choices=labels(ReviewRequest.Adoption.choices), width=10),
    Column("adoption_note", "采纳情况说明", False, parse_text(2000), help="未采纳或部分采纳的必填", width=20),
    Column("adoption_on", "反馈日期", False, parse_date, width=12),
]
REVIEW_EXPORT_COLUMNS = [Column("org", "送审单位", width=18)] + REVIEW_COLUMNS + [
    Column("reviewer", "审查人", width=18)]
ISSUED = (R.ISSUED, R.CLOSED)


def review_row(r: ReviewRequest) -> dict:
    row = {c.key: getattr(r, c.key) for c in REVIEW_COLUMNS}
    row.update(org=r.org.name, reviewer=r.reviewer_label)
    return {k: (None if v == "" else v) for k, v in row.items()}


def check_reviews(result: ImportResult, *, org, user, today: dt.date) -> None:
    """What each 状态 needs (the opinion once issued, the adoption once answered), dates in order, no 意见书编号
    twice."""
    c = RowChecks(result, REVIEW_COLUMNS, today)
    existing = set(ReviewRequest.objects.filter(org=org).exclude(opinion_number="")
                   .values_list("opinion_number", flat=True))
    seen: dict = {}
    for number, row in c.rows():
        status = row["status"]
        label = R(status).label
        c.not_future(number, row, ("submitted_on", "assigned_on", "issued_on", "adoption_on"))
        if row["subject"] == ReviewRequest.Subject.CONTRACT:
            c.need(number, row, "counterpart", "合同审查")
        if status == R.RETURNED:
            c.need(number, row, "return_reason", f"状态为“{label}”的（写明需要补充的材料）")
        else:
            c.refuse(number, row, "return_reason", f"状态为“{label}”的")
        opinion = ("opinion_number", "conclusion", "issued_on")
        if status in ISSUED:
            for key in opinion:
                c.need(number, row, key, f"状态为“{label}”的")
        else:
            for key in opinion + ("issued_by_name", "opinion", "basis"):
                c.refuse(number, row, key, f"状态为“{label}”的事项尚未出具审查意见书")
        if status == R.CLOSED:
            c.need(number, row, "adoption", f"状态为“{label}”的")
            c.need(number, row, "adoption_on", f"状态为“{label}”的")
            if row.get("adoption") and row["adoption"] != ReviewRequest.Adoption.ADOPTED:
                c.need(number, row, "adoption_note", "未采纳或部分采纳的（说明理由）")
        else:
            for key in ("adoption", "adoption_note", "adoption_on"):
                c.refuse(number, row, key, f"状态为“{label}”的事项尚未反馈采纳情况")
        if status == R.SUBMITTED:
            c.refuse(number, row, "assigned_on", "待分派的事项尚未分派")
        c.not_before(number, row, "assigned_on", "submitted_on")
        c.not_before(number, row, "issued_on", "submitted_on")  # not the 分派日期: an opinion may be entered afterwards
        c.not_before(number, row, "adoption_on", "issued_on")
        c.unique(number, "opinion_number", row.get("opinion_number"), existing=existing, seen=seen,
                 what=f"编号为{row.get('opinion_number')}的审查意见书")
    c.done()


# ---------------------------------------------------------------- 法律顾问名册

ADVISER_COLUMNS = [
    Column("org", "服务单位", True, parse_text(100), help="本单位或下属村（社区）的名称", width=18),
    Column("kind", "类别", False, choices=labels(LegalAdviser.Kind.choices), help="法律顾问或公职律师；留空为法律顾问",
           width=10),
    Column("name", "姓名", True, parse_text(50), width=10),
    Column("firm", "执业机构或所在单位", True, parse_text(100), width=26),
    Column("license_no", "执业证号", False, parse_text(30), width=20),
    Column("phone", "手机号", False, parse_text(20), width=14),
    Column("service_phone", "对外服务电话", False, parse_text(30), help="在门户公开，便于群众联系；不公开的留空", width=14),
    Column("serves_from", "聘期开始", True, parse_date, width=12),
    Column("serves_until", "聘期届满", False, parse_date, width=12),
    Column("is_active", "在聘", False, choices=YES_NO, help="是或否；留空为是", width=8),
    Column("note", "备注", False, parse_text(200), width=20),
]


def adviser_row(a: LegalAdviser, *, whole_phone: bool) -> dict:
    """The adviser as a roster row; the phone whole only for those who keep the roster."""
    row = {c.key: getattr(a, c.key) for c in ADVISER_COLUMNS}
    row.update(org=a.org.name, phone=(a.phone if whole_phone else mask_phone(a.phone)) if a.phone else None)
    return {k: (None if v == "" else v) for k, v in row.items()}


def roster_units(org, user):
    """The units a roster imported in ``org`` may name: the unit and the 村（社区） below it that the user sees."""
    from .permissions import can_manage_advisers

    units = Org.objects.visible_to(user).filter(path__startswith=org.path) if org is not None else Org.objects.none()
    return orgs_by_name(u for u in units if can_manage_advisers(user, u))


def _resolve_unit(c: RowChecks, number: int, row: dict, key: str, units: dict, org) -> None:
    """Replace the unit's name in ``row[key]`` by the unit, or report it."""
    name = row.get(key)
    if name in BLANK:
        return
    found = units.get(name, [])
    if len(found) == 1:
        row[key] = found[0]
    else:
        row[key] = None
        where = org.name if org is not None else "本单位"
        c.error(number, key, f"{where}及其下属村（社区）中没有名为“{name}”的单位。" if not found
                else f"有{len(found)}个名为“{name}”的单位，请写全称。")


def check_advisers(result: ImportResult, *, org, user, today: dt.date) -> None:
    """服务单位 within the acting unit, phone numbers valid, 聘期 in order, nobody listed twice."""
    c = RowChecks(result, ADVISER_COLUMNS, today)
    units = roster_units(org, user)
    existing = set(LegalAdviser.objects.filter(org__path__startswith=org.path if org else "-")
                   .values_list("org_id", "name", "serves_from"))
    seen: dict = {}
    for number, row in c.rows():
        _resolve_unit(c, number, row, "org", units, org)
        if row.get("phone"):
            if "*" in row["phone"]:
                c.error(number, "phone", "手机号已打码，请填写完整号码，或留空。")
            else:
                try:
                    validate_phone(row["phone"])
                except Exception as error:  # ValidationError with a Chinese message
                    c.error(number, "phone", "；".join(getattr(error, "messages", [str(error)])))
        c.not_before(number, row, "serves_until", "serves_from", "聘期届满日不能早于聘期开始日。")
        if row.get("is_active") is False:
            c.need(number, row, "serves_until", "不在聘的（解聘或聘期届满）")
        if row.get("org") is not None:
            c.unique(number, "name", (row["org"].pk, row["name"], row["serves_from"]), existing=existing, seen=seen,
                     what=f"{row['org'].name}自{row['serves_from']:%Y年%-m月%-d日}起聘请的{row['name']}")
    c.done()


# ---------------------------------------------------------------- 法律顾问服务记录

SERVICE_COLUMNS = [
    Column("served_on", "服务日期", True, parse_date, width=12),
    Column("adviser", "法律顾问", True, parse_text(50), help="名册中的姓名", width=10),
    Column("license_no", "执业证号", False, parse_text(30), help="有同名法律顾问时填写", width=20),
    Column("org", "服务单位", False, parse_text(100), help="留空为该法律顾问的服务单位", width=18),
    Column("kind", "服务类型", True, choices=labels(AdviserService.Kind.choices), width=16),
    Column("count", "次数/条数", False, parse_int, help="留空为 1", width=10),
    Column("description", "服务内容", True, parse_text(5000), width=50),
]


def service_row(s: AdviserService) -> dict:
    return {"served_on": s.served_on, "adviser": s.adviser.name, "license_no": s.adviser.license_no or None,
            "org": s.org.name, "kind": s.kind, "count": s.count, "description": s.description}


def check_services(result: ImportResult, *, org, user, today: dt.date) -> None:
    """Each entry names an adviser of the unit's roster serving on that day; no entry twice."""
    c = RowChecks(result, SERVICE_COLUMNS, today)
    units = roster_units(org, user)
    advisers: dict[str, list[LegalAdviser]] = {}
    for adviser in LegalAdviser.objects.visible_to(user).filter(org__path__startswith=org.path if org else "-"):
        advisers.setdefault(adviser.name, []).append(adviser)
    existing = set(AdviserService.objects.filter(adviser__in=[a for group in advisers.values() for a in group])
                   .values_list("adviser_id", "served_on", "kind", "description"))
    seen: dict = {}
    for number, row in c.rows():
        c.not_future(number, row, ("served_on",))
        if row.get("count") is not None and row["count"] < 1:
            c.error(number, "count", "次数/条数至少为 1。")
        _resolve_unit(c, number, row, "org", units, org)
        name = row["adviser"]
        found = [a for a in advisers.get(name, []) if not row.get("license_no") or a.license_no == row["license_no"]]
        row["adviser"] = found[0] if len(found) == 1 else None
        if not found:
            licence = f"（执业证号{row['license_no']}）" if row.get("license_no") else ""
            c.error(number, "adviser", f"本单位法律顾问名册中没有{name}{licence}，请先导入或登记名册。")
            continue
        if len(found) > 1:
            c.error(number, "license_no", f"名册中有{len(found)}名同名法律顾问，请填写执业证号。")
            continue
        adviser = row["adviser"]
        if row["served_on"] < adviser.serves_from or (adviser.serves_until and row["served_on"] > adviser.serves_until):
            c.error(number, "served_on", f"{adviser.name}的聘期为{adviser.serves_from:%Y年%-m月%-d日}至"
                                         f"{adviser.serves_until:%Y年%-m月%-d日}，服务日期不在聘期内。" if adviser.serves_until
                    else f"{adviser.name}自{adviser.serves_from:%Y年%-m月%-d日}起受聘，服务日期不能早于聘期开始日。")
        c.unique(number, "description", (adviser.pk, row["served_on"], row["kind"], row["description"]),
                 existing=existing, seen=seen, what="同一法律顾问同日同类型、内容相同的服务记录")
    c.done()
