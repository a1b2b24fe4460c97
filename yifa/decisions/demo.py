"""Demo records: 环渚街道's published catalogue with decisions at every stage, a "三重一大" item, and
织里镇's catalogue being drafted."""

import datetime as dt

from django.utils import timezone

from yifa.core import deadlines
from yifa.legal_review import actions as legal_review
from yifa.legal_review.models import ReviewRequest

from . import actions
from .actions import View
from .models import Decision, DecisionStep, PublicComment

K = DecisionStep.Kind


def _past_comment(decision, on: dt.date, body: str, name: str, disposition: str, reply: str) -> None:
    """A comment received during a period that has ended (imported from the unit's records)."""
    comment = PublicComment.objects.create(decision=decision, body=body, name=name, address_hash="demo")
    stamp = timezone.make_aware(dt.datetime.combine(on, dt.time(10, 30)))
    PublicComment.objects.filter(pk=comment.pk).update(submitted_at=stamp)
    comment.refresh_from_db()
    actions.answer_comment(comment, by=None, disposition=disposition, reply=reply)


def _review(decision, *, by, reviewer, submitted: dt.date, opinion: str, basis: str) -> dt.date:
    """A review that took its full minimum time; returns the day the opinion was issued."""
    step = actions.request_legality_review(decision, by=by, submitted_on=submitted)
    review = ReviewRequest.objects.get(pk=step.review_request_id)
    legal_review.assign(review, by=reviewer, reviewer=reviewer)
    issued = review.earliest_issue_on + dt.timedelta(days=1)
    legal_review.issue_opinion(review, by=reviewer, conclusion="lawful", opinion=opinion, basis=basis, issued_on=issued)
    legal_review.record_adoption(ReviewRequest.objects.get(pk=review.pk), by=by, adoption="adopted")
    return issued


def seed(context) -> None:
    orgs, users = context.orgs, context.users
    huanzhu, zhili = orgs["huanzhu"], orgs["zhili"]
    handler, head, reviewer = users["huanzhu.jingban"], users["huanzhu.fuze"], users["huanzhu.shenhe"]
    today = deadlines.today()

    def ago(days: int) -> dt.date:
        return today - dt.timedelta(days=days)

    year = ago(200).year

    catalogue = actions.create_catalogue(org=huanzhu, by=handler, year=year)
    items = [
        ("环渚街道老旧小区综合改造实施方案", "project", "街道城市建设管理办公室", f"{year}年第三季度",
         "《国务院办公厅关于全面推进城镇老旧小区改造工作的指导意见》；《浙江省城镇老旧小区改造技术导则》"),
        ("环渚街道农贸市场提升改造项目", "project", "街道经济发展办公室", f"{year}年第四季度",
         "《浙江省农贸市场管理办法》；《湖州市农贸市场提升改造三年行动方案》"),
        ("环渚街道生活垃圾分类收运体系建设方案", "policy", "街道城市建设管理办公室", f"{year + 1}年第一季度",
         "《浙江省生活垃圾管理条例》"),
        ("环渚街道养老服务设施布局规划", "plan", "街道社会事务办公室", f"{year + 1}年第二季度",
         "《中华人民共和国老年人权益保障法》；《浙江省社会养老服务促进条例》"),
    ]
    decisions = [actions.add_decision(org=huanzhu, by=handler, kind="major", category=category, title=title,
                                      catalogue=catalogue, undertaking_unit=unit, planned=planned, basis=basis,
                                      source="街道党工委、办事处研究提出")
                 for title, category, unit, planned, basis in items]
    actions.approve_catalogue(catalogue, by=head, approval_body=f"环渚街道党工委{year}年第4次会议",
                              approved_on=ago(200))
    actions.publish_catalogue(catalogue, by=head, published_on=ago(190))

    # 1. 老旧小区改造: every step done, decided, published, being implemented.
    renovation = decisions[0]
    actions.start(renovation, by=handler, undertaking_unit="街道城市建设管理办公室")
    actions.update_draft(renovation, by=handler,
                         draft_text="一、改造范围：环渚新村、龙溪花园等6个2000年前建成的小区，共48幢1632户。\n"
                                    "二、改造内容：基础类（水电气管网、屋面防水）、完善类（加装电梯、停车设施）、提升类（养老托育设施）。\n"
                                    "三、资金安排：中央和省级补助资金、区级配套资金、居民自愿出资相结合。\n"
                                    "四、实施步骤：摸底调查、方案公示、分批施工、竣工验收。",
                         draft_notes="经入户调查，87%的居民支持改造；加装电梯意见分歧较大，草案规定按单元征求意见，"
                                     "同意比例达到三分之二以上的实施。",
                         basis=renovation.basis)
    actions.open_comment(renovation, by=handler, opens_on=ago(170), closes_on=ago(138),
                         notice="可通过本平台“决策预公开”栏目、信函（环渚街道城市建设管理办公室，邮编313000）"
                                "或电话0572-2101100提出意见。")
    for on, body, name, disposition, reply in [
        (ago(166), "建议把龙溪花园的雨污分流一并纳入改造内容，每逢大雨小区积水严重。", "沈建国", "adopted", ""),
        (ago(159), "加装电梯的费用分摊办法要写清楚，低楼层住户不应承担过多费用。", "钱晓梅", "partly",
         "分摊办法由各单元业主协商确定，草案增加了街道指导协商的条款。"),
        (ago(151), "希望增加小区停车位，晚上停车太难。", "", "adopted", ""),
        (ago(143), "<script>alert('x')</script>请把我家楼下的违建拆了", "匿名", "out_of_scope",
         "违法建设问题已转街道综合行政执法队依法处理。"),
    ]:
        _past_comment(renovation, on, body, name, disposition, reply)
    actions.publish_adoption(renovation, by=handler, published_on=ago(133),
                             summary="征求意见期间共收到意见4条，采纳2条、部分采纳1条；雨污分流、停车设施已纳入改造内容，"
                                     "加装电梯费用分摊增加街道指导协商条款。")
    actions.add_expert_opinion(renovation, by=handler, expert_name="浙江省建筑设计研究院 周明华", expert_title="高级工程师",
                               field="建筑结构", given_on=ago(131), signed=True, no_interest=True,
                               opinion="改造方案技术可行；加装电梯应逐幢开展结构安全鉴定。")
    actions.add_expert_opinion(renovation, by=handler, expert_name="湖州师范学院 陈颖", expert_title="副教授",
                               field="城市规划", given_on=ago(131), signed=True, no_interest=True,
                               opinion="建议同步规划无障碍通道和适老化设施。")
    actions.complete_expert_review(renovation, by=handler, result="两位专家认为方案可行，结构鉴定和适老化建议均已采纳。")
    actions.record_risk_assessment(renovation, by=handler, assessed_on=ago(129), assessor="街道平安办",
                                   method="入户走访、座谈会、舆情跟踪", level="medium", controllable=True,
                                   risk_points="施工扰民；加装电梯邻里矛盾；资金不到位导致停工",
                                   measures="错峰施工并提前公告；社区调委会介入电梯协商；分批实施，资金到位后开工。")
    issued = _review(renovation, by=handler, reviewer=reviewer, submitted=ago(127),
            opinion="决策主体适格，程序完备；草案内容符合上位法规定。建议删除“未同意加装电梯的住户不得使用电梯”的表述。",
            basis="《重大行政决策程序暂行条例》；《中华人民共和国民法典》第二百七十八条")
    meeting = issued + dt.timedelta(days=4)
    actions.record_collective_decision(
        renovation, by=handler, kind="office", held_on=meeting, place="街道办事处三楼会议室",
        presided_by="陈卫东", attendees="陈卫东、刘志强、张海燕、吴建华、何丽萍", absentees="",
        views=[View("刘志强", "副主任", "agree", remarks="同意，建议加快电梯项目审批。"),
               View("张海燕", "副主任", "agree", remarks="同意。"),
               View("吴建华", "武装部长", "reserved", remarks="对资金来源有保留意见，担心区级配套不到位。"),
               View("何丽萍", "党政办主任", "agree"),
               View("陈卫东", "主任", "agree", is_head=True, remarks="同意实施，资金问题由财政办专项跟踪。")],
        outcome="approved", minutes="会议听取了城建办关于改造方案及公众参与、专家论证、风险评估、合法性审查情况的汇报，"
                                    "经讨论，同意实施。吴建华同志对资金来源保留意见，记录在案。",
        decision_text="同意实施《环渚街道老旧小区综合改造实施方案》，由街道城市建设管理办公室牵头组织实施。")
    actions.publish(renovation, by=handler, party_reported_on=meeting + dt.timedelta(days=2),
                    published_on=meeting + dt.timedelta(days=8),
                    channel="吴兴区人民政府门户网站、环渚街道公示栏",
                    interpretation="方案采纳了居民提出的雨污分流、增加停车位等意见和专家关于结构安全鉴定的建议。")
    actions.add_implementation_note(renovation, by=handler, noted_on=ago(30), kind="progress",
                                    text="首批3个小区已开工，完成管网改造1.2公里，加装电梯签约4台。")

    # 2. 农贸市场: draft open for comment on the portal now.
    market = decisions[1]
    actions.start(market, by=handler, undertaking_unit="街道经济发展办公室")
    actions.update_draft(market, by=handler,
                         draft_text="一、改造范围：环渚农贸市场主体建筑及周边道路。\n二、改造内容：摊位标准化、冷链设施、"
                                    "智慧监管系统、停车场。\n三、经营安排：改造期间设临时过渡市场，原经营户优先入驻。",
                         draft_notes="市场建成于1998年，设施老化，群众反映集中。", basis=market.basis)
    opens = today - dt.timedelta(days=10)
    actions.open_comment(market, by=handler, opens_on=opens, closes_on=actions.comment_minimum(opens) + dt.timedelta(days=3),
                         notice="可通过本平台“决策预公开”栏目在线提交意见，或致电0572-2101122（街道经济发展办公室）。")
    for body, name in [("临时过渡市场请设在步行10分钟范围内，方便老年人买菜。", "王阿姨"),
                       ("建议保留早市时段，改造后摊位费不要大幅上涨。", "")]:
        actions.submit_comment(market, body=body, name=name, address_hash="demo")
    actions.add_expert_opinion(market, by=handler, expert_name="湖州市市场发展服务中心 孙立", expert_title="高级经济师",
                               field="市场管理", given_on=today - dt.timedelta(days=5), signed=True, no_interest=True,
                               opinion="建议同步建设农产品快检室。")

    # 3. "三重一大": 社区服务中心改造资金, decided by the collective meeting.
    triple = actions.add_decision(org=huanzhu, by=handler, kind="triple", category="triple_funds",
                                  title="龙溪社区党群服务中心改造资金安排（128万元）", undertaking_unit="街道财政办",
                                  basis="《环渚街道“三重一大”事项集体决策制度》；《浙江省政府投资项目管理办法》",
                                  source="街道财政办提出")
    actions.start(triple, by=handler, undertaking_unit="街道财政办")
    actions.update_draft(triple, by=handler, draft_text="安排资金128万元用于龙溪社区党群服务中心改造，资金来源为街道年度预算。",
                         draft_notes="经比选确定改造方案，已列入年度预算。", basis=triple.basis)
    steps = actions.steps_of(triple)
    actions.waive_step(steps[K.PARTICIPATION], by=head, reason="本事项为街道内部预算资金安排，不直接涉及公众切身利益。")
    actions.waive_step(steps[K.EXPERT], by=head, reason="改造方案已经设计单位论证，资金安排事项专业性不强。")
    actions.record_risk_assessment(triple, by=handler, assessed_on=ago(80), assessor="街道财政办", level="low",
                                   controllable=True, risk_points="资金超支", measures="按合同价款分期支付，严格审计。")
    issued = _review(triple, by=handler, reviewer=reviewer, submitted=ago(79),
            opinion="资金安排已列入预算，决策程序符合街道“三重一大”制度。", basis="《中华人民共和国预算法》")
    actions.record_collective_decision(
        triple, by=handler, kind="party", held_on=issued + dt.timedelta(days=3), presided_by="陈卫东",
        attendees="陈卫东、刘志强、张海燕、何丽萍", outcome="approved", minutes="同意安排资金128万元。",
        views=[View("刘志强", "副主任", "agree"), View("张海燕", "副主任", "agree"), View("何丽萍", "党政办主任", "agree"),
               View("陈卫东", "主任", "agree", is_head=True)],
        decision_text="同意安排128万元用于龙溪社区党群服务中心改造。")

    # 织里镇: next year's catalogue being drafted.
    zhili_catalogue = actions.create_catalogue(org=zhili, by=users["zhili.jingban"], year=year + 1)
    for title, category in [("织里镇童装产业园区环境综合整治方案", "policy"), ("织里镇中心幼儿园新建工程", "project")]:
        actions.add_decision(org=zhili, by=users["zhili.jingban"], kind="major", category=category, title=title,
                             catalogue=zhili_catalogue, undertaking_unit="镇党政办")
    assert Decision.objects.filter(org=huanzhu).count() == 5
