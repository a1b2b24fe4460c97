"""Every write of 行政执法: one transaction each, audited, deadlines kept through ``core.deadlines``.

Gates that the law sets refuse with a ``ValidationError`` whose message names the missing step
and its basis; a wrong state raises ``InvalidTransition`` (from ``core.workflow``).
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from yifa.core import attachments, audit, deadlines, imports, numbering
from yifa.core.identity import mask_id, mask_name, validate_id_number, validate_uscc
from yifa.core.numbering import next_number
from yifa.core.workflow import InvalidTransition, allowed, transition

from . import draw as drawing
from .masking import mask_text
from .models import (AV_EXTENSIONS, CASE_PAUSE_ANCHOR, MIN_OFFICERS, SIMPLE_LIMIT_ENTITY, SIMPLE_LIMIT_INDIVIDUAL,
                     AnnualData, CaseClockPause, CaseExtension, CaseRecord, DiscretionLevel, EnforcementCase,
                     EvidencePreservation, Inspection, InspectionTarget, LegalReview, LegalReviewer, Officer, Power,
                     PowerStep, Publication, RandomDraw)

Case = EnforcementCase
ART42 = "《行政处罚法》第四十二条"
ART56 = "《行政处罚法》第五十六条"
ART58 = "《行政处罚法》第五十八条"
ART60 = "《行政处罚法》第六十条"
GUOBAN118 = "国办发〔2018〕118号"

# Rule codes of core.StatutoryRule used here.
CASE_LIMIT = "enforcement.case"
HEARING_REQUEST = "enforcement.hearing_request"
HEARING_NOTICE = "enforcement.hearing_notice"
PUBLICITY = "enforcement.publicity"
PUBLICITY_OTHER = "enforcement.publicity_other"
PUBLICITY_WITHDRAW = "enforcement.publicity_withdraw"
SERVICE = "enforcement.service"
EVIDENCE_DECISION = "enforcement.evidence_decision"
ANNUAL_DATA = "enforcement.annual_data"


def fmt_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def fmt_amount(amount) -> str:
    return f"{Decimal(amount):,.2f}".rstrip("0").rstrip(".") + " 元"


# ---------------------------------------------------------------- helpers


def _changes(obj, fields: dict) -> dict:
    changed = {}
    for name, value in fields.items():
        old = getattr(obj, name)
        if old != value:
            changed[name] = [old, value]
            setattr(obj, name, value)
    return changed


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValidationError(message)


def check_officers(officers, day: dt.date, *, what: str = "执法") -> list[Officer]:
    """At least two officers, each with a valid 执法证 on ``day`` (《行政处罚法》第四十二条)."""
    officers = list(officers)
    problems = [o.cert_problem(day) for o in officers if o.cert_problem(day)]
    if problems:
        raise ValidationError(f"{'；'.join(problems)}。只有持有效执法证的人员可以{what}（{ART42}）。")
    if len(officers) < MIN_OFFICERS:
        raise ValidationError(f"{what}的执法人员不得少于两人（{ART42}），请至少选择两名持证执法人员。")
    return officers


def acting_officer(officers, by, day: dt.date) -> Officer:
    """The acting user must be one of ``officers`` and hold a valid certificate today."""
    mine = [o for o in officers if o.user_id == getattr(by, "pk", None)]
    if not mine:
        raise ValidationError("您不是本案（本次检查）的承办执法人员，不能办理这一步。")
    problem = mine[0].cert_problem(day)
    if problem:
        raise ValidationError(f"{problem}，不能继续执法（{ART42}）。")
    return mine[0]


def _state(obj, action: str) -> None:
    """Refuse a step the object's state does not allow, before any other check (the same message as transition())."""
    if not allowed(obj, action):
        label = getattr(obj, "ACTION_LABELS", {}).get(action, action)
        raise InvalidTransition(f"当前状态为“{obj.get_status_display()}”，不能执行“{label}”。")


def _open_deadline(target, code: str):
    return next((d for d in deadlines.of(target) if d.rule.code == code and d.status in ("open", "paused")), None)


def _complete(target, code: str, *, on: dt.date, by) -> None:
    if _open_deadline(target, code):
        deadlines.complete(target, code, on=on, by=by)


def _cancel(target, code: str, *, by, reason: str) -> None:
    if _open_deadline(target, code):
        deadlines.cancel(target, code, by=by, reason=reason)


def _validate_party(kind: str, id_number: str) -> str:
    try:
        if kind == Case.PartyKind.PERSON:
            return validate_id_number(id_number)
        return validate_uscc(id_number)
    except ValidationError as error:
        raise ValidationError({"party_id_number": error.messages})


def _unit_officers(org, officers) -> list[Officer]:
    officers = list(officers)
    foreign = [o.name for o in officers if not o.org.path.startswith(org.path) and not org.path.startswith(o.org.path)]
    _require(not foreign, f"{'、'.join(foreign)}不是本单位的执法人员。")
    return officers


# ---------------------------------------------------------------- 权责清单 and 裁量基准


POWER_FIELDS = ("code", "name", "kind", "domain", "basis_law", "basis_article", "basis_text", "department",
                "time_limit", "remedy", "requires_legal_review", "requires_av", "is_active", "sort_order")

# The 普通程序 steps of a 处罚 item, offered as the starting 流程图 of a new 处罚 power.
PENALTY_STEPS = [
    ("立案", "执法人员、负责人", "发现之日起十五日内（地方规定）", "《行政处罚法》第五十四条", "", False),
    ("调查取证", "执法人员（不少于两人）", "", "《行政处罚法》第四十二条、第五十五条", "出示执法证件，制作询问笔录、现场检查笔录", False),
    ("法制审核", "法制审核人员", "", "《行政处罚法》第五十八条", "重大执法决定须经法制审核", True),
    ("告知", "执法人员", "当事人五日内可申请听证", "《行政处罚法》第四十四条、第六十四条", "告知拟处罚内容及陈述、申辩、听证权利", False),
    ("听证", "非本案调查人员主持", "举行听证七日前通知", "《行政处罚法》第六十四条", "当事人申请时进行", True),
    ("决定", "行政机关负责人", "立案之日起九十日内", "《行政处罚法》第五十七条、第六十条", "", False),
    ("送达", "执法人员", "宣告后当场交付，或七日内送达", "《行政处罚法》第六十一条", "", False),
    ("执行", "当事人、执法机关", "收到决定书之日起十五日内缴纳罚款", "《行政处罚法》第六十七条", "", False),
    ("结案", "执法人员", "", "", "制作结案报告，立卷归档", False),
]
INSPECTION_STEPS = [
    ("制定抽查计划", "执法机构", "", GUOBAN118, "", False),
    ("双随机抽取", "执法机构", "", "", "从检查对象名录和执法检查人员名录中随机抽取", False),
    ("实施检查", "执法人员（不少于两人）", "", "《行政处罚法》第五十五条", "出示执法证件，制作检查笔录", False),
    ("结果处理", "执法人员", "", "", "合格、责令整改或立案查处", False),
    ("结果公示", "执法机构", "二十个工作日内", GUOBAN118, "", False),
]


@transaction.atomic
def create_power(*, by, org, add_default_steps: bool = True, **fields) -> Power:
    """Add an item to the unit's 权责清单 (事前公开, 《行政处罚法》第三十九条)."""
    data = {k: v for k, v in fields.items() if k in POWER_FIELDS}
    power = Power.objects.create(org=org, **data)
    if add_default_steps:
        template = {Power.Kind.PENALTY: PENALTY_STEPS, Power.Kind.INSPECTION: INSPECTION_STEPS}.get(power.kind, [])
        for order, (name, actor, limit, basis, description, optional) in enumerate(template, start=1):
            PowerStep.objects.create(power=power, order=order, name=name, actor=actor, time_limit=limit,
                                     basis=basis, description=description, optional=optional)
    audit.record("enforcement.create_power", power, by=by, org=org, note=f"新增权责事项：{power.name}")
    return power


def save_powers(rows: list[dict], *, by, org):
    """导入权责清单 (rows checked by ``ledgers.check_powers``) into ``org``: each item with an
    ``enforcement.import_row`` audit entry, 处罚 and 检查 items with the standard steps of their kind (as
    ``create_power``), none published (公开 is ``publish_power``, once steps and 裁量基准 are in). A generator for
    ``core.imports``."""
    fields = [{k: v for k, v in row.items() if k in POWER_FIELDS} for row in rows]
    powers = imports.build(Power, fields, org=org)
    yield from imports.save_records(Power, powers, by=by, org=org, action="enforcement.import_row")
    templates = {Power.Kind.PENALTY: PENALTY_STEPS, Power.Kind.INSPECTION: INSPECTION_STEPS}
    imports.bulk_insert(PowerStep, [
        PowerStep(power_id=power.pk, order=order, name=name, actor=actor, time_limit=limit, basis=basis,
                  description=description, optional=optional)
        for power in powers
        for order, (name, actor, limit, basis, description, optional) in enumerate(templates.get(power.kind, []), 1)])
    audit.record("enforcement.import_powers", org, by=by, org=org, note=f"导入权责事项 {len(powers)} 项")
    yield len(powers)
    return powers


@transaction.atomic
def import_powers(rows: list[dict], *, by, org) -> list[Power]:
    return imports.drain(save_powers(rows, by=by, org=org))


@transaction.atomic
def update_power(power: Power, *, by, **fields) -> Power:
    changed = _changes(power, {k: v for k, v in fields.items() if k in POWER_FIELDS})
    if changed:
        power.save()
        audit.record("enforcement.update_power", power, by=by, changes=changed)
    return power


@transaction.atomic
def publish_power(power: Power, *, by) -> Power:
    """事前公开: the item and its 流程图 and 裁量基准 appear on the portal."""
    _require(not power.is_published, "该事项已经公开。")
    _require(power.is_active, "已失效的事项不能公开。")
    _require(power.steps.exists(), "请先填写职权运行流程的各个环节，再公开。")
    if power.kind == Power.Kind.PENALTY:
        _require(power.levels.exists(), "行政处罚事项须先制定裁量基准，再公开。")
    power.is_published, power.published_on = True, deadlines.today()
    power.save(update_fields=["is_published", "published_on", "updated_at"])
    audit.record("enforcement.publish_power", power, by=by, changes={"is_published": [False, True]})
    return power


@transaction.atomic
def withdraw_power(power: Power, *, by, reason: str) -> Power:
    _require(power.is_published, "该事项尚未公开。")
    _require(bool(reason.strip()), "请说明撤下的理由（如法律修改、职能调整）。")
    power.is_published = False
    power.save(update_fields=["is_published", "updated_at"])
    audit.record("enforcement.withdraw_power", power, by=by, note=reason, changes={"is_published": [True, False]})
    return power


@transaction.atomic
def add_step(power: Power, *, by, name: str, actor: str = "", time_limit: str = "", basis: str = "",
             description: str = "", optional: bool = False, order: int | None = None) -> PowerStep:
    if order is None:
        order = (power.steps.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    step = PowerStep.objects.create(power=power, order=order, name=name, actor=actor, time_limit=time_limit,
                                    basis=basis, description=description, optional=optional)
    audit.record("enforcement.add_step", power, by=by, note=f"流程环节 {order}. {name}")
    return step


@transaction.atomic
def remove_step(step: PowerStep, *, by) -> None:
    power = step.power
    _require(not power.is_published, "已公开的事项不能删除环节；请先撤下公开，修改后重新公开。")
    audit.record("enforcement.remove_step", power, by=by, note=f"删除流程环节 {step.order}. {step.name}")
    step.delete()


@transaction.atomic
def add_level(power: Power, *, by, circumstance: str, condition: str, fine_min=None, fine_max=None,
              other_penalty: str = "", order: int | None = None) -> DiscretionLevel:
    """裁量基准: the fine range for one circumstance of the offence."""
    _require(power.kind == Power.Kind.PENALTY, "只有行政处罚事项有裁量基准。")
    if fine_min is not None and fine_max is not None and fine_min > fine_max:
        raise ValidationError({"fine_max": "罚款上限不能低于下限。"})
    _require(fine_min is not None or fine_max is not None or bool(other_penalty.strip()),
             "请填写罚款幅度，或写明其他处罚（如警告）。")
    if order is None:
        order = power.levels.count() + 1
    level = DiscretionLevel.objects.create(power=power, circumstance=circumstance, condition=condition,
                                           fine_min=fine_min, fine_max=fine_max, other_penalty=other_penalty,
                                           order=order)
    audit.record("enforcement.add_level", power, by=by, note=f"裁量基准 {level}")
    return level


# ---------------------------------------------------------------- 执法人员 and 法制审核人员


OFFICER_FIELDS = ("user", "name", "post", "cert_number", "issuing_body", "domains", "issued_on", "expires_on",
                  "status", "in_inspection_pool")


def check_cert_fields(data: dict) -> None:
    """执法证 fields together (号, 发证机关, 有效期) and in order; also checked row by row on import."""
    issued, expires = data.get("issued_on"), data.get("expires_on")
    if issued and expires and expires < issued:
        raise ValidationError({"expires_on": "有效期至不能早于发证日期。"})
    if data.get("cert_number") and not (data.get("issuing_body") and expires):
        raise ValidationError("填写执法证号时，须同时填写发证机关和有效期。")


@transaction.atomic
def create_officer(*, by, org, **fields) -> Officer:
    data = {k: v for k, v in fields.items() if k in OFFICER_FIELDS}
    data["cert_number"] = (data.get("cert_number") or "").strip()
    check_cert_fields(data)
    if data["cert_number"] and Officer.objects.filter(cert_number=data["cert_number"]).exists():
        raise ValidationError({"cert_number": "该执法证号已登记。"})
    officer = Officer.objects.create(org=org, **data)
    audit.record("enforcement.create_officer", officer, by=by, org=org,
                 note=f"登记执法人员 {officer.name}（执法证号 {officer.cert_number or '无'}）")
    return officer


@transaction.atomic
def update_officer(officer: Officer, *, by, **fields) -> Officer:
    data = {k: v for k, v in fields.items() if k in OFFICER_FIELDS}
    merged = {f: data.get(f, getattr(officer, f)) for f in ("cert_number", "issuing_body", "issued_on", "expires_on")}
    check_cert_fields(merged)
    if data.get("cert_number") and Officer.objects.filter(cert_number=data["cert_number"]).exclude(
            pk=officer.pk).exists():
        raise ValidationError({"cert_number": "该执法证号已登记。"})
    changed = _changes(officer, data)
    if changed:
        officer.save()
        shown = {k: [str(a) if a is not None else None, str(b) if b is not None else None]
                 for k, (a, b) in changed.items()}
        audit.record("enforcement.update_officer", officer, by=by, changes=shown)
    return officer


@transaction.atomic
def create_reviewer(*, by, org, user, name: str, qualification: str, qualification_number: str = "",
                    department: str = "") -> LegalReviewer:
    """登记法制审核人员. First-time reviewers must hold a 法律职业资格 (第五十八条第二款)."""
    if qualification != LegalReviewer.Qualification.INCUMBENT:
        _require(bool(qualification_number.strip()), "请填写资格证书编号。")
    _require(not LegalReviewer.objects.filter(org=org, user=user).exists(), "该用户已登记为本单位法制审核人员。")
    reviewer = LegalReviewer.objects.create(org=org, user=user, name=name, qualification=qualification,
                                            qualification_number=qualification_number, department=department)
    audit.record("enforcement.create_reviewer", reviewer, by=by, org=org,
                 note=f"登记法制审核人员 {name}（{reviewer.get_qualification_display()}）")
    return reviewer


# ---------------------------------------------------------------- 检查对象名录


TARGET_FIELDS = ("name", "uscc", "kind", "industry", "address", "legal_rep", "phone", "is_active")


@transaction.atomic
def create_target(*, by, org, **fields) -> InspectionTarget:
    data = {k: v for k, v in fields.items() if k in TARGET_FIELDS}
    try:
        data["uscc"] = validate_uscc(data.get("uscc", ""))
    except ValidationError as error:
        raise ValidationError({"uscc": error.messages})
    if InspectionTarget.objects.filter(org=org, uscc=data["uscc"]).exists():
        raise ValidationError({"uscc": "该统一社会信用代码已在本单位名录中。"})
    target = InspectionTarget.objects.create(org=org, **data)
    audit.record("enforcement.create_target", target, by=by, org=org, note=f"登记检查对象 {target.name}")
    return target


def save_targets(rows: list[dict], *, by, org):
    """导入检查对象名录 (rows checked by ``ledgers.check_targets``): all in the caller's transaction, each with an
    ``enforcement.import_row`` audit entry. A generator for ``core.imports``: yields rows saved, returns them."""
    targets = imports.build(InspectionTarget, rows, org=org)
    yield from imports.save_records(InspectionTarget, targets, by=by, org=org, action="enforcement.import_row")
    audit.record("enforcement.import_targets", org, by=by, org=org, note=f"导入检查对象 {len(targets)} 个")
    yield len(targets)
    return targets


@transaction.atomic
def import_targets(rows: list[dict], *, by, org) -> list[InspectionTarget]:
    return imports.drain(save_targets(rows, by=by, org=org))


def save_officers(rows: list[dict], *, by, org):
    """导入执法人员名录 (rows checked by ``ledgers.check_officers``). A generator for ``core.imports``."""
    officers = imports.build(Officer, rows, org=org)
    yield from imports.save_records(Officer, officers, by=by, org=org, action="enforcement.import_row")
    audit.record("enforcement.import_officers", org, by=by, org=org, note=f"导入执法人员 {len(officers)} 名")
    yield len(officers)
    return officers


@transaction.atomic
def import_officers(rows: list[dict], *, by, org) -> list[Officer]:
    return imports.drain(save_officers(rows, by=by, org=org))


# ---------------------------------------------------------------- 案件台账 and 检查台账 (past work brought in)

CASE_NUMBER = "{abbr}综执立〔{year}〕{n}号"
SIMPLE_NUMBER = "{abbr}综执简〔{year}〕{n}号"
DECISION_NUMBERS = {"penalty": ("enforcement.decision", "{abbr}综执罚决〔{year}〕{n}号"),
                    "no_penalty": ("enforcement.decision_other", "{abbr}综执不罚〔{year}〕{n}号"),
                    "transfer": ("enforcement.decision_other", "{abbr}综执移〔{year}〕{n}号")}


def _number_rows(org, rows, *, kind: str, fmt: str, key: str, year_of, taken: set) -> None:
    """Numbers for a ledger's rows of one series: the numbers the ledger gives move the series past them
    (``reserve_past``), then the rows without one take the next ones, by year, skipping any in use."""
    numbering.reserve_past(org, kind, fmt, [row[key] for row in rows if row.get(key)])
    blank: dict[int, list] = {}
    for row in rows:
        if not row.get(key):
            blank.setdefault(year_of(row).year, []).append(row)
    for year, group in sorted(blank.items()):
        for row, text in zip(group, numbering.next_numbers(org, kind, year, len(group), fmt=fmt, taken=taken)):
            row[key] = text


def _link_officers(model, field: str, objects, officers_of) -> None:
    through = getattr(model, "officers").through
    imports.bulk_insert(through, [through(**{field: obj.pk}, officer_id=officer.pk)
                                  for obj in objects for officer in officers_of(obj)])


def save_cases(rows: list[dict], *, by, org):
    """导入行政处罚案件台账 (rows checked by ``ledgers.check_cases``): past cases, all in the caller's transaction.

    A ledger row is a record of work done before the platform, not a new 立案: no 立案人 or 决定人 is written (the
    承办人员 are the ledger's), 法制审核 and 公示 the ledger states are kept as its word (``ledger_reviewed``,
    ``ledger_published``). 案号 and 决定书文号 follow the unit's series: numbers the ledger gives move the series past
    them, rows without one take the next. The 90日 clock (第六十条) of a 普通程序 case is written as the ledger
    shows it: closed on the 决定日期 (按期 or 逾期, for the figures), running from the 立案日期 for a case still 调查取证;
    a decision not yet served gets its 送达 clock (第六十一条). 已撤销立案 and 简易程序 cases get none.
    A generator for ``core.imports``: yields rows saved, returns the cases.
    """
    taken = set(Case.objects.filter(org=org).values_list("number", flat=True)) | {
        row["number"] for row in rows if row.get("number")}
    simple = [row for row in rows if row["procedure"] == Case.Procedure.SIMPLE]
    normal = [row for row in rows if row["procedure"] == Case.Procedure.NORMAL]
    _number_rows(org, normal, kind="enforcement.case", fmt=CASE_NUMBER, key="number",
                 year_of=lambda row: row["filed_on"], taken=taken)
    _number_rows(org, simple, kind="enforcement.simple", fmt=SIMPLE_NUMBER, key="number",
                 year_of=lambda row: row["decided_on"], taken=taken)
    decided = [row for row in normal if row.get("decided_on")]
    used = set(Case.objects.filter(org=org).exclude(decision_number="").values_list("decision_number", flat=True))
    used |= {row["decision_number"] for row in decided if row.get("decision_number")}
    for decision_kind, (kind, fmt) in DECISION_NUMBERS.items():
        _number_rows(org, [row for row in decided if row["decision_kind"] == decision_kind], kind=kind, fmt=fmt,
                     key="decision_number", year_of=lambda row: row["decided_on"], taken=used)
    fields = []
    for row in rows:
        is_simple = row["procedure"] == Case.Procedure.SIMPLE
        power = row["power"]
        grounds = [Case.ReviewGround.CATALOGUE] if power.requires_legal_review and not is_simple else []
        fields.append({
            "number": row["number"], "procedure": row["procedure"], "status": row["status"], "cause": row["cause"],
            "power": power, "source": Case.Source.OTHER, "party_kind": row["party_kind"], "party_name": row["party"],
            "party_id_number": row["party_code"], "filed_on": row["filed_on"], "review_grounds": grounds,
            "decision_kind": row.get("decision_kind") or "",
            "decision_number": row["number"] if is_simple else row.get("decision_number") or "",
            "decided_on": row.get("decided_on"), "penalty_content": row.get("penalty_content") or "",
            "fine_amount": row.get("fine"), "served_on": row.get("served_on"), "executed_on": row.get("executed_on"),
            "closed_on": row.get("closed_on"), "ledger_reviewed": bool(row.get("reviewed")),
            "ledger_published": bool(row.get("published")),
            "informed_on": row.get("decided_on") if is_simple else None,
            "service_method": Case.Service.ON_THE_SPOT if is_simple else "",
            "dropped_reason": "原台账记载已撤销立案（台账导入）" if row["status"] == Case.Status.DROPPED else "",
        })
    cases = imports.build(Case, fields, org=org, imported=True)
    yield from imports.save_records(Case, cases, by=by, org=org, action="enforcement.import_case", share=0.7,
                                    changes=lambda c: {"status": [None, c.status], "number": [None, c.number]})
    officers = {id(case): row["officers"] for case, row in zip(cases, rows)}
    _link_officers(Case, "enforcementcase_id", cases, lambda c: officers[id(c)])
    yield len(cases) * 8 // 10
    clocks = []
    for case in cases:
        if case.procedure != Case.Procedure.NORMAL or case.status == Case.Status.DROPPED:
            continue
        clocks.append(deadlines.Clock(case, CASE_LIMIT, case.filed_on, completed_on=case.decided_on,
                                      note=f"{case.number}（台账导入）"))
        if case.status == Case.Status.DECIDED:
            clocks.append(deadlines.Clock(case, SERVICE, case.decided_on, note="决定书送达（台账导入）"))
    deadlines.start_many(clocks, by=by, org=org)
    running = sum(1 for case in cases if case.status == Case.Status.INVESTIGATING)
    audit.record("enforcement.import_cases", org, by=by, org=org,
                 note=f"导入行政处罚案件台账 {len(cases)} 件，其中 {running} 件调查取证中、办案期限计时中",
                 changes={"ids": [None, [c.pk for c in cases]]})
    yield len(cases)
    return cases


@transaction.atomic
def import_cases(rows: list[dict], *, by, org) -> list[EnforcementCase]:
    """``save_cases`` in one transaction, for scripts and tests (the import page streams its progress)."""
    return imports.drain(save_cases(rows, by=by, org=org))


USCC_KINDS = {"91": InspectionTarget.Kind.COMPANY, "92": InspectionTarget.Kind.INDIVIDUAL_BUSINESS,
              "93": InspectionTarget.Kind.COOPERATIVE}


def save_inspections(rows: list[dict], *, by, org):
    """导入执法检查台账 (rows checked by ``ledgers.check_inspections``): past inspections, 已检查 with their results.

    A target the 检查对象名录 lacks is registered from the row (主体类型 from the code's 登记管理部门 and 机构类别
    digits, GB 32100), audited as a 名录 import. The 抽查编号 of a draw made before the platform is kept as the
    ledger's text. No clock starts: the inspections are over (a 立案查处 one points to its case, which has its own).
    A generator for ``core.imports``: yields rows saved, returns the inspections.
    """
    known = {t.uscc: t for t in InspectionTarget.objects.filter(org__path__startswith=org.path).order_by("-pk")}
    known.update({t.uscc: t for t in InspectionTarget.objects.filter(org=org)})
    new_targets = {}
    for row in rows:
        if row["uscc"] not in known and row["uscc"] not in new_targets:
            new_targets[row["uscc"]] = {"name": row["target"], "uscc": row["uscc"],
                                        "kind": USCC_KINDS.get(row["uscc"][:2], InspectionTarget.Kind.OTHER)}
    targets = imports.build(InspectionTarget, list(new_targets.values()), org=org)
    yield from imports.save_records(InspectionTarget, targets, by=by, org=org, action="enforcement.import_row",
                                    share=0.1)
    known.update({t.uscc: t for t in targets})
    inspections = imports.build(Inspection, [{
        "kind": row["kind"], "power": row.get("power"), "target": known[row["uscc"]],
        "status": Inspection.Status.DONE, "inspected_on": row["inspected_on"], "result": row["result"],
        "findings": row["findings"], "rectify_due": row.get("rectify_due"), "case_id": row.get("case_id"),
        "ledger_draw_number": row.get("draw") or ""} for row in rows], org=org, imported=True)
    yield from imports.save_records(Inspection, inspections, by=by, org=org, action="enforcement.import_inspection",
                                    share=0.7, changes=lambda i: {"result": [None, i.result]})
    officers = {id(obj): row["officers"] for obj, row in zip(inspections, rows)}
    _link_officers(Inspection, "inspection_id", inspections, lambda i: officers[id(i)])
    audit.record("enforcement.import_inspections", org, by=by, org=org,
                 note=f"导入执法检查台账 {len(inspections)} 条（新登记检查对象 {len(targets)} 个）",
                 changes={"ids": [None, [i.pk for i in inspections]]})
    yield len(inspections)
    return inspections


@transaction.atomic
def import_inspections(rows: list[dict], *, by, org) -> list[Inspection]:
    """``save_inspections`` in one transaction, for scripts and tests."""
    return imports.drain(save_inspections(rows, by=by, org=org))


# ---------------------------------------------------------------- 双随机抽查


@transaction.atomic
def create_draw(*, by, org, title: str, power=None, scope_note: str = "", industry: str = "", target_count: int,
                inspectors_per_target: int = MIN_OFFICERS, planned_start: dt.date, planned_end: dt.date) -> RandomDraw:
    """制定双随机抽查任务 (抽查事项、范围、比例、时间)."""
    _require(inspectors_per_target >= MIN_OFFICERS, f"每户检查人员不得少于两人（{ART42}）。")
    _require(target_count >= 1, "抽取对象数至少为 1。")
    if planned_end < planned_start:
        raise ValidationError({"planned_end": "结束日期不能早于开始日期。"})
    if power is not None:
        _require(power.kind == Power.Kind.INSPECTION, "抽查事项应为权责清单中的行政检查事项。")
    number = next_number(org, "enforcement.draw", planned_start.year, fmt="{abbr}随抽〔{year}〕{n}号")
    d = RandomDraw.objects.create(org=org, number=number.text, title=title, power=power, scope_note=scope_note,
                                  industry=industry, target_count=target_count,
                                  inspectors_per_target=inspectors_per_target, planned_start=planned_start,
                                  planned_end=planned_end, created_by=by)
    audit.record("enforcement.create_draw", d, by=by, org=org, note=f"{d.number} {title}")
    return d


def draw_pools(d: RandomDraw) -> tuple[list[list[str]], list[list[str]]]:
    """The registers as they stand: active targets (optionally one industry) and certified inspectors."""
    targets = InspectionTarget.objects.filter(org__path__startswith=d.org.path, is_active=True)
    if d.industry:
        targets = targets.filter(industry=d.industry)
    today = deadlines.today()
    inspectors = [o for o in Officer.objects.filter(org__path__startswith=d.org.path, in_inspection_pool=True)
                  if o.certified_on(today) and o.expires_on >= d.planned_end]
    return (sorted([[t.uscc, t.name] for t in targets]),
            sorted([[o.cert_number, o.name] for o in inspectors]))


@transaction.atomic
def run_draw(d: RandomDraw, *, by, seed: str = "") -> RandomDraw:
    """抽取: freeze the two registers, draw from the seed, publish seed, lists and result (双随机、一公开).

    Creates one pending ``Inspection`` per drawn target with its drawn inspectors.
    """
    _state(d, "run_draw")
    seed = (seed or "").strip() or drawing.new_seed()
    _require(len(seed) <= 64, "随机种子不能超过 64 个字符。")
    target_pool, inspector_pool = draw_pools(d)
    _require(len(target_pool) >= d.target_count,
             f"检查对象名录中只有 {len(target_pool)} 个符合条件的对象，少于拟抽取的 {d.target_count} 个。")
    _require(len(inspector_pool) >= d.inspectors_per_target,
             f"执法检查人员名录中持有效执法证（有效期覆盖检查期间）的只有 {len(inspector_pool)} 人，"
             f"少于每户 {d.inspectors_per_target} 人（{ART42}）。")
    result = drawing.run(seed, [t[0] for t in target_pool], [i[0] for i in inspector_pool],
                         d.target_count, d.inspectors_per_target)
    d.seed, d.algorithm, d.target_pool, d.inspector_pool, d.result = (
        seed, drawing.ALGORITHM, target_pool, inspector_pool, result)
    d.drawn_at, d.drawn_by = timezone.now(), by
    targets = {t.uscc: t for t in InspectionTarget.objects.filter(org__path__startswith=d.org.path,
                                                                 uscc__in=[r["target"] for r in result])}
    officers = {o.cert_number: o for o in Officer.objects.filter(
        cert_number__in={c for r in result for c in r["inspectors"]})}
    for row in result:
        inspection = Inspection.objects.create(org=d.org, kind=Inspection.Kind.RANDOM, draw=d,
                                               target=targets[row["target"]], power=d.power,
                                               planned_on=d.planned_start)
        inspection.officers.set([officers[c] for c in row["inspectors"]])
    transition(d, "run_draw", by=by, note=f"随机种子 {seed}；从 {len(target_pool)} 个对象中抽取 {d.target_count} 个",
               extra_fields=["seed", "algorithm", "target_pool", "inspector_pool", "result", "drawn_at", "drawn_by"],
               changes={"seed": [None, seed]})
    return d


@transaction.atomic
def create_inspection(*, by, org, target: InspectionTarget, kind: str, officers, power=None,
                      planned_on: dt.date | None = None) -> Inspection:
    """A non-random inspection (日常巡查、投诉举报核查、专项检查)."""
    _require(kind != Inspection.Kind.RANDOM, "双随机抽查的检查由抽取生成。")
    officers = check_officers(_unit_officers(org, officers), planned_on or deadlines.today(), what="检查")
    inspection = Inspection.objects.create(org=org, kind=kind, target=target, power=power, planned_on=planned_on)
    inspection.officers.set(officers)
    audit.record("enforcement.create_inspection", inspection, by=by, org=org,
                 note=f"{inspection.get_kind_display()}：{target.name}")
    return inspection


@transaction.atomic
def record_inspection(inspection: Inspection, *, by, inspected_on: dt.date, result: str, findings: str,
                      rectify_due: dt.date | None = None, case_power=None, case_cause: str = "") -> Inspection:
    """登记检查结果 (合格 / 责令整改 / 立案查处). 立案 opens a 处罚 case through ``file_case``."""
    _state(inspection, "record_inspection")
    _require(inspected_on <= deadlines.today(), "检查日期不能晚于今天。")
    officers = check_officers(inspection.officers.all(), inspected_on, what="检查")
    acting_officer(officers, by, deadlines.today())
    _require(bool(findings.strip()), "请填写检查情况。")
    if result == Inspection.Result.RECTIFY:
        if rectify_due is None:
            raise ValidationError({"rectify_due": "责令整改须写明整改期限。"})
        if rectify_due <= inspected_on:
            raise ValidationError({"rectify_due": "整改期限应晚于检查日期。"})
    inspection.inspected_on, inspection.result, inspection.findings = inspected_on, result, findings
    inspection.rectify_due = rectify_due if result == Inspection.Result.RECTIFY else None
    fields = ["inspected_on", "result", "findings", "rectify_due"]
    if result == Inspection.Result.CASE:
        if case_power is None:
            raise ValidationError({"case_power": "立案查处须选择违法行为对应的处罚事项。"})
        target = inspection.target
        case = file_case(by=by, org=inspection.org, power=case_power, cause=case_cause or f"{target.name}涉嫌违法案",
                         source=Case.Source.INSPECTION, party_kind=Case.PartyKind.ENTITY, party_name=target.name,
                         party_id_number=target.uscc, party_legal_rep=target.legal_rep, party_phone=target.phone,
                         party_address=target.address, facts=findings, place=target.address,
                         occurred_on=inspected_on, officers=officers, filed_on=inspected_on,
                         inspection=inspection)
        inspection.case = case
        fields.append("case")
    transition(inspection, "record_inspection", by=by, note=f"检查结果：{inspection.get_result_display()}",
               extra_fields=fields)
    d = inspection.draw
    if d is not None and d.all_recorded and not _open_deadline(d, PUBLICITY_OTHER):
        # 国办发〔2018〕118号: 检查结果 within 20 个工作日 of the end of the inspections.
        deadlines.start(d, PUBLICITY_OTHER, start=inspected_on, by=by, org=d.org, note="双随机抽查结果公示")
    return inspection


@transaction.atomic
def publish_results(d: RandomDraw, *, by, on: dt.date | None = None) -> RandomDraw:
    """公示抽查结果 (双随机、一公开); ``on`` records a publication made earlier (台账补录)."""
    _state(d, "publish_results")
    _require(d.all_recorded, "还有检查对象未登记检查结果，不能公示抽查结果。")
    d.results_published_on = on or deadlines.today()
    _require(d.results_published_on <= deadlines.today(), "公示日期不能晚于今天。")
    transition(d, "publish_results", by=by, extra_fields=["results_published_on"])
    _complete(d, PUBLICITY_OTHER, on=d.results_published_on, by=by)
    return d


# ---------------------------------------------------------------- 行政处罚案件: 立案


@transaction.atomic
def file_case(*, by, org, power: Power, cause: str, source: str, party_kind: str, party_name: str,
              party_id_number: str, officers, filed_on: dt.date | None = None, party_legal_rep: str = "",
              party_phone: str = "", party_address: str = "", facts: str = "", place: str = "",
              occurred_on: dt.date | None = None, review_grounds=(), filing_approved_by: str = "",
              inspection=None) -> EnforcementCase:
    """立案 (《行政处罚法》第五十四条). Two certified officers at least (第四十二条); the 90日 clock starts (第六十条)."""
    today = deadlines.today()
    filed_on = filed_on or today
    _require(filed_on <= today, "立案日期不能晚于今天。")
    _require(power.kind == Power.Kind.PENALTY and power.is_active, "请选择权责清单中有效的行政处罚事项。")
    _require(power.org.path == org.path or org.path.startswith(power.org.path),
             "该处罚事项不在本单位的权责清单内（《行政处罚法》第二十四条：乡镇街道只在公布的权限内执法）。")
    party_id_number = _validate_party(party_kind, party_id_number)
    officers = check_officers(_unit_officers(org, officers), filed_on, what="办理案件")
    acting_officer(officers, by, today)
    number = next_number(org, "enforcement.case", filed_on.year, fmt="{abbr}综执立〔{year}〕{n}号")
    grounds = [g for g in review_grounds if g in Case.ReviewGround.values]
    if power.requires_legal_review and Case.ReviewGround.CATALOGUE not in grounds:
        grounds.append(Case.ReviewGround.CATALOGUE)
    case = Case.objects.create(
        org=org, number=number.text, procedure=Case.Procedure.NORMAL, status=Case.Status.INVESTIGATING, power=power,
        cause=cause, source=source, inspection=inspection, party_kind=party_kind, party_name=party_name,
        party_id_number=party_id_number, party_legal_rep=party_legal_rep, party_phone=party_phone,
        party_address=party_address, facts=facts, place=place, occurred_on=occurred_on, filed_on=filed_on,
        filed_by=by, filing_approved_by=filing_approved_by, review_grounds=grounds)
    case.officers.set(officers)
    audit.record("enforcement.file_case", case, by=by, org=org,
                 note=f"立案：{cause}；承办人员 {'、'.join(o.name for o in officers)}",
                 changes={"status": [None, case.status]})
    deadlines.start(case, CASE_LIMIT, start=filed_on, by=by, org=org, note=case.number)
    return case


@transaction.atomic
def update_case_facts(case: Case, *, by, facts: str, place: str = "", occurred_on: dt.date | None = None) -> Case:
    """补充、更正违法事实 during the investigation; the earlier text stays in the audit trail."""
    _require(case.status in (Case.Status.INVESTIGATING, Case.Status.REVIEWED), "只有调查取证阶段可以修改违法事实。")
    acting_officer(case.officers.all(), by, deadlines.today())
    _require(bool(facts.strip()), "请填写违法事实。")
    changed = _changes(case, {"facts": facts, "place": place, "occurred_on": occurred_on})
    if changed:
        case.save()
        audit.record("enforcement.update_case_facts", case, by=by,
                     changes={k: [str(a) if a else a, str(b) if b else b] for k, (a, b) in changed.items()})
    return case


@transaction.atomic
def change_officers(case: Case, *, by, officers, reason: str) -> Case:
    """更换承办人员 (e.g. a certificate expired, 回避). Still two certified officers at least."""
    _require(case.is_open, "案件已作出决定或已终结，不能更换承办人员。")
    _require(bool(reason.strip()), "请说明更换承办人员的原因。")
    today = deadlines.today()
    officers = check_officers(_unit_officers(case.org, officers), today, what="办理案件")
    old = sorted(o.name for o in case.officers.all())
    case.officers.set(officers)
    audit.record("enforcement.change_officers", case, by=by, note=reason,
                 changes={"officers": [old, sorted(o.name for o in officers)]})
    return case


# ---------------------------------------------------------------- 全过程记录


PRESERVATION_MEASURES = (CaseRecord.Measure.PRESERVE, CaseRecord.Measure.PRESERVE_DECISION)


@transaction.atomic
def add_record(case: Case, *, by, kind: str, stage: str, title: str, occurred_at, content: str = "",
               place: str = "", interviewee: str = "", evidence_kind: str = "", measure: str = "", officers=(),
               upload=None) -> CaseRecord:
    """登记全过程记录 (《行政处罚法》第四十七条). Files are hashed and kept; records are never replaced.

    询问笔录 and 现场检查笔录 name at least two certified officers (第四十二条、第五十五条).
    查封、扣押、强制拆除 need an audio/video file (国办发〔2018〕118号 全程音像记录).
    先行登记保存 and its 处理决定 are steps of their own (``request_preservation`` …), because the
    负责人 approves the measure first (第五十六条).
    """
    _require(measure not in PRESERVATION_MEASURES,
             f"先行登记保存须经行政机关负责人批准（{ART56}）：请使用“申请先行登记保存”，批准后再登记实施和处理决定。")
    return _create_record(case, by=by, kind=kind, stage=stage, title=title, occurred_at=occurred_at,
                          content=content, place=place, interviewee=interviewee, evidence_kind=evidence_kind,
                          measure=measure, officers=officers, upload=upload)


def _create_record(case: Case, *, by, kind: str, stage: str, title: str, occurred_at, content: str = "",
                   place: str = "", interviewee: str = "", evidence_kind: str = "", measure: str = "", officers=(),
                   upload=None) -> CaseRecord:
    _require(case.status != Case.Status.DROPPED, "案件已撤销立案，不能再登记记录。")
    today = deadlines.today()
    acting_officer(case.officers.all(), by, today)
    _require(bool(title.strip()), "请填写记录名称。")
    if kind in (CaseRecord.Kind.INQUIRY, CaseRecord.Kind.SITE, CaseRecord.Kind.MEASURE):
        officers = check_officers(officers, timezone.localtime(occurred_at).date(), what="制作笔录")
        _require(bool(content.strip()) or upload is not None, "笔录须填写正文或上传笔录扫描件。")
    if kind == CaseRecord.Kind.INQUIRY:
        _require(bool(interviewee.strip()), "询问笔录须写明被询问人。")
    if kind == CaseRecord.Kind.EVIDENCE:
        _require(bool(evidence_kind), "请选择证据种类（《行政处罚法》第四十六条）。")
    ext = upload.name.rsplit(".", 1)[-1].lower() if upload is not None and "." in upload.name else ""
    if kind == CaseRecord.Kind.AV:
        _require(ext in AV_EXTENSIONS, "音像记录须上传音频或视频文件（mp3、wav、mp4）。")
    if kind == CaseRecord.Kind.MEASURE:
        _require(bool(measure), "请选择强制措施种类。")
        if measure in CaseRecord.AV_REQUIRED_MEASURES:
            label = CaseRecord.Measure(measure).label
            _require(ext in AV_EXTENSIONS,
                     f"“{label}”须全程音像记录（{GUOBAN118}），请上传音视频文件（mp3、wav、mp4）后再登记。")
    _require(occurred_at <= timezone.now() + dt.timedelta(minutes=5), "记录时间不能晚于现在。")
    attachment = None
    if upload is not None:
        attachment = attachments.attach(upload, org=case.org, by=by, target=case, description=title)
    record = CaseRecord.objects.create(case=case, stage=stage, kind=kind, evidence_kind=evidence_kind,
                                       measure=measure, title=title, content=content, occurred_at=occurred_at,
                                       place=place, interviewee=interviewee, attachment=attachment, created_by=by)
    record.officers.set(list(officers))
    audit.record("enforcement.add_record", case, by=by,
                 note=f"{record.get_kind_display()}：{title}" + (f"（附件 SHA-256 {attachment.sha256[:16]}…）"
                                                                if attachment else ""),
                 changes={"record": [None, record.pk]})
    return record


# ---------------------------------------------------------------- 法制审核


@transaction.atomic
def submit_review(case: Case, *, by, reviewer: LegalReviewer, materials: str, grounds=None) -> LegalReview:
    """提请法制审核 (《行政处罚法》第五十八条). The reviewer handles no part of the case (国办发〔2018〕118号)."""
    _state(case, "submit_review")
    acting_officer(case.officers.all(), by, deadlines.today())
    _require(reviewer.is_active, "该法制审核人员已不在岗。")
    _require(case.org.path.startswith(reviewer.org.path) or reviewer.org.path.startswith(case.org.path),
             "请选择本单位（或上级机关）的法制审核人员。")
    _require(reviewer.user_id not in case.handler_users,
             f"{reviewer.name}是本案承办人员，不能审核本案：法制审核由调查人员以外的法制审核人员进行（{GUOBAN118}）。")
    _require(bool(materials.strip()), "请说明送审材料（调查终结报告、证据、拟处理意见等）。")
    _require(case.records.exists(), "调查取证环节尚无任何记录，不能送审（《行政处罚法》第四十七条、第五十五条）。")
    if case.status == Case.Status.HEARING:
        _require(case.hearing_held_on is not None, "已申请听证的案件，须在听证后依据听证笔录送审（《行政处罚法》第六十五条）。")
    changes = {}
    if grounds is not None:
        grounds = [g for g in grounds if g in Case.ReviewGround.values]
        if case.power.requires_legal_review and Case.ReviewGround.CATALOGUE not in grounds:
            grounds.append(Case.ReviewGround.CATALOGUE)
        if grounds != case.review_grounds:
            changes["review_grounds"] = [case.review_grounds, grounds]
            case.review_grounds = grounds
    review = LegalReview.objects.create(case=case, reviewer=reviewer, materials=materials, submitted_by=by,
                                        submitted_at=timezone.now())
    transition(case, "submit_review", by=by, note=f"送法制审核人员 {reviewer.name} 审核", changes=changes,
               extra_fields=["review_grounds"])
    return review


@transaction.atomic
def review_case(review: LegalReview, *, by, outcome: str, opinion: str, checklist: dict | None = None) -> LegalReview:
    """出具法制审核意见. 同意 lets the case go on; otherwise it returns to 调查取证 (no decision, 第五十八条)."""
    case = review.case
    _require(review.status == LegalReview.Status.PENDING, "该审核已完成。")
    _require(review.reviewer.user_id == by.pk, "只有被指定的法制审核人员可以出具审核意见。")
    _require(by.pk not in case.handler_users, f"本案承办人员不能审核本案（{GUOBAN118}）。")
    _require(outcome in LegalReview.Outcome.values, "请选择审核结论。")
    _require(bool(opinion.strip()), "请填写书面审核意见。")
    review.status, review.outcome, review.opinion = LegalReview.Status.DONE, outcome, opinion
    review.checklist, review.reviewed_at = checklist or {}, timezone.now()
    review.save()
    action = "agree_review" if outcome == LegalReview.Outcome.AGREE else "return_review"
    transition(case, action, by=by, note=f"审核结论：{review.get_outcome_display()}。{opinion}")
    return review


# ---------------------------------------------------------------- 告知、陈述申辩、听证


@transaction.atomic
def inform(case: Case, *, by, informed_on: dt.date, proposed_penalty: str, proposed_fine=None,
           hearing_offered: bool = False) -> Case:
    """告知拟处罚内容及陈述、申辩、听证权利 (《行政处罚法》第四十四条、第六十三条、第六十四条).

    With hearing rights, the 5-workday window for requesting a hearing starts.
    """
    _state(case, "inform")
    today = deadlines.today()
    acting_officer(case.officers.all(), by, today)
    check_officers(case.officers.all(), informed_on, what="告知")
    _require(informed_on <= today, "告知日期不能晚于今天。")
    _require(informed_on >= case.filed_on, "告知日期不能早于立案日期。")
    _require(bool(case.facts.strip()), "请先在案件信息中写明违法事实，再告知当事人（《行政处罚法》第四十四条）。")
    _require(case.records.exclude(stage="filing").exists(),
             "调查取证环节尚无任何记录，不能告知（《行政处罚法》第四十七条、第五十五条）。")
    if case.power.requires_av:
        _require(any(r.is_av for r in case.records.select_related("attachment")),
                 f"本事项列入音像记录事项清单，调查取证须有音像记录（{GUOBAN118}），请先上传。")
    _require(bool(proposed_penalty.strip()), "请写明拟作出的行政处罚内容。")
    case.informed_on, case.proposed_penalty, case.proposed_fine = informed_on, proposed_penalty, proposed_fine
    case.hearing_offered, case.rights_waived = hearing_offered, False
    transition(case, "inform", by=by, note=f"告知拟处罚：{proposed_penalty}" + ("；告知听证权利" if hearing_offered else ""),
               extra_fields=["informed_on", "proposed_penalty", "proposed_fine", "hearing_offered", "rights_waived"])
    _cancel(case, HEARING_REQUEST, by=by, reason="重新告知")
    if hearing_offered:
        deadlines.start(case, HEARING_REQUEST, start=informed_on, by=by, org=case.org, note="当事人申请听证期限")
    return case


@transaction.atomic
def record_statement(case: Case, *, by, statement: str, waived: bool = False) -> Case:
    """记录当事人陈述、申辩 (第四十五条: 不得因当事人陈述申辩而给予更重的处罚), or a stated waiver."""
    _require(case.status in (Case.Status.INFORMED, Case.Status.HEARING, Case.Status.REVIEWED) and case.informed_on,
             "只有告知后、作出决定前可以记录陈述申辩。")
    acting_officer(case.officers.all(), by, deadlines.today())
    _require(bool(statement.strip()) or waived, "请填写陈述申辩内容，或勾选当事人明确放弃。")
    old = case.statement
    stamp = fmt_date(deadlines.today())
    case.statement = (old + "\n" if old else "") + f"{stamp}：{statement.strip() or '当事人明确表示放弃陈述、申辩和听证。'}"
    case.rights_waived = case.rights_waived or waived
    case.save(update_fields=["statement", "rights_waived", "updated_at"])
    audit.record("enforcement.record_statement", case, by=by, note=statement or "当事人放弃陈述申辩和听证",
                 changes={"rights_waived": [None, case.rights_waived]} if waived else {})
    if waived and case.status == Case.Status.INFORMED:
        _cancel(case, HEARING_REQUEST, by=by, reason="当事人明确放弃听证")
    return case


@transaction.atomic
def request_hearing(case: Case, *, by, requested_on: dt.date) -> Case:
    """登记听证申请: within 5 working days of the notice (《行政处罚法》第六十四条、第八十五条)."""
    _state(case, "request_hearing")
    acting_officer(case.officers.all(), by, deadlines.today())
    _require(case.hearing_offered, "本案未告知听证权利；如当事人依法享有听证权利，请重新告知。")
    _require(requested_on <= deadlines.today() and requested_on >= case.informed_on, "申请日期应在告知之后、今天之前。")
    clock = _open_deadline(case, HEARING_REQUEST)
    if clock is not None and requested_on > clock.due_on:
        raise ValidationError(f"当事人应在告知后五个工作日内（至{fmt_date(clock.due_on)}）提出听证申请，"
                              "已超过期限（《行政处罚法》第六十四条）。")
    case.hearing_requested_on = requested_on
    transition(case, "request_hearing", by=by, note=f"当事人于{fmt_date(requested_on)}申请听证",
               extra_fields=["hearing_requested_on"])
    _complete(case, HEARING_REQUEST, on=requested_on, by=by)
    return case


@transaction.atomic
def schedule_hearing(case: Case, *, by, notified_on: dt.date, hearing_on: dt.date, place: str, chair: str) -> Case:
    """通知听证: the party is told time and place at least 7 days before (第六十四条); the chair is not an investigator."""
    _require(case.status == Case.Status.HEARING and not case.hearing_held_on, "只有已申请、尚未举行的听证可以安排。")
    acting_officer(case.officers.all(), by, deadlines.today())
    _require(notified_on <= deadlines.today(), "通知日期不能晚于今天。")
    officer_names = {o.name for o in case.officers.all()}
    _require(chair.strip() not in officer_names,
             f"{chair}是本案调查人员，不能主持听证（《行政处罚法》第六十四条第四项）。")
    earliest = deadlines.compute(HEARING_NOTICE, notified_on).due_on
    if hearing_on < earliest:
        raise ValidationError({"hearing_on": f"应当在举行听证的七日前通知当事人：{fmt_date(notified_on)}通知的，"
                                             f"听证最早可在{fmt_date(earliest)}举行（《行政处罚法》第六十四条）。"})
    case.hearing_notified_on, case.hearing_on, case.hearing_place, case.hearing_chair = (
        notified_on, hearing_on, place, chair)
    case.save(update_fields=["hearing_notified_on", "hearing_on", "hearing_place", "hearing_chair", "updated_at"])
    audit.record("enforcement.schedule_hearing", case, by=by,
                 note=f"听证定于{fmt_date(hearing_on)}在{place}举行，主持人{chair}",
                 changes={"hearing_on": [None, hearing_on.isoformat()]})
    _cancel(case, HEARING_NOTICE, by=by, reason="重新安排听证")
    deadlines.start(case, HEARING_NOTICE, start=notified_on, by=by, org=case.org, note=f"听证日期 {fmt_date(hearing_on)}")
    return case


@transaction.atomic
def record_hearing(case: Case, *, by, held_on: dt.date, summary: str) -> Case:
    """听证笔录: the decision is then made on it (第六十五条), after 法制审核 (第五十八条)."""
    _require(case.status == Case.Status.HEARING and case.hearing_on, "请先安排听证（时间、地点、主持人）。")
    _require(not case.hearing_held_on, "已登记听证笔录。")
    acting_officer(case.officers.all(), by, deadlines.today())
    _require(case.hearing_on <= held_on <= deadlines.today(), "听证举行日期不能早于通知的听证日期，也不能晚于今天。")
    _require(bool(summary.strip()), "请填写听证笔录要点。")
    case.hearing_held_on, case.hearing_summary = held_on, summary
    if Case.ReviewGround.MAJOR_RIGHTS_HEARING not in case.review_grounds:
        case.review_grounds = [*case.review_grounds, Case.ReviewGround.MAJOR_RIGHTS_HEARING]
    case.save(update_fields=["hearing_held_on", "hearing_summary", "review_grounds", "updated_at"])
    audit.record("enforcement.record_hearing", case, by=by, note=f"听证于{fmt_date(held_on)}举行。{summary}",
                 changes={"hearing_held_on": [None, held_on.isoformat()]})
    _complete(case, HEARING_NOTICE, on=held_on, by=by)
    pause = running_pause(case)
    if pause is not None and pause.ground == CaseClockPause.Ground.HEARING:
        # A clock paused for the hearing resumes with the 听证笔录: the hearing span ends the day it is held.
        _end_pause_for(case, by=by, on=held_on, why="听证已举行，听证笔录已登记")
    return case


# ---------------------------------------------------------------- 决定


def decision_gate(case: Case, *, decision_kind: str, today: dt.date) -> None:
    """The steps that must precede a 处罚决定; raises with the missing step and its basis."""
    if decision_kind != Case.DecisionKind.PENALTY:
        return
    _require(case.informed_on is not None,
             "尚未告知当事人拟处罚内容及陈述、申辩、听证权利，不得作出处罚决定（《行政处罚法》第四十四条、第六十二条）。")
    if case.hearing_requested_on:
        _require(case.hearing_held_on is not None,
                 "当事人已申请听证，须举行听证并依据听证笔录作出决定（《行政处罚法》第六十五条）。")
    elif case.hearing_offered and not case.rights_waived:
        clock = _open_deadline(case, HEARING_REQUEST)
        if clock is not None and today <= clock.due_on:
            raise ValidationError(f"当事人申请听证的期限尚未届满（至{fmt_date(clock.due_on)}），期满前不得作出决定"
                                  "（《行政处罚法》第六十四条）；当事人明确放弃的，请先记录。")
    if case.requires_legal_review and not case.review_is_current:
        grounds = "；".join(case.grounds_display) or "经过听证程序"
        raise ValidationError(f"缺少法制审核：本案属于{grounds}，依照{ART58}，作出决定前应当进行法制审核；"
                              "未经法制审核或者审核未通过的，不得作出决定。请先提请法制审核。")


@transaction.atomic
def decide(case: Case, *, by, decision_kind: str, decided_on: dt.date, penalty_content: str = "",
           fine_amount=None, confiscation_amount=None, discretion_level: DiscretionLevel | None = None,
           outside_range_reason: str = "", collective_discussed_on: dt.date | None = None) -> Case:
    """作出决定 (《行政处罚法》第五十七条), by the 负责人, within 90日 of 立案 (第六十条).

    Gates: 告知 (第四十四、六十二条), 听证 (第六十四、六十五条), 法制审核 (第五十八条),
    two certified officers (第四十二条); the fine inside the 裁量基准 or a written reason;
    not heavier than what was proposed (第四十五条). Starts the 公示 clock (国办发〔2018〕118号).
    """
    _state(case, "decide")
    today = deadlines.today()
    _require(case.filed_on <= decided_on <= today, "决定日期应在立案之后、今天之前。")
    pause = running_pause(case)
    if pause is not None:
        raise ValidationError(f"办案期限自{fmt_date(pause.paused_on)}起因“{pause.get_ground_display()}”暂停计时，"
                              f"请先登记恢复计时（写明该期间结束之日），再作出决定（{ART60}）。")
    _require(decision_kind in Case.DecisionKind.values, "请选择决定类型。")
    decision_gate(case, decision_kind=decision_kind, today=today)
    check_officers(case.officers.all(), decided_on, what="办理案件")
    changes = {}
    if decision_kind == Case.DecisionKind.PENALTY:
        _require(bool(penalty_content.strip()), "请写明处罚内容（处罚种类和幅度）。")
        if fine_amount is not None:
            _require(fine_amount > 0, "罚款金额应大于 0。")
            if case.proposed_fine is not None and fine_amount > case.proposed_fine:
                raise ValidationError({"fine_amount": f"决定罚款 {fmt_amount(fine_amount)} 高于告知的 "
                                                      f"{fmt_amount(case.proposed_fine)}：不得因当事人陈述申辩而加重处罚"
                                                      "（《行政处罚法》第四十五条）；如认定事实变化，请重新告知。"})
            levels = list(case.power.levels.all())
            if levels:
                if discretion_level is None:
                    raise ValidationError({"discretion_level": "请选择适用的裁量基准情节。"})
                _require(discretion_level.power_id == case.power_id, "所选裁量基准不属于本案的处罚事项。")
                if not discretion_level.contains(fine_amount) and not outside_range_reason.strip():
                    raise ValidationError({"outside_range_reason":
                                           f"罚款 {fmt_amount(fine_amount)} 超出所选裁量基准"
                                           f"（{discretion_level.get_circumstance_display()}："
                                           f"{discretion_level.range_text}），须书面说明理由。"})
        complex_case = (Case.ReviewGround.COMPLEX in case.review_grounds or case.hearing_held_on is not None)
        if complex_case and collective_discussed_on is None:
            raise ValidationError({"collective_discussed_on": "情节复杂或者重大违法行为给予处罚，行政机关负责人应当集体讨论决定"
                                                              "（《行政处罚法》第五十七条第二款），请填写集体讨论日期。"})
        number = next_number(case.org, "enforcement.decision", decided_on.year, fmt="{abbr}综执罚决〔{year}〕{n}号")
    else:
        number = next_number(case.org, "enforcement.decision_other", decided_on.year,
                             fmt="{abbr}综执不罚〔{year}〕{n}号" if decision_kind == Case.DecisionKind.NO_PENALTY
                             else "{abbr}综执移〔{year}〕{n}号")
        fine_amount = confiscation_amount = discretion_level = None
        outside_range_reason = ""
        _require(bool(penalty_content.strip()), "请写明决定内容及理由。")
    case.decision_kind, case.decision_number, case.decided_on, case.decided_by = (
        decision_kind, number.text, decided_on, by)
    case.penalty_content, case.fine_amount, case.confiscation_amount = penalty_content, fine_amount, confiscation_amount
    case.discretion_level, case.outside_range_reason = discretion_level, outside_range_reason.strip()
    case.collective_discussed_on = collective_discussed_on
    if fine_amount is not None:
        changes["fine_amount"] = [None, str(fine_amount)]
    transition(case, "decide", by=by, note=f"{case.get_decision_kind_display()}：{number.text}；{penalty_content}",
               changes=changes,
               extra_fields=["decision_kind", "decision_number", "decided_on", "decided_by", "penalty_content",
                             "fine_amount", "confiscation_amount", "discretion_level", "outside_range_reason",
                             "collective_discussed_on"])
    _complete(case, CASE_LIMIT, on=decided_on, by=by)
    _cancel(case, HEARING_REQUEST, by=by, reason="期满未申请听证" if not case.rights_waived else "当事人放弃听证")
    deadlines.start(case, SERVICE, start=decided_on, by=by, org=case.org, note="决定书送达")
    if decision_kind == Case.DecisionKind.PENALTY:
        deadlines.start(case, PUBLICITY, start=decided_on, by=by, org=case.org, note="行政处罚决定信息公示")
    return case


# ---------------------------------------------------------------- 送达、执行、结案


@transaction.atomic
def serve(case: Case, *, by, served_on: dt.date, method: str) -> Case:
    """送达决定书 (《行政处罚法》第六十一条)."""
    _state(case, "serve")
    acting_officer(case.officers.all(), by, deadlines.today())
    _require(method in Case.Service.values, "请选择送达方式。")
    _require(case.decided_on <= served_on <= deadlines.today(), "送达日期应在决定之后、今天之前。")
    case.served_on, case.service_method = served_on, method
    transition(case, "serve", by=by, note=f"{case.get_service_method_display()}，{fmt_date(served_on)}",
               extra_fields=["served_on", "service_method"])
    _complete(case, SERVICE, on=served_on, by=by)
    return case


@transaction.atomic
def execute(case: Case, *, by, executed_on: dt.date, method: str, paid_amount=None) -> Case:
    """执行完毕 (第六十六至七十三条): 罚款 paid within 15日 of service or enforced."""
    _state(case, "execute")
    acting_officer(case.officers.all(), by, deadlines.today())
    _require(method in Case.Execution.values, "请选择执行方式。")
    _require(case.served_on <= executed_on <= deadlines.today(), "执行日期应在送达之后、今天之前。")
    if case.fine_amount:
        _require(method != Case.Execution.NOT_NEEDED, "有罚款的决定须登记执行情况。")
        _require(paid_amount is not None, "请填写实缴罚没款金额。")
    if method == Case.Execution.ENFORCED and case.power.requires_av:
        _require(case.records.filter(stage="execution").exists() and any(
            r.is_av for r in case.records.filter(stage="execution").select_related("attachment")),
            f"强制执行须全程音像记录（{GUOBAN118}），请先在“执行”环节上传音像记录。")
    case.executed_on, case.execution_method, case.paid_amount = executed_on, method, paid_amount
    transition(case, "execute", by=by, note=f"{case.get_execution_method_display()}"
               + (f"，实缴 {fmt_amount(paid_amount)}" if paid_amount is not None else ""),
               extra_fields=["executed_on", "execution_method", "paid_amount"])
    return case


@transaction.atomic
def close(case: Case, *, by, closed_on: dt.date, summary: str) -> Case:
    """结案: the 结案报告; a case with a fine or confiscation closes only once executed."""
    _state(case, "close")
    acting_officer(case.officers.all(), by, deadlines.today())
    if case.status == Case.Status.SERVED:
        _require(not (case.fine_amount or case.confiscation_amount),
                 "有罚没款的案件须先登记执行情况，再结案（《行政处罚法》第六十七条）。")
    _require(bool(summary.strip()), "请填写结案报告。")
    last = case.executed_on or case.served_on
    _require(last <= closed_on <= deadlines.today(), "结案日期应在送达（执行）之后、今天之前。")
    case.closed_on, case.closing_summary = closed_on, summary
    transition(case, "close", by=by, note=summary, extra_fields=["closed_on", "closing_summary"])
    return case


@transaction.atomic
def drop(case: Case, *, by, reason: str) -> Case:
    """撤销立案 (e.g. 违法事实不能成立): approved by the 负责人; the case clocks stop."""
    _state(case, "drop")
    _require(bool(reason.strip()), "请写明撤销立案的理由。")
    case.dropped_reason = reason
    pending = case.reviews.filter(status=LegalReview.Status.PENDING)
    _require(not pending.exists(), "法制审核尚未完成，不能撤销立案。")
    transition(case, "drop", by=by, note=reason, extra_fields=["dropped_reason"])
    _end_pause_for(case, by=by, on=deadlines.today(), why="撤销立案")
    for code in (CASE_LIMIT, HEARING_REQUEST, HEARING_NOTICE, EVIDENCE_DECISION):
        _cancel(case, code, by=by, reason="撤销立案")
    return case


@transaction.atomic
def revoke(case: Case, *, by, kind: str, revoked_on: dt.date, reason: str) -> Case:
    """决定被撤销、变更或确认违法、无效: the public notice is withdrawn with the reason (第四十八条)."""
    _state(case, "revoke")
    _require(kind in Case.Revocation.values, "请选择撤销或变更的类型。")
    _require(bool(reason.strip()), "请写明撤销或变更的理由（公示撤回时一并公开）。")
    _require(case.decided_on <= revoked_on <= deadlines.today(), "日期应在决定之后、今天之前。")
    case.revocation_kind, case.revoked_on, case.revocation_reason = kind, revoked_on, reason
    transition(case, "revoke", by=by, note=f"{case.get_revocation_kind_display()}：{reason}",
               extra_fields=["revocation_kind", "revoked_on", "revocation_reason"])
    _cancel(case, PUBLICITY, by=by, reason="决定已撤销或变更，不再公示")
    publication = Publication.objects.filter(case=case, status=Publication.Status.PUBLISHED).first()
    if publication is not None:
        deadlines.start(case, PUBLICITY_WITHDRAW, start=revoked_on, by=by, org=case.org, note="撤回公示")
        # Withdrawn today, when it actually leaves the portal: a change registered late shows as a late withdrawal.
        withdraw_publication(publication, by=by,
                             reason=f"该行政处罚决定已被{case.get_revocation_kind_display()}：{reason}")
    return case


# ---------------------------------------------------------------- 公示


def party_for_public(case: Case) -> tuple[str, str, str]:
    """(当事人, 证件号码, 法定代表人) as the portal shows them: natural persons' data masked."""
    if case.party_kind == Case.PartyKind.PERSON:
        return mask_name(case.party_name), mask_id(case.party_id_number), ""
    return case.party_name, case.party_id_number, mask_name(case.party_legal_rep)


@transaction.atomic
def publish(case: Case, *, by, on: dt.date | None = None) -> Publication:
    """行政处罚决定信息公示 (国办发〔2018〕118号: 7 个工作日内; 《行政处罚法》第四十八条), personal data masked.

    ``on`` records a publication made earlier (台账补录); it defaults to today.
    """
    on = on or deadlines.today()
    _require(case.decided_on is None or case.decided_on <= on <= deadlines.today(), "公示日期应在决定之后、今天之前。")
    _require(case.decision_kind == Case.DecisionKind.PENALTY and case.decided_on, "只有作出的行政处罚决定需要公示。")
    _require(case.status not in (Case.Status.REVOKED,), "决定已撤销或变更，不能公示。")
    _require(not Publication.objects.filter(case=case).exists(), "该决定已经公示。")
    party, code, rep = party_for_public(case)
    secrets_ = [case.party_name, case.party_legal_rep, case.party_id_number, case.party_phone, case.party_address]
    if case.party_kind == Case.PartyKind.ENTITY:
        secrets_ = [case.party_legal_rep, case.party_phone]
    publication = Publication.objects.create(
        org=case.org, case=case, decision_number=case.decision_number, party=party, party_code=code, legal_rep=rep,
        cause=mask_text(case.cause, secrets_), facts=mask_text(case.facts, secrets_), basis=case.power.basis,
        content=mask_text(case.penalty_content, secrets_), authority=case.org.name, decided_on=case.decided_on,
        published_on=on, published_by=by)
    audit.record("enforcement.publish", case, by=by, note=f"公示 {case.decision_number}",
                 changes={"publication": [None, publication.pk]})
    _complete(case, PUBLICITY, on=publication.published_on, by=by)
    return publication


@transaction.atomic
def withdraw_publication(publication: Publication, *, by, reason: str, on: dt.date | None = None) -> Publication:
    """撤回公示 with its reason (第四十八条: 三日内)."""
    _require(publication.status == Publication.Status.PUBLISHED, "该公示已撤回。")
    _require(bool(reason.strip()), "请写明撤回理由。")
    publication.status, publication.withdrawn_on, publication.withdraw_reason = (
        Publication.Status.WITHDRAWN, on or deadlines.today(), reason)
    publication.save(update_fields=["status", "withdrawn_on", "withdraw_reason"])
    audit.record("enforcement.withdraw_publication", publication.case, by=by, note=reason,
                 changes={"publication": ["published", "withdrawn"]})
    _complete(publication.case, PUBLICITY_WITHDRAW, on=publication.withdrawn_on, by=by)
    return publication


# ---------------------------------------------------------------- 办案期限延长


@transaction.atomic
def request_extension(case: Case, *, by, reason: str) -> CaseExtension:
    """申请延长办案期限 (第六十条 "法律、法规、规章另有规定的, 从其规定"), for the 负责人 to approve."""
    acting_officer(case.officers.all(), by, deadlines.today())
    _require(case.is_open, "只有办理中的案件可以申请延期。")
    _require(bool(reason.strip()), "请写明延期理由。")
    _require(not case.extensions.filter(status=CaseExtension.Status.PENDING).exists(), "已有待批准的延期申请。")
    ext = CaseExtension.objects.create(case=case, reason=reason, requested_by=by, requested_at=timezone.now())
    audit.record("enforcement.request_extension", case, by=by, note=reason)
    return ext


@transaction.atomic
def decide_extension(ext: CaseExtension, *, by, approve: bool, note: str = "") -> CaseExtension:
    """负责人批准（或不批准）延期; approval extends the 90日 clock through the deadline engine."""
    _require(ext.status == CaseExtension.Status.PENDING, "该延期申请已处理。")
    _require(ext.case.is_open, "案件已作出决定或已终结。")
    ext.status = CaseExtension.Status.APPROVED if approve else CaseExtension.Status.REFUSED
    ext.decided_by, ext.decided_at, ext.decision_note = by, timezone.now(), note
    ext.save()
    audit.record("enforcement.decide_extension", ext.case, by=by,
                 note=f"{ext.get_status_display()}延期：{note or ext.reason}")
    if approve:
        deadlines.extend(ext.case, CASE_LIMIT, by=by, reason=ext.reason)
    return ext


# ---------------------------------------------------------------- 简易程序


@transaction.atomic
def decide_on_the_spot(*, by, org, power: Power, cause: str, party_kind: str, party_name: str,
                       party_id_number: str, officers, decided_on: dt.date, penalty_content: str, fine_amount=None,
                       facts: str = "", place: str = "", discretion_level=None, outside_range_reason: str = "",
                       party_phone: str = "", party_address: str = "") -> EnforcementCase:
    """当场处罚 under the 简易程序 (《行政处罚法》第五十一、五十二条).

    At most 200 元 for a citizen and 3000 元 for an organisation (or a warning); the numbered
    决定书 is handed over on the spot and the decision is filed with the agency (备案) here.
    """
    today = deadlines.today()
    _require(decided_on <= today, "决定日期不能晚于今天。")
    _require(power.kind == Power.Kind.PENALTY and power.is_active, "请选择权责清单中有效的行政处罚事项。")
    party_id_number = _validate_party(party_kind, party_id_number)
    limit = SIMPLE_LIMIT_INDIVIDUAL if party_kind == Case.PartyKind.PERSON else SIMPLE_LIMIT_ENTITY
    if fine_amount is not None and fine_amount > limit:
        who = "公民" if party_kind == Case.PartyKind.PERSON else "法人或者其他组织"
        raise ValidationError({"fine_amount": f"简易程序只适用于对{who}处以 {fmt_amount(limit)}以下罚款或者警告"
                                              "（《行政处罚法》第五十一条），本案请按普通程序立案。"})
    _require(bool(penalty_content.strip()), "请写明处罚内容。")
    _require(bool(facts.strip()), "请写明违法事实（《行政处罚法》第五十二条）。")
    officers = check_officers(_unit_officers(org, officers), decided_on, what="当场处罚")
    acting_officer(officers, by, today)
    if fine_amount is not None:
        levels = list(power.levels.all())
        if levels:
            if discretion_level is None:
                raise ValidationError({"discretion_level": "请选择适用的裁量基准情节。"})
            if not discretion_level.contains(fine_amount) and not outside_range_reason.strip():
                raise ValidationError({"outside_range_reason": f"罚款 {fmt_amount(fine_amount)} 超出所选裁量基准"
                                                               f"（{discretion_level.range_text}），须书面说明理由。"})
    number = next_number(org, "enforcement.simple", decided_on.year, fmt="{abbr}综执简〔{year}〕{n}号")
    case = Case.objects.create(
        org=org, number=number.text, procedure=Case.Procedure.SIMPLE, status=Case.Status.SERVED, power=power,
        cause=cause, source=Case.Source.PATROL, party_kind=party_kind, party_name=party_name,
        party_id_number=party_id_number, party_phone=party_phone, party_address=party_address, facts=facts,
        place=place, occurred_on=decided_on, filed_on=decided_on, filed_by=by, informed_on=decided_on,
        decision_kind=Case.DecisionKind.PENALTY, decision_number=number.text, decided_on=decided_on, decided_by=by,
        penalty_content=penalty_content, fine_amount=fine_amount, discretion_level=discretion_level,
        outside_range_reason=outside_range_reason, served_on=decided_on, service_method=Case.Service.ON_THE_SPOT,
        filed_with_agency_on=today)
    case.officers.set(officers)
    audit.record("enforcement.decide_on_the_spot", case, by=by, org=org,
                 note=f"简易程序当场处罚：{penalty_content}；决定书当场交付，已报所属行政机关备案",
                 changes={"status": [None, case.status]})
    # A 当场处罚 is a 行政处罚决定 too: published within 7 个工作日 (国办发〔2018〕118号).
    deadlines.start(case, PUBLICITY, start=decided_on, by=by, org=org, note="行政处罚决定信息公示")
    return case


# ---------------------------------------------------------------- 办案期限暂停计时


def running_pause(case: Case) -> CaseClockPause | None:
    """The pause of the 90日 clock still running, if any."""
    return case.pauses.filter(resumed_on__isnull=True).order_by("-paused_on", "-pk").first()


@transaction.atomic
def pause_case_clock(case: Case, *, by, ground: str, detail: str, basis: str, paused_on: dt.date) -> CaseClockPause:
    """暂停计时 of the 90日 limit (《行政处罚法》第六十条) for a span the applicable law excludes.

    第六十条 lets 法律、法规、规章 provide otherwise; the 行政处罚法 itself lists no excluded span and the
    research notes give none nationally, so the officer names the provision relied on and the pause is
    marked 本地设定. The pause shows in the case timeline and in the clock's 如何计算.
    """
    today = deadlines.today()
    _require(case.procedure == Case.Procedure.NORMAL, "简易程序案件当场作出决定，没有办案期限。")
    _require(case.is_open, f"只有办理中的案件可以暂停办案期限计时（当前状态为“{case.get_status_display()}”）。")
    acting_officer(case.officers.all(), by, today)
    clock = _open_deadline(case, CASE_LIMIT)
    _require(clock is not None, "本案没有正在计时的办案期限。")
    current = running_pause(case)
    if current is not None or clock.status == "paused":
        since = fmt_date(current.paused_on) if current else ""
        raise ValidationError(f"办案期限已{'自' + since + '起' if since else ''}暂停计时，请先登记恢复计时。")
    _require(ground in CaseClockPause.Ground.values, "请选择暂停计时的情形。")
    _require(bool(detail.strip()), "请写明具体事由（如送检的物品和检测机构、公告的事项）。")
    if not basis.strip():
        raise ValidationError({"basis": f"《行政处罚法》未列举不计入办案期限的情形，暂停计时须写明规定该期间不计入的法律、"
                                        f"法规、规章及条款（{CASE_PAUSE_ANCHOR}）。"})
    if not case.filed_on <= paused_on <= today:
        raise ValidationError({"paused_on": "暂停日应在立案之后、今天之前。"})
    last = case.pauses.exclude(resumed_on__isnull=True).order_by("-resumed_on").first()
    if last is not None and paused_on < last.resumed_on:
        raise ValidationError({"paused_on": f"上一次暂停计时至{fmt_date(last.resumed_on)}结束，新的暂停不能早于该日。"})
    if paused_on > clock.due_on:
        raise ValidationError({"paused_on": f"办案期限已于{fmt_date(clock.due_on)}届满，届满后不能暂停计时（{ART60}）。"})
    if ground == CaseClockPause.Ground.HEARING:
        _require(case.hearing_requested_on is not None, "当事人尚未申请听证，不能以听证为由暂停计时。")
        if paused_on < case.hearing_requested_on:
            raise ValidationError({"paused_on": f"听证期间自当事人申请听证之日（{fmt_date(case.hearing_requested_on)}）"
                                                "起算，暂停日不能早于该日。"})
    pause = CaseClockPause.objects.create(case=case, ground=ground, detail=detail.strip(), basis=basis.strip(),
                                          paused_on=paused_on, paused_by=by)
    before = clock.due_on
    after = deadlines.pause(case, CASE_LIMIT, on=paused_on, by=by, reason=pause.reason_text)
    audit.record("enforcement.pause_case_clock", case, by=by, note=pause.reason_text,
                 changes={"paused_on": [None, paused_on.isoformat()], "due_on": [str(before), str(after.due_on)]})
    return pause


@transaction.atomic
def resume_case_clock(case: Case, *, by, resumed_on: dt.date, note: str = "") -> CaseClockPause:
    """恢复计时: the excluded span ends on ``resumed_on``; counting goes on the next day and the due date moves."""
    today = deadlines.today()
    pause = running_pause(case)
    _require(pause is not None and case.is_open, "办案期限没有暂停计时，无需恢复。")
    acting_officer(case.officers.all(), by, today)
    if not pause.paused_on <= resumed_on <= today:
        raise ValidationError({"resumed_on": f"恢复日应在暂停日（{fmt_date(pause.paused_on)}）之后、今天之前。"})
    pause.resumed_on, pause.resumed_by, pause.resume_note = resumed_on, by, note.strip()[:200]
    pause.save(update_fields=["resumed_on", "resumed_by", "resume_note"])
    clock = deadlines.resume(case, CASE_LIMIT, on=resumed_on, by=by)
    audit.record("enforcement.resume_case_clock", case, by=by,
                 note=f"{pause.get_ground_display()}期间结束，{fmt_date(resumed_on)}恢复计时" + (f"：{note}" if note else ""),
                 changes={"resumed_on": [None, resumed_on.isoformat()], "due_on": [None, str(clock.due_on)]})
    return pause


def _end_pause_for(case: Case, *, by, on: dt.date, why: str) -> None:
    """A running pause ends with the step that ends its span (听证笔录) or with the case (撤销立案)."""
    pause = running_pause(case)
    if pause is None:
        return
    pause.resumed_on, pause.resumed_by, pause.resume_note = max(on, pause.paused_on), by, why
    pause.save(update_fields=["resumed_on", "resumed_by", "resume_note"])
    if _open_deadline(case, CASE_LIMIT) is not None:
        deadlines.resume(case, CASE_LIMIT, on=pause.resumed_on, by=by)
    audit.record("enforcement.resume_case_clock", case, by=by, note=f"{why}，{fmt_date(pause.resumed_on)}恢复计时",
                 changes={"resumed_on": [None, pause.resumed_on.isoformat()]})


# ---------------------------------------------------------------- 先行登记保存 (第五十六条)


@transaction.atomic
def request_preservation(case: Case, *, by, items: str, reason: str, place: str = "") -> EvidencePreservation:
    """申请先行登记保存: where evidence may be lost or hard to obtain later (第五十六条), for the 负责人 to approve."""
    _require(case.procedure == Case.Procedure.NORMAL and case.is_open,
             f"只有办理中的普通程序案件可以申请先行登记保存（当前状态为“{case.get_status_display()}”）。")
    acting_officer(case.officers.all(), by, deadlines.today())
    if not items.strip():
        raise ValidationError({"items": "请列明拟先行登记保存的证据（物品名称、数量、存放地点）。"})
    if not reason.strip():
        raise ValidationError({"reason": f"请说明证据可能灭失或者以后难以取得的情形（{ART56}）。"})
    preservation = EvidencePreservation.objects.create(case=case, items=items.strip(), reason=reason.strip(),
                                                       place=place.strip(), requested_by=by,
                                                       requested_at=timezone.now())
    audit.record("enforcement.request_preservation", case, by=by, note=f"申请先行登记保存：{items.strip()[:100]}",
                 changes={"preservation": [None, preservation.pk]})
    return preservation


@transaction.atomic
def approve_preservation(preservation: EvidencePreservation, *, by, approve: bool,
                         note: str = "") -> EvidencePreservation:
    """负责人批准（或不批准）先行登记保存 (第五十六条: 经行政机关负责人批准)."""
    action = "approve_preservation" if approve else "refuse_preservation"
    _state(preservation, action)
    case = preservation.case
    _require(case.is_open, "案件已作出决定或已终结，不能再批准先行登记保存。")
    if not approve and not note.strip():
        raise ValidationError({"note": "不予批准的，请写明理由。"})
    preservation.approved_by, preservation.approved_at, preservation.approval_note = by, timezone.now(), note.strip()
    transition(preservation, action, by=by, note=note.strip() or ("同意先行登记保存" if approve else ""),
               extra_fields=["approved_by", "approved_at", "approval_note"])
    return preservation


@transaction.atomic
def preserve_evidence(preservation: EvidencePreservation, *, by, preserved_at, officers, content: str = "",
                      upload=None) -> EvidencePreservation:
    """实施先行登记保存, once approved: the 清单 is recorded (全过程记录) and the 7日 (工作日) clock for the
    处理决定 starts (第五十六条、第八十五条)."""
    if preservation.status == EvidencePreservation.Status.REQUESTED:
        raise ValidationError(f"先行登记保存须经行政机关负责人批准（{ART56}）：负责人尚未批准，不能实施。")
    if preservation.status == EvidencePreservation.Status.REFUSED:
        raise ValidationError(f"负责人不予批准先行登记保存（{ART56}）：{preservation.approval_note}")
    _state(preservation, "preserve_evidence")
    case = preservation.case
    _require(case.is_open, "案件已作出决定或已终结，不能再实施先行登记保存。")
    if preserved_at < preservation.approved_at - dt.timedelta(minutes=1):
        raise ValidationError({"preserved_at": f"实施时间早于负责人批准时间（{timezone.localtime(preservation.approved_at):%Y年%-m月%-d日 %H:%M}）："
                                              f"先行登记保存须先经负责人批准（{ART56}）。"})
    text = f"先行登记保存证据清单：{preservation.items}" + (f"\n{content.strip()}" if content.strip() else "")
    record = _create_record(case, by=by, kind=CaseRecord.Kind.MEASURE, stage="investigation",
                            title="先行登记保存证据", occurred_at=preserved_at, content=text, place=preservation.place,
                            measure=CaseRecord.Measure.PRESERVE, officers=officers, upload=upload)
    preservation.preserved_at, preservation.record = preserved_at, record
    transition(preservation, "preserve_evidence", by=by, note=preservation.items[:100],
               extra_fields=["preserved_at", "record"])
    day = timezone.localtime(preserved_at).date()
    deadlines.start(preservation, EVIDENCE_DECISION, start=day, by=by, org=case.org,
                    note=f"{case.number} 先行登记保存")
    return preservation


@transaction.atomic
def decide_preservation(preservation: EvidencePreservation, *, by, decided_on: dt.date, outcome: str,
                        content: str, upload=None) -> EvidencePreservation:
    """对先行登记保存的证据作出处理决定, within 7日 (工作日) of the measure (第五十六条、第八十五条)."""
    _state(preservation, "decide_preservation")
    case = preservation.case
    _require(outcome in EvidencePreservation.Outcome.values, "请选择处理决定。")
    if not content.strip():
        raise ValidationError({"content": "请写明处理决定的内容（如解除保存并退还的物品，送检的机构）。"})
    preserved_on = timezone.localtime(preservation.preserved_at).date()
    if not preserved_on <= decided_on <= deadlines.today():
        raise ValidationError({"decided_on": f"处理决定日期应在先行登记保存（{fmt_date(preserved_on)}）之后、今天之前。"})
    label = EvidencePreservation.Outcome(outcome).label
    moment = timezone.make_aware(dt.datetime.combine(decided_on, dt.time(12, 0)))
    record = _create_record(case, by=by, kind=CaseRecord.Kind.MEASURE, stage="investigation",
                            title=f"先行登记保存处理决定：{label}", occurred_at=min(moment, timezone.now()),
                            content=content.strip(), measure=CaseRecord.Measure.PRESERVE_DECISION,
                            officers=preservation.record.officers.all() if preservation.record else (),
                            upload=upload)
    preservation.decided_on, preservation.outcome, preservation.decision_content = decided_on, outcome, content.strip()
    preservation.decision_record = record
    transition(preservation, "decide_preservation", by=by, note=f"{label}：{content.strip()[:100]}",
               extra_fields=["decided_on", "outcome", "decision_content", "decision_record"])
    _complete(preservation, EVIDENCE_DECISION, on=decided_on, by=by)
    return preservation


# ---------------------------------------------------------------- 年度行政执法数据 (国办发〔2018〕118号)


def _is_enforcement_unit(org) -> bool:
    return (Officer.objects.filter(org=org).exists() or Power.objects.filter(org=org, is_active=True).exists()
            or Case.objects.filter(org=org).exists())


def enforcement_units(orgs=None) -> list:
    """The 执法主体: active units with their own officers, 权责清单 or cases (``orgs`` narrows to their subtrees)."""
    from yifa.core.models import Org

    scope = Q()
    if orgs is not None:
        scope = Q(pk__in=[])
        for org in orgs:
            scope |= Q(org__path__startswith=org.path)
    ids = set(Officer.objects.filter(scope).values_list("org_id", flat=True).distinct())
    ids |= set(Power.objects.filter(scope, is_active=True).values_list("org_id", flat=True).distinct())
    ids |= set(Case.objects.filter(scope).values_list("org_id", flat=True).distinct())
    return list(Org.objects.filter(pk__in=ids, is_active=True).order_by("path"))


@transaction.atomic
def open_annual_data(org, year: int, *, by=None) -> AnnualData:
    """起算: the (org, year) record of the yearly 执法数据 and its clock (上年度结束 → 每年1月31日前,
    国办发〔2018〕118号). Idempotent: an existing record is returned as it is."""
    record = AnnualData.objects.select_for_update().filter(org=org, year=year).first()
    if record is not None:
        return record
    record = AnnualData.objects.create(org=org, year=year)
    audit.record("enforcement.open_annual_data", record, by=by, org=org,
                 note=f"{year}年度行政执法数据应于次年1月31日前公开（{GUOBAN118}）",
                 changes={"status": [None, record.status]})
    deadlines.start(record, ANNUAL_DATA, start=record.year_end, by=by, org=org, note=f"{year}年度行政执法数据公开")
    return record


def open_due_annual_data(*, on: dt.date | None = None, orgs=None, by=None) -> list[AnnualData]:
    """For every 执法主体 (or those under ``orgs``), last year's record and clock if missing. Idempotent:
    run daily with the deadline scan, and on first need (the workbench, the annual-data page)."""
    year = (on or deadlines.today()).year - 1
    units = enforcement_units(orgs)
    done = set(AnnualData.objects.filter(year=year, org__in=units).values_list("org_id", flat=True))
    return [open_annual_data(unit, year, by=by) for unit in units if unit.pk not in done]


def open_annual_data_for(user) -> list[AnnualData]:
    """On first need (the workbench, the annual-data list): last year's record and clock of each unit the
    user compiles for (经办人、负责人), if it is a 执法主体. Opened by the system, not by the user who looked;
    a few indexed queries when nothing is missing."""
    from yifa.core.models import Membership, Role

    from .permissions import enforcement_unit

    if not getattr(user, "is_authenticated", False):
        return []
    year = deadlines.today().year - 1
    orgs = {enforcement_unit(m.org) for m in Membership.objects.filter(
        user=user, role__in=(Role.HANDLER, Role.HEAD), org__is_active=True).select_related("org", "org__parent")}
    done = set(AnnualData.objects.filter(year=year, org__in=orgs).values_list("org_id", flat=True))
    return [open_annual_data(org, year, by=None) for org in sorted(orgs, key=lambda o: o.path)
            if org.pk not in done and _is_enforcement_unit(org)]


def _draft_figures(record: AnnualData, *, by) -> None:
    """Compute the year's figures for the unit now, keep them with their sentences, and rebuild the draft .docx."""
    from django.core.files.base import ContentFile

    from . import indicators, report

    f = indicators.figures([record.org], (dt.date(record.year, 1, 1), record.year_end))
    record.figures, record.sentences = report.snapshot(f), report.sentences_from(f)
    record.computed_at, record.prepared_by = timezone.now(), by
    content, name = report.annual_data_docx(record, on=deadlines.today(), draft=True)
    record.document = attachments.attach(ContentFile(content, name=name), org=record.org, by=by, target=record,
                                         description=f"{record.year}年度行政执法数据（草稿）")


@transaction.atomic
def prepare_annual_data(record: AnnualData, *, by, note: str | None = None) -> AnnualData:
    """生成（刷新）数据草稿: the figures of the year computed afresh, with the unit's 说明, for review before 公开."""
    _state(record, "prepare_annual_data")
    _require(record.year < deadlines.today().year,
             f"{record.year}年度尚未结束，年度执法数据在次年编制并于1月31日前公开（{GUOBAN118}）。")
    before = record.computed_at
    if note is not None:
        record.note = note.strip()
    _draft_figures(record, by=by)
    transition(record, "prepare_annual_data", by=by,
               note=f"{'刷新' if before else '生成'}数据草稿：" + "；".join(record.sentences[:2]),
               changes={"computed_at": [str(before) if before else None, str(record.computed_at)],
                        "document": [None, record.document_id]},
               extra_fields=["figures", "sentences", "note", "computed_at", "prepared_by", "document"])
    return record


@transaction.atomic
def publish_annual_data(record: AnnualData, *, by, review_note: str = "") -> AnnualData:
    """审核公开: the unit's 负责人 publishes the reviewed draft on the portal as it stands (a frozen snapshot,
    with its .docx); the 1月31日 clock completes (国办发〔2018〕118号)."""
    from django.core.files.base import ContentFile

    from . import report

    _state(record, "publish_annual_data")
    _require(record.computed_at is not None, "请先生成数据草稿，核对后再公开。")
    today = deadlines.today()
    record.version += 1
    record.published_on, record.published_by, record.review_note = today, by, review_note.strip()[:300]
    record.withdrawn_on, record.withdraw_reason = None, ""
    content, name = report.annual_data_docx(record, on=today, draft=False)
    record.document = attachments.attach(ContentFile(content, name=name), org=record.org, by=by, target=record,
                                         description=f"{record.year}年度行政执法数据（公开第{record.version}版）")
    transition(record, "publish_annual_data", by=by, note=review_note.strip() or f"公开第{record.version}版",
               changes={"version": [record.version - 1, record.version], "document": [None, record.document_id]},
               extra_fields=["version", "published_on", "published_by", "review_note", "withdrawn_on",
                             "withdraw_reason", "document"])
    _complete(record, ANNUAL_DATA, on=today, by=by)
    return record


def _archive(record: AnnualData, *, reason: str, on: dt.date) -> None:
    record.history = [*record.history, {
        "version": record.version, "published_on": record.published_on.isoformat() if record.published_on else None,
        "withdrawn_on": (record.withdrawn_on or on).isoformat(), "reason": reason, "document": record.document_id,
        "sentences": record.sentences}]


@transaction.atomic
def withdraw_annual_data(record: AnnualData, *, by, reason: str) -> AnnualData:
    """撤回公开: the snapshot leaves the portal, which says when and why."""
    _state(record, "withdraw_annual_data")
    if not reason.strip():
        raise ValidationError({"reason": "请写明撤回的理由（将在门户上说明）。"})
    record.withdrawn_on, record.withdraw_reason = deadlines.today(), reason.strip()
    transition(record, "withdraw_annual_data", by=by, note=reason.strip(),
               extra_fields=["withdrawn_on", "withdraw_reason"])
    return record


@transaction.atomic
def correct_annual_data(record: AnnualData, *, by, reason: str) -> AnnualData:
    """更正: the published (or withdrawn) version goes to the history with its reason, and a new draft is
    computed for review; the portal says a correction is under way until it is published again."""
    _state(record, "correct_annual_data")
    if not reason.strip():
        raise ValidationError({"reason": "请写明更正的理由（将在门户上说明）。"})
    today = deadlines.today()
    old_version = record.version
    _archive(record, reason=reason.strip(), on=today)
    record.withdrawn_on, record.withdraw_reason = record.withdrawn_on or today, reason.strip()
    _draft_figures(record, by=by)
    transition(record, "correct_annual_data", by=by, note=f"更正第{old_version}版：{reason.strip()}",
               changes={"history": [len(record.history) - 1, len(record.history)]},
               extra_fields=["history", "withdrawn_on", "withdraw_reason", "figures", "sentences", "computed_at",
                             "prepared_by", "document"])
    return record
