"""The Excel 台账 of 学法 attendance, 学法考试 scores, 普法 activities, the 法律明白人 roster, the 谁执法谁普法 责任清单,
专题会议和述法 (yifa.core.excel), and the export of 菜单式普法 requests.

Import and export share the columns, so an exported sheet imports again as the same records.
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone

from yifa.core.deadlines import fmt
from yifa.core.excel import Column, ImportResult, RowError, parse_date, parse_int, parse_text
from yifa.core.identity import mask_address, mask_phone, validate_phone
from yifa.core.ledgerchecks import YES_NO, RowChecks, parse_year
from yifa.core.models import Org

from .models import (Attendance, Cadre, DutyItem, ExamResult, LawExam, LeadershipMeeting, LegalLiaison, OutreachActivity,
                     OutreachRequest, StudySession)


def _labels(choices) -> dict:
    return {label: value for value, label in choices}


def parse_hours(value) -> Decimal:
    try:
        hours = Decimal(str(value).replace("学时", "").replace("小时", "").strip()).quantize(Decimal("0.1"))
    except InvalidOperation:
        raise ValidationError(f"“{value}”不是有效的学时数。")
    if not Decimal("0.5") <= hours <= 40:
        raise ValidationError("学时应在0.5至40之间。")
    return hours


def parse_phone(value) -> str:
    return validate_phone(str(value))


ABSENT = "缺考"


def parse_score(value) -> Decimal | str:
    """A score (at most one decimal place, not negative) or 缺考."""
    text = str(value).replace("分", "").strip()
    if text == ABSENT:
        return ABSENT
    try:
        score = Decimal(text)
    except InvalidOperation:
        raise ValidationError(f"“{value}”不是有效的成绩，请填写分数，缺考的填“缺考”。")
    if not score.is_finite() or score < 0 or score != score.quantize(Decimal("0.1")):
        raise ValidationError(f"“{value}”不是有效的成绩：应为不小于0的分数，最多保留一位小数。")
    return score.quantize(Decimal("0.1"))


def _points(score: Decimal) -> str:
    return f"{score.normalize():f}"


ATTENDANCE_COLUMNS = [
    Column("held_on", "举办日期", True, parse_date, help="如 2025-03-01", width=14),
    Column("kind", "学法形式", True, choices=_labels(StudySession.Kind.choices), width=22),
    Column("title", "主题", True, parse_text(200), width=36),
    Column("hours", "学时", True, parse_hours, help="本人获得的学时，如 2 或 1.5", width=8),
    Column("name", "姓名", True, parse_text(40), width=10),
    Column("position", "职务", False, parse_text(60), width=16),
    Column("category", "人员类别", False, choices=_labels(Cadre.Category.choices), width=10),
    Column("place", "地点", False, parse_text(100), width=16),
    Column("speaker", "主讲人", False, parse_text(100), width=16),
]

ACTIVITY_COLUMNS = [
    Column("held_on", "开展日期", True, parse_date, help="如 2025-03-01", width=14),
    Column("theme", "主题", True, parse_text(200), width=36),
    Column("form", "形式", False, choices=_labels(OutreachActivity.Form.choices), width=12),
    Column("venue", "阵地", False, choices=_labels(OutreachActivity.Venue.choices), width=10),
    Column("department", "责任部门", False, parse_text(60), width=18),
    Column("place", "地点", False, parse_text(100), width=18),
    Column("audience", "受众人数", False, parse_int, width=10),
    Column("materials", "发放宣传资料（份）", False, parse_int, width=12),
    Column("consultations", "接受法律咨询（人次）", False, parse_int, width=12),
    Column("summary", "活动情况", False, parse_text(2000), width=36),
]

EXAM_COLUMNS = [
    Column("held_on", "考试日期", True, parse_date, help="如 2025-11-01", width=14),
    Column("kind", "考试类别", True, choices=_labels(LawExam.Kind.choices), width=18),
    Column("title", "考试名称", True, parse_text(200), width=30),
    Column("organiser", "组织单位", False, parse_text(80), help="如 区委组织部、区司法局", width=18),
    Column("full_score", "满分", False, parse_int, help="不填为 100", width=8),
    Column("pass_score", "合格分", False, parse_int, help="不填为 60", width=8),
    Column("name", "姓名", True, parse_text(40), help="学法人员名册中的姓名", width=12),
    Column("position", "职务", False, parse_text(60), help="名册中有同名人员时据此区分", width=16),
    Column("score", "成绩", True, parse_score, help="如 92 或 87.5；缺考的填“缺考”", width=10),
    Column("passed", "是否合格", False, choices={"合格": True, "不合格": False}, help="可不填：按合格分判断", width=10),
]

LIAISON_COLUMNS = [
    Column("village", "村（社区）", True, parse_text(100), width=16),
    Column("kind", "类别", True, choices=_labels(LegalLiaison.Kind.choices), width=12),
    Column("name", "姓名", True, parse_text(40), width=10),
    Column("gender", "性别", False, choices={"男": "男", "女": "女"}, width=6),
    Column("phone", "联系电话", False, parse_phone, width=14),
    Column("identity", "身份", False, parse_text(60), help="如村干部、网格员、人民调解员", width=16),
    Column("trained_on", "培训上岗日期", False, parse_date, width=14),
    Column("certificate_no", "证书编号", False, parse_text(40), width=14),
]


def attendance_row(a: Attendance) -> dict:
    s, c = a.session, a.cadre
    return {"held_on": s.held_on, "kind": s.kind, "title": s.title, "hours": a.hours, "name": c.name,
            "position": c.position or None, "category": c.category, "place": s.place or None,
            "speaker": s.speaker or None}


def exam_result_row(r: ExamResult) -> dict:
    e, c = r.exam, r.cadre
    return {"held_on": e.held_on, "kind": e.kind, "title": e.title, "organiser": e.organiser or None,
            "full_score": e.full_score, "pass_score": e.pass_score, "name": c.name, "position": c.position or None,
            "score": ABSENT if r.absent or r.score is None else r.score,
            "passed": None if r.absent or r.score is None else r.score >= e.pass_score}


def activity_row(a: OutreachActivity) -> dict:
    row = {c.key: getattr(a, c.key) for c in ACTIVITY_COLUMNS}
    return {k: (None if v == "" else v) for k, v in row.items()}


def liaison_row(x: LegalLiaison) -> dict:
    row = {c.key: getattr(x, c.key, None) for c in LIAISON_COLUMNS}
    row["village"] = x.org.name
    return {k: (None if v == "" else v) for k, v in row.items()}


def _future(result: ImportResult, columns, keys, today) -> None:
    header = {c.key: c.header for c in columns}
    for number, row in result.numbered:
        for key in keys:
            if row.get(key) and row[key] > today:
                result.errors.append(RowError(number, header[key], "日期不能晚于今天。"))


def check_attendance(result: ImportResult, org, today) -> None:
    _future(result, ATTENDANCE_COLUMNS, ["held_on"], today)
    existing = set(Attendance.objects.filter(session__org=org).values_list(
        "session__held_on", "session__kind", "session__title", "cadre__name"))
    seen: dict[tuple, int] = {}
    for number, row in result.numbered:
        key = (row["held_on"], row["kind"], row["title"], row["name"])
        if key in existing:
            result.errors.append(RowError(number, "姓名", f"{row['name']}参加这次学法的记录已登记过。"))
        elif key in seen:
            result.errors.append(RowError(number, "姓名", f"与第 {seen[key]} 行重复。"))
        seen.setdefault(key, number)
    result.errors.sort(key=lambda e: e.row)


def check_activities(result: ImportResult, org, today) -> None:
    _future(result, ACTIVITY_COLUMNS, ["held_on"], today)
    existing = set(OutreachActivity.objects.filter(org=org).values_list("held_on", "theme"))
    seen: dict[tuple, int] = {}
    for number, row in result.numbered:
        key = (row["held_on"], row["theme"])
        if key in existing:
            result.errors.append(RowError(number, "主题", "同一天同一主题的普法活动已登记过。"))
        elif key in seen:
            result.errors.append(RowError(number, "主题", f"与第 {seen[key]} 行重复。"))
        seen.setdefault(key, number)
        for key in ("audience", "materials", "consultations"):
            row[key] = row.get(key) or 0
    result.errors.sort(key=lambda e: e.row)


def check_liaisons(result: ImportResult, org, today) -> None:
    """The 村（社区） column must name a village or community of the unit; the row gets its ``org``."""
    _future(result, LIAISON_COLUMNS, ["trained_on"], today)
    places = {o.name: o for o in Org.objects.filter(path__startswith=org.path,
                                                    kind__in=[Org.Kind.VILLAGE, Org.Kind.COMMUNITY])}
    existing = set(LegalLiaison.objects.filter(org__path__startswith=org.path, status=LegalLiaison.Status.ACTIVE)
                   .values_list("org__name", "kind", "name"))
    seen: dict[tuple, int] = {}
    for number, row in result.numbered:
        village = places.get(row.pop("village"))
        if village is None:
            names = "、".join(places) or "（本单位下没有村、社区）"
            result.errors.append(RowError(number, "村（社区）", f"不是本单位的村（社区）。可填：{names}。"))
            continue
        row["org"] = village
        key = (village.name, row["kind"], row["name"])
        if key in existing:
            result.errors.append(RowError(number, "姓名", f"{village.name}已有在册的{row['name']}。"))
        elif key in seen:
            result.errors.append(RowError(number, "姓名", f"与第 {seen[key]} 行重复。"))
        seen.setdefault(key, number)
        for key in ("gender", "phone", "identity", "certificate_no"):
            row[key] = row.get(key) or ""
    result.errors.sort(key=lambda e: e.row)


_SPACES = re.compile(r"\s+")
_SUFFIX = re.compile(r"[（(][^（）()]*[）)]$")


def _plain_name(name: str) -> str:
    """A name as a ledger may write it, compared without spaces ("王  伟" is 王伟)."""
    return _SPACES.sub("", name)


class _Roster:
    """The unit's 学法人员 by name. Same-name people are kept as “张伟（综治办）”: a row's bare “张伟” names the
    one such person, or, when there are several, the one whose 职务 the row gives; otherwise it is ambiguous."""

    def __init__(self, org):
        self.exact: dict[str, Cadre] = {}
        self.bare: dict[str, list[Cadre]] = {}
        for cadre in Cadre.objects.filter(org=org):
            name = _plain_name(cadre.name)
            self.exact[name] = cadre
            self.bare.setdefault(_SUFFIX.sub("", name), []).append(cadre)

    def find(self, name: str, position: str | None) -> tuple[Cadre | None, str]:
        """The person, or None and why not."""
        name = _plain_name(name)
        if name in self.exact:
            return self.exact[name], ""
        found = self.bare.get(name, [])
        if len(found) > 1 and position:
            found = [c for c in found if c.position == position] or found
        if len(found) == 1:
            return found[0], ""
        if not found:
            return None, f"“{name}”不在本单位学法人员名册中，请先在“学法人员”中添加。"
        names = "、".join(f"{c.name}（{c.position}）" if c.position else c.name for c in found)
        return None, f"名册中有{len(found)}人名为“{name}”：{names}。请填写名册中的完整姓名，或填写职务加以区分。"


def check_exam_results(result: ImportResult, org, today) -> None:
    """Each row one person's score in one exam (rows of the same date, 类别 and 名称 are one exam): the person must
    be on the unit's roster without ambiguity, the score within the full mark, 是否合格 (when given) as the pass
    mark says. An exam the unit scheduled and has not graded takes the rows; one already graded refuses them; the
    rows of a new exam must agree on its 满分, 合格分 and 组织单位. Each row gets its ``cadre``."""
    checks = RowChecks(result, EXAM_COLUMNS, today)
    roster = _Roster(org)
    exams = {(e.held_on, e.kind, e.title): e for e in LawExam.objects.filter(org=org)}
    settings: dict[tuple, dict] = {}  # exam -> the values its rows gave first, with their row
    seen: dict[tuple, int] = {}
    graded: dict[tuple, list[int]] = {}  # rows of exams already graded: named once, on the exam's first row
    for number, row in checks.rows():
        checks.not_future(number, row, ["held_on"])
        key = (row["held_on"], row["kind"], row["title"])
        exam = exams.get(key)
        if exam is not None and exam.status == LawExam.Status.GRADED:
            graded.setdefault(key, []).append(number)
            continue
        given = settings.setdefault(key, {})
        for field in ("organiser", "full_score", "pass_score"):
            value = row.get(field)
            if value is None:
                continue
            first = given.setdefault(field, (value, number))
            if exam is not None and field != "organiser" and value != getattr(exam, field):
                checks.error(number, field, f"与本单位已安排的这次考试不一致（{checks.header[field]}"
                                            f"{getattr(exam, field)}分）。")
            elif first[0] != value:
                checks.error(number, field, f"与第 {first[1]} 行同一考试的{checks.header[field]}不一致。")
        full = exam.full_score if exam else row.get("full_score") or 100
        pass_mark = exam.pass_score if exam else row["pass_score"] if row.get("pass_score") is not None else 60
        if exam is None and row.get("full_score") == 0:
            checks.error(number, "full_score", "满分应大于 0。")
        if pass_mark > full:
            checks.error(number, "pass_score", f"合格分不能高于满分（{full}分）。")
        row["full_score"], row["pass_score"] = full, pass_mark
        cadre, problem = roster.find(row["name"], row.get("position"))
        if cadre is None:
            checks.error(number, "name", problem)
        else:
            row["cadre"] = cadre
            pair = (key, cadre.pk)
            if pair in seen:
                checks.error(number, "name", f"与第 {seen[pair]} 行重复：同一考试中{cadre.name}的成绩只能有一条。")
            seen.setdefault(pair, number)
        score, passed = row["score"], row.get("passed")
        row["absent"] = score == ABSENT
        if row["absent"]:
            row["score"] = None
            if passed:
                checks.error(number, "passed", "缺考不能记为合格。")
        elif score > full:
            checks.error(number, "score", f"成绩应在0至{full}分之间。")
        elif passed is not None and passed != (score >= pass_mark):
            should = "合格" if score >= pass_mark else "不合格"
            checks.error(number, "passed", f"成绩{_points(score)}分、合格分{pass_mark}分，应为“{should}”。")
    for (held_on, _kind, title), numbers in graded.items():
        rows = f"（本表第 {numbers[0]} 至 {numbers[-1]} 行共 {len(numbers)} 行）" if len(numbers) > 1 else ""
        checks.error(numbers[0], "title", f"本单位已登记过{fmt(held_on)}“{title}”的成绩{rows}，不能重复导入。")
    checks.done()


# ---------------------------------------------------------------- 谁执法谁普法 责任清单, 专题会议和述法, 菜单式普法

ACTIVE_LABELS = {"有效": True, "已停用": False}

DUTY_COLUMNS = [
    Column("year", "年度", True, parse_year, help="如 2025", width=8),
    Column("department", "责任部门", True, parse_text(60), width=18),
    Column("laws", "重点普及的法律法规", True, parse_text(300), width=36),
    Column("audience", "普法对象", True, parse_text(120), width=20),
    Column("measures", "普法措施", True, parse_text(5000), width=40),
    Column("responsible", "责任人", False, parse_text(40), width=10),
    Column("active", "状态", False, choices=ACTIVE_LABELS, help="可不填：有效", width=8),
]

MEETING_COLUMNS = [
    Column("held_on", "日期", True, parse_date, help="如 2025-03-01", width=14),
    Column("kind", "类别", True, choices=_labels(LeadershipMeeting.Kind.choices), width=34),
    Column("chaired_by", "主持人（述法人）", True, parse_text(40), width=14),
    Column("principal_chaired", "由党政主要负责人主持（述法）", False, choices=YES_NO, help="是 或 否，不填为“是”",
           width=14),
    Column("topics", "议题", True, parse_text(5000), width=40),
    Column("decisions", "研究确定的事项", False, parse_text(5000), width=40),
]

REQUEST_COLUMNS = [
    Column("code", "查询码", width=12),
    Column("submitted_on", "提交日期", width=14),
    Column("topic", "普法主题", width=24),
    Column("requester_kind", "申请人类型", choices=_labels(OutreachRequest.RequesterKind.choices), width=10),
    Column("organisation", "单位（村、社区）名称", width=20),
    Column("requester", "联系人", width=10),
    Column("phone", "联系电话", help="已脱敏", width=14),
    Column("preferred_form", "希望的方式", width=14),
    Column("preferred_on", "希望的日期", width=14),
    Column("place", "地点", help="个人申请的地点已脱敏", width=20),
    Column("expected_audience", "预计参加人数", width=10),
    Column("status", "状态", choices=_labels(OutreachRequest.Status.choices), width=14),
    Column("accepted_on", "受理日期", width=14),
    Column("assignee", "承办人（部门）", width=16),
    Column("scheduled_on", "安排日期", width=14),
    Column("delivered_on", "送达日期", width=14),
    Column("declined_reason", "不予安排的原因", width=24),
    Column("rating", "评价", choices=_labels(OutreachRequest.Rating.choices), width=10),
    Column("org", "受理单位", width=16),
]


def duty_row(item: DutyItem) -> dict:
    row = {c.key: getattr(item, c.key) for c in DUTY_COLUMNS}
    return {k: (None if v == "" else v) for k, v in row.items()}


def meeting_row(m: LeadershipMeeting) -> dict:
    row = {c.key: getattr(m, c.key) for c in MEETING_COLUMNS}
    return {k: (None if v == "" else v) for k, v in row.items()}


def request_row(r: OutreachRequest) -> dict:
    """A 菜单式普法 request for the export: the phone masked as on the list, and a resident's own place (likely a
    home address) masked too; a 村、学校 or 企业's place is where the unit is and stays readable."""
    person = r.requester_kind == OutreachRequest.RequesterKind.PERSON
    row = {"code": r.code, "submitted_on": timezone.localdate(r.submitted_at), "topic": r.topic.title,
           "requester_kind": r.requester_kind, "organisation": r.organisation, "requester": r.requester,
           "phone": mask_phone(r.phone), "preferred_form": r.preferred_form, "preferred_on": r.preferred_on,
           "place": mask_address(r.place) if person and r.place else r.place,
           "expected_audience": r.expected_audience, "status": r.status, "accepted_on": r.accepted_on,
           "assignee": r.assignee, "scheduled_on": r.scheduled_on, "delivered_on": r.delivered_on,
           "declined_reason": r.declined_reason, "rating": r.rating or None, "org": r.org.name}
    return {k: (None if v == "" else v) for k, v in row.items()}


def check_duties(result: ImportResult, org, today) -> None:
    """One item per 年度, 责任部门 and 法律法规 (in the file and against the unit's list); 状态 blank is 有效."""
    checks = RowChecks(result, DUTY_COLUMNS, today)
    existing = set(DutyItem.objects.filter(org=org).values_list("year", "department", "laws"))
    seen: dict[tuple, int] = {}
    for number, row in checks.rows():
        if not today.year - 10 <= row["year"] <= today.year + 1:
            checks.error(number, "year", f"年度应在{today.year - 10}年至{today.year + 1}年之间。")
        checks.unique(number, "laws", (row["year"], row["department"], row["laws"]), existing=existing, seen=seen,
                      what="同一年度、同一责任部门的这部法律法规")
        row["active"] = True if row.get("active") is None else row["active"]
        row["responsible"] = row.get("responsible") or ""
    checks.done()


def check_meetings(result: ImportResult, org, today) -> None:
    """Dates not after today; one record per 日期, 类别 and 议题 (in the file and against the unit's records);
    由党政主要负责人主持 blank is 是."""
    checks = RowChecks(result, MEETING_COLUMNS, today)
    existing = set(LeadershipMeeting.objects.filter(org=org).values_list("held_on", "kind", "topics"))
    seen: dict[tuple, int] = {}
    for number, row in checks.rows():
        checks.not_future(number, row, ["held_on"])
        checks.unique(number, "topics", (row["held_on"], row["kind"], row["topics"]), existing=existing, seen=seen,
                      what="同一日期、同一类别的这一议题")
        row["principal_chaired"] = True if row.get("principal_chaired") is None else row["principal_chaired"]
        row["decisions"] = row.get("decisions") or ""
    checks.done()
