"""Excel 台账 helpers: template, export (formula-safe, write-only) and all-or-nothing reading."""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from yifa.core import excel
from yifa.core.excel import Column

COLUMNS = [
    Column("title", "事项", required=True, parse=excel.parse_text(40)),
    Column("on", "日期", required=True, parse=excel.parse_date),
    Column("count", "人数", parse=excel.parse_int),
    Column("kind", "类型", choices={"来信": "letter", "来访": "visit"}),
]


def _read(response):
    return load_workbook(io.BytesIO(response.content)).worksheets[0]


def test_the_template_has_chinese_headers_with_required_marks_and_hints():
    sheet = _read(excel.template_response(COLUMNS, title="台账", filename="模板.xlsx"))
    assert [c.value for c in sheet[1]] == ["事项 *", "日期 *", "人数", "类型"]
    assert sheet["D2"].value == "（说明）可选：来信、来访"
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"


def test_an_export_is_formula_safe_and_reads_back_through_the_importer():
    rows = [{"title": '=HYPERLINK("http://x")', "on": dt.date(2025, 3, 1), "count": 3, "kind": "visit"},
            {"title": "普通事项", "on": dt.date(2025, 3, 2), "count": None, "kind": "letter"}]
    response = excel.export_response(COLUMNS, iter(rows), title="台账", filename="导出.xlsx")
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    sheet = _read(response)
    assert sheet["A2"].value == "'=HYPERLINK(\"http://x\")" and sheet["A2"].data_type == "s"
    assert sheet["D2"].value == "来访"
    result = excel.read_rows(SimpleUploadedFile("x.xlsx", response.content), COLUMNS)
    assert result.ok
    assert result.rows[1] == {"title": "普通事项", "on": dt.date(2025, 3, 2), "count": None, "kind": "letter"}


def test_one_bad_row_is_named_by_row_and_column_and_nothing_is_taken():
    rows = [{"title": "好", "on": "2025-03-01"}, {"title": "坏", "on": "2025-02-30"}, {"title": "", "on": "2025-03-01"}]
    upload = excel.export_response(COLUMNS, rows, title="台账", filename="x.xlsx").content
    result = excel.read_rows(SimpleUploadedFile("x.xlsx", upload), COLUMNS)
    assert not result.ok
    assert [str(e) for e in result.errors] == ["第 3 行“日期”：“2025-02-30”不是有效日期，请写成 2025-03-01 或 2025年3月1日。",
                                               "第 4 行“事项”：必填，不能为空。"]


def test_a_file_that_is_not_a_workbook_gets_a_chinese_message():
    result = excel.read_rows(SimpleUploadedFile("x.xlsx", b"not a workbook"), COLUMNS)
    assert "无法读取文件" in str(result.errors[0])
