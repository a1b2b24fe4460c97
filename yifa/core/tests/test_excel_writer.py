"""Core's own .xlsx writer (templates and exports): the package opens in openpyxl, normal and read-only, with the
values, types and look of the sheet; our importer reads it back; memory does not grow with the rows."""

import datetime as dt
import io
import tracemalloc
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import load_workbook

from yifa.core import excel
from yifa.core.excel import Column

COLUMNS = [
    Column("title", "事项", required=True, width=30),
    Column("count", "人数", width=8),
    Column("amount", "金额（元）", width=12),
    Column("on", "登记日期"),
    Column("at", "办结时间", width=20),
    Column("note", "备注", width=40),
]
LONG = "群众反映道路破损严重，雨天积水，影响出行，请求有关部门尽快维修并答复。" * 40
ROWS = [
    {"title": "普通事项", "count": 3, "amount": Decimal("1234.50"), "on": dt.date(2025, 3, 1),
     "at": dt.datetime(2025, 3, 1, 8, 30, 15), "note": None},
    {"title": 'a<b & c>"d"', "count": 0, "amount": 0.25, "on": dt.date(1999, 12, 31),
     "at": dt.datetime(2024, 2, 29, 23, 59, 59), "note": "第一行\n第二行"},
    {"title": "控制\x01字符\x0b已\x1f去掉", "count": -7, "amount": None, "on": None, "at": None, "note": LONG},
    {"title": '=HYPERLINK("http://x")', "count": None, "amount": None, "on": None, "at": None, "note": "@SUM(A1)"},
    {"title": "  前后有空格  ", "count": 10**12, "amount": Decimal("0.1"), "on": None, "at": None, "note": "编号_x12"},
]
WRITTEN = [  # what a reader of the sheet sees: text quoted against formulas, control characters gone
    ("普通事项", 3, 1234.5, dt.datetime(2025, 3, 1), dt.datetime(2025, 3, 1, 8, 30, 15), None),
    ('a<b & c>"d"', 0, 0.25, dt.datetime(1999, 12, 31), dt.datetime(2024, 2, 29, 23, 59, 59), "第一行\n第二行"),
    ("控制字符已去掉", -7, None, None, None, LONG),
    ("'=HYPERLINK(\"http://x\")", None, None, None, None, "'@SUM(A1)"),
    ("  前后有空格  ", 10**12, 0.1, None, None, "编号_x12"),
]


def _export(rows=ROWS, columns=COLUMNS, title="信访台账") -> bytes:
    response = excel.export_response(columns, iter(rows), title=title, filename="导出.xlsx")
    assert response.streaming and response["Content-Type"] == excel.XLSX
    return response.getvalue()


@pytest.mark.parametrize("read_only", [False, True])
def test_openpyxl_reads_every_value_with_its_type(read_only):
    sheet = load_workbook(io.BytesIO(_export()), read_only=read_only).worksheets[0]
    # A streamed sheet cannot state its size up front (<dimension>), so read-only openpyxl ends a row at its last cell.
    rows = [values + (None,) * (len(COLUMNS) - len(values)) for values in sheet.iter_rows(values_only=True)]
    assert rows[0] == ("事项 *", "人数", "金额（元）", "登记日期", "办结时间", "备注")
    assert rows[1:] == WRITTEN
    assert [type(v) for v in rows[1]] == [str, int, float, dt.datetime, dt.datetime, type(None)]


def test_the_sheet_looks_as_before_bold_header_widths_frozen_title_and_date_formats():
    book = load_workbook(io.BytesIO(_export()))
    sheet = book.worksheets[0]
    assert book.sheetnames == ["信访台账"]
    assert all(cell.font.bold for cell in sheet[1]) and not sheet["A2"].font.bold
    assert sheet["A1"].fill.fgColor.rgb == "FFDCE6F2" and sheet["A1"].alignment.horizontal == "center"
    assert sheet.freeze_panes == "A2"
    assert [sheet.column_dimensions[c].width for c in "ABCDEF"] == [30, 8, 12, 16, 20, 40]
    assert sheet["D2"].number_format == "yyyy-mm-dd" and sheet["E2"].number_format == "yyyy-mm-dd h:mm:ss"
    assert sheet["A2"].data_type == "s" and sheet["B2"].data_type == "n"


def test_the_package_has_only_the_minimal_parts_deflated_and_text_inline():
    package = zipfile.ZipFile(io.BytesIO(_export()))
    assert sorted(package.namelist()) == ["[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels",
                                          "xl/styles.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"]
    assert {info.compress_type for info in package.infolist()} == {zipfile.ZIP_DEFLATED}
    xml = package.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert 't="inlineStr"' in xml and "<f>" not in xml
    assert '<t>a&lt;b &amp; c&gt;"d"</t>' in xml and '<t xml:space="preserve">  前后有空格  </t>' in xml


def test_our_importer_reads_the_export_back_to_the_values_before_it():
    columns = [Column("title", "事项", required=True, parse=excel.parse_text(40)), Column("count", "人数"),
               Column("on", "登记日期", parse=excel.parse_date), Column("note", "备注")]
    rows = [{"title": t, "count": i, "on": dt.date(2025, 3, i + 1), "note": n} for i, (t, n) in enumerate(
        [('=HYPERLINK("x")', "+86 123"), ("-5 天", "'=1"), ("a<b&c", LONG), ("'abc", "_x0041_")])]
    result = excel.read_rows(SimpleUploadedFile("x.xlsx", _export(rows, columns)), columns)
    assert result.ok, result.errors
    assert result.rows == rows
    assert [n for n, _values in result.numbered] == [2, 3, 4, 5]
    # Text shaped like Excel's own escapes is written _x005F_x0041_ (ECMA-376 ST_Xstring), which Excel, WPS and our
    # importer read as the text it was; openpyxl leaves inline strings unescaped.
    assert "_x005F_x0041_" in zipfile.ZipFile(io.BytesIO(_export(rows, columns))).read("xl/worksheets/sheet1.xml").decode()


def test_the_template_shares_the_header_and_writes_its_hints_in_grey_italics():
    columns = [Column("title", "事项", required=True, help="不超过 40 字"),
               Column("kind", "类型", choices={"来信": "letter", "来访": "visit"}), Column("note", "备注")]
    content = excel.template_response(columns, title="台账", filename="模板.xlsx").getvalue()
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    assert [c.value for c in sheet[2]] == ["（说明）不超过 40 字", "（说明）可选：来信、来访", "（说明）"]
    assert sheet["A1"].font.bold and sheet["B2"].font.italic and sheet["B2"].font.color.rgb == "FF808080"
    assert sheet.freeze_panes == "A2"
    result = excel.read_rows(SimpleUploadedFile("x.xlsx", content), columns)
    assert result.ok and result.rows == []


def test_choices_booleans_times_and_aware_datetimes_are_written_as_excel_knows_them():
    columns = [Column("kind", "类型", choices={"来信": "letter"}), Column("done", "已办结"),
               Column("time", "时间"), Column("at", "时刻")]
    aware = timezone.make_aware(dt.datetime(2025, 3, 1, 8, 30))  # Asia/Shanghai
    content = _export([{"kind": "letter", "done": True, "time": dt.time(9, 15), "at": aware.astimezone(dt.UTC)},
                       {"kind": "other", "done": False}], columns)
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    assert [c.value for c in sheet[2]] == ["来信", True, dt.time(9, 15), dt.datetime(2025, 3, 1, 8, 30)]
    assert [c.value for c in sheet[3]][:2] == ["other", False]


def test_a_sheet_title_excel_would_refuse_is_made_acceptable():
    book = load_workbook(io.BytesIO(_export(title="信访/公开[台账]：2025年度第一季度各乡镇街道汇总表格与附件")))
    assert book.sheetnames == ["信访_公开_台账_：2025年度第一季度各乡镇街道汇总表格与附"]  # 31 characters at most
    assert len(book.sheetnames[0]) == 31


def test_a_failing_row_source_leaves_no_response_and_the_error_goes_on():
    def broken():
        yield ROWS[0]
        raise RuntimeError("数据库断开")

    with pytest.raises(RuntimeError):
        excel.export_response(COLUMNS, broken(), title="台账", filename="x.xlsx")


def _peak(rows: int) -> int:
    tracemalloc.start()
    try:
        response = excel.export_response(COLUMNS, (dict(ROWS[i % 3], title=f"反映事项{i}") for i in range(rows)),
                                         title="台账", filename="x.xlsx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    response.close()
    return peak


def test_memory_is_flat_an_export_four_times_longer_peaks_no_higher():
    _peak(10)  # modules, compiled expressions and caches in place before measuring
    small, large = _peak(1000), _peak(4000)
    assert large <= small * 1.2, f"1,000 rows {small / 1024:.0f} KB, 4,000 rows {large / 1024:.0f} KB"
    assert large < 2 * 1048576
