"""信访台账 in Excel: template, all-or-nothing import with row-by-row Chinese errors, export, round trip."""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from yifa.core import deadlines
from yifa.core.models import AuditEntry
from yifa.core.testing import ledger_file
from yifa.petitions import actions, ledger
from yifa.petitions.models import Petition

HEADERS = [c.header for c in ledger.COLUMNS]


def body(response) -> bytes:
    """Exports are streamed from a temporary file (FileResponse)."""
    assert response.streaming
    return b"".join(response.streaming_content)


def _row(i, **values):
    row = {"收到日期": "2025-03-%02d" % (i % 28 + 1), "信访形式": "来访", "信访人": f"群众{i}",
           "事项摘要": f"反映事项{i}", "诉求、事实和理由": "道路破损，请求维修。", "事项类别": "申诉求决类",
           "办理状态": "已办结", "告知日期": "2025-04-01", "处理意见": "支持", "处理意见及依据": "已安排维修。",
           "办结日期": "2025-05-01", "满意度": "满意"}
    row.update(values)
    return row


def _xlsx(rows) -> SimpleUploadedFile:
    return ledger_file(HEADERS, rows, "信访台账.xlsx")


def _import(client, rows):
    return client.post(reverse("petitions:ledger_import"), {"file": _xlsx(rows)})


def test_the_template_has_the_chinese_headers(tree, client):
    client.force_login(tree.township_handler)
    response = client.get(reverse("petitions:ledger_template"))
    ws = load_workbook(io.BytesIO(response.getvalue())).active
    headers = [c.value for c in ws[1]]
    assert "收到日期 *" in headers and "办理状态 *" in headers and "满意度" in headers


def test_one_bad_row_among_a_thousand_saves_nothing_and_names_the_row(tree, frozen, client):
    rows = [_row(i) for i in range(1000)]
    rows[636]["办结日期"] = "2025-02-30"
    client.force_login(tree.township_handler)
    response = _import(client, rows)
    assert response.status_code == 200
    page = response.content.decode()
    assert "第 638 行" in page and "办结日期" in page and "不是有效日期" in page
    assert not Petition.objects.exists()
    assert not AuditEntry.objects.filter(action="petitions.import_ledger").exists()


def test_procedure_errors_are_found_row_by_row(tree, frozen, client):
    rows = [_row(1, 处理意见=None), _row(2, 办结日期="2025-03-01", 告知日期="2025-04-01"),
            _row(3, 信访形式="上级转送交办"), _row(4, 信访编号="东街信〔2024〕9号"), _row(5, 信访编号="东街信〔2024〕9号")]
    client.force_login(tree.township_handler)
    page = _import(client, rows).content.decode()
    assert "第 2 行" in page and "办理状态为“已办结”时必填" in page
    assert "第 3 行" in page and "不能早于告知日期" in page
    assert "第 4 行" in page and "须填写转送交办机关" in page
    assert "第 6 行" in page and "与第 5 行重复" in page
    assert not Petition.objects.exists()


def test_a_clean_ledger_imports_fully_and_open_matters_get_their_clocks(tree, frozen, client):
    rows = [_row(i) for i in range(1, 300)]
    rows.append(_row(300, 办理状态="办理中", 告知日期="2025-06-02", 处理意见=None, 处理意见及依据=None, 办结日期=None,
                     满意度=None))
    client.force_login(tree.township_handler)
    response = _import(client, rows)
    assert response.status_code == 302
    assert Petition.objects.filter(org=tree.township, imported=True).count() == 300
    open_one = Petition.objects.get(status=Petition.Status.ACCEPTED)
    (handle,) = deadlines.of(open_one)
    assert handle.rule.code == "petitions.handle" and handle.due_on == dt.date(2025, 8, 1)
    assert open_one.due_on == handle.due_on
    assert AuditEntry.objects.filter(action="petitions.import_ledger").count() == 1
    numbers = set(Petition.objects.values_list("number", flat=True))
    assert len(numbers) == 300 and "东街信〔2025〕300号" in numbers


def test_a_new_matter_after_an_import_skips_numbers_the_ledger_used(tree, frozen, client):
    client.force_login(tree.township_handler)
    _import(client, [_row(1, 信访编号="东街信〔2025〕1号")])
    from .conftest import make_petition

    petition = make_petition(tree.township, tree.township_handler, received_on=dt.date(2025, 6, 10))
    assert petition.number == "东街信〔2025〕2号"


def test_an_exported_sheet_imports_again_to_the_same_records(tree, replied, frozen, client):
    actions.record_satisfaction(replied, by=tree.township_handler, on=frozen, satisfaction="satisfied")
    from .conftest import make_petition

    make_petition(tree.township, tree.township_handler, received_on=dt.date(2025, 6, 12), headcount=3,
                  title='=HYPERLINK("http://evil.example","点我")', channel=Petition.Channel.REFERRED,
                  referred_by="甲区信访局")
    client.force_login(tree.township_handler)
    exported = client.get(reverse("petitions:ledger_export"))
    content = body(exported)
    ws = load_workbook(io.BytesIO(content)).active
    titles = [row[HEADERS.index("事项摘要")] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert "'=HYPERLINK(\"http://evil.example\",\"点我\")" in titles  # inert text, not a formula
    before = sorted((ledger.export_row(p) for p in Petition.objects.all()), key=lambda r: r["number"])
    Petition.objects.all().delete()
    response = client.post(reverse("petitions:ledger_import"),
                           {"file": SimpleUploadedFile("导出.xlsx", content)})
    assert response.status_code == 302
    after = sorted((ledger.export_row(p) for p in Petition.objects.all()), key=lambda r: r["number"])
    assert after == before


def test_the_export_follows_the_lists_filter_and_scope(tree, registered, sibling_petition, client):
    client.force_login(tree.district_overseer)
    content = body(client.get(reverse("petitions:ledger_export"), {"status": "registered"}))
    numbers = [r[0] for r in load_workbook(io.BytesIO(content)).active.iter_rows(min_row=2, values_only=True)]
    assert sorted(numbers) == sorted([registered.number, sibling_petition.number])
    client.force_login(tree.township_handler)
    content = body(client.get(reverse("petitions:ledger_export")))
    numbers = [r[0] for r in load_workbook(io.BytesIO(content)).active.iter_rows(min_row=2, values_only=True)]
    assert numbers == [registered.number]


def test_an_overseer_cannot_import(tree, client):
    client.force_login(tree.district_overseer)
    assert client.get(reverse("petitions:ledger_import")).status_code == 403


def test_an_export_four_times_larger_takes_little_more_memory(tree, frozen, client):
    """Rows are read 1,000 at a time and written as they come into the sheet of a temporary file (text inline, no
    table of distinct texts): the peak is the same for 8,000 rows as for 2,000, where an export holding the
    records and the workbook's cells takes several KB a row."""
    import tracemalloc

    from yifa.core import excel

    def make(start, count):
        Petition.objects.bulk_create([
            Petition(org=tree.township, number=f"东街信〔2024〕{i}号", channel="letter",
                     received_on=dt.date(2024, 5, 6), petitioner_name=f"群众{i}", title=f"反映事项{i}",
                     content="道路破损，请求维修。" * 5, status="replied", notified_on=dt.date(2024, 5, 8),
                     opinion="support", opinion_text="已维修。", replied_on=dt.date(2024, 6, 1))
            for i in range(start, start + count)], batch_size=1000)

    def export_peak(rows):
        tracemalloc.start()
        response = client.get(reverse("petitions:ledger_export"))
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        result = excel.read_rows(SimpleUploadedFile("x.xlsx", body(response)), ledger.COLUMNS)
        assert result.ok and len(result.rows) == rows
        return peak

    client.force_login(tree.township_handler)
    make(0, 2000)
    export_peak(2000)  # the first request loads modules, templates and caches: not the export's own memory
    # From 2,000 rows on, the query holds its most (the chunk being read and the one before it).
    small = export_peak(2000)
    make(2000, 6000)
    large = export_peak(8000)
    assert large <= small * 1.2, f"2,000 rows {small / 1048576:.2f} MB, 8,000 rows {large / 1048576:.2f} MB"
