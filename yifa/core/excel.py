"""Excel 台账 in and out.

A module describes its ledger once as a list of ``Column``s; the same list makes
the download template, validates an upload row by row (messages in Chinese,
each naming its row and column) and writes the export. Imports are all or
nothing: the caller saves only when ``ImportResult.errors`` is empty, inside
one transaction.
"""

import datetime as dt
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Callable, Iterable

from django.core.exceptions import ValidationError
from django.http import FileResponse
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_IMPORT_ROWS = 20000
# Cells starting with these are read by Excel as formulas: prefix them so an export can't run one.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False
    parse: Callable[[Any], Any] | None = None  # raises ValidationError (Chinese) on bad input
    help: str = ""  # shown in the template's second row
    width: int = 16
    choices: dict[str, Any] | None = None  # label in the sheet -> stored value


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"第 {self.row} 行" + (f"“{self.column}”" if self.column else "")
        return f"{where}：{self.message}"


@dataclass
class ImportResult:
    rows: list[dict] = field(default_factory=list)  # (row number, values) pairs are in .numbered
    numbered: list[tuple[int, dict]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def safe_cell(value):
    """Neutralise formula injection in exported text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _sheet(title: str, columns: list[Column]):
    """A write-only workbook with the header row written: rows appended later are flushed as they
    come, so an export of many rows never holds them all as cell objects."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31])
    for i, col in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = col.width
    ws.freeze_panes = "A2"
    bold, fill, centre = Font(bold=True), PatternFill("solid", fgColor="DCE6F2"), Alignment(horizontal="center")
    header = []
    for col in columns:
        cell = WriteOnlyCell(ws, value=col.header + (" *" if col.required else ""))
        cell.font, cell.fill, cell.alignment = bold, fill, centre
        header.append(cell)
    ws.append(header)
    return wb, ws


def _response(wb, filename: str) -> FileResponse:
    """Save the workbook into a temporary file and stream that file back in blocks: the finished .xlsx is never
    held in memory, and the file (unlinked on creation) disappears when the response is closed."""
    handle = tempfile.TemporaryFile()
    try:
        wb.save(handle)
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX)


def template_response(columns: list[Column], *, title: str, filename: str) -> FileResponse:
    """导入模板: headers (required ones marked *) and a row of hints."""
    wb, ws = _sheet(title, columns)
    grey = Font(italic=True, color="808080")
    hints = []
    for col in columns:
        hint = col.help or ("可选：" + "、".join(col.choices) if col.choices else "")
        cell = WriteOnlyCell(ws, value=f"（说明）{hint}" if hint else "（说明）")
        cell.font = grey
        hints.append(cell)
    ws.append(hints)
    return _response(wb, filename)


def export_response(columns: list[Column], rows: Iterable[dict], *, title: str, filename: str) -> FileResponse:
    """导出台账: one row per record, values already formatted by the caller where needed. ``rows`` may be a
    generator (e.g. over ``queryset.iterator()``): each row is written out as it comes and the file is streamed,
    so memory stays flat however long the ledger is."""
    wb, ws = _sheet(title, columns)
    reverse_choices = {col.key: {v: k for k, v in (col.choices or {}).items()} for col in columns}
    for row in rows:
        values = []
        for col in columns:
            value = row.get(col.key)
            value = reverse_choices[col.key].get(value, value)
            if isinstance(value, Decimal):
                value = float(value)
            values.append(safe_cell(value))
        ws.append(values)
    return _response(wb, filename)


def read_rows(uploaded, columns: list[Column]) -> ImportResult:
    """Read an uploaded .xlsx against ``columns``. Nothing is saved here."""
    result = ImportResult()
    try:
        wb = load_workbook(uploaded, read_only=True, data_only=True)
    except Exception:
        result.errors.append(RowError(0, "", "无法读取文件，请上传由模板填写的 .xlsx 文件。"))
        return result
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    if not header:
        result.errors.append(RowError(1, "", "表格是空的。"))
        return result
    names = [str(h or "").replace("*", "").strip() for h in header]
    index = {}
    for col in columns:
        if col.header in names:
            index[col.key] = names.index(col.header)
        elif col.required:
            result.errors.append(RowError(1, col.header, "缺少这一列，请使用最新的导入模板。"))
    if result.errors:
        return result
    for number, values in enumerate(rows, start=2):
        if number > MAX_IMPORT_ROWS + 1:
            result.errors.append(RowError(number, "", f"一次最多导入 {MAX_IMPORT_ROWS} 行。"))
            break
        raw = {key: values[i] if i < len(values) else None for key, i in index.items()}
        if all(v is None or str(v).strip() == "" for v in raw.values()):
            continue
        first = next((v for v in raw.values() if v is not None), "")
        if isinstance(first, str) and first.startswith("（说明）"):
            continue
        parsed, ok = {}, True
        for col in columns:
            value = raw.get(col.key)
            if isinstance(value, str):
                value = value.strip()
            if value is None or value == "":
                if col.required:
                    result.errors.append(RowError(number, col.header, "必填，不能为空。"))
                    ok = False
                parsed[col.key] = None
                continue
            try:
                if col.choices is not None:
                    if str(value) not in col.choices:
                        raise ValidationError(f"应为以下之一：{'、'.join(col.choices)}。")
                    value = col.choices[str(value)]
                parsed[col.key] = col.parse(value) if col.parse else value
            except ValidationError as error:
                result.errors.append(RowError(number, col.header, "；".join(error.messages)))
                ok = False
        if ok:
            result.numbered.append((number, parsed))
            result.rows.append(parsed)
    return result


# ---- parsers for common cell types -------------------------------------------------------------


def parse_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip().replace("年", "-").replace("月", "-").replace("日", "").replace("/", "-").replace(".", "-")
    try:
        return dt.date.fromisoformat("-".join(part.zfill(2) for part in text.split("-")))
    except ValueError:
        raise ValidationError(f"“{value}”不是有效日期，请写成 2025-03-01 或 2025年3月1日。")


def parse_int(value) -> int:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ValidationError(f"“{value}”不是整数。")
    if number != number.to_integral_value() or number < 0:
        raise ValidationError(f"“{value}”应为不小于 0 的整数。")
    return int(number)


def parse_amount(value) -> Decimal:
    try:
        amount = Decimal(str(value).replace(",", "").replace("元", "")).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise ValidationError(f"“{value}”不是有效金额（元）。")
    if amount < 0:
        raise ValidationError("金额不能为负数。")
    return amount


def parse_text(max_length: int) -> Callable[[Any], str]:
    def parse(value) -> str:
        text = str(value).strip()
        if len(text) > max_length:
            raise ValidationError(f"不能超过 {max_length} 个字（现有 {len(text)} 个）。")
        return text

    return parse
