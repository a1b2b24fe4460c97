"""Test helpers shared by every module's tests: a small org tree and personas.

    city ─┬─ district ─┬─ township ── village
          │            └─ sibling (another township of the same district)
          └─ other_district ── other_township
"""

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from .models import Membership, Org, Role, User

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

PASSWORD = "Test#Pass2026"


def make_org(name: str, kind: str, parent: Org | None = None, **fields) -> Org:
    return Org.objects.create(name=name, kind=kind, parent=parent, **fields)


def make_user(username: str, org: Org | None = None, role: str = Role.HANDLER, **fields) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, full_name=fields.pop("full_name", username),
                                    **fields)
    if org is not None:
        Membership.objects.create(user=user, org=org, role=role)
    return user


@dataclass
class Tree:
    city: Org
    district: Org
    township: Org
    village: Org
    sibling: Org
    other_district: Org
    other_township: Org
    admin: User                 # 管理员 at the city
    district_overseer: User     # 督察 at the district: sees both townships below
    township_handler: User      # 经办人 in the township
    township_head: User         # 负责人 in the township
    reviewer: User              # 审核人 in the township
    sibling_handler: User       # 经办人 in the sibling township
    other_handler: User         # 经办人 in the other district's township


def build_tree() -> Tree:
    K = Org.Kind
    city = make_org("测试市", K.CITY, division_code="330500", short_name="测市")
    district = make_org("甲区", K.COUNTY, city, division_code="330502", short_name="甲区")
    township = make_org("东街道", K.SUBDISTRICT, district, short_name="东街")
    village = make_org("东一社区", K.COMMUNITY, township)
    sibling = make_org("西镇", K.TOWNSHIP, district, short_name="西镇")
    other_district = make_org("乙区", K.COUNTY, city, division_code="330503", short_name="乙区")
    other_township = make_org("南镇", K.TOWNSHIP, other_district, short_name="南镇")
    return Tree(
        city=city, district=district, township=township, village=village, sibling=sibling,
        other_district=other_district, other_township=other_township,
        admin=make_user("admin", city, Role.ADMIN),
        district_overseer=make_user("overseer", district, Role.OVERSEER),
        township_handler=make_user("handler", township, Role.HANDLER),
        township_head=make_user("head", township, Role.HEAD),
        reviewer=make_user("reviewer", township, Role.REVIEWER),
        sibling_handler=make_user("sibling", sibling, Role.HANDLER),
        other_handler=make_user("other", other_township, Role.HANDLER),
    )


def ledger_file(headers: Sequence[str], rows, name: str = "台账.xlsx") -> SimpleUploadedFile:
    """An .xlsx as a unit fills a ledger in Excel (written by openpyxl, not by our own writer): ``headers`` in the
    first row, then each row, a mapping by header (missing cells empty) or the cells in order."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(list(headers))
    for row in rows:
        ws.append([row.get(h) for h in headers] if isinstance(row, Mapping) else list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)
