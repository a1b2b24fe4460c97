"""Excel 台账 in and out (``core.excel``, ``core.imports``): 检查对象名录, 执法人员, 行政处罚案件, 执法检查, 权责清单."""

import datetime as dt
import re

from django.core.exceptions import ValidationError

from yifa.core import deadlines
from yifa.core.excel import (Column, ImportResult, RowError, export_response, parse_amount,
                             parse_date, parse_int, parse_text, template_response)
from yifa.core.identity import mask_id, validate_id_number, validate_uscc
from yifa.core.ledgerchecks import YES_NO, RowChecks, labels

from . import actions
from .models import (SIMPLE_LIMIT_ENTITY, SIMPLE_LIMIT_INDIVIDUAL, EnforcementCase, Inspection, InspectionTarget,
                     Officer, Power)

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

# ---------------------------------------------------------------- 行政处罚案件台账 and 执法检查台账
#
# One column list each for the template, the import and the export, so an exported sheet imports again as the
# same records (the export adds nothing the import does not read back, except 执法领域, which follows from the
# 处罚事项). Imported records are past work (``actions.save_cases``): the statuses a ledger can bring in are those
# whose facts its columns hold.

CASE_IMPORT_STATES = [Case.Status.INVESTIGATING, Case.Status.DECIDED, Case.Status.SERVED, Case.Status.EXECUTED,
                      Case.Status.CLOSED, Case.Status.DROPPED]
DECIDED_STATES = {Case.Status.DECIDED, Case.Status.SERVED, Case.Status.EXECUTED, Case.Status.CLOSED}
SIMPLE_STATES = {Case.Status.SERVED, Case.Status.EXECUTED, Case.Status.CLOSED}
NAME_SEPARATORS = re.compile(r"[、，,；;／/\s]+")


def _party_code(value) -> str:
    text = str(value).strip().upper()
    if "*" in text:
        raise ValidationError("证件号码已去标识化（含 *），不能导入：请填写完整的身份证号或统一社会信用代码"
                              "（从本系统导出时请用“导出完整台账”）。")
    return text


CASE_COLUMNS = [
    Column("number", "案号", parse=parse_text(60), width=24, help="留空则按立案年度自动编号（简易程序按决定年度）"),
    Column("procedure", "程序", required=True, choices=labels(Case.Procedure.choices), width=10),
    Column("status", "状态", required=True, choices=labels(Case.Status.choices), width=12,
           help="可选：" + "、".join(Case.Status(s).label for s in CASE_IMPORT_STATES) + "（办理中途的案件请导入为调查取证）"),
    Column("cause", "案由", required=True, parse=parse_text(200), width=36),
    Column("power", "处罚事项", required=True, parse=parse_text(200), width=30, help="权责清单中的事项名称或事项编码"),
    Column("domain", "执法领域", parse=parse_text(50), help="导入时不用填，按处罚事项确定"),
    Column("party_kind", "当事人类型", choices=labels(Case.PartyKind.choices), width=14, help="可留空，按证件号码判断"),
    Column("party", "当事人", required=True, parse=parse_text(200), width=24),
    Column("party_code", "证件号码", required=True, parse=_party_code, width=22, help="身份证号或统一社会信用代码（完整）"),
    Column("filed_on", "立案日期", required=True, parse=parse_date, help="如 2025-03-01"),
    Column("officers", "承办人员", required=True, parse=parse_text(200), width=20,
           help="本单位执法人员的姓名或执法证号，不少于两人，用“、”分隔"),
    Column("reviewed", "法制审核", choices={"已审核": True}, help="经法制审核（同意）的填“已审核”"),
    Column("decision_kind", "决定类型", choices=labels(Case.DecisionKind.choices), width=14, help="已决定的案件留空视为给予行政处罚"),
    Column("decision_number", "决定书文号", parse=parse_text(60), width=24, help="已决定的案件留空则自动编号"),
    Column("decided_on", "决定日期", parse=parse_date),
    Column("penalty_content", "处罚内容", parse=parse_text(2000), width=30),
    Column("fine", "罚款（元）", parse=parse_amount),
    Column("served_on", "送达日期", parse=parse_date),
    Column("executed_on", "执行日期", parse=parse_date),
    Column("closed_on", "结案日期", parse=parse_date),
    Column("published", "公示", choices={"已公示": True}, help="行政处罚决定已公示的填“已公示”"),
]

INSPECTION_COLUMNS = [
    Column("draw", "抽查编号", parse=parse_text(60), width=22, help="双随机抽查的任务编号，可留空"),
    Column("kind", "检查类型", required=True, choices=labels(Inspection.Kind.choices), width=14),
    Column("power", "检查事项", parse=parse_text(200), width=24, help="权责清单中的行政检查事项名称或编码，可留空"),
    Column("target", "检查对象", required=True, parse=parse_text(200), width=30),
    Column("uscc", "统一社会信用代码", required=True, parse=_uscc, width=22, help="名录中没有的对象将自动登记"),
    Column("officers", "检查人员", required=True, parse=parse_text(200), width=20,
           help="本单位执法人员的姓名或执法证号，不少于两人，用“、”分隔"),
    # 检查日期, 检查结果 and 检查情况 are needed (checked in ``check_inspections``, so that a 待检查 row of an exported
    # ledger gets one message saying why rather than three “必填”).
    Column("inspected_on", "检查日期", parse=parse_date, help="必填，如 2025-03-01"),
    Column("result", "检查结果", choices=labels(Inspection.Result.choices),
           help="必填，可选：" + "、".join(Inspection.Result.labels)),
    Column("findings", "检查情况", parse=parse_text(5000), width=40, help="必填"),
    Column("rectify_due", "整改期限", parse=parse_date, help="责令整改的必填"),
    Column("case", "立案案号", parse=parse_text(60), width=24, help="立案查处的必填，须为本单位已有（或先导入）的案件"),
]


def case_template():
    return template_response(CASE_COLUMNS, title="行政处罚案件台账", filename="行政处罚案件台账导入模板.xlsx")


def inspection_template():
    return template_response(INSPECTION_COLUMNS, title="执法检查台账", filename="执法检查台账导入模板.xlsx")


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


def export_cases(cases, *, full=lambda case: False):
    """行政处罚案件台账, in the import's columns. A 公民's ID number is masked unless ``full(case)`` (the full ledger,
    for moving records, asked for by those who may see it): the ledger leaves the platform."""
    def row(c):
        code = c.party_id_number
        if c.party_kind == Case.PartyKind.PERSON and not full(c):
            code = mask_id(code)
        reviewed = c.ledger_reviewed or any(r.status == "done" and r.outcome == "agree" for r in c.reviews.all())
        return {
            "number": c.number, "procedure": c.procedure, "status": c.get_status_display(), "cause": c.cause,
            "power": c.power.name,
            "domain": c.power.domain, "party_kind": c.party_kind, "party": c.party_name, "party_code": code,
            "filed_on": c.filed_on, "officers": "、".join(o.name for o in c.officers.all()),
            "reviewed": True if reviewed else None, "decision_kind": c.decision_kind or None,
            "decision_number": c.decision_number, "decided_on": c.decided_on, "penalty_content": c.penalty_content,
            "fine": c.fine_amount, "served_on": c.served_on, "executed_on": c.executed_on, "closed_on": c.closed_on,
            "published": True if c.ledger_published or _published(c) else None,
        }

    rows = (row(c) for c in cases.select_related("power").prefetch_related("officers", "reviews"))
    return export_response(CASE_COLUMNS, rows, title="行政处罚案件台账", filename="行政处罚案件台账.xlsx")


def _published(case) -> bool:
    try:
        return case.publication.status == "published"
    except Case.publication.RelatedObjectDoesNotExist:
        return False


def export_inspections(inspections):
    rows = ({"draw": i.draw.number if i.draw else i.ledger_draw_number, "kind": i.kind,
             "power": i.power.name if i.power else "", "target": i.target.name,
             "uscc": i.target.uscc, "officers": "、".join(o.name for o in i.officers.all()),
             "inspected_on": i.inspected_on, "result": i.result or None, "findings": i.findings,
             "rectify_due": i.rectify_due, "case": i.case.number if i.case else ""}
            for i in inspections.select_related("draw", "target", "case", "power").prefetch_related("officers"))
    return export_response(INSPECTION_COLUMNS, rows, title="执法检查台账", filename="执法检查台账.xlsx")


# ---------------------------------------------------------------- checks of an imported 案件 / 检查 ledger


class _Lookup:
    """The unit's officers (by name and by 执法证号, past and present: a ledger records who handled a case then) and
    its powers list (its own and the levels above, 《行政处罚法》第二十四条) of one kind (by name and by 事项编码)."""

    def __init__(self, org, power_kind: str):
        self.officers_by_cert, self.officers_by_name = {}, {}
        for officer in Officer.objects.filter(org__path__startswith=org.path).order_by("pk"):
            if officer.cert_number:
                self.officers_by_cert[officer.cert_number.upper()] = officer
            self.officers_by_name.setdefault(officer.name, []).append(officer)
        self.powers_by_code, self.powers_by_name = {}, {}
        for power in Power.objects.filter(org__in=[org, *org.ancestors()], kind=power_kind).order_by("-is_active", "pk"):
            if power.code:
                self.powers_by_code.setdefault(power.code, []).append(power)
            self.powers_by_name.setdefault(power.name, []).append(power)

    def officers(self, c: RowChecks, number: int, key: str, text: str) -> list[Officer] | None:
        """The officers a cell names (姓名 or 执法证号, “、”-separated): at least two (第四十二条), all of the unit."""
        found, problems = [], []
        for word in [w for w in NAME_SEPARATORS.split(text) if w]:
            officer = self.officers_by_cert.get(word.upper())
            named = self.officers_by_name.get(word, [])
            if officer is None and len(named) == 1:
                officer = named[0]
            if officer is None:
                problems.append(f"本单位有 {len(named)} 名执法人员叫“{word}”，请改填执法证号" if named
                                else f"“{word}”不是本单位登记的执法人员（请先导入执法人员名录）")
            elif officer not in found:
                found.append(officer)
        if problems:
            c.error(number, key, "；".join(problems) + "。")
            return None
        if len(found) < 2:
            c.error(number, key, f"执法人员不得少于两人（{actions.ART42}）。")
            return None
        return found

    def power(self, c: RowChecks, number: int, key: str, text: str, what: str) -> Power | None:
        matches = self.powers_by_code.get(text) or self.powers_by_name.get(text) or []
        if len({p.pk for p in matches}) > 1:
            active = [p for p in matches if p.is_active]
            if len(active) == 1:
                return active[0]
            c.error(number, key, f"权责清单中有 {len(matches)} 个名为“{text}”的{what}，请改填事项编码。")
            return None
        if not matches:
            c.error(number, key, f"“{text}”不是本单位权责清单中的{what}（请填写事项名称或事项编码）。")
            return None
        return matches[0]


def _party(c: RowChecks, number: int, row: dict) -> None:
    """当事人类型 and 证件号码 together: a 公民's 身份证号 or an organisation's 统一社会信用代码 (校验位 checked)."""
    code, kind = row["party_code"], row.get("party_kind")
    tried = [kind] if kind else [Case.PartyKind.PERSON, Case.PartyKind.ENTITY]
    messages = []
    for option in tried:
        try:
            row["party_code"] = (validate_id_number if option == Case.PartyKind.PERSON else validate_uscc)(code)
        except ValidationError as error:
            messages.extend(error.messages)
            continue
        row["party_kind"] = option
        return
    c.error(number, "party_code", messages[0] if kind else "应为有效的 18 位身份证号或统一社会信用代码（校验位不符）。")


NOT_IMPORTED = {
    "open": "“{label}”的案件处于办理中途，不能按这一状态导入：请导入为“调查取证”，再在系统中继续办理"
            "（法制审核、告知、听证须在系统中留下记录）。",
    Case.Status.REVOKED: "决定已撤销或变更的案件不能从台账导入（台账没有撤销或变更的日期、类型和理由）。",
}


def check_cases(result: ImportResult, *, org, today: dt.date) -> None:
    """The case import's checks (``core.imports``): the 处罚事项 and 承办人员 of the unit, what each 状态 needs,
    dates in order and not after today, the 简易程序 limits (第五十一条), and 案号 / 决定书文号 used once."""
    c = RowChecks(result, CASE_COLUMNS, today)
    look = _Lookup(org, Power.Kind.PENALTY)
    numbers = set(Case.objects.filter(org=org).values_list("number", flat=True))
    decisions = set(Case.objects.filter(org=org).exclude(decision_number="").values_list("decision_number", flat=True))
    seen_numbers: dict = {}
    seen_decisions: dict = {}
    for number, row in c.rows():
        status, simple = row["status"], row["procedure"] == Case.Procedure.SIMPLE
        label = Case.Status(status).label
        if status not in CASE_IMPORT_STATES:
            c.error(number, "status", NOT_IMPORTED.get(status, NOT_IMPORTED["open"]).format(label=label))
            continue
        row["power"] = look.power(c, number, "power", row["power"], "行政处罚事项")
        row["officers"] = look.officers(c, number, "officers", row["officers"])
        _party(c, number, row)
        c.not_future(number, row, ("filed_on", "decided_on", "served_on", "executed_on", "closed_on"))
        if status in DECIDED_STATES:
            row["decision_kind"] = row.get("decision_kind") or Case.DecisionKind.PENALTY
            c.need(number, row, "decided_on", f"状态为“{label}”的")
            if status != Case.Status.DECIDED:
                c.need(number, row, "served_on", f"状态为“{label}”的")
            else:
                c.refuse(number, row, "served_on", "状态为“已决定”的案件尚未送达")
            if status == Case.Status.EXECUTED:
                c.need(number, row, "executed_on", f"状态为“{label}”的")
            if status == Case.Status.CLOSED:
                c.need(number, row, "closed_on", f"状态为“{label}”的")
            else:
                c.refuse(number, row, "closed_on", f"状态为“{label}”的案件尚未结案")
            if status in (Case.Status.DECIDED, Case.Status.SERVED):
                c.refuse(number, row, "executed_on", f"状态为“{label}”的案件尚未执行")
            _decision(c, number, row)
        else:
            why = "调查取证中的案件尚未作出决定" if status == Case.Status.INVESTIGATING else "已撤销立案的案件没有决定"
            for key in ("decision_kind", "decision_number", "decided_on", "penalty_content", "fine", "served_on",
                        "executed_on", "closed_on", "published"):
                c.refuse(number, row, key, why)
        if simple:
            _simple(c, number, row, status, label)
        elif row.get("number") and row.get("decision_number") and row["number"] == row["decision_number"]:
            c.error(number, "decision_number", "普通程序的决定书文号不能与案号相同。")
        c.not_before(number, row, "decided_on", "filed_on")
        c.not_before(number, row, "served_on", "decided_on")
        c.not_before(number, row, "executed_on", "served_on")
        c.not_before(number, row, "closed_on", "executed_on")
        c.not_before(number, row, "closed_on", "served_on")
        c.unique(number, "number", row.get("number"), existing=numbers, seen=seen_numbers, what="这一案号")
        c.unique(number, "decision_number", row.get("decision_number"), existing=decisions, seen=seen_decisions,
                 what="这一决定书文号")
    c.done()


def _decision(c: RowChecks, number: int, row: dict) -> None:
    if row["decision_kind"] != Case.DecisionKind.PENALTY:
        kind = Case.DecisionKind(row["decision_kind"]).label
        for key, why in (("fine", f"决定类型为“{kind}”的没有罚款"), ("published", "只有行政处罚决定需要公示"),
                         ("executed_on", f"决定类型为“{kind}”的无需执行")):
            c.refuse(number, row, key, why)
        if row["status"] == Case.Status.EXECUTED:
            c.error(number, "status", f"决定类型为“{kind}”的案件无需执行，状态不能是已执行。")
    elif row.get("fine") is None and not row.get("penalty_content"):
        c.error(number, "penalty_content", "给予行政处罚的，须填写罚款金额或处罚内容。")


def _simple(c: RowChecks, number: int, row: dict, status: str, label: str) -> None:
    """简易程序 (第五十一、五十二条): decided, and the 决定书 handed over, on the spot, within the limits."""
    if status not in SIMPLE_STATES:
        c.error(number, "status", f"简易程序当场作出决定并交付决定书，状态应为已送达、已执行或已结案，不能是“{label}”。")
        return
    if row["decision_kind"] != Case.DecisionKind.PENALTY:
        c.error(number, "decision_kind", "简易程序只能当场给予行政处罚（《行政处罚法》第五十一条）。")
    if row.get("decided_on") and row["decided_on"] != row["filed_on"]:
        c.error(number, "decided_on", "简易程序当场作出决定：决定日期应与立案日期相同。")
    if row.get("served_on") and row.get("decided_on") and row["served_on"] != row["decided_on"]:
        c.error(number, "served_on", "简易程序当场交付决定书：送达日期应与决定日期相同。")
    limit = SIMPLE_LIMIT_INDIVIDUAL if row.get("party_kind") == Case.PartyKind.PERSON else SIMPLE_LIMIT_ENTITY
    if row.get("fine") is not None and row["fine"] > limit:
        who = "公民" if row.get("party_kind") == Case.PartyKind.PERSON else "法人或者其他组织"
        c.error(number, "fine", f"简易程序只适用于对{who}处以 {actions.fmt_amount(limit)}以下罚款或者警告"
                                "（《行政处罚法》第五十一条）。")
    if row.get("reviewed"):
        c.error(number, "reviewed", "简易程序的案件不经法制审核。")
    if row.get("number") and row.get("decision_number") and row["number"] != row["decision_number"]:
        c.error(number, "decision_number", "简易程序的决定书文号就是案号，两者应相同（或只填一个）。")
    row["number"] = row.get("number") or row.get("decision_number")
    row["decision_number"] = None


def check_inspections(result: ImportResult, *, org, today: dt.date) -> None:
    """The inspection import's checks: past inspections (result and date), by at least two of the unit's officers,
    整改期限 after the inspection, the 立案案号 a case of the unit, and no inspection of a target twice a day."""
    c = RowChecks(result, INSPECTION_COLUMNS, today)
    look = _Lookup(org, Power.Kind.INSPECTION)
    cases = dict(Case.objects.filter(org=org).values_list("number", "pk"))
    existing = set(Inspection.objects.filter(org=org, inspected_on__isnull=False).values_list(
        "target__uscc", "inspected_on", "kind"))
    seen: dict = {}
    for number, row in c.rows():
        if not (row.get("inspected_on") or row.get("result") or row.get("findings")):
            c.error(number, "inspected_on", "这一行没有检查日期、检查结果和检查情况（待检查）：只能导入已完成的检查，"
                                            "请补全或删去这一行（待检查的请在系统中安排检查）。")
            continue
        if not all([c.need(number, row, key, "已完成的检查") for key in ("inspected_on", "result", "findings")]):
            continue
        row["officers"] = look.officers(c, number, "officers", row["officers"])
        if row.get("power"):
            row["power"] = look.power(c, number, "power", row["power"], "行政检查事项")
        c.not_future(number, row, ("inspected_on",))
        if row.get("draw") and row["kind"] != Inspection.Kind.RANDOM:
            c.error(number, "draw", "只有双随机抽查填写抽查编号。")
        result_label = Inspection.Result(row["result"]).label
        if row["result"] == Inspection.Result.RECTIFY:
            if c.need(number, row, "rectify_due", "责令整改的") and row["rectify_due"] <= row["inspected_on"]:
                c.error(number, "rectify_due", "整改期限应晚于检查日期。")
        else:
            c.refuse(number, row, "rectify_due", f"检查结果为“{result_label}”的")
        if row["result"] == Inspection.Result.CASE:
            if c.need(number, row, "case", "立案查处的"):
                row["case_id"] = cases.get(row["case"])
                if row["case_id"] is None:
                    c.error(number, "case", f"本单位没有案号为“{row['case']}”的案件（请先导入行政处罚案件台账）。")
        else:
            c.refuse(number, row, "case", f"检查结果为“{result_label}”的")
        c.unique(number, "inspected_on", (row["uscc"], row["inspected_on"], row["kind"]), existing=existing,
                 seen=seen, what="这一对象这一天的同类检查")
    c.done()


# ---------------------------------------------------------------- 权责清单
#
# The items themselves; their 流程环节 and 裁量基准 are kept on each item's page (imported 处罚 and 检查 items get the
# standard steps of their kind, as a new item does), and 公开 is a step of its own (``actions.publish_power``).

POWER_COLUMNS = [
    Column("code", "事项编码", parse=parse_text(40), width=20, help="可留空；填写的不能与本单位有效事项重复"),
    Column("name", "事项名称", required=True, parse=parse_text(200), width=36),
    Column("kind", "职权类别", required=True, choices=labels(Power.Kind.choices), width=14,
           help="可选：" + "、".join(Power.Kind.labels)),
    Column("domain", "执法领域", required=True, parse=parse_text(50), help="如：城市管理、市场监管"),
    Column("basis_law", "法律依据", required=True, parse=parse_text(200), width=28, help="如：《城乡规划法》"),
    Column("basis_article", "条款", required=True, parse=parse_text(100), help="如：第六十五条"),
    Column("basis_text", "条文内容", parse=parse_text(5000), width=40),
    Column("department", "承办机构", parse=parse_text(100), width=20),
    Column("time_limit", "办理时限", parse=parse_text(200), width=24),
    Column("remedy", "救济途径", parse=parse_text(300), width=36, help="留空则填入复议、诉讼的一般期限"),
    Column("requires_legal_review", "列入重大执法决定法制审核目录", choices=YES_NO, width=14, help="是 / 否，留空为否"),
    Column("requires_av", "列入音像记录事项清单", choices=YES_NO, width=14, help="是 / 否，留空为否"),
    Column("sort_order", "排序", parse=parse_int, width=8, help="同一类别内的顺序，整数，可留空"),
    Column("unit", "实施单位", parse=parse_text(100), width=24, help="导出时注明；导入时不用填，一律导入本单位"),
]


def power_template():
    return template_response(POWER_COLUMNS, title="权责清单", filename="权责清单导入模板.xlsx")


def export_powers(powers):
    """权责清单 in the import's columns (plus 实施单位, which the import does not read)."""
    keys = [c.key for c in POWER_COLUMNS if c.key != "unit"]
    rows = ({**{k: getattr(p, k) for k in keys}, "unit": p.org.name} for p in powers)
    return export_response(POWER_COLUMNS, rows, title="权责清单", filename="权责清单.xlsx")


def check_powers(result: ImportResult, org) -> None:
    """The 权责清单 import's cross-row checks: a 事项编码, and a 事项名称 within its 职权类别, once in the sheet and
    not already among the unit's active items. 实施单位 is not read (the rows go into the acting unit)."""
    c = RowChecks(result, POWER_COLUMNS, deadlines.today())
    active = Power.objects.filter(org=org, is_active=True)
    codes = {code for code in active.values_list("code", flat=True) if code}
    names = set(active.values_list("name", "kind"))
    kind_label = dict(Power.Kind.choices)
    seen_codes: dict = {}
    seen_names: dict = {}
    for number, row in c.rows():
        row.pop("unit", None)
        c.unique(number, "code", row.get("code"), existing=codes, seen=seen_codes, what=f"事项编码 {row.get('code')}")
        if row.get("name") and row.get("kind"):
            c.unique(number, "name", (row["name"], row["kind"]), existing=names, seen=seen_names,
                     what=f"{kind_label[row['kind']]}事项“{row['name']}”")
    c.done()
