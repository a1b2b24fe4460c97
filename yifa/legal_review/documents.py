"""Documents this module produces: the 审查意见书 (.docx, GB/T 9704 layout)."""

from .models import ReviewRequest
from yifa.core.officialdoc import OfficialDocument, chinese_date

CONCLUSION_WORDS = {
    ReviewRequest.Conclusion.LAWFUL: "经审查，送审事项在制定主体、权限、程序和内容方面符合法律、法规、规章和国家政策的规定，予以通过。",
    ReviewRequest.Conclusion.LAWFUL_WITH_CHANGES: "经审查，送审事项按本意见书所提意见修改后，符合法律、法规、规章和国家政策的规定。",
    ReviewRequest.Conclusion.UNLAWFUL: "经审查，送审事项不符合法律、法规、规章或国家政策的规定，在纠正前不得提交讨论决定或签订、发布。",
}


def opinion_document(review: ReviewRequest) -> OfficialDocument:
    doc = OfficialDocument(title="合法性审查意见书", number=review.opinion_number)
    doc.addressee(review.org.name)
    doc.para(f"你单位于{chinese_date(review.submitted_on)}送审的“{review.title}”"
             f"（{review.get_subject_display()}）及相关材料收悉。经审查，现提出意见如下：")
    doc.heading("一、审查事项")
    lines = [f"事项类别：{review.get_subject_display()}；送审事项：{review.title}。"]
    if review.counterpart:
        lines.append(f"合同相对方：{review.counterpart}。")
    if review.amount is not None:
        lines.append(f"合同金额：{review.amount:,.2f}元。")
    doc.para("".join(lines))
    doc.para(f"送审材料：{review.materials}")
    if review.question:
        doc.para(f"需审查的问题：{review.question}")
    doc.heading("二、审查依据")
    doc.para(review.basis)
    doc.heading("三、审查意见")
    doc.para(review.opinion)
    doc.heading("四、审查结论")
    doc.para(f"{review.get_conclusion_display()}。{CONCLUSION_WORDS.get(review.conclusion, '')}")
    doc.para(f"审查人：{review.reviewer_label or review.issued_by_name}", indent=True)
    doc.signature(review.org.name, review.issued_on)
    days = f"送审日期{chinese_date(review.submitted_on)}，出具日期{chinese_date(review.issued_on)}"
    if review.short_review_reason:
        days += f"；缩短审查时间的理由：{review.short_review_reason}"
    doc.note(days)
    doc.note("请送审单位在作出决定后，将本意见的采纳情况反馈审查机构")
    return doc
