"""执法检查台账 import: past inspections with their results, checked row by row, all or nothing, targets the 名录
lacks registered, and an exported sheet re-imports to the same inspections."""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from yifa.core import deadlines, imports
from yifa.core.models import AuditEntry
from yifa.core.testing import ledger_file
from yifa.enforcement import actions, ledgers
from yifa.enforcement.models import Inspection, InspectionTarget

from .helpers import file, uscc

IMPORT = "enforcement:inspection_import"
HEADERS = [c.header for c in ledgers.INSPECTION_COLUMNS]


def sheet(rows) -> SimpleUploadedFile:
    return ledger_file(HEADERS, rows, "执法检查台账.xlsx")


def row(**extra) -> dict:
    values = {"检查类型": "日常巡查", "检查对象": "湖州某某餐饮有限公司", "统一社会信用代码": uscc(),
              "检查人员": "孙执法、33050220210016", "检查日期": "2025-11-03", "检查结果": "合格",
              "检查情况": "后厨油烟净化设施运行正常。"}
    values.update(extra)
    return values


def post(client, rows):
    return client.post(reverse(IMPORT), {"file": sheet(rows)})


def test_the_template_has_the_headers_of_the_exported_ledger(w, client):
    client.force_login(w.handler)
    template = load_workbook(io.BytesIO(client.get(reverse(IMPORT) + "?template=1").getvalue())).active
    export = load_workbook(io.BytesIO(client.get(reverse("enforcement:inspection_list") + "?export=xlsx")
                                      .getvalue())).active
    assert [c.value for c in template[1]] == [c.value for c in export[1]]
    assert [c.value for c in template[1]][:4] == ["抽查编号", "检查类型 *", "检查事项", "检查对象 *"]


def test_a_clean_ledger_imports_past_inspections_and_registers_new_targets(w, client):
    existing = actions.create_target(by=w.handler, org=w.org, name="某超市", uscc=uscc("92330502MA2B3C001"),
                                     kind=InspectionTarget.Kind.INDIVIDUAL_BUSINESS)
    case = file(w, days_ago=40)
    client.force_login(w.handler)
    response = post(client, [
        row(),
        row(检查类型="双随机抽查", 抽查编号="东街随抽〔2025〕2号", 检查对象="某超市", 统一社会信用代码=existing.uscc,
            检查事项="油烟排放检查", 检查结果="责令整改", 整改期限="2025-11-20", 检查情况="油烟净化器未清洗。"),
        row(检查日期="2026-01-21", 检查结果="立案查处", 立案案号=case.number, 检查情况="占道经营。"),
    ])
    assert response.status_code == 302 and response.url == reverse("enforcement:inspection_list")
    first, second, third = Inspection.objects.order_by("pk")
    assert first.status == Inspection.Status.DONE and first.imported and first.result == "passed"
    assert first.target.name == "湖州某某餐饮有限公司" and first.target.kind == InspectionTarget.Kind.COMPANY
    assert {o.name for o in first.officers.all()} == {"孙执法", "钱执法"}
    assert second.target == existing and second.ledger_draw_number == "东街随抽〔2025〕2号" and second.draw is None
    assert second.rectify_due == dt.date(2025, 11, 20) and second.power == w.inspection_power
    assert third.case == case and third.target == first.target
    assert InspectionTarget.objects.filter(org=w.org).count() == 2
    assert deadlines.of(first) == []
    assert AuditEntry.objects.filter(action="enforcement.import_inspection").count() == 3
    assert AuditEntry.objects.filter(action="enforcement.import_row", target_id=str(first.target_id)).exists()
    assert client.get(reverse("enforcement:inspection_detail", args=[second.pk])).status_code == 200


def test_one_bad_row_among_a_thousand_saves_nothing_and_names_its_row_and_column(w, client):
    client.force_login(w.handler)
    rows = [row(统一社会信用代码=uscc(f"91330502MA2B{n:05d}"), 检查对象=f"某公司{n}") for n in range(1000)]
    rows[699]["整改期限"] = "2025-12-01"
    response = post(client, rows)
    assert imports.page_problems(response.content) == ["第 701 行“整改期限”：检查结果为“合格”的，不应填写整改期限。"]
    assert not Inspection.objects.exists() and not InspectionTarget.objects.exists()
    rows[699]["整改期限"] = None
    assert post(client, rows).status_code == 302
    assert Inspection.objects.count() == InspectionTarget.objects.count() == 1000


def test_every_row_is_checked_and_each_problem_named_in_chinese(w, client):
    client.force_login(w.handler)
    problems = imports.page_problems(post(client, [
        row(检查人员="孙执法", 检查日期="2025-11-01"),
        row(检查结果="责令整改", 检查日期="2025-11-02"),
        row(检查结果="责令整改", 整改期限="2025-11-08", 检查日期="2025-11-08"),
        row(检查结果="立案查处", 立案案号="东街综执立〔2025〕99号", 检查日期="2025-11-04"),
        row(抽查编号="东街随抽〔2025〕2号", 检查日期="2025-11-05"),
        row(检查日期="2026-03-03"),
        row(检查事项="对占道经营的处罚", 检查日期="2025-11-07"),
        row(统一社会信用代码="91330502MA2B3C4D50"),
        row(),
        row(),
    ]).content)
    assert problems == [
        "第 2 行“检查人员”：执法人员不得少于两人（《行政处罚法》第四十二条）。",
        "第 3 行“整改期限”：责令整改的，须填写整改期限。",
        "第 4 行“整改期限”：整改期限应晚于检查日期。",
        "第 5 行“立案案号”：本单位没有案号为“东街综执立〔2025〕99号”的案件（请先导入行政处罚案件台账）。",
        "第 6 行“抽查编号”：只有双随机抽查填写抽查编号。",
        "第 7 行“检查日期”：日期不能晚于今天。",
        "第 8 行“检查事项”：“对占道经营的处罚”不是本单位权责清单中的行政检查事项（请填写事项名称或事项编码）。",
        problems[7],
        "第 11 行“检查日期”：与第 10 行重复（这一对象这一天的同类检查）。",
    ]
    assert problems[7].startswith("第 9 行“统一社会信用代码”：")
    assert not Inspection.objects.exists()


def test_an_exported_ledger_imports_again_to_the_same_inspections(w, client):
    case = file(w, days_ago=40)
    client.force_login(w.handler)
    assert post(client, [row(), row(检查结果="责令整改", 整改期限="2025-11-30", 检查日期="2025-11-04"),
                         row(检查类型="双随机抽查", 抽查编号="东街随抽〔2025〕2号", 检查日期="2025-10-09"),
                         row(检查日期="2026-01-21", 检查结果="立案查处", 立案案号=case.number,
                             检查情况="-当事人占道经营，已立案。")]).status_code == 302
    exported = client.get(reverse("enforcement:inspection_list") + "?export=xlsx").getvalue()
    fields = ["kind", "power_id", "target_id", "inspected_on", "result", "findings", "rectify_due", "case_id",
              "ledger_draw_number", "status"]
    before = list(Inspection.objects.order_by("inspected_on", "kind", "result").values(*fields))
    Inspection.objects.all().delete()
    response = client.post(reverse(IMPORT), {"file": SimpleUploadedFile("台账.xlsx", exported)})
    assert response.status_code == 302, imports.page_problems(response.content)
    assert list(Inspection.objects.order_by("inspected_on", "kind", "result").values(*fields)) == before
    again = client.get(reverse("enforcement:inspection_list") + "?export=xlsx").getvalue()
    read = [[c.value for c in r] for r in load_workbook(io.BytesIO(again)).active.iter_rows()]
    assert read == [[c.value for c in r] for r in load_workbook(io.BytesIO(exported)).active.iter_rows()]
    assert Inspection.objects.get(result="case").findings == "-当事人占道经营，已立案。"
    assert "'-当事人占道经营，已立案。" in [value for r in read for value in r]  # written inert, read back as it was


def test_only_those_who_may_file_cases_import_inspections(w, client):
    for user in (w.head, w.tree.district_overseer):
        client.force_login(user)
        assert client.get(reverse(IMPORT)).status_code == 403
        assert client.get(reverse(IMPORT) + "?template=1").status_code == 403
        assert client.post(reverse(IMPORT), {"file": sheet([row()])}).status_code == 403
    assert not Inspection.objects.exists()
    client.force_login(w.handler)
    assert reverse(IMPORT) in client.get(reverse("enforcement:inspection_list")).content.decode()


def test_another_units_user_imports_only_into_their_own_unit(w, client):
    client.force_login(w.tree.sibling_handler)
    assert client.get(reverse(IMPORT) + f"?org={w.org.pk}").status_code == 403  # not an officer of any unit
    assert not Inspection.objects.exists()


def test_a_pending_inspection_of_an_exported_ledger_is_named_once(w, client):
    client.force_login(w.handler)
    problems = imports.page_problems(post(client, [
        row(检查日期=None, 检查结果=None, 检查情况=None), row(检查结果=None, 检查日期="2025-11-04")]).content)
    assert problems == [
        "第 2 行“检查日期”：这一行没有检查日期、检查结果和检查情况（待检查）：只能导入已完成的检查，请补全或删去这一行"
        "（待检查的请在系统中安排检查）。",
        "第 3 行“检查结果”：已完成的检查，须填写检查结果。",
    ]
