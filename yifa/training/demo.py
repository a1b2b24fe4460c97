"""Demo ledgers: a year of 学法 and 普法 in 环渚街道, 织里镇 and 练市镇, written through the actions."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from yifa.core import deadlines

from . import actions
from .models import Cadre, LawExam, LeadershipMeeting, LegalLiaison, OutreachRequest, StudySession

K = StudySession.Kind

HUANZHU_CADRES = [
    ("王志强", "党工委书记", "leader", True, False), ("陈卫东", "办事处主任", "leader", True, False),
    ("沈建华", "党工委副书记", "leader", False, False), ("钱丽萍", "办事处副主任", "leader", False, False),
    ("李晓燕", "党政办主任", "staff", False, False), ("赵明", "司法所所长", "staff", False, False),
    ("孙强", "综合行政执法队队长", "staff", False, True), ("周敏", "执法队员", "staff", False, True),
    ("吴海燕", "社会事务办科员", "staff", False, False), ("郑丽", "经济发展办科员", "staff", False, False),
    ("冯涛", "城市管理办科员", "staff", False, True), ("何静", "信访办科员", "staff", False, False),
]


def _ago(days: int) -> dt.date:
    return deadlines.today() - dt.timedelta(days=days)


def _cadres(by, org, rows) -> list[Cadre]:
    return [actions.add_cadre(by=by, org=org, name=name, position=position, category=category, is_principal=principal,
                              enforcement_officer=officer) for name, position, category, principal, officer in rows]


def _study(by, org, people, plan) -> None:
    """``plan``: (days ago, kind, title, hours, speaker, people to leave out)."""
    for days, kind, title, hours, speaker, absent in plan:
        actions.record_session(by=by, org=org, kind=kind, title=title, held_on=_ago(days), hours=Decimal(hours),
                               place="街道三楼会议室" if kind != K.ONLINE else "", speaker=speaker,
                               attendees=[c for c in people if c.name not in absent])


def _meetings(by, org, rows) -> None:
    """专题会议和述法, each chaired by a 党政主要负责人: (days ago, kind, chair, topics, decisions)."""
    for days, kind, chair, topics, decisions in rows:
        actions.record_meeting(by=by, org=org, kind=kind, held_on=_ago(days), chaired_by=chair, principal_chaired=True,
                               topics=topics, decisions=decisions)


def _duties(by, org, year, rows) -> None:
    """谁执法谁普法责任清单: (department, laws, audience, measures, person responsible)."""
    for department, laws, audience, measures, person in rows:
        actions.add_duty(by=by, org=org, year=year, department=department, laws=laws, audience=audience,
                         measures=measures, responsible=person)


def seed(context) -> None:
    orgs, users = context.orgs, context.users
    year = deadlines.today().year
    hz, by = orgs["huanzhu"], users["huanzhu.jingban"]
    actions.set_target(by=by, org=hz, year=year, hours_per_person=Decimal(60), sessions=6, pass_rate=100)
    people = _cadres(by, hz, HUANZHU_CADRES)
    leaders = [c for c in people if c.category == Cadre.Category.LEADER]
    _study(by, hz, leaders, [
        (300, K.CENTRAL_GROUP, "党工委理论学习中心组集体学习习近平法治思想", "3", "王志强", ()),
        (150, K.CENTRAL_GROUP, "党工委理论学习中心组专题学习《中华人民共和国宪法》", "3", "王志强", ()),
    ])
    _study(by, hz, people, [
        (320, K.LECTURE, "新修订《行政复议法》专题讲座", "3", "区司法局 周建国", ("何静",)),
        (240, K.LECTURE, "《信访工作条例》专题讲座", "3", "区信访局 林海", ()),
        (120, K.LECTURE, "《民法典》合同编与基层治理专题讲座", "3", "浙江某某律师事务所 刘律师", ("郑丽", "冯涛")),
        (280, K.TRAINING, "街道依法行政能力提升培训班", "12", "区委党校", ("何静",)),
        (200, K.COURT_OBSERVATION, "组织旁听吴兴区人民法院行政案件庭审", "3", "", ("吴海燕", "郑丽", "何静")),
        (180, K.ONLINE, "浙江省学法用法平台网上学法（上半年）", "14", "", ()),
        (20, K.ONLINE, "浙江省学法用法平台网上学法（下半年）", "14", "", ("冯涛", "何静")),
    ] + [(days, K.PRE_MEETING, f"主任办公会会前学法：{law}", "1", "陈卫东", ())
         for days, law in [(310, "《优化营商环境条例》"), (270, "《行政处罚法》听证程序"), (230, "《政府信息公开条例》"),
                           (190, "《安全生产法》"), (150, "《重大行政决策程序暂行条例》"), (110, "《土地管理法》"),
                           (70, "《反电信网络诈骗法》"), (30, "《消防法》")]])
    actions.plan_session(by=by, org=hz, kind=K.LECTURE, title="《行政执法监督条例》专题讲座", planned_on=_ago(-20),
                         hours=Decimal(3), speaker="区司法局")
    put_off = actions.plan_session(by=by, org=hz, kind=K.COURT_OBSERVATION, title="组织旁听行政诉讼案件庭审（第二次）",
                                   planned_on=_ago(45), hours=Decimal(3), speaker="")
    actions.cancel_session(put_off, by=by, reason="法院通知该案延期开庭，旁听活动取消，待重新排期。")

    exam = actions.schedule_exam(by=by, org=hz, kind=LawExam.Kind.ANNUAL, title=f"{year}年度国家工作人员学法考试",
                                 held_on=_ago(60), organiser="区委依法治区办、区司法局", full_score=100, pass_score=60)
    scores = [92, 88, 85, 90, 78, 95, 83, 81, 76, 72, None, 58]
    actions.record_scores(exam, by=by, scores={c: s for c, s in zip(people, scores)})
    pre = actions.schedule_exam(by=by, org=hz, kind=LawExam.Kind.PRE_APPOINTMENT, title="新提任领导干部任前法律知识考试",
                                held_on=_ago(210), organiser="区委组织部、区司法局", full_score=100, pass_score=80)
    actions.record_scores(pre, by=by, scores={people[3]: 91})
    spot = actions.schedule_exam(by=by, org=hz, kind=LawExam.Kind.SPOT, title="执法人员《行政处罚法》学法抽考",
                                 held_on=_ago(100), organiser="区司法局", full_score=100, pass_score=60)
    officers = [c for c in people if c.enforcement_officer]
    actions.record_scores(spot, by=by, scores=dict(zip(officers, [86, 79, 64])))
    actions.schedule_exam(by=by, org=hz, kind=LawExam.Kind.PRE_APPOINTMENT, title="拟提任科级干部任前法律知识考试",
                          held_on=_ago(-10), organiser="区委组织部、区司法局", full_score=100, pass_score=80)

    M = LeadershipMeeting.Kind
    _meetings(by, hz, [
        (330, M.REPORT, "王志强", "党工委书记在区委全面依法治区委员会会议上述法", "汇报上年度履行推进法治建设第一责任人职责情况。"),
        (300, M.PARTY, "王志强", "研究部署街道年度法治政府建设和普法依法治理工作要点", f"印发《环渚街道{_ago(300).year}年法治政府建设工作要点》。"),
        (180, M.GOVERNMENT, "陈卫东", "听取上半年行政执法、行政复议应诉工作情况汇报", "对败诉案件逐案分析，完善政府信息公开答复审核。"),
        (60, M.PARTY, "王志强", "专题研究法治政府建设示范创建迎检工作", "明确责任分工，建立问题清单。"),
        (240, M.COMMITTEE, "陈卫东", "街道法治建设领导小组会议：部署“八五”普法中期评估和谁执法谁普法履职评议",
         "印发街道普法责任清单，明确五个责任部门的年度普法任务。"),
        (15, M.GOVERNMENT, "陈卫东", "主任办公会专题听取行政复议应诉和依申请公开办理情况",
         "对复议意见书指出的许可决定说理问题限期整改，建立败诉案件通报制度。"),
    ])

    _duties(by, hz, year, [
        ("综合行政执法队", "《城乡规划法》《浙江省城市市容和环境卫生管理条例》", "沿街商户、建设单位", "执法过程中以案释法，每季度开展一次进商户宣传。", "孙强"),
        ("司法所", "《民法典》《人民调解法》", "社区居民、人民调解员", "开展民法典宣传月活动，培训法律明白人。", "赵明"),
        ("党政办", "《政府信息公开条例》《保守国家秘密法》", "机关干部", "会前学法、保密法专题学习。", "李晓燕"),
        ("社会事务办公室", "《劳动合同法》《社会救助暂行办法》", "企业职工、困难群众", "送法进企业，政策宣讲进社区。", "吴海燕"),
        ("平安办", "《反电信网络诈骗法》《国家安全法》", "老年人、学生", "开展反诈宣传进社区、进校园。", "何静"),
    ])

    for days, theme, form, venue, department, place, audience, materials, consult in [
        (310, "“美好生活·民法典相伴”主题宣传", "campaign", "community", "司法所", "龙溪社区文化广场", 260, 400, 30),
        (280, "“全民国家安全教育日”宣传", "campaign", "community", "平安办", "环渚街道便民服务中心", 180, 300, 12),
        (250, "反电信网络诈骗宣传进社区", "lecture", "community", "平安办", "环东社区居家养老服务中心", 90, 260, 25),
        (230, "优化营商环境法治宣传进企业", "lecture", "enterprise", "综合行政执法队", "环渚工业园区", 60, 150, 18),
        (200, "《妇女权益保障法》宣传", "campaign", "community", "社会事务办公室", "义皋村文化礼堂", 120, 220, 16),
        (170, "法治进校园：未成年人保护法讲座", "lecture", "school", "司法所", "环渚小学", 420, 450, 10),
        (150, "以案释法：违法建设查处典型案例", "case_teaching", "community", "综合行政执法队", "龙溪社区", 75, 120, 22),
        (120, "劳动合同法宣传进企业", "consultation", "enterprise", "社会事务办公室", "环渚工业园区", 85, 200, 35),
        (90, "禁毒宣传月活动", "campaign", "community", "平安办", "环东社区", 150, 380, 14),
        (60, "“八五”普法法治文艺演出", "performance", "village", "司法所", "义皋村文化礼堂", 300, 280, 20),
        (30, "消防安全法治宣传", "campaign", "community", "综合行政执法队", "龙溪社区", 110, 260, 11),
        (10, "防范养老诈骗专题宣传", "lecture", "community", "平安办", "环东社区", 70, 230, 15),
    ]:
        actions.record_activity(by=by, org=hz, theme=theme, form=form, venue=venue, department=department,
                                held_on=_ago(days), place=place, audience=audience, materials=materials,
                                consultations=consult)
    actions.plan_activity(by=by, org=hz, theme="“12·4”国家宪法日宪法宣传周活动", form="campaign", venue="community",
                          department="司法所", planned_on=_ago(-13), place="环渚街道便民服务中心")
    rained_off = actions.plan_activity(by=by, org=hz, theme="“民法典进广场”法律咨询集市", form="consultation",
                                       venue="community", department="司法所", planned_on=_ago(75), place="龙溪社区文化广场")
    actions.cancel_activity(rained_off, by=by, reason="台风预警，户外活动取消，并入“八五”普法法治文艺演出开展。")

    serial = 0
    for village, names in [("longxi", ["张美芳", "刘建国", "陈晓东", "杨丽", "徐伟"]),
                           ("huandong", ["朱文华", "沈芳", "蒋海波", "韩雪"]),
                           ("yigao", ["姚金根", "孙小红", "许建平", "马玲", "钟国强", "潘月英"])]:
        for i, name in enumerate(names):
            serial += 1
            actions.enrol_liaison(by=by, org=orgs[village], kind="leader" if i == 0 else "liaison", name=name,
                                  gender="女" if name[-1] in "芳丽华红玲英雪" else "男",
                                  phone=f"1390572{serial:04d}",
                                  identity=["村（社区）干部", "网格员", "人民调解员", "党员", "乡贤"][i % 5],
                                  trained_on=_ago(400 - 10 * i), certificate_no=f"HZFM{year - 1}{serial:03d}")
    moved = LegalLiaison.objects.get(org=orgs["huandong"], name="韩雪")
    actions.retire_liaison(moved, by=by, reason="本人已迁居外地，不再担任法律明白人。")
    actions.enrol_liaison(by=by, org=orgs["huandong"], name="陆晓峰", gender="男", phone="13905720099", identity="网格员",
                          trained_on=_ago(50), certificate_no=f"HZFM{year}001")

    topics = [actions.add_topic(by=by, org=hz, title=title, description=desc, forms=forms, department=dept)
              for title, desc, forms, dept in [
                  ("民法典与家庭生活", "婚姻家庭、继承、相邻关系等与日常生活相关的民法典规定。", "上门讲座、法律咨询、发放资料", "司法所"),
                  ("防范电信网络诈骗", "常见诈骗手法、如何识别与报警、《反电信网络诈骗法》要点。", "上门讲座、发放资料", "平安办"),
                  ("劳动用工与工资支付", "劳动合同签订、工资支付、工伤认定，适合企业和务工人员。", "上门讲座、法律咨询", "社会事务办公室"),
                  ("物业管理与业主权益", "业主大会、物业服务合同、公共收益等常见问题。", "上门讲座、法律咨询", "城市管理办公室"),
              ]]
    delivered = actions.submit_request(topics[1], requester_kind=OutreachRequest.RequesterKind.COMMUNITY,
                                       requester="杨丽", organisation="龙溪社区居委会", phone="13905721234",
                                       preferred_form="上门讲座", place="龙溪社区活动室", expected_audience=60,
                                       note="社区老年人较多，希望讲讲养老诈骗。")
    actions.accept_request(delivered, by=by, accepted_on=_ago(40), assignee="平安办 何静", scheduled_on=_ago(30))
    actions.deliver_request(delivered, by=by, held_on=_ago(30), place="龙溪社区活动室", audience=65, materials=120,
                            consultations=9, summary="结合真实案例讲解养老诈骗常见手法。")
    actions.rate_request(delivered, rating="satisfied", comment="讲得很实在，老人们都听懂了。")
    accepted = actions.submit_request(topics[2], requester_kind=OutreachRequest.RequesterKind.ENTERPRISE,
                                      requester="王经理", organisation="湖州某某纺织有限公司", phone="13857201234",
                                      preferred_form="上门讲座", place="公司会议室", expected_audience=40)
    actions.accept_request(accepted, by=by, accepted_on=_ago(3), assignee="社会事务办公室 吴海燕", scheduled_on=_ago(-7))
    actions.submit_request(topics[0], requester_kind=OutreachRequest.RequesterKind.PERSON, requester="顾阿姨",
                           phone="13511112222", preferred_form="法律咨询", note="想了解遗嘱怎么写才有效。")
    school = actions.submit_request(topics[1], requester_kind=OutreachRequest.RequesterKind.SCHOOL, requester="钟老师",
                                    organisation="环渚小学", phone="13757201234", preferred_form="上门讲座",
                                    place="环渚小学报告厅", expected_audience=300, note="希望在开学第一课讲防诈骗。")
    actions.accept_request(school, by=by, accepted_on=_ago(95), assignee="平安办 何静", scheduled_on=_ago(88))
    actions.deliver_request(school, by=by, held_on=_ago(88), place="环渚小学报告厅", audience=320, materials=350,
                            consultations=6, summary="以游戏充值、冒充客服等案例讲解学生常见诈骗手法。")
    actions.rate_request(school, rating="basic", comment="内容很好，希望下次多留一些互动时间。")
    declined = actions.submit_request(topics[3], requester_kind=OutreachRequest.RequesterKind.PERSON, requester="邵先生",
                                      phone="13605721199", preferred_form="法律咨询", place="外地某小区",
                                      note="想咨询我在市区买的房子物业费问题。")
    actions.decline_request(declined, by=by, reason="所在小区不在本街道辖区，已告知向房屋所在地街道或12348热线咨询。")
    # Demo history: the older orders came in before they were handled.
    for req, days in ((delivered, 45), (accepted, 5), (school, 100), (declined, 20)):
        OutreachRequest.objects.filter(pk=req.pk).update(
            submitted_at=timezone.now() - dt.timedelta(days=days))

    # 织里镇 and 练市镇: smaller ledgers.
    zl, zl_by = orgs["zhili"], users["zhili.jingban"]
    zl_people = _cadres(zl_by, zl, [("徐海涛", "镇长", "leader", True, False), ("沈国平", "镇党委书记", "leader", True, False),
                                    ("朱莉", "司法所所长", "staff", False, False), ("陆斌", "执法中队队员", "staff", False, True),
                                    ("杨帆", "党政办科员", "staff", False, False)])
    _study(zl_by, zl, zl_people, [
        (260, K.LECTURE, "《行政处罚法》专题讲座", "3", "区司法局", ()),
        (140, K.COLLECTIVE, "集体学习《安全生产法》", "2", "徐海涛", ("杨帆",)),
        (100, K.ONLINE, "浙江省学法用法平台网上学法", "30", "", ()),
    ])
    actions.set_target(by=zl_by, org=zl, year=year, hours_per_person=Decimal(40), sessions=4, pass_rate=95)
    zl_exam = actions.schedule_exam(by=zl_by, org=zl, kind=LawExam.Kind.ANNUAL, title=f"{year}年度国家工作人员学法考试",
                                    held_on=_ago(60), organiser="区委依法治区办、区司法局", full_score=100, pass_score=60)
    actions.record_scores(zl_exam, by=zl_by, scores=dict(zip(zl_people, [88, 90, 95, 67, 55])))
    _meetings(zl_by, zl, [
        (320, M.REPORT, "沈国平", "镇党委书记在区委全面依法治区委员会会议上述法", "汇报上年度履行推进法治建设第一责任人职责情况。"),
        (200, M.PARTY, "沈国平", "专题研究童装产业安全生产执法和“枫桥式”矛盾纠纷化解工作", "成立镇安全生产执法专班。"),
    ])
    _duties(zl_by, zl, year, [
        ("综合行政执法中队", "《安全生产法》《消防法》", "童装加工企业、出租房房东", "执法检查中以案释法，每月开展一次进企业宣传。", "陆斌"),
        ("司法所", "《民法典》《人民调解法》《劳动合同法》", "外来务工人员、村（社区）调解员", "开设外来务工人员法律服务站。", "朱莉"),
        ("党政办", "《政府信息公开条例》《信访工作条例》", "机关干部", "会前学法。", "杨帆"),
    ])
    for days, theme, audience, materials, consult in [(220, "童装企业安全生产法治宣传", 200, 500, 40),
                                                       (80, "农村土地承包法律政策宣传", 160, 300, 28)]:
        actions.record_activity(by=zl_by, org=zl, theme=theme, form="campaign", venue="enterprise", department="司法所",
                                held_on=_ago(days), place="织里镇", audience=audience, materials=materials,
                                consultations=consult)
    for i, name in enumerate(["朱建明", "沈阿花", "陈立新"]):
        actions.enrol_liaison(by=zl_by, org=orgs["xiaohe"], kind="leader" if i == 0 else "liaison", name=name,
                              identity="村干部", trained_on=_ago(300))
    actions.enrol_liaison(by=zl_by, org=orgs["dongjiao"], name="钱美玲", gender="女", identity="网格员",
                          phone="13905729001", trained_on=_ago(120))
    safety = actions.add_topic(by=zl_by, org=zl, title="安全生产与消防法规", description="面向童装加工企业的安全生产和消防法规讲解。",
                               forms="上门讲座、发放资料", department="安全生产监督管理办公室")
    order = actions.submit_request(safety, requester_kind=OutreachRequest.RequesterKind.ENTERPRISE, requester="沈老板",
                                   organisation="湖州织里阿祥童装厂", phone="13967205566", preferred_form="上门讲座",
                                   place="厂区食堂", expected_audience=50, note="新招了一批工人，想请人讲讲消防安全。")
    OutreachRequest.objects.filter(pk=order.pk).update(submitted_at=timezone.now() - dt.timedelta(days=2))

    ls, ls_by = orgs["lianshi"], users["lianshi.jingban"]
    ls_people = _cadres(ls_by, ls, [("钱志刚", "镇长", "leader", True, False), ("郭静", "党政办主任", "staff", False, False)])
    _study(ls_by, ls, ls_people, [(150, K.LECTURE, "习近平法治思想专题讲座", "3", "区委党校", ())])
    actions.record_activity(by=ls_by, org=ls, theme="民法典进农村宣传", form="campaign", venue="village", department="司法所",
                            held_on=_ago(110), place="朝阳社区", audience=90, materials=200, consultations=17)
    actions.enrol_liaison(by=ls_by, org=orgs["chaoyang"], name="费国华", identity="人民调解员", trained_on=_ago(200))
