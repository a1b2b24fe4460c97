"""Every write on 代表建议/政协提案 and 行政复议/行政诉讼: one transaction each, audited, clocks kept in core.deadlines."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from yifa.core import audit, deadlines, imports
from yifa.core.deadlines import fmt
from yifa.core.workflow import transition

from .models import CoHandler, FollowUpLetter, Hearing, RespondentCase, Suggestion

# ---------------------------------------------------------------- 代表建议 / 政协提案


@transaction.atomic
def register_suggestion(*, by, org, **fields) -> Suggestion:
    """登记交办的代表建议或政协提案. Starts the reply clock from the 交办 date: 3 months, or 6 for
    wide-ranging or difficult ones (代表法 第五十一条; for 提案 the rule rows of the 提案工作条例)."""
    suggestion = Suggestion(org=org, created_by=by, **fields)
    suggestion.full_clean()
    suggestion.save()
    clock = deadlines.start(suggestion, suggestion.rule_code, start=suggestion.assigned_on, by=by, org=org)
    suggestion.due_on = clock.due_on
    suggestion.save(update_fields=["due_on"])
    audit.record("oversight.register_suggestion", suggestion, by=by, org=org,
                 note=f"交办日期 {fmt(suggestion.assigned_on)}，答复期限 {fmt(clock.due_on)}")
    return suggestion


def _correct(obj, action: str, *, by, fields: dict):
    """更正登记信息: only the fields given, each change recorded (old and new) in the audit entry."""
    stored = type(obj).objects.get(pk=obj.pk)
    changes = {name: [getattr(stored, name), value] for name, value in fields.items() if getattr(stored, name) != value}
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    audit.record(action, obj, by=by, note="更正登记信息：" + "、".join(
        str(obj._meta.get_field(name).verbose_name) for name in changes), changes=changes)
    return obj


@transaction.atomic
def correct_suggestion(suggestion: Suggestion, *, by, **fields) -> Suggestion:
    """更正建议的登记信息 (编号, 标题, 代表, 内容…). The 交办日期 and 难度 that set the clock are not changed here."""
    return _correct(suggestion, "oversight.correct_suggestion", by=by, fields=fields)


@transaction.atomic
def correct_case(case: RespondentCase, *, by, **fields) -> RespondentCase:
    """更正案件的登记信息 (案号, 复议机关或法院, 当事人, 被诉行为…); the receipt date that set the clock is kept."""
    return _correct(case, "oversight.correct_case", by=by, fields=fields)


@transaction.atomic
def assign(suggestion: Suggestion, *, by, lead_department: str, handler=None, co_handlers=()) -> Suggestion:
    """分办: name the 主办科室 and 经办人 and add 协办单位. May be repeated while handling (改办)."""
    old = [suggestion.lead_department, str(suggestion.handler or "")]
    suggestion.lead_department = lead_department
    suggestion.handler = handler
    added = []
    for name in co_handlers:
        name = name.strip()
        if name and not suggestion.co_handlers.filter(unit_name=name).exists():
            CoHandler.objects.create(suggestion=suggestion, unit_name=name)
            added.append(name)
    note = f"主办科室：{lead_department}" + (f"；协办单位：{'、'.join(added)}" if added else "")
    transition(suggestion, "assign", by=by, note=note, extra_fields=["lead_department", "handler"],
               changes={"lead_department": [old[0], lead_department], "handler": [old[1], str(handler or "")]})
    return suggestion


@transaction.atomic
def record_contact(suggestion: Suggestion, *, by, contacted_on: dt.date, note: str) -> Suggestion:
    """与代表联系沟通: the handler must hear the representative before replying (代表法 第五十一条)."""
    if suggestion.status != Suggestion.Status.HANDLING:
        raise ValidationError("只有办理中的建议可以记录与代表的沟通。")
    if contacted_on < suggestion.assigned_on:
        raise ValidationError("沟通日期不能早于交办日期。")
    suggestion.contacted_on, suggestion.contact_note = contacted_on, note
    suggestion.save(update_fields=["contacted_on", "contact_note", "updated_at"])
    audit.record("oversight.record_contact", suggestion, by=by, note=f"{fmt(contacted_on)} {note}")
    return suggestion


@transaction.atomic
def record_co_opinion(co_handler: CoHandler, *, by, opinion_on: dt.date, opinion: str) -> CoHandler:
    """登记协办单位的协办意见 (会签), which the lead unit gathers before replying."""
    suggestion = co_handler.suggestion
    if suggestion.status != Suggestion.Status.HANDLING:
        raise ValidationError("只有办理中的建议可以登记协办意见。")
    co_handler.opinion_on, co_handler.opinion = opinion_on, opinion
    co_handler.save(update_fields=["opinion_on", "opinion"])
    audit.record("oversight.record_co_opinion", suggestion, by=by, note=f"{co_handler.unit_name}：{opinion[:100]}")
    return co_handler


@transaction.atomic
def reply(suggestion: Suggestion, *, by, replied_on: dt.date, category: str, summary: str,
          reply_no: str = "") -> Suggestion:
    """答复代表 (or, as 协办单位, send the 协办意见 to the lead unit). Stops the clock and records
    whether the reply was on time. Refused before the representative was contacted (代表法 第五十一条)
    or while a 协办单位 has not given its opinion."""
    if suggestion.status == Suggestion.Status.HANDLING:
        if suggestion.is_lead and suggestion.contacted_on is None:
            raise ValidationError("答复前须与代表（委员）联系沟通、充分听取意见，请先登记沟通情况"
                                  f"（{suggestion.contact_basis}）。")
        pending = suggestion.pending_co_handlers()
        if pending:
            names = "、".join(c.unit_name for c in pending)
            raise ValidationError(f"协办单位{names}尚未提出协办意见：主办单位应在答复前征求协办单位意见。")
    if replied_on < suggestion.assigned_on:
        raise ValidationError("答复日期不能早于交办日期。")
    suggestion.replied_on, suggestion.reply_category = replied_on, category
    suggestion.reply_summary, suggestion.reply_no = summary, reply_no
    transition(suggestion, "reply", by=by, note=f"{fmt(replied_on)} 答复，{suggestion.get_reply_category_display()}",
               extra_fields=["replied_on", "reply_category", "reply_summary", "reply_no"])
    deadlines.complete(suggestion, suggestion.rule_code, on=replied_on, by=by)
    return suggestion


@transaction.atomic
def close(suggestion: Suggestion, *, by, feedback_on: dt.date | None = None, satisfaction: str = "",
          note: str = "") -> Suggestion:
    """办结: the representative's 满意度 (满意/基本满意/不满意) from the 征询意见表 closes a lead suggestion."""
    if suggestion.is_lead and suggestion.status == Suggestion.Status.REPLIED:
        if not satisfaction or feedback_on is None:
            raise ValidationError("主办的建议须登记代表（委员）的满意度测评和反馈日期后才能办结。")
        if feedback_on < suggestion.replied_on:
            raise ValidationError("反馈日期不能早于答复日期。")
    suggestion.satisfaction, suggestion.feedback_on, suggestion.feedback_note = satisfaction, feedback_on, note
    label = suggestion.get_satisfaction_display() if satisfaction else "无需测评"
    transition(suggestion, "close", by=by, note=f"代表满意度：{label}",
               extra_fields=["satisfaction", "feedback_on", "feedback_note"])
    return suggestion


@transaction.atomic
def reopen(suggestion: Suggestion, *, by, reason: str) -> Suggestion:
    """重新办理: a representative 不满意 with the reply gets the suggestion handled again."""
    if suggestion.status == Suggestion.Status.CLOSED and suggestion.satisfaction != Suggestion.Satisfaction.UNSATISFIED:
        raise ValidationError("只有代表（委员）表示不满意的建议才需要重新办理。")
    suggestion.reopen_count += 1
    transition(suggestion, "reopen", by=by, note=reason, extra_fields=["reopen_count"])
    return suggestion


# ---------------------------------------------------------------- 行政复议 / 行政诉讼


def _normalise_kind_fields(case: RespondentCase) -> None:
    if case.kind == RespondentCase.Kind.LITIGATION:
        case.simple_procedure = False
        case.instance = case.instance or RespondentCase.Instance.FIRST
    else:
        case.instance = ""


@transaction.atomic
def register_case(*, by, org, **fields) -> RespondentCase:
    """登记被申请行政复议或被诉行政诉讼的案件. Starts the clock for the 书面答复 and evidence: 10 working
    days (复议; 5 in the 简易程序; 行政复议法 第四十八、五十四条) or 15 days (诉讼; 行政诉讼法 第六十七条)
    from receipt of the application or complaint copy."""
    case = RespondentCase(org=org, created_by=by, **fields)
    _normalise_kind_fields(case)
    case.full_clean()
    case.save()
    clock = deadlines.start(case, case.rule_code, start=case.received_on, by=by, org=org)
    case.due_on = clock.due_on
    case.save(update_fields=["due_on"])
    audit.record("oversight.register_case", case, by=by, org=org,
                 note=f"收到日期 {fmt(case.received_on)}，答复（答辩）期限 {fmt(clock.due_on)}")
    return case


@transaction.atomic
def reply_case(case: RespondentCase, *, by, replied_on: dt.date, summary: str, evidence: str) -> RespondentCase:
    """提交书面答复（答辩状）和证据、依据. Late or missing evidence counts as none (行政复议法 第七十条;
    行政诉讼法 第三十四条): the clock records whether it was in time."""
    if replied_on < case.received_on:
        raise ValidationError("提交日期不能早于收到日期。")
    if not evidence.strip():
        raise ValidationError("须列明提交的证据和依据：逾期或不提交证据的，视为没有相应证据"
                              "（《行政复议法》第七十条、《行政诉讼法》第三十四条）。")
    case.replied_on, case.reply_summary, case.evidence = replied_on, summary, evidence
    transition(case, "reply", by=by, note=f"{fmt(replied_on)} 提交", extra_fields=["replied_on", "reply_summary",
                                                                                       "evidence"])
    deadlines.complete(case, case.rule_code, on=replied_on, by=by)
    return case


@transaction.atomic
def record_hearing(case: RespondentCase, *, by, **fields) -> Hearing:
    """登记开庭（听证）及出庭情况. A 负责人 who does not appear needs a reason (出庭规定 第八条), and the unit
    must still send its own staff, not only a lawyer (行政诉讼法 第三条第三款)."""
    if case.status != RespondentCase.Status.REPLIED:
        raise ValidationError("须先提交答复（答辩）和证据，才能登记开庭（听证）情况。")
    hearing = Hearing(case=case, recorded_by=by, **fields)
    if hearing.appearance == Hearing.Appearance.HEAD:
        if not hearing.head_name:
            raise ValidationError("负责人出庭的，请填写出庭负责人姓名和职务。")
        hearing.absence_reason = ""
    elif not hearing.absence_reason:
        raise ValidationError("负责人未出庭的，须说明事由（《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》第八条）。")
    if hearing.appearance == Hearing.Appearance.STAFF and not hearing.staff:
        raise ValidationError("委托工作人员出庭的，请填写出庭工作人员。")
    if hearing.held_on < case.received_on:
        raise ValidationError("开庭（听证）日期不能早于收到日期。")
    hearing.full_clean()
    hearing.save()
    audit.record("oversight.record_hearing", case, by=by,
                 note=f"{fmt(hearing.held_on)} {hearing.get_kind_display()}：{hearing.get_appearance_display()}")
    return hearing


@transaction.atomic
def conclude(case: RespondentCase, *, by, outcome: str, decided_on: dt.date, decision_no: str = "",
             note: str = "") -> RespondentCase:
    """登记审结结果 (复议决定、判决、裁定、调解、撤回). A case withdrawn before the reply stops its clock."""
    if outcome not in dict(case.outcomes_allowed()):
        raise ValidationError(f"“{RespondentCase.Outcome(outcome).label}”不是{case.get_kind_display()}的结案方式。")
    if decided_on < case.received_on:
        raise ValidationError("审结日期不能早于收到日期。")
    was_open = case.status == RespondentCase.Status.RECEIVED
    case.outcome, case.decided_on, case.decision_no, case.decision_note = outcome, decided_on, decision_no, note
    transition(case, "conclude", by=by, note=f"{fmt(decided_on)} {case.get_outcome_display()}",
               extra_fields=["outcome", "decided_on", "decision_no", "decision_note"])
    if was_open:
        deadlines.cancel(case, case.rule_code, by=by, reason=f"答复前已审结：{case.get_outcome_display()}")
    return case


@transaction.atomic
def record_performance(case: RespondentCase, *, by, performed_on: dt.date, note: str) -> RespondentCase:
    """履行复议决定、判决 (行政复议法 第七十七条): what the unit did after the act was revoked or found unlawful."""
    if case.status != RespondentCase.Status.CONCLUDED or not case.is_loss:
        raise ValidationError("只有被撤销、变更、确认违法或责令履行的案件需要登记履行（纠错）情况。")
    if performed_on < case.decided_on:
        raise ValidationError("履行日期不能早于审结日期。")
    case.performed_on, case.performance_note = performed_on, note
    case.save(update_fields=["performed_on", "performance_note", "updated_at"])
    audit.record("oversight.record_performance", case, by=by, note=f"{fmt(performed_on)} {note}")
    return case


@transaction.atomic
def appeal(case: RespondentCase, *, by, received_on: dt.date, case_no: str, body: str, note: str = "") -> RespondentCase:
    """上诉: a concluded first-instance case goes on to 二审 as a new record with its own 15-day clock for the
    答辩状 (行政诉讼法 第八十五条 and 第六十七条)."""
    if not case.is_litigation or case.instance != RespondentCase.Instance.FIRST:
        raise ValidationError("只有行政诉讼一审案件可以登记上诉。")
    if case.status != RespondentCase.Status.CONCLUDED:
        raise ValidationError("一审审结后才能登记上诉。")
    if RespondentCase.objects.filter(previous=case).exists():
        raise ValidationError("该案已登记二审。")
    if received_on < case.decided_on:
        raise ValidationError("收到上诉状副本的日期不能早于一审审结日期。")
    second = register_case(
        by=by, org=case.org, kind=case.kind, instance=RespondentCase.Instance.SECOND, previous=case,
        case_no=case_no, body=body, claimant=case.claimant, claimant_is_organisation=case.claimant_is_organisation,
        act_category=case.act_category, disputed_act=case.disputed_act, received_on=received_on, agent=case.agent,
    )
    audit.record("oversight.appeal", case, by=by, note=f"二审：{case_no} {note}".strip())
    return second


@transaction.atomic
def receive_letter(case: RespondentCase, *, by, **fields) -> FollowUpLetter:
    """登记收到的行政复议意见书或司法建议; starts its 60-day answer clock (行政复议法 第七十六条)."""
    letter = FollowUpLetter(case=case, org=case.org, created_by=by, **fields)
    if letter.kind == FollowUpLetter.Kind.OPINION and case.is_litigation:
        raise ValidationError("行政复议意见书只针对行政复议案件。")
    if letter.received_on and letter.received_on < case.received_on:
        raise ValidationError("收到日期不能早于案件的收到日期。")
    letter.full_clean()
    letter.save()
    clock = deadlines.start(letter, letter.rule_code, start=letter.clock_start, by=by, org=case.org)
    letter.due_on = clock.due_on
    letter.save(update_fields=["due_on"])
    audit.record("oversight.receive_letter", letter, by=by, org=case.org,
                 note=f"{letter.get_kind_display()}，回复期限 {fmt(clock.due_on)}")
    return letter


@transaction.atomic
def answer_letter(letter: FollowUpLetter, *, by, answered_on: dt.date, answer: str) -> FollowUpLetter:
    """回复整改（采纳）情况 to the body that issued the letter; stops its clock."""
    if answered_on < letter.received_on:
        raise ValidationError("回复日期不能早于收到日期。")
    letter.answered_on, letter.answer = answered_on, answer
    transition(letter, "answer_letter", by=by, note=f"{fmt(answered_on)} 回复",
               extra_fields=["answered_on", "answer"])
    deadlines.complete(letter, letter.rule_code, on=answered_on, by=by)
    return letter


# ---------------------------------------------------------------- Excel 台账 import


def save_suggestions(rows: list[dict], *, by, org):
    """导入代表建议台账 (rows checked by ``ledgers.check_suggestions``): all saved in the caller's transaction, in
    bulk; each gets the state its dates show and a ``oversight.import_row`` audit entry, and those still being
    handled get their running 答复期限 from the 交办日期. A generator for ``core.imports``: yields rows saved,
    returns the records."""
    S = Suggestion.Status
    objects = imports.build(Suggestion, rows, org=org, created_by=by)
    due = deadlines.DueDates(s.assigned_on for s in objects)
    for s in objects:
        if s.satisfaction:
            s.status = S.CLOSED
        elif s.replied_on:
            s.status = S.REPLIED
        elif s.lead_department:
            s.status = S.HANDLING
        else:
            s.status = S.ASSIGNED
        s.due_on = due(s.rule_code, s.assigned_on)[0]
    yield from imports.save_records(Suggestion, objects, by=by, org=org, action="oversight.import_row",
                                    changes=lambda s: {"status": [None, s.status]})
    running = _start_clocks([s for s in objects if s.status in (S.ASSIGNED, S.HANDLING)], by=by, org=org, due=due)
    audit.record("oversight.import_suggestions", org, by=by, org=org,
                 note=f"从台账导入代表建议（政协提案）{len(objects)}件，其中{running}件在办、已起算答复期限",
                 changes={"ids": [s.pk for s in objects]})
    yield len(objects)
    return objects


@transaction.atomic
def import_suggestions(rows: list[dict], *, by, org) -> list[Suggestion]:
    """``save_suggestions`` in one transaction, for scripts and the benchmark (the page streams its progress)."""
    return imports.drain(save_suggestions(rows, by=by, org=org))


def save_cases(rows: list[dict], *, by, org):
    """导入行政复议、行政应诉台账 (rows checked by ``ledgers.check_cases``): cases with their hearing, all saved in the
    caller's transaction, in bulk; cases still awaiting their 答复（答辩） get the running clock from the 收到日期.
    A generator for ``core.imports``: yields rows saved, returns the cases."""
    C = RespondentCase.Status
    case_fields = {f.name for f in RespondentCase._meta.get_fields()}
    objects = imports.build(RespondentCase, ({k: v for k, v in row.items() if k in case_fields} for row in rows),
                            org=org, created_by=by)
    due = deadlines.DueDates(case.received_on for case in objects)
    for case in objects:
        _normalise_kind_fields(case)
        case.status = C.CONCLUDED if case.outcome else C.REPLIED if case.replied_on else C.RECEIVED
        case.due_on = due(case.rule_code, case.received_on)[0]
    yield from imports.save_records(RespondentCase, objects, by=by, org=org, action="oversight.import_row",
                                    changes=lambda c: {"status": [None, c.status]}, share=0.7)
    imports.bulk_insert(Hearing, [
        Hearing(case=case, kind=Hearing.Kind.COURT if case.is_litigation else Hearing.Kind.HEARING,
                held_on=row["hearing_on"], appearance=row["appearance"], head_name=row.get("head_name") or "",
                absence_reason="" if row["appearance"] == Hearing.Appearance.HEAD else Hearing.Reason.OTHER,
                absence_note="" if row["appearance"] == Hearing.Appearance.HEAD else "台账导入，未载明事由",
                recorded_by=by)
        for case, row in zip(objects, rows) if row.get("hearing_on")])
    yield len(objects) * 8 // 10
    running = _start_clocks([c for c in objects if c.status == C.RECEIVED], by=by, org=org, due=due)
    audit.record("oversight.import_cases", org, by=by, org=org,
                 note=f"从台账导入行政复议、应诉案件{len(objects)}件，其中{running}件待答复、已起算期限",
                 changes={"ids": [c.pk for c in objects]})
    yield len(objects)
    return objects


@transaction.atomic
def import_cases(rows: list[dict], *, by, org) -> list[RespondentCase]:
    """``save_cases`` in one transaction, for scripts and the benchmark (the page streams its progress)."""
    return imports.drain(save_cases(rows, by=by, org=org))


def save_letters(rows: list[dict], *, by, org):
    """导入复议意见书、司法建议台账 (rows checked by ``ledgers.check_letters``): each letter joined to the unit's case
    its row names (``ledgers.LetterCases``: by 案号, or by 申请人 and the case's 收到日期), saved in bulk in the
    caller's transaction with an ``oversight.import_row`` audit entry. The 回复期限 is 60 days from the 收到日期 as
    ``receive_letter`` gives it; letters not yet answered get their running clock (``deadlines.start_many``),
    answered ones keep their 回复日期 and need none. A generator for ``core.imports``: yields rows saved, returns
    the letters."""
    from .ledgers import LetterCases

    cases = LetterCases(org)
    fields = {f.name for f in FollowUpLetter._meta.concrete_fields}
    objects = imports.build(FollowUpLetter, ({**{k: v for k, v in row.items() if k in fields},
                                              "case": cases.find(row)} for row in rows),
                            org=org, created_by=by)
    due = deadlines.DueDates(letter.received_on for letter in objects)
    for letter in objects:
        letter.status = FollowUpLetter.Status.ANSWERED if letter.answered_on else FollowUpLetter.Status.OPEN
        letter.due_on = due(letter.rule_code, letter.received_on)[0]
    yield from imports.save_records(FollowUpLetter, objects, by=by, org=org, action="oversight.import_row",
                                    changes=lambda x: {"status": [None, x.status]})
    running = _start_clocks([x for x in objects if x.status == FollowUpLetter.Status.OPEN], by=by, org=org, due=due)
    audit.record("oversight.import_letters", org, by=by, org=org,
                 note=f"从台账导入复议意见书、司法建议{len(objects)}份，其中{running}份待回复、已起算回复期限",
                 changes={"ids": [x.pk for x in objects]})
    yield len(objects)
    return objects


@transaction.atomic
def import_letters(rows: list[dict], *, by, org) -> list[FollowUpLetter]:
    """``save_letters`` in one transaction, for scripts."""
    return imports.drain(save_letters(rows, by=by, org=org))


def _start_clocks(running: list, *, by, org, due) -> int:
    """The running clocks of imported records still waiting for their answer (each record's ``rule_code`` from
    its ``clock_start``); returns how many."""
    deadlines.start_many([deadlines.Clock(obj, obj.rule_code, obj.clock_start) for obj in running], by=by, org=org,
                         due=due)
    return len(running)
