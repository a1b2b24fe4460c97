"""Demo 政府信息公开 records for 环渚街道 and 织里镇: a year of 主动公开 across the categories of 第二十条 and
第二十一条, and 依申请公开 requests at every step (补正, 第三方意见, 延期, each reply type), one carried over
from last year and one taken to 行政复议, so the yearly tables have something in every part.
"""

import datetime as dt

from yifa.core import deadlines
from yifa.core.identity import id_number_check_char, uscc_check_char
from yifa.core.models import User

from . import actions
from .models import InfoRequest, ProactiveDisclosure

P, R = ProactiveDisclosure, InfoRequest
C = P.Category

# (days ago formed, days to publish (None: not yet), title, category, extra)
PUBLICATIONS = {
    "huanzhu": [
        (300, 5, "环渚街道{y}年度部门预算", C.BUDGET, {}),
        (280, 3, "环渚街道办事处机构职能及联系方式", C.ORGANISATION, {}),
        (260, 10, "关于印发《环渚街道农村宅基地审批管理办法》的通知", C.NORMATIVE,
         {"document_number": "环街〔{y}〕12号", "normative_change": P.NormativeChange.ISSUED}),
        (240, 6, "{y}年{m}月城乡居民最低生活保障对象名单", C.ASSISTANCE, {}),
        (220, 4, "义皋村土地承包经营权流转情况公示", C.LAND_TRANSFER, {}),
        (200, 8, "环渚街道综合行政执法队行政处罚决定公示（第一批）", C.PENALTY, {"decision_count": 6}),
        (180, 2, "环渚街道突发地质灾害应急预案", C.EMERGENCY, {}),
        (170, 12, "龙溪社区宅基地使用审核结果公示", C.HOMESTEAD, {}),
        (150, 5, "{y}年农田水利设施维修项目建设情况", C.WATER, {}),
        (130, 30, "环渚街道{p}年度财政决算", C.BUDGET, {}),  # published late: 30 calendar days ≈ 22 workdays
        (120, 7, "环渚街道综合行政执法队行政处罚决定公示（第二批）", C.PENALTY, {"decision_count": 4}),
        (100, 3, "关于废止《环渚街道村级工程项目管理暂行办法》的决定", C.NORMATIVE,
         {"document_number": "环街〔{y}〕31号", "normative_change": P.NormativeChange.REPEALED}),
        (90, 6, "{y}年城乡居民医疗保险参保政策解读", C.WELFARE, {"channel": P.Channel.NEW_MEDIA}),
        (60, 4, "环渚街道建设项目用地征收补偿安置方案", C.LAND_EXPROPRIATION, {"channel": P.Channel.BULLETIN}),
        (40, 9, "{y}年{m}月临时救助发放情况", C.ASSISTANCE, {}),
        (20, 5, "占道经营行政强制措施决定公示", C.COERCION, {"decision_count": 2}),
        (12, 2, "环渚街道{y}年重大行政决策事项目录", C.PLANNING, {}),
        (6, None, "环渚街道{y}年村级“一事一议”筹资筹劳方案", C.FUNDING, {}),
        (420, 5, "环渚街道{y}年部门预算", C.BUDGET, {}),
        (400, 6, "环渚街道{y}年度社会救助对象公示", C.ASSISTANCE, {}),
    ],
    "zhili": [
        (250, 4, "织里镇{y}年部门预算", C.BUDGET, {}),
        (200, 6, "织里镇童装产业园区规划公示", C.PLANNING, {}),
        (150, 5, "晓河村土地承包经营权流转公示", C.LAND_TRANSFER, {}),
        (90, 3, "织里镇行政处罚决定公示", C.PENALTY, {"decision_count": 9}),
        (30, 8, "织里镇{y}年{m}月低保对象名单", C.ASSISTANCE, {}),
    ],
}


def valid_id(text: str) -> str:
    return text[:17] + id_number_check_char(text[:17])


def valid_uscc(text: str) -> str:
    return text[:17] + uscc_check_char(text[:17])


def _seed_publications(key, org, handler, today):
    for days, publish_after, title, category, extra in PUBLICATIONS[key]:
        formed = today - dt.timedelta(days=days)
        # Titles and 文号 name the year (and month) of the day the record was formed.
        years = {"y": formed.year, "p": formed.year - 1, "m": formed.month}
        title = title.format(**years)
        extra = {k: v.format(**years) if isinstance(v, str) else v for k, v in extra.items()}
        published = formed + dt.timedelta(days=publish_after) if publish_after is not None else None
        values = {"channel": P.Channel.WEBSITE, **extra}
        if published and published > today:
            published = today
        actions.create_publication(by=handler, org=org, title=title, category=category, formed_on=formed,
                                   summary=f"{title}。详见附件及政府网站原文。", published_on=published, **values)


def _request(org, handler, today, days_ago, **values):
    base = {"source": R.Source.IN_PERSON, "applicant_type": R.ApplicantType.PERSON, "medium": R.Medium.PAPER,
            "delivery": R.Delivery.POST, "address": "湖州市吴兴区环渚街道"}
    base.update(values)
    return actions.register_request(by=handler, org=org, received_on=today - dt.timedelta(days=days_ago), **base)


def _seed_requests(org, users, today):
    handler, head = users["huanzhu.jingban"], users["huanzhu.fuze"]
    day = lambda n: today - dt.timedelta(days=n)  # noqa: E731

    # Carried over from last year: received in late December, answered in January.
    carried = actions.register_request(
        by=handler, org=org, received_on=dt.date(today.year - 1, 12, 22), source=R.Source.LETTER,
        applicant_type=R.ApplicantType.PERSON, applicant_name="许文斌", id_number=valid_id("330502197112094418"),
        phone="13957205566", address="湖州市吴兴区环渚街道义皋村", description=f"义皋村{today.year - 1}年土地征收补偿款发放明细",
        medium=R.Medium.PAPER, delivery=R.Delivery.POST)
    actions.reply(carried, by=handler, on=min(dt.date(today.year, 1, 15), today), outcome=R.Outcome.PARTLY,
                  reason=R.Reason.THIRD_PARTY, reply_text="补偿款发放总额及标准予以提供；涉及其他农户的个人账户信息属于个人隐私，不予公开。")

    # 不予公开 after a late reply, taken straight to court: the court found the reply unlawful (the 行政诉讼 the
    # oversight demo registers as 确认违法), so table 四 shows a 直接起诉 corrected.
    r = _request(org, handler, today, 320, applicant_name="吴建明", id_number=valid_id("330502197403226619"),
                 phone="13605727711", description="义皋村道路拓宽工程房屋征收调查登记材料")
    actions.reply(r, by=handler, on=day(284), outcome=R.Outcome.WITHHELD, reason=R.Reason.CASE_FILE,
                  reply_text="所申请的调查登记材料属于征收工作案卷材料，依法不予公开。")
    actions.record_remedy(r, by=handler, litigation=R.Litigation.DIRECT, litigation_result=R.Remedy.CORRECTED)

    # 予以公开, on time; later taken to 行政复议 (upheld).
    r = _request(org, handler, today, 150, applicant_name="沈晓东", id_number=valid_id("330502198603152211"),
                 phone="13857201188", description=f"环渚街道{day(150).year}年老旧小区改造项目招标文件及中标结果")
    actions.reply(r, by=handler, on=day(140), outcome=R.Outcome.DISCLOSED, reason=R.Reason.PROVIDED,
                  reply_text="现将招标公告及中标结果公示复印件邮寄给您。")
    actions.record_remedy(r, by=handler, reconsideration=R.Remedy.UPHELD)

    # 补正 then 第三方意见 then 延期, answered 部分公开.
    r = _request(org, handler, today, 120, applicant_type=R.ApplicantType.BUSINESS, applicant_name="湖州某某建设有限公司",
                 credit_code=valid_uscc("91330502MA2B3C4D5"), contact_name="周经理", phone="05722345678",
                 source=R.Source.LETTER, description="有关工程项目的审计报告")
    actions.request_correction(r, by=handler, on=day(116), items="请写明所需审计报告对应的工程项目名称和年度。",
                               deadline=day(100))
    actions.receive_correction(r, by=handler, on=day(110))
    actions.consult_third_party(r, by=handler, on=day(104), third_party="湖州某某审计事务所")
    actions.receive_third_party_opinion(r, by=handler, on=day(96), opinion=R.ThirdPartyOpinion.OBJECTED)
    actions.extend(r, by=head, reason="涉及多家单位信息，需逐项区分处理")
    actions.reply(r, by=handler, on=day(70), outcome=R.Outcome.PARTLY, reason=R.Reason.THIRD_PARTY,
                  reply_text="审计结论部分予以提供；审计事务所工作底稿涉及其商业秘密，第三方不同意公开，不予公开。")

    # 已主动公开，告知途径.
    r = _request(org, handler, today, 90, source=R.Source.EMAIL, applicant_name="陈雨", id_number=valid_id("330502199508221126"),
                 email="chenyu@example.com", delivery=R.Delivery.EMAIL, medium=R.Medium.ELECTRONIC,
                 description=f"环渚街道{day(90).year}年部门预算")
    actions.reply(r, by=handler, on=day(85), outcome=R.Outcome.DISCLOSED, reason=R.Reason.ALREADY_PUBLIC,
                  reply_text="该信息已在环渚街道政府网站“政府信息公开—财政预决算”栏目公开，可直接查阅下载。")

    # 第三方 agreed: 予以公开.
    r = _request(org, handler, today, 75, applicant_type=R.ApplicantType.NONPROFIT,
                 applicant_name="湖州市绿水环保公益服务中心", credit_code=valid_uscc("52330502MJ8765432"),
                 contact_name="蔡志远", phone="05722678901", source=R.Source.LETTER,
                 description="环渚工业园区湖州环渚精密铸造有限公司污水纳管协议")
    actions.consult_third_party(r, by=handler, on=day(71), third_party="湖州环渚精密铸造有限公司")
    actions.receive_third_party_opinion(r, by=handler, on=day(63), opinion=R.ThirdPartyOpinion.AGREED)
    actions.reply(r, by=handler, on=day(58), outcome=R.Outcome.DISCLOSED, reason=R.Reason.PROVIDED,
                  reply_text="经征求第三方意见，第三方同意公开。现将污水纳管协议复印件邮寄给您。")

    # 不予公开: another household's 低保 income details (第十五条, 个人隐私).
    r = _request(org, handler, today, 68, applicant_name="范小林", id_number=valid_id("330502198209151538"),
                 phone="13957206677", description="环东社区邻居某某家庭申请最低生活保障时申报的家庭收入明细")
    actions.reply(r, by=handler, on=day(60), outcome=R.Outcome.WITHHELD, reason=R.Reason.THIRD_PARTY,
                  reply_text="所申请信息为他人家庭收入等个人隐私，公开会对第三方合法权益造成损害，依据第十五条不予公开。"
                             "低保对象名单已按规定在社区公示栏公示。")

    # 本机关不掌握.
    r = _request(org, handler, today, 60, applicant_name="钱伟", id_number=valid_id("330502198009113318"),
                 phone="13705728899", description=f"吴兴区{day(60).year}年城市规划修编草案")
    actions.reply(r, by=handler, on=day(52), outcome=R.Outcome.UNAVAILABLE, reason=R.Reason.NOT_HELD,
                  reply_text="经检索，本机关未制作、保存该信息。",
                  referred_agency="湖州市自然资源和规划局吴兴分局，电话0572-2000000")

    # 没有现成信息，需要另行制作.
    r = _request(org, handler, today, 55, applicant_type=R.ApplicantType.RESEARCH, applicant_name="浙江某某大学公共管理学院",
                 credit_code=valid_uscc("12330000470032145"), contact_name="刘教授", phone="05718897654",
                 source=R.Source.EMAIL, email="liu@example.edu.cn", delivery=R.Delivery.EMAIL,
                 medium=R.Medium.ELECTRONIC, description="环渚街道近十年各村（社区）外来人口变动情况的统计分析")
    actions.reply(r, by=handler, on=day(49), outcome=R.Outcome.UNAVAILABLE, reason=R.Reason.NEEDS_CREATION,
                  reply_text="本机关未制作所申请的统计分析，需要对现有数据进行加工、分析的，依据第三十八条可以不予提供。")

    # 补正 not made within the time given: treated as withdrawn.
    r = _request(org, handler, today, 50, applicant_name="姚建平", id_number=valid_id("330502196610083312"),
                 phone="13867201155", description="街道相关文件")
    actions.request_correction(r, by=handler, on=day(47), items="请写明所需文件的名称、文号或者便于查询的其他特征性描述。",
                               deadline=day(33))
    actions.close_without_correction(r, by=handler, on=day(30))

    # 实为信访 → 不予处理.
    r = _request(org, handler, today, 45, applicant_name="吴永明", id_number=valid_id("330502197709213615"),
                 phone="13957203344", description="要求街道说明为何不处理我反映的邻居违建问题并给出处理结果")
    actions.reply(r, by=handler, on=day(40), outcome=R.Outcome.NOT_HANDLED, reason=R.Reason.PETITION,
                  reply_text="您的申请实为投诉举报诉求，已告知通过信访渠道反映。")

    # 重复申请 (the same applicant, the same information, already answered).
    r = _request(org, handler, today, 38, applicant_name="吴永明", id_number=valid_id("330502197709213615"),
                 phone="13957203344", description="要求街道说明为何不处理我反映的邻居违建问题并给出处理结果")
    actions.reply(r, by=handler, on=day(33), outcome=R.Outcome.NOT_HANDLED, reason=R.Reason.REPEATED,
                  reply_text="您以同一内容再次申请，本机关已于前次作出答复，依据第三十六条第（六）项告知不予重复处理。")

    # 不予公开: 过程性信息.
    r = _request(org, handler, today, 35, applicant_type=R.ApplicantType.LEGAL, applicant_name="浙江某某律师事务所",
                 credit_code=valid_uscc("31330000MD0123456"), contact_name="李律师", phone="05712233445",
                 source=R.Source.LETTER, description="街道党工委会议讨论拆迁补偿方案的会议记录")
    actions.reply(r, by=handler, on=day(30), outcome=R.Outcome.WITHHELD, reason=R.Reason.PROCESS,
                  reply_text="所申请的会议记录属于行政机关在履行职责过程中形成的讨论记录，属于过程性信息，依法不予公开。")

    # Withdrawn by the applicant.
    r = _request(org, handler, today, 26, applicant_name="程丽娟", id_number=valid_id("330502199105241327"),
                 phone="13735726688", description="龙溪社区老旧小区改造工程竣工验收资料")
    actions.withdraw(r, by=handler, on=day(21), note="申请人来电表示已从社区获得所需资料，书面撤回申请。")

    # Open: one due soon, one waiting for a third party, one awaiting 补正, one online awaiting confirmation
    # (and a test submission set aside).
    _request(org, handler, today, 16, applicant_name="孙丽", id_number=valid_id("330502199002172528"),
             phone="13757209090", description="环东社区垃圾分类设施建设资金使用情况")
    # The third party's 15个工作日 run and the reply clock stands still meanwhile (第三十二条).
    r = _request(org, handler, today, 14, applicant_type=R.ApplicantType.BUSINESS, applicant_name="湖州吴兴顺达物流有限公司",
                 credit_code=valid_uscc("91330502MA2D8E7F6"), contact_name="王经理", phone="05722456789",
                 description="环渚冷链仓储有限公司仓库消防整改验收情况")
    actions.consult_third_party(r, by=handler, on=day(9), third_party="湖州环渚冷链仓储有限公司")
    r = _request(org, handler, today, 5, applicant_name="冯晓", id_number=valid_id("330502198807072019"),
                 phone="13505720088", description="有关补贴的文件")
    actions.request_correction(r, by=handler, on=day(3), items="请写明所需补贴文件的名称或发文年度。", deadline=day(-12))
    actions.submit_online(org=org, applicant_type=R.ApplicantType.PERSON, applicant_name="林晓华",
                          id_number=valid_id("330502199201014427"), phone="13905721234", email="",
                          address="湖州市吴兴区环渚街道龙溪社区", description=f"龙溪社区{today.year}年路灯维修项目预算",
                          medium=R.Medium.ELECTRONIC, delivery=R.Delivery.ONLINE, contact_name="", credit_code="")
    blank = actions.submit_online(org=org, applicant_type=R.ApplicantType.PERSON, applicant_name="测试",
                                  id_number="", phone="13900000000", email="", address="", description="测试",
                                  medium=R.Medium.ELECTRONIC, delivery=R.Delivery.ONLINE, contact_name="", credit_code="")
    actions.void(blank, by=handler, reason="内容为“测试”，不是政府信息公开申请，作为无效提交处理。")


def seed(context) -> None:
    today = deadlines.today()
    users = {name: User.objects.get(pk=user.pk) for name, user in context.users.items()}
    _seed_publications("huanzhu", context.orgs["huanzhu"], users["huanzhu.jingban"], today)
    _seed_publications("zhili", context.orgs["zhili"], users["zhang.liangdi"], today)
    _seed_requests(context.orgs["huanzhu"], users, today)
    zhili = context.orgs["zhili"]
    r = actions.register_request(
        by=users["zhang.liangdi"], org=zhili, received_on=today - dt.timedelta(days=40), source=R.Source.IN_PERSON,
        applicant_type=R.ApplicantType.PERSON, applicant_name="俞建新", id_number=valid_id("330502197605113014"),
        phone="13967208765", address="湖州市吴兴区织里镇晓河村", description=f"晓河村{today.year - 1}年集体资产出租合同",
        medium=R.Medium.PAPER, delivery=R.Delivery.PICK_UP)
    actions.reply(r, by=users["zhang.liangdi"], on=today - dt.timedelta(days=30), outcome=R.Outcome.DISCLOSED,
                  reason=R.Reason.PROVIDED, reply_text="现提供合同复印件，请到镇党政办领取。")
