"""The one official-document builder (GB/T 9704-2012), its output opened again with python-docx."""

import datetime as dt
import io
from urllib.parse import unquote

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt

from yifa.core.officialdoc import DOCX, OfficialDocument, chinese_date, day_text, docx_response


def reopened(document: OfficialDocument):
    return docx.Document(io.BytesIO(document.to_bytes()))


def east_asian(run) -> str:
    return run._element.rPr.rFonts.get(qn("w:eastAsia"))


def paragraph(document, text):
    return next(p for p in document.paragraphs if p.text == text)


def letter() -> OfficialDocument:
    doc = OfficialDocument(title="东街道\n信访事项处理意见书", number="东街信复〔2025〕3号")
    doc.addressee("林晓华")
    doc.heading("一、信访请求")
    doc.heading("（一）基本情况", level=2)
    doc.para("路灯损坏一个月。\n请求尽快修复。")
    doc.table(["序号", "事项"], [[1, "路灯"], [2, None]])
    doc.signature("东街道办事处", dt.date(2025, 3, 1))
    doc.note("此件公开发布")
    return doc


def test_a_letter_reads_back_in_the_order_written():
    text = [p.text for p in reopened(letter()).paragraphs]
    assert text[:5] == ["东街道", "信访事项处理意见书", "东街信复〔2025〕3号", "", "林晓华："]
    assert text[5:9] == ["一、信访请求", "（一）基本情况", "路灯损坏一个月。", "请求尽快修复。"]
    assert text[-4:] == ["", "东街道办事处", "2025年3月1日", "（此件公开发布）"]


def test_the_page_is_a4_with_the_official_margins():
    section = reopened(letter()).sections[0]
    mm = lambda length: round(length.mm, 1)  # noqa: E731 (stored in twips)
    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert (mm(section.top_margin), mm(section.bottom_margin)) == (37, 35)
    assert (mm(section.left_margin), mm(section.right_margin)) == (28, 26)


def test_title_body_and_headings_have_their_official_fonts():
    document = reopened(letter())
    for line in ("东街道", "信访事项处理意见书"):
        title = paragraph(document, line)
        assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert title.runs[0].font.size == Pt(22) and east_asian(title.runs[0]) == "方正小标宋简体"
    body = paragraph(document, "路灯损坏一个月。")
    assert body.runs[0].font.size == Pt(16) and east_asian(body.runs[0]) == "仿宋_GB2312"
    assert body.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert body.paragraph_format.line_spacing == Pt(28)
    assert body.paragraph_format.first_line_indent == Pt(32)
    assert east_asian(paragraph(document, "一、信访请求").runs[0]) == "黑体"
    assert east_asian(paragraph(document, "（一）基本情况").runs[0]) == "楷体_GB2312"
    assert paragraph(document, "林晓华：").paragraph_format.first_line_indent is None


def test_the_date_stands_four_characters_in_from_the_right():
    dated = paragraph(reopened(letter()), "2025年3月1日")
    assert dated.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert dated.paragraph_format.right_indent == Pt(64)


def test_a_table_keeps_its_cells_and_shows_nothing_for_none():
    table = reopened(letter()).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "事项"]
    assert [c.text for c in table.rows[2].cells] == ["2", ""]
    assert east_asian(table.rows[0].cells[0].paragraphs[0].runs[0]) == "黑体"


def test_page_numbers_are_a_page_field_odd_right_even_left():
    document = reopened(letter())
    assert document.settings.odd_and_even_pages_header_footer is True
    section = document.sections[0]
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        number = footer.paragraphs[0]
        assert number.alignment == align and number.text == "— 1 —"
        assert "PAGE" in "".join(t.text for t in number._p.iter(qn("w:instrText")))
        assert {r.font.size for r in number.runs} == {Pt(14)}


def test_fonts_fall_back_where_the_official_ones_are_missing():
    document = reopened(letter())
    table = next(p for p in document.part.package.iter_parts() if str(p.partname).endswith("fontTable.xml"))
    xml = table.blob.decode("utf-8")
    for name, fallback in (("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体"), ("方正小标宋简体", "宋体")):
        assert f'w:name="{name}"><w:altName w:val="{fallback}"/>' in xml


def test_an_issuer_gives_a_red_head_with_the_number_over_the_red_line():
    doc = OfficialDocument(issuer="东街道办事处", number="东街发〔2025〕1号", title="关于公布目录的公告")
    document = reopened(doc)
    head = document.paragraphs[0]
    assert head.text == "东街道办事处" and str(head.runs[0].font.color.rgb) == "E60012"
    number = document.paragraphs[1]
    assert number.text == "东街发〔2025〕1号"
    assert number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:color")) == "E60012"
    assert [p.text for p in document.paragraphs[2:5]] == ["", "关于公布目录的公告", ""]
    assert document.core_properties.title == "关于公布目录的公告"


def test_a_signature_without_a_date_shows_the_blank_given():
    doc = OfficialDocument(title="报告")
    doc.signature("东街道办事处", None, date_text="（定稿时填写成文日期）")
    assert [p.text for p in reopened(doc).paragraphs][-2:] == ["东街道办事处", "（定稿时填写成文日期）"]


def test_dates_are_written_without_leading_zeros_or_left_blank():
    assert chinese_date(dt.date(2025, 3, 1)) == "2025年3月1日"
    assert day_text(None) == "____年__月__日" and day_text(dt.date(2025, 10, 9)) == "2025年10月9日"


def test_the_download_is_a_docx_under_its_chinese_name():
    response = docx_response(letter(), "信访事项处理意见书.docx")
    assert response["Content-Type"] == DOCX
    assert unquote(response["Content-Disposition"].split("''")[1]) == "信访事项处理意见书.docx"
    assert docx.Document(io.BytesIO(response.content)).paragraphs[1].text == "信访事项处理意见书"
