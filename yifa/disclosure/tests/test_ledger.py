"""Excel 台账 of 依申请公开 and 主动公开: template, all-or-nothing import, export, round trip, inert formulas."""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from yifa.core import deadlines
from yifa.core.testing import ledger_file
from yifa.disclosure import actions, ledger
from yifa.disclosure.models import InfoRequest, ProactiveDisclosure

from .conftest import make_publication

REQUEST_HEADERS = [c.header for c in ledger.REQUEST_COLUMNS]
PUBLICATION_HEADERS = [c.header for c in ledger.PUBLICATION_COLUMNS]


def body(response) -> bytes:
    """Exports are streamed from a temporary file (FileResponse)."""
    assert response.streaming
    return b"".join(response.streaming_content)


def _xlsx(headers, rows) -> SimpleUploadedFile:
    return ledger_file(headers, rows)


def _request_row(i, **values):
    row = {"收到申请日期": "2025-03-03", "申请方式": "当面提交", "申请人类型": "自然人", "申请人姓名或名称": f"申请人{i}",
           "联系电话": "13857201188", "所需信息描述": f"信息{i}", "办理状态": "已答复", "办理结果": "予以公开",
           "具体情形": "向申请人提供", "答复日期": "2025-03-20"}
    row.update(values)
    return row


def _pub_row(i, **values):
    row = {"标题": f"公开信息{i}", "公开类别": "社会救助", "形成或变更日期": "2025-03-01", "公开日期": "2025-03-05",
           "公开渠道": "政府网站"}
    row.update(values)
    return row


def test_templates_have_the_chinese_headers(tree, client):
    client.force_login(tree.township_handler)
    for kind, header in (("requests", "收到申请日期 *"), ("publications", "公开类别 *")):
        content = client.get(reverse("disclosure:ledger_template", args=[kind])).getvalue()
        assert header in [c.value for c in load_workbook(io.BytesIO(content)).active[1]]


def test_one_bad_request_row_among_a_thousand_saves_nothing(tree, frozen, client):
    rows = [_request_row(i) for i in range(1000)]
    rows[499]["具体情形"] = "属于国家秘密"  # does not belong to 予以公开
    client.force_login(tree.township_handler)
    response = client.post(reverse("disclosure:ledger_import", args=["requests"]),
                           {"file": _xlsx(REQUEST_HEADERS, rows)})
    page = response.content.decode()
    assert response.status_code == 200 and "第 501 行" in page and "与办理结果“予以公开”不符" in page
    assert not InfoRequest.objects.exists()


def test_a_clean_request_ledger_imports_and_open_ones_get_their_clock(tree, frozen, client):
    rows = [_request_row(i) for i in range(1, 200)]
    rows.append(_request_row(200, 办理状态="办理中", 办理结果=None, 具体情形=None, 答复日期=None,
                             收到申请日期="2025-08-18", 补正告知日期="2025-08-20", 收到补正日期="2025-08-25"))
    client.force_login(tree.township_handler)
    response = client.post(reverse("disclosure:ledger_import", args=["requests"]),
                           {"file": _xlsx(REQUEST_HEADERS, rows)})
    assert response.status_code == 302
    assert InfoRequest.objects.filter(imported=True).count() == 200
    open_one = InfoRequest.objects.get(status="registered")
    (clock,) = deadlines.of(open_one)
    assert clock.due_on == dt.date(2025, 9, 22)  # 20 working days counted again from the 补正 of 8月25日
    assert InfoRequest.objects.filter(status="replied").exclude(reply_number="").count() == 199


def test_an_exported_request_ledger_imports_to_the_same_records(tree, request_, frozen, client):
    h = tree.township_handler
    actions.request_correction(request_, by=h, on=dt.date(2025, 8, 20), items="写明年度", deadline=dt.date(2025, 8, 29))
    actions.receive_correction(request_, by=h, on=dt.date(2025, 8, 22))
    actions.reply(request_, by=h, on=dt.date(2025, 9, 1), outcome="withheld", reason="process",
                  reply_text="=HYPERLINK(\"http://evil.example\",\"点我\")")
    actions.record_remedy(request_, by=h, reconsideration="pending")
    from .conftest import make_request

    make_request(tree.township, h, received_on=dt.date(2025, 8, 28), email="a@example.com")
    client.force_login(h)
    content = body(client.get(reverse("disclosure:ledger_export", args=["requests"])))
    ws = load_workbook(io.BytesIO(content)).active
    texts = [row[REQUEST_HEADERS.index("答复内容")] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert "'=HYPERLINK(\"http://evil.example\",\"点我\")" in texts
    before = sorted((ledger.export_request(r) for r in InfoRequest.objects.all()), key=lambda r: r["number"])
    InfoRequest.objects.all().delete()
    response = client.post(reverse("disclosure:ledger_import", args=["requests"]),
                           {"file": SimpleUploadedFile("导出.xlsx", content)})
    assert response.status_code == 302
    after = sorted((ledger.export_request(r) for r in InfoRequest.objects.all()), key=lambda r: r["number"])
    assert after == before


def test_publications_import_all_or_nothing_and_round_trip(tree, frozen, client):
    client.force_login(tree.township_handler)
    bad = [_pub_row(i) for i in range(300)]
    bad[10]["公开类别"] = "行政规范性文件"
    response = client.post(reverse("disclosure:ledger_import", args=["publications"]),
                           {"file": _xlsx(PUBLICATION_HEADERS, bad)})
    assert "第 12 行" in response.content.decode() and not ProactiveDisclosure.objects.exists()
    good = [_pub_row(i) for i in range(300)] + [_pub_row(300, 公开日期=None, 形成或变更日期="2025-08-25")]
    client.post(reverse("disclosure:ledger_import", args=["publications"]), {"file": _xlsx(PUBLICATION_HEADERS, good)})
    assert ProactiveDisclosure.objects.filter(status="published").count() == 300
    draft = ProactiveDisclosure.objects.get(status="draft")
    assert deadlines.of(draft)[0].due_on == dt.date(2025, 9, 22)
    make_publication(tree.township, tree.township_handler, title="@SUM(1+1)", published_on=dt.date(2025, 8, 10))
    content = body(client.get(reverse("disclosure:ledger_export", args=["publications"])))
    before = sorted((ledger.export_publication(p) for p in ProactiveDisclosure.objects.all()),
                    key=lambda r: (r["index_number"], r["title"]))
    ProactiveDisclosure.objects.all().delete()
    client.post(reverse("disclosure:ledger_import", args=["publications"]),
                {"file": SimpleUploadedFile("导出.xlsx", content)})
    after = sorted((ledger.export_publication(p) for p in ProactiveDisclosure.objects.all()),
                   key=lambda r: (r["index_number"], r["title"]))
    assert after == before


def test_an_overseer_cannot_import(tree, client):
    client.force_login(tree.district_overseer)
    assert client.get(reverse("disclosure:ledger_import", args=["requests"])).status_code == 403
