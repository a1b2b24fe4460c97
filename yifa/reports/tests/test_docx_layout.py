"""The generated .docx, opened again with python-docx: GB/T 9704-2012 layout, fonts, parts, figures."""

import io

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt
from django.core.files.storage import default_storage

from yifa.reports import builder, review


@pytest.fixture
def document(final):
    with default_storage.open(final.document.stored_name, "rb") as handle:
        return docx.Document(io.BytesIO(handle.read()))


def east_asian(run) -> str:
    return run._element.rPr.rFonts.get(qn("w:eastAsia"))


def paragraph(document, text):
    return next(p for p in document.paragraphs if p.text == text)


def test_the_page_is_a4_with_the_official_margins(document):
    section = document.sections[0]
    mm = lambda length: round(length.mm, 1)  # noqa: E731 (stored in twips)
    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert (mm(section.top_margin), mm(section.bottom_margin)) == (37, 35)
    assert (mm(section.left_margin), mm(section.right_margin)) == (28, 26)


def test_the_title_is_2hao_xiaobiaosong_centred(document):
    for line in ("东街道", "关于2025年度法治政府建设情况的报告"):
        title = paragraph(document, line)
        assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
        run = title.runs[0]
        assert run.font.size == Pt(22)
        assert east_asian(run) == "方正小标宋简体"


def test_the_body_is_3hao_fangsong_with_28pt_lines_and_a_two_character_indent(document):
    body = paragraph(document, "一是部分干部法治意识不强。二是执法力量薄弱。")
    assert body.runs[0].font.size == Pt(16)
    assert east_asian(body.runs[0]) == "仿宋_GB2312"
    assert body.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert body.paragraph_format.line_spacing == Pt(28)
    ind = body._p.pPr.ind
    assert ind.get(qn("w:firstLineChars")) == "200"
    assert body.paragraph_format.first_line_indent == Pt(32)


def test_the_four_mandated_parts_are_headed_in_heiti_and_subsections_in_kaiti(document, final):
    headings = [p for p in document.paragraphs if p.text[:2] in ("一、", "二、", "三、", "四、")]
    assert [h.text for h in headings] == [
        "一、主要举措和成效", "二、党政主要负责人履行推进法治建设第一责任人职责情况", "三、存在的不足和原因",
        "四、下一年度工作安排"]
    assert {east_asian(h.runs[0]) for h in headings} == {"黑体"}
    subsections = [p for p in document.paragraphs if p.text.startswith("（")]
    assert subsections and {east_asian(s.runs[0]) for s in subsections} == {"楷体_GB2312"}
    assert review.detect_sections(final.text) == {
        "measures": True, "first_responsible": True, "shortcomings": True, "next_year": True}


def test_page_numbers_are_a_page_field_between_dashes_in_4hao(document):
    assert document.settings.odd_and_even_pages_header_footer is True
    section = document.sections[0]
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        number = footer.paragraphs[0]
        assert number.alignment == align
        assert number.text == "— 1 —"
        assert "PAGE" in "".join(t.text for t in number._p.iter(qn("w:instrText")))
        assert {r.font.size for r in number.runs} == {Pt(14)}


def test_fonts_fall_back_where_the_official_ones_are_missing(document):
    table = next(p for p in document.part.package.iter_parts() if str(p.partname).endswith("fontTable.xml"))
    xml = table.blob.decode("utf-8")
    for name, fallback in (("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体"), ("方正小标宋简体", "宋体")):
        assert f'w:name="{name}"><w:altName w:val="{fallback}"/>' in xml


def test_the_text_read_back_is_what_the_report_keeps(document, final):
    assert "\n".join(p.text for p in document.paragraphs) == final.text
    assert final.text.rstrip().endswith("东街道办事处\n2026年2月10日")


def test_computed_paragraphs_use_full_width_punctuation():
    assert builder.full_width_punctuation("受理纠纷8起,调解成功7起,共3,000元") == "受理纠纷8起，调解成功7起，共3,000元"


def test_a_long_title_breaks_after_the_issuing_body():
    assert builder.split_title("环渚街道关于2025年度法治政府建设情况的报告") == ["环渚街道", "关于2025年度法治政府建设情况的报告"]
