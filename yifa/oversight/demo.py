"""Demo records: a year of 代表建议/政协提案 and 复议/应诉 in 环渚街道, 织里镇 and 练市镇, made through the actions."""

import datetime as dt

from yifa.core import deadlines

from . import actions
from .models import Hearing, RespondentCase, Suggestion


def _ago(days: int) -> dt.date:
    return deadlines.today() - dt.timedelta(days=days)


def _suggestion(by, org, *, days_ago, serial_no, title, proposer, kind="npc", session="", assigned_by="",
                difficult=False, key=False, department="", co=(), contact=None, reply=None, close=None,
                content="", co_proposers="", our_role=Suggestion.Part.LEAD):
    """Register a suggestion and walk it as far as the demo wants: (days_ago, ...) for each step."""
    kind_label = "区第九届人大六次会议" if kind == "npc" else "区政协九届六次会议"
    s = actions.register_suggestion(
        by=by, org=org, kind=kind, serial_no=serial_no, session=session or kind_label, title=title, proposer=proposer,
        assigned_by=assigned_by or ("区人大常委会代表工作委员会" if kind == "npc" else "区政协提案委员会"),
        assigned_on=_ago(days_ago), difficult=difficult, key_supervision=key, content=content,
        co_proposers=co_proposers, our_role=our_role,
    )
    if not department:
        return s
    actions.assign(s, by=by, lead_department=department, handler=by, co_handlers=co)
    if contact is not None:
        actions.record_contact(s, by=by, contacted_on=_ago(contact), note="走访代表，面商办理方案")
    for c in s.co_handlers.all():
        if reply is not None:
            actions.record_co_opinion(c, by=by, opinion_on=_ago(reply[0] + 3), opinion="同意主办单位办理意见，配合做好相关工作。")
    if reply is not None:
        days, category, summary = reply
        actions.reply(s, by=by, replied_on=_ago(days), category=category, summary=summary,
                      reply_no=f"{org.abbreviation}复〔{_ago(days).year}〕{serial_no.strip('第号')}号")
    if close is not None:
        days, satisfaction = close
        actions.close(s, by=by, feedback_on=_ago(days), satisfaction=satisfaction)
    return s


def _case(by, org, *, kind, days_ago, case_no, body, claimant, act, category, organisation=False, simple=False,
          reply=None, hearing=None, outcome=None, performance=None):
    """Register a case and walk it: ``hearing`` is one hearing's fields or a list of them; numbers written
    with ``{y}`` take the year the case came in."""
    year = _ago(days_ago).year
    case_no = case_no.format(y=year)
    case = actions.register_case(
        by=by, org=org, kind=kind, case_no=case_no, body=body, claimant=claimant, claimant_is_organisation=organisation,
        act_category=category, disputed_act=act, received_on=_ago(days_ago), simple_procedure=simple, agent=by.display_name,
    )
    if reply is not None:
        actions.reply_case(case, by=by, replied_on=_ago(reply), summary="被诉行政行为认定事实清楚，证据确凿，适用法律正确，程序合法。",
                           evidence="1. 立案审批表；2. 现场检查笔录及照片；3. 询问笔录；4. 告知书及送达回证；5. 决定书及送达回证；"
                                    "依据：《中华人民共和国行政处罚法》等。")
    for fields in [hearing] if isinstance(hearing, dict) else hearing or []:
        actions.record_hearing(case, by=by, **fields)
    if outcome is not None:
        days, result, number = outcome
        actions.conclude(case, by=by, outcome=result, decided_on=_ago(days), decision_no=number.format(y=year))
    if performance is not None:
        actions.record_performance(case, by=by, performed_on=_ago(performance), note="已重新作出答复并送达原告。")
    return case


def seed(context) -> None:
    orgs, users = context.orgs, context.users
    hz, hz_by, hz_head = orgs["huanzhu"], users["huanzhu.jingban"], users["huanzhu.fuze"]
    zl, zl_by = orgs["zhili"], users["zhili.jingban"]
    ls, ls_by = orgs["lianshi"], users["lianshi.jingban"]

    # 环渚街道: last year's session, all answered on time.
    _suggestion(hz_by, hz, days_ago=600, serial_no="第18号", title="关于环渚片区老旧小区加装电梯的建议", proposer="王建平",
                session="区第九届人大五次会议", department="城市管理办公室", contact=580,
                reply=(540, "B", "已将龙溪、环东两个社区的6幢住宅列入年度加装电梯计划，街道协调资金补助。"),
                close=(530, "satisfied"))
    _suggestion(hz_by, hz, days_ago=600, serial_no="第31号", title="关于规范环渚街道农贸市场周边停车秩序的建议",
                proposer="沈美华", session="区第九届人大五次会议", department="综合行政执法队", contact=585,
                reply=(560, "A", "已在市场东侧增设临时停车泊位60个，执法队每日早市时段巡查。"), close=(550, "satisfied"))
    _suggestion(hz_by, hz, days_ago=595, serial_no="第7号", title="关于推进义皋村传统村落保护利用的提案", proposer="陆文涛",
                kind="cppcc", session="区政协九届五次会议", department="经济发展办公室", contact=570,
                reply=(520, "B", "已编制义皋村传统村落保护利用规划，申报省级历史文化村落。"), close=(510, "basic"))
    # This year's session (交办 in spring).
    _suggestion(hz_by, hz, days_ago=250, serial_no="第12号", title="关于在龙溪社区增设公共停车泊位的建议", proposer="王建平",
                co_proposers="李国强、张惠芬", department="城市管理办公室", co=("区交通运输局",), contact=230,
                reply=(200, "A", "已利用龙溪社区闲置地块建成公共停车场一处，新增泊位86个，已于本月投入使用。"),
                close=(190, "satisfied"),
                content="龙溪社区老旧小区集中，夜间停车难，占用消防通道现象突出，建议增设公共停车泊位。")
    _suggestion(hz_by, hz, days_ago=250, serial_no="第27号", title="关于加强环渚街道夜间噪声扰民治理的建议", proposer="沈美华",
                department="综合行政执法队", contact=235,
                reply=(175, "B", "已将夜间施工噪声纳入执法队重点巡查，建立投诉快速响应机制。"), close=(160, "unsatisfied"))
    _suggestion(hz_by, hz, days_ago=250, serial_no="第35号", title="关于加强义皋村河道长效保洁的建议", proposer="钱小明",
                department="农业农村办公室", contact=240,
                reply=(190, "A", "已落实河道保洁员4名，建立河长巡河日志，实现河面保洁全覆盖。"), close=(180, "satisfied"))
    _suggestion(hz_by, hz, days_ago=245, serial_no="第5号", title="关于推进环渚街道居家养老服务中心建设的提案",
                proposer="陆文涛", kind="cppcc", difficult=True, key=True, department="社会事务办公室",
                co=("区民政局", "区卫生健康局"), contact=230)
    _suggestion(hz_by, hz, days_ago=40, serial_no="第41号", title="关于完善环东社区健身设施的建议", proposer="张惠芬",
                session="区人大常委会会议期间代表建议")
    # Suggestions the 街道 co-handles (协办): its opinion goes to the 主办单位, which answers the representative.
    _suggestion(hz_by, hz, days_ago=240, serial_no="第19号", title="关于加快城中村改造安置房建设的建议",
                proposer="李国强", department="城市建设办公室", our_role=Suggestion.Part.CO,
                content="主办单位：区住房和城乡建设局。街道负责安置户摸底和房源分配意见。")
    _suggestion(hz_by, hz, days_ago=235, serial_no="第52号", title="关于太湖溇港水系综合治理的提案", proposer="姚明德",
                kind="cppcc", department="农业农村办公室", our_role=Suggestion.Part.CO, contact=220,
                reply=(190, "B", "协办意见已函告主办单位区水利局：义皋溇港清淤纳入街道年度河道整治计划，配合做好沿线群众工作。"),
                content="主办单位：区水利局。")

    # 环渚街道 as respondent.
    REC, LIT = RespondentCase.Kind.RECONSIDERATION, RespondentCase.Kind.LITIGATION
    _case(hz_by, hz, kind=REC, days_ago=300, case_no="吴政复〔{y}〕15号", body="吴兴区人民政府", claimant="周某某",
          act="《责令限期拆除违法建筑决定书》", category="coercion", reply=292,
          hearing={"kind": Hearing.Kind.HEARING, "held_on": _ago(270), "place": "区行政复议局听证室",
                   "appearance": Hearing.Appearance.HEAD, "head_name": "陈卫东", "head_title": "办事处主任"},
          outcome=(250, "upheld", "吴政复〔{y}〕15号"))
    _case(hz_by, hz, kind=LIT, days_ago=280, case_no="（{y}）浙0502行初45号", body="湖州市吴兴区人民法院",
          claimant="湖州某某建材有限公司", organisation=True, act="《行政处罚决定书》（罚款2万元）", category="penalty",
          reply=270, hearing={"kind": Hearing.Kind.COURT, "held_on": _ago(230), "place": "吴兴区人民法院第三法庭",
                              "appearance": Hearing.Appearance.HEAD, "head_name": "陈卫东", "head_title": "办事处主任",
                              "court_notified": True, "lawyer": "浙江某某律师事务所 刘律师"},
          outcome=(200, "claim_rejected", "（{y}）浙0502行初45号"))
    lost = _case(hz_by, hz, kind=LIT, days_ago=260, case_no="（{y}）浙0502行初61号", body="湖州市吴兴区人民法院",
                 claimant="吴某某", act="政府信息公开申请答复", category="disclosure", reply=250,
                 hearing={"kind": Hearing.Kind.COURT, "held_on": _ago(215), "appearance": Hearing.Appearance.STAFF,
                          "staff": "李晓燕（党政办）", "absence_reason": Hearing.Reason.OFFICIAL_DUTY,
                          "absence_note": "当日参加区防汛工作会议"},
                 outcome=(190, "illegal", "（{y}）浙0502行初61号"), performance=180)
    letter = actions.receive_letter(lost, by=hz_by, kind="judicial_suggestion", letter_no=f"（{_ago(185).year}）浙0502行建3号",
                                    issued_by="湖州市吴兴区人民法院", received_on=_ago(185),
                                    content="建议规范政府信息公开申请答复程序，严格在法定期限内答复并告知救济途径。")
    actions.answer_letter(letter, by=hz_by, answered_on=_ago(150),
                          answer="已修订依申请公开办理流程，组织全体经办人员专题培训，建立答复前法制审核机制。")
    # The plaintiff of 45号 appealed: the 二审 upheld the judgment; the unit sent its staff and lawyer.
    first = RespondentCase.objects.get(org=hz, case_no=f"（{_ago(280).year}）浙0502行初45号")
    second = actions.appeal(first, by=hz_by, received_on=_ago(185), case_no=f"（{_ago(185).year}）浙05行终27号",
                            body="湖州市中级人民法院", note="原告不服一审判决提起上诉")
    actions.reply_case(second, by=hz_by, replied_on=_ago(175), summary="一审判决认定事实清楚，适用法律正确，请求驳回上诉，维持原判。",
                       evidence="一审提交的全部证据；一审判决书。")
    actions.record_hearing(second, by=hz_by, kind=Hearing.Kind.COURT, held_on=_ago(140), place="湖州市中级人民法院第五法庭",
                           appearance=Hearing.Appearance.STAFF, staff="孙强（综合行政执法队）",
                           lawyer="浙江某某律师事务所 刘律师", absence_reason=Hearing.Reason.OFFICIAL_DUTY,
                           absence_note="办事处主任当日带队参加省防汛检查")
    actions.conclude(second, by=hz_by, outcome="claim_rejected", decided_on=_ago(110),
                     decision_no=f"（{_ago(185).year}）浙05行终27号", note="驳回上诉，维持原判")
    # 复议 upheld but with a 行政复议意见书 on the procedure (行政复议法 第七十六条), answered within 60 days.
    upheld = RespondentCase.objects.get(org=hz, case_no=f"吴政复〔{_ago(300).year}〕15号")
    letter = actions.receive_letter(upheld, by=hz_by, kind="opinion_letter", letter_no=f"吴复意〔{_ago(245).year}〕2号",
                                    issued_by="吴兴区人民政府", received_on=_ago(245),
                                    content="决定书送达回证填写不规范、催告程序记录不完整，建议规范强制拆除案件文书制作和送达。")
    actions.answer_letter(letter, by=hz_by, answered_on=_ago(205),
                          answer="已对近两年强制类案卷开展自查，统一送达回证和催告书格式，并纳入执法队季度案卷评查。")
    # 复议 now: replied, heard with a 副职 负责人 attending, waiting for the decision.
    _case(hz_by, hz, kind=REC, days_ago=45, case_no="吴政复〔{y}〕71号", body="吴兴区人民政府", claimant="湖州环渚汽车修理厂",
          organisation=True, act="《责令限期改正通知书》（占道维修车辆）", category="penalty", reply=37,
          hearing={"kind": Hearing.Kind.HEARING, "held_on": _ago(8), "place": "区行政复议局听证室",
                   "appearance": Hearing.Appearance.HEAD, "head_name": "钱丽萍", "head_title": "办事处副主任（分管执法）"})
    # 复议 revoked a permit refusal; the 复议意见书 that came with it is still to be answered (its 60 days run).
    revoked = _case(hz_by, hz, kind=REC, days_ago=110, case_no="吴政复〔{y}〕52号", body="吴兴区人民政府",
                    claimant="姚某某", act="不予核发乡村建设规划许可证的决定", category="licensing", reply=100,
                    outcome=(40, "revoked", "吴政复〔{y}〕52号"), performance=30)
    actions.receive_letter(revoked, by=hz_by, kind="opinion_letter", letter_no=f"吴复意〔{_ago(36).year}〕9号",
                           issued_by="吴兴区人民政府", received_on=_ago(36),
                           content="不予许可决定未说明具体理由和依据，建议完善乡村建设规划许可审查标准并在决定书中逐项说明理由。")
    _case(hz_by, hz, kind=LIT, days_ago=6, case_no="（{y}）浙0502行初132号", body="湖州市吴兴区人民法院",
          claimant="沈某某", act="《不予受理决定书》", category="inaction")
    _case(hz_by, hz, kind=REC, days_ago=3, case_no="吴政复〔{y}〕88号", body="吴兴区人民政府", claimant="孙某",
          act="《行政处罚决定书》（警告）", category="penalty", simple=True)

    # 织里镇.
    _suggestion(zl_by, zl, days_ago=245, serial_no="第3号", title="关于织里童装产业园区消防通道整治的建议", proposer="沈国华",
                session="织里镇第十八届人大六次会议", assigned_by="织里镇人大主席团", department="安全生产监督管理办公室",
                contact=230, reply=(160, "A", "已对园区42处堵塞消防通道完成清理，设立禁停标识。"), close=(150, "satisfied"))
    _suggestion(zl_by, zl, days_ago=245, serial_no="第9号", title="关于晓河村农村公路养护的建议", proposer="朱建明",
                session="织里镇第十八届人大六次会议", assigned_by="织里镇人大主席团", department="农业农村办公室",
                contact=220)
    _case(zl_by, zl, kind=LIT, days_ago=150, case_no="（{y}）浙0502行初98号", body="湖州市吴兴区人民法院",
          claimant="织里某某服饰有限公司", organisation=True, act="《责令停产停业决定书》", category="penalty", reply=140,
          hearing={"kind": Hearing.Kind.COURT, "held_on": _ago(100), "appearance": Hearing.Appearance.HEAD,
                   "head_name": "徐海涛", "head_title": "镇长"},
          outcome=(75, "claim_rejected", "（{y}）浙0502行初98号"))
    # 织里镇 lost an 不履行法定职责 case: the court's 司法建议 is past its 60 days, unanswered (the 督办 board shows it).
    inaction = _case(zl_by, zl, kind=LIT, days_ago=160, case_no="（{y}）浙0502行初101号", body="湖州市吴兴区人民法院",
                     claimant="俞某某", act="未对举报的违法建设依法查处", category="inaction", reply=150,
                     hearing={"kind": Hearing.Kind.COURT, "held_on": _ago(110), "appearance": Hearing.Appearance.STAFF,
                              "staff": "朱莉（司法所）", "absence_reason": Hearing.Reason.OTHER,
                              "absence_note": "镇长因病住院治疗"},
                     outcome=(80, "ordered", "（{y}）浙0502行初101号"))
    actions.receive_letter(inaction, by=zl_by, kind="judicial_suggestion", letter_no=f"（{_ago(72).year}）浙0502行建11号",
                           issued_by="湖州市吴兴区人民法院", received_on=_ago(72),
                           content="建议建立违法建设举报受理、查处和答复台账，明确办理时限，防止怠于履行法定职责。")

    # 练市镇.
    _suggestion(ls_by, ls, days_ago=230, serial_no="第14号", title="关于练市镇农贸市场改造提升的建议", proposer="钱伟",
                session="南浔区第九届人大六次会议", department="经济发展办公室", contact=210,
                reply=(150, "B", "市场改造已列入明年镇级民生实事项目。"), close=(140, "basic"))
    _case(ls_by, ls, kind=REC, days_ago=120, case_no="浔政复〔{y}〕21号", body="南浔区人民政府", claimant="陈某某",
          act="土地承包经营权登记", category="confirmation", reply=112, outcome=(70, "withdrawn", "浔政复终〔{y}〕3号"))
