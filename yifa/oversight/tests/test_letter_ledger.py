"""复议意见书、司法建议台账: template and export share headers, all-or-nothing import naming row and column, clocks
for the unanswered letters, round trip, roles and units."""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from yifa.core import imports
from yifa.core.models import AuditEntry
from yifa.core.models.deadlines import Deadline
from yifa.core.testing import ledger_file
from yifa.oversight import actions, ledgers
from yifa.oversight.models import FollowUpLetter


def _upload(header, rows) -> SimpleUploadedFile:
    return ledger_file(header, rows)


def _sheet(rows):
    return _upload([c.header for c in ledgers.LETTER_COLUMNS], [[r.get(c.key) for c in ledgers.LETTER_COLUMNS]
                                                                for r in rows])


def _rows(n):
    return [{"kind": "行政复议意见书" if i % 2 else "司法建议", "case_no": "甲政复〔2025〕15号" if i % 2 else "（2025）甲行初8号",
             "letter_no": f"意见〔2025〕{i}号", "issued_by": "甲区人民政府" if i % 2 else "甲区人民法院",
             "received_on": "2025-10-08", "content": f"第{i}项：执法程序需规范",
             "answered_on": "2025-11-05" if i % 3 == 0 else None, "answer": "已整改" if i % 3 == 0 else None}
            for i in range(1, n + 1)]


def _cases(make_case, org=None, by=None):
    make_case(org=org, by=by)
    make_case(org=org, by=by, kind="litigation", instance="first", case_no="（2025）甲行初8号", body="甲区人民法院")


def _workbook(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content) if response.streaming
                                    else response.content)).active


def test_the_template_headers_are_the_import_part_of_the_export_headers(tree, client):
    client.force_login(tree.township_handler)
    template = [c.value for c in _workbook(client.get(reverse("oversight:letter_template")))[1]]
    export = [c.value for c in _workbook(client.get(reverse("oversight:letter_list"), {"export": "xlsx"}))[1]]
    assert template == export[:len(template)]
    assert [h.removesuffix(" *") for h in template] == [c.header for c in ledgers.LETTER_COLUMNS]
    assert template[:4] == ["类别 *", "案号", "申请人（原告）", "案件收到日期"]
    assert export[len(template):] == ["回复期限", "状态", "是否按时回复"]


def test_a_clean_ledger_imports_fully_with_clocks_for_the_unanswered(tree, client, make_case):
    _cases(make_case)
    client.force_login(tree.township_handler)
    response = client.post(reverse("oversight:letter_import"), {"file": _sheet(_rows(300))})
    assert response.status_code == 302, imports.page_problems(response.content)[:3]
    letters = FollowUpLetter.objects.filter(org=tree.township)
    assert letters.count() == 300
    assert letters.filter(status="answered").count() == 100
    assert set(letters.values_list("due_on", flat=True)) == {dt.date(2025, 12, 8)}  # 60 days end on Sunday 7 December
    assert letters.filter(kind="opinion_letter", case__kind="reconsideration").count() == 150
    assert letters.filter(kind="judicial_suggestion", case__kind="litigation").count() == 150
    running = Deadline.objects.filter(target_type="oversight.followupletter")
    assert running.count() == 200
    assert set(running.values_list("target_id", flat=True)) == {
        str(pk) for pk in letters.filter(status="open").values_list("pk", flat=True)}
    assert AuditEntry.objects.filter(action="oversight.import_row", target_type="oversight.followupletter").count() == 300
    assert AuditEntry.objects.filter(action="oversight.import_letters").count() == 1


def test_one_bad_row_among_three_hundred_saves_nothing_and_names_row_and_column(tree, client, make_case):
    _cases(make_case)
    rows = _rows(300)
    rows[199]["case_no"] = "甲政复〔2025〕99号"        # row 201: no such case
    rows[249]["answered_on"] = "2025-11-05"           # row 251: answered without 整改情况
    rows[249]["answer"] = None
    client.force_login(tree.township_handler)
    response = client.post(reverse("oversight:letter_import"), {"file": _sheet(rows)})
    problems = imports.page_problems(response.content)
    assert response.status_code == 200 and "未导入任何数据" in response.content.decode()
    assert problems[0].startswith("第 201 行“案号”") and "没有案号" in problems[0]
    assert problems[1].startswith("第 251 行“整改（采纳）情况”")
    assert not FollowUpLetter.objects.exists()
    assert not Deadline.objects.filter(target_type="oversight.followupletter").exists()


def test_an_opinion_letter_on_a_litigation_case_is_refused(tree, client, make_case):
    make_case(kind="litigation", instance="first", case_no="（2025）甲行初8号", body="甲区人民法院")
    row = _rows(1)[0] | {"case_no": "（2025）甲行初8号"}
    client.force_login(tree.township_handler)
    problems = imports.page_problems(client.post(reverse("oversight:letter_import"), {"file": _sheet([row])}).content)
    assert problems[0].startswith("第 2 行“类别”") and "只针对行政复议案件" in problems[0]


def test_an_exported_ledger_imports_again_as_the_same_letters(tree, client, make_case):
    _cases(make_case)
    client.force_login(tree.township_handler)
    client.post(reverse("oversight:letter_import"), {"file": _sheet(_rows(6))})
    fields = ("kind", "case_id", "letter_no", "issued_by", "received_on", "content", "answered_on", "answer",
              "due_on", "status")
    before = sorted(FollowUpLetter.objects.values_list(*fields))
    sheet = _workbook(client.get(reverse("oversight:letter_list"), {"export": "xlsx"}))
    width = len(ledgers.LETTER_COLUMNS)
    values = [[c.value for c in row][:width] for row in sheet.iter_rows(min_row=2)]
    Deadline.objects.filter(target_type="oversight.followupletter").delete()
    FollowUpLetter.objects.all().delete()
    header = [c.value for c in sheet[1]][:width]
    response = client.post(reverse("oversight:letter_import"), {"file": _upload(header, values)})
    assert response.status_code == 302
    assert sorted(FollowUpLetter.objects.values_list(*fields)) == before


def test_a_letter_received_through_the_case_and_one_imported_get_the_same_clock(tree, client, make_case):
    case = make_case()
    by_hand = actions.receive_letter(case, by=tree.township_handler, kind="opinion_letter", letter_no="手工1号",
                                     issued_by="甲区人民政府", received_on=dt.date(2025, 10, 8), content="规范程序")
    client.force_login(tree.township_handler)
    client.post(reverse("oversight:letter_import"), {"file": _sheet([_rows(1)[0]])})
    imported = FollowUpLetter.objects.exclude(pk=by_hand.pk).get()
    hand_clock = Deadline.objects.get(target_type="oversight.followupletter", target_id=str(by_hand.pk))
    clock = Deadline.objects.get(target_type="oversight.followupletter", target_id=str(imported.pk))
    assert (clock.rule_id, clock.due_on, clock.status) == (hand_clock.rule_id, hand_clock.due_on, hand_clock.status)
    assert imported.due_on == by_hand.due_on


def test_a_reviewer_may_not_import_letters(tree, client):
    client.force_login(tree.reviewer)
    assert client.get(reverse("oversight:letter_import")).status_code == 403
    response = client.post(reverse("oversight:letter_import"), {"file": _sheet(_rows(1))})
    assert response.status_code == 403


def test_another_units_cases_and_letters_stay_out_of_reach(tree, client, make_case):
    _cases(make_case)
    client.force_login(tree.township_handler)
    client.post(reverse("oversight:letter_import"), {"file": _sheet(_rows(2))})
    client.force_login(tree.sibling_handler)
    sheet = _workbook(client.get(reverse("oversight:letter_list"), {"export": "xlsx"}))
    assert sheet.max_row == 1  # the header only: the township's letters are not in the sibling's export
    problems = imports.page_problems(client.post(reverse("oversight:letter_import"), {"file": _sheet(_rows(1))}).content)
    assert problems[0].startswith("第 2 行“案号”")
    letter = FollowUpLetter.objects.first()
    response = client.post(reverse("oversight:letter_answer", args=[letter.pk]),
                           {"answered_on": "2025-11-10", "answer": "已整改"})
    assert response.status_code == 404


def test_the_list_shows_the_import_button_to_handlers_only(tree, client):
    client.force_login(tree.township_handler)
    assert reverse("oversight:letter_import") in client.get(reverse("oversight:letter_list")).content.decode()
    client.force_login(tree.reviewer)
    page = client.get(reverse("oversight:letter_list")).content.decode()
    assert reverse("oversight:letter_import") not in page and "导出 Excel" in page
