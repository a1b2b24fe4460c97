"""Excel 台账: template download, row-by-row Chinese errors, all-or-nothing import, export."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from yifa.core import deadlines, imports
from yifa.core.testing import ledger_file

from ..ledger import COLUMNS
from .. import warnings
from ..models import DisputeCase, EarlyWarning
from .helpers import id_number, uscc

pytestmark = pytest.mark.django_db

HEADERS = [c.header for c in COLUMNS]
GOOD = {
    "登记日期": "2025-01-06", "纠纷名称": "周一与吴二相邻通行纠纷", "纠纷类型": "邻里纠纷", "来源渠道": "来访申请",
    "纠纷简要情况": "堆放杂物。", "当事人一姓名或名称": "周一", "当事人一证件号码": id_number("19700505", "321"),
    "当事人一电话": "13900001111", "当事人二姓名或名称": "吴二", "办理结果": "调解成功（书面协议）",
    "受理日期": "2025-01-06", "调结日期": "2025-01-20", "结案日期": "2025-02-20",
}


def sheet(*rows) -> SimpleUploadedFile:
    return ledger_file(HEADERS, rows)


def test_the_template_has_every_column_with_required_ones_marked(client, w):
    client.force_login(w.mediator_user)
    response = client.get(reverse("mediation:ledger_template"))
    ws = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    headers = [c.value for c in ws[1]]
    assert headers[:3] == ["登记日期 *", "纠纷名称 *", "纠纷类型 *"] and "当事人二证件号码" in headers
    assert str(ws["C2"].value).startswith("（说明）可选：婚姻家庭纠纷")


def test_good_rows_are_imported_with_their_history(client, w):
    client.force_login(w.mediator_user)
    org_row = {**GOOD, "纠纷名称": "业主与物业纠纷", "纠纷类型": "物业纠纷", "当事人二姓名或名称": "测试物业公司",
               "当事人二证件号码": uscc(), "办理结果": "调解中", "调结日期": None, "结案日期": None,
               "受理日期": "2025-03-03", "登记日期": "2025-03-03"}
    response = client.post(reverse("mediation:ledger_import"), {"file": sheet(GOOD, org_row)})
    assert response.status_code == 302
    closed, open_case = DisputeCase.objects.order_by("registered_on")
    assert closed.imported and closed.status == "closed" and closed.outcome == "written"
    assert closed.number == "东街调〔2025〕1号" and closed.closed_on.isoformat() == "2025-02-20"
    assert {d.rule.code: d.status for d in deadlines.of(closed)} == {"mediation.resolve": "met"}
    assert open_case.status == "accepted" and open_case.resolve_due_on.isoformat() == "2025-04-03"
    assert [p.kind for p in open_case.parties.all()] == ["person", "organisation"]


def test_imported_open_cases_get_the_warnings_a_rescan_would_give(client, w):
    """The import scans its open cases in one pass (warnings.scan_new_cases): a later full scan finds nothing new."""
    client.force_login(w.mediator_user)
    open_row = {**GOOD, "办理结果": "调解中", "调结日期": None, "结案日期": None, "纠纷发生地": "东街道幸福里3幢201室",
                "纠纷简要情况": "一方扬言报复。"}
    other = {**open_row, "纠纷名称": "周一与郑三借款纠纷", "当事人二姓名或名称": "郑三", "当事人一电话": "13900002222"}
    stranger = {**open_row, "纠纷名称": "钱四与孙五纠纷", "当事人一姓名或名称": "钱四",
                "当事人一证件号码": id_number("19800101", "123"), "当事人一电话": "13900003333", "纠纷发生地": "东街道别处5号"}
    assert client.post(reverse("mediation:ledger_import"), {"file": sheet(open_row, other, stranger)}).status_code == 302
    first, second, third = DisputeCase.objects.order_by("pk")
    kinds = {case.pk: sorted(EarlyWarning.objects.filter(case=case).values_list("kind", flat=True))
             for case in (first, second, third)}
    assert kinds[first.pk] == kinds[second.pk] == sorted(["repeat_party", "repeat_address", "risk_words", "overdue"])
    assert kinds[third.pk] == sorted(["risk_words", "overdue"])
    assert warnings.scan(orgs=[w.tree.township], today=deadlines.today()) == 0


def test_one_bad_row_saves_nothing_and_every_error_is_named(client, w):
    client.force_login(w.mediator_user)
    bad_id = {**GOOD, "当事人一证件号码": "330502197005053210"}
    bad_order = {**GOOD, "受理日期": "2025-01-10", "调结日期": "2025-01-08"}
    bad_choice = {**GOOD, "纠纷类型": "吵架"}
    missing = {**GOOD, "当事人一姓名或名称": None}
    no_outcome_date = {**GOOD, "办理结果": "调解不成", "调结日期": None, "结案日期": None}
    response = client.post(reverse("mediation:ledger_import"),
                           {"file": sheet(GOOD, bad_id, bad_order, bad_choice, missing, no_outcome_date)})
    assert response.status_code == 200 and "未导入任何数据" in response.content.decode()
    problems = imports.page_problems(response.content)
    assert "第 3 行“当事人一证件号码”：身份证号校验位不正确，请核对。" in problems
    assert "第 4 行“调结日期”：不能早于受理日期。" in problems
    assert any(p.startswith("第 5 行“纠纷类型”：应为以下之一") for p in problems)
    assert "第 6 行“当事人一姓名或名称”：必填，不能为空。" in problems
    assert "第 7 行“调结日期”：已有调解结果的纠纷须填写调结日期。" in problems
    assert not DisputeCase.objects.exists()


def test_a_file_that_is_not_a_workbook_is_refused(client, w):
    client.force_login(w.mediator_user)
    response = client.post(reverse("mediation:ledger_import"), {"file": SimpleUploadedFile("x.xlsx", b"not excel")})
    assert "无法读取文件" in response.content.decode() and not DisputeCase.objects.exists()


def test_import_is_for_the_units_workers(client, w):
    client.force_login(w.tree.district_overseer)
    assert client.get(reverse("mediation:ledger_import")).status_code == 403


def test_the_export_follows_the_list_filters_and_reads_back(client, w):
    w.case("closed")
    w.case("mediating", title="王五与赵六劳务纠纷", dispute_type="labour")
    w.case(org=w.tree.sibling, title="西镇纠纷")
    client.force_login(w.mediator_user)
    response = client.get(reverse("mediation:ledger_export") + "?type=labour")
    ws = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "登记编号" and len(rows) == 2
    assert rows[1][3] == "王五与赵六劳务纠纷" and "调解中" in rows[1]
    everything = openpyxl.load_workbook(io.BytesIO(client.get(reverse("mediation:ledger_export")).getvalue())).active
    titles = [r[3] for r in everything.iter_rows(min_row=2, values_only=True)]
    assert "西镇纠纷" not in titles and len(titles) == 2


def test_exported_text_cannot_run_as_a_formula(client, w):
    w.case(title="=HYPERLINK(\"http://x\")")
    client.force_login(w.mediator_user)
    ws = openpyxl.load_workbook(io.BytesIO(client.get(reverse("mediation:ledger_export")).getvalue())).active
    assert ws["D2"].value.startswith("'=")
