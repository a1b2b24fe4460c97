"""Excel 台账 helpers: template, export (formula-safe, written row by row, streamed) and all-or-nothing reading."""

import datetime as dt
import io
import tracemalloc

from django.core import signals
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import close_old_connections
from openpyxl import Workbook, load_workbook

from yifa.core import excel
from yifa.core.excel import Column

COLUMNS = [
    Column("title", "事项", required=True, parse=excel.parse_text(40)),
    Column("on", "日期", required=True, parse=excel.parse_date),
    Column("count", "人数", parse=excel.parse_int),
    Column("kind", "类型", choices={"来信": "letter", "来访": "visit"}),
]


def _body(response) -> bytes:
    """Templates and exports are streamed from a temporary file."""
    assert response.streaming
    return response.getvalue()


def _read(response):
    return load_workbook(io.BytesIO(_body(response))).worksheets[0]


def test_the_template_has_chinese_headers_with_required_marks_and_hints():
    sheet = _read(excel.template_response(COLUMNS, title="台账", filename="模板.xlsx"))
    assert [c.value for c in sheet[1]] == ["事项 *", "日期 *", "人数", "类型"]
    assert sheet["D2"].value == "（说明）可选：来信、来访"
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"


def test_an_export_is_formula_safe_and_reads_back_through_the_importer():
    rows = [{"title": '=HYPERLINK("http://x")', "on": dt.date(2025, 3, 1), "count": 3, "kind": "visit"},
            {"title": "普通事项", "on": dt.date(2025, 3, 2), "count": None, "kind": "letter"}]
    response = excel.export_response(COLUMNS, iter(rows), title="台账", filename="导出.xlsx")
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''%E5%AF%BC%E5%87%BA.xlsx"
    content = _body(response)
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    assert sheet["A2"].value == "'=HYPERLINK(\"http://x\")" and sheet["A2"].data_type == "s"
    assert sheet["D2"].value == "来访"
    result = excel.read_rows(SimpleUploadedFile("x.xlsx", content), COLUMNS)
    assert result.ok
    assert result.rows[1] == {"title": "普通事项", "on": dt.date(2025, 3, 2), "count": None, "kind": "letter"}


def test_one_bad_row_is_named_by_row_and_column_and_nothing_is_taken():
    rows = [{"title": "好", "on": "2025-03-01"}, {"title": "坏", "on": "2025-02-30"}, {"title": "", "on": "2025-03-01"}]
    upload = _body(excel.export_response(COLUMNS, rows, title="台账", filename="x.xlsx"))
    result = excel.read_rows(SimpleUploadedFile("x.xlsx", upload), COLUMNS)
    assert not result.ok
    assert [str(e) for e in result.errors] == ["第 3 行“日期”：“2025-02-30”不是有效日期，请写成 2025-03-01 或 2025年3月1日。",
                                               "第 4 行“事项”：必填，不能为空。"]


def test_a_file_that_is_not_a_workbook_gets_a_chinese_message():
    result = excel.read_rows(SimpleUploadedFile("x.xlsx", b"not a workbook"), COLUMNS)
    assert "无法读取文件" in str(result.errors[0])


def _many(n):
    for i in range(n):
        yield {"title": f"反映事项{i}：道路破损，请求维修。", "on": dt.date(2025, 3, 1), "count": i, "kind": "visit"}


def _peak(build) -> int:
    tracemalloc.start()
    try:
        build()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_large_export_is_streamed_from_a_generator_with_a_fraction_of_the_memory_of_building_it():
    responses = []
    streamed = _peak(lambda: responses.append(excel.export_response(COLUMNS, _many(5000), title="台账",
                                                                    filename="导出.xlsx")))

    def in_memory():  # what an export that holds every cell and the finished file would cost
        wb = Workbook()
        ws = wb.active
        ws.append([c.header for c in COLUMNS])
        for row in _many(5000):
            ws.append([excel.safe_cell(row[c.key]) for c in COLUMNS])
        wb.save(io.BytesIO())

    held = _peak(in_memory)
    response = responses[0]
    assert response.streaming and response["Content-Type"] == excel.XLSX
    sheet = load_workbook(io.BytesIO(_body(response)), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 5000
    assert rows[0] == ("反映事项0：道路破损，请求维修。", dt.datetime(2025, 3, 1), 0, "来访")
    assert rows[-1][0] == "反映事项4999：道路破损，请求维修。" and rows[-1][2] == 4999
    assert streamed * 10 < held, f"streamed {streamed / 1048576:.1f} MB, in memory {held / 1048576:.1f} MB"


def test_the_temporary_file_is_closed_with_the_response():
    response = excel.export_response(COLUMNS, _many(3), title="台账", filename="导出.xlsx")
    handle = response.file_to_stream
    assert not handle.closed
    # As the server does when the download ends (without the end-of-request database hook, as Django's test client).
    signals.request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        signals.request_finished.connect(close_old_connections)
    assert handle.closed


def _round_trip(titles):
    rows = [{"title": t, "on": dt.date(2025, 3, 1), "count": 1, "kind": "visit"} for t in titles]
    content = _body(excel.export_response(COLUMNS, iter(rows), title="台账", filename="导出.xlsx"))
    return load_workbook(io.BytesIO(content)).worksheets[0], excel.read_rows(SimpleUploadedFile("x.xlsx", content),
                                                                             COLUMNS)


def test_quoted_formula_text_reads_back_as_it_was_before_the_export():
    titles = ['=HYPERLINK("x")', "-5 天", "+86", "@SUM(1)", "'abc", "'=1", "''-2", "it's", "'"]
    sheet, result = _round_trip(titles)
    written = [sheet.cell(row=r, column=1).value for r in range(2, len(titles) + 2)]
    assert written == ["'=HYPERLINK(\"x\")", "'-5 天", "'+86", "'@SUM(1)", "'abc", "''=1", "'''-2", "it's", "'"]
    assert result.ok and [row["title"] for row in result.rows] == titles


def test_only_an_apostrophe_before_a_formula_character_is_taken_off():
    assert [excel.unquote(t) for t in ["'=1", "''=1", "'abc", "'", "abc", "=1", "' =1"]] == \
        ["=1", "'=1", "'abc", "'", "abc", "=1", "' =1"]
    for text in ["=1", "'=1", "'abc", "-", "'-", "x=1", ""]:
        assert excel.unquote(excel.safe_cell(text)) == text


def test_a_sheet_typed_by_hand_keeps_an_apostrophe_before_other_text():
    wb = Workbook()
    ws = wb.active
    ws.append([c.header for c in COLUMNS])
    ws.append(["'abc", "2025-03-01"])
    ws.append(["'-5 天", "2025-03-02"])
    buffer = io.BytesIO()
    wb.save(buffer)
    result = excel.read_rows(SimpleUploadedFile("x.xlsx", buffer.getvalue()), COLUMNS)
    assert [row["title"] for row in result.rows] == ["'abc", "-5 天"]
