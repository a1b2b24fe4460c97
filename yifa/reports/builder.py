"""The yearly report as an official document: composition (``compose``) and the .docx (``render_docx``).

Layout after GB/T 9704-2012《党政机关公文格式》:
- A4; 天头 (top margin) 37 mm, bottom 35 mm, 订口 (left) 28 mm, right 26 mm;
- title in 2号 (22 pt) 方正小标宋简体, centred; body in 3号 (16 pt) 仿宋_GB2312, fixed 28-pt line
  spacing, first line indented two characters; level-1 headings (一、) 3号黑体, level-2 (（一）) 3号楷体;
- page numbers "— 1 —" in 4号 (14 pt) 宋体 in the footer, a PAGE field: odd pages right, even pages
  left, one character in from the edge of the text block.

Fonts are named, not embedded: the run properties carry the East Asian name (w:eastAsia) and the
font table gives each 公文 font a fallback (仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体, 方正小标宋简体 →
宋体), so Word and LibreOffice use the proper font where installed and a close one elsewhere.
"""

import datetime as dt
import io
import re
from dataclasses import dataclass, field

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .models import MANDATED, PARTS

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
FALLBACKS = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", HEADING2_FONT: "楷体", HEADING1_FONT: "黑体"}

SIZE_2 = Pt(22)   # 2号
SIZE_3 = Pt(16)   # 3号
SIZE_4 = Pt(14)   # 4号
LINE = Pt(28)
CN_NUMBERS = "一二三四五六七八九十"


# ---------------------------------------------------------------- composition


@dataclass
class Block:
    kind: str  # "h1", "h2", "p", "placeholder"
    text: str


@dataclass
class Draft:
    title: str
    addressee: str
    blocks: list[Block] = field(default_factory=list)
    signature: str = ""
    date: dt.date | None = None


def cn_number(n: int) -> str:
    """1 -> 一, 12 -> 十二 (headings never go past 九十九)."""
    if n <= 10:
        return CN_NUMBERS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_NUMBERS[tens - 1]) + "十" + (CN_NUMBERS[ones - 1] if ones else "")


def signature_name(org) -> str:
    """The issuing body as it signs: 织里镇人民政府, 环渚街道办事处."""
    if org.kind == "township" and not org.name.endswith("人民政府"):
        return f"{org.name}人民政府"
    if org.kind == "subdistrict" and not org.name.endswith("办事处"):
        return f"{org.name}办事处"
    return org.name


def addressee(org) -> str:
    """主送机关: the 党委 and 政府 of the level above (市、县、乡党委和政府向上一级党委和政府报告)."""
    parent = org.parent
    if parent is None:
        return ""
    return f"中共{parent.name}委、{parent.name}人民政府："


def default_title(org, year: int) -> str:
    return f"{org.name}关于{year}年度法治政府建设情况的报告"


def default_intro(org, year: int) -> str:
    parent = org.parent.name if org.parent_id else "上级"
    return (f"{year}年，{org.name}在{parent}委、{parent}政府的坚强领导下，坚持以习近平新时代中国特色社会主义思想"
            f"为指导，深入学习贯彻习近平法治思想，全面落实法治政府建设各项任务。现将{year}年度法治政府建设情况"
            f"报告如下：")


def paragraphs_of(text: str) -> list[str]:
    """A narrative field as paragraphs: one per non-empty line."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def full_width_punctuation(text: str) -> str:
    """Half-width commas, semicolons and colons between Chinese words become full-width (公文 punctuation);
    a comma between digits (3,000) stays."""
    text = re.sub(r"(?<![0-9]),|,(?![0-9])", "，", text)
    return re.sub(r"(?<=[\u4e00-\u9fff]);", "；", text)


PLACEHOLDERS = {
    "measures": "【待填写：本年度推进法治政府建设的主要举措和成效。】",
    "first_responsible": "【待填写：党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的情况（如专题研究、"
                         "带头学法、年终述法）。】",
    "shortcomings": "【待填写：本年度推进法治政府建设存在的不足和原因。】",
    "next_year": "【待填写：下一年度推进法治政府建设的主要安排。】",
}


def compose(report, *, final: bool = False) -> Draft:
    """The report's document: title, 主送机关, opening, the parts in order, signature.

    Computed paragraphs come first in each part (under their own 楷体 subheadings in 主要举措和成效),
    then the unit's narrative. A draft shows what is still to be written; the final text does not.
    """
    org, year = report.org, report.year
    blocks = [Block("p", p) for p in paragraphs_of(report.intro or default_intro(org, year))]
    number = 0
    for key, label in PARTS:
        computed = report.computed(key)
        narrative = paragraphs_of(report.narrative(key))
        if key == "other" and not narrative:
            continue
        number += 1
        blocks.append(Block("h1", f"{cn_number(number)}、{label}"))
        if key == "measures":
            blocks += [Block("p", p) for p in narrative]
            for index, contribution in enumerate(computed, start=1):
                blocks.append(Block("h2", f"（{cn_number(index)}）{contribution['heading']}"))
                blocks += [Block("p", full_width_punctuation(p)) for p in contribution["paragraphs"]]
        else:
            for contribution in computed:
                blocks += [Block("p", full_width_punctuation(p)) for p in contribution["paragraphs"]]
            blocks += [Block("p", p) for p in narrative]
        if not computed and not narrative and key in MANDATED and not final:
            blocks.append(Block("placeholder", PLACEHOLDERS[key]))
    date = report.finalized_on if final else None
    return Draft(title=report.title, addressee=addressee(org), blocks=blocks, signature=signature_name(org),
                 date=date)


# ---------------------------------------------------------------- the .docx


def _fonts(run, east_asian: str, size, *, latin: str = LATIN_FONT, bold: bool = False) -> None:
    run.font.size = size
    run.font.bold = bold
    run.font.name = latin
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:hint"), "eastAsia")


def _indent_chars(paragraph, *, first_line: int = 0, right: int = 0, left: int = 0) -> None:
    """Indents in characters (w:firstLineChars etc., hundredths of a character), with the twip
    equivalent at 3号 for readers that ignore the character units."""
    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
    for name, chars in (("firstLine", first_line), ("right", right), ("left", left)):
        if chars:
            ind.set(qn(f"w:{name}Chars"), str(chars * 100))
            ind.set(qn(f"w:{name}"), str(chars * 320))


def _paragraph(doc, text: str, east_asian: str, size, *, align=None, indent: int = 2, line=LINE, bold=False):
    paragraph = doc.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = line
    if align is not None:
        paragraph.alignment = align
    else:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if indent:
        _indent_chars(paragraph, first_line=indent)
    if text:
        _fonts(paragraph.add_run(text), east_asian, size, bold=bold,
               latin=east_asian if east_asian in (TITLE_FONT, HEADING1_FONT) else LATIN_FONT)
    return paragraph


def _page_number(paragraph) -> None:
    """"— N —" with N a PAGE field."""
    def run(text=None):
        r = paragraph.add_run(text)
        _fonts(r, PAGE_NUMBER_FONT, SIZE_4, latin=PAGE_NUMBER_FONT)
        return r

    run("— ")
    begin = run()
    fld = OxmlElement("w:fldChar")
    fld.set(qn("w:fldCharType"), "begin")
    begin._r.append(fld)
    instr_run = run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    instr_run._r.append(instr)
    separate = run()
    fld = OxmlElement("w:fldChar")
    fld.set(qn("w:fldCharType"), "separate")
    separate._r.append(fld)
    run("1")
    end = run()
    fld = OxmlElement("w:fldChar")
    fld.set(qn("w:fldCharType"), "end")
    end._r.append(fld)
    run(" —")


def _footers(doc, section) -> None:
    doc.settings.odd_and_even_pages_header_footer = True
    for footer, align, side in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
                                (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")):
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
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), BODY_FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:eastAsia"), "zh-CN")
    style.element.get_or_add_rPr().append(lang)


def render_docx(draft: Draft) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(25)
    _defaults(doc)
    _font_table(doc)
    _footers(doc, section)

    for line in split_title(draft.title):
        _paragraph(doc, line, TITLE_FONT, SIZE_2, align=WD_ALIGN_PARAGRAPH.CENTER, indent=0, line=Pt(36))
    _paragraph(doc, "", BODY_FONT, SIZE_3, indent=0)
    if draft.addressee:
        _paragraph(doc, draft.addressee, BODY_FONT, SIZE_3, indent=0)
    for block in draft.blocks:
        if block.kind == "h1":
            _paragraph(doc, block.text, HEADING1_FONT, SIZE_3)
        elif block.kind == "h2":
            _paragraph(doc, block.text, HEADING2_FONT, SIZE_3)
        else:
            _paragraph(doc, block.text, BODY_FONT, SIZE_3)
    _paragraph(doc, "", BODY_FONT, SIZE_3, indent=0)
    signature = _paragraph(doc, draft.signature, BODY_FONT, SIZE_3, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=0)
    _indent_chars(signature, right=4)
    date_text = f"{draft.date.year}年{draft.date.month}月{draft.date.day}日" if draft.date else "（定稿时填写成文日期）"
    dated = _paragraph(doc, date_text, BODY_FONT, SIZE_3, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=0)
    _indent_chars(dated, right=4)

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def split_title(title: str, width: int = 20) -> list[str]:
    """A long title on two lines, broken after 关于…的 / before 的报告 where possible (梯形或菱形)."""
    if len(title) <= width:
        return [title]
    for pattern in (r"^(.+?)(关于.+)$", r"^(.+)(的报告)$"):
        match = re.match(pattern, title)
        if match and all(len(part) <= width + 4 for part in match.groups()):
            return list(match.groups())
    middle = len(title) // 2
    return [title[:middle], title[middle:]]
