"""Official documents as .docx in the layout of GB/T 9704-2012 《党政机关公文格式》.

A4 page, 版心 156 mm × 225 mm (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm);
title in 二号小标宋, body in 三号仿宋 with fixed line spacing (22 lines of 28
characters), first-level headings in 黑体 and second-level in 楷体, page number
"— n —" in 四号宋体. Fonts are named with their usual fallbacks: Word and
LibreOffice substitute a similar face where the official one is not installed.

Used by the three decision-and-rule modules (审查意见书, 决策事项目录, 征求意见公告,
采纳情况说明, 备案报告). Nothing here is specific to legal review: core has no
.docx builder yet, so it lives here until one lands there.
"""

import datetime as dt
import io

from django.http import HttpResponse
from django.utils.encoding import escape_uri_path
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
NUMBER_FONT = "宋体"
RED = RGBColor(0xE6, 0x00, 0x12)

SIZE_2 = Pt(22)   # 二号
SIZE_3 = Pt(16)   # 三号
SIZE_4 = Pt(14)   # 四号
LINE = Pt(28.95)  # 22 lines in the 225 mm 版心


def _font(run, name: str, size, *, bold: bool = False, color: RGBColor | None = None) -> None:
    run.font.name = name
    run.font.size = size
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _spacing(paragraph, *, before=0, after=0, exact=True) -> None:
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if exact:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = LINE


def _bottom_border(paragraph, color: str = "E60012", size: int = 12) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), str(size))
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), color)
    borders.append(bottom)
    ppr.append(borders)


def _page_number_footer(section) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(paragraph.add_run("— "), NUMBER_FONT, SIZE_4)
    run = paragraph.add_run()
    _font(run, NUMBER_FONT, SIZE_4)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
    _font(paragraph.add_run(" —"), NUMBER_FONT, SIZE_4)


def chinese_date(day: dt.date) -> str:
    """成文日期 as GB/T 9704-2012 writes it: Arabic numerals, no leading zeros."""
    return f"{day.year}年{day.month}月{day.day}日"


class OfficialDocument:
    """One document: optional red 版头 (issuer and 文号), title, body, signature block.

    ``issuer`` given: a 发文机关标志 in red with the 文号 and the red separator line
    (a 公文 such as 备案报告 or 征求意见公告). Without it the document starts at its
    title (a 文书 such as 审查意见书), with the number under the title.
    """

    def __init__(self, *, title: str, issuer: str = "", number: str = "", subtitle: str = ""):
        self.doc = Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        section.footer_distance = Mm(28) - Mm(7)
        _page_number_footer(section)
        style = self.doc.styles["Normal"]
        style.font.name = BODY_FONT
        style.font.size = SIZE_3
        style.element.rPr.rFonts.set(qn("w:eastAsia"), BODY_FONT)
        if issuer:
            head = self.doc.add_paragraph()
            head.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _spacing(head, after=12, exact=False)
            _font(head.add_run(issuer), TITLE_FONT, Pt(36), color=RED)
            if number:
                numbered = self.doc.add_paragraph()
                numbered.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _spacing(numbered)
                _font(numbered.add_run(number), BODY_FONT, SIZE_3)
                _bottom_border(numbered)
            else:
                _bottom_border(head)
            self.doc.add_paragraph()
        heading = self.doc.add_paragraph()
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _spacing(heading, before=0, after=0, exact=False)
        _font(heading.add_run(title), TITLE_FONT, SIZE_2)
        if subtitle:
            sub = self.doc.add_paragraph()
            sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _spacing(sub)
            _font(sub.add_run(subtitle), HEADING2_FONT, SIZE_3)
        if number and not issuer:
            numbered = self.doc.add_paragraph()
            numbered.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _spacing(numbered)
            _font(numbered.add_run(number), BODY_FONT, SIZE_3)
        self.doc.add_paragraph()

    def addressee(self, text: str) -> None:
        """主送机关: flush left, ending with a full-width colon."""
        paragraph = self.doc.add_paragraph()
        _spacing(paragraph)
        _font(paragraph.add_run(text.rstrip("：:") + "："), BODY_FONT, SIZE_3)

    def heading(self, text: str, level: int = 1) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(32)
        _spacing(paragraph)
        _font(paragraph.add_run(text), HEADING1_FONT if level == 1 else HEADING2_FONT, SIZE_3)

    def para(self, text: str, *, indent: bool = True, bold_lead: str = "") -> None:
        """A body paragraph, first line indented by two characters; ``bold_lead`` starts it in bold."""
        for line in (text or "").splitlines() or [""]:
            paragraph = self.doc.add_paragraph()
            if indent:
                paragraph.paragraph_format.first_line_indent = Pt(32)
            _spacing(paragraph)
            if bold_lead:
                _font(paragraph.add_run(bold_lead), BODY_FONT, SIZE_3, bold=True)
                bold_lead = ""
            _font(paragraph.add_run(line), BODY_FONT, SIZE_3)

    def table(self, headers: list[str], rows: list[list]) -> None:
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(table.rows[0].cells, headers):
            cell.text = ""
            _font(cell.paragraphs[0].add_run(str(text)), HEADING1_FONT, Pt(12))
        for row in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row):
                cell.text = ""
                _font(cell.paragraphs[0].add_run("" if value is None else str(value)), BODY_FONT, Pt(12))
        self.doc.add_paragraph()

    def signature(self, org_name: str, on: dt.date | None) -> None:
        """发文机关署名 and 成文日期, right-aligned, the date four characters in from the right edge."""
        self.doc.add_paragraph()
        for text in (org_name, chinese_date(on) if on else ""):
            if not text:
                continue
            paragraph = self.doc.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.paragraph_format.right_indent = Pt(64)
            _spacing(paragraph)
            _font(paragraph.add_run(text), BODY_FONT, SIZE_3)

    def note(self, text: str) -> None:
        """附注, in parentheses, indented two characters under the date."""
        paragraph = self.doc.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(32)
        _spacing(paragraph)
        _font(paragraph.add_run(f"（{text}）"), BODY_FONT, SIZE_3)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def docx_response(document: OfficialDocument, filename: str) -> HttpResponse:
    response = HttpResponse(document.to_bytes(), content_type=DOCX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(filename)}"
    return response
