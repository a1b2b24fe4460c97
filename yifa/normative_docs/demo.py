"""Demo records: 环渚街道's documents in every validity state (有效/失效/已废止/已修改), one open for comment,
one ordered corrected by 吴兴区 and not yet answered; 织里镇 with a document it has not filed."""

import datetime as dt

from yifa.core import deadlines
from yifa.legal_review import actions as legal_review
from yifa.legal_review.models import ReviewRequest

from . import actions
from .models import CleanupItem, DocumentComment, NormativeDocument


def _through(document, users, *, published_ago: int, today: dt.date, file_after: int | None = 10,
             validity_months: int | None = None, comments=()):
    """Run a document from comment to publication (and filing) on past dates, as a unit's records show it."""
    handler, reviewer, head = users
    ago = lambda days: today - dt.timedelta(days=days)  # noqa: E731
    opens = ago(published_ago + 75)
    actions.open_comment(document, by=handler, opens_on=opens,
                         closes_on=actions.comment_minimum(document, opens) + dt.timedelta(days=2),
                         notice="通过本平台“规范性文件”栏目或信函提出意见。")
    for body, name in comments:
        comment = DocumentComment.objects.create(document=document, body=body, name=name, address_hash="demo")
        actions.answer_comment(comment, by=handler, disposition="adopted", reply="")
    actions.close_comment(document, by=handler, summary="意见已逐条研究，合理意见予以采纳。", closed_on=ago(published_ago + 30))
    actions.request_legality_review(document, by=handler, submitted_on=ago(published_ago + 28))
    review = ReviewRequest.objects.get(pk=document.review_request_id)
    legal_review.assign(review, by=reviewer, reviewer=reviewer)
    legal_review.issue_opinion(review, by=reviewer, conclusion="with_changes", issued_on=ago(published_ago + 20),
                               opinion="制定主体适格，未设定行政许可、处罚、强制事项；建议删除第八条“不予办理其他业务”的表述。",
                               basis="国办发〔2018〕37号；《中华人民共和国行政许可法》第十七条")
    legal_review.record_adoption(ReviewRequest.objects.get(pk=review.pk), by=handler, adoption="adopted",
                                 note="已按审核意见修改第八条。")
    document.refresh_from_db()
    actions.deliberate(document, by=handler, body="街道主任办公会议", held_on=ago(published_ago + 15),
                       minutes="会议审议通过，已按合法性审核意见修改。")
    actions.register(document, by=handler, registered_on=ago(published_ago + 5))
    actions.publish(document, by=head, published_on=ago(published_ago), effective_on=ago(published_ago),
                    channel="吴兴区人民政府门户网站", validity_months=validity_months)
    if file_after is not None:
        return actions.file(document, by=handler, filed_on=ago(published_ago - file_after),
                            report="现将该文件报送备案，请予审查。")
    return None


def seed(context) -> None:
    orgs, users = context.orgs, context.users
    huanzhu, zhili = orgs["huanzhu"], orgs["zhili"]
    team = (users["huanzhu.jingban"], users["huanzhu.shenhe"], users["huanzhu.fuze"])
    overseer = users["wuxing.ducha"]
    today = deadlines.today()

    def ago(days: int) -> dt.date:
        return today - dt.timedelta(days=days)

    def new(title, *, org=huanzhu, by=team[0], business=False, text="", notes="制定必要性：规范管理，回应群众关切。",
            basis="《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》"):
        return actions.create_document(org=org, by=by, title=title, drafting_unit="街道党政办", touches_business=business,
                                       basis=basis, draft_text=text or f"第一条 为规范{title[4:]}，制定本办法。\n"
                                       "第二条 本办法适用于本街道辖区。\n第三条 ……", drafting_notes=notes)

    # 失效: a trial rule whose two-year validity has run out.
    trial = new("环渚街道城市管理若干规定（试行）")
    filing = _through(trial, team, published_ago=1100, today=today, validity_months=24)
    actions.pass_review(filing, by=overseer, opinion="经审查，未发现问题，予以备案登记。")

    # 已废止 and 已修改: settled by last year's cleanup.
    relief = new("环渚街道困难群众临时救助实施办法", basis="《社会救助暂行办法》")
    actions.pass_review(_through(relief, team, published_ago=900, today=today), by=overseer, opinion="予以备案。")
    homestead = new("环渚街道农村宅基地管理实施细则", basis="《中华人民共和国土地管理法》")
    actions.pass_review(_through(homestead, team, published_ago=700, today=today), by=overseer, opinion="予以备案。")
    meals = new("环渚街道老年人助餐服务补贴办法", basis="《浙江省社会养老服务促进条例》")
    actions.pass_review(_through(meals, team, published_ago=200, today=today, file_after=12), by=overseer,
                        opinion="经审查，未发现问题，予以备案登记。")
    cleanup = actions.start_cleanup(org=huanzhu, by=team[0], title=f"环渚街道{ago(120).year}年行政规范性文件清理",
                                    reason="定期清理；《社会救助暂行办法》修订", started_on=ago(140))
    reasons = {relief.pk: ("repeal", "上位法已修订，相关救助标准由区统一制定"),
               homestead.pk: ("amend", "根据新修订的《土地管理法实施条例》修改第五条、第九条")}
    for item in cleanup.items.all():
        result, reason = reasons.get(item.document_id, (CleanupItem.Result.KEEP, ""))
        actions.set_cleanup_result(item, by=team[0], result=result, reason=reason)
    actions.conclude_cleanup(cleanup, by=team[2], decision="街道主任办公会议审议通过", concluded_on=ago(110))

    # 有效 but ordered corrected by the district, the unit's answer overdue.
    shops = new("环渚街道沿街商铺门前责任区管理办法", business=True,
                text="第一条 为加强沿街商铺门前责任区管理，制定本办法。\n第八条 拒不履行门前责任区义务的，"
                     "街道可暂停办理其营业执照年检等业务。")
    filing = _through(shops, team, published_ago=70, today=today, file_after=35,
                      comments=[("建议明确门前责任区的具体范围，避免执法随意。", "湖州环渚商贸有限公司")])
    actions.order_correction(filing, by=overseer, ordered_on=ago(30),
                             problem="第八条以“暂停办理营业执照年检等业务”作为管理手段，无法律依据，属于违法增设限制性措施。",
                             requirement="删除第八条相关内容，并报告纠正情况。")

    # Open for comment on the portal now.
    dogs = new("环渚街道文明养犬管理规定", basis="《浙江省动物防疫条例》；《湖州市文明行为促进条例》",
               text="第一条 为规范养犬行为，维护市容环境和公共安全，制定本规定。\n第二条 携犬出户应当束犬链、"
                    "及时清理犬只粪便。\n第三条 社区应当设置犬只便溺收集点。")
    actions.open_comment(dogs, by=team[0], opens_on=ago(3), closes_on=actions.comment_minimum(dogs, ago(3)) +
                         dt.timedelta(days=5), notice="通过本平台在线提交意见，或致电0572-2101100。")
    actions.submit_comment(dogs, body="建议在龙溪公园设置宠物活动区。", name="王女士", address_hash="demo")
    new("环渚街道物业服务质量考评办法")

    # 织里镇: published but not filed (报备率 below 100%).
    fire = new("织里镇童装企业消防安全管理规定", org=zhili, by=users["zhili.jingban"], business=True,
               basis="《中华人民共和国消防法》；《浙江省消防条例》")
    _through(fire, (users["zhili.jingban"], users["zhili.fuze"], users["zhili.fuze"]), published_ago=150, today=today,
             file_after=None)
    assert NormativeDocument.objects.filter(org=huanzhu).count() == 7
