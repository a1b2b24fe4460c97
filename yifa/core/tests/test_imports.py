"""The bulk machinery of 台账导入: the direct .xlsx reader (same values as openpyxl), progress while reading,
audit entries in bulk (the chain still verifies), clocks in bulk (the dates ``start`` gives), bulk inserts,
numbers and instances built without the constructor."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from yifa.core import audit, deadlines, excel, imports, numbering
from yifa.core.excel import Column
from yifa.core.models import AuditEntry, CalendarYear, Deadline, NumberSequence, Org

D = dt.date


def _values(content: bytes) -> list[list]:
    """openpyxl's reading of the first sheet, rows without cells left out and trailing empty cells trimmed."""
    rows = []
    for row in load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0].iter_rows(
            values_only=True):
        values = list(row)
        while values and values[-1] is None:
            values.pop()
        if values:
            rows.append(values)
    return rows


def _ours(content: bytes) -> list[list]:
    return [values for _number, values in excel._Sheet(io.BytesIO(content)).rows()]


def _saved(wb) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_the_direct_reader_gives_what_openpyxl_gives_for_every_kind_of_cell():
    wb = Workbook()
    ws = wb.active
    ws.append(["标题", "日期", "数", "布尔", "公式", "富文本"])
    ws.append(['a & <b> "引号" \'单\'', dt.date(2025, 3, 1), 3, True, "=1+2",
               CellRichText("红", TextBlock(InlineFont(b=True), "字"))])
    ws.append([None, dt.datetime(2025, 3, 1, 10, 30), 1.5, False, None, "  前后空格  "])
    ws["C5"] = "第一行\n第二行"
    ws["AB7"] = -7
    ws["B8"] = 1e-7
    content = _saved(wb)
    assert _ours(content) == _values(content)


def test_a_write_only_export_and_its_chinese_character_references_read_back():
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("台账")
    ws.append(["信访人", "事项"])
    for i in range(300):
        ws.append([f"群众{i}", "反映“道路”破损 & 积水 <急>"])
    content = _saved(wb)
    assert _ours(content) == _values(content)
    assert _ours(content)[1] == ["群众0", "反映“道路”破损 & 积水 <急>"]


SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
  xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><x:dimension ref="A1:C4"/><x:sheetData>
<x:row r="1" x14ac:dyDescent="0.25"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c>
<x:c r="C1" t="s"><x:v>2</x:v></x:c></x:row>
<x:row r="3"><x:c t="s" r="A3"><x:v>3</x:v></x:c><x:c r="B3" s="1"><x:v>45717</x:v></x:c><x:c r="C3" t="str"><x:f>A1</x:f>
<x:v>公式&amp;结果</x:v></x:c></x:row>
<x:row r="4"><x:c r="A4" t="s"><x:v>4</x:v></x:c><x:c r="C4" t="e"><x:v>#N/A</x:v></x:c></x:row>
</x:sheetData></x:worksheet>"""
SHARED = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5">
<si><t>收到日期</t></si><si><t xml:space="preserve">信访人 </t></si><si><t>事项</t></si>
<si><r><rPr><b/></rPr><t>张</t></r><r><t>三</t></r><rPh sb="0" eb="1"><t>ちょう</t></rPh></si><si><t>李&#22235;&lt;</t></si></sst>"""
STYLES = """<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1">
<numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>
<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="176"/></cellXfs></styleSheet>"""
WORKBOOK = """<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/>
<sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>"""
RELS = """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
 Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
 Target="sharedStrings.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
 Target="styles.xml"/></Relationships>"""
ROOT_RELS = """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
 Target="xl/workbook.xml"/></Relationships>"""
TYPES = """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>"""


def _package() -> bytes:
    """A workbook as other programs write it: shared strings (rich text, a phonetic guide), namespace prefixes,
    attributes in another order, a formula's text, an error, a custom date format, the 1904 calendar."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, text in (("[Content_Types].xml", TYPES), ("_rels/.rels", ROOT_RELS), ("xl/workbook.xml", WORKBOOK),
                           ("xl/_rels/workbook.xml.rels", RELS), ("xl/worksheets/sheet1.xml", SHEET),
                           ("xl/sharedStrings.xml", SHARED), ("xl/styles.xml", STYLES)):
            z.writestr(name, text.encode("utf-8"))
    return buffer.getvalue()


@pytest.mark.filterwarnings("ignore:Workbook contains no default style")  # openpyxl, on our minimal styles part
def test_a_workbook_written_by_other_programs_reads_as_openpyxl_reads_it():
    content = _package()
    ours = list(excel._Sheet(io.BytesIO(content)).rows())
    assert [number for number, _values in ours] == [1, 3, 4]
    assert [values for _number, values in ours] == _values(content)
    assert ours[1][1] == ["张三", dt.datetime(2029, 3, 2), "公式&结果"]  # 1904 calendar: 45717 days after 1904-01-01


def test_reading_reports_progress_and_ends_with_the_result():
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(["标题 *", "日期"])
    for i in range(1200):
        ws.append([f"事项{i}", "2025-03-01"])
    columns = [Column("title", "标题", required=True, parse=excel.parse_text(20)), Column("on", "日期",
                                                                                        parse=excel.parse_date)]
    steps = excel.read(SimpleUploadedFile("x.xlsx", _saved(wb)), columns)
    progress = []
    while True:
        try:
            progress.append(next(steps))
        except StopIteration as stop:
            result = stop.value
            break
    assert [done for done, _total in progress] == [500, 1000, 1200]
    assert all(total >= done for done, total in progress) and progress[-1] == (1200, 1200)
    assert result.ok and len(result.rows) == 1200 and result.rows[0] == {"title": "事项0", "on": D(2025, 3, 1)}


def test_a_sheet_without_a_required_column_is_refused_by_name():
    wb = Workbook()
    wb.active.append(["日期"])
    result = excel.read_rows(SimpleUploadedFile("x.xlsx", _saved(wb)), [Column("title", "标题", required=True)])
    assert [str(e) for e in result.errors] == ["第 1 行“标题”：缺少这一列，请使用最新的导入模板。"]


# ---------------------------------------------------------------- audit and clocks in bulk


def test_entries_recorded_in_bulk_continue_the_chain_and_verify(tree):
    orgs = [tree.township, tree.village, tree.sibling]
    audit.record("core.test_before", tree.township, by=tree.township_handler)
    count = audit.record_many("core.test_bulk", orgs, by=tree.township_handler, org=tree.township,
                              note=lambda o: f"导入{o.name}", changes=lambda o: {"name": [None, o.name]})
    audit.record("core.test_after", tree.township, by=tree.township_handler)
    assert count == 3
    entries = list(AuditEntry.objects.order_by("seq"))
    bulk = [e for e in entries if e.action == "core.test_bulk"]
    assert [e.target_id for e in bulk] == [str(o.pk) for o in orgs]
    assert bulk[1].note == f"导入{tree.village.name}" and bulk[1].changes == {"name": [None, tree.village.name]}
    assert bulk[0].actor == tree.township_handler and bulk[0].actor_org == tree.township
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert audit.verify_chain() == (len(entries), None)


def test_bulk_entries_may_take_a_note_and_changes_per_entry_and_name_a_target_twice(tree):
    token = audit.current_ip.set("10.0.0.7")
    try:
        audit.record_many("core.test_bulk", [tree.township, tree.township, tree.village], by=None, org=tree.township,
                          note=["第一条", "第二条", ""], changes=[{"kind": [None, "甲"]}, {}, {"n": [1, 2]}])
    finally:
        audit.current_ip.reset(token)
    bulk = list(AuditEntry.objects.filter(action="core.test_bulk").order_by("seq"))
    assert [(e.target_id, e.note, e.changes) for e in bulk] == [
        (str(tree.township.pk), "第一条", {"kind": [None, "甲"]}), (str(tree.township.pk), "第二条", {}),
        (str(tree.village.pk), "", {"n": [1, 2]})]
    assert bulk[0].actor is None and bulk[0].actor_name == "系统" and bulk[0].ip == "10.0.0.7"
    assert [audit.content_hash(e) for e in bulk] == [e.entry_hash for e in bulk]
    assert audit.verify_chain()[1] is None
    with pytest.raises(ValueError):
        audit.record_many("core.test_bulk", [tree.township], by=None, note=["一", "二"])


@pytest.mark.django_db(transaction=True)
def test_bulk_entries_need_the_callers_transaction():
    org = Org.objects.create(name="东街街道", kind=Org.Kind.TOWNSHIP)
    with pytest.raises(RuntimeError):
        audit.record_many("core.test_bulk", [org], by=None)
    with transaction.atomic():
        assert audit.record_many("core.test_bulk", [org], by=None) == 1


def test_clocks_started_in_bulk_have_the_dates_start_gives(tree):
    by = tree.township_handler
    one_by_one = deadlines.start(tree.other_township, "disclosure.reply", start=D(2025, 3, 3), by=by)
    paused = deadlines.start(tree.other_district, "disclosure.reply", start=D(2025, 3, 3), by=by)
    deadlines.pause(tree.other_district, "disclosure.reply", on=D(2025, 3, 7), by=by, reason="征求第三方意见")
    paused = deadlines.resume(tree.other_district, "disclosure.reply", on=D(2025, 3, 21), by=by)
    clocks = deadlines.start_many([
        deadlines.Clock(tree.township, "disclosure.reply", D(2025, 3, 3)),
        deadlines.Clock(tree.village, "disclosure.reply", D(2025, 3, 3), pauses=((D(2025, 3, 7), D(2025, 3, 21), "征求意见"),)),
        deadlines.Clock(tree.sibling, "petitions.handle", D(2025, 1, 2), completed_on=D(2025, 2, 1)),
        deadlines.Clock(tree.district, "petitions.handle", D(2024, 1, 2), completed_on=D(2024, 6, 1)),
    ], by=by)
    plain, with_pause, met, late = clocks
    assert plain.due_on == one_by_one.due_on and plain.status == Deadline.Status.OPEN
    assert with_pause.due_on == paused.due_on == D(2025, 4, 15)
    assert list(with_pause.pauses.values_list("paused_on", "resumed_on")) == [(D(2025, 3, 7), D(2025, 3, 21))]
    assert (met.status, late.status) == (Deadline.Status.MET, Deadline.Status.LATE)
    assert met.due_on == deadlines.compute("petitions.handle", D(2025, 1, 2)).due_on
    assert Deadline.objects.get(pk=plain.pk).org == tree.township
    started = AuditEntry.objects.filter(action="core.deadline_start", target_id__in=[str(c.pk) for c in clocks])
    assert started.count() == 4
    assert started.get(target_id=str(late.pk)).changes["status"] == [None, "late"]
    assert audit.verify_chain()[1] is None


def test_a_clock_whose_pause_has_not_ended_is_written_paused(tree):
    (clock,) = deadlines.start_many([deadlines.Clock(tree.township, "disclosure.reply", D(2025, 3, 3),
                                                     pauses=((D(2025, 3, 5), None, "补正"),))], by=tree.township_handler)
    assert clock.status == Deadline.Status.PAUSED and clock.pauses.get().resumed_on is None


# ---------------------------------------------------------------- inserts, numbers, instances


def test_a_bulk_insert_sets_keys_and_stamps(tree):
    years = imports.bulk_insert(CalendarYear, [CalendarYear(year=2090 + i, notice=f"通知{i}") for i in range(3)])
    assert all(y.pk for y in years) and not years[0]._state.adding
    assert CalendarYear.objects.get(pk=years[2].pk).notice == "通知2"
    assert CalendarYear.objects.get(pk=years[0].pk).entered_at is not None


def test_numbers_taken_in_bulk_skip_those_already_used(tree):
    taken = {"东街信〔2025〕2号"}
    numbers = numbering.next_numbers(tree.township, "petition", 2025, 3, fmt="{abbr}信〔{year}〕{n}号", taken=taken)
    assert numbers == ["东街信〔2025〕1号", "东街信〔2025〕3号", "东街信〔2025〕4号"]
    assert NumberSequence.objects.get(org=tree.township, kind="petition", year=2025).last == 4


def test_instances_built_in_bulk_equal_those_of_the_constructor(tree):
    rows = [{"name": "甲村", "kind": Org.Kind.VILLAGE, "short_name": None}, {"name": "乙社区", "kind": Org.Kind.COMMUNITY}]
    built = imports.build(Org, rows, parent=tree.township)
    made = [Org(parent=tree.township, **{k: v for k, v in row.items() if v is not None}) for row in rows]
    fields = [f.attname for f in Org._meta.concrete_fields]
    assert [[getattr(o, f) for f in fields] for o in built] == [[getattr(o, f) for f in fields] for o in made]
    assert built[0].parent == tree.township and built[0]._state.adding


# ---------------------------------------------------------------- the runner (core/import.html and the stream)

RUNNER = pytest.mark.urls("yifa.core.tests.import_urls")


def _years(*rows) -> SimpleUploadedFile:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("年份")
    ws.append(["年份 *", "通知"])
    for row in rows:
        ws.append(list(row))
    return SimpleUploadedFile("年份.xlsx", _saved(wb))


def _stream(response) -> list[dict]:
    import json

    assert response.streaming and response["Content-Type"].startswith("application/x-ndjson")
    return [json.loads(line) for chunk in response.streaming_content for line in chunk.decode().splitlines()]


@RUNNER
def test_the_import_page_offers_the_template_the_file_and_the_rules(tree, client):
    client.force_login(tree.township_handler)
    page = client.get("/test-import/").content.decode()
    assert "导入年份台账" in page and "导入到：" in page and tree.township.name in page
    assert 'type="file"' in page and "下载导入模板" in page and "全部无误才保存" in page
    assert "yifa/import.js" in page


@RUNNER
def test_someone_without_the_role_is_refused(tree, client):
    client.force_login(tree.district_overseer)
    assert client.get("/test-import/").status_code == 403
    assert client.post("/test-import/", {"file": _years((2090, ""))}).status_code == 403
    assert not CalendarYear.objects.filter(year=2090).exists()


@RUNNER
def test_a_clean_sheet_is_saved_with_an_audit_entry_per_record_and_one_for_the_import(tree, client):
    client.force_login(tree.township_handler)
    response = client.post("/test-import/", {"file": _years((2090, "甲"), (2091, "乙"))})
    assert response.status_code == 302 and response["Location"] == "/workbench/"
    years = CalendarYear.objects.filter(year__in=[2090, 2091])
    assert years.count() == 2
    assert AuditEntry.objects.filter(action="core.import_row").count() == 2
    entry = AuditEntry.objects.get(action="core.import_years")
    assert entry.actor == tree.township_handler and entry.note == "导入年份 2 个"
    assert "已导入 2 个年份。" in client.get(response["Location"]).content.decode()


@RUNNER
def test_problems_are_listed_by_row_and_column_and_nothing_is_saved(tree, client):
    client.force_login(tree.township_handler)
    response = client.post("/test-import/", {"file": _years((2090, ""), ("两千", ""), (1999, ""), (None, "无年份"))})
    assert response.status_code == 200
    assert imports.page_problems(response.content) == [
        "第 3 行“年份”：“两千”不是整数。", "第 4 行“年份”：年份不能早于 2000 年。", "第 5 行“年份”：必填，不能为空。"]
    assert "未导入任何数据：发现" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2090).exists()


@RUNNER
def test_the_stream_reports_progress_then_the_result_and_the_list_shows_the_message(tree, client):
    client.force_login(tree.township_handler)
    rows = [(2100 + i, f"通知{i}") for i in range(1600)]
    lines = _stream(client.post("/test-import/", {"file": _years(*rows)}, HTTP_ACCEPT="application/x-ndjson"))
    *progress, final = lines
    stages = [line["stage"] for line in progress]
    assert stages[0] == "check" and stages[-1] == "save" and stages == sorted(stages)  # check, then save
    for stage in ("check", "save"):
        done = [line["done"] for line in progress if line["stage"] == stage]
        assert done == sorted(done) and done[-1] == 1600
    assert progress[-1] == {"stage": "save", "done": 1600, "total": 1600}
    assert final["ok"] is True and final["created"] == 1600 and final["message"] == "已导入 1600 个年份。"
    assert final["redirect"].startswith("/test-import/?done=")
    back = client.get(final["redirect"])
    assert back.status_code == 302 and back["Location"] == "/workbench/"
    assert "已导入 1600 个年份。" in client.get("/workbench/").content.decode()
    assert client.get(final["redirect"]).status_code == 200  # the key is used once: the page again


@RUNNER
def test_the_stream_lists_problems_as_rows_and_columns(tree, client):
    client.force_login(tree.township_handler)
    *_progress, final = _stream(client.post("/test-import/", {"file": _years((2090, ""), (1999, ""))},
                                            HTTP_ACCEPT="application/x-ndjson"))
    assert final == {"ok": False, "count": 1, "message": "未导入任何数据：发现 1 处问题。",
                     "errors": [{"row": 3, "column": "年份", "message": "年份不能早于 2000 年。"}]}
    *_progress, final = _stream(client.post("/test-import/", {}, HTTP_ACCEPT="application/x-ndjson"))
    assert final["ok"] is False and final["errors"][0]["message"] == "请选择要导入的 .xlsx 文件。"


@RUNNER
def test_a_failure_half_way_through_saving_rolls_everything_back_and_says_so(tree, client):
    """The third year is already in the table: the database refuses it after the first two went in."""
    CalendarYear.objects.create(year=2092)
    client.force_login(tree.township_handler)
    *_progress, final = _stream(client.post("/test-import/", {"file": _years((2090, ""), (2091, ""), (2092, ""))},
                                            HTTP_ACCEPT="application/x-ndjson"))
    assert final["ok"] is False
    assert final["errors"][0]["message"].startswith("保存时数据库出错，已全部撤销，未导入任何数据。")
    assert not CalendarYear.objects.filter(year__in=[2090, 2091]).exists()
    assert not AuditEntry.objects.filter(action__in=["core.import_row", "core.import_years"]).exists()
    page = client.post("/test-import/", {"file": _years((2090, ""), (2092, ""))})
    assert imports.page_problems(page.content)[0].startswith("保存时数据库出错")
    assert audit.verify_chain()[1] is None


@RUNNER
def test_a_file_that_is_not_a_workbook_or_too_old_a_format_is_refused_in_chinese(tree, client):
    client.force_login(tree.township_handler)
    page = client.post("/test-import/", {"file": SimpleUploadedFile("x.xlsx", b"not a workbook")})
    assert imports.page_problems(page.content) == ["无法读取文件，请上传由模板填写的 .xlsx 文件。"]
    page = client.post("/test-import/", {"file": SimpleUploadedFile("x.xls", b"\xd0\xcf\x11\xe0")}).content.decode()
    assert "请上传 .xlsx 格式的 Excel 文件" in page


def test_instances_built_in_bulk_take_foreign_keys_as_objects_or_ids(tree):
    one, other = imports.build(Org, [{"name": "甲村", "kind": Org.Kind.VILLAGE},
                                     {"name": "乙村", "kind": Org.Kind.VILLAGE, "parent_id": tree.sibling.pk}],
                               parent=tree.township)
    assert one.parent is tree.township and one.parent_id == tree.township.pk
    assert other.parent_id == tree.sibling.pk and other.parent == tree.sibling  # not the common one, stale
    (third,) = imports.build(Org, [{"name": "丙村", "kind": Org.Kind.VILLAGE, "parent": tree.village}])
    assert third.parent_id == tree.village.pk and third.parent is tree.village
