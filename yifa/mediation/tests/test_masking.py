"""身份证号、电话、住址: whole only for those handling the case; masked in lists, for readers, in public exports."""

import io

import openpyxl
import pytest
from django.urls import reverse

from yifa.core.identity import mask_id

from .helpers import id_number, party

pytestmark = pytest.mark.django_db

ID = id_number("19800101", "123")


@pytest.fixture
def case(w):
    return w.case(parties=[party("张三", id_number=ID, phone="13812345678", address="浙江省湖州市东街道幸福路18号"),
                           party("李四", "respondent")])


def test_the_list_masks_phone_numbers_even_for_the_handler(client, w, case):
    client.force_login(w.mediator_user)
    page = client.get(reverse("mediation:case_list")).content.decode()
    assert "138****5678" in page and "13812345678" not in page and ID not in page


def test_the_handler_sees_the_whole_particulars_on_the_case_page(client, w, case):
    client.force_login(w.mediator_user)
    page = client.get(reverse("mediation:case_detail", args=[case.pk])).content.decode()
    assert ID in page and "13812345678" in page and "幸福路18号" in page


def test_an_overseer_sees_them_masked(client, w, case):
    client.force_login(w.tree.district_overseer)
    page = client.get(reverse("mediation:case_detail", args=[case.pk])).content.decode()
    assert ID not in page and mask_id(ID) in page and "*" * 8 in mask_id(ID)
    assert "138****5678" in page and "13812345678" not in page
    assert "浙江省湖州市****" in page and "幸福路18号" not in page
    assert "仅承办人员可见全文" in page


def test_the_export_is_masked_for_a_reader_and_whole_for_the_handler(client, w, case):
    def cells(user):
        client.force_login(user)
        response = client.get(reverse("mediation:ledger_export"))
        sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
        return [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]

    assert ID in cells(w.mediator_user)
    reader = cells(w.tree.district_overseer)
    assert ID not in reader and "13812345678" not in reader and "138****5678" in reader


def test_a_township_user_gets_404_on_a_siblings_case(client, w):
    sibling_case = w.case(org=w.tree.sibling)
    client.force_login(w.tree.township_handler)
    assert client.get(reverse("mediation:case_detail", args=[sibling_case.pk])).status_code == 404
    assert sibling_case.number not in client.get(reverse("mediation:case_list")).content.decode()
    client.force_login(w.tree.district_overseer)
    assert client.get(reverse("mediation:case_detail", args=[sibling_case.pk])).status_code == 200
