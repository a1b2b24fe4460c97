"""Excel 台账: template, all-or-nothing import with row errors, export that re-imports, formula injection inert."""

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
from yifa.oversight.models import Hearing, RespondentCase, Suggestion

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheet(columns, rows) -> SimpleUploadedFile:
    return ledger_file([c.header for c in columns], [[row.get(c.key) for c in columns] for row in rows])


def _suggestion_rows(n):
    return [{"kind": "人大代表建议", "our_role": "主办", "serial_no": f"第{i}号", "session": "甲区第九届人大五次会议",
             "title": f"关于第{i}件民生实事的建议", "proposer": "王建平", "assigned_by": "区人大常委会代表工作委员会",
             "assigned_on": "2025-03-10", "lead_department": "党政办" if i % 2 else None,
             "replied_on": "2025-05-20" if i % 3 == 0 else None, "reply_category": "A类" if i % 3 == 0 else None,
             "satisfaction": "满意" if i % 6 == 0 else None, "feedback_on": "2025-05-25" if i % 6 == 0 else None}
            for i in range(1, n + 1)]


def _import(client, url_name, upload):
    return client.post(reverse(url_name), {"file": upload})


def test_the_template_has_the_chinese_headers(tree, client):
    client.force_login(tree.township_handler)
    response = client.get(reverse("oversight:suggestion_template"))
    ws = load_workbook(io.BytesIO(response.getvalue())).active
    assert [c.value for c in ws[1]][:3] == ["类别 *", "承办方式 *", "编号 *"]


def test_one_bad_row_among_a_thousand_saves_nothing_and_is_named(tree, client):
    rows = _suggestion_rows(1000)
    rows[499]["assigned_on"] = "2025-13-40"
    rows[701]["feedback_on"] = None  # row 703: rated without a feedback date
    client.force_login(tree.township_handler)
    response = _import(client, "oversight:suggestion_import", _sheet(ledgers.SUGGESTION_COLUMNS, rows))
    problems = imports.page_problems(response.content)
    assert response.status_code == 200 and "未导入任何数据" in response.content.decode()
    assert problems[0].startswith("第 501 行“交办日期”") and problems[1].startswith("第 703 行“反馈日期”")
    assert not Suggestion.objects.exists()
    assert not AuditEntry.objects.filter(action="oversight.import_suggestions").exists()


def test_a_clean_ledger_imports_fully_with_states_and_clocks(tree, client):
    client.force_login(tree.township_handler)
    response = _import(client, "oversight:suggestion_import", _sheet(ledgers.SUGGESTION_COLUMNS, _suggestion_rows(1000)))
    assert response.status_code == 302
    assert Suggestion.objects.filter(org=tree.township).count() == 1000
    assert Suggestion.objects.filter(status="closed").count() == 166
    assert Suggestion.objects.filter(status="replied").count() == 167
    assert set(Suggestion.objects.values_list("due_on", flat=True)) == {dt.date(2025, 6, 10)}
    # The unanswered ones keep a running clock (they are overdue on the frozen today).
    open_count = Suggestion.objects.filter(status__in=["assigned", "handling"]).count()
    assert Deadline.objects.filter(target_type="oversight.suggestion").count() == open_count == 667
    assert AuditEntry.objects.filter(action="oversight.import_suggestions").count() == 1


def test_importing_the_same_ledger_twice_is_refused_as_duplicates(tree, client):
    client.force_login(tree.township_handler)
    _import(client, "oversight:suggestion_import", _sheet(ledgers.SUGGESTION_COLUMNS, _suggestion_rows(3)))
    page = _import(client, "oversight:suggestion_import", _sheet(ledgers.SUGGESTION_COLUMNS, _suggestion_rows(3)))
    assert "本单位已登记过" in page.content.decode()
    assert Suggestion.objects.count() == 3


def _fields(qs, names):
    return sorted(tuple(getattr(o, n) for n in names) for o in qs)


def test_an_exported_sheet_reimports_to_the_same_records(tree, client, make_suggestion):
    by = tree.township_handler
    s = make_suggestion(difficult=True, key_supervision=True, co_proposers="李国强")
    actions.assign(s, by=by, lead_department="城管办")
    actions.record_contact(s, by=by, contacted_on=dt.date(2025, 4, 1), note="面谈")
    actions.reply(s, by=by, replied_on=dt.date(2025, 6, 1), category="B", summary="列入计划", reply_no="甲复3号")
    actions.close(s, by=by, feedback_on=dt.date(2025, 6, 5), satisfaction="basic")
    make_suggestion(serial_no="第13号", kind="cppcc")
    client.force_login(by)
    exported = client.get(reverse("oversight:suggestion_list") + "?export=xlsx")
    assert exported["Content-Type"] == XLSX
    client.force_login(tree.sibling_handler)
    upload = SimpleUploadedFile("导出.xlsx", exported.getvalue(), content_type=XLSX)
    assert _import(client, "oversight:suggestion_import", upload).status_code == 302
    names = [c.key for c in ledgers.SUGGESTION_COLUMNS] + ["due_on", "status"]
    assert _fields(Suggestion.objects.filter(org=tree.sibling), names) == \
        _fields(Suggestion.objects.filter(org=tree.township), names)


def test_a_formula_in_a_cell_exports_inert(tree, client, make_suggestion):
    make_suggestion(title='=HYPERLINK("http://evil.example","点我")')
    client.force_login(tree.township_handler)
    exported = client.get(reverse("oversight:suggestion_list") + "?export=xlsx")
    ws = load_workbook(io.BytesIO(exported.getvalue())).active
    cell = ws.cell(row=2, column=5)
    assert cell.data_type == "s" and cell.value.startswith("'=HYPERLINK")


def _case_rows():
    return [
        {"kind": "行政诉讼", "instance": "一审", "case_no": "（2025）甲行初1号", "body": "甲区人民法院", "claimant": "某公司",
         "act_category": "行政处罚", "disputed_act": "罚款决定", "received_on": "2025-06-02", "replied_on": "2025-06-10",
         "evidence": "证据", "hearing_on": "2025-07-15", "appearance": "负责人出庭（参加）", "head_name": "陈卫东",
         "outcome": "撤销", "decided_on": "2025-08-20"},
        {"kind": "行政复议", "simple_procedure": "否", "case_no": "甲政复〔2025〕3号", "body": "甲区人民政府", "claimant": "周某",
         "disputed_act": "强制拆除", "received_on": "2025-11-10"},
    ]


def test_a_case_ledger_imports_with_its_hearing_and_open_clock(tree, client):
    client.force_login(tree.township_handler)
    assert _import(client, "oversight:case_import", _sheet(ledgers.CASE_COLUMNS, _case_rows())).status_code == 302
    lawsuit, review = RespondentCase.objects.order_by("received_on")
    assert lawsuit.status == "concluded" and lawsuit.is_loss and lawsuit.head_appeared
    assert review.status == "received" and review.due_on == dt.date(2025, 11, 24)
    assert Deadline.objects.filter(target_type="oversight.respondentcase", target_id=str(review.pk)).exists()
    assert Hearing.objects.count() == 1


def test_a_case_row_with_an_outcome_of_the_other_procedure_is_refused(tree, client):
    rows = _case_rows()
    rows[1].update(outcome="确认无效", decided_on="2025-11-15")
    client.force_login(tree.township_handler)
    problems = imports.page_problems(_import(client, "oversight:case_import", _sheet(ledgers.CASE_COLUMNS, rows)).content)
    assert any(p.startswith("第 3 行“审结结果”") and "不是行政复议的结案方式" in p for p in problems)
    assert not RespondentCase.objects.exists()


def test_a_case_export_reimports_to_the_same_records(tree, client):
    client.force_login(tree.township_handler)
    _import(client, "oversight:case_import", _sheet(ledgers.CASE_COLUMNS, _case_rows()))
    exported = client.get(reverse("oversight:case_list") + "?export=xlsx")
    client.force_login(tree.sibling_handler)
    upload = SimpleUploadedFile("导出.xlsx", exported.getvalue(), content_type=XLSX)
    assert _import(client, "oversight:case_import", upload).status_code == 302
    names = [c.key for c in ledgers.CASE_COLUMNS if c.key in {f.name for f in RespondentCase._meta.fields}]
    assert _fields(RespondentCase.objects.filter(org=tree.sibling), names + ["due_on", "status"]) == \
        _fields(RespondentCase.objects.filter(org=tree.township), names + ["due_on", "status"])
