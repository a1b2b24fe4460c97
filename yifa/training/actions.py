"""Every write on the 学法 and 普法 ledgers: one transaction each, audited."""

import datetime as dt
from collections import OrderedDict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from yifa.core import audit, imports
from yifa.core.deadlines import fmt
from yifa.core.identity import validate_phone
from yifa.core.models import Org
from yifa.core.workflow import transition

from .models import (Attendance, Cadre, DutyItem, ExamResult, LawExam, LeadershipMeeting, LegalLiaison,
                     OutreachActivity, OutreachRequest, OutreachTopic, StudySession, StudyTarget)


def _create(model, action: str, *, by, org, note: str = "", **fields):
    obj = model(org=org, **fields)
    if any(f.name == "created_by" for f in model._meta.get_fields()):
        obj.created_by = by
    obj.full_clean()
    obj.save()
    audit.record(action, obj, by=by, org=org, note=note or str(obj))
    return obj


def _update(obj, action: str, *, by, **fields):
    # Compare with the stored row: a bound ModelForm has already written its values onto ``obj``.
    stored = type(obj).objects.get(pk=obj.pk)
    changes = {}
    for name, value in fields.items():
        old = getattr(stored, name)
        if old != value:
            changes[name] = [old, value]
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    audit.record(action, obj, by=by, note=str(obj), changes=changes)
    return obj


# ---------------------------------------------------------------- 学法


@transaction.atomic
def set_target(*, by, org, year: int, hours_per_person, sessions: int, pass_rate: int) -> StudyTarget:
    """设定年度学法目标 (e.g. 每人每年学法不少于60学时、集体学法不少于6次): a unit's own setting."""
    target = StudyTarget.objects.filter(org=org, year=year).first()
    if target is None:
        return _create(StudyTarget, "training.set_target", by=by, org=org, year=year,
                       hours_per_person=hours_per_person, sessions=sessions, pass_rate=pass_rate)
    return _update(target, "training.set_target", by=by, hours_per_person=hours_per_person, sessions=sessions,
                   pass_rate=pass_rate)


@transaction.atomic
def add_cadre(*, by, org, **fields) -> Cadre:
    """加入学法人员名册."""
    if Cadre.objects.filter(org=org, name=fields.get("name", "")).exists():
        raise ValidationError(f"名册中已有“{fields['name']}”；同名人员请在姓名后注明科室以示区分。")
    return _create(Cadre, "training.add_cadre", by=by, org=org, **fields)


@transaction.atomic
def update_cadre(cadre: Cadre, *, by, **fields) -> Cadre:
    """修改学法人员信息 or mark them 离岗 (``active=False``): past hours stay counted."""
    return _update(cadre, "training.update_cadre", by=by, **fields)


def _attend(session: StudySession, cadres, hours=None) -> int:
    foreign = [c.name for c in cadres if c.org_id != session.org_id]
    if foreign:
        raise ValidationError(f"{'、'.join(foreign)}不在本单位学法人员名册中。")
    Attendance.objects.bulk_create([Attendance(session=session, cadre=c, hours=hours or session.hours) for c in cadres])
    return len(cadres)


@transaction.atomic
def plan_session(*, by, org, **fields) -> StudySession:
    """列入学法计划 (年度学法计划中的一次活动)."""
    if not fields.get("planned_on"):
        raise ValidationError("请填写计划日期。")
    return _create(StudySession, "training.plan_session", by=by, org=org, status=StudySession.Status.PLANNED,
                   note=f"计划{fmt(fields['planned_on'])}：{fields.get('title', '')}", **fields)


@transaction.atomic
def record_session(*, by, org, attendees, **fields) -> StudySession:
    """登记已举办的学法活动 and who attended; each attendee is credited the session's hours."""
    if not fields.get("held_on"):
        raise ValidationError("请填写举办日期。")
    if not attendees:
        raise ValidationError("请至少选择一名参加人员。")
    session = _create(StudySession, "training.record_session", by=by, org=org, status=StudySession.Status.HELD,
                      note=f"{fmt(fields['held_on'])} 举办，{len(attendees)}人参加", **fields)
    _attend(session, attendees)
    return session


@transaction.atomic
def hold_session(session: StudySession, *, by, held_on: dt.date, attendees, hours=None, note: str = "") -> StudySession:
    """登记计划中的学法活动已举办, with attendance."""
    if not attendees:
        raise ValidationError("请至少选择一名参加人员。")
    session.held_on = held_on
    if hours:
        session.hours = hours
    transition(session, "hold", by=by, note=f"{fmt(held_on)} 举办，{len(attendees)}人参加 {note}".strip(),
               extra_fields=["held_on", "hours"])
    _attend(session, attendees)
    return session


@transaction.atomic
def cancel_session(session: StudySession, *, by, reason: str) -> StudySession:
    transition(session, "cancel", by=by, note=reason)
    return session


@transaction.atomic
def schedule_exam(*, by, org, **fields) -> LawExam:
    """安排学法考试 (任前法律知识考试、年度学法考试、学法抽考)."""
    if fields.get("pass_score", 0) > fields.get("full_score", 100):
        raise ValidationError("合格分不能高于满分。")
    return _create(LawExam, "training.schedule_exam", by=by, org=org, **fields)


@transaction.atomic
def record_scores(exam: LawExam, *, by, scores: dict) -> LawExam:
    """登记考试成绩: ``scores`` maps each examinee (Cadre) to a score, or None when absent (缺考)."""
    if not scores:
        raise ValidationError("请至少登记一名考生的成绩。")
    for cadre, score in scores.items():
        if cadre.org_id != exam.org_id:
            raise ValidationError(f"{cadre.name}不在本单位学法人员名册中。")
        if score is not None and not (0 <= score <= exam.full_score):
            raise ValidationError(f"{cadre.name}的成绩应在0至{exam.full_score}分之间。")
    transition(exam, "record_scores", by=by, note=f"登记{len(scores)}人成绩")
    ExamResult.objects.bulk_create([
        ExamResult(exam=exam, cadre=cadre, score=score, absent=score is None) for cadre, score in scores.items()
    ])
    return exam


@transaction.atomic
def record_meeting(*, by, org, **fields) -> LeadershipMeeting:
    """登记法治建设专题会议或述法 (第一责任人职责的记录)."""
    return _create(LeadershipMeeting, "training.record_meeting", by=by, org=org, **fields)


# ---------------------------------------------------------------- 普法


@transaction.atomic
def add_duty(*, by, org, **fields) -> DutyItem:
    """列入谁执法谁普法责任清单."""
    return _create(DutyItem, "training.add_duty", by=by, org=org, **fields)


@transaction.atomic
def update_duty(item: DutyItem, *, by, **fields) -> DutyItem:
    return _update(item, "training.update_duty", by=by, **fields)


@transaction.atomic
def update_activity(activity: OutreachActivity, *, by, **fields) -> OutreachActivity:
    """更正普法活动的登记信息 (主题, 地点, 人数…), each change audited."""
    return _update(activity, "training.update_activity", by=by, **fields)


@transaction.atomic
def update_meeting(meeting: LeadershipMeeting, *, by, **fields) -> LeadershipMeeting:
    """更正专题会议或述法的记录."""
    return _update(meeting, "training.update_meeting", by=by, **fields)


@transaction.atomic
def plan_activity(*, by, org, **fields) -> OutreachActivity:
    """列入普法计划."""
    if not fields.get("planned_on"):
        raise ValidationError("请填写计划日期。")
    return _create(OutreachActivity, "training.plan_activity", by=by, org=org,
                   status=OutreachActivity.Status.PLANNED, **fields)


@transaction.atomic
def record_activity(*, by, org, **fields) -> OutreachActivity:
    """登记已开展的普法活动 with its audience, materials handed out and consultations."""
    if not fields.get("held_on"):
        raise ValidationError("请填写开展日期。")
    return _create(OutreachActivity, "training.record_activity", by=by, org=org,
                   status=OutreachActivity.Status.HELD, **fields)


@transaction.atomic
def hold_activity(activity: OutreachActivity, *, by, held_on: dt.date, place: str, audience: int, materials: int,
                  consultations: int, summary: str = "") -> OutreachActivity:
    """登记计划中的普法活动已开展."""
    activity.held_on, activity.place, activity.summary = held_on, place or activity.place, summary
    activity.audience, activity.materials, activity.consultations = audience, materials, consultations
    transition(activity, "hold", by=by, note=f"{fmt(held_on)} 开展，受众{audience}人",
               extra_fields=["held_on", "place", "summary", "audience", "materials", "consultations"])
    return activity


@transaction.atomic
def cancel_activity(activity: OutreachActivity, *, by, reason: str) -> OutreachActivity:
    transition(activity, "cancel", by=by, note=reason)
    return activity


@transaction.atomic
def enrol_liaison(*, by, org: Org, **fields) -> LegalLiaison:
    """登记法律明白人（法治带头人） of a 村/社区."""
    if org.kind not in (Org.Kind.VILLAGE, Org.Kind.COMMUNITY):
        raise ValidationError("法律明白人、法治带头人应登记在村（社区）。")
    if fields.get("phone"):
        fields["phone"] = validate_phone(fields["phone"])
    return _create(LegalLiaison, "training.enrol_liaison", by=by, org=org, **fields)


@transaction.atomic
def retire_liaison(liaison: LegalLiaison, *, by, reason: str) -> LegalLiaison:
    liaison.retired_reason = reason
    transition(liaison, "retire", by=by, note=reason, extra_fields=["retired_reason"])
    return liaison


@transaction.atomic
def add_topic(*, by, org, **fields) -> OutreachTopic:
    """把一个普法主题放上菜单式普法的菜单."""
    return _create(OutreachTopic, "training.add_topic", by=by, org=org, **fields)


@transaction.atomic
def update_topic(topic: OutreachTopic, *, by, **fields) -> OutreachTopic:
    return _update(topic, "training.update_topic", by=by, **fields)


# ---------------------------------------------------------------- 菜单式普法


@transaction.atomic
def submit_request(topic: OutreachTopic, **fields) -> OutreachRequest:
    """群众在门户点单: a request for the topic, with a tracking code (查询码). Written by the public (no user)."""
    if not topic.active:
        raise ValidationError("该主题已不在菜单上，请选择其他主题。")
    fields["phone"] = validate_phone(fields.get("phone", ""))
    request = OutreachRequest(org=topic.org, topic=topic, **fields)
    request.full_clean()
    request.save()
    audit.record("training.submit_request", request, by=None, org=topic.org, note=f"群众在线点单：{topic.title}")
    return request


@transaction.atomic
def accept_request(request: OutreachRequest, *, by, accepted_on: dt.date, assignee: str,
                   scheduled_on: dt.date | None = None) -> OutreachRequest:
    """受理点单 and name who will deliver it."""
    request.accepted_on, request.assignee, request.scheduled_on = accepted_on, assignee, scheduled_on
    note = f"由{assignee}承办" + (f"，安排在{fmt(scheduled_on)}" if scheduled_on else "")
    transition(request, "accept", by=by, note=note, extra_fields=["accepted_on", "assignee", "scheduled_on"])
    return request


@transaction.atomic
def deliver_request(request: OutreachRequest, *, by, held_on: dt.date, place: str, audience: int, materials: int,
                    consultations: int, summary: str = "") -> OutreachRequest:
    """送法上门: the delivery is recorded as a 普法活动 (so it counts in the figures) and closes the request."""
    if request.accepted_on and held_on < request.accepted_on:
        raise ValidationError("开展日期不能早于受理日期。")
    venue = {"school": "school", "enterprise": "enterprise", "community": "community"}.get(request.requester_kind,
                                                                                        "community")
    form = "lecture" if "讲座" in request.preferred_form else "consultation" if "咨询" in request.preferred_form \
        else "lecture"
    activity = record_activity(
        by=by, org=request.org, theme=f"菜单式普法：{request.topic.title}", form=form, venue=venue,
        department=request.topic.department or request.assignee, held_on=held_on, place=place, audience=audience,
        materials=materials, consultations=consultations, summary=summary,
    )
    request.activity, request.delivered_on = activity, held_on
    transition(request, "deliver", by=by, note=f"{fmt(held_on)} 送法上门，受众{audience}人",
               extra_fields=["activity", "delivered_on"])
    return request


@transaction.atomic
def decline_request(request: OutreachRequest, *, by, reason: str) -> OutreachRequest:
    """不予安排, with the reason the requester will read when tracking."""
    request.declined_reason = reason
    transition(request, "decline", by=by, note=reason, extra_fields=["declined_reason"])
    return request


@transaction.atomic
def rate_request(request: OutreachRequest, *, rating: str, comment: str = "") -> OutreachRequest:
    """群众评价 (好差评) after delivery, once, by tracking code."""
    if request.status != OutreachRequest.Status.DELIVERED:
        raise ValidationError("送法上门后才能评价。")
    if request.rating:
        raise ValidationError("已经评价过了，感谢您的反馈。")
    request.rating, request.rating_comment = rating, comment
    request.save(update_fields=["rating", "rating_comment", "updated_at"])
    audit.record("training.rate_request", request, by=None, org=request.org,
                 note=f"群众评价：{request.get_rating_display()}")
    return request


# ---------------------------------------------------------------- Excel 台账 import


def save_attendance(rows: list[dict], *, by, org):
    """导入学法台账 (one row per person per session; rows checked by ``ledgers.check_attendance``): sessions and
    名册 entries are created as needed, attendance in bulk, each new record with a ``training.import_row`` audit
    entry. A generator for ``core.imports``: yields rows saved, returns the attendance records."""
    cadres = {c.name: c for c in Cadre.objects.filter(org=org)}
    sessions = {(s.held_on, s.kind, s.title): s for s in
                StudySession.objects.filter(org=org, status=StudySession.Status.HELD)}
    grouped: OrderedDict[tuple, list[dict]] = OrderedDict()
    for row in rows:
        grouped.setdefault((row["held_on"], row["kind"], row["title"]), []).append(row)
    new_sessions = [
        StudySession(org=org, kind=kind, title=title, held_on=held_on,
                     hours=max(Decimal(r["hours"]) for r in group), place=group[0].get("place") or "",
                     speaker=group[0].get("speaker") or "", status=StudySession.Status.HELD, created_by=by)
        for (held_on, kind, title), group in grouped.items() if (held_on, kind, title) not in sessions]
    imports.bulk_insert(StudySession, new_sessions)
    sessions.update({(s.held_on, s.kind, s.title): s for s in new_sessions})
    new_cadres = {}
    for row in rows:
        if row["name"] not in cadres and row["name"] not in new_cadres:
            new_cadres[row["name"]] = Cadre(org=org, name=row["name"], position=row.get("position") or "",
                                            category=row.get("category") or Cadre.Category.STAFF)
    imports.bulk_insert(Cadre, list(new_cadres.values()))
    cadres.update(new_cadres)
    created = [Attendance(session=sessions[key], cadre=cadres[row["name"]], hours=row["hours"])
               for key, group in grouped.items() for row in group]
    for saved in imports.insert_steps(Attendance, created):
        yield saved * 8 // 10
    for model_rows in (new_sessions, list(new_cadres.values()), created):
        audit.record_many("training.import_row", model_rows, by=by, org=org, note="从台账导入")
    audit.record("training.import_attendance", org, by=by, org=org,
                 note=f"从台账导入学法记录{len(created)}条（{len(grouped)}次活动）")
    yield len(created)
    return created


@transaction.atomic
def import_attendance(rows: list[dict], *, by, org) -> list[Attendance]:
    """``save_attendance`` in one transaction, for scripts and the benchmark."""
    return imports.drain(save_attendance(rows, by=by, org=org))


def _save_ledger(model, rows: list[dict], *, by, unit, summary: str, note: str, **common):
    """The save of a one-record-per-row 台账 imported into ``unit``: the records (``common`` values on each) in bulk,
    a ``training.import_row`` entry for each and one ``summary`` entry for the import (``note`` formatted with the
    count). A generator for ``core.imports``."""
    created = imports.build(model, rows, **common)
    yield from imports.save_records(model, created, by=by, org=unit, action="training.import_row")
    audit.record(summary, unit, by=by, org=unit, note=note.format(n=len(created)),
                 changes={"ids": [x.pk for x in created]})
    yield len(created)
    return created


def save_activities(rows: list[dict], *, by, org):
    """导入普法活动台账: each row a held activity. A generator for ``core.imports``."""
    return (yield from _save_ledger(OutreachActivity, rows, by=by, unit=org, summary="training.import_activities",
                                    note="从台账导入普法活动{n}场", org=org, created_by=by,
                                    status=OutreachActivity.Status.HELD))


@transaction.atomic
def import_activities(rows: list[dict], *, by, org) -> list[OutreachActivity]:
    return imports.drain(save_activities(rows, by=by, org=org))


def save_liaisons(rows: list[dict], *, by, org):
    """导入法律明白人名册: the 村（社区） column names a village or community of the unit (``ledgers.check_liaisons``
    put it in ``org``). A generator for ``core.imports``."""
    return (yield from _save_ledger(LegalLiaison, rows, by=by, unit=org, summary="training.import_liaisons",
                                    note="从台账导入法律明白人、法治带头人{n}名", created_by=by))


@transaction.atomic
def import_liaisons(rows: list[dict], *, by, org) -> list[LegalLiaison]:
    return imports.drain(save_liaisons(rows, by=by, org=org))


def save_duties(rows: list[dict], *, by, org):
    """导入谁执法谁普法责任清单 (rows checked by ``ledgers.check_duties``). A generator for ``core.imports``."""
    return (yield from _save_ledger(DutyItem, rows, by=by, unit=org, summary="training.import_duties",
                                    note="从台账导入普法责任清单事项{n}项", org=org))


@transaction.atomic
def import_duties(rows: list[dict], *, by, org) -> list[DutyItem]:
    return imports.drain(save_duties(rows, by=by, org=org))


def save_meetings(rows: list[dict], *, by, org):
    """导入法治建设专题会议和述法记录 (第一责任人职责; rows checked by ``ledgers.check_meetings``). A generator for
    ``core.imports``."""
    return (yield from _save_ledger(LeadershipMeeting, rows, by=by, unit=org, summary="training.import_meetings",
                                    note="从台账导入专题会议和述法记录{n}条", org=org, created_by=by))


@transaction.atomic
def import_meetings(rows: list[dict], *, by, org) -> list[LeadershipMeeting]:
    return imports.drain(save_meetings(rows, by=by, org=org))


def save_exam_results(rows: list[dict], *, by, org):
    """导入学法考试成绩 (one row per person per exam; rows checked by ``ledgers.check_exam_results``, which gives each
    its ``cadre``): rows of an exam the unit scheduled record its scores (the exam's 登记成绩 step); the others make
    a new exam, already graded. Results go in bulk, each new exam and result with a ``training.import_row`` audit
    entry. A generator for ``core.imports``: yields rows saved, returns the results."""
    scheduled = {(e.held_on, e.kind, e.title): e for e in
                 LawExam.objects.filter(org=org, status=LawExam.Status.SCHEDULED)}
    grouped: OrderedDict[tuple, list[dict]] = OrderedDict()
    for row in rows:
        grouped.setdefault((row["held_on"], row["kind"], row["title"]), []).append(row)
    new_exams = [
        LawExam(org=org, kind=kind, title=title, held_on=held_on, full_score=group[0]["full_score"],
                pass_score=group[0]["pass_score"], status=LawExam.Status.GRADED, created_by=by,
                organiser=next((r["organiser"] for r in group if r.get("organiser")), ""))
        for (held_on, kind, title), group in grouped.items() if (held_on, kind, title) not in scheduled]
    imports.bulk_insert(LawExam, new_exams)
    exams = {**scheduled, **{(e.held_on, e.kind, e.title): e for e in new_exams}}
    for key, exam in scheduled.items():
        if key in grouped:
            transition(exam, "record_scores", by=by, note=f"从台账导入{len(grouped[key])}人成绩")
    created = [ExamResult(exam=exams[key], cadre=row["cadre"], score=row["score"], absent=row["absent"])
               for key, group in grouped.items() for row in group]
    for saved in imports.insert_steps(ExamResult, created):
        yield saved * 8 // 10
    for records in (new_exams, created):
        audit.record_many("training.import_row", records, by=by, org=org, note="从台账导入")
    audit.record("training.import_exam_results", org, by=by, org=org,
                 note=f"从台账导入学法考试成绩{len(created)}条（{len(grouped)}次考试）")
    yield len(created)
    return created


@transaction.atomic
def import_exam_results(rows: list[dict], *, by, org) -> list[ExamResult]:
    """``save_exam_results`` in one transaction, for scripts."""
    return imports.drain(save_exam_results(rows, by=by, org=org))
