"""Every write on a 信访事项. Each action is one transaction, moves the status through
``core.workflow.transition`` (which audits ``petitions.<action>``) and keeps the statutory clocks
in ``core.deadlines`` in step; the matter's ``due_on`` mirrors the clock that is running.
"""

import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from yifa.core import audit, deadlines, imports, numbering
from yifa.core.identity import validate_id_number, validate_phone
from yifa.core.workflow import InvalidTransition, transition

from .models import Petition

P = Petition
NOTIFY, HANDLE, REVIEW, RECHECK = "petitions.notify", "petitions.handle", "petitions.review", "petitions.recheck"
REVIEW_REQUEST, RECHECK_REQUEST, OBJECTION = (
    "petitions.review_request", "petitions.recheck_request", "petitions.objection")
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
NUMBER_FORMAT = "{abbr}信〔{year}〕{n}号"
OPINION_FORMAT = "{abbr}信复〔{year}〕{n}号"


def today():
    return deadlines.today()


def new_tracking_code() -> str:
    """查询码 for an online 来信: "XF" and eight characters without look-alikes (0/O, 1/I)."""
    while True:
        code = "XF" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
        if not Petition.objects.filter(tracking_code=code).exists():
            return code


def take_number(org, year: int, kind: str = "petition", fmt: str = NUMBER_FORMAT, field: str = "number") -> str:
    """The next free number; skips numbers already used by records imported from an old 台账."""
    while True:
        text = numbering.next_number(org, kind, year, fmt=fmt).text
        if not Petition.objects.filter(org=org, **{field: text}).exists():
            return text


def _not_future(value, label: str, field: str):
    if value and value > today():
        raise ValidationError({field: f"{label}不能晚于今天。"})


def _not_before(value, earlier, label: str, earlier_label: str, field: str):
    if value and earlier and value < earlier:
        raise ValidationError({field: f"{label}不能早于{earlier_label}（{earlier:%Y年%m月%d日}）。"})


def clean_petitioner(values: dict) -> dict:
    """Normalise and check the petitioner's particulars (身份证号 by GB 11643, 电话)."""
    errors = {}
    if values.get("petitioner_id_number"):
        try:
            values["petitioner_id_number"] = validate_id_number(values["petitioner_id_number"])
        except ValidationError as error:
            errors["petitioner_id_number"] = error.messages
    if values.get("petitioner_phone"):
        try:
            values["petitioner_phone"] = validate_phone(values["petitioner_phone"])
        except ValidationError as error:
            errors["petitioner_phone"] = error.messages
    if values.get("channel") == P.Channel.REFERRED and not values.get("referred_by"):
        errors["referred_by"] = ["上级转送交办的事项须填写转送交办机关。"]
    if errors:
        raise ValidationError(errors)
    return values


def _follow(petition: Petition, deadline) -> None:
    """Mirror the running clock on the matter, for lists and the 工作台."""
    petition.due_on = deadline.due_on if deadline is not None else None
    petition.due_rule = deadline.rule.code if deadline is not None else ""


def _start_clocks(petition: Petition, *, by) -> None:
    """告知 within 15日 of receipt (第二十三条), unless name or address are unclear; objection window for 交办."""
    if petition.is_referred:
        deadlines.start(petition, OBJECTION, start=petition.received_on, by=by, org=petition.org,
                        note=f"{petition.referred_by}转送交办")
    if not petition.contact_unclear:
        _follow(petition, deadlines.start(petition, NOTIFY, start=petition.received_on, by=by, org=petition.org))
    else:
        _follow(petition, None)


def _close_notify(petition: Petition, *, by, on, cancel_reason: str = "") -> None:
    if not petition.contact_unclear:
        deadlines.complete(petition, NOTIFY, on=on, by=by)
    if petition.is_referred and petition.status != P.Status.RETURNED:
        deadlines.cancel(petition, OBJECTION, by=by, reason=cancel_reason or "已受理或处理，未提出异议")


# ---------------------------------------------------------------- 登记


@transaction.atomic
def register(*, by, org, **values) -> Petition:
    """登记信访事项 (第二十一条): numbered, and the 15日 告知 clock starts from the day of receipt (第二十三条).

    For a matter 转送交办 from above, the 5个工作日 objection window starts as well.
    """
    values = clean_petitioner(dict(values))
    _not_future(values.get("received_on"), "收到日期", "received_on")
    petition = Petition(org=org, status=P.Status.REGISTERED, created_by=by, **values)
    petition.number = take_number(org, petition.received_on.year)
    petition.full_clean(exclude=["org", "created_by", "extension_approved_by"])
    petition.save()
    audit.record("petitions.register", petition, by=by, note=f"登记信访事项：{petition.title}",
                 changes={"status": [None, petition.status], "number": [None, petition.number]})
    _start_clocks(petition, by=by)
    petition.save(update_fields=["due_on", "due_rule"])
    return petition


@transaction.atomic
def submit_online(*, org, petitioner_name: str, petitioner_phone: str, title: str, content: str,
                  petitioner_address: str = "", petitioner_id_number: str = "", source_hash: str = "") -> Petition:
    """网上信访 from the portal: kept as 待登记 until staff register it; the applicant gets a 查询码.

    The day of submission is the day of receipt (第二十三条 runs from it once registered).
    """
    values = clean_petitioner({"petitioner_phone": petitioner_phone, "petitioner_id_number": petitioner_id_number})
    petition = Petition(org=org, status=P.Status.SUBMITTED, channel=P.Channel.ONLINE, received_on=today(),
                        petitioner_name=petitioner_name, petitioner_address=petitioner_address, title=title,
                        content=content, tracking_code=new_tracking_code(), source_hash=source_hash, **values)
    petition.full_clean(exclude=["org", "created_by", "extension_approved_by"])
    petition.save()
    audit.record("petitions.submit_online", petition, by=None, org=org, note="公众在线提交信访事项",
                 changes={"status": [None, petition.status]})
    return petition


@transaction.atomic
def register_submission(petition: Petition, *, by, category: str, subject: str) -> Petition:
    """登记网上来信: gives the number and starts the 告知 clock from the day it was submitted."""
    petition.category, petition.subject = category, subject
    petition.number = take_number(petition.org, petition.received_on.year)
    petition.created_by = by
    transition(petition, "register_submission", by=by, changes={"number": [None, petition.number]},
               extra_fields=["category", "subject", "number", "created_by"])
    _start_clocks(petition, by=by)
    petition.save(update_fields=["due_on", "due_rule"])
    return petition


@transaction.atomic
def discard(petition: Petition, *, by, reason: str) -> Petition:
    """不予登记 an online submission that is not a 信访 (空白、测试、重复提交); the reason is kept."""
    if not reason.strip():
        raise ValidationError({"reason": "请说明不予登记的理由。"})
    petition.closing_note = reason.strip()
    transition(petition, "discard", by=by, note=petition.closing_note, extra_fields=["closing_note"])
    return petition


# ---------------------------------------------------------------- 告知 (第二十三条)


def _check_notice_date(petition: Petition, on) -> None:
    _not_future(on, "告知日期", "on")
    _not_before(on, petition.received_on, "告知日期", "收到日期", "on")


@transaction.atomic
def accept(petition: Petition, *, by, on, notice_text: str = "") -> Petition:
    """告知受理 (第二十三条); the 60日 handling clock starts on the day of 受理 (第三十四条)."""
    _check_notice_date(petition, on)
    petition.notified_on = petition.accepted_on = on
    petition.notice_text = notice_text
    transition(petition, "accept", by=by, note=notice_text, changes={"accepted_on": [None, str(on)]},
               extra_fields=["notified_on", "accepted_on", "notice_text"])
    _close_notify(petition, by=by, on=on)
    _follow(petition, deadlines.start(petition, HANDLE, start=on, by=by, org=petition.org))
    petition.save(update_fields=["due_on", "due_rule"])
    return petition


@transaction.atomic
def refuse(petition: Petition, *, by, on, notice_text: str) -> Petition:
    """告知不予受理, naming the route to take instead (诉讼、仲裁、复议等, 第二十三条、第三十一条)."""
    _check_notice_date(petition, on)
    if not notice_text.strip():
        raise ValidationError({"notice_text": "请写明不予受理的理由和应当通过的途径（第三十一条）。"})
    petition.notified_on, petition.notice_text = on, notice_text.strip()
    transition(petition, "refuse", by=by, note=petition.notice_text, extra_fields=["notified_on", "notice_text"])
    _close_notify(petition, by=by, on=on)
    _follow(petition, None)
    petition.save(update_fields=["due_on", "due_rule"])
    return petition


@transaction.atomic
def transfer(petition: Petition, *, by, on, transferred_to: str, notice_text: str = "") -> Petition:
    """转送 to the competent body and tell the petitioner where it went (第二十二条、第二十三条)."""
    _check_notice_date(petition, on)
    if not transferred_to.strip():
        raise ValidationError({"transferred_to": "请填写转送机关。"})
    petition.notified_on, petition.transferred_to = on, transferred_to.strip()
    petition.notice_text = notice_text
    transition(petition, "transfer", by=by, note=f"转送{petition.transferred_to}",
               extra_fields=["notified_on", "transferred_to", "notice_text"])
    _close_notify(petition, by=by, on=on)
    _follow(petition, None)
    petition.save(update_fields=["due_on", "due_rule"])
    return petition


@transaction.atomic
def object_to_assignment(petition: Petition, *, by, on, reason: str) -> Petition:
    """对交办提出异议: a 转送交办 matter outside the unit's remit goes back within 5个工作日 (第二十三条)."""
    if not petition.is_referred:
        raise InvalidTransition("只有上级转送交办的事项才能提出异议（《信访工作条例》第二十三条）。")
    _check_notice_date(petition, on)
    if not reason.strip():
        raise ValidationError({"reason": "请写明不属于本单位职权范围的理由。"})
    petition.notified_on, petition.closing_note = on, reason.strip()
    transition(petition, "object", by=by, note=petition.closing_note, extra_fields=["notified_on", "closing_note"])
    deadlines.complete(petition, OBJECTION, on=on, by=by)
    if not petition.contact_unclear:
        deadlines.cancel(petition, NOTIFY, by=by, reason="已向交办机关提出异议并退回")
    _follow(petition, None)
    petition.save(update_fields=["due_on", "due_rule"])
    return petition


# ---------------------------------------------------------------- 办理 (第三十一至三十四条)


@transaction.atomic
def extend(petition: Petition, *, by, reason: str) -> Petition:
    """延长办理期限 by up to 30日, once, with the 负责人's approval; the petitioner is told why (第三十四条)."""
    if petition.status != P.Status.ACCEPTED:
        raise InvalidTransition(f"当前状态为“{petition.get_status_display()}”，只有办理中的事项才能延期。")
    if petition.is_extended:
        raise InvalidTransition("办理期限已延长过一次，不能再次延长（《信访工作条例》第三十四条：延长不超过30日）。")
    if not reason.strip():
        raise ValidationError({"reason": "请写明延期理由，并告知信访人。"})
    deadline = deadlines.extend(petition, HANDLE, by=by, reason=reason.strip())
    petition.extension_reason, petition.extension_approved_by = reason.strip(), by
    _follow(petition, deadline)
    petition.save(update_fields=["extension_reason", "extension_approved_by", "due_on", "due_rule", "updated_at"])
    audit.record("petitions.extend", petition, by=by, note=petition.extension_reason,
                 changes={"due_on": [None, str(deadline.due_on)]})
    return petition


@transaction.atomic
def reply(petition: Petition, *, by, on, opinion: str, opinion_text: str) -> Petition:
    """出具信访处理意见书 (支持 / 解释说明 / 不予支持, with facts and basis, 第三十二条) and 办结.

    The 30日 window for asking 复查 (第三十五条) runs from the day the letter reaches the petitioner.
    """
    _not_future(on, "送达日期", "on")
    _not_before(on, petition.accepted_on, "送达日期", "受理日期", "on")
    if opinion not in P.Opinion.values:
        raise ValidationError({"opinion": "请选择处理意见：支持、解释说明或不予支持。"})
    if not opinion_text.strip():
        raise ValidationError({"opinion_text": "处理意见书应写明处理意见及依据（第三十二条）。"})
    petition.opinion, petition.opinion_text, petition.replied_on = opinion, opinion_text.strip(), on
    petition.opinion_number = take_number(petition.org, on.year, "petition_opinion", OPINION_FORMAT,
                                          "opinion_number")
    transition(petition, "reply", by=by, note=f"{petition.get_opinion_display()}：{petition.opinion_number}",
               changes={"opinion_number": [None, petition.opinion_number]},
               extra_fields=["opinion", "opinion_text", "replied_on", "opinion_number"])
    deadlines.complete(petition, HANDLE, on=on, by=by)
    _follow(petition, None)
    petition.save(update_fields=["due_on", "due_rule"])
    return petition


def request_window(petition: Petition):
    """The petitioner's 30日 window for 复查 or 复核, as a computation (not a duty of the unit)."""
    if petition.status == P.Status.REPLIED and petition.replied_on:
        return deadlines.compute(REVIEW_REQUEST, petition.replied_on)
    if petition.status == P.Status.REVIEWED and petition.review_decided_on:
        return deadlines.compute(RECHECK_REQUEST, petition.review_decided_on)
    return None


@dataclass(frozen=True)
class Stage:
    """复查 or 复核: parallel steps (第三十五条, 第三十六条) on their own fields and clocks."""

    name: str  # 复查 / 复核
    prefix: str  # review / recheck
    clock: str
    article: str
    after_field: str  # the date the petitioner's 30日 window runs from
    after_label: str
    organ_hint: str


REVIEW_STAGE = Stage("复查", "review", REVIEW, "第三十五条", "replied_on", "处理意见书送达日期",
                     "请填写复查机关（通常为原办理机关的上一级行政机关）。")
RECHECK_STAGE = Stage("复核", "recheck", RECHECK, "第三十六条", "review_decided_on", "复查意见日期",
                      "请填写复核机关（复查机关的上一级行政机关）。")


def _request(petition: Petition, stage: Stage, *, by, on, organ: str) -> Petition:
    _not_future(on, "申请日期", "on")
    _not_before(on, getattr(petition, stage.after_field), f"{stage.name}申请日期", stage.after_label, "on")
    window = request_window(petition)
    if window is not None and on > window.due_on:
        d = window.due_on
        raise ValidationError({"on": f"{stage.name}申请应在收到{'处理意见书' if stage is REVIEW_STAGE else '复查意见'}"
                                     f"之日起30日内提出（至{d.year}年{d.month}月{d.day}日），已超过期限"
                                     f"（《信访工作条例》{stage.article}）。"})
    if not organ.strip():
        raise ValidationError({"organ": stage.organ_hint})
    setattr(petition, f"{stage.prefix}_requested_on", on)
    setattr(petition, f"{stage.prefix}_organ", organ.strip())
    transition(petition, f"request_{stage.prefix}", by=by, note=f"向{organ.strip()}申请{stage.name}",
               extra_fields=[f"{stage.prefix}_requested_on", f"{stage.prefix}_organ"])
    _follow(petition, deadlines.start(petition, stage.clock, start=on, by=by, org=petition.org))
    petition.save(update_fields=["due_on", "due_rule"])
    return petition


def _decide(petition: Petition, stage: Stage, *, by, on, result: str, note: str) -> Petition:
    _not_future(on, f"{stage.name}意见日期", "on")
    _not_before(on, getattr(petition, f"{stage.prefix}_requested_on"), f"{stage.name}意见日期",
                f"{stage.name}申请日期", "on")
    if result not in P.ReviewResult.values:
        raise ValidationError({"result": f"请选择{stage.name}结果。"})
    for field, value in (("decided_on", on), ("result", result), ("note", note.strip())):
        setattr(petition, f"{stage.prefix}_{field}", value)
    transition(petition, f"decide_{stage.prefix}", by=by, note=P.ReviewResult(result).label,
               extra_fields=[f"{stage.prefix}_decided_on", f"{stage.prefix}_result", f"{stage.prefix}_note"])
    deadlines.complete(petition, stage.clock, on=on, by=by)
    _follow(petition, None)
    petition.save(update_fields=["due_on", "due_rule"])
    return petition


@transaction.atomic
def request_review(petition: Petition, *, by, on, organ: str) -> Petition:
    """登记复查申请: asked within 30日 of the written reply; the 复查机关 answers within 30日 (第三十五条)."""
    return _request(petition, REVIEW_STAGE, by=by, on=on, organ=organ)


@transaction.atomic
def decide_review(petition: Petition, *, by, on, result: str, note: str) -> Petition:
    """登记复查意见 (第三十五条): 维持、变更 or 撤销; the 30日 window for 复核 follows."""
    return _decide(petition, REVIEW_STAGE, by=by, on=on, result=result, note=note)


@transaction.atomic
def request_recheck(petition: Petition, *, by, on, organ: str) -> Petition:
    """登记复核申请: asked within 30日 of the 复查意见; answered within 30日 (第三十六条)."""
    return _request(petition, RECHECK_STAGE, by=by, on=on, organ=organ)


@transaction.atomic
def decide_recheck(petition: Petition, *, by, on, result: str, note: str) -> Petition:
    """登记复核意见 (第三十六条). After 复核 the same request on the same facts is not accepted again."""
    return _decide(petition, RECHECK_STAGE, by=by, on=on, result=result, note=note)


SATISFACTION_STATES = (P.Status.REPLIED, P.Status.REVIEWED, P.Status.RECHECKED)


@transaction.atomic
def record_satisfaction(petition: Petition, *, by, on, satisfaction: str, note: str = "") -> Petition:
    """登记信访人对办理结果的满意度 (第二十一条: 信访事项可查询、可评价)."""
    if petition.status not in SATISFACTION_STATES:
        raise InvalidTransition(f"当前状态为“{petition.get_status_display()}”，办结后才能登记满意度。")
    _not_future(on, "评价日期", "on")
    _not_before(on, petition.replied_on, "评价日期", "办结日期", "on")
    if satisfaction not in P.Satisfaction.values:
        raise ValidationError({"satisfaction": "请选择满意度。"})
    old = petition.satisfaction
    petition.satisfaction, petition.satisfaction_on, petition.satisfaction_note = satisfaction, on, note.strip()
    petition.save(update_fields=["satisfaction", "satisfaction_on", "satisfaction_note", "updated_at"])
    audit.record("petitions.record_satisfaction", petition, by=by, note=petition.get_satisfaction_display(),
                 changes={"satisfaction": [old, satisfaction]})
    return petition


# ---------------------------------------------------------------- 访调对接


# 问题分类 -> the mediation register's 纠纷类型 (its codes, not its models: modules meet through actions).
DISPUTE_TYPES = {
    P.Subject.LAND: "demolition", P.Subject.LABOUR: "labour", P.Subject.ENVIRONMENT: "environment",
    P.Subject.AGRICULTURE: "land", P.Subject.NEIGHBOUR: "neighbour", P.Subject.PROPERTY: "property_mgmt",
}


@transaction.atomic
def hand_to_mediation(petition: Petition, *, by, on, note: str = "") -> Petition:
    """转人民调解 (访调对接): a dispute between citizens goes to the 调委会 through the mediation module's
    own registration action (channel 访调对接, the petitioner as applicant), which numbers the case; this
    matter records that number and stops its clocks (the route is the 告知 of 第二十三条 when not yet given).
    """
    from yifa.mediation import actions as mediation_actions

    _not_future(on, "转调解日期", "on")
    _not_before(on, petition.received_on, "转调解日期", "收到日期", "on")
    was = petition.status
    if was not in P.TRANSITIONS["hand_to_mediation"][0]:
        transition(petition, "hand_to_mediation", by=by)  # raises the standard Chinese refusal
    applicant = {"side": "applicant", "kind": "person", "name": petition.petitioner_name,
                 "id_number": petition.petitioner_id_number, "phone": petition.petitioner_phone,
                 "address": petition.petitioner_address}
    case = mediation_actions.register_case(
        by=by, org=petition.org, title=petition.title, dispute_type=DISPUTE_TYPES.get(petition.subject, "other"),
        channel="petition", description=petition.content + (f"\n（移交说明：{note}）" if note else ""),
        parties=[applicant], registered_on=on, people_involved=max(petition.headcount, 2),
        referral_from=f"{petition.org.name}信访工作机构", referral_ref=petition.number)
    petition.handed_on = on
    petition.mediation_case_id = case.pk
    petition.mediation_reference = case.number
    if was == P.Status.REGISTERED:
        petition.notified_on = on
        petition.notice_text = petition.notice_text or "告知信访人：本事项通过人民调解途径处理。"
    transition(petition, "hand_to_mediation", by=by, note=note or f"转人民调解：{case.number}",
               changes={"mediation_case": [None, case.number]},
               extra_fields=["handed_on", "mediation_case_id", "mediation_reference", "notified_on", "notice_text"])
    if was == P.Status.REGISTERED:
        _close_notify(petition, by=by, on=on, cancel_reason="已转人民调解")
    else:
        deadlines.cancel(petition, HANDLE, by=by, reason=f"转人民调解（{case.number}）")
    _follow(petition, None)
    petition.save(update_fields=["due_on", "due_rule"])
    return petition


# ---------------------------------------------------------------- 台账导入


def save_ledger(rows: list[dict], *, by, org):
    """导入信访台账 (rows checked by ``ledger.check_import``): all saved in the caller's transaction, in bulk.

    Matters the ledger leaves unnumbered take the unit's next numbers (skipping any the ledger or earlier records
    use); each matter gets a ``petitions.import_row`` audit entry; an open matter gets the clock it stands under,
    started on the date the ledger gives (告知 from receipt, 办理 from acceptance, 复查/复核 from the request) and
    mirrored on the matter. A generator for ``core.imports``: yields how many rows are saved, returns the matters.
    """
    from . import ledger

    taken = set(Petition.objects.filter(org=org).exclude(number="").values_list("number", flat=True))
    taken |= {row["number"] for row in rows if row.get("number")}
    petitions = imports.build(Petition, rows, org=org, created_by=by, imported=True, headcount=1,
                              subject=P.Subject.OTHER)
    unnumbered = {}
    for petition in petitions:
        if petition.status in ledger.AFTER_NOTICE and petition.status not in (
                P.Status.NOT_ACCEPTED, P.Status.TRANSFERRED, P.Status.RETURNED):
            petition.accepted_on = petition.notified_on
        if not petition.number:
            unnumbered.setdefault(petition.received_on.year, []).append(petition)
    for year, group in sorted(unnumbered.items()):
        for petition, text in zip(group, numbering.next_numbers(org, "petition", year, len(group), fmt=NUMBER_FORMAT,
                                                              taken=taken)):
            petition.number = text
    clocks = [(petition, rule, start, followed) for petition in petitions
              for rule, start, followed in _import_clocks(petition)]
    due = deadlines.DueDates(start for _p, _r, start, _f in clocks)
    for petition, rule, start, followed in clocks:
        if followed:
            petition.due_on, petition.due_rule = due(rule, start)[0], rule
    yield from imports.save_records(Petition, petitions, by=by, org=org, action="petitions.import_row",
                                    changes=lambda p: {"status": [None, p.status], "number": [None, p.number]})
    deadlines.start_many([deadlines.Clock(petition, rule, start, note=_clock_note(petition, rule))
                          for petition, rule, start, _followed in clocks], by=by, org=org, due=due)
    audit.record("petitions.import_ledger", None, by=by, org=org,
                 note=f"导入信访台账 {len(petitions)} 条，其中 {sum(p.is_open for p in petitions)} 条在办、已起算期限",
                 changes={"count": [0, len(petitions)], "numbers": [None, [petitions[0].number, petitions[-1].number]]
                          if petitions else [None, []]})
    yield len(petitions)
    return petitions


@transaction.atomic
def import_ledger(rows: list[dict], *, by, org) -> list[Petition]:
    """``save_ledger`` in one transaction, for scripts and tests (the import page streams its progress)."""
    return imports.drain(save_ledger(rows, by=by, org=org))


def _import_clocks(petition: Petition) -> list[tuple[str, object, bool]]:
    """The clocks an imported matter stands under: (rule, start day, whether the matter mirrors it)."""
    status = petition.status
    if status == P.Status.REGISTERED:
        clocks = [(OBJECTION, petition.received_on, False)] if petition.is_referred else []
        if not petition.contact_unclear:
            clocks.append((NOTIFY, petition.received_on, True))
        return clocks
    start = {P.Status.ACCEPTED: (HANDLE, petition.accepted_on),
             P.Status.REVIEWING: (REVIEW, petition.review_requested_on),
             P.Status.RECHECKING: (RECHECK, petition.recheck_requested_on)}.get(status)
    return [(start[0], start[1], True)] if start else []


def _clock_note(petition: Petition, rule: str) -> str:
    return f"{petition.referred_by}转送交办（台账导入）" if rule == OBJECTION else "台账导入"
