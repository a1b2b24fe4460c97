"""Demo data for 行政执法: a year of powers, officers, inspections and cases in 环渚街道 (and a little in 织里镇).

Everything goes through ``actions`` so the audit trail, numbers and deadlines are real; dates are set
relative to today so the demo always shows cases in every stage, a certificate about to expire and
an overdue case.
"""

import datetime as dt
import random
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from yifa.core import deadlines
from yifa.core.identity import USCC_CHARS, id_number_check_char, uscc_check_char

from . import actions
from .models import AnnualData, EnforcementCase, Inspection, LegalReview, Power, RandomDraw

Case = EnforcementCase
D = Decimal


def uscc(rng: random.Random, prefix: str = "91") -> str:
    """A well-formed 统一社会信用代码 (GB 32100): prefix, division 330502, 9-character body, check character."""
    body = prefix + "330502" + "".join(rng.choice(USCC_CHARS) for _ in range(9))
    return body + uscc_check_char(body)


def id_number(first17: str) -> str:
    return first17 + id_number_check_char(first17)


PENALTY_POWERS = [
    dict(name="对餐饮服务业经营者未安装油烟净化设施或者超过排放标准排放油烟的处罚", domain="生态环境",
         basis_law="中华人民共和国大气污染防治法", basis_article="第一百一十八条第一款",
         basis_text="违反本法规定，排放油烟的餐饮服务业经营者未安装油烟净化设施、不正常使用油烟净化设施或者未采取其他油烟净化措施，"
                    "超过排放标准排放油烟的，由县级以上地方人民政府确定的监督管理部门责令改正，处五千元以上五万元以下的罚款；"
                    "拒不改正的，责令停业整治。",
         time_limit="立案之日起九十日内作出处理决定", code="330217001000",
         levels=[("minor", "首次发现，油烟超标排放时间短，及时改正", D("5000"), D("15000"), ""),
                 ("ordinary", "超标排放，经责令后改正", D("15000"), D("30000"), ""),
                 ("serious", "多次超标排放或者造成周边居民投诉较多", D("30000"), D("50000"), "")]),
    dict(name="对露天焚烧秸秆、落叶等产生烟尘污染的物质的处罚", domain="生态环境",
         basis_law="中华人民共和国大气污染防治法", basis_article="第一百一十九条第一款",
         basis_text="违反本法规定，在人口集中地区对树木、花草喷洒剧毒、高毒农药，或者露天焚烧秸秆、落叶等产生烟尘污染的物质的，"
                    "由县级以上地方人民政府确定的监督管理部门责令改正，并可以处五百元以上二千元以下的罚款。",
         time_limit="立案之日起九十日内作出处理决定", code="330217002000",
         levels=[("minor", "焚烧量少，及时自行熄灭，未造成影响", None, None, "责令改正，不予罚款"),
                 ("ordinary", "焚烧面积较小，经劝阻后停止", D("500"), D("1000"), ""),
                 ("serious", "焚烧面积较大或者经劝阻拒不停止", D("1000"), D("2000"), "")]),
    dict(name="对在城市道路两侧和公共场地擅自堆放物料、摆摊设点的处罚", domain="城市管理",
         basis_law="城市市容和环境卫生管理条例", basis_article="第三十六条第（三）项",
         basis_text="未经城市人民政府市容环境卫生行政主管部门同意，擅自在街道两侧和公共场地堆放物料，搭建建筑物、构筑物或者其他设施，"
                    "影响市容的，……可以并处警告、罚款。",
         time_limit="简易程序当场作出；普通程序立案之日起九十日内", code="330217003000",
         levels=[("minor", "首次违法，占用面积5平方米以下，当场改正", None, None, "警告"),
                 ("ordinary", "占用面积5至20平方米，或经教育后再次违法", D("50"), D("200"), ""),
                 ("serious", "占用面积20平方米以上或者影响交通", D("200"), D("1000"), "")]),
    dict(name="对未在指定地点分类投放生活垃圾的处罚（个人）", domain="城市管理",
         basis_law="中华人民共和国固体废物污染环境防治法", basis_article="第一百一十一条第一款第（一）项、第二款",
         basis_text="违反本法规定，……随意倾倒、抛撒、堆放或者焚烧生活垃圾的，……个人有前款第一项、第七项规定行为之一的，"
                    "处一百元以上五百元以下的罚款。",
         time_limit="简易程序当场作出", code="330217004000",
         levels=[("minor", "首次违法并当场改正", None, None, "警告"),
                 ("ordinary", "经教育后再次违法", D("100"), D("200"), ""),
                 ("serious", "多次违法，拒不改正", D("200"), D("500"), "")]),
    dict(name="对在乡、村庄规划区内未依法取得乡村建设规划许可证进行建设的处罚", domain="自然资源和规划",
         basis_law="中华人民共和国城乡规划法", basis_article="第六十五条",
         basis_text="在乡、村庄规划区内未依法取得乡村建设规划许可证或者未按照乡村建设规划许可证的规定进行建设的，"
                    "由乡、镇人民政府责令停止建设、限期改正；逾期不改正的，可以拆除。",
         time_limit="立案之日起九十日内作出处理决定", code="330217005000", requires_legal_review=True, requires_av=True,
         levels=[("ordinary", "尚可采取改正措施消除对规划实施的影响", None, None, "责令停止建设、限期改正"),
                 ("grave", "逾期不改正", None, None, "拆除")]),
]

OTHER_POWERS = [
    dict(name="对辖区餐饮服务单位油烟排放情况的行政检查", kind=Power.Kind.INSPECTION, domain="生态环境",
         basis_law="中华人民共和国大气污染防治法", basis_article="第二十九条", time_limit="按抽查计划实施",
         code="330217101000"),
    dict(name="对辖区生产经营单位安全生产状况的监督检查", kind=Power.Kind.INSPECTION, domain="安全生产",
         basis_law="中华人民共和国安全生产法", basis_article="第九条第二款", time_limit="按年度检查计划实施",
         code="330217102000"),
    dict(name="对违法建筑的强制拆除", kind=Power.Kind.COERCION, domain="自然资源和规划",
         basis_law="中华人民共和国行政强制法", basis_article="第四十四条", requires_av=True, requires_legal_review=True,
         time_limit="公告限期自行拆除期满、当事人在法定期限内不申请复议或者提起诉讼又不拆除的", code="330217201000"),
    dict(name="乡村建设规划许可证核发", kind=Power.Kind.PERMIT, domain="自然资源和规划",
         basis_law="中华人民共和国城乡规划法", basis_article="第四十一条",
         time_limit="受理之日起二十个工作日内（《行政许可法》第四十二条）", code="330217301000"),
]

OFFICERS = [
    # name, post, user key, cert suffix, issued (years ago), expires (days from today), domains
    ("孙强", "执法中队长", "huanzhu.zhifa", "0015", 4, 700, "城市管理、生态环境、自然资源和规划"),
    ("钱国平", "执法队员", "huanzhu.qian", "0016", 4, 520, "城市管理、生态环境"),
    ("周敏", "执法队员", "huanzhu.zhou", "0021", 5, 26, "城市管理、安全生产"),
    ("冯建华", "执法队员", "huanzhu.feng", "0023", 3, 1100, "生态环境、安全生产"),
    ("陈晓东", "执法队员", "huanzhu.chen", "0027", 2, 1400, "城市管理、自然资源和规划"),
    ("吴海军", "执法队员", None, "0009", 6, -35, "城市管理"),
    ("郑丽", "新进执法队员", None, "", 0, 0, ""),
]

TARGET_NAMES = [
    ("湖州市吴兴区环渚老味道餐馆", "individual_business", "餐饮"), ("湖州吴兴蓝湾餐饮管理有限公司", "company", "餐饮"),
    ("湖州市吴兴区环渚小杨烧烤店", "individual_business", "餐饮"), ("湖州环渚食府餐饮有限公司", "company", "餐饮"),
    ("湖州市吴兴区龙溪面馆", "individual_business", "餐饮"), ("湖州吴兴义皋农家乐有限公司", "company", "餐饮"),
    ("湖州市吴兴区环东快餐店", "individual_business", "餐饮"), ("湖州吴兴太湖渔家菜馆有限公司", "company", "餐饮"),
    ("湖州市吴兴区环渚早点铺", "individual_business", "餐饮"), ("湖州吴兴湖滨茶餐厅有限公司", "company", "餐饮"),
    ("湖州吴兴金工机械配件厂", "company", "机械制造"), ("湖州环渚精密铸造有限公司", "company", "机械制造"),
    ("湖州吴兴恒丰纺织有限公司", "company", "纺织"), ("湖州环渚童装制衣有限公司", "company", "纺织"),
    ("湖州吴兴宏达木业有限公司", "company", "木材加工"), ("湖州环渚家具制造有限公司", "company", "木材加工"),
    ("湖州吴兴绿源农业专业合作社", "cooperative", "农业"), ("湖州义皋湖羊养殖专业合作社", "cooperative", "农业"),
    ("湖州吴兴顺达物流有限公司", "company", "仓储物流"), ("湖州环渚冷链仓储有限公司", "company", "仓储物流"),
    ("湖州吴兴安泰加油站有限公司", "company", "危险化学品经营"), ("湖州环渚五金建材商行", "individual_business", "批发零售"),
    ("湖州吴兴百姓大药房有限公司", "company", "批发零售"), ("湖州环渚汽车修理厂", "company", "机动车维修"),
]
REPS = ["王建国", "李红梅", "张伟", "刘芳", "陈刚", "杨丽", "黄志强", "周小平", "吴建军", "徐静", "孙海燕", "马俊"]


def seed(context) -> None:
    orgs, users = context.orgs, context.users
    huanzhu, zhili = orgs["huanzhu"], orgs["zhili"]
    zhifa, head, reviewer_user = users["huanzhu.zhifa"], users["huanzhu.fuze"], users["huanzhu.shenhe"]
    today = deadlines.today()
    rng = random.Random(20260101)

    powers = {}
    for spec in PENALTY_POWERS:
        spec = dict(spec)
        levels = spec.pop("levels")
        power = actions.create_power(by=head, org=huanzhu, kind=Power.Kind.PENALTY, department="综合行政执法队", **spec)
        for order, (circ, cond, low, high, other) in enumerate(levels, start=1):
            actions.add_level(power, by=head, circumstance=circ, condition=cond, fine_min=low, fine_max=high,
                              other_penalty=other, order=order)
        actions.publish_power(power, by=head)
        powers[spec["code"]] = power
    for spec in OTHER_POWERS:
        power = actions.create_power(by=head, org=huanzhu, department="综合行政执法队", **spec)
        if power.kind in (Power.Kind.COERCION, Power.Kind.PERMIT):
            for order, (name, limit, basis) in enumerate([
                ("受理或者启动", "", ""), ("审查或者催告", "", power.basis), ("负责人决定", power.time_limit, ""),
                ("送达或者实施", "", ""), ("归档", "", "")], start=1):
                actions.add_step(power, by=head, name=name, time_limit=limit, basis=basis, order=order)
        actions.publish_power(power, by=head)
        powers[spec["code"]] = power
    oil, straw, stall, garbage, building = (powers[c] for c in ("330217001000", "330217002000", "330217003000",
                                                                "330217004000", "330217005000"))
    oil_check, safety_check = powers["330217101000"], powers["330217102000"]

    officers = {}
    for name, post, user_key, suffix, years, expires_in, domains in OFFICERS:
        fields = dict(name=name, post=post, user=_account(users, user_key, name, huanzhu), domains=domains)
        if suffix:
            fields.update(cert_number=f"330502{today.year - years}{suffix}",
                          issuing_body="浙江省人民政府", issued_on=today.replace(year=today.year - years, month=3, day=1),
                          expires_on=today + dt.timedelta(days=expires_in))
        officers[name] = actions.create_officer(by=head, org=huanzhu, **fields)
    reviewer = actions.create_reviewer(by=head, org=huanzhu, user=reviewer_user, name=reviewer_user.display_name,
                                       department="环渚司法所", qualification="legal_profession",
                                       qualification_number="A20133305020147")
    sun, qian, zhou, feng, chen = (officers[n] for n in ("孙强", "钱国平", "周敏", "冯建华", "陈晓东"))

    targets = []
    for i, (name, kind, industry) in enumerate(TARGET_NAMES):
        prefix = {"company": "91", "individual_business": "92", "cooperative": "93"}[kind]
        targets.append(actions.create_target(
            by=zhifa, org=huanzhu, name=name, uscc=uscc(rng, prefix), kind=kind, industry=industry,
            address=f"湖州市吴兴区环渚街道{rng.choice(['龙溪', '环东', '义皋', '杨家埠'])}路{rng.randint(1, 300)}号",
            legal_rep=REPS[i % len(REPS)], phone=f"1{rng.choice('3589')}{rng.randint(100000000, 999999999)}"))

    _draws(huanzhu, zhifa, head, oil_check, safety_check, oil, today, rng)
    _cases(huanzhu, zhifa, head, reviewer, reviewer_user, (sun, qian, zhou, feng, chen),
           (oil, straw, stall, garbage, building), today)
    _inspections(huanzhu, zhifa, (sun, qian, feng, chen), (oil_check, safety_check), today)
    _power_drafts(huanzhu, head)
    _zhili(zhili, users, today, rng)
    _annual_data(huanzhu, zhili, zhifa, head)


def _inspections(org, zhifa, officers, powers, today) -> None:
    """The 执法检查台账 beyond the 双随机: patrols, complaints checked, a special campaign, one still to do."""
    from .models import InspectionTarget

    sun, qian, feng, chen = officers
    oil_check, safety_check = powers
    I = Inspection.Kind  # noqa: E741
    for kind, name, power, pair, days, result, findings, rectify_in in [
        (I.SPECIAL, "湖州环渚冷链仓储有限公司", safety_check, [sun, feng], 70, Inspection.Result.RECTIFY,
         "冷库安全出口指示标志损坏2处，液氨管道阀门未挂牌标识。", 20),
        (I.ROUTINE, "湖州环渚汽车修理厂", None, [sun, chen], 50, Inspection.Result.RECTIFY,
         "在厂门外人行道上维修车辆，占道约12平方米，现场责令当日清理。", 7),
        (I.SPECIAL, "湖州吴兴安泰加油站有限公司", safety_check, [sun, feng], 35, Inspection.Result.PASSED,
         "卸油区静电接地、消防器材配备符合要求，安全管理台账齐全。", None),
        (I.COMPLAINT, "湖州市吴兴区龙溪面馆", oil_check, [sun, qian], 20, Inspection.Result.PASSED,
         "经核查，油烟净化设施正常运行，清洗记录齐全，投诉反映的油烟直排情况不属实，已向投诉人反馈。", None),
    ]:
        target = InspectionTarget.objects.get(org=org, name=name)
        day = today - dt.timedelta(days=days)
        inspection = actions.create_inspection(by=zhifa, org=org, target=target, kind=kind, officers=pair, power=power,
                                               planned_on=day)
        actions.record_inspection(inspection, by=zhifa, inspected_on=day, result=result, findings=findings,
                                  rectify_due=day + dt.timedelta(days=rectify_in) if rectify_in else None)
    # Reported by a neighbour this week: to be checked in the coming days.
    actions.create_inspection(by=zhifa, org=org, target=InspectionTarget.objects.get(org=org, name="湖州吴兴宏达木业有限公司"),
                              kind=I.COMPLAINT, officers=[sun, chen], planned_on=today + dt.timedelta(days=3))


def _power_drafts(org, head) -> None:
    """权责清单 items not on the portal: one being drafted (no 裁量基准 yet), one taken down for a change of law."""
    actions.create_power(by=head, org=org, kind=Power.Kind.PENALTY, department="综合行政执法队", domain="城市管理",
                         name="对擅自占用城市绿地的处罚", basis_law="浙江省城市绿化管理办法", basis_article="第三十四条",
                         time_limit="立案之日起九十日内作出处理决定", code="330217006000")
    power = actions.create_power(by=head, org=org, kind=Power.Kind.INSPECTION, department="综合行政执法队",
                                 domain="城市管理", name="对户外广告设施设置情况的行政检查",
                                 basis_law="浙江省城市市容和环境卫生管理条例", basis_article="第十五条",
                                 time_limit="按年度检查计划实施", code="330217103000")
    actions.publish_power(power, by=head)
    actions.withdraw_power(power, by=head, reason="设置规划调整，检查标准待按新版户外广告设置规划修订后重新公开。")


def _backdate(draw: RandomDraw, when: dt.date) -> None:
    RandomDraw.objects.filter(pk=draw.pk).update(drawn_at=timezone.make_aware(dt.datetime.combine(when, dt.time(9, 30))))


def _draws(org, zhifa, head, oil_check, safety_check, oil, today, rng) -> None:
    """Three past quarters of 双随机 (results published), one in progress, one planned."""
    plans = [
        (oil_check, "餐饮", "餐饮服务单位油烟排放专项抽查", 300, 280, 4),
        (safety_check, "", "生产经营单位安全生产“双随机”抽查", 200, 185, 5),
        (oil_check, "餐饮", "餐饮服务单位油烟排放“回头看”抽查", 110, 95, 3),
        (safety_check, "", "第四季度安全生产“双随机”抽查", 20, -10, 4),
    ]
    for n, (power, industry, title, start_ago, end_ago, count) in enumerate(plans):
        start, end = today - dt.timedelta(days=start_ago), today - dt.timedelta(days=end_ago)
        draw = actions.create_draw(by=head, org=org, title=title, power=power, industry=industry, target_count=count,
                                   planned_start=start, planned_end=end,
                                   scope_note="辖区在册餐饮服务单位" if industry else "辖区在册生产经营单位")
        actions.run_draw(draw, by=zhifa, seed=f"{start:%Y%m%d}-{rng.randint(100000, 999999)}")
        _backdate(draw, start - dt.timedelta(days=3))
        inspections = list(draw.inspections.select_related("target"))
        for i, inspection in enumerate(inspections):
            day = min(start + dt.timedelta(days=2 + 3 * i), today)
            if n == 3 and i >= 2:
                break  # the current quarter: half done
            acting = _acting(inspection, zhifa)
            if acting is None:
                continue
            if n == 0 and i == 1 and power == oil_check:
                actions.record_inspection(inspection, by=acting, inspected_on=day, result=Inspection.Result.CASE,
                                          findings="油烟净化设施未开启，现场油烟明显超标排放。", case_power=oil,
                                          case_cause=f"{inspection.target.name}超标排放油烟案")
            elif i % 3 == 2:
                actions.record_inspection(inspection, by=acting, inspected_on=day, result=Inspection.Result.RECTIFY,
                                          findings="消防通道堆放杂物，灭火器过期。" if power == safety_check
                                          else "油烟净化设施未定期清洗。", rectify_due=day + dt.timedelta(days=15))
            else:
                actions.record_inspection(inspection, by=acting, inspected_on=day, result=Inspection.Result.PASSED,
                                          findings="现场检查未发现违法行为。")
        draw.refresh_from_db()
        if n < 3 and draw.all_recorded:
            last = max(i.inspected_on for i in draw.inspections.all())
            actions.publish_results(draw, by=zhifa, on=min(last + dt.timedelta(days=10), today))
    actions.create_draw(by=head, org=org, title="下季度餐饮服务单位油烟排放抽查", power=oil_check, industry="餐饮",
                        target_count=4, planned_start=today + dt.timedelta(days=20),
                        planned_end=today + dt.timedelta(days=50), scope_note="辖区在册餐饮服务单位")


def _acting(inspection, zhifa):
    """The drawn officer who records the result: 孙强 when drawn, else the first drawn officer with an account."""
    officers = list(inspection.officers.select_related("user"))
    if any(o.user_id == zhifa.pk for o in officers):
        return zhifa
    return next((o.user for o in officers if o.user_id), None)


def _account(users, username, full_name, org):
    """The officer's platform account: the core demo's, or one made here (经办人 of the 街道)."""
    from yifa.core import actions as core_actions
    from yifa.core.demo import DEMO_PASSWORD
    from yifa.core.models import Role, User

    if not username:
        return None
    if username in users:
        return users[username]
    user = User.objects.filter(username=username).first()
    if user is None:
        user = core_actions.create_user(by=None, username=username, full_name=full_name, password=DEMO_PASSWORD,
                                        org=org, role=Role.HANDLER, title="综合行政执法队")
        User.objects.filter(pk=user.pk).update(must_change_password=False)
    return user


def _file(by, org, power, officers, days_ago, today, **party) -> Case:
    return actions.file_case(by=by, org=org, power=power, officers=officers, filed_on=today - dt.timedelta(days=days_ago),
                             source=party.pop("source", Case.Source.PATROL), filing_approved_by="陈卫东", **party)


def _record(case, by, officers, when: dt.date, kind="site", title="现场检查笔录", **extra):
    at = timezone.make_aware(dt.datetime.combine(when, dt.time(10, 0)))
    upload = extra.pop("upload", None)
    defaults = {"content": "执法人员出示执法证件，表明身份，当事人在场。经现场检查……", "place": "现场"}
    if kind == "inquiry":
        defaults.update(interviewee=extra.pop("interviewee", "当事人"))
    if kind == "evidence":
        defaults.update(evidence_kind=extra.pop("evidence_kind", "audiovisual"))
    defaults.update(extra)
    return actions.add_record(case, by=by, kind=kind, stage="investigation", title=title, occurred_at=at,
                              officers=officers if kind in ("site", "inquiry", "measure") else [], upload=upload,
                              **defaults)


def _photo(name: str) -> SimpleUploadedFile:
    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
           b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")
    return SimpleUploadedFile(name, png + name.encode())


def _video(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"\x00\x00\x00\x18ftypmp42" + name.encode() + b"\x00" * 64)


def _cases(org, zhifa, head, reviewer, reviewer_user, officers, powers, today) -> None:
    sun, qian, zhou, feng, chen = officers
    oil, straw, stall, garbage, building = powers
    pair = [sun, qian]

    # 1. The case the 双随机 inspection opened: carry it to 结案 and publish.
    case = Case.objects.filter(org=org, source=Case.Source.INSPECTION).first()
    if case is not None:
        day = case.filed_on
        Case.objects.filter(pk=case.pk).update(party_legal_rep="王建国")
        case.refresh_from_db()
        case.officers.set([sun, feng])
        _record(case, zhifa, [sun, feng], day, title="现场检查笔录（油烟净化设施）", upload=_photo("油烟排放现场照片.png"))
        _record(case, zhifa, [sun, feng], day + dt.timedelta(days=2), kind="inquiry", title="询问笔录（法定代表人）",
                interviewee="王建国")
        actions.inform(case, by=zhifa, informed_on=day + dt.timedelta(days=8),
                       proposed_penalty="责令改正，罚款人民币一万二千元", proposed_fine=D("12000"))
        actions.record_statement(case, by=zhifa, statement="当事人表示已安装新油烟净化设备，请求从轻处罚。")
        actions.decide(case, by=head, decision_kind=Case.DecisionKind.PENALTY, decided_on=day + dt.timedelta(days=20),
                       penalty_content="责令改正，罚款人民币一万元", fine_amount=D("10000"),
                       discretion_level=oil.levels.get(circumstance="minor"))
        actions.serve(case, by=zhifa, served_on=day + dt.timedelta(days=21), method=Case.Service.DIRECT)
        actions.publish(case, by=zhifa, on=day + dt.timedelta(days=23))
        actions.execute(case, by=zhifa, executed_on=day + dt.timedelta(days=30), method=Case.Execution.VOLUNTARY,
                        paid_amount=D("10000"))
        actions.close(case, by=zhifa, closed_on=day + dt.timedelta(days=32), summary="当事人已缴纳罚款并完成整改，结案。")

    # 2. A large fine with a hearing, 法制审核 after it, collective discussion: 结案.
    case = _file(zhifa, org, oil, [sun, chen], 200, today, cause="湖州吴兴太湖渔家菜馆有限公司超标排放油烟案",
                 party_kind=Case.PartyKind.ENTITY, party_name="湖州吴兴太湖渔家菜馆有限公司",
                 party_id_number=_uscc_of(org, "湖州吴兴太湖渔家菜馆有限公司"), party_legal_rep="刘芳",
                 facts="当事人在经营过程中未正常使用油烟净化设施，经第三方检测油烟排放浓度超过标准三倍，周边居民多次投诉。",
                 source=Case.Source.COMPLAINT, review_grounds=["complex"])
    day = case.filed_on
    _record(case, zhifa, [sun, chen], day + dt.timedelta(days=1), upload=_video("现场执法记录仪视频.mp4"),
            title="现场检查笔录及执法记录仪视频")
    _record(case, zhifa, [sun, chen], day + dt.timedelta(days=3), kind="evidence", title="油烟排放检测报告",
            evidence_kind="expert", content="检测结论：油烟排放浓度 6.2mg/m³，标准限值 2.0mg/m³。")
    actions.inform(case, by=zhifa, informed_on=day + dt.timedelta(days=10),
                   proposed_penalty="责令改正，罚款人民币四万元", proposed_fine=D("40000"), hearing_offered=True)
    actions.request_hearing(case, by=zhifa, requested_on=day + dt.timedelta(days=12))
    actions.schedule_hearing(case, by=zhifa, notified_on=day + dt.timedelta(days=13), hearing_on=day + dt.timedelta(days=26),
                             place="环渚街道办事处三楼会议室", chair="李晓燕")
    actions.record_hearing(case, by=zhifa, held_on=day + dt.timedelta(days=26),
                           summary="当事人对违法事实无异议，提出已停业整改，请求减轻处罚。")
    review = actions.submit_review(case, by=zhifa, reviewer=reviewer, materials="调查终结报告、检测报告、听证笔录、拟处理意见")
    actions.review_case(review, by=reviewer_user, outcome=LegalReview.Outcome.AGREE,
                        opinion="主体合法，程序合法，事实清楚，证据充分，适用法律正确；考虑当事人整改情况，建议在较重情节幅度内从轻处罚。",
                        checklist={k: "ok" for k, _ in LegalReview.CHECKLIST})
    _backdate_review(review, day + dt.timedelta(days=27), day + dt.timedelta(days=29))
    actions.decide(case, by=head, decision_kind=Case.DecisionKind.PENALTY, decided_on=day + dt.timedelta(days=33),
                   penalty_content="责令改正，罚款人民币三万五千元", fine_amount=D("35000"),
                   discretion_level=oil.levels.get(circumstance="serious"),
                   collective_discussed_on=day + dt.timedelta(days=32))
    actions.serve(case, by=zhifa, served_on=day + dt.timedelta(days=34), method=Case.Service.DIRECT)
    actions.publish(case, by=zhifa, on=day + dt.timedelta(days=36))
    actions.execute(case, by=zhifa, executed_on=day + dt.timedelta(days=45), method=Case.Execution.VOLUNTARY,
                    paid_amount=D("35000"))
    actions.close(case, by=zhifa, closed_on=day + dt.timedelta(days=46), summary="罚款已缴纳，设施已整改，结案。")

    # 3. A citizen burning straw, decided and published, then revoked on 复议: the notice is withdrawn.
    case = _file(zhifa, org, straw, pair, 150, today, cause="张三丰露天焚烧秸秆案", party_kind=Case.PartyKind.PERSON,
                 party_name="张三丰", party_id_number=id_number("33050219680315301"), party_phone="13857201234",
                 party_address="湖州市吴兴区环渚街道义皋村12组",
                 facts="2026年春季，当事人张三丰（身份证号见卷宗）在义皋村农田内露天焚烧秸秆约两亩，经劝阻后停止。")
    day = case.filed_on
    _record(case, zhifa, pair, day, upload=_photo("焚烧现场照片.png"))
    _record(case, zhifa, pair, day + dt.timedelta(days=1), kind="inquiry", title="询问笔录", interviewee="张三丰")
    actions.inform(case, by=zhifa, informed_on=day + dt.timedelta(days=5), proposed_penalty="罚款人民币八百元",
                   proposed_fine=D("800"))
    actions.record_statement(case, by=zhifa, statement="", waived=True)
    actions.decide(case, by=head, decision_kind=Case.DecisionKind.PENALTY, decided_on=day + dt.timedelta(days=7),
                   penalty_content="罚款人民币八百元", fine_amount=D("800"),
                   discretion_level=straw.levels.get(circumstance="ordinary"))
    actions.serve(case, by=zhifa, served_on=day + dt.timedelta(days=8), method=Case.Service.DIRECT)
    actions.publish(case, by=zhifa, on=day + dt.timedelta(days=9))
    actions.revoke(case, by=head, kind=Case.Revocation.REVOKED, revoked_on=day + dt.timedelta(days=60),
                   reason="行政复议机关认定焚烧地点不属于人口集中地区以外的禁烧区划定范围，决定撤销原处罚决定。")

    # 4. An illegal building: in 法制审核 now (a pending review for 赵明).
    case = _file(zhifa, org, building, [sun, chen], 40, today, cause="李红梅未取得乡村建设规划许可证建房案",
                 party_kind=Case.PartyKind.PERSON, party_name="李红梅", party_id_number=id_number("33050219750822402"),
                 party_address="湖州市吴兴区环渚街道杨家埠村5组",
                 facts="当事人未取得乡村建设规划许可证，在杨家埠村5组擅自建设二层砖混结构房屋约120平方米。",
                 source=Case.Source.PATROL)
    day = case.filed_on
    _record(case, zhifa, [sun, chen], day, upload=_video("违建现场勘验视频.mp4"), title="现场勘验笔录及视频")
    _record(case, zhifa, [sun, chen], day + dt.timedelta(days=2), kind="inquiry", title="询问笔录", interviewee="李红梅")
    # The building's floor area measured by a surveyor: a span the local rule leaves out of the 90日 (本地设定).
    actions.pause_case_clock(case, by=zhifa, ground="testing", detail="委托测绘机构测量违法建筑面积",
                             basis="《浙江省综合行政执法程序规定》（检测、鉴定期间不计入办案期限条款）",
                             paused_on=day + dt.timedelta(days=3))
    actions.resume_case_clock(case, by=zhifa, resumed_on=day + dt.timedelta(days=9), note="收到测绘报告")
    _preserved(case, zhifa, head, [sun, chen], day, items="施工用搅拌机1台、脚手架钢管约200根",
               reason="当事人可能在调查期间继续施工并转移施工设备", decided=day + dt.timedelta(days=4))
    review = actions.submit_review(case, by=zhifa, reviewer=reviewer, materials="调查终结报告、勘验笔录、测绘图、拟责令限期改正意见")
    _backdate_review(review, day + dt.timedelta(days=5), None)

    # 5. Informed, waiting for the party (the 5-workday hearing window is running).
    case = _file(zhifa, org, oil, [sun, qian], 12, today, cause="湖州市吴兴区环渚小杨烧烤店超标排放油烟案",
                 party_kind=Case.PartyKind.ENTITY, party_name="湖州市吴兴区环渚小杨烧烤店",
                 party_id_number=_uscc_of(org, "湖州市吴兴区环渚小杨烧烤店"), party_legal_rep="杨丽",
                 facts="当事人夜间经营时未开启油烟净化设施，油烟直排。", source=Case.Source.COMPLAINT)
    _record(case, zhifa, [sun, qian], case.filed_on + dt.timedelta(days=1), upload=_photo("夜间油烟直排照片.png"))
    actions.inform(case, by=zhifa, informed_on=today - dt.timedelta(days=2), proposed_penalty="责令改正，罚款人民币一万五千元",
                   proposed_fine=D("15000"), hearing_offered=True)

    # 6. Still investigating, and past its 90 days: shows as overdue.
    case = _file(zhifa, org, stall, [sun, zhou], 100, today, cause="周小平占道堆放建材案", party_kind=Case.PartyKind.PERSON,
                 party_name="周小平", party_id_number=id_number("33050219820101503"),
                 facts="当事人在环东路人行道上堆放黄沙、砖块约30平方米，影响通行。")
    _record(case, zhifa, [sun, zhou], case.filed_on, upload=_photo("占道堆放照片.png"))

    # 7. Just filed; 先行登记保存 asked for, waiting for the 负责人 (第五十六条).
    case = _file(zhifa, org, straw, [sun, feng], 3, today, cause="吴建军露天焚烧落叶案", party_kind=Case.PartyKind.PERSON,
                 party_name="吴建军", party_id_number=id_number("33050219600512101"),
                 facts="当事人在龙溪社区绿化带旁焚烧落叶。")
    actions.request_preservation(case, by=zhifa, items="未燃尽的落叶及助燃用旧轮胎2个",
                                 reason="焚烧残留物可能被清理，证据以后难以取得", place="龙溪社区绿化带旁")

    # 8. Decided a few days ago: to serve and to publish.
    case = _file(zhifa, org, stall, pair, 30, today, cause="湖州环渚五金建材商行占道经营案", party_kind=Case.PartyKind.ENTITY,
                 party_name="湖州环渚五金建材商行", party_id_number=_uscc_of(org, "湖州环渚五金建材商行"),
                 party_legal_rep="马俊", facts="当事人在店门外人行道上摆放建材商品约15平方米。")
    _record(case, zhifa, pair, case.filed_on, upload=_photo("占道经营照片.png"))
    actions.inform(case, by=zhifa, informed_on=case.filed_on + dt.timedelta(days=5), proposed_penalty="罚款人民币一百五十元",
                   proposed_fine=D("150"))
    actions.decide(case, by=head, decision_kind=Case.DecisionKind.PENALTY, decided_on=today - dt.timedelta(days=2),
                   penalty_content="罚款人民币一百五十元", fine_amount=D("150"),
                   discretion_level=stall.levels.get(circumstance="ordinary"))

    # 9. 简易程序: 当场处罚.
    for days_ago, name, first17, fine, content, power in [
        (420, "沈国庆", "33050219880606402", D("150"), "罚款人民币一百五十元", stall),  # last year's data
        (380, "钱芳", "33050219920909201", None, "警告", garbage),
        (60, "徐静", "33050219900210202", D("100"), "罚款人民币一百元", garbage),
        (25, "陈刚", "33050219851111301", None, "警告", stall),
        (8, "黄志强", "33050219790707103", D("200"), "罚款人民币二百元", garbage),
    ]:
        level = power.levels.get(circumstance="ordinary" if fine else "minor")
        case = actions.decide_on_the_spot(
            by=zhifa, org=org, power=power, cause=f"{name}{'未分类投放生活垃圾' if power == garbage else '占道摆摊'}案",
            party_kind=Case.PartyKind.PERSON, party_name=name, party_id_number=id_number(first17),
            officers=[sun, zhou if days_ago > 20 else qian], decided_on=today - dt.timedelta(days=days_ago),
            penalty_content=content, fine_amount=fine, discretion_level=level, place="环渚街道",
            facts="执法人员巡查发现当事人违法行为，事实确凿，当场出示执法证件并告知权利。")
        if days_ago > 20:
            actions.publish(case, by=zhifa, on=case.decided_on + dt.timedelta(days=2))
            actions.execute(case, by=zhifa, executed_on=case.decided_on + dt.timedelta(days=1),
                            method=Case.Execution.VOLUNTARY if fine else Case.Execution.NOT_NEEDED, paid_amount=fine)
            actions.close(case, by=zhifa, closed_on=case.decided_on + dt.timedelta(days=2), summary="当场处罚已执行完毕。")


def _preserved(case, by, head, officers, day: dt.date, *, items: str, reason: str, decided: dt.date) -> None:
    """Demo only: a 先行登记保存 approved and done on ``day`` and decided on ``decided`` (times set back)."""
    from .models import EvidencePreservation

    p = actions.request_preservation(case, by=by, items=items, reason=reason, place=case.place or "现场")
    actions.approve_preservation(p, by=head, approve=True, note="同意先行登记保存，七个工作日内作出处理决定")
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 30)))
    EvidencePreservation.objects.filter(pk=p.pk).update(requested_at=at - dt.timedelta(minutes=20), approved_at=at)
    p.refresh_from_db()
    actions.preserve_evidence(p, by=by, preserved_at=at + dt.timedelta(minutes=30), officers=officers,
                              content="现场清点、拍照，当事人签字确认，物品就地封存")
    actions.decide_preservation(p, by=by, decided_on=decided, outcome="release",
                                content="经拍照、测量固定证据后，解除先行登记保存，物品退还当事人。")


def _annual_data(huanzhu, zhili, zhifa, head) -> None:
    """Last year's 执法数据: 环渚 has drafted and published it; 织里 has not (its clock shows on the 督办 board)."""
    actions.open_due_annual_data(orgs=[huanzhu, zhili])
    record = AnnualData.objects.get(org=huanzhu, year=deadlines.today().year - 1)
    actions.prepare_annual_data(record, by=zhifa, note="数据由行政执法台账生成，统计口径为立案日期在本年度内的案件。")
    actions.publish_annual_data(record, by=head, review_note="已核对台账，同意公开")


def _backdate_review(review, submitted: dt.date, reviewed: dt.date | None) -> None:
    """Demo only: the review happened on those days (the audit trail keeps the real entry time)."""
    def at(day):
        return timezone.make_aware(dt.datetime.combine(day, dt.time(15, 0))) if day else None

    LegalReview.objects.filter(pk=review.pk).update(submitted_at=at(submitted), reviewed_at=at(reviewed))


def _uscc_of(org, name: str) -> str:
    from .models import InspectionTarget

    target = InspectionTarget.objects.filter(org=org, name=name).first()
    return target.uscc if target else uscc(random.Random(name), "91")


def _zhili(org, users, today, rng) -> None:
    """织里镇: a smaller register, so overseers compare two units."""
    handler = users["zhili.jingban"]
    head = users["zhili.fuze"]
    power = actions.create_power(by=head, org=org, kind=Power.Kind.PENALTY, department="综合行政执法队",
                                 name="对在城市道路两侧和公共场地擅自堆放物料、摆摊设点的处罚", domain="城市管理",
                                 basis_law="城市市容和环境卫生管理条例", basis_article="第三十六条第（三）项",
                                 time_limit="简易程序当场作出；普通程序立案之日起九十日内", code="330217003000")
    actions.add_level(power, by=head, circumstance="minor", condition="首次违法并当场改正", other_penalty="警告")
    actions.add_level(power, by=head, circumstance="ordinary", condition="经教育后再次违法", fine_min=D("50"),
                      fine_max=D("200"))
    actions.publish_power(power, by=head)
    mine = actions.create_officer(by=head, org=org, name="朱莉", post="执法队员", user=handler,
                                  cert_number="33050220220031", issuing_body="浙江省人民政府",
                                  issued_on=today.replace(year=today.year - 3, month=3, day=1),
                                  expires_on=today + dt.timedelta(days=900), domains="城市管理")
    other = actions.create_officer(by=head, org=org, name="沈建林", post="执法中队长", cert_number="33050220200044",
                                   issuing_body="浙江省人民政府", issued_on=today.replace(year=today.year - 5, month=3, day=1),
                                   expires_on=today + dt.timedelta(days=45), domains="城市管理")
    actions.create_officer(by=head, org=org, name="钟伟", post="协管员（未持证）")
    safety = actions.create_power(by=head, org=org, kind=Power.Kind.INSPECTION, department="综合行政执法队", domain="安全生产",
                                  name="对辖区生产经营单位安全生产状况的监督检查", basis_law="中华人民共和国安全生产法",
                                  basis_article="第九条第二款", time_limit="按年度检查计划实施", code="330217102000")
    actions.publish_power(safety, by=head)
    targets = [actions.create_target(by=handler, org=org, name=name, uscc=uscc(rng), kind="company", industry="纺织",
                                     address="湖州市吴兴区织里镇大港路88号", legal_rep=rng.choice(REPS))
               for name in ("湖州织里童装城经营管理有限公司", "湖州织里阿祥童装厂", "湖州织里绣花加工厂")]
    for target, days, result, findings in [
        (targets[1], 40, Inspection.Result.RECTIFY, "生产车间与员工宿舍未有效分隔（“三合一”场所），责令限期整改。"),
        (targets[2], 18, Inspection.Result.PASSED, "车间疏散通道畅通，灭火器在有效期内，电气线路穿管敷设。"),
    ]:
        day = today - dt.timedelta(days=days)
        inspection = actions.create_inspection(by=handler, org=org, target=target, kind=Inspection.Kind.SPECIAL,
                                               officers=[mine, other], power=safety, planned_on=day)
        actions.record_inspection(inspection, by=handler, inspected_on=day, result=result, findings=findings,
                                  rectify_due=day + dt.timedelta(days=30) if result == Inspection.Result.RECTIFY else None)
    actions.decide_on_the_spot(by=handler, org=org, power=power, cause="沈小梅占道摆摊案", party_kind=Case.PartyKind.PERSON,
                               party_name="沈小梅", party_id_number=id_number("33050219950303202"),
                               officers=[mine, other], decided_on=today - dt.timedelta(days=15), penalty_content="警告",
                               discretion_level=power.levels.get(circumstance="minor"), place="织里镇大港路",
                               facts="当事人在大港路人行道摆摊售卖童装，经教育后当场改正。")
