"""调委会名册 and 调解员名册 as Excel sheets: template, all-or-nothing import, export of the roster.

Import columns are what a unit types; the export adds computed ones (本届任期届满, 人数), which an import ignores,
so an exported sheet imports again as the same committees and people. A committee row names its 所属单位 (blank:
the acting unit) among the units within the acting unit; a mediator row names its 调委会 by name among the
committees within the acting unit (a name two units share is refused as ambiguous). 联系电话 are exported in full
to those who maintain the roster (as the roster page shows them), masked for everyone else. The saves are this
module's import actions (人民调解法 第八、九、十三条), run inside ``core.imports``' one transaction.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from yifa.core import audit, imports
from yifa.core.excel import Column, ImportResult, parse_date, parse_text
from yifa.core.identity import mask_phone, validate_phone
from yifa.core.ledgerchecks import YES_NO, RowChecks, labels, orgs_by_name
from yifa.core.models import Org

from .models import Committee, DisputeType, Mediator

SEPARATORS = "、，,；;/ "


def _phone(value) -> str:
    return validate_phone(str(value))


def parse_specialities(value) -> list[str]:
    """擅长纠纷类型: labels separated by 、 (婚姻家庭纠纷、邻里纠纷) → the type codes."""
    text = str(value)
    for sep in SEPARATORS[1:]:
        text = text.replace(sep, "、")
    by_label = labels(DisputeType.choices)
    codes, unknown = [], []
    for part in (p.strip() for p in text.split("、")):
        if not part:
            continue
        if part in by_label:
            codes.append(by_label[part])
        else:
            unknown.append(part)
    if unknown:
        raise ValidationError(f"无法识别的纠纷类型：{'、'.join(unknown)}（应为系统中的纠纷类型名称，用“、”分隔）。")
    return list(dict.fromkeys(codes))


COMMITTEE_COLUMNS = [
    Column("name", "调委会名称", True, parse_text(100), width=28),
    Column("org_name", "所属单位", False, parse_text(100), help="不填即本单位；可填下辖村（社区）名称", width=18),
    Column("term_start", "本届任期起始", True, parse_date, help="如 2024-01-01", width=14),
    Column("phone", "联系电话", False, _phone, width=16),
    Column("address", "办公地点", False, parse_text(200), width=28),
    Column("is_active", "在用", False, choices=YES_NO, help="不填视为“是”", width=8),
]
COMMITTEE_EXPORT_COLUMNS = COMMITTEE_COLUMNS + [
    Column("term_end", "本届任期届满", width=14),
    Column("members", "委员人数", width=10),
    Column("mediators", "调解员人数", width=10),
]

MEDIATOR_COLUMNS = [
    Column("committee_name", "调委会", True, parse_text(100), help="本单位或下辖单位已登记的调委会名称", width=28),
    Column("name", "姓名", True, parse_text(50), width=12),
    Column("gender", "性别", True, choices=labels(Mediator.Gender.choices), width=8),
    Column("position", "职务", True, choices=labels(Mediator.Position.choices), width=14),
    Column("grade", "等级", False, choices={k: v for k, v in labels(Mediator.Grade.choices).items() if v},
           help="未评定的留空", width=16),
    Column("specialities", "擅长纠纷类型", False, parse_specialities, help="用“、”分隔，如 婚姻家庭纠纷、邻里纠纷",
           width=28),
    Column("phone", "联系电话", False, _phone, width=16),
    Column("workplace", "工作单位", False, parse_text(100), help="法律顾问填写所在律师事务所", width=22),
    Column("appointed_on", "聘任/推选日期", False, parse_date, width=14),
    Column("is_active", "在任", False, choices=YES_NO, help="不填视为“是”", width=8),
]
MEDIATOR_EXPORT_COLUMNS = MEDIATOR_COLUMNS + [Column("org_name", "所属单位", width=18)]


def _blank(row: dict) -> dict:
    return {k: (None if v in ("", []) else v) for k, v in row.items()}


def committee_row(c: Committee, *, full: bool) -> dict:
    people = [p for p in c.people.all() if p.is_active]
    return _blank({
        "name": c.name, "org_name": c.org.name, "term_start": c.term_start,
        "phone": c.phone if full else mask_phone(c.phone), "address": c.address,
        "is_active": "是" if c.is_active else "否", "term_end": c.term_end,
        "members": sum(1 for p in people if p.is_member),
        "mediators": sum(1 for p in people if not p.is_legal_adviser),
    })


def mediator_row(p: Mediator, *, full: bool) -> dict:
    types = dict(DisputeType.choices)
    return _blank({
        "committee_name": p.committee.name, "name": p.name, "gender": p.get_gender_display(),
        "position": p.get_position_display(), "grade": p.get_grade_display() if p.grade else None,
        "specialities": "、".join(types.get(code, code) for code in p.specialities or []),
        "phone": p.phone if full else mask_phone(p.phone), "workplace": p.workplace,
        "appointed_on": p.appointed_on, "is_active": "是" if p.is_active else "否",
        "org_name": p.committee.org.name,
    })


def units_within(org) -> list[Org]:
    return list(Org.objects.filter(path__startswith=org.path, is_active=True).exclude(kind=Org.Kind.DEPARTMENT))


def _unit_of(row: dict, org, by_name: dict):
    """The unit a committee row names (blank: ``org``); None when no single unit within ``org`` has that name."""
    name = row.get("org_name")
    if not name:
        return org
    found = by_name.get(name, [])
    return found[0] if len(found) == 1 else None


def check_committees(result: ImportResult, org, today) -> None:
    checks = RowChecks(result, COMMITTEE_COLUMNS, today)
    by_name = orgs_by_name(units_within(org))
    existing = set(Committee.objects.filter(org__path__startswith=org.path).values_list("org_id", "name"))
    seen: dict = {}
    for number, row in checks.rows():
        checks.not_future(number, row, ("term_start",))
        unit = _unit_of(row, org, by_name)
        if unit is None:
            many = len(by_name.get(row["org_name"], [])) > 1
            checks.error(number, "org_name", f"“{row['org_name']}”" + (
                "有重名单位，请填写全称。" if many else f"不是{org.name}或其下辖的单位。"))
            continue
        checks.unique(number, "name", (unit.pk, row["name"]), existing=existing, seen=seen,
                      what=f"{unit.name}的“{row['name']}”")
    checks.done()


def _committees_by_name(org) -> dict[str, list[Committee]]:
    found: dict[str, list[Committee]] = {}
    for c in Committee.objects.filter(org__path__startswith=org.path).select_related("org"):
        found.setdefault(c.name, []).append(c)
    return found


def check_mediators(result: ImportResult, org, today) -> None:
    checks = RowChecks(result, MEDIATOR_COLUMNS, today)
    committees = _committees_by_name(org)
    existing = set(Mediator.objects.filter(committee__org__path__startswith=org.path, is_active=True)
                   .values_list("committee_id", "name", "position"))
    seen: dict = {}
    for number, row in checks.rows():
        checks.not_future(number, row, ("appointed_on",))
        found = committees.get(row["committee_name"], [])
        if len(found) != 1:
            checks.error(number, "committee_name", f"“{row['committee_name']}”" + (
                "有重名的调委会，请先在系统中区分名称。" if found
                else f"不是{org.name}或其下辖单位已登记的调委会，请先登记或导入调委会名册。"))
            continue
        if row.get("is_active") is False:
            continue
        position = Mediator.Position(row["position"]).label
        checks.unique(number, "name", (found[0].pk, row["name"], row["position"]), existing=existing, seen=seen,
                      what=f"{row['committee_name']}在任{position}{row['name']}")
    checks.done()


def save_committees(rows: list[dict], *, by, org):
    """导入调委会名册 (人民调解法 第八条): committees in bulk with a ``mediation.import_row`` audit entry each and
    one entry for the import. A generator for ``core.imports``: yields rows saved, returns the committees."""
    by_name = orgs_by_name(units_within(org))
    objects = imports.build(Committee, (
        {"org": _unit_of(row, org, by_name), "name": row["name"], "term_start": row["term_start"],
         "phone": row.get("phone") or "", "address": row.get("address") or "",
         "is_active": row.get("is_active") is not False} for row in rows))
    yield from imports.save_records(Committee, objects, by=by, org=org, action="mediation.import_row",
                                    changes=lambda c: {"name": [None, c.name], "org": [None, c.org.name]})
    audit.record("mediation.import_committees", org, by=by, org=org, note=f"从台账导入调委会{len(objects)}个",
                 changes={"ids": [c.pk for c in objects]})
    yield len(objects)
    return objects


def save_mediators(rows: list[dict], *, by, org):
    """导入调解员名册 (人民调解法 第九、十三条): people joined to their committee by name, in bulk, each with a
    ``mediation.import_row`` audit entry, and one entry for the import. No platform account is linked (that
    stays a step on the person's page). A generator for ``core.imports``."""
    committees = _committees_by_name(org)
    objects = imports.build(Mediator, (
        {"committee": committees[row["committee_name"]][0], "name": row["name"], "gender": row["gender"],
         "position": row["position"], "grade": row.get("grade") or "", "specialities": row.get("specialities") or [],
         "phone": row.get("phone") or "", "workplace": row.get("workplace") or "",
         "appointed_on": row.get("appointed_on"), "is_active": row.get("is_active") is not False} for row in rows))
    yield from imports.save_records(Mediator, objects, by=by, org=org, action="mediation.import_row",
                                    changes=lambda p: {"name": [None, p.name],
                                                       "position": [None, p.get_position_display()],
                                                       "committee": [None, p.committee.name]})
    audit.record("mediation.import_mediators", org, by=by, org=org, note=f"从台账导入调解员名册{len(objects)}人",
                 changes={"ids": [p.pk for p in objects]})
    yield len(objects)
    return objects


@transaction.atomic
def import_committees(rows, *, by, org):
    return imports.drain(save_committees(rows, by=by, org=org))


@transaction.atomic
def import_mediators(rows, *, by, org):
    return imports.drain(save_mediators(rows, by=by, org=org))
