"""Excel 台账 in and out (``core.excel``): 检查对象名录, 执法人员, 行政处罚案件, 执法检查."""

from django.core.exceptions import ValidationError

from yifa.core.excel import Column, ImportResult, RowError, export_response, parse_date, parse_text, template_response
from yifa.core.identity import mask_id, validate_uscc

from . import actions
from .models import EnforcementCase, InspectionTarget, Officer

Case = EnforcementCase


def _uscc(value) -> str:
    return validate_uscc(str(value))


TARGET_COLUMNS = [
    Column("name", "名称", required=True, parse=parse_text(200), width=32),
    Column("uscc", "统一社会信用代码", required=True, parse=_uscc, width=22, help="18 位，含校验位"),
    Column("kind", "主体类型", required=True, choices={label: value for value, label in InspectionTarget.Kind.choices}),
    Column("industry", "行业", parse=parse_text(50)),
    Column("address", "经营地址", parse=parse_text(200), width=36),
    Column("legal_rep", "法定代表人（负责人）", parse=parse_text(50)),
    Column("phone", "联系电话", parse=parse_text(20)),
]

OFFICER_COLUMNS = [
    Column("name", "姓名", required=True, parse=parse_text(50)),
    Column("post", "职务", parse=parse_text(50)),
    Column("cert_number", "执法证号", parse=parse_text(40), width=20),
    Column("issuing_body", "发证机关", parse=parse_text(100), width=24),
    Column("domains", "执法领域", parse=parse_text(200), width=24),
    Column("issued_on", "发证日期", parse=parse_date, help="如 2024-03-01"),
    Column("expires_on", "有效期至", parse=parse_date, help="如 2029-02-28"),
]

CASE_COLUMNS = [
    Column("number", "案号", width=24), Column("procedure", "程序"), Column("status", "状态"),
    Column("cause", "案由", width=36), Column("domain", "执法领域"), Column("party", "当事人", width=24),
    Column("party_code", "证件号码", width=22), Column("filed_on", "立案日期"), Column("officers", "承办人员", width=20),
    Column("reviewed", "法制审核"), Column("decision_number", "决定书文号", width=24), Column("decided_on", "决定日期"),
    Column("fine", "罚款（元）"), Column("served_on", "送达日期"), Column("executed_on", "执行日期"),
    Column("closed_on", "结案日期"), Column("published", "公示"),
]

INSPECTION_COLUMNS = [
    Column("draw", "抽查编号", width=22), Column("kind", "检查类型"), Column("target", "检查对象", width=30),
    Column("uscc", "统一社会信用代码", width=22), Column("officers", "检查人员", width=20),
    Column("inspected_on", "检查日期"), Column("result", "检查结果"), Column("findings", "检查情况", width=40),
    Column("rectify_due", "整改期限"), Column("case", "立案案号", width=24),
]


def target_template():
    return template_response(TARGET_COLUMNS, title="检查对象名录", filename="检查对象名录导入模板.xlsx")


def officer_template():
    return template_response(OFFICER_COLUMNS, title="执法人员名录", filename="执法人员名录导入模板.xlsx")


def check_targets(result: ImportResult, org) -> None:
    """The target import's cross-row checks (``core.imports``): a 统一社会信用代码 once in the sheet and not yet in
    the unit's 名录."""
    header = "统一社会信用代码"
    existing = set(InspectionTarget.objects.filter(org=org).values_list("uscc", flat=True))
    seen: dict[str, int] = {}
    for number, row in result.numbered:
        code = row["uscc"]
        if code in existing:
            result.errors.append(RowError(number, header, f"{code} 已在本单位检查对象名录中。"))
        elif code in seen:
            result.errors.append(RowError(number, header, f"与第 {seen[code]} 行重复。"))
        seen.setdefault(code, number)


def check_officers(result: ImportResult) -> None:
    """The officer import's cross-row checks: certificate fields together and in order, a 执法证号 once in the
    sheet and not yet registered (执法证号 are unique across units)."""
    header = {c.key: c.header for c in OFFICER_COLUMNS}
    taken = set(Officer.objects.exclude(cert_number="").values_list("cert_number", flat=True))
    seen: dict[str, int] = {}
    for number, row in result.numbered:
        try:
            actions.check_cert_fields(row)
        except ValidationError as error:
            problems = error.message_dict.items() if hasattr(error, "error_dict") else [("cert_number", error.messages)]
            for key, messages in problems:
                result.errors.extend(RowError(number, header[key], m) for m in messages)
        code = row.get("cert_number")
        if not code:
            continue
        if code in taken:
            result.errors.append(RowError(number, header["cert_number"], f"{code} 已登记。"))
        elif code in seen:
            result.errors.append(RowError(number, header["cert_number"], f"与第 {seen[code]} 行重复。"))
        seen.setdefault(code, number)


def export_targets(targets):
    rows = ({"name": t.name, "uscc": t.uscc, "kind": t.kind, "industry": t.industry, "address": t.address,
             "legal_rep": t.legal_rep, "phone": t.phone} for t in targets)
    return export_response(TARGET_COLUMNS, rows, title="检查对象名录", filename="检查对象名录.xlsx")


def export_officers(officers, today):
    columns = [*OFFICER_COLUMNS, Column("status", "状态"), Column("valid", "执法证是否有效")]
    rows = ({"name": o.name, "post": o.post, "cert_number": o.cert_number, "issuing_body": o.issuing_body,
             "domains": o.domains, "issued_on": o.issued_on, "expires_on": o.expires_on,
             "status": o.get_status_display(), "valid": "有效" if o.certified_on(today) else "无效"}
            for o in officers)
    return export_response(columns, rows, title="执法人员名录", filename="执法人员名录.xlsx")


def export_cases(cases):
    """行政处罚案件台账. 公民 ID numbers are masked: the ledger leaves the platform."""
    def row(c):
        code = mask_id(c.party_id_number) if c.party_kind == Case.PartyKind.PERSON else c.party_id_number
        return {
            "number": c.number, "procedure": c.get_procedure_display(), "status": c.get_status_display(),
            "cause": c.cause, "domain": c.power.domain, "party": c.party_name, "party_code": code,
            "filed_on": c.filed_on, "officers": "、".join(o.name for o in c.officers.all()),
            "reviewed": "已审核" if any(r.status == "done" and r.outcome == "agree" for r in c.reviews.all()) else "",
            "decision_number": c.decision_number, "decided_on": c.decided_on, "fine": c.fine_amount,
            "served_on": c.served_on, "executed_on": c.executed_on, "closed_on": c.closed_on,
            "published": "已公示" if hasattr(c, "publication") and _published(c) else "",
        }
    rows = (row(c) for c in cases.select_related("power").prefetch_related("officers", "reviews"))
    return export_response(CASE_COLUMNS, rows, title="行政处罚案件台账", filename="行政处罚案件台账.xlsx")


def _published(case) -> bool:
    try:
        return case.publication.status == "published"
    except Case.publication.RelatedObjectDoesNotExist:
        return False


def export_inspections(inspections):
    rows = ({"draw": i.draw.number if i.draw else "", "kind": i.get_kind_display(), "target": i.target.name,
             "uscc": i.target.uscc, "officers": "、".join(o.name for o in i.officers.all()),
             "inspected_on": i.inspected_on, "result": i.get_result_display(), "findings": i.findings,
             "rectify_due": i.rectify_due, "case": i.case.number if i.case else ""}
            for i in inspections.select_related("draw", "target", "case").prefetch_related("officers"))
    return export_response(INSPECTION_COLUMNS, rows, title="执法检查台账", filename="执法检查台账.xlsx")

