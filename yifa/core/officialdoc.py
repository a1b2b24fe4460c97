"""Official documents as .docx in the layout of GB/T 9704-2012 《党政机关公文格式》: the one builder
every module uses for its letters, opinions, notices and reports.

- A4; 天头 (top margin) 37 mm, bottom 35 mm, 订口 (left) 28 mm, right 26 mm (版心 156 mm × 225 mm);
- title in 2号 (22 pt) 方正小标宋简体, centred, a long title on several lines; body in 3号 (16 pt)
  仿宋_GB2312 with a fixed 28-pt line (the usual setting for 22 lines of 28 characters) and the first
  line indented two characters; level-1 headings (一、) in 3号黑体, level-2 (（一）) in 3号楷体;
- an optional red 版头 (发文机关标志 and 发文字号 over the red separator line) for a 公文, or the number
  under the title for a 文书;
- 发文机关署名 and 成文日期 right-aligned, the date four characters in from the right edge (成文日期 in
  Arabic numerals without leading zeros), 附注 in parentheses;
- page numbers "— 1 —" in 4号 (14 pt) 宋体, a PAGE field: odd pages right, even pages left, one
  character in from the edge of the text block.

Fonts are named, not embedded: each run carries the East Asian name (w:eastAsia) and the font table
gives each 公文 font a fallback (仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体, 方正小标宋简体 → 宋体), so
Word and LibreOffice use the proper font where installed and a close one elsewhere.

Use ``OfficialDocument`` (title, addressee, heading, para, table, signature, note; ``line`` for any
other centred or right-aligned line), then ``to_bytes()`` or ``docx_response(document, filename)``.
"""

import datetime as dt
import io

from django.http import HttpResponse
from django.utils.encoding import escape_uri_path
from docx import Document
from docx.enum.section import WD_SECTION
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
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
FALLBACKS = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", HEADING2_FONT: "楷体", HEADING1_FONT: "黑体"}
RED = RGBColor(0xE6, 0x00, 0x12)

SIZE_1 = Pt(26)   # 1号
SIZE_2 = Pt(22)   # 2号
SIZE_3 = Pt(16)   # 3号
SIZE_4 = Pt(14)   # 4号
SIZE_TABLE = Pt(12)  # 小4号, for tables
LINE = Pt(28)

CENTER, LEFT, RIGHT, JUSTIFY = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT,
                                WD_ALIGN_PARAGRAPH.JUSTIFY)


def chinese_date(day: dt.date) -> str:
    """成文日期 as GB/T 9704-2012 writes it: Arabic numerals, no leading zeros (2025年3月1日)."""
    return f"{day.year}年{day.month}月{day.day}日"


def day_text(day: dt.date | None, blank: str = "____年__月__日") -> str:
    """A date in a letter's text, or a blank to fill in by hand when there is none yet."""
    return chinese_date(day) if day else blank


def set_font(run, east_asian: str, size, *, bold: bool = False, color: RGBColor | None = None,
             latin: str | None = None) -> None:
    """The run in ``east_asian`` (w:eastAsia) at ``size``; Latin letters and digits in Times New Roman,
    except for the title and 黑体 headings, which keep one face throughout."""
    run.font.size = size
    run.font.bold = bold
    run.font.name = latin or (east_asian if east_asian in (TITLE_FONT, HEADING1_FONT, PAGE_NUMBER_FONT)
                              else LATIN_FONT)
    if color is not None:
        run.font.color.rgb = color
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:hint"), "eastAsia")


def indent_chars(paragraph, *, first_line: int = 0, right: int = 0, left: int = 0) -> None:
    """Indents in characters (w:firstLineChars etc., hundredths of a character), with the twip
    equivalent at 3号 for readers that ignore the character units."""
    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
    for name, chars in (("firstLine", first_line), ("right", right), ("left", left)):
        if chars:
            ind.set(qn(f"w:{name}Chars"), str(chars * 100))
            ind.set(qn(f"w:{name}"), str(chars * 320))


def _bottom_border(paragraph, color: str = "E60012", size: int = 12) -> None:
    """The red separator line under the 版头."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", str(size)), ("w:space", "1"), ("w:color", color)):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _field_char(run, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run._r.append(char)


def _page_number(paragraph) -> None:
    """"— N —" with N a PAGE field."""
    def run(text=None):
        r = paragraph.add_run(text)
        set_font(r, PAGE_NUMBER_FONT, SIZE_4)
        return r

    run("— ")
    _field_char(run(), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run()._r.append(instr)
    _field_char(run(), "separate")
    run("1")
    _field_char(run(), "end")
    run(" —")


def _footers(doc, section) -> None:
    """单页码居右空一字，双页码居左空一字 (GB/T 9704-2012 7.5)."""
    doc.settings.odd_and_even_pages_header_footer = True
    for footer, align, side in ((section.footer, RIGHT, "right"), (section.even_page_footer, LEFT, "left")):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
        ind.set(qn(f"w:{side}Chars"), "100")
        ind.set(qn(f"w:{side}"), "280")
        _page_number(paragraph)


def _font_table(doc) -> None:
    """Declare the 公文 fonts with their fallbacks (w:altName) and the GB2312 character set."""
    part = next(p for p in doc.part.package.iter_parts() if str(p.partname).endswith("/fontTable.xml"))
    entries = "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/><w:family w:val="modern"/>'
        f'<w:pitch w:val="fixed"/></w:font>' for name, alt in FALLBACKS.items())
    entries += '<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:charset w:val="86"/><w:family w:val="auto"/>' \
               '<w:pitch w:val="variable"/></w:font>'
    blob = part.blob.decode("utf-8")
    part._blob = blob.replace("</w:fonts>", entries + "</w:fonts>").encode("utf-8")


def _defaults(doc) -> None:
    """Normal style in the body font, so nothing falls back to the template's Latin defaults."""
    style = doc.styles["Normal"]
    style.font.size = SIZE_3
    style.font.name = LATIN_FONT
    rpr = style.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(lang)


class OfficialDocument:
    """One document: optional red 版头 (issuer and 文号), title, body, signature block.

    ``issuer`` given: a 发文机关标志 in red with the 文号 and the red separator line (a 公文 such as
    备案报告 or 征求意见公告). Without it the document starts at its title (a 文书 such as 审查意见书),
    with the number centred under the title. A title with line breaks ("\\n") is set on several lines;
    no title: the caller sets its own head with ``line``.
    """

    def __init__(self, *, title: str = "", issuer: str = "", number: str = "", subtitle: str = ""):
        self.doc = Document()
        section = self.doc.sections[0]
        section.start_type = WD_SECTION.NEW_PAGE
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        section.footer_distance = Mm(25)
        _defaults(self.doc)
        _font_table(self.doc)
        _footers(self.doc, section)
        if title:
            self.doc.core_properties.title = title.replace("\n", "")
        if issuer:
            head = self.line(issuer, font=TITLE_FONT, size=Pt(36), align=CENTER, spacing=None, color=RED)
            head.paragraph_format.space_after = Pt(12)
            if number:
                _bottom_border(self.line(number, align=CENTER))
            else:
                _bottom_border(head)
            self.blank()
        for text in (title or "").splitlines():
            self.line(text, font=TITLE_FONT, size=SIZE_2, align=CENTER, spacing=Pt(36))
        if subtitle:
            self.line(subtitle, font=HEADING2_FONT, align=CENTER)
        if number and not issuer:
            self.line(number, align=CENTER)
        if title:
            self.blank()

    # -- the primitive

    def line(self, text: str = "", *, font: str = BODY_FONT, size=SIZE_3, align=None, indent: int = 0,
             bold: bool = False, color: RGBColor | None = None, spacing=LINE):
        """One paragraph: ``indent`` first-line characters, fixed ``spacing`` (None: the style's); justified
        unless ``align`` says otherwise. Returns the paragraph."""
        paragraph = self.doc.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        if spacing is not None:
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = spacing
        paragraph.alignment = JUSTIFY if align is None else align
        if indent:
            indent_chars(paragraph, first_line=indent)
        if text:
            set_font(paragraph.add_run(text), font, size, bold=bold, color=color)
        return paragraph

    def blank(self):
        return self.line()

    # -- the parts of a document

    def addressee(self, text: str) -> None:
        """主送机关: flush left, ending with a full-width colon."""
        self.line(text.rstrip("：:") + "：")

    def heading(self, text: str, level: int = 1) -> None:
        """一、 in 黑体 (level 1) or （一） in 楷体 (level 2), indented like the body."""
        self.line(text, font=HEADING1_FONT if level == 1 else HEADING2_FONT, indent=2)

    def para(self, text: str, *, indent: bool = True, bold_lead: str = "") -> None:
        """Body paragraphs, one per line of ``text``; ``bold_lead`` starts the first in bold."""
        for line in (text or "").splitlines() or [""]:
            paragraph = self.line(indent=2 if indent else 0)
            if bold_lead:
                set_font(paragraph.add_run(bold_lead), BODY_FONT, SIZE_3, bold=True)
                bold_lead = ""
            if line.strip():
                set_font(paragraph.add_run(line.strip()), BODY_FONT, SIZE_3)

    def table(self, headers: list[str], rows: list[list]) -> None:
        """A ruled table: headings in 黑体, cells in 仿宋, both 小4号."""
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(table.rows[0].cells, headers):
            set_font(cell.paragraphs[0].add_run(str(text)), HEADING1_FONT, SIZE_TABLE)
        for row in rows:
            for cell, value in zip(table.add_row().cells, row):
                set_font(cell.paragraphs[0].add_run("" if value is None else str(value)), BODY_FONT, SIZE_TABLE)
        self.blank()

    def signature(self, org_name: str, on: dt.date | None, *, date_text: str = "") -> None:
        """发文机关署名 and 成文日期, right-aligned four characters in from the right edge; ``date_text``
        stands where the date is not known yet (e.g. "（定稿时填写成文日期）")."""
        self.blank()
        for text in (org_name, chinese_date(on) if on else date_text):
            if text:
                indent_chars(self.line(text, align=RIGHT), right=4)

    def note(self, text: str) -> None:
        """附注, in parentheses, indented two characters under the date."""
        self.line(f"（{text}）", indent=2)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def docx_response(document: "OfficialDocument | bytes", filename: str) -> HttpResponse:
    """A download of the document (or of its bytes) under a Chinese file name."""
    data = document if isinstance(document, bytes) else document.to_bytes()
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(filename)}"
    return response
