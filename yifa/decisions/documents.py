"""Documents of the decisions module, as .docx in GB/T 9704 layout: 目录, 征求意见公告, 采纳情况说明."""

from yifa.core.identity import mask_name
from yifa.core.officialdoc import OfficialDocument, chinese_date

from .actions import comment_counts
from .models import ACT, Decision, DecisionCatalogue


def catalogue_document(catalogue: DecisionCatalogue) -> OfficialDocument:
    org = catalogue.org
    doc = OfficialDocument(issuer=org.name, title=f"关于公布{catalogue.year}年度重大行政决策事项目录的公告")
    approved = (f"经{catalogue.approval_body}（{chinese_date(catalogue.approved_on)}）同意，"
                if catalogue.approved_on else "")
    doc.para(f"根据{ACT}第三条规定，{approved}现将{org.name}{catalogue.year}年度重大行政决策事项目录予以公布。"
             "目录所列事项将依法履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序，"
             "欢迎社会各界监督并参与决策过程。")
    decisions = catalogue.decisions.exclude(status=Decision.Status.WITHDRAWN).order_by("pk")
    doc.table(["序号", "决策事项", "事项类型", "承办单位", "计划完成时间"],
              [[i, d.title, d.get_category_display(), d.undertaking_unit, d.planned]
               for i, d in enumerate(decisions, start=1)])
    if catalogue.adjustment_note:
        doc.para(f"目录调整说明：{catalogue.adjustment_note}")
    doc.signature(org.name, catalogue.published_on or catalogue.approved_on)
    return doc


def notice_document(decision: Decision) -> OfficialDocument:
    org = decision.org
    doc = OfficialDocument(issuer=org.name, title=f"关于《{decision.title}（征求意见稿）》公开征求意见的公告")
    days = (decision.comment_closes_on - decision.comment_opens_on).days
    doc.para(f"为提高决策的科学化、民主化、法治化水平，根据{ACT}第十四条、第十五条规定，现将"
             f"《{decision.title}（征求意见稿）》向社会公开征求意见。")
    doc.heading("一、征求意见时间")
    doc.para(f"自{chinese_date(decision.comment_opens_on)}起至{chinese_date(decision.comment_closes_on)}止，共{days}日。")
    if decision.comment_short_reason:
        doc.para(f"征求意见期限少于30日的理由：{decision.comment_short_reason}。")
    doc.heading("二、意见提交方式")
    doc.para(decision.comment_notice)
    doc.heading("三、决策草案")
    doc.para(decision.draft_text)
    if decision.draft_notes:
        doc.heading("四、起草说明")
        doc.para(decision.draft_notes)
    doc.signature(org.name, decision.comment_opens_on)
    return doc


def adoption_document(decision: Decision) -> OfficialDocument:
    """意见采纳情况说明: each comment (the sender's name reduced to a surname) with its answer."""
    org = decision.org
    doc = OfficialDocument(issuer=org.name, title=f"关于《{decision.title}（征求意见稿）》公众意见采纳情况的说明")
    counts = comment_counts(decision)
    doc.para(f"{chinese_date(decision.comment_opens_on)}至{chinese_date(decision.comment_closes_on)}，"
             f"我单位就《{decision.title}（征求意见稿）》公开征求社会公众意见，共收到意见{counts['total']}条，"
             f"其中采纳{counts['adopted']}条、部分采纳{counts['partly']}条、不予采纳{counts['not_adopted']}条、"
             f"不属于征求意见范围{counts['out_of_scope']}条。根据{ACT}第十八条规定，现将采纳情况说明如下。")
    doc.heading("一、总体情况")
    doc.para(decision.adoption_summary)
    doc.heading("二、意见及处理情况")
    rows = []
    for i, comment in enumerate(decision.comments.order_by("submitted_at", "pk"), start=1):
        who = mask_name(comment.name) if comment.name else "匿名"
        rows.append([i, who, comment.body[:300], comment.get_disposition_display(), comment.reply])
    if rows:
        doc.table(["序号", "提出人", "意见内容", "处理结果", "理由"], rows)
    else:
        doc.para("征求意见期间未收到意见。")
    doc.signature(org.name, decision.adoption_published_on)
    return doc

