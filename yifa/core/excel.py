"""Excel 台账 in and out.

A module describes its ledger once as a list of ``Column``s; the same list makes
the download template, validates an upload row by row (messages in Chinese,
each naming its row and column) and writes the export. Imports are all or
nothing: the caller saves only when ``ImportResult.errors`` is empty, inside
one transaction.
"""

import datetime as dt
import html
import posixpath
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Callable, Generator, Iterable, Iterator
from xml.etree import ElementTree

from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils import timezone
from openpyxl import load_workbook
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH, from_excel, from_ISO8601, to_excel

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_IMPORT_ROWS = 20000
# Cells starting with these are read by Excel as formulas: prefix them so an export can't run one.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# The export's quote and the import's unquote are exact inverses: text that is apostrophes then a formula
# character gets one more apostrophe on the way out ("=1" -> "'=1", "'=1" -> "''=1") and loses one on the way in,
# when it starts with at least one ("'=1" -> "=1"). Any other text, "'abc" included, passes both ways unchanged.
_QUOTE = re.compile("'*[" + re.escape("".join(FORMULA_PREFIXES)) + "]")
_UNQUOTE = re.compile("'+[" + re.escape("".join(FORMULA_PREFIXES)) + "]")


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
    """Neutralise formula injection in exported text: "=1" is written as "'=1" (``unquote`` undoes it)."""
    if isinstance(value, str) and _QUOTE.match(value):
        return "'" + value
    return value


def unquote(value: str) -> str:
    """The inverse of ``safe_cell`` on text: "'=1" reads as "=1"; "'abc" stays as it is."""
    return value[1:] if value[:1] == "'" and _UNQUOTE.match(value) else value


# ---- writing a sheet ------------------------------------------------------------------------------

# Templates and exports are written by the small .xlsx writer below, straight from the Office Open XML structure
# (ECMA-376 part 1, SpreadsheetML): the sheet's XML is produced row by row into the deflated zip member of a
# temporary file, text as inline strings (no table of shared strings to hold), so an export's memory does not
# grow with its rows and a row costs a few string joins instead of a cell object per value.

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_PROLOGUE = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_CONTENT_TYPES = _PROLOGUE + (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.styles+xml"/>'
    '</Types>')
_PACKAGE_RELS = _PROLOGUE + (
    f'<Relationships xmlns="{_PACKAGE_REL_NS}">'
    f'<Relationship Id="rId1" Type="{_REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK_RELS = _PROLOGUE + (
    f'<Relationships xmlns="{_PACKAGE_REL_NS}">'
    f'<Relationship Id="rId1" Type="{_REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL_NS}/styles" Target="styles.xml"/></Relationships>')
# Cell formats (the s="…" of a cell), in the order of <cellXfs> below.
_PLAIN, _HEADER, _DATE, _DATETIME, _HINT, _TIME = range(6)
_STYLES = _PROLOGUE + (
    f'<styleSheet xmlns="{_MAIN_NS}">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd h:mm:ss"/></numFmts>'
    '<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><i/><sz val="11"/><color rgb="FF808080"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFDCE6F2"/><bgColor indexed="64"/></patternFill></fill>'
    '</fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1">'
    '<alignment horizontal="center"/></xf>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="21" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '</styleSheet>')
# Characters XML 1.0 does not allow (control characters other than tab and line ends): dropped, where openpyxl
# refuses the whole workbook.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Text that already looks like one of Excel's _xHHHH_ escapes keeps its underscore (written _x005F_xHHHH_).
_LOOKS_ESCAPED = re.compile("_(x[0-9A-Fa-f]{4}_)")
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\\/*?:\[\]]")
_FLUSH_AT = 1 << 14  # characters of sheet XML gathered before they go to the compressor


def _xml_text(value: str) -> str:
    if _ILLEGAL_XML.search(value):
        value = _ILLEGAL_XML.sub("", value)
    if "_x" in value:
        value = _LOOKS_ESCAPED.sub(r"_x005F_\1", value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _serial(value) -> str:
    """The serial number of a (naive) datetime, date or time as the text of a <v>: openpyxl's ``to_excel`` (1900
    date system, with its phantom 29 February 1900), a date as a whole number."""
    serial = to_excel(value)
    return repr(serial) if isinstance(value, (dt.datetime, dt.time)) else str(int(serial))


def _column_letters(index: int) -> str:
    """Letters of the 0-based column ``index`` (27 -> "AB")."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class _SheetWriter:
    """One worksheet written into an .xlsx package in a temporary file, a row at a time. ``row`` writes the
    values of one row: str as inline text, int and float as numbers, Decimal as a number, date and datetime as
    serial numbers shown as 2025-03-01 (08:30:00), bool as TRUE/FALSE, None as no cell; other values as their text.
    ``response`` closes the package and gives it as a download."""

    def __init__(self, title: str, columns: list[Column]):
        self.package = self.stream = None
        self.handle = tempfile.TemporaryFile()
        try:
            self.package = zipfile.ZipFile(self.handle, "w", zipfile.ZIP_DEFLATED)
            name = html.escape(_SHEET_TITLE_FORBIDDEN.sub("_", _ILLEGAL_XML.sub("", title))[:31] or "Sheet1", quote=True)
            for part, content in (
                    ("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _PACKAGE_RELS),
                    ("xl/workbook.xml", _PROLOGUE + f'<workbook xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}"><bookViews>'
                     f'<workbookView activeTab="0"/></bookViews><sheets><sheet name="{name}" sheetId="1" '
                     'r:id="rId1"/></sheets></workbook>'),
                    ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS), ("xl/styles.xml", _STYLES)):
                self.package.writestr(part, content)
            self.stream = self.package.open("xl/worksheets/sheet1.xml", "w")
        except BaseException:
            self.discard()
            raise
        self.letters = [_column_letters(i) for i in range(len(columns))]
        self.number = 0
        self.pending: list[str] = []
        self.size = 0
        widths = "".join(f'<col min="{i}" max="{i}" width="{col.width}" customWidth="1"/>'
                         for i, col in enumerate(columns, start=1))
        self._add(_PROLOGUE + f'<worksheet xmlns="{_MAIN_NS}" xmlns:r="{_REL_NS}"><sheetViews>'
                  '<sheetView tabSelected="1" workbookViewId="0">'
                  '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
                  '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
                  '<sheetFormatPr defaultRowHeight="15"/>' + (f"<cols>{widths}</cols>" if widths else "")
                  + "<sheetData>")
        self.row([col.header + (" *" if col.required else "") for col in columns], text_style=_HEADER)

    def _add(self, xml: str) -> None:
        self.pending.append(xml)
        self.size += len(xml)
        if self.size >= _FLUSH_AT:
            self._flush()

    def _flush(self) -> None:
        self.stream.write("".join(self.pending).encode("utf-8", "replace"))
        self.pending.clear()
        self.size = 0

    def row(self, values, text_style: int = _PLAIN) -> None:
        self.number += 1
        number = self.number
        text_attributes = f' s="{text_style}" t="inlineStr"' if text_style else ' t="inlineStr"'
        cells = []
        for letters, value in zip(self.letters, values):
            if value is None:
                continue
            kind = value.__class__
            if kind is not str:
                if kind is int or kind is float or kind is Decimal:
                    value = float(value) if kind is Decimal else value
                    if value == value and value not in (float("inf"), float("-inf")):
                        cells.append(f'<c r="{letters}{number}"><v>{value!r}</v></c>')
                        continue
                    value = str(value)
                elif kind is bool:
                    cells.append(f'<c r="{letters}{number}" t="b"><v>{int(value)}</v></c>')
                    continue
                elif isinstance(value, (dt.date, dt.time)):
                    if getattr(value, "tzinfo", None) is not None:  # Excel has no time zones: local time
                        value = timezone.localtime(value).replace(tzinfo=None) if isinstance(value, dt.datetime) \
                            else value.replace(tzinfo=None)
                    style = _DATETIME if isinstance(value, dt.datetime) else _TIME if isinstance(value, dt.time) \
                        else _DATE
                    cells.append(f'<c r="{letters}{number}" s="{style}"><v>{_serial(value)}</v></c>')
                    continue
                elif isinstance(value, (int, float)):  # an int or float subclass (an IntegerChoices member…)
                    number_text = str(int(value)) if isinstance(value, int) else repr(float(value))
                    cells.append(f'<c r="{letters}{number}"><v>{number_text}</v></c>')
                    continue
                else:
                    value = str(value)
            text = _xml_text(value)
            space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
            cells.append(f'<c r="{letters}{number}"{text_attributes}><is><t{space}>{text}</t></is></c>')
        self._add(f'<row r="{number}">{"".join(cells)}</row>' if cells else f'<row r="{number}"/>')

    def response(self, filename: str) -> FileResponse:
        """Close the package and stream the file back in blocks: the finished .xlsx is never held in memory, and
        the file (unlinked on creation) disappears when the response is closed."""
        try:
            self._add("</sheetData>"
                      '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>'
                      "</worksheet>")
            self._flush()
            self.stream.close()
            self.package.close()
        except BaseException:
            self.discard()
            raise
        self.handle.seek(0)
        return FileResponse(self.handle, as_attachment=True, filename=filename, content_type=XLSX)

    def discard(self) -> None:
        """Give up the file (a row source failed): the package is closed as it stands, then the file."""
        try:
            if self.stream is not None:
                self.stream.close()
            if self.package is not None:
                self.package.close()
        except Exception:
            pass
        finally:
            self.handle.close()


def _sheet(title: str, columns: list[Column]) -> _SheetWriter:
    """A sheet with its header row written (bold on a pale blue fill, required columns marked *, frozen), the
    columns at their ``Column.width``."""
    return _SheetWriter(title, columns)


def _response(sheet: _SheetWriter, filename: str) -> FileResponse:
    return sheet.response(filename)


def template_response(columns: list[Column], *, title: str, filename: str) -> FileResponse:
    """导入模板: headers (required ones marked *) and a row of hints."""
    sheet = _sheet(title, columns)
    hints = []
    for col in columns:
        hint = col.help or ("可选：" + "、".join(col.choices) if col.choices else "")
        hints.append(f"（说明）{hint}" if hint else "（说明）")
    sheet.row(hints, text_style=_HINT)
    return _response(sheet, filename)


def export_response(columns: list[Column], rows: Iterable[dict], *, title: str, filename: str) -> FileResponse:
    """导出台账: one row per record, values already formatted by the caller where needed. ``rows`` may be a
    generator (e.g. over ``queryset.iterator()``): each row is written out as it comes and the file is streamed,
    so memory stays flat however long the ledger is."""
    sheet = _sheet(title, columns)
    plan = [(col.key, {v: k for k, v in col.choices.items()} if col.choices else None) for col in columns]
    try:
        for row in rows:
            values = []
            for key, reverse in plan:
                value = row.get(key)
                if reverse is not None:
                    value = reverse.get(value, value)
                values.append(safe_cell(value))
            sheet.row(values)
    except BaseException:
        sheet.discard()
        raise
    return _response(sheet, filename)


# ---- reading an upload ------------------------------------------------------------------------

PROGRESS_EVERY = 500  # rows between two progress reports of ``read``


# The sheet's XML is read with regular expressions over the raw bytes, a row at a time: a ledger's cells almost
# always have the one shape Excel, WPS and openpyxl write (<c r="B2" s="1" t="s"><v>3</v></c>), matched by _FAST;
# a row with any other shape (namespace prefixes, formulas, rich text, attributes in another order) is read by the
# general expressions below it. No cell or element objects are built: about ten times faster than openpyxl.
_ROW = re.compile(rb'<(?:\w+:)?row\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?row>)', re.S)
_ROW_NUMBER = re.compile(rb'(?:^|\s)r\s*=\s*["\'](\d+)')
_FAST = re.compile(rb'<c r="([A-Z]{1,3})\d+"(?: s="(\d+)")?(?: t="([a-zA-Z]+)")?\s*'
                   rb'(?:/>|>(?:<v>([^<]*)</v>|<is><t(?: xml:space="preserve")?>([^<]*)</t></is>|(.*?))</c>)', re.S)
_CELL_START = re.compile(rb'<(?:\w+:)?c[\s>/]')
_CELL = re.compile(rb'<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)', re.S)
_ATTRIBUTE = re.compile(rb'(?:^|\s)([rst])\s*=\s*["\']([^"\']*)["\']')
_VALUE = re.compile(rb'<(?:\w+:)?v(?:\s[^>]*)?>(.*?)</(?:\w+:)?v>', re.S)
_INLINE = re.compile(rb'<(?:\w+:)?is\b[^>]*>(.*?)</(?:\w+:)?is>', re.S)
_SHARED = re.compile(rb'<(?:\w+:)?si\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?si>)', re.S)
_SHARED_FAST = re.compile(rb'<t(?: xml:space="preserve")?>([^<]*)</t>')
_PHONETIC = re.compile(rb'<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>', re.S)
_TEXT = re.compile(rb'<(?:\w+:)?t(?:\s[^>]*)?>(.*?)</(?:\w+:)?t>', re.S)
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_CHARACTER_REFERENCES = re.compile(rb"(?:&#(?:[0-9]{1,7}|[xX][0-9a-fA-F]{1,6});)+")
_MARKUP = frozenset(map(ord, "<>&\"'"))
_LETTERS: dict[bytes, int] = {}


def _column_of(letters: bytes) -> int:
    """0-based column of a cell reference's letters (b"AB" -> 27)."""
    index = _LETTERS.get(letters)
    if index is None:
        index = 0
        for char in letters:
            index = index * 26 + char - 64
        index = _LETTERS[letters] = index - 1
    return index


_RUNS: dict[bytes, bytes] = {}


def _characters(match) -> bytes:
    """A run of character references (openpyxl writes every Chinese character as one: &#20449;&#35775;) as UTF-8,
    a run at a time, remembered (a ledger repeats its labels); references to markup characters stay for
    ``_decode``."""
    run = match.group()
    text = _RUNS.get(run)
    if text is None:
        codes = [int(ref[1:], 16) if ref[:1] in b"xX" else int(ref) for ref in run[2:-1].split(b";&#")]
        text = b"".join(b"&#%d;" % code if code in _MARKUP else chr(code).encode("utf-8", "surrogatepass")
                        for code in codes) if not _MARKUP.isdisjoint(codes) \
            else "".join(map(chr, codes)).encode("utf-8", "surrogatepass")
        if len(_RUNS) > 50_000:
            _RUNS.clear()
        _RUNS[run] = text
    return text


def _unreferenced(data: bytes) -> bytes:
    return _CHARACTER_REFERENCES.sub(_characters, data) if b"&#" in data else data


def _decode(raw: bytes) -> str:
    """Cell text from XML bytes: entities (&amp; &#20013;) and Excel's _x000D_ escapes undone, line ends as \\n."""
    text = raw.decode("utf-8")
    if "&" in text:
        text = html.unescape(text)
    if "_x" in text:
        text = _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    return text


def _string(content: bytes | None) -> str:
    """A shared or inline string's text: its <t>, or the <t> of each rich-text run (phonetic guides left out)."""
    if not content:
        return ""
    if b"<rPh" in content or b":rPh" in content:
        content = _PHONETIC.sub(b"", content)
    parts = []
    for text in _TEXT.findall(content):
        if text.startswith(b"<![CDATA["):
            parts.append(text[9:-3].decode("utf-8"))
        else:
            parts.append(_decode(text))
    return "".join(parts)


class _Counted:
    """A file object that counts the bytes read from it (how far through the sheet the reading is)."""

    def __init__(self, raw):
        self.raw, self.count = raw, 0

    def read(self, size=-1):
        data = self.raw.read(size)
        self.count += len(data)
        return data


def _xml(data: bytes):
    """A small package part (workbook, relationships, styles) as an element tree; no external entities (expat)."""
    return ElementTree.fromstring(data)


def _ns(root) -> str:
    return root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""


class _Sheet:
    """The first worksheet of an .xlsx, row by row: plain values (str, int, float, bool, datetime, None) as
    openpyxl's read-only mode gives them, without building a cell or element object per cell."""

    CHUNK = 1 << 20

    def __init__(self, uploaded):
        if hasattr(uploaded, "seek"):
            uploaded.seek(0)
        self.zip = zipfile.ZipFile(uploaded)
        workbook = self._target(self._rels("_rels/.rels"), "/officeDocument") or "xl/workbook.xml"
        workbook = workbook.lstrip("/")
        folder = posixpath.dirname(workbook)
        root = _xml(self.zip.read(workbook))
        ns = _ns(root)
        properties = root.find(f"{ns}workbookPr")
        self.epoch = CALENDAR_MAC_1904 if properties is not None and properties.get("date1904") in ("1", "true") \
            else WINDOWS_EPOCH
        sheet = root.find(f"{ns}sheets/{ns}sheet")
        rels = self._rels(posixpath.join(folder, "_rels", posixpath.basename(workbook) + ".rels"))
        rel_id = next(v for k, v in sheet.attrib.items() if k.endswith("}id") or k == "id")
        self.path = self._resolve(folder, rels[rel_id][1])
        self.size = self.zip.getinfo(self.path).file_size
        self.shared = self._shared(self._resolve(folder, self._target(rels, "/sharedStrings")))
        self.date_styles = self._date_styles(self._resolve(folder, self._target(rels, "/styles")))
        self.stream: _Counted | None = None
        self.consumed = 0  # bytes of the sheet's XML read up to the end of the last row given

    def _rels(self, name: str) -> dict[str, tuple[str, str]]:
        """Relationship id -> (type, target)."""
        try:
            root = _xml(self.zip.read(name))
        except KeyError:
            return {}
        return {r.get("Id"): (r.get("Type", ""), r.get("Target", "")) for r in root}

    @staticmethod
    def _target(rels: dict, kind: str) -> str | None:
        return next((target for type_, target in rels.values() if type_.endswith(kind)), None)

    @staticmethod
    def _resolve(folder: str, target: str | None) -> str | None:
        if not target:
            return None
        if target.startswith("/"):
            return target.lstrip("/")
        return posixpath.normpath(posixpath.join(folder, target))

    def _part(self, name: str | None) -> bytes | None:
        try:
            return self.zip.read(name) if name else None
        except KeyError:
            return None

    def _shared(self, name: str | None) -> list[str]:
        data = self._part(name)
        if not data:
            return []
        strings = []
        for content in _SHARED.findall(_unreferenced(data)):
            fast = _SHARED_FAST.fullmatch(content)
            strings.append(_decode(fast.group(1)) if fast else _string(content))
        return strings

    def _date_styles(self, name: str | None) -> frozenset[int]:
        """Indexes of the cell formats that show a number as a date (such a cell reads as a datetime)."""
        data = self._part(name)
        if not data:
            return frozenset()
        root = _xml(data)
        ns = _ns(root)
        formats = dict(BUILTIN_FORMATS)
        for fmt in root.iterfind(f"{ns}numFmts/{ns}numFmt"):
            formats[int(fmt.get("numFmtId"))] = fmt.get("formatCode", "")
        dates = set()
        for i, xf in enumerate(root.iterfind(f"{ns}cellXfs/{ns}xf")):
            code = formats.get(int(xf.get("numFmtId", 0)))
            if code and is_date_format(code) and not is_timedelta_format(code):
                dates.add(i)
        return frozenset(dates)

    def fraction(self) -> float:
        """How far through the sheet the reading is (0 to 1)."""
        return min(1.0, self.consumed / self.size) if self.size else 0.0

    def rows(self) -> Iterator[tuple[int, list]]:
        """(Excel row number, values by column) for each row that has cells."""
        number, buffer = 0, b""
        with self.zip.open(self.path) as raw:
            self.stream = _Counted(raw)
            while True:
                chunk = self.stream.read(self.CHUNK)
                buffer += chunk
                start, end = self.stream.count - len(buffer), 0
                for match in _ROW.finditer(buffer):
                    end = match.end()
                    self.consumed = start + end
                    found = _ROW_NUMBER.search(match.group(1))
                    number = int(found.group(1)) if found else number + 1
                    body = match.group(2)
                    if body:
                        values = self._cells(_unreferenced(body))
                        if values:
                            yield number, values
                buffer = buffer[end:]
                if not chunk:
                    return

    def _cells(self, body: bytes) -> list:
        cells = _FAST.findall(body)
        if len(cells) != len(_CELL_START.findall(body)):
            cells = [self._general(attributes, content) for attributes, content in _CELL.findall(body)]
        values: list = []
        shared, date_styles = self.shared, self.date_styles
        for letters, style, kind, value, inline, other in cells:
            if letters:
                column = _column_of(letters)
                if column > len(values):
                    values.extend([None] * (column - len(values)))
                elif column < len(values):
                    continue  # a cell given twice: the first one counts
            if other:
                found = _VALUE.search(other)
                value = found.group(1) if found else b""
                if kind == b"inlineStr":
                    found = _INLINE.search(other)
                    values.append(_string(found.group(1)) if found else None)
                    continue
            if kind == b"inlineStr":
                values.append(_decode(inline))
            elif not value:
                values.append(None)
            elif kind == b"s":
                values.append(shared[int(value)])
            elif not kind or kind == b"n":
                number = float(value) if b"." in value or b"E" in value or b"e" in value else int(value)
                if style and int(style) in date_styles:
                    number = from_excel(number, self.epoch)
                values.append(number)
            elif kind == b"b":
                values.append(value.strip() in (b"1", b"true"))
            elif kind == b"d":
                values.append(from_ISO8601(value.decode("ascii")))
            else:  # "str" (a formula's text), "e" (an error such as #N/A)
                values.append(_decode(value))
        return values

    @staticmethod
    def _general(attributes: bytes, content: bytes) -> tuple:
        """A cell of any other shape, as the tuple _FAST gives (letters, style, type, value, inline text, rest)."""
        found = dict(_ATTRIBUTE.findall(attributes))
        letters = found.get(b"r", b"").rstrip(b"0123456789").upper()
        return letters, found.get(b"s", b""), found.get(b"t", b""), b"", b"", content or b""


class _OpenpyxlSheet:
    """The same rows through openpyxl (slower), for a valid workbook whose package ``_Sheet`` cannot follow."""

    def __init__(self, uploaded):
        if hasattr(uploaded, "seek"):
            uploaded.seek(0)
        self.sheet = load_workbook(uploaded, read_only=True, data_only=True).worksheets[0]

    def fraction(self) -> float:
        return 0.0

    def rows(self) -> Iterator[tuple[int, list]]:
        for number, values in enumerate(self.sheet.iter_rows(values_only=True), start=self.sheet.min_row or 1):
            if any(v is not None for v in values):
                yield number, list(values)


def _converter(col: Column) -> Callable[[Any], Any] | None:
    """The whole conversion of one non-empty cell of ``col``: choice label to value, then the parser."""
    choices, parse = col.choices, col.parse
    if choices is None:
        return parse
    message = f"应为以下之一：{'、'.join(choices)}。"

    def convert(value):
        try:
            value = choices[value if value.__class__ is str else str(value)]
        except KeyError:
            raise ValidationError(message) from None
        return parse(value) if parse else value

    return convert


def read(uploaded, columns: list[Column]) -> Generator[tuple[int, int], None, ImportResult]:
    """``read_rows`` step by step: every PROGRESS_EVERY rows it yields (rows read, rows expected in the file), so a
    caller can report progress; its return value (``drain`` gives it) is the ``ImportResult``. Nothing is saved."""
    result = ImportResult()
    errors = result.errors
    try:
        try:
            sheet = _Sheet(uploaded)
        except Exception:  # a package the direct reader does not understand: let openpyxl try
            sheet = _OpenpyxlSheet(uploaded)
        rows = sheet.rows()
        first = next(rows, None)
    except Exception:
        errors.append(RowError(0, "", "无法读取文件，请上传由模板填写的 .xlsx 文件。"))
        return result
    if first is None:
        errors.append(RowError(1, "", "表格是空的。"))
        return result
    header_row, header = first
    names = [str(h if h is not None else "").replace("*", "").strip() for h in header]
    missing = len(names) + 1_000_000  # an index past every row: an optional column left out of the sheet reads empty
    plan = []
    for col in columns:
        if col.header in names:
            plan.append((col.key, names.index(col.header), col.header, col.required, _converter(col)))
        elif col.required:
            errors.append(RowError(header_row, col.header, "缺少这一列，请使用最新的导入模板。"))
        else:
            plan.append((col.key, missing, col.header, False, None))
    if errors:
        return result
    numbered, data_rows = result.numbered, 0
    number = header_row
    try:
        for number, values in rows:
            data_rows += 1
            if data_rows > MAX_IMPORT_ROWS:
                errors.append(RowError(number, "", f"一次最多导入 {MAX_IMPORT_ROWS} 行。"))
                break
            if data_rows % PROGRESS_EVERY == 0:
                fraction = sheet.fraction()
                yield data_rows, max(data_rows, round(data_rows / fraction)) if fraction else data_rows
            size = len(values)
            raw = [values[i] if i < size else None for _k, i, _h, _r, _c in plan]
            first_value = None
            for value in raw:
                if value is not None and value != "" and not (value.__class__ is str and not value.strip()):
                    first_value = value
                    break
            else:
                continue  # an empty row
            if first_value.__class__ is str and first_value.startswith("（说明）"):
                continue  # the template's row of hints
            parsed, ok = {}, True
            for (key, _i, header_name, required, convert), value in zip(plan, raw):
                if value.__class__ is str:
                    if value[:1] == "'" and _UNQUOTE.match(value):
                        value = value[1:]  # our export's quote before a formula character (safe_cell)
                    value = value.strip()
                if value is None or value == "":
                    if required:
                        errors.append(RowError(number, header_name, "必填，不能为空。"))
                        ok = False
                    parsed[key] = None
                elif convert is None:
                    parsed[key] = value
                else:
                    try:
                        parsed[key] = convert(value)
                    except ValidationError as error:
                        errors.append(RowError(number, header_name, "；".join(error.messages)))
                        ok = False
            if ok:
                numbered.append((number, parsed))
    except Exception:
        errors.append(RowError(number + 1, "", "文件从这一行起无法读取（文件可能已损坏），请重新保存为 .xlsx 后上传。"))
        return result
    result.rows = [values for _n, values in numbered]
    yield data_rows, data_rows
    return result


def drain(steps: Generator):
    """Run a step-by-step generator (``read``, a ledger's save) to its end and give back what it returns."""
    while True:
        try:
            next(steps)
        except StopIteration as stop:
            return stop.value


def read_rows(uploaded, columns: list[Column]) -> ImportResult:
    """Read an uploaded .xlsx against ``columns``: each cell parsed, each problem a ``RowError`` naming its row and
    column in Chinese. Nothing is saved here. Text our export quoted against formula injection ("'=…") reads as
    it was before the export (``unquote``), so an exported sheet imports again to the same values."""
    return drain(read(uploaded, columns))


# ---- parsers for common cell types -------------------------------------------------------------


def parse_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value.__class__ is str and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return dt.date.fromisoformat(value)  # the common case, 2025-03-01, without the rewriting below
        except ValueError:
            pass
    text = str(value).strip().replace("年", "-").replace("月", "-").replace("日", "").replace("/", "-").replace(".", "-")
    try:
        return dt.date.fromisoformat("-".join(part.zfill(2) for part in text.split("-")))
    except ValueError:
        raise ValidationError(f"“{value}”不是有效日期，请写成 2025-03-01 或 2025年3月1日。")


def parse_int(value) -> int:
    if value.__class__ is int and value >= 0:
        return value
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
        text = value.strip() if value.__class__ is str else str(value).strip()
        if len(text) > max_length:
            raise ValidationError(f"不能超过 {max_length} 个字（现有 {len(text)} 个）。")
        return text

    return parse
