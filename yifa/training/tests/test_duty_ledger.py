"""谁执法谁普法责任清单 台账: the template has the export's headers, an import checks every row and saves all or
nothing (each item audited), an exported list imports again as the same items."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from yifa.core import imports
from yifa.core.models import AuditEntry
from yifa.training import actions, ledgers
from yifa.training.models import DutyItem
from yifa.training.tests.test_ledgers import XLSX, _sheet

IMPORT = reverse("training:duty_import")
FIELDS = [c.key for c in ledgers.DUTY_COLUMNS]


def _rows(n=3):
    return [{"year": 2025, "department": f"执法部门{i:03d}", "laws": "《中华人民共和国行政处罚法》",
             "audience": "辖区商户", "measures": "执法过程中以案释法；每季度开展一次集中宣传",
             "responsible": "王队长" if i % 2 else None, "active": "有效" if i % 3 else None}
            for i in range(n)]


def _post(client, user, rows, url=IMPORT):
    client.force_login(user)
    return client.post(url, {"file": _sheet(ledgers.DUTY_COLUMNS, rows)})


def test_the_template_has_the_export_s_chinese_headers(tree, client):
    client.force_login(tree.township_handler)
    template = load_workbook(io.BytesIO(client.get(reverse("training:duty_template")).getvalue())).active
    exported = load_workbook(io.BytesIO(
        client.get(reverse("training:duty_list") + "?year=2025&export=xlsx").getvalue())).active
    headers = [c.value for c in template[1]]
    assert headers == ["年度 *", "责任部门 *", "重点普及的法律法规 *", "普法对象 *", "普法措施 *", "责任人", "状态"]
    assert [c.value.removesuffix(" *") for c in exported[1]] == [h.removesuffix(" *") for h in headers]


def test_a_clean_list_imports_fully_with_an_audit_entry_for_each_item(tree, client):
    response = _post(client, tree.township_handler, _rows(250))
    assert response.status_code == 302 and response.url == reverse("training:duty_list")
    assert DutyItem.objects.filter(org=tree.township, year=2025, active=True).count() == 250
    item = DutyItem.objects.get(department="执法部门001")
    assert (item.responsible, item.audience, item.laws) == ("王队长", "辖区商户", "《中华人民共和国行政处罚法》")
    assert DutyItem.objects.get(department="执法部门000").responsible == ""
    assert AuditEntry.objects.filter(action="training.import_row", target_type="training.dutyitem").count() == 250
    summary = AuditEntry.objects.get(action="training.import_duties")
    assert summary.note == "从台账导入普法责任清单事项250项" and summary.actor_id == tree.township_handler.pk
    page = client.get(reverse("training:duty_list") + "?year=2025").content.decode()
    assert "执法部门249" in page and reverse("training:duty_import") in page


def test_one_bad_row_among_three_hundred_saves_nothing_and_is_named(tree, client):
    rows = _rows(300)
    rows[187]["year"] = "二〇二五"
    response = _post(client, tree.township_handler, rows)
    problems = imports.page_problems(response.content)
    assert "未导入任何数据" in response.content.decode()
    assert len(problems) == 1 and problems[0].startswith("第 189 行“年度”：")
    assert not DutyItem.objects.exists() and not AuditEntry.objects.filter(action="training.import_row").exists()


def test_duplicates_and_missing_cells_are_named_by_row_and_column(tree, client):
    actions.add_duty(by=tree.township_handler, org=tree.township, year=2025, department="执法部门000",
                     laws="《中华人民共和国行政处罚法》", audience="商户", measures="以案释法")
    rows = _rows(3)
    rows.append(dict(rows[1]))
    rows[2]["measures"] = None
    rows[2]["active"] = "作废"
    problems = imports.page_problems(_post(client, tree.township_handler, rows).content)
    assert problems[0] == "第 2 行“重点普及的法律法规”：本单位已登记过同一年度、同一责任部门的这部法律法规。"
    assert any(p.startswith("第 4 行“普法措施”") for p in problems)
    assert any(p.startswith("第 4 行“状态”") for p in problems)
    assert "第 5 行“重点普及的法律法规”：与第 3 行重复（同一年度、同一责任部门的这部法律法规）。" in problems
    assert DutyItem.objects.count() == 1


def test_an_exported_list_reimports_to_the_same_items_in_another_unit(tree, client):
    rows = _rows(4)
    rows[0]["measures"] = '=HYPERLINK("http://x","点此")'
    rows[1]["active"] = "已停用"
    _post(client, tree.township_handler, rows)
    exported = client.get(reverse("training:duty_list") + "?year=2025&all=1&export=xlsx").getvalue()
    assert load_workbook(io.BytesIO(exported)).active.max_row == 5
    client.force_login(tree.sibling_handler)
    upload = SimpleUploadedFile("导出.xlsx", exported, content_type=XLSX)
    assert client.post(IMPORT, {"file": upload}).status_code == 302
    assert sorted(DutyItem.objects.filter(org=tree.sibling).values_list(*FIELDS)) == \
        sorted(DutyItem.objects.filter(org=tree.township).values_list(*FIELDS))
    assert DutyItem.objects.get(org=tree.sibling, department="执法部门000").measures == '=HYPERLINK("http://x","点此")'
    assert not DutyItem.objects.get(org=tree.sibling, department="执法部门001").active


def test_the_export_holds_the_chosen_year_s_active_items_only(tree, client):
    by = tree.township_handler
    actions.add_duty(by=by, org=tree.township, year=2024, department="旧部门", laws="甲法", audience="群众", measures="宣传")
    actions.add_duty(by=by, org=tree.township, year=2025, department="停用部门", laws="乙法", audience="群众",
                     measures="宣传", active=False)
    actions.add_duty(by=by, org=tree.township, year=2025, department="司法所", laws="丙法", audience="群众", measures="宣传")
    client.force_login(by)
    sheet = load_workbook(io.BytesIO(client.get(reverse("training:duty_list") + "?year=2025&export=xlsx").getvalue())).active
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["司法所"]


def test_someone_who_does_not_keep_the_ledgers_is_refused_403(tree, client):
    for user in (tree.district_overseer, tree.reviewer):
        client.force_login(user)
        assert client.get(IMPORT).status_code == 403
        assert client.post(IMPORT, {"file": _sheet(ledgers.DUTY_COLUMNS, _rows())}).status_code == 403
    assert not DutyItem.objects.exists()


def test_another_unit_answers_404_and_its_items_stay_out_of_the_export(tree, client):
    assert _post(client, tree.township_handler, _rows(), url=f"{IMPORT}?org={tree.township.pk}").status_code == 302
    client.force_login(tree.sibling_handler)
    assert client.get(f"{IMPORT}?org={tree.township.pk}").status_code == 404
    assert client.post(f"{IMPORT}?org={tree.township.pk}",
                       {"file": _sheet(ledgers.DUTY_COLUMNS, _rows())}).status_code == 404
    exported = client.get(reverse("training:duty_list") + "?year=2025&export=xlsx").getvalue()
    assert load_workbook(io.BytesIO(exported)).active.max_row == 1
    assert DutyItem.objects.filter(org=tree.township).count() == 3 and not DutyItem.objects.filter(org=tree.sibling).exists()
