"""The unit tree (市 → 10 区县 → 200 乡镇/街道 → 村/社区, with 内设机构) and the staff who work in it."""

from django.contrib.auth.hashers import make_password

from yifa.core.models import Membership, Org, Role, User

from .. import names
from ..context import Context, Unit

APP = "yifa.core"
PASSWORD = "Yifa@2026"  # the demo password; every generated account shares one hash

DISTRICTS = ("东湖", "西山", "南浦", "北塘", "清溪", "龙泉", "凤鸣", "长乐", "安吉", "德清", "临川", "永宁")
TOWN_SUFFIX = {Org.Kind.TOWNSHIP: "镇", Org.Kind.SUBDISTRICT: "街道"}


def generate(ctx: Context):
    rng = ctx.rng("core")
    w = ctx.writer
    password = make_password(PASSWORD, salt=f"yifaloadgen{ctx.seed}")  # reproducible: a fixed salt
    at = ctx.at(ctx.first)
    used_names: set[str] = set()

    def org(name, short, kind, parent: Unit | None, code="", weight=1.0) -> Unit:
        pk = w.reserve(Org)
        path = f"{parent.path if parent else '/'}{pk}/"
        w.add(Org, id=pk, name=name, short_name=short, kind=kind, division_code=code,
              parent_id=parent.id if parent else None, path=path, depth=path.count("/") - 2, is_active=True,
              sort_order=pk)
        return Unit(pk, name, short or name, kind, path, weight, parent)

    def user(unit: Unit, username: str, role: str, title: str, superuser=False) -> int:
        full = names.person(rng)
        pk = w.add(User, username=username, password=password, full_name=full, is_superuser=superuser,
                   is_staff=superuser, is_active=True, date_joined=at, phone=names.phone(rng),
                   must_change_password=False, first_name="", last_name="", email="")
        w.add(Membership, user_id=pk, org_id=unit.id, role=role, title=title, _at=at)
        unit.users.setdefault(role, []).append(pk)
        return pk

    ctx.city = city = org("江南市", "江南", Org.Kind.CITY, None, "339900")
    org("江南市司法局", "江司", Org.Kind.DEPARTMENT, city)
    ctx.admin_id = user(city, "city.admin", Role.ADMIN, "市司法局信息科")
    user(city, "city.ducha", Role.OVERSEER, "市司法局法治督察处")
    user(city, "city.fuze", Role.HEAD, "市司法局")
    for d in range(ctx.scale.districts):
        base = DISTRICTS[d % len(DISTRICTS)] + ("" if d < len(DISTRICTS) else str(d))
        district = org(f"{base}区", base, Org.Kind.COUNTY, city, f"3399{d + 1:02d}")
        ctx.districts.append(district)
        org(f"{base}区司法局", base + "司", Org.Kind.DEPARTMENT, district)
        user(district, f"d{d + 1}.ducha", Role.OVERSEER, f"{base}区司法局")
        user(district, f"d{d + 1}.jingban", Role.HANDLER, f"{base}区司法局")
        for t in range(ctx.scale.towns_per_district):
            kind = Org.Kind.SUBDISTRICT if rng.random() < 0.45 else Org.Kind.TOWNSHIP
            while True:
                short = names.place(rng)[:2]
                if short not in used_names:
                    used_names.add(short)
                    break
            town = org(short + TOWN_SUFFIX[kind], short, kind, district, weight=ctx.skew(rng))
            ctx.towns.append(town)
            org(f"{short}司法所", short + "司", Org.Kind.DEPARTMENT, town)
            org(f"{short}{TOWN_SUFFIX[kind]}综合行政执法队", short + "执", Org.Kind.DEPARTMENT, town)
            key = f"t{len(ctx.towns)}"
            user(town, f"{key}.fuze", Role.HEAD, "主要负责人")
            user(town, f"{key}.jingban", Role.HANDLER, "党政办")
            user(town, f"{key}.xinfang", Role.HANDLER, "信访办")
            user(town, f"{key}.tiaojie", Role.MEDIATOR, "人民调解委员会")
            user(town, f"{key}.shenhe", Role.REVIEWER, "司法所所长")
            user(town, f"{key}.zhifa", Role.HANDLER, "综合行政执法队")
            village_kind = Org.Kind.COMMUNITY if kind == Org.Kind.SUBDISTRICT else Org.Kind.VILLAGE
            for v in range(rng.randint(*ctx.scale.villages)):
                vname = names.place(rng)
                village = org(vname + ("社区" if village_kind == Org.Kind.COMMUNITY else "村"), vname[:2],
                              village_kind, town, weight=ctx.skew(rng, 0.6))
                town.children.append(village)
                if rng.random() < 0.5:
                    user(village, f"{key}.v{v + 1}.tiaojie", Role.MEDIATOR, "村（社区）人民调解委员会")
    ctx.log(f"  单位 {1 + len(ctx.districts) + len(ctx.towns) + sum(len(t.children) for t in ctx.towns)} 个"
            f"（乡镇/街道 {len(ctx.towns)} 个），用户 {w.counts['core.User']} 个")
