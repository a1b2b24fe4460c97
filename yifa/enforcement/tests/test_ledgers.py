"""Excel 台账: template, import all-or-nothing with row errors in Chinese, exports safe and masked."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from yifa.enforcement.models import InspectionTarget, Officer

from .helpers import decided, uscc


def xlsx(rows) -> SimpleUploadedFile:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("台账.xlsx", buffer.getvalue())


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
    assert response.status_code == 400
    assert "第 3 行“统一社会信用代码”" in response.content.decode()
    assert not InspectionTarget.objects.exists()


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


def test_the_case_ledger_masks_citizens_id_numbers(w, client):
    case = decided(w)
    client.force_login(w.handler)
    response = client.get(reverse("enforcement:case_list") + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    values = [c.value for c in sheet[2]]
    assert case.number in values
    assert case.party_id_number not in values
    assert case.party_id_number[:6] + "********" + case.party_id_number[-4:] in values
