"""Official letters as .docx in the layout of GB/T 9704-2012 (A4, 仿宋 三号 body, 小标宋 二号 title,
28-point lines), for the 信访 and 政府信息公开 letters. Generic; core has no .docx helper yet.
"""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BODY_FONT, TITLE_FONT = "仿宋_GB2312", "方正小标宋简体"


def _font(run, name: str, size: float, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def official_document():
    """An empty A4 document with the GB/T 9704 margins and body style."""
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    style = doc.styles["Normal"]
    style.font.name = BODY_FONT
    style.font.size = Pt(16)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    style.paragraph_format.line_spacing = Pt(28)
    style.paragraph_format.space_after = Pt(0)
    return doc


def heading(doc, text: str) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run(text), TITLE_FONT, 22)


def centred(doc, text: str) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run(text), BODY_FONT, 16)


def body(doc, text: str, *, indent: bool = True) -> None:
    for line in (text or "").splitlines() or [""]:
        p = doc.add_paragraph()
        if indent:
            p.paragraph_format.first_line_indent = Pt(32)
        _font(p.add_run(line.strip()), BODY_FONT, 16)


def signature(doc, org_name: str, day) -> None:
    doc.add_paragraph()
    for text in (org_name, f"{day.year}年{day.month}月{day.day}日"):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.right_indent = Pt(64)
        _font(p.add_run(text), BODY_FONT, 16)


def saved(doc) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def day_text(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "____年__月__日"
