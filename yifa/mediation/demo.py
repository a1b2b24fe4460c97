"""Demo data: a year of dispute work across the demo units, entered through the actions (so audited).

Committees and mediators for every 乡镇/街道 and 村/社区, monthly screening rounds, and about 150
disputes of every type and channel, each as far along as its age makes plausible: old ones closed after
回访, recent ones being mediated, a few overdue, a few online applications waiting to be accepted,
some with early warnings. Reproducible (fixed random seed), dated back from today.
"""

import datetime as dt
import random

from yifa.core import deadlines
from yifa.core.identity import USCC_CHARS, id_number_check_char, uscc_check_char

from . import actions, warnings
from .models import Channel, DisputeCase, DisputeType, EarlyWarning, FollowUp, Mediator, Party

P, G = Mediator.Position, Mediator.Grade
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢"
GIVEN = ["建国", "秀英", "桂芳", "志强", "海燕", "伟", "芳", "明", "丽华", "国平", "建芬", "小红", "永明", "金凤", "水根",
         "阿三", "美娟", "德胜", "春花", "雪梅", "立新", "玉珍", "国强", "晓东", "红英", "根宝", "杏娣", "荣华", "振华", "月琴"]
ROADS = ["凤凰路", "龙溪路", "环渚路", "织里大道", "吴兴大道", "东街", "南浔大道", "人民路", "太湖路", "青铜路"]

# (type, title pattern, description, claims, responsibilities, terms, method)
STORIES = [
    (DisputeType.NEIGHBOUR, "{a}与{b}相邻通行纠纷",
     "{b}在两家之间的通道上堆放建筑材料，{a}出入不便，双方多次争吵。", "清除通道上的堆放物，恢复通行。",
     "{b}占用共用通道，应负主要责任；{a}言语过激，亦有不当。",
     "一、{b}于协议签订后三日内清除通道上的建筑材料。\n二、双方今后共同维护通道畅通，互不堆放杂物。", "{b}自行清理，调委会现场确认。"),
    (DisputeType.NEIGHBOUR, "{a}与{b}房屋漏水纠纷",
     "{b}家卫生间防水层老化，楼下{a}家天花板渗水发霉。", "修复防水并赔偿装修损失。",
     "{b}对自有房屋维护不当，应承担维修和赔偿责任。",
     "一、{b}于十五日内请施工队修复卫生间防水。\n二、{b}赔偿{a}天花板修复费用1800元。", "现金一次性支付，修复后双方共同验收。"),
    (DisputeType.MARRIAGE_FAMILY, "{a}与{b}赡养纠纷",
     "{a}年逾七十，子女{b}等对赡养费分担有争议，老人生活费用无着落。", "子女按月支付赡养费。",
     "子女均有赡养父母的法定义务（民法典第一千零六十七条）。",
     "一、{b}自本月起每月10日前支付{a}赡养费600元。\n二、老人住院医疗费用由子女平均分担。", "银行转账，按月支付。"),
    (DisputeType.MARRIAGE_FAMILY, "{a}与{b}家庭财产纠纷",
     "兄弟{a}与{b}对父母遗留老宅的使用分配发生争执。", "明确老宅使用安排。",
     "双方对老宅均有份额，应协商使用。", "一、老宅东侧两间由{a}使用，西侧两间由{b}使用。\n二、院落共同使用，维修费用平摊。",
     "双方按约定使用，村委会见证。"),
    (DisputeType.LABOUR, "{a}与{b}劳务报酬纠纷",
     "{a}在{b}处从事童装加工，离职时尚有三个月工资未结清。", "结清拖欠工资。",
     "{b}未按约定支付劳动报酬，应承担全部责任。",
     "一、{b}于协议签订之日起十日内支付{a}工资8600元。\n二、双方劳务关系就此了结，再无其他争议。", "银行转账一次性支付。"),
    (DisputeType.DAMAGES, "{a}与{b}人身损害赔偿纠纷",
     "{b}饲养的狗将路过的{a}咬伤，{a}花去医药费、误工费若干。", "赔偿医药费、误工费。",
     "{b}未拴养犬只，应承担侵权责任（民法典第一千二百四十五条）。",
     "一、{b}赔偿{a}医药费、误工费、交通费共计3200元。\n二、{b}今后拴养犬只。", "协议签订时当场支付。"),
    (DisputeType.PROPERTY_MGMT, "{a}与{b}物业服务纠纷",
     "业主{a}以电梯长期故障、保洁不到位为由拒交物业费，{b}催缴未果。", "维修电梯、改进服务；业主补交物业费。",
     "物业公司服务存在瑕疵；业主拒交物业费亦不当。",
     "一、{b}于二十日内完成电梯维修并公示保洁安排。\n二、{a}于电梯修复后补交物业费2400元，{b}减免滞纳金。",
     "电梯修复后业主至物业服务中心缴费。"),
    (DisputeType.LAND, "{a}与{b}承包地界纠纷",
     "{a}与{b}两家承包地相邻，{b}翻耕时越过地界约半米，双方发生争执。", "恢复原地界。",
     "{b}越界耕种，应恢复原状。", "一、以村集体经济组织确权图为准，由村委会重新打桩定界。\n二、{b}越界部分的作物收割后归还{a}。",
     "村委会现场打桩，双方签字确认。"),
    (DisputeType.CONTRACT, "{a}与{b}买卖合同纠纷",
     "{a}向{b}购买羊毛衫原料，{b}交付后{a}以质量问题为由拒付尾款。", "支付尾款或退货。",
     "双方对质量标准约定不明，各有责任。", "一、{a}于十五日内支付货款尾款的80%即12000元。\n二、余款免除，双方再无争议。",
     "银行转账。"),
    (DisputeType.TRAFFIC, "{a}与{b}交通事故赔偿纠纷",
     "{b}驾驶电动车与{a}的自行车相撞，{a}受轻伤，交警认定{b}负主要责任。", "赔偿医疗费和车辆损失。",
     "依交警认定，{b}负主要责任，{a}负次要责任。", "一、{b}赔偿{a}医疗费、车辆修理费等共计4500元。",
     "分两期支付，每期2250元。"),
    (DisputeType.BUSINESS, "{a}与{b}厂房租赁纠纷",
     "{b}租用{a}厂房开办加工点，租期届满后未按时搬离，并拖欠两个月租金。", "支付租金，搬离厂房。",
     "{b}逾期不搬离并欠租，应承担违约责任。", "一、{b}于三十日内搬离厂房。\n二、{b}支付拖欠租金9000元。",
     "搬离前一次性付清，{a}退还押金。"),
    (DisputeType.CONSUMER, "{a}与{b}装修合同纠纷",
     "{a}委托{b}装修住房，验收时发现墙面开裂、地砖空鼓。", "返工维修并赔偿损失。",
     "{b}施工质量不合格，应承担返工责任。", "一、{b}于二十日内完成返工维修。\n二、{b}赔偿{a}损失1500元。",
     "返工完成后双方共同验收，赔偿款当场支付。"),
]
COMPANIES = {
    DisputeType.PROPERTY_MGMT: ["湖州绿城物业服务有限公司", "湖州安居物业管理有限公司", "湖州龙溪物业服务有限公司"],
    DisputeType.BUSINESS: ["湖州织里童装有限公司", "湖州金丝娃娃服饰有限公司", "湖州环渚纺织厂"],
    DisputeType.CONSUMER: ["湖州美家装饰工程有限公司", "湖州家和装修有限公司", "湖州巧匠建筑装饰有限公司"],
}
RISKY = [
    "{a}情绪激动，扬言如果不解决就要报复对方。",
    "{a}多次表示不想活了，家属担心其轻生。",
    "涉及同一工地十余名工人，工人表示要集体上访。",
]


class _People:
    """Generates people with valid 身份证号, addresses and phones; deterministic."""

    def __init__(self, rnd: random.Random, region: str):
        self.rnd, self.region = rnd, region

    def name(self) -> str:
        return self.rnd.choice(SURNAMES) + self.rnd.choice(GIVEN)

    def party(self, side: str, town: str) -> dict:
        rnd = self.rnd
        born = dt.date(1950, 1, 1) + dt.timedelta(days=rnd.randrange(0, 365 * 50))
        first17 = f"{self.region}{born:%Y%m%d}{rnd.randrange(0, 1000):03d}"
        return {"side": side, "kind": Party.Kind.PERSON, "name": self.name(),
                "gender": rnd.choice(["male", "female"]), "ethnicity": "汉族",
                "id_number": first17 + id_number_check_char(first17),
                "phone": f"13{rnd.randrange(0, 10)}{rnd.randrange(10000000, 99999999)}",
                "address": f"浙江省湖州市{town}{rnd.choice(ROADS)}{rnd.randrange(1, 300)}号"}


def _committee(orgs, key, name, term_start, people, *, users=None):
    org = orgs[key]
    committee = actions.create_committee(by=None, org=org, name=name, term_start=term_start,
                                         phone=f"0572-{random.Random(key).randrange(2000000, 2999999)}",
                                         address=f"{org.name}便民服务中心")
    for i, (person, gender, position, grade, specs) in enumerate(people):
        actions.add_mediator(committee, by=None, name=person, gender=gender, position=position, grade=grade,
                             specialities=specs, phone=f"139{random.Random(person).randrange(10000000, 99999999)}",
                             user=(users or {}).get(person), appointed_on=term_start,
                             workplace="浙江吴兴律师事务所" if position == P.LEGAL_ADVISER else "")
    return committee


def _committees(context) -> dict:
    orgs, users = context.orgs, context.users
    T = DisputeType
    start = dt.date(2024, 1, 1)
    made = {
        "wuxing": _committee(orgs, "wuxing", "吴兴区联合人民调解委员会", start, [
            ("沈建华", "male", P.CHAIR, G.CHIEF, [T.LAND, T.DEMOLITION]),
            ("钱慧敏", "female", P.MEMBER, G.FIRST, [T.MEDICAL, T.LABOUR]),
            ("赵国良", "male", P.MEMBER, G.FIRST, [T.CONTRACT, T.BUSINESS]),
        ]),
        "huanzhu": _committee(orgs, "huanzhu", "环渚街道人民调解委员会", start, [
            ("王秀英", "female", P.CHAIR, G.CHIEF, [T.MARRIAGE_FAMILY, T.NEIGHBOUR]),
            ("沈国平", "male", P.VICE_CHAIR, G.FIRST, [T.LABOUR, T.DAMAGES]),
            ("陆建芬", "female", P.MEMBER, G.SECOND, [T.PROPERTY_MGMT]),
            ("钱伟", "male", P.MEMBER, G.SECOND, [T.TRAFFIC, T.DAMAGES]),
            ("姚志刚", "male", P.FULL_TIME, G.SECOND, [T.CONTRACT, T.BUSINESS]),
            ("徐敏", "female", P.LEGAL_ADVISER, G.NONE, []),
        ], users={"王秀英": users["huanzhu.tiaojie"]}),
        "longxi": _committee(orgs, "longxi", "龙溪社区人民调解委员会", dt.date(2023, 6, 1), [
            ("吴桂芳", "female", P.CHAIR, G.FIRST, [T.NEIGHBOUR, T.MARRIAGE_FAMILY]),
            ("张德胜", "male", P.MEMBER, G.THIRD, [T.PROPERTY_MGMT]),
            ("周美娟", "female", P.MEMBER, G.THIRD, []),
        ], users={"吴桂芳": users["longxi.tiaojie"]}),
        "huandong": _committee(orgs, "huandong", "环东社区人民调解委员会", start, [
            ("潘立新", "male", P.CHAIR, G.SECOND, [T.PROPERTY_MGMT]),
            ("袁红英", "female", P.MEMBER, G.THIRD, [T.NEIGHBOUR]),
            ("蔡根宝", "male", P.MEMBER, G.NONE, []),
        ]),
        # 义皋村: only two members on record, no woman: the committee page shows what 第九条 still requires.
        "yigao": _committee(orgs, "yigao", "义皋村人民调解委员会", dt.date(2021, 3, 1), [
            ("沈水根", "male", P.CHAIR, G.THIRD, [T.LAND]),
            ("姚荣华", "male", P.MEMBER, G.NONE, [T.LAND, T.NEIGHBOUR]),
        ]),
        "zhili": _committee(orgs, "zhili", "织里镇人民调解委员会", start, [
            ("朱振华", "male", P.CHAIR, G.CHIEF, [T.LABOUR, T.BUSINESS]),
            ("叶月琴", "female", P.VICE_CHAIR, G.FIRST, [T.MARRIAGE_FAMILY]),
            ("程永明", "male", P.MEMBER, G.SECOND, [T.CONTRACT]),
            ("魏雪梅", "female", P.FULL_TIME, G.SECOND, [T.LABOUR]),
            ("苏晓东", "male", P.LEGAL_ADVISER, G.NONE, []),
        ]),
        "xiaohe": _committee(orgs, "xiaohe", "晓河村人民调解委员会", start, [
            ("吕国强", "male", P.CHAIR, G.THIRD, [T.LAND]), ("丁杏娣", "female", P.MEMBER, G.NONE, []),
            ("任金凤", "female", P.MEMBER, G.NONE, []),
        ]),
        "dongjiao": _committee(orgs, "dongjiao", "东郊社区人民调解委员会", start, [
            ("卢春花", "female", P.CHAIR, G.SECOND, [T.NEIGHBOUR]), ("于建国", "male", P.MEMBER, G.NONE, []),
            ("杜玉珍", "female", P.MEMBER, G.NONE, []),
        ]),
        "nanxun_town": _committee(orgs, "nanxun_town", "南浔镇人民调解委员会", start, [
            ("胡永明", "male", P.CHAIR, G.FIRST, [T.CONTRACT]), ("郭美娟", "female", P.MEMBER, G.SECOND, []),
            ("何志强", "male", P.MEMBER, G.SECOND, [T.TRAFFIC]),
        ]),
        "xitang": _committee(orgs, "xitang", "息塘村人民调解委员会", start, [
            ("林阿三", "male", P.CHAIR, G.THIRD, [T.LAND]), ("罗秀英", "female", P.MEMBER, G.NONE, []),
            ("郑荣华", "male", P.MEMBER, G.NONE, []),
        ]),
        "lianshi": _committee(orgs, "lianshi", "练市镇人民调解委员会", start, [
            ("梁国平", "male", P.CHAIR, G.FIRST, [T.LABOUR]), ("谢丽华", "female", P.MEMBER, G.SECOND, []),
            ("宋德胜", "male", P.MEMBER, G.THIRD, []),
        ]),
        "chaoyang": _committee(orgs, "chaoyang", "朝阳社区人民调解委员会", start, [
            ("唐红英", "female", P.CHAIR, G.THIRD, [T.NEIGHBOUR]), ("许立新", "male", P.MEMBER, G.NONE, []),
            ("韩小红", "female", P.MEMBER, G.NONE, []),
        ]),
    }
    return made


# Where disputes happen and how many a year: (org key, users acting, town name for addresses, region code)
UNITS = [
    ("huanzhu", "huanzhu.tiaojie", "吴兴区环渚街道", "330502", 22),
    ("longxi", "longxi.tiaojie", "吴兴区环渚街道龙溪社区", "330502", 18),
    ("huandong", "huanzhu.jingban", "吴兴区环渚街道环东社区", "330502", 10),
    ("yigao", "huanzhu.jingban", "吴兴区环渚街道义皋村", "330502", 8),
    ("zhili", "zhili.jingban", "吴兴区织里镇", "330502", 18),
    ("xiaohe", "zhili.jingban", "吴兴区织里镇晓河村", "330502", 8),
    ("dongjiao", "zhili.jingban", "吴兴区织里镇东郊社区", "330502", 8),
    ("nanxun_town", "nanxun.jingban", "南浔区南浔镇", "330503", 10),
    ("xitang", "nanxun.jingban", "南浔区南浔镇息塘村", "330503", 5),
    ("lianshi", "lianshi.jingban", "南浔区练市镇", "330503", 8),
]
REFERRALS = {Channel.POLICE: "{town}派出所", Channel.COURT: "吴兴区人民法院", Channel.PETITION: "{town}信访办"}


def _fill(text: str, a: str, b: str) -> str:
    return text.format(a=a, b=b)


def _run_case(case: DisputeCase, *, by, committee, rnd: random.Random, story, names, today, registered_on,
              stop_at: str = ""):
    """Carry a registered case forward as far as its age allows (or only up to ``stop_at``)."""
    age = (today - registered_on).days
    accepted_on = registered_on + dt.timedelta(days=rnd.choice([0, 1, 1, 2]))
    if accepted_on > today or stop_at == "registered":
        return
    if rnd.random() < 0.02:
        actions.reject(case, by=by, reason=DisputeCase.RejectReason.HANDLED_ELSEWHERE, note="当事人已向人民法院起诉。")
        return
    actions.accept(case, by=by, on=accepted_on)
    assigned_on = accepted_on + dt.timedelta(days=rnd.choice([0, 1, 2]))
    if assigned_on > today or (age < 4 and rnd.random() < 0.5) or stop_at == "accepted":
        return
    people = list(committee.active_people().exclude(position=P.LEGAL_ADVISER))
    lead = next((p for p in people if story[0] in p.specialities), rnd.choice(people))
    co = [p for p in people if p.pk != lead.pk][:rnd.choice([0, 1])]
    actions.assign(case, by=by, committee=committee, lead=lead, co_mediators=co, on=assigned_on)
    held_on = assigned_on + dt.timedelta(days=rnd.randrange(2, 9))
    adviser = committee.active_people().filter(position=P.LEGAL_ADVISER).first()
    if held_on > today:
        actions.add_session(case, by=by, held_on=held_on, place=f"{committee.org.name}人民调解室",
                            mediators=[lead, *co], attendees=f"{names[0]}、{names[1]}")
        return
    actions.add_session(case, by=by, held_on=held_on, place=f"{committee.org.name}人民调解室",
                        mediators=[lead, *co] + ([adviser] if adviser and rnd.random() < 0.3 else []),
                        attendees=f"{names[0]}、{names[1]}",
                        summary=f"调解员向双方释法说理，{names[0]}陈述了诉求，{names[1]}说明了情况。双方分歧较大，约定再次调解。"
                        if rnd.random() < 0.4 else f"调解员分别听取双方意见并释法说理，双方同意协商解决。")
    outcome_on = held_on + dt.timedelta(days=rnd.randrange(1, 20))
    stuck = stop_at == "mediating" or (age < 90 and rnd.random() < 0.08)  # some recent ones drag on
    if rnd.random() < 0.1:  # some take longer: half with the parties' consent to extend, half simply late
        outcome_on = accepted_on + dt.timedelta(days=rnd.randrange(36, 55))
        if rnd.random() < 0.5 and accepted_on + dt.timedelta(days=25) <= today:
            actions.extend(case, by=by, reason="双方当事人同意延长调解期限，继续协商赔偿方案。")
    if stuck or outcome_on > today:
        return
    kind = rnd.random()
    a, b = names
    if kind < 0.05:
        actions.record_failure(case, by=by, routes=[DisputeCase.Route.LITIGATION], on=outcome_on,
                               note=f"经多次调解，双方对赔偿数额分歧较大，{b}不同意调解方案。已告知当事人可向人民法院起诉。")
        closed_on = outcome_on + dt.timedelta(days=rnd.randrange(1, 10))
        if closed_on <= today:
            actions.close(case, by=by, on=closed_on, note="调解不成，已告知诉讼途径。")
        return
    if kind < 0.35:
        actions.record_oral(case, by=by, terms=_fill(story[5], a, b).splitlines()[0], agreed_on=outcome_on,
                            performance_method=_fill(story[6], a, b),
                            performance_deadline=outcome_on + dt.timedelta(days=10))
    else:
        actions.draft_agreement(
            case, by=by, drafted_on=outcome_on, facts=_fill(story[2], a, b), issues=_fill(story[3], a, b),
            responsibilities=_fill(story[4], a, b), terms=_fill(story[5], a, b), performance_method=_fill(story[6], a, b),
            performance_deadline=outcome_on + dt.timedelta(days=rnd.choice([3, 10, 15, 30])),
            performance_place=committee.org.name, copies=3)
        actions.sign_agreement(case, by=by, signed_party_ids=[p.pk for p in case.parties.all()], mediator_signed=True,
                               sealed=True, signing_mediator=lead, effective_on=outcome_on,
                               wants_confirmation=rnd.choice([None, False, False, True]))
        if case.wants_confirmation and outcome_on + dt.timedelta(days=12) <= today:
            actions.record_confirmation(case, by=by, applied_on=outcome_on + dt.timedelta(days=12),
                                        court="湖州市吴兴区人民法院", result="裁定确认调解协议有效")
    visited_on = outcome_on + dt.timedelta(days=rnd.randrange(15, 40))
    if visited_on > today:
        return
    kept = rnd.random() < 0.93
    actions.follow_up(case, by=by, visited_on=visited_on, method=rnd.choice(["visit", "phone", "phone"]),
                      visitor=lead.name, performance=FollowUp.Performance.DONE if kept else FollowUp.Performance.PARTLY,
                      result="协议已履行完毕，双方关系缓和。" if kept else "已履行大部分，余款约定下月付清，继续跟踪。",
                      satisfaction="satisfied" if kept else "basic")
    closed_on = visited_on + dt.timedelta(days=rnd.randrange(0, 6))
    if kept and closed_on <= today:
        actions.close(case, by=by, on=closed_on, note="协议履行完毕，卷宗归档。")


def seed(context) -> None:
    rnd = random.Random(2026)
    today = deadlines.today()
    orgs, users = context.orgs, context.users
    for user in users.values():
        # As the unit switcher does for a request: each demo user acts in their first unit.
        user.active_membership = user.memberships.select_related("org").first()
    committees = _committees(context)
    _screening(context, rnd, today)
    repeat_party = None
    for key, username, town, region, count in UNITS:
        by = users[username]
        people = _People(rnd, region)
        for i in range(count):
            registered_on = today - dt.timedelta(days=int(365 * (i + rnd.random()) / count))
            story = rnd.choice(STORIES)
            parties = [people.party(Party.Side.APPLICANT, town), people.party(Party.Side.RESPONDENT, town)]
            if story[0] in (DisputeType.PROPERTY_MGMT, DisputeType.BUSINESS, DisputeType.CONSUMER) and rnd.random() < 0.5:
                company = rnd.choice(COMPANIES[story[0]])
                parties[1] = {"side": Party.Side.RESPONDENT, "kind": Party.Kind.ORGANISATION, "name": company,
                              "id_number": _uscc_for(company), "legal_rep": people.name(), "phone": "0572-2345678",
                              "address": f"浙江省湖州市{town}{ROADS[len(company) % len(ROADS)]}88号"}
            if key == "longxi" and i in (3, 9) and repeat_party:
                parties[0] = {**repeat_party, "side": Party.Side.APPLICANT}
            if key == "longxi" and i == 1:
                repeat_party = parties[0]
            a, b = parties[0]["name"], parties[1]["name"]
            channel = rnd.choices(list(Channel), weights=[30, 8, 20, 8, 10, 8, 6, 10])[0]
            description = _fill(story[2], a, b)
            if rnd.random() < 0.04:
                description += _fill(rnd.choice(RISKY), a, b)
            case = actions.register_case(
                by=None if channel == Channel.ONLINE else by, org=orgs[key], registered_on=registered_on,
                title=_fill(story[1], a, b), dispute_type=story[0], channel=channel, description=description,
                claims=_fill(story[3], a, b), location=parties[0]["address"] if rnd.random() < 0.5 else "",
                amount=rnd.choice([None, 1800, 3200, 8600, 12000, 4500]), parties=parties,
                referral_from=REFERRALS.get(channel, "").format(town=town.split("区")[-1][:4]),
                with_tracking_code=channel == Channel.ONLINE)
            # 环渚街道, where the walkthrough starts, keeps its three newest disputes in progress.
            stop_at = {0: "registered", 1: "accepted", 2: "mediating"}.get(i, "") if key == "huanzhu" else ""
            _run_case(case, by=by, committee=committees[key], rnd=rnd, story=story, names=(a, b), today=today,
                      registered_on=registered_on, stop_at=stop_at)
            if case.tracking_code and case.status == DisputeCase.Status.CLOSED and rnd.random() < 0.7:
                actions.rate(case, rating=rnd.choice(["good", "good", "good", "fair"]),
                             comment=rnd.choice(["调解员很耐心，问题解决了。", "", "办事效率高。"]))
    _escalations(context, committees, today)
    warnings.scan_overdue(today=today)
    # The heads have reviewed the warnings of disputes since settled; the rest wait on their list.
    for head_name, org_key in (("huanzhu.fuze", "huanzhu"), ("zhili.fuze", "zhili")):
        for warning in EarlyWarning.objects.filter(case__org__path__startswith=orgs[org_key].path,
                                                   case__status=DisputeCase.Status.CLOSED):
            actions.handle_warning(warning, by=users[head_name],
                                   note="已约谈双方当事人，安排调解员重点跟进，并告知社区民警；纠纷已化解。")


def _uscc_for(name: str) -> str:
    """A valid, stable 统一社会信用代码 for a demo company."""
    body = "91330502" + "".join(USCC_CHARS[(ord(c) * (i + 7)) % 31] for i, c in enumerate(name))[:9].ljust(9, "0")
    return body + uscc_check_char(body)


def _escalations(context, committees, today):
    """A 村 case that went up to the 街道, and a 街道 case that went up to the 区."""
    orgs, users = context.orgs, context.users
    for from_key, username, reason in [
        ("yigao", "huanzhu.jingban", "涉及三户村民和村集体，村调委会多次调解未果，报街道调委会调处。"),
        ("huanzhu", "huanzhu.tiaojie", "涉及企业二十余名员工工资，标的较大，报区联合调委会调处。"),
    ]:
        case = (DisputeCase.objects.filter(org=orgs[from_key], status__in=[DisputeCase.Status.MEDIATING,
                                                                          DisputeCase.Status.ACCEPTED])
                .order_by("-registered_on").first())
        if case is None:
            continue
        actions.escalate(case, by=users[username], reason=reason, on=today)
        parent_committee = committees["huanzhu" if from_key == "yigao" else "wuxing"]
        people = list(parent_committee.active_people().exclude(position=P.LEGAL_ADVISER))
        head = users["huanzhu.fuze"] if from_key == "yigao" else None  # no 区 account in the demo: 系统
        actions.assign(case, by=head, committee=parent_committee, lead=people[0], on=today)


def _topic(month: int) -> str:
    return {1: "春节前矛盾纠纷集中排查", 5: "汛期前邻里纠纷排查", 9: "国庆前重点人员走访排查",
            12: "年底劳资纠纷专项排查"}.get(month, "月度矛盾纠纷排查")


def _screening(context, rnd: random.Random, today: dt.date) -> None:
    """Monthly rounds in every 村/社区 (quarterly in 南浔), with what they found; some findings became cases."""
    orgs, users = context.orgs, context.users
    plan = [("longxi", "longxi.tiaojie", 1), ("huandong", "huanzhu.jingban", 1), ("yigao", "huanzhu.jingban", 1),
            ("xiaohe", "zhili.jingban", 1), ("dongjiao", "zhili.jingban", 1), ("xitang", "nanxun.jingban", 3),
            ("shiyuan", "nanxun.jingban", 3), ("chaoyang", "lianshi.jingban", 3)]
    people = _People(rnd, "330502")
    for key, username, every in plan:
        by = users[username]
        for months_back in range(12, -1, -every):
            planned_on = (today.replace(day=1) - dt.timedelta(days=30 * months_back)).replace(day=rnd.randrange(5, 25))
            grid = f"{orgs[key].name}第{rnd.randrange(1, 5)}网格"
            screening = actions.plan_round(by=by, org=orgs[key], grid=grid, planned_on=planned_on,
                                           topic=_topic(planned_on.month),
                                           screeners=f"网格员{people.name()}、{people.name()}")
            if planned_on > today:
                continue
            actions.complete_round(screening, by=by, held_on=planned_on, households=rnd.randrange(40, 160),
                                   notes="逐户走访，重点了解邻里关系、家庭矛盾、劳资和物业问题。")
            for _ in range(rnd.choice([0, 0, 1, 1, 2])):
                story = rnd.choice(STORIES)
                a, b = people.name(), people.name()
                finding = actions.add_finding(screening, by=by, description=_fill(story[2], a, b),
                                              dispute_type=story[0], party_names=f"{a}、{b}",
                                              location=f"{orgs[key].name}{rnd.choice(ROADS)}",
                                              risk=rnd.choices(["low", "medium", "high"], weights=[8, 3, 1])[0])
                if rnd.random() < 0.5:
                    actions.resolve_finding(finding, by=by, note="网格员当场劝解，双方已和好。")
                elif months_back <= 1:
                    actions.register_from_finding(finding, by=by)
