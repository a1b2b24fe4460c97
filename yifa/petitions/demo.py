"""Demo 信访 records for 环渚街道 and 织里镇: every stage of the procedure, this year and last.

Dates are relative to today so the clocks show a realistic mix (on time, due soon, one overdue).
"""

import datetime as dt

from django.apps import apps

from yifa.core import deadlines
from yifa.core.identity import id_number_check_char
from yifa.core.models import User

from . import actions
from .models import Petition

P = Petition
C, K, S = P.Channel, P.Category, P.Subject

# (days ago received, channel, name, id number, phone, address, title, content, category, subject, steps)
# steps: list of (action, days ago, values)
HUANZHU = [
    (190, C.VISIT, "沈国强", "330502196805123417", "13957201234", "湖州市吴兴区环渚街道龙溪社区8幢2单元301室",
     "小区地下车库长期积水", "龙溪社区8幢地下车库每逢下雨即积水，车辆无法进出，物业多次承诺维修未落实，请求街道督促整改。",
     K.CLAIM, S.PROPERTY,
     [("accept", 185, {}), ("reply", 150, {"opinion": P.Opinion.SUPPORT,
       "opinion_text": "经现场核查，车库排水泵损坏属实。街道已责成物业公司于30日内更换排水泵并疏通管网，社区跟踪落实。依据《物业管理条例》第三十五条。"}),
      ("satisfaction", 140, {"satisfaction": P.Satisfaction.SATISFIED})]),
    (160, C.LETTER, "陈美芳", "330502197302284526", "13857209876", "湖州市吴兴区环渚街道义皋村12组",
     "宅基地审批进度咨询", "本人于去年提出农村宅基地建房申请，至今未获答复，请求告知审批进度并尽快办理。",
     K.CLAIM, S.AGRICULTURE,
     [("accept", 150, {}), ("reply", 110, {"opinion": P.Opinion.EXPLAIN,
       "opinion_text": "您的建房申请已经村级审查，现处于自然资源部门用地审核阶段。依据《浙江省农村宅基地管理办法》，街道将在收到审核意见后5个工作日内办结并告知。"}),
      ("satisfaction", 100, {"satisfaction": P.Satisfaction.BASIC})]),
    (120, C.PHONE, "王建华", "", "13705721122", "湖州市吴兴区环渚街道环东社区",
     "夜间施工噪声扰民", "环东社区东侧工地夜间22时后仍在施工，噪声严重影响休息。",
     K.CLAIM, S.ENVIRONMENT,
     [("accept", 118, {}), ("reply", 95, {"opinion": P.Opinion.SUPPORT,
       "opinion_text": "经综合行政执法队夜间巡查，施工单位未取得夜间施工许可，已依法责令停止夜间施工。依据《中华人民共和国噪声污染防治法》第四十三条。"}),
      ("satisfaction", 90, {"satisfaction": P.Satisfaction.SATISFIED})]),
    (100, C.REFERRED, "李小军", "330502198811063219", "15167201357", "湖州市吴兴区环渚街道龙溪社区3幢",
     "拖欠农民工工资", "本人在某装修公司务工，公司拖欠2024年工资1.8万元，多次讨要未果。",
     K.CLAIM, S.LABOUR,
     [("accept", 96, {}), ("extend", 60, {"reason": "需协调人社部门调取用工记录，经街道主任批准延长30日"}),
      ("reply", 20, {"opinion": P.Opinion.SUPPORT,
       "opinion_text": "经调查核实，公司拖欠工资属实。经街道协调，公司已于本月分两期结清全部欠薪。依据《保障农民工工资支付条例》第三条。"}),
      ("request_review", 12, {"organ": "吴兴区人民政府"})]),
    (75, C.ONLINE, "张某某", "", "18967201010", "",
     "建议增设社区公交站点", "龙溪社区到环渚街道办事处无直达公交，建议增设站点方便老年人办事。",
     K.SUGGESTION, S.CONSTRUCTION,
     [("accept", 70, {}), ("reply", 40, {"opinion": P.Opinion.EXPLAIN,
       "opinion_text": "您的建议已转交区交通运输局研究，区交通运输局答复将在下季度线网优化中统筹考虑。依据《信访工作条例》第二十九条。"})]),
    (60, C.VISIT, "周桂英", "330502195904153826", "13567201478", "湖州市吴兴区环渚街道环东社区5幢",
     "邻居违章搭建阻挡采光", "邻居在楼顶搭建阳光房，阻挡我家采光，协商未果，请求处理。",
     K.CLAIM, S.NEIGHBOUR, [("mediation", 55, {"note": "双方均同意由街道人民调解委员会调解"})]),
    (50, C.MAILBOX, "匿名", "", "", "",
     "反映某村干部工作作风问题", "某村干部接待群众态度生硬，办事推诿。",
     K.ACCUSATION, S.CONDUCT, [("transfer", 45, {"transferred_to": "吴兴区纪委监委",
                                                  "notice_text": "检举控告类事项，依据《信访工作条例》第三十条转送纪检监察机关。"})]),
    (45, C.LETTER, "吴永明", "330502197709213615", "13957203344", "湖州市吴兴区环渚街道义皋村",
     "要求撤销法院判决", "本人与他人借款纠纷一案，认为法院判决不公，请求街道撤销判决。",
     K.CLAIM, S.OTHER, [("refuse", 40, {"notice_text": "本事项属于人民法院审判职权范围，依据《信访工作条例》第三十一条，请依法通过上诉或申请再审途径解决。"})]),
    (40, C.VISIT, "钱海林", "330502196612083518", "13805721599", "湖州市吴兴区环渚街道龙溪社区",
     "征地补偿款分配争议", "村里土地征收补偿款分配方案未将本人户计入，请求重新核定。",
     K.CLAIM, S.LAND, [("accept", 35, {})]),
    (20, C.LETTER, "孙丽", "330502199002172528", "13757209090", "湖州市吴兴区环渚街道环东社区",
     "小区垃圾分类设施不足", "小区垃圾分类投放点过少，桶满溢，建议增设。",
     K.SUGGESTION, S.CONSTRUCTION, [("accept", 18, {})]),
    (66, C.VISIT, "赵大勇", "330502197011254213", "13967200011", "湖州市吴兴区环渚街道义皋村",
     "农村道路破损", "义皋村至环渚集镇道路破损严重，雨天无法通行。",
     K.CLAIM, S.CONSTRUCTION, [("accept", 64, {})]),
    (9, C.PHONE, "冯晓", "", "13505720088", "湖州市吴兴区环渚街道龙溪社区",
     "商户占道经营", "龙溪路菜场门口商户占道经营，影响通行。", K.CLAIM, S.CONSTRUCTION, []),
    (400, C.VISIT, "何建国", "330502196203301216", "13957207788", "湖州市吴兴区环渚街道义皋村",
     "养殖场关停补偿", "本人养殖场因环保整治关停，补偿标准过低，请求提高。",
     K.CLAIM, S.ENVIRONMENT,
     [("accept", 396, {}), ("reply", 350, {"opinion": P.Opinion.REJECT,
       "opinion_text": "经核查，补偿已按区政府公布的统一标准足额发放，请求提高补偿标准缺乏依据，不予支持。"}),
      ("request_review", 335, {"organ": "吴兴区人民政府"}),
      ("decide_review", 310, {"result": P.ReviewResult.UPHELD, "note": "复查认为原处理意见认定事实清楚、适用依据正确，予以维持。"}),
      ("request_recheck", 296, {"organ": "湖州市人民政府"}),
      ("decide_recheck", 270, {"result": P.ReviewResult.UPHELD,
                               "note": "复核认为补偿已按统一标准足额发放，复查意见正确，予以维持。本复核意见为终结意见，"
                                       "信访人以同一事实和理由提出的信访事项不再受理（《信访工作条例》第三十六条）。"}),
      ("satisfaction", 262, {"satisfaction": P.Satisfaction.DISSATISFIED, "note": "信访人对复核意见仍不满意，已告知信访程序终结"})]),
    # 复查 changed the first answer; the petitioner accepted the new one.
    (220, C.VISIT, "严国华", "330502197104186613", "13867205544", "湖州市吴兴区环渚街道环东社区11幢",
     "安置房分配顺序异议", "本人户为环东社区拆迁安置户，安置房选房顺序按签约时间排定，本人签约在前却排在后面，请求重新核定。",
     K.CLAIM, S.LAND,
     [("accept", 216, {}), ("reply", 170, {"opinion": P.Opinion.EXPLAIN,
       "opinion_text": "经核查，选房顺序依据《环东社区拆迁安置方案》按腾空交房时间排定，并非签约时间，现予解释说明。"}),
      ("request_review", 150, {"organ": "吴兴区人民政府"}),
      ("decide_review", 125, {"result": P.ReviewResult.CHANGED,
                              "note": "复查查明信访人户腾空交房时间登记有误，变更原处理意见：按更正后的交房时间重新排定选房顺序。"}),
      ("satisfaction", 115, {"satisfaction": P.Satisfaction.BASIC})]),
    # 复查 upheld, and the petitioner has now asked for 复核: its 30日 clock is running.
    (130, C.VISIT, "蒋卫国", "330502196509273312", "13757206688", "湖州市吴兴区环渚街道义皋村7组",
     "房屋征收评估价格异议", "本人房屋被列入义皋村道路拓宽征收范围，评估价格明显低于周边同类房屋，请求重新评估。",
     K.CLAIM, S.LAND,
     [("accept", 127, {}), ("reply", 75, {"opinion": P.Opinion.REJECT,
       "opinion_text": "评估由依法选定的评估机构作出，信访人未在规定期限内申请复核评估。依据《国有土地上房屋征收与补偿条例》"
                       "第十九条，对评估结果有异议的应申请复核评估、鉴定，本请求不予支持。"}),
      ("request_review", 55, {"organ": "吴兴区人民政府"}),
      ("decide_review", 28, {"result": P.ReviewResult.UPHELD, "note": "复查认为原处理意见适用依据正确，予以维持。"}),
      ("request_recheck", 10, {"organ": "湖州市人民政府"})]),
    # 上级交办 but outside the 街道's remit: objected to within 5个工作日 and sent back (第二十三条).
    (9, C.REFERRED, "严志华", "330502198304125517", "13967203322", "湖州市吴兴区环渚街道杨家埠村",
     "高速公路交通噪声影响", "申嘉湖高速环渚段夜间交通噪声大，请求加装声屏障。", K.CLAIM, S.ENVIRONMENT,
     [("object", 8, {"reason": "高速公路声屏障的设置和维护属于高速公路经营管理单位和交通运输主管部门职责，"
                               "不属于本街道职权范围，退回交办机关（《信访工作条例》第二十三条）。"})]),
    (380, C.LETTER, "郑秀兰", "330502196907082823", "13857200066", "湖州市吴兴区环渚街道环东社区",
     "低保资格认定", "本人家庭困难，申请最低生活保障未获批准。",
     K.CLAIM, S.LABOUR,
     [("accept", 375, {}), ("reply", 330, {"opinion": P.Opinion.SUPPORT,
       "opinion_text": "经入户调查和家庭经济状况核对，符合最低生活保障条件，已报区民政局审批同意。依据《社会救助暂行办法》第九条。"}),
      ("satisfaction", 320, {"satisfaction": P.Satisfaction.SATISFIED})]),
]

ZHILI = [
    (80, C.VISIT, "俞建新", "330502197605113014", "13967208765", "湖州市吴兴区织里镇晓河村",
     "童装企业排污", "晓河村附近童装印花企业废水直排河道，河水发黑发臭。", K.ACCUSATION, S.ENVIRONMENT,
     [("accept", 76, {}), ("reply", 50, {"opinion": P.Opinion.SUPPORT,
       "opinion_text": "经会同区生态环境分局检查，企业存在废水未经处理排放行为，已依法立案查处并责令整改。"}),
      ("satisfaction", 45, {"satisfaction": P.Satisfaction.SATISFIED})]),
    (30, C.ONLINE, "潘丽娟", "", "15857201122", "湖州市吴兴区织里镇东郊社区", "出租房消防隐患",
     "东郊社区群租房电动车室内充电，存在火灾隐患。", K.CLAIM, S.CONSTRUCTION, [("accept", 28, {})]),
    (12, C.LETTER, "沈永康", "330502195812224311", "13705729988", "湖州市吴兴区织里镇晓河村", "土地承包经营权流转纠纷",
     "村集体将本人承包地流转给他人，未征得本人同意。", K.CLAIM, S.AGRICULTURE, []),
]


def _run(petition, step, days_ago, values, users, today):
    on = today - dt.timedelta(days=days_ago)
    handler, head = users["zhang.liangdi"], users.get("huanzhu.fuze")
    if step == "accept":
        actions.accept(petition, by=handler, on=on, notice_text="经审查，符合受理条件，依法受理。")
    elif step == "refuse":
        actions.refuse(petition, by=handler, on=on, **values)
    elif step == "transfer":
        actions.transfer(petition, by=handler, on=on, **values)
    elif step == "extend":
        actions.extend(petition, by=head if petition.org.name == "环渚街道" else users["zhili.fuze"], **values)
    elif step == "reply":
        actions.reply(petition, by=handler, on=on, **values)
    elif step == "request_review":
        actions.request_review(petition, by=handler, on=on, **values)
    elif step == "decide_review":
        actions.decide_review(petition, by=handler, on=on, **values)
    elif step == "request_recheck":
        actions.request_recheck(petition, by=handler, on=on, **values)
    elif step == "decide_recheck":
        actions.decide_recheck(petition, by=handler, on=on, **values)
    elif step == "object":
        actions.object_to_assignment(petition, by=handler, on=on, **values)
    elif step == "satisfaction":
        actions.record_satisfaction(petition, by=handler, on=on, note=values.get("note", ""),
                                    satisfaction=values["satisfaction"])
    elif step == "mediation" and apps.is_installed("yifa.mediation"):
        actions.hand_to_mediation(petition, by=handler, on=on, **values)


def valid_id(text: str) -> str:
    """Demo ID numbers are made up; give them a correct GB 11643 check character."""
    return text[:17] + id_number_check_char(text[:17]) if text else ""


def seed(context) -> None:
    today = deadlines.today()
    # Fresh user objects: the acting unit of each audit entry is then found from the matter's unit, not from
    # whatever another module's seeding left on the shared objects.
    users = {name: User.objects.get(pk=user.pk) for name, user in context.users.items()}
    for org_key, rows in (("huanzhu", HUANZHU), ("zhili", ZHILI)):
        org = context.orgs[org_key]
        # Registered in the order they came in, so the 信访编号 follow the dates.
        for days, channel, name, id_number, phone, address, title, content, category, subject, steps in sorted(
                rows, key=lambda row: -row[0]):
            petition = actions.register(
                by=users["zhang.liangdi"], org=org, channel=channel,
                received_on=today - dt.timedelta(days=days), petitioner_name=name, petitioner_id_number=valid_id(id_number),
                petitioner_phone=phone, petitioner_address=address, title=title, content=content,
                category=category, subject=subject, contact_unclear=(name == "匿名"),
                referred_by="吴兴区信访局" if channel == C.REFERRED else "",
                referral_number="吴信交〔%d〕15号" % (today - dt.timedelta(days=days)).year
                if channel == C.REFERRED else "")
            for step, days_ago, values in steps:
                _run(petition, step, days_ago, values, users, today)
    # One online submission waiting to be registered, with a 查询码 a visitor can try on the portal.
    actions.submit_online(org=context.orgs["huanzhu"], petitioner_name="林晓华", petitioner_phone="13905721234",
                          petitioner_address="湖州市吴兴区环渚街道龙溪社区", title="小区路灯损坏",
                          content="龙溪社区2幢至5幢之间路灯损坏已一个月，夜间出行不便，请求维修。")
    # A second click on the portal's submit button: the same text again, 不予登记 as a duplicate.
    twice = actions.submit_online(org=context.orgs["huanzhu"], petitioner_name="林晓华", petitioner_phone="13905721234",
                                  petitioner_address="湖州市吴兴区环渚街道龙溪社区", title="小区路灯损坏",
                                  content="龙溪社区2幢至5幢之间路灯损坏已一个月，夜间出行不便，请求维修。")
    actions.discard(twice, by=users["zhang.liangdi"], reason="与同日提交的“小区路灯损坏”内容相同，系重复提交，不予登记。")
