"""Every write of the mediation register. One transaction each, audited, deadlines kept by core.deadlines.

Legal basis per action in its docstring: 《人民调解法》(RMTJF) and 《人民调解工作若干规定》(若干规定).
Refusals raise ``ValidationError`` (bad or missing input) or ``InvalidTransition`` (wrong state), both in
Chinese and naming the missing step and its basis.
"""

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from yifa.core import audit, deadlines, imports, numbering
from yifa.core.attachments import attach
from yifa.core.models import Attachment
from yifa.core.models.deadlines import Deadline
from yifa.core.numbering import next_number
from yifa.core.workflow import InvalidTransition, transition

from . import warnings
from .models import (Agreement, Channel, Committee, DisputeCase, DisputeType, EarlyWarning, Escalation, Finding,
                     FollowUp, Mediator, Party, ScreeningRound, Session)

RESOLVE = "mediation.resolve"
CONFIRMATION = "mediation.judicial_confirmation"
FOLLOW_UP = "mediation.follow_up"

CASE_NUMBER = "{abbr}调〔{year}〕{n}号"
AGREEMENT_NUMBER = "{abbr}调协〔{year}〕{n}号"
TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone

PARTY_FIELDS = ("side", "kind", "name", "gender", "ethnicity", "occupation", "id_number", "legal_rep", "phone",
                "address")
IMPORTED_CASE_FIELDS = ("title", "dispute_type", "channel", "description", "registered_on", "location", "amount",
                        "referral_from")
CASE_FIELDS = ("title", "dispute_type", "channel", "referral_from", "referral_ref", "description", "claims",
               "location", "amount", "people_involved")


# ------------------------------------------------------------------ helpers


def _today() -> dt.date:
    return deadlines.today()


def _check_date(on: dt.date, *, label: str, after: dt.date | None = None, after_label: str = "") -> dt.date:
    if on > _today():
        raise ValidationError({"on": f"{label}不能晚于今天。"})
    if after and on < after:
        raise ValidationError({"on": f"{label}不能早于{after_label}（{after:%Y年%-m月%-d日}）。"})
    return on


def _required(value, field: str, message: str):
    if value is None or (isinstance(value, str) and not value.strip()) or value == []:
        raise ValidationError({field: message})
    return value.strip() if isinstance(value, str) else value


def _open_deadline(case, code) -> Deadline | None:
    return (Deadline.objects.filter(target_type=case._meta.label_lower, target_id=str(case.pk), rule__code=code,
                                    status__in=Deadline.ACTIVE).first())


def _complete(case, code, *, on, by) -> None:
    if _open_deadline(case, code):
        deadlines.complete(case, code, on=on, by=by)


def _cancel(case, code, *, by, reason) -> None:
    if _open_deadline(case, code):
        deadlines.cancel(case, code, by=by, reason=reason)


def _tracking_code() -> str:
    while True:
        code = "TJ" + "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(8))
        if not DisputeCase.objects.filter(tracking_code=code).exists():
            return code


def _build_parties(case, parties: list[dict]) -> list[Party]:
    """Validate every party before anything is saved; errors name the party's row."""
    built, errors = [], []
    for i, data in enumerate(parties, start=1):
        party = Party(case=case, sort_order=i, **{k: (data.get(k) or "") for k in PARTY_FIELDS if k in data})
        try:
            party.full_clean(exclude=["case"])
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                label = Party._meta.get_field(field).verbose_name if field != "__all__" else ""
                errors.extend(f"第{i}位当事人{('“' + label + '”') if label else ''}：{m}" for m in messages)
        built.append(party)
    if errors:
        raise ValidationError({"parties": errors})
    return built


# ------------------------------------------------------------------ 调委会 and 调解员


@transaction.atomic
def create_committee(*, by, org, name: str, term_start: dt.date, phone: str = "", address: str = "") -> Committee:
    """登记调委会 (人民调解法 第八条: 村(居)委会设立, 乡镇、街道可以设立)."""
    committee = Committee(org=org, name=_required(name, "name", "请填写调委会名称。"), term_start=term_start,
                          phone=phone, address=address)
    committee.full_clean()
    committee.save()
    audit.record("mediation.create_committee", committee, by=by,
                 changes={"name": [None, committee.name], "org": [None, org.name]})
    return committee


@transaction.atomic
def update_committee(committee: Committee, *, by, **values) -> Committee:
    """修改调委会信息 (换届 updates ``term_start``: 每届任期三年, 第九条)."""
    before = {k: getattr(committee, k) for k in values}
    for key, value in values.items():
        setattr(committee, key, value)
    committee.full_clean()
    committee.save()
    changes = {k: [before[k], getattr(committee, k)] for k in values if before[k] != getattr(committee, k)}
    if changes:
        audit.record("mediation.update_committee", committee, by=by, changes=changes)
    return committee


def _check_mediator(mediator: Mediator) -> None:
    if mediator.specialities and any(code not in DisputeType.values for code in mediator.specialities):
        raise ValidationError({"specialities": "擅长纠纷类型中有无法识别的类型。"})
    if mediator.user_id and not mediator.committee.org.path.startswith(
            tuple(m.org.path for m in mediator.user.memberships.select_related("org"))):
        raise ValidationError({"user": "该账户不在调委会所属单位或其上级单位任职，不能关联。"})


@transaction.atomic
def add_mediator(committee: Committee, *, by, **fields) -> Mediator:
    """增补委员或聘任调解员, or register a 法律顾问 the committee may invite (第十三、二十条)."""
    mediator = Mediator(committee=committee, **fields)
    mediator.full_clean()
    _check_mediator(mediator)
    mediator.save()
    audit.record("mediation.add_mediator", mediator, by=by, org=committee.org,
                 changes={"name": [None, mediator.name], "position": [None, mediator.get_position_display()],
                          "committee": [None, committee.name]})
    return mediator


@transaction.atomic
def update_mediator(mediator: Mediator, *, by, **values) -> Mediator:
    """修改调解员信息; ``is_active=False`` records 离任 (罢免、解聘 under 第十五条 are recorded the same way)."""
    before = {k: getattr(mediator, k) for k in values}
    for key, value in values.items():
        setattr(mediator, key, value)
    mediator.full_clean()
    _check_mediator(mediator)
    mediator.save()
    changes = {k: [str(before[k]), str(getattr(mediator, k))] for k in values if before[k] != getattr(mediator, k)}
    if changes:
        audit.record("mediation.update_mediator", mediator, by=by, org=mediator.committee.org, changes=changes)
    return mediator


# ------------------------------------------------------------------ 登记


@transaction.atomic
def register_case(*, by, org, title: str, dispute_type: str, channel: str, description: str, parties: list[dict],
                  registered_on: dt.date | None = None, claims: str = "", location: str = "", amount=None,
                  people_involved: int = 2, referral_from: str = "", referral_ref: str = "",
                  with_tracking_code: bool = False) -> DisputeCase:
    """纠纷登记 from any channel (人民调解法 第十七条: 当事人申请, or the committee's own initiative; 第十八条
    referrals from 基层人民法院、公安机关). Numbered in the unit's register; at least one party.

    Online applications get a 查询码 for the portal. Early-warning checks run on the new case.
    """
    registered_on = registered_on or _today()
    _check_date(registered_on, label="登记日期")
    if not parties:
        raise ValidationError({"parties": "请至少登记一名当事人（人民调解法第十七条：调解依当事人申请或经当事人同意进行）。"})
    if channel in Channel.referrals() and not (referral_from or "").strip():
        raise ValidationError({"referral_from": "警调、诉调、访调对接移送的纠纷，请填写移送单位。"})
    case = DisputeCase(
        org=org, origin_org=org, number="（待编号）", title=_required(title, "title", "请填写纠纷名称。"),
        dispute_type=dispute_type, channel=channel, referral_from=referral_from, referral_ref=referral_ref,
        description=_required(description, "description", "请填写纠纷简要情况。"), claims=claims,
        location=location, amount=amount, people_involved=people_involved or 2, registered_on=registered_on,
        registered_by=by if getattr(by, "pk", None) else None,
    )
    case.full_clean(exclude=["number"])
    built = _build_parties(case, parties)
    case.number = next_number(org, "mediation.case", registered_on.year, fmt=CASE_NUMBER).text
    if with_tracking_code:
        case.tracking_code = _tracking_code()
    case.save()
    for party in built:
        party.case = case
        party.save()
    audit.record("mediation.register", case, by=by, org=org,
                 note="网上申请" if channel == Channel.ONLINE else "",
                 changes={"number": [None, case.number], "channel": [None, case.get_channel_display()],
                          "parties": [None, [p.name for p in built]]})
    warnings.scan_case(case, today=_today())
    return case


@transaction.atomic
def update_case(case: DisputeCase, *, by, **values) -> DisputeCase:
    """修改登记信息 while the case is open."""
    if not case.is_open:
        raise InvalidTransition(f"当前状态为“{case.get_status_display()}”，登记信息已不能修改。")
    before = {k: getattr(case, k) for k in values if k in CASE_FIELDS}
    for key in before:
        setattr(case, key, values[key])
    case.full_clean()
    case.save()
    changes = {k: [str(before[k]), str(getattr(case, k))] for k in before if before[k] != getattr(case, k)}
    if changes:
        audit.record("mediation.update_case", case, by=by, changes=changes)
        warnings.scan_case(case, today=_today())
    return case


@transaction.atomic
def add_party(case: DisputeCase, *, by, **fields) -> Party:
    """补录当事人 (before the outcome: the agreement names every party)."""
    if not case.is_open:
        raise InvalidTransition(f"当前状态为“{case.get_status_display()}”，不能再增加当事人。")
    (party,) = _build_parties(case, [fields])
    party.sort_order = case.parties.count() + 1
    party.save()
    audit.record("mediation.add_party", case, by=by, changes={"party": [None, party.name]})
    warnings.scan_case(case, today=_today())
    return party


@transaction.atomic
def update_party(party: Party, *, by, **values) -> Party:
    """修改当事人信息 (身份证号/统一社会信用代码 re-validated)."""
    case = party.case
    if not case.is_open:
        raise InvalidTransition(f"当前状态为“{case.get_status_display()}”，当事人信息已不能修改。")
    before = {k: getattr(party, k) for k in values if k in PARTY_FIELDS}
    for key in before:
        setattr(party, key, values[key] or "")
    party.full_clean(exclude=["case"])
    party.save()
    # The whole ID number never goes into the audit trail: only that it changed.
    changes = {k: (["已修改", "已修改"] if k == "id_number" else [before[k], getattr(party, k)])
               for k in before if before[k] != getattr(party, k)}
    if changes:
        audit.record("mediation.update_party", case, by=by, note=party.name, changes=changes)
        warnings.scan_case(case, today=_today())
    return party


# ------------------------------------------------------------------ 受理 / 不予受理


@transaction.atomic
def accept(case: DisputeCase, *, by, on: dt.date | None = None, note: str = "") -> DisputeCase:
    """受理 (人民调解法 第十七条). Starts the one-month target (若干规定 第三十三条: 一般在一个月内调结)."""
    on = _check_date(on or _today(), label="受理日期", after=case.registered_on, after_label="登记日期")
    case.accepted_on = on
    transition(case, "accept", by=by, note=note, changes={"accepted_on": [None, on]},
               extra_fields=["accepted_on"])
    deadline = deadlines.start(case, RESOLVE, start=on, by=by, org=case.org)
    case.resolve_due_on = deadline.due_on
    case.save(update_fields=["resolve_due_on"])
    return case


@transaction.atomic
def reject(case: DisputeCase, *, by, reason: str, note: str = "") -> DisputeCase:
    """不予受理, with the ground (人民调解法 第十七条 一方明确拒绝的不得调解; 若干规定 第二十二条)."""
    _required(reason, "reason", "请选择不予受理的原因。")
    if reason == DisputeCase.RejectReason.OTHER and not note.strip():
        raise ValidationError({"note": "选择“其他原因”时，请写明不予受理的理由。"})
    case.reject_reason, case.reject_note, case.rejected_on = reason, note.strip(), _today()
    transition(case, "reject", by=by, note=note,
               changes={"reject_reason": [None, case.get_reject_reason_display()]},
               extra_fields=["reject_reason", "reject_note", "rejected_on"])
    return case


# ------------------------------------------------------------------ 指派 / 上报 / 延期


@transaction.atomic
def assign(case: DisputeCase, *, by, committee: Committee, lead: Mediator, co_mediators=(),
           on: dt.date | None = None) -> DisputeCase:
    """指派调委会和调解员 (人民调解法 第十九条: 调委会指定或当事人选择一名或数名调解员)."""
    on = _check_date(on or _today(), label="指派日期", after=case.accepted_on, after_label="受理日期")
    if committee.org_id != case.org_id or not committee.is_active:
        raise ValidationError({"committee": "只能指派本单位在用的调委会。"})
    people = [lead, *co_mediators]
    for person in people:
        if person.committee_id != committee.pk or not person.is_active:
            raise ValidationError({"lead": f"{person.name}不是{committee.name}的在任调解员。"})
        if person.is_legal_adviser:
            raise ValidationError({"lead": f"{person.name}是法律顾问，可受邀参加调解，不能作为承办调解员。"})
    before = (case.committee.name if case.committee_id else None, case.lead_mediator.name if case.lead_mediator_id else None)
    case.committee, case.lead_mediator, case.assigned_on = committee, lead, on
    transition(case, "assign", by=by,
               changes={"committee": [before[0], committee.name], "lead_mediator": [before[1], lead.name],
                        "co_mediators": [None, [m.name for m in co_mediators]]},
               extra_fields=["committee", "lead_mediator", "assigned_on"])
    case.co_mediators.set([m for m in co_mediators if m.pk != lead.pk])
    return case


ESCALATION_TARGET_KINDS = {
    "village": ("township", "subdistrict"), "community": ("township", "subdistrict"),
    "township": ("county",), "subdistrict": ("county",),
}


@transaction.atomic
def escalate(case: DisputeCase, *, by, reason: str, on: dt.date | None = None) -> DisputeCase:
    """上报上级调处: 村(社区) → 乡镇(街道) → 区县 ("小事不出村、大事不出镇"), with the reason.

    The case moves to the unit above, which assigns it again; the one-month target keeps running.
    """
    reason = _required(reason, "reason", "请写明上报理由。")
    on = _check_date(on or _today(), label="上报日期", after=case.accepted_on, after_label="受理日期")
    parent = case.org.parent
    if parent is None or parent.kind not in ESCALATION_TARGET_KINDS.get(case.org.kind, ()):
        raise InvalidTransition("该纠纷已在区县一级承办，不能再向上报送；调解不成的，应告知当事人通过诉讼等途径解决"
                                "（人民调解法第二十六条）。")
    from_org = case.org
    Escalation.objects.create(case=case, from_org=from_org, to_org=parent, reason=reason, escalated_on=on, by=by)
    case.org, case.committee, case.lead_mediator = parent, None, None
    transition(case, "escalate", by=by, note=reason, changes={"org": [from_org.name, parent.name]},
               extra_fields=["org", "committee", "lead_mediator"])
    case.co_mediators.clear()
    _move_resolve_clock(case, by=by)
    return case


def _move_resolve_clock(case: DisputeCase, *, by) -> None:
    """The one-month clock follows the case to the unit above: restarted there from the same 受理 date,
    with the same extensions, so the due date is unchanged and the new unit sees it."""
    running = _open_deadline(case, RESOLVE)
    if running is None:
        return
    extensions = list(running.extension_rows.all())
    deadline = deadlines.start(case, RESOLVE, start=running.started_on, by=by, org=case.org,
                               note=f"随案上报至{case.org.name}")
    for extension in extensions:
        deadline = deadlines.extend(case, RESOLVE, by=by, reason=extension.reason, count=extension.count)
    case.resolve_due_on = deadline.due_on
    case.save(update_fields=["resolve_due_on"])


@transaction.atomic
def extend(case: DisputeCase, *, by, reason: str) -> DisputeCase:
    """延长调解期限 with the reason (若干规定 第三十三条 一般一个月; longer with the parties' consent)."""
    reason = _required(reason, "reason", "请写明延长调解期限的理由（如双方当事人同意继续调解）。")
    if case.status not in (DisputeCase.Status.ACCEPTED, DisputeCase.Status.MEDIATING):
        raise InvalidTransition(f"当前状态为“{case.get_status_display()}”，不能延长调解期限。")
    before = case.resolve_due_on
    deadline = deadlines.extend(case, RESOLVE, by=by, reason=reason)
    case.resolve_due_on = deadline.due_on
    case.extension_reason = "\n".join(filter(None, [case.extension_reason, reason]))
    case.save(update_fields=["resolve_due_on", "extension_reason", "updated_at"])
    audit.record("mediation.extend", case, by=by, note=reason, changes={"resolve_due_on": [before, deadline.due_on]})
    return case


# ------------------------------------------------------------------ 调解记录


def _session_people(case: DisputeCase, mediators) -> list[Mediator]:
    orgs = {case.org_id, *case.org.ancestors().values_list("pk", flat=True)}
    for person in mediators:
        if person.committee.org_id not in orgs or not person.is_active:
            raise ValidationError({"mediators": f"{person.name}不是本单位或上级单位调委会的在任人员。"})
    return list(mediators)


@transaction.atomic
def add_session(case: DisputeCase, *, by, held_on: dt.date, place: str, mediators=(), attendees: str = "",
                summary: str = "") -> Session:
    """调解记录 (人民调解法 第二十二、二十七条). A future date plans the meeting; a past one records it."""
    if case.status != DisputeCase.Status.MEDIATING:
        raise InvalidTransition("请先指派调解员，再安排或记录调解（人民调解法第十九条）。")
    if case.assigned_on and held_on < case.assigned_on:
        raise ValidationError({"held_on": f"调解日期不能早于指派日期（{case.assigned_on:%Y年%-m月%-d日}）。"})
    is_held = held_on <= _today()
    if is_held and not summary.strip():
        raise ValidationError({"summary": "已召开的调解请填写调解情况（人民调解法第二十七条：应当记录调解情况）。"})
    session = Session(case=case, held_on=held_on, place=_required(place, "place", "请填写调解地点。"),
                      attendees=attendees, summary=summary.strip(), is_held=is_held, recorded_by=by)
    people = _session_people(case, mediators)
    session.save()
    session.mediators.set(people)
    audit.record("mediation.add_session", case, by=by, note="已召开" if is_held else "已安排",
                 changes={"held_on": [None, held_on], "place": [None, place], "mediators": [None, [p.name for p in people]]})
    return session


@transaction.atomic
def record_session(session: Session, *, by, summary: str, attendees: str = "") -> Session:
    """记录已安排调解的情况 once it has been held."""
    if session.is_held:
        raise InvalidTransition("这次调解已经记录过了。")
    if session.held_on > _today():
        raise ValidationError({"summary": f"调解定于{session.held_on:%Y年%-m月%-d日}，召开后才能记录。"})
    session.summary = _required(summary, "summary", "请填写调解情况。")
    if attendees:
        session.attendees = attendees
    session.is_held = True
    session.save(update_fields=["summary", "attendees", "is_held"])
    audit.record("mediation.record_session", session.case, by=by, changes={"held_on": [None, session.held_on]})
    return session


# ------------------------------------------------------------------ 调解结果


def _require_parties_for_agreement(case: DisputeCase) -> list[Party]:
    parties = list(case.parties.all())
    if len(parties) < 2:
        raise ValidationError({"parties": "调解协议至少应有双方当事人，请先补录对方当事人（人民调解法第二十九条）。"})
    return parties


AGREEMENT_FIELDS = ("facts", "issues", "responsibilities", "terms", "performance_method", "performance_deadline",
                    "performance_place", "copies")


@transaction.atomic
def draft_agreement(case: DisputeCase, *, by, drafted_on: dt.date | None = None, **values) -> Agreement:
    """起草调解协议书, numbered, with the contents of 人民调解法 第二十九条. Editable until it takes effect.

    Refused until every party's basic particulars (证件号码、住址) are recorded: they are the first required
    content (当事人的基本情况).
    """
    if case.status != DisputeCase.Status.MEDIATING:
        raise InvalidTransition(f"当前状态为“{case.get_status_display()}”，不能起草调解协议书（须在调解中）。")
    parties = _require_parties_for_agreement(case)
    missing = [f"{p.name}缺{'、'.join(x for x, v in ((p.id_label, p.id_number), ('住址', p.address)) if not v)}"
               for p in parties if not (p.id_number and p.address)]
    if missing:
        raise ValidationError({"parties": "调解协议书须载明当事人的基本情况（人民调解法第二十九条）："
                                          + "；".join(missing) + "。请先补全当事人信息。"})
    for key, message in (("facts", "请填写纠纷的主要事实。"), ("issues", "请填写争议事项。"),
                         ("responsibilities", "请填写各方当事人的责任。"), ("terms", "请填写协议内容。"),
                         ("performance_method", "请填写履行方式。")):
        _required(values.get(key), key, message + "（人民调解法第二十九条）")
    if not values.get("performance_deadline"):
        raise ValidationError({"performance_deadline": "请填写履行期限（人民调解法第二十九条）。"})
    copies = values.get("copies") or len(parties) + 1
    if copies < len(parties) + 1:
        raise ValidationError({"copies": f"协议书应当事人各执一份、调委会留存一份，至少 {len(parties) + 1} 份（第二十九条）。"})
    values["copies"] = copies
    agreement = Agreement.objects.filter(case=case).first()
    if agreement is None:
        year = (drafted_on or _today()).year
        number = next_number(case.org, "mediation.agreement", year, fmt=AGREEMENT_NUMBER).text
        agreement = Agreement(case=case, kind=Agreement.Kind.WRITTEN, number=number, drafted_by=by,
                              **{k: values.get(k) or ("" if k != "performance_deadline" else None)
                                 for k in AGREEMENT_FIELDS})
        agreement.full_clean()
        agreement.save()
        audit.record("mediation.draft_agreement", case, by=by, changes={"agreement": [None, number]})
        return agreement
    if agreement.is_effective:
        raise InvalidTransition("协议已生效，不能再修改。")
    before = {k: getattr(agreement, k) for k in AGREEMENT_FIELDS}
    for key in AGREEMENT_FIELDS:
        if key in values:
            setattr(agreement, key, values[key] if values[key] is not None else before[key])
    agreement.full_clean()
    agreement.save()
    changes = {k: [str(before[k]), str(getattr(agreement, k))] for k in AGREEMENT_FIELDS
               if before[k] != getattr(agreement, k)}
    audit.record("mediation.update_agreement", case, by=by, note=agreement.number, changes=changes)
    return agreement


def _start_after_agreement(case: DisputeCase, *, by, on: dt.date, confirmation: bool) -> None:
    _complete(case, RESOLVE, on=on, by=by)
    if confirmation:
        deadlines.start(case, CONFIRMATION, start=on, by=by, org=case.org)
    deadlines.start(case, FOLLOW_UP, start=on, by=by, org=case.org)


@transaction.atomic
def sign_agreement(case: DisputeCase, *, by, signed_party_ids, mediator_signed: bool, sealed: bool,
                   signing_mediator: Mediator, effective_on: dt.date | None = None,
                   wants_confirmation: bool | None = None) -> Agreement:
    """协议书签署生效 (人民调解法 第二十九条): every party signed, sealed or thumb-printed, the mediator signed,
    the committee's seal applied. Refused, naming what is missing, otherwise.

    Ends the one-month clock; starts the 司法确认 reminder (第三十三条, 30日) unless the parties decline, and
    the 回访 due date (第三十一条 监督履行).
    """
    agreement = Agreement.objects.filter(case=case, kind=Agreement.Kind.WRITTEN).first()
    if agreement is None:
        raise InvalidTransition("请先起草调解协议书，再确认签署。")
    if agreement.is_effective:
        raise InvalidTransition("调解协议书已经生效。")
    effective_on = _check_date(effective_on or _today(), label="协议生效日期", after=case.assigned_on,
                               after_label="指派日期")
    parties = _require_parties_for_agreement(case)
    signed = {int(pk) for pk in signed_party_ids}
    missing = [f"当事人{p.name}尚未签名、盖章或按指印" for p in parties if p.pk not in signed]
    if not mediator_signed:
        missing.append("调解员尚未签名")
    if not sealed:
        missing.append("尚未加盖人民调解委员会印章")
    if missing:
        raise ValidationError({"signatures": "；".join(missing) + "。协议书须经各方当事人签名、盖章或者按指印，"
                                             "人民调解员签名并加盖人民调解委员会印章后生效（人民调解法第二十九条）。"})
    if signing_mediator is None or signing_mediator not in case.mediators():
        raise ValidationError({"signing_mediator": "签名调解员应为本案承办调解员。"})
    agreement.effective_on = effective_on
    agreement.signing_mediator = signing_mediator
    agreement.signatures = {"parties": sorted(signed), "mediator": signing_mediator.name, "sealed": True,
                            "confirmed_by": getattr(by, "display_name", ""), "confirmed_at": timezone.now().isoformat()}
    agreement.save(update_fields=["effective_on", "signing_mediator", "signatures", "updated_at"])
    case.outcome, case.outcome_on, case.wants_confirmation = DisputeCase.Outcome.WRITTEN, effective_on, wants_confirmation
    transition(case, "record_success", by=by, note=agreement.number,
               changes={"outcome": [None, case.get_outcome_display()], "outcome_on": [None, effective_on]},
               extra_fields=["outcome", "outcome_on", "wants_confirmation"])
    _start_after_agreement(case, by=by, on=effective_on, confirmation=wants_confirmation is not False)
    return agreement


@transaction.atomic
def record_oral(case: DisputeCase, *, by, terms: str, performance_method: str,
                performance_deadline: dt.date | None = None, facts: str = "", issues: str = "",
                responsibilities: str = "", agreed_on: dt.date | None = None) -> Agreement:
    """口头调解协议 (人民调解法 第二十八、三十条): the mediator records what was agreed; effective when reached."""
    if case.status != DisputeCase.Status.MEDIATING:
        raise InvalidTransition(f"当前状态为“{case.get_status_display()}”，不能记录口头协议（须在调解中）。")
    if Agreement.objects.filter(case=case).exists():
        raise InvalidTransition("本案已起草书面调解协议书，请确认签署或修改该协议书。")
    _require_parties_for_agreement(case)
    agreed_on = _check_date(agreed_on or _today(), label="达成协议日期", after=case.assigned_on,
                            after_label="指派日期")
    agreement = Agreement(case=case, kind=Agreement.Kind.ORAL, effective_on=agreed_on, drafted_by=by,
                          terms=_required(terms, "terms", "请记录口头协议的内容（人民调解法第二十八条）。"),
                          performance_method=_required(performance_method, "performance_method", "请记录履行方式。"),
                          performance_deadline=performance_deadline, facts=facts or case.description,
                          issues=issues, responsibilities=responsibilities, copies=0)
    agreement.save()
    case.outcome, case.outcome_on = DisputeCase.Outcome.ORAL, agreed_on
    transition(case, "record_oral", by=by, changes={"outcome": [None, case.get_outcome_display()],
                                                    "outcome_on": [None, agreed_on]},
               extra_fields=["outcome", "outcome_on"])
    _start_after_agreement(case, by=by, on=agreed_on, confirmation=False)
    return agreement


@transaction.atomic
def record_failure(case: DisputeCase, *, by, routes: list[str], note: str, on: dt.date | None = None) -> DisputeCase:
    """调解不成, 终止调解 and tell the parties the other routes (人民调解法 第二十六条)."""
    routes = _required(list(routes or []), "routes", "请选择已告知当事人的其他解决途径（人民调解法第二十六条）。")
    if any(r not in DisputeCase.Route.values for r in routes):
        raise ValidationError({"routes": "解决途径无法识别。"})
    note = _required(note, "note", "请写明调解不成的情况。")
    on = _check_date(on or _today(), label="终止调解日期", after=case.assigned_on, after_label="指派日期")
    if case.status != DisputeCase.Status.MEDIATING:
        raise InvalidTransition(f"当前状态为“{case.get_status_display()}”，不能终止调解（须在调解中）。")
    case.outcome, case.outcome_on, case.failure_routes, case.failure_note = DisputeCase.Outcome.FAILED, on, routes, note
    transition(case, "record_failure", by=by, note=note,
               changes={"outcome": [None, case.get_outcome_display()], "failure_routes": [None, case.failure_route_labels()]},
               extra_fields=["outcome", "outcome_on", "failure_routes", "failure_note"])
    _complete(case, RESOLVE, on=on, by=by)
    return case


@transaction.atomic
def record_confirmation(case: DisputeCase, *, by, declined: bool = False, applied_on: dt.date | None = None,
                        court: str = "", result: str = "") -> DisputeCase:
    """司法确认情况 (人民调解法 第三十三条): the parties applied to the court, or declined to."""
    agreement = Agreement.objects.filter(case=case).first()
    if case.outcome != DisputeCase.Outcome.WRITTEN or agreement is None or not agreement.is_effective:
        raise InvalidTransition("只有已生效的书面调解协议可以申请司法确认（人民调解法第三十三条）。")
    if declined:
        case.wants_confirmation = False
        case.save(update_fields=["wants_confirmation", "updated_at"])
        _cancel(case, CONFIRMATION, by=by, reason="当事人不申请司法确认")
        audit.record("mediation.record_confirmation", case, by=by, note="当事人不申请司法确认",
                     changes={"wants_confirmation": [None, False]})
        return case
    applied_on = _check_date(applied_on or _today(), label="申请司法确认日期", after=agreement.effective_on,
                             after_label="协议生效日期")
    court = _required(court, "court", "请填写受理司法确认申请的人民法院。")
    case.wants_confirmation, case.confirmation_applied_on = True, applied_on
    case.confirmation_court, case.confirmation_result = court, result.strip()
    case.save(update_fields=["wants_confirmation", "confirmation_applied_on", "confirmation_court",
                             "confirmation_result", "updated_at"])
    _complete(case, CONFIRMATION, on=applied_on, by=by)
    audit.record("mediation.record_confirmation", case, by=by,
                 changes={"confirmation_applied_on": [None, applied_on], "confirmation_court": [None, court],
                          "confirmation_result": [None, case.confirmation_result]})
    return case


# ------------------------------------------------------------------ 回访 / 结案


@transaction.atomic
def follow_up(case: DisputeCase, *, by, visited_on: dt.date, method: str, visitor: str, performance: str,
              result: str, satisfaction: str) -> FollowUp:
    """回访 on the agreement's performance (人民调解法 第三十一条 调委会应当对调解协议的履行情况进行监督)."""
    visited_on = _check_date(visited_on, label="回访日期", after=case.outcome_on, after_label="调结日期")
    if case.is_success and performance == FollowUp.Performance.NA:
        raise ValidationError({"performance": "调解成功的纠纷请填写协议的实际履行情况。"})
    visit = FollowUp(case=case, visited_on=visited_on, method=method,
                     visitor=_required(visitor, "visitor", "请填写回访人。"), performance=performance,
                     result=_required(result, "result", "请填写回访情况。"), satisfaction=satisfaction,
                     recorded_by=by)
    visit.full_clean(exclude=["case"])
    transition(case, "follow_up", by=by, note=visit.result,
               changes={"performance": [None, visit.get_performance_display()],
                        "satisfaction": [None, visit.get_satisfaction_display()]})
    visit.save()
    _complete(case, FOLLOW_UP, on=visited_on, by=by)
    return visit


@transaction.atomic
def close(case: DisputeCase, *, by, on: dt.date | None = None, note: str = "") -> DisputeCase:
    """结案 and archive (人民调解法 第二十七条 立卷归档). A successful case needs its 回访 first (第三十一条)."""
    if case.status == DisputeCase.Status.AGREED:
        raise InvalidTransition("调解成功的纠纷须先对协议履行情况进行回访，才能结案"
                                "（人民调解法第三十一条：调委会应当对调解协议的履行情况进行监督）。")
    last = max(filter(None, [case.outcome_on, *case.follow_ups.values_list("visited_on", flat=True)]), default=None)
    on = _check_date(on or _today(), label="结案日期", after=last, after_label="最近一次调结或回访日期")
    case.closed_on, case.close_note = on, note.strip()
    transition(case, "close", by=by, note=note, changes={"closed_on": [None, on]},
               extra_fields=["closed_on", "close_note"])
    _cancel(case, CONFIRMATION, by=by, reason="已结案")
    _cancel(case, FOLLOW_UP, by=by, reason="已结案")
    return case


@transaction.atomic
def rate(case: DisputeCase, *, rating: str, comment: str = "") -> DisputeCase:
    """好差评 by the applicant through the portal, once, after 结案."""
    if case.status != DisputeCase.Status.CLOSED:
        raise InvalidTransition("纠纷结案后才能评价。")
    if case.rating:
        raise InvalidTransition("这件申请已经评价过了，感谢您的反馈。")
    if rating not in DisputeCase.Rating.values:
        raise ValidationError({"rating": "请选择好评、中评或差评。"})
    case.rating, case.rating_comment, case.rated_at = rating, comment.strip()[:500], timezone.now()
    case.save(update_fields=["rating", "rating_comment", "rated_at", "updated_at"])
    audit.record("mediation.rate", case, by=None, org=case.org, note="公众评价",
                 changes={"rating": [None, case.get_rating_display()]})
    return case


# ------------------------------------------------------------------ 卷宗材料


FILE_KINDS = ["调解申请书", "受理登记表", "调查记录", "调解笔录", "调解协议书（签署件）", "司法确认裁定书", "回访记录",
              "其他材料"]


@transaction.atomic
def attach_file(case: DisputeCase, *, by, upload, kind: str, note: str = "") -> Attachment:
    """卷宗材料: a scanned or recorded paper of the case, kept by its hash (人民调解法 第二十七条 立卷归档)."""
    if kind not in FILE_KINDS:
        raise ValidationError({"kind": "请选择材料种类。"})
    return attach(upload, org=case.org, by=by, target=case, description="：".join(filter(None, [kind, note.strip()])))


# ------------------------------------------------------------------ 排查


@transaction.atomic
def plan_round(*, by, org, topic: str, planned_on: dt.date, grid: str = "", screeners: str = "") -> ScreeningRound:
    """安排矛盾纠纷排查 for a 网格 or 村/社区."""
    screening = ScreeningRound(org=org, grid=grid.strip(), topic=_required(topic, "topic", "请填写排查主题。"),
                               planned_on=planned_on, screeners=screeners, created_by=by)
    screening.full_clean()
    screening.save()
    audit.record("mediation.plan_round", screening, by=by, org=org, changes={"topic": [None, screening.topic],
                                                                              "planned_on": [None, planned_on]})
    return screening


@transaction.atomic
def complete_round(screening: ScreeningRound, *, by, held_on: dt.date, notes: str, households: int | None = None,
                   screeners: str = "") -> ScreeningRound:
    """登记排查实施情况 (counted in 排查次数 from ``held_on``)."""
    _check_date(held_on, label="排查实施日期")
    screening.held_on, screening.households = held_on, households
    screening.notes = _required(notes, "notes", "请填写排查情况。")
    if screeners:
        screening.screeners = screeners
    transition(screening, "complete_round", by=by, changes={"held_on": [None, held_on]},
               extra_fields=["held_on", "households", "notes", "screeners"])
    return screening


@transaction.atomic
def add_finding(screening: ScreeningRound, *, by, description: str, dispute_type: str, party_names: str = "",
                location: str = "", risk: str = Finding.Risk.LOW) -> Finding:
    """排查发现 of a round."""
    finding = Finding(round=screening, description=_required(description, "description", "请填写发现的情况。"),
                      dispute_type=dispute_type, party_names=party_names.strip(), location=location, risk=risk)
    finding.full_clean(exclude=["round"])
    finding.save()
    audit.record("mediation.add_finding", screening, by=by, org=screening.org,
                 changes={"finding": [None, finding.description[:60]], "risk": [None, finding.get_risk_display()]})
    return finding


@transaction.atomic
def register_from_finding(finding: Finding, *, by) -> DisputeCase:
    """一键转为纠纷案件: registers a case (channel 网格员排查) from the finding and links them."""
    if finding.disposition != Finding.Disposition.OPEN:
        raise InvalidTransition(f"该排查发现已“{finding.get_disposition_display()}”，不能再转为案件。")
    names = finding.names()
    if not names:
        raise ValidationError({"party_names": "请先在排查发现中填写涉及的当事人，再转为纠纷案件。"})
    screening = finding.round
    type_label = DisputeType(finding.dispute_type).label
    title = f"{'、'.join(names[:2])}{'等' if len(names) > 2 else ''}{type_label}"[:100]
    case = register_case(
        by=by, org=screening.org, title=title, dispute_type=finding.dispute_type, channel=Channel.GRID,
        description=finding.description, location=finding.location,
        parties=[{"name": n, "side": Party.Side.APPLICANT if i == 0 else Party.Side.RESPONDENT}
                 for i, n in enumerate(names)],
        people_involved=max(len(names), 2),
        referral_from=f"{screening.grid or screening.org.name} 排查",
    )
    finding.case, finding.disposition = case, Finding.Disposition.REGISTERED
    finding.save(update_fields=["case", "disposition"])
    audit.record("mediation.register_from_finding", case, by=by, note=str(screening),
                 changes={"finding": [None, finding.pk]})
    if finding.risk == Finding.Risk.HIGH:
        warnings.raise_warning(case, EarlyWarning.Kind.HIGH_RISK_FINDING, key=f"finding:{finding.pk}",
                               detail=f"排查发现标为重大风险：{finding.description[:80]}", today=_today())
    return case


@transaction.atomic
def resolve_finding(finding: Finding, *, by, note: str) -> Finding:
    """当场化解: the screener settled it on the spot; no case is registered."""
    if finding.disposition != Finding.Disposition.OPEN:
        raise InvalidTransition(f"该排查发现已“{finding.get_disposition_display()}”。")
    finding.resolution_note = _required(note, "note", "请写明化解情况。")
    finding.disposition = Finding.Disposition.RESOLVED
    finding.save(update_fields=["resolution_note", "disposition"])
    audit.record("mediation.resolve_finding", finding.round, by=by, org=finding.round.org,
                 changes={"finding": [None, finding.description[:60]]}, note=finding.resolution_note)
    return finding


# ------------------------------------------------------------------ 预警


@transaction.atomic
def handle_warning(warning: EarlyWarning, *, by, note: str) -> EarlyWarning:
    """负责人审阅预警并标记已处理, with what was done (人民调解法 第二十五条: 激化风险应当采取措施、报告)."""
    warning.handling_note = _required(note, "note", "请写明处理情况，如已约谈当事人、已报告派出所。")
    warning.handled_by, warning.handled_on = by, _today()
    transition(warning, "handle_warning", by=by, note=warning.handling_note,
               changes={"case": [None, warning.case.number], "kind": [None, warning.get_kind_display()]},
               extra_fields=["handling_note", "handled_by", "handled_on"])
    return warning


@transaction.atomic
def scan_warnings(*, by, orgs=None) -> int:
    """重新扫描预警 for the given units (all when None); returns how many new warnings were raised."""
    raised = warnings.scan(orgs=orgs, today=_today())
    audit.record("mediation.scan_warnings", None, by=by, note=f"新增预警 {raised} 条")
    return raised


# ------------------------------------------------------------------ 台账导入


def save_ledger(rows: list[dict], *, by, org):
    """台账导入: every row becomes a case with its history, all in the caller's transaction (the rows' cells and
    cross-column rules were checked by ``ledger.check_rows``).

    Imported history is recorded as facts, in bulk, since a unit's ledger runs to thousands of rows: each year's
    登记编号 are taken in one step, cases, parties and clocks are inserted together, each case gets a
    ``mediation.import_row`` audit entry and the import one more with the id of every case (per-row actions would
    cost a dozen statements and four audit entries a row). Accepted rows get their one-month clock (若干规定
    第三十三条): completed on the recorded 调结日期 (按期 or 逾期) or, for rows still being mediated, running.
    A generator for ``core.imports``: yields rows saved, returns the cases.
    """
    today = _today()
    _check_import_dates(rows, today)
    cases = imports.build(DisputeCase, ({key: row.get(key) for key in IMPORTED_CASE_FIELDS} for row in rows),
                          org=org, origin_org=org, number="（待编号）", imported=True,
                          registered_by=by if getattr(by, "pk", None) else None)
    for case, row in zip(cases, rows):
        _import_history(case, row)
    # The cells were checked by the ledger's parsers (身份证号/信用代码, phone, lengths): the parties are built as
    # they stand, without each one's full_clean (20,000 of them in a 10,000-row ledger).
    built = iter(imports.build(Party, [{**party, "sort_order": i} for row in rows
                                       for i, party in enumerate(row["parties"], start=1)]))
    parties = [[next(built) for _party in row["parties"]] for row in rows]
    due = deadlines.DueDates(c.accepted_on for c in cases if c.accepted_on)
    for case in cases:
        if case.accepted_on:
            case.resolve_due_on = due(RESOLVE, case.accepted_on)[0]
    for year in sorted({c.registered_on.year for c in cases}):
        of_year = [c for c in cases if c.registered_on.year == year]
        for case, number in zip(of_year, numbering.next_numbers(org, "mediation.case", year, len(of_year),
                                                              fmt=CASE_NUMBER)):
            case.number = number
    for saved in imports.insert_steps(DisputeCase, cases):
        yield saved * 6 // 10
    for case, built in zip(cases, parties):
        for party in built:
            party.case_id = case.pk
    imports.bulk_insert(Party, [p for built in parties for p in built])
    yield len(cases) * 7 // 10
    audit.record_many("mediation.import_row", cases, by=by, org=org, note="从台账导入",
                      changes=lambda c: {"status": [None, str(c.status)], "number": [None, c.number]})
    accepted = [c for c in cases if c.accepted_on]
    deadlines.start_many([deadlines.Clock(c, RESOLVE, c.accepted_on, completed_on=c.outcome_on) for c in accepted],
                         by=by, org=org, due=due)
    running = sum(1 for c in accepted if c.outcome_on is None)
    audit.record("mediation.import_ledger", org, by=by, org=org,
                 note=f"从台账导入矛盾纠纷{len(cases)}起，其中{running}起仍在调解、调解期限计时中",
                 changes={"ids": [c.pk for c in cases]})
    yield len(cases) * 9 // 10
    warnings.scan_new_cases([case for case in cases if case.is_open], today=today)
    yield len(cases)
    return cases


@transaction.atomic
def import_ledger(rows: list[dict], *, by, org) -> list[DisputeCase]:
    """``save_ledger`` in one transaction, for scripts and tests (the import page streams its progress)."""
    return imports.drain(save_ledger(rows, by=by, org=org))


def _check_import_dates(rows: list[dict], today: dt.date) -> None:
    """A ledger records what happened: no date after today (as each step refuses one)."""
    labels = {"registered_on": "登记日期", "accepted_on": "受理日期", "outcome_on": "调结日期", "closed_on": "结案日期"}
    errors = [f"第{n}条（{row['title']}）：{label}不能晚于今天。" for n, row in enumerate(rows, start=1)
              for key, label in labels.items() if row.get(key) and row[key] > today]
    if errors:
        raise ValidationError(errors)


def _import_history(case: DisputeCase, row: dict) -> None:
    """The state a row's recorded history puts the case in (the paper file holds the agreement itself)."""
    result = row.get("result")
    if result == "rejected":
        case.status, case.rejected_on = DisputeCase.Status.REJECTED, row["registered_on"]
        case.reject_reason, case.reject_note = DisputeCase.RejectReason.OTHER, row.get("note") or "台账导入"
        return
    if not result:
        return
    case.status, case.accepted_on = DisputeCase.Status.ACCEPTED, row["accepted_on"]
    if result in DisputeCase.Outcome.values:
        failed = result == DisputeCase.Outcome.FAILED
        case.outcome, case.outcome_on = result, row["outcome_on"]
        case.failure_note = (row.get("note") or "台账导入") if failed else ""
        case.failure_routes = [DisputeCase.Route.OTHER] if failed else []
        case.status = DisputeCase.Status.FAILED if failed else DisputeCase.Status.AGREED
        if row.get("closed_on"):
            case.status, case.closed_on = DisputeCase.Status.CLOSED, row["closed_on"]
