"""Excel 台账: template, import all-or-nothing with row errors in Chinese, exports safe and masked."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from yifa.core import imports
from yifa.core.testing import ledger_file
from yifa.enforcement.models import InspectionTarget, Officer

from .helpers import decided, uscc


def xlsx(rows) -> SimpleUploadedFile:
    return ledger_file(rows[0], rows[1:])


HEADER = ["名称", "统一社会信用代码", "主体类型", "行业", "经营地址", "法定代表人（负责人）", "联系电话"]


def test_targets_import_when_every_row_is_valid(w, client):
    client.force_login(w.handler)
    upload = xlsx([HEADER, ["甲餐馆", uscc("92330502MA2B3C001"), "个体工商户", "餐饮", "", "", ""],
                   ["乙公司", uscc("91330502MA2B3C002"), "企业", "纺织", "", "", ""]])
    response = client.post(reverse("enforcement:target_import"), {"file": upload})
    assert response.status_code == 302
    assert InspectionTarget.objects.filter(org=w.org).count() == 2


def test_one_bad_row_imports_nothing_and_names_the_row(w, client):
    client.force_login(w.handler)
    upload = xlsx([HEADER, ["甲餐馆", uscc("92330502MA2B3C001"), "个体工商户", "餐饮", "", "", ""],
                   ["乙公司", "91330502MA2B3C0020", "企业", "纺织", "", "", ""]])
    response = client.post(reverse("enforcement:target_import"), {"file": upload})
    assert response.status_code == 200 and "未导入任何数据" in response.content.decode()
    assert imports.page_problems(response.content)[0].startswith("第 3 行“统一社会信用代码”")
    assert not InspectionTarget.objects.exists()


def test_a_code_already_in_the_register_or_twice_in_the_sheet_is_named(w, client):
    client.force_login(w.handler)
    code = uscc("92330502MA2B3C001")
    client.post(reverse("enforcement:target_import"), {"file": xlsx([HEADER, ["甲餐馆", code, "个体工商户", "", "", "", ""]])})
    other = uscc("91330502MA2B3C002")
    upload = xlsx([HEADER, ["甲餐馆", code, "个体工商户", "", "", "", ""], ["乙公司", other, "企业", "", "", "", ""],
                   ["乙公司", other, "企业", "", "", "", ""]])
    problems = imports.page_problems(client.post(reverse("enforcement:target_import"), {"file": upload}).content)
    assert problems == [f"第 2 行“统一社会信用代码”：{code} 已在本单位检查对象名录中。",
                        "第 4 行“统一社会信用代码”：与第 3 行重复。"]
    assert InspectionTarget.objects.count() == 1


def test_the_template_downloads(w, client):
    client.force_login(w.handler)
    response = client.get(reverse("enforcement:target_import") + "?template=1")
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    assert sheet["B1"].value == "统一社会信用代码 *"


def test_officers_import(w, client):
    client.force_login(w.head)
    upload = xlsx([["姓名", "职务", "执法证号", "发证机关", "执法领域", "发证日期", "有效期至"],
                   ["新队员", "队员", "33050220260001", "浙江省人民政府", "城市管理", "2026-01-01", "2031-01-01"]])
    assert client.post(reverse("enforcement:officer_import"), {"file": upload}).status_code == 302
    assert Officer.objects.get(cert_number="33050220260001").name == "新队员"
    again = xlsx([["姓名", "执法证号", "发证机关", "有效期至", "发证日期"],
                  ["又一名", "33050220260001", "浙江省人民政府", "2031-01-01", "2026-01-01"],
                  ["无证期", "33050220260002", None, "2020-01-01", "2026-01-01"]])
    problems = imports.page_problems(client.post(reverse("enforcement:officer_import"), {"file": again}).content)
    assert problems == ["第 2 行“执法证号”：33050220260001 已登记。", "第 3 行“有效期至”：有效期至不能早于发证日期。"]


def test_the_import_page_is_for_those_who_keep_the_registers(w, client):
    client.force_login(w.handler)
    page = client.get(reverse("enforcement:officer_import"))
    assert page.status_code == 200 and "导入执法人员名录" in page.content.decode()
    client.force_login(w.tree.district_overseer)
    assert client.get(reverse("enforcement:officer_import")).status_code == 403


def test_the_case_ledger_masks_citizens_id_numbers(w, client):
    case = decided(w)
    client.force_login(w.handler)
    response = client.get(reverse("enforcement:case_list") + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    values = [c.value for c in sheet[2]]
    assert case.number in values
    assert case.party_id_number not in values
    assert case.party_id_number[:6] + "********" + case.party_id_number[-4:] in values
