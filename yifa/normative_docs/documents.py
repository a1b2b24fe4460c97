"""Documents of the normative-documents module (.docx, GB/T 9704 layout): 征求意见公告, 正式文本, 备案报告."""

from yifa.core.officialdoc import OfficialDocument, chinese_date

from .models import Filing, NormativeDocument


def notice_document(document: NormativeDocument) -> OfficialDocument:
    org = document.org
    doc = OfficialDocument(issuer=org.name, title=f"关于《{document.title}（征求意见稿）》公开征求意见的公告")
    doc.para(f"为增强行政规范性文件制定的透明度和科学性，现将《{document.title}（征求意见稿）》向社会公开征求意见。")
    doc.heading("一、征求意见时间")
    doc.para(f"自{chinese_date(document.comment_opens_on)}起至{chinese_date(document.comment_closes_on)}止。")
    doc.heading("二、意见提交方式")
    doc.para(document.comment_notice)
    doc.heading("三、文件草案")
    doc.para(document.draft_text)
    doc.heading("四、起草说明")
    doc.para(document.drafting_notes)
    doc.signature(org.name, document.comment_opens_on)
    return doc


def official_text(document: NormativeDocument) -> OfficialDocument:
    """正式文本 with its 文号, as registered and published."""
    org = document.org
    doc = OfficialDocument(issuer=f"{org.name}文件", number=document.number, title=document.title)
    doc.para(document.draft_text)
    if document.effective_on:
        doc.para(f"本文件自{chinese_date(document.effective_on)}起施行，有效期至{chinese_date(document.expires_on)}。")
    doc.signature(org.name, document.published_on or document.registered_on)
    return doc


def filing_report(filing: Filing) -> OfficialDocument:
    """备案报告 to the level above."""
    document = filing.document
    org = document.org
    doc = OfficialDocument(issuer=org.name, title=f"关于报送《{document.title}》备案的报告")
    doc.addressee(f"{filing.filed_to.name}人民政府" if filing.filed_to.kind == "county" else filing.filed_to.name)
    doc.para(f"我单位于{chinese_date(document.published_on)}公布了《{document.title}》（{document.number}），"
             f"自{chinese_date(document.effective_on)}起施行。该文件经公开征求意见、合法性审核"
             f"（{document.review_opinion_number}）和{document.deliberation_body}集体审议，现按规定报送备案。")
    doc.para(filing.report)
    doc.heading("附件")
    for i, item in enumerate(["备案报告", f"《{document.title}》正式文本", "起草说明", "合法性审核意见书",
                              "制定依据"], start=1):
        doc.para(f"{i}. {item}")
    doc.signature(org.name, filing.filed_on)
    return doc
