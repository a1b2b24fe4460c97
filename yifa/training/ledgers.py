"""The Excel 台账 of 学法 attendance, 普法 activities and the 法律明白人 roster (yifa.core.excel).

Import and export share the columns, so an exported sheet imports again as the same records.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from yifa.core.excel import Column, ImportResult, RowError, parse_date, parse_int, parse_text
from yifa.core.identity import validate_phone
from yifa.core.models import Org

from .models import Attendance, Cadre, LegalLiaison, OutreachActivity, StudySession


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
