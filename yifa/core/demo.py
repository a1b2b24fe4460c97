"""Demo data: a city with two districts, four 乡镇/街道, their 村/社区, and a user for every role.

Loaded by ``manage.py seed_demo`` (``make run`` does it the first time). Modules
add their own demo records through an AppConfig ``seed_demo(context)`` hook.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db import transaction

from . import actions
from .models import Org, Role, User

DEMO_PASSWORD = "Yifa@2026"

K = Org.Kind
# (key, name, short name, kind, GB/T 2260 code, parent key)
ORGS = [
    ("city", "湖州市", "湖州", K.CITY, "330500", None),
    ("city_justice", "湖州市司法局", "湖司", K.DEPARTMENT, "", "city"),
    ("wuxing", "吴兴区", "吴兴", K.COUNTY, "330502", "city"),
    ("wuxing_justice", "吴兴区司法局", "吴司", K.DEPARTMENT, "", "wuxing"),
    ("huanzhu", "环渚街道", "环渚", K.SUBDISTRICT, "", "wuxing"),
    ("huanzhu_sfs", "环渚司法所", "环渚司", K.DEPARTMENT, "", "huanzhu"),
    ("huanzhu_zf", "环渚街道综合行政执法队", "环渚执", K.DEPARTMENT, "", "huanzhu"),
    ("longxi", "龙溪社区", "龙溪", K.COMMUNITY, "", "huanzhu"),
    ("huandong", "环东社区", "环东", K.COMMUNITY, "", "huanzhu"),
    ("yigao", "义皋村", "义皋", K.VILLAGE, "", "huanzhu"),
    ("zhili", "织里镇", "织里", K.TOWNSHIP, "", "wuxing"),
    ("xiaohe", "晓河村", "晓河", K.VILLAGE, "", "zhili"),
    ("dongjiao", "东郊社区", "东郊", K.COMMUNITY, "", "zhili"),
    ("nanxun", "南浔区", "南浔", K.COUNTY, "330503", "city"),
    ("nanxun_justice", "南浔区司法局", "浔司", K.DEPARTMENT, "", "nanxun"),
    ("nanxun_town", "南浔镇", "南浔镇", K.TOWNSHIP, "", "nanxun"),
    ("xitang", "息塘村", "息塘", K.VILLAGE, "", "nanxun_town"),
    ("shiyuan", "适园社区", "适园", K.COMMUNITY, "", "nanxun_town"),
    ("lianshi", "练市镇", "练市", K.TOWNSHIP, "", "nanxun"),
    ("chaoyang", "朝阳社区", "朝阳", K.COMMUNITY, "", "lianshi"),
]

R = Role
# (username, full name, [(org key, role, title)])
USERS = [
    ("admin", "系统管理员", [("city", R.ADMIN, "市司法局信息科")]),
    ("shi.ducha", "周建国", [("city", R.OVERSEER, "市司法局法治督察处")]),
    ("wuxing.ducha", "沈丽华", [("wuxing", R.OVERSEER, "吴兴区司法局")]),
    ("nanxun.ducha", "钱志明", [("nanxun", R.OVERSEER, "南浔区司法局")]),
    ("huanzhu.fuze", "陈卫东", [("huanzhu", R.HEAD, "街道办事处主任")]),
    ("huanzhu.jingban", "李晓燕", [("huanzhu", R.HANDLER, "党政办")]),
    ("huanzhu.tiaojie", "王秀英", [("huanzhu", R.MEDIATOR, "街道人民调解委员会")]),
    ("huanzhu.shenhe", "赵明", [("huanzhu", R.REVIEWER, "司法所所长")]),
    ("huanzhu.zhifa", "孙强", [("huanzhu", R.HANDLER, "综合行政执法队")]),
    ("longxi.tiaojie", "吴桂芳", [("longxi", R.MEDIATOR, "社区人民调解委员会")]),
    ("zhili.fuze", "徐海涛", [("zhili", R.HEAD, "镇长")]),
    ("zhili.jingban", "朱莉", [("zhili", R.HANDLER, "司法所")]),
    ("nanxun.jingban", "胡斌", [("nanxun_town", R.HANDLER, "司法所")]),
    ("lianshi.jingban", "郭静", [("lianshi", R.HANDLER, "党政办")]),
    ("zhang.liangdi", "张磊", [("huanzhu", R.HANDLER, "信访办"), ("zhili", R.HANDLER, "挂职")]),
]


@dataclass
class DemoContext:
    orgs: dict[str, Org]
    users: dict[str, User]


@transaction.atomic
def seed() -> tuple[bool, DemoContext]:
    """Create the demo tree and accounts unless they exist. Returns (created, context)."""
    created = not Org.objects.filter(division_code="330500").exists()
    orgs: dict[str, Org] = {}
    for key, name, short, kind, code, parent_key in ORGS:
        parent = orgs.get(parent_key)
        org = Org.objects.filter(name=name, parent=parent).first()
        if org is None:
            org = actions.create_org(by=None, name=name, short_name=short, kind=kind, parent=parent,
                                     division_code=code)
        orgs[key] = org
    users: dict[str, User] = {}
    for username, full_name, roles in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            first_org, first_role, first_title = roles[0]
            user = actions.create_user(by=None, username=username, full_name=full_name, password=DEMO_PASSWORD,
                                       org=orgs[first_org], role=first_role, title=first_title)
            # Demo accounts skip the forced first change so the walkthrough starts at once.
            User.objects.filter(pk=user.pk).update(must_change_password=False)
            for org_key, role, title in roles[1:]:
                actions.add_membership(user, by=None, org=orgs[org_key], role=role, title=title)
        users[username] = user
    context = DemoContext(orgs=orgs, users=users)
    if created:
        for config in apps.get_app_configs():
            hook = getattr(config, "seed_demo", None)
            if hook:
                hook(context)
    return created, context


def account_lines() -> list[str]:
    lines = []
    for username, full_name, roles in USERS:
        where = "；".join(f"{dict((k, n) for k, n, *_ in ORGS)[key]} {Role(role).label}" for key, role, _ in roles)
        lines.append(f"  {username:<16} {full_name:<4}  {where}")
    return lines
