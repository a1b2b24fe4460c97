"""专题会议和述法台账 (第一责任人职责): the template has the export's headers, an import checks every row and saves
all or nothing (each record audited), an exported sheet imports again as the same records."""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from yifa.core import imports
from yifa.core.models import AuditEntry
from yifa.training import actions, ledgers
from yifa.training.models import LeadershipMeeting
from yifa.training.tests.test_ledgers import XLSX, _sheet

IMPORT = reverse("training:meeting_import")
FIELDS = [c.key for c in ledgers.MEETING_COLUMNS]
KINDS = ["党委（党工委）会议专题研究法治建设", "政府（办事处）常务会议专题研究法治建设", "法治建设领导小组会议", "党政主要负责人述法"]


def _rows(n=3):
    return [{"held_on": dt.date(2024, 1, 1) + dt.timedelta(days=i), "kind": KINDS[i % 4], "chaired_by": "陈卫东",
             "principal_chaired": "否" if i % 5 == 4 else ("是" if i % 2 else None),
             "topics": f"研究第{i + 1}项法治建设工作", "decisions": "明确责任分工" if i % 3 else None}
            for i in range(n)]


def _post(client, user, rows, url=IMPORT):
    client.force_login(user)
    return client.post(url, {"file": _sheet(ledgers.MEETING_COLUMNS, rows)})


def test_the_template_has_the_export_s_chinese_headers(tree, client):
    client.force_login(tree.township_handler)
    template = load_workbook(io.BytesIO(client.get(reverse("training:meeting_template")).getvalue())).active
    exported = load_workbook(io.BytesIO(client.get(reverse("training:meeting_list") + "?export=xlsx").getvalue())).active
    headers = [c.value for c in template[1]]
    assert headers == ["日期 *", "类别 *", "主持人（述法人） *", "由党政主要负责人主持（述法）", "议题 *", "研究确定的事项"]
    assert [c.value.removesuffix(" *") for c in exported[1]] == [h.removesuffix(" *") for h in headers]


def test_a_clean_ledger_imports_fully_with_an_audit_entry_for_each_record(tree, client):
    response = _post(client, tree.township_handler, _rows(240))
    assert response.status_code == 302 and response.url == reverse("training:meeting_list")
    assert LeadershipMeeting.objects.filter(org=tree.township, created_by=tree.township_handler).count() == 240
    first = LeadershipMeeting.objects.get(topics="研究第1项法治建设工作")
    assert (first.held_on, first.kind, first.principal_chaired, first.decisions) == \
        (dt.date(2024, 1, 1), "party", True, "")
    assert not LeadershipMeeting.objects.get(topics="研究第5项法治建设工作").principal_chaired
    assert LeadershipMeeting.objects.get(topics="研究第4项法治建设工作").kind == "report"
    assert AuditEntry.objects.filter(action="training.import_row",
                                     target_type="training.leadershipmeeting").count() == 240
    summary = AuditEntry.objects.get(action="training.import_meetings")
    assert summary.note == "从台账导入专题会议和述法记录240条" and summary.actor_id == tree.township_handler.pk
    page = client.get(reverse("training:meeting_list")).content.decode()
    assert reverse("training:meeting_import") in page and "研究第240项法治建设工作" in page


def test_one_bad_row_among_two_hundred_and_fifty_saves_nothing_and_is_named(tree, client):
    rows = _rows(250)
    rows[120]["kind"] = "党委扩大会议"
    response = _post(client, tree.township_handler, rows)
    problems = imports.page_problems(response.content)
    assert "未导入任何数据" in response.content.decode()
    assert len(problems) == 1 and problems[0].startswith("第 122 行“类别”：")
    assert not LeadershipMeeting.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="training.import").exists()


def test_future_dates_duplicates_and_blanks_are_named_by_row_and_column(tree, client):
    actions.record_meeting(by=tree.township_handler, org=tree.township, kind="party", held_on=dt.date(2024, 1, 1),
                           chaired_by="陈卫东", topics="研究第1项法治建设工作")
    rows = _rows(4)
    rows[1]["held_on"] = dt.date(2025, 12, 1)
    rows[2]["chaired_by"] = None
    rows.append(dict(rows[3], chaired_by="李晓燕"))
    problems = imports.page_problems(_post(client, tree.township_handler, rows).content)
    assert problems == ["第 2 行“议题”：本单位已登记过同一日期、同一类别的这一议题。",
                        "第 3 行“日期”：日期不能晚于今天。",
                        next(p for p in problems if p.startswith("第 4 行“主持人（述法人）”")),
                        "第 6 行“议题”：与第 5 行重复（同一日期、同一类别的这一议题）。"]
    assert LeadershipMeeting.objects.count() == 1


def test_an_exported_ledger_reimports_to_the_same_records_after_deleting_them(tree, client):
    rows = _rows(8)
    rows[0]["topics"] = "=cmd|' /C calc'!A0"
    _post(client, tree.township_handler, rows)
    before = sorted(LeadershipMeeting.objects.filter(org=tree.township).values_list(*FIELDS))
    exported = client.get(reverse("training:meeting_list") + "?export=xlsx").getvalue()
    sheet = load_workbook(io.BytesIO(exported)).active
    assert sheet.max_row == 9 and sheet["E2"].value.startswith("'=")
    LeadershipMeeting.objects.all().delete()
    upload = SimpleUploadedFile("导出.xlsx", exported, content_type=XLSX)
    assert client.post(IMPORT, {"file": upload}).status_code == 302
    assert sorted(LeadershipMeeting.objects.filter(org=tree.township).values_list(*FIELDS)) == before


def test_the_export_follows_the_list_s_filters(tree, client):
    _post(client, tree.township_handler, _rows(8))
    sheet = load_workbook(io.BytesIO(
        client.get(reverse("training:meeting_list") + "?kind=report&export=xlsx").getvalue())).active
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["党政主要负责人述法"] * 2


def test_someone_who_does_not_keep_the_ledgers_is_refused_403(tree, client):
    for user in (tree.district_overseer, tree.reviewer):
        client.force_login(user)
        assert client.get(IMPORT).status_code == 403
        assert client.post(IMPORT, {"file": _sheet(ledgers.MEETING_COLUMNS, _rows())}).status_code == 403
    assert not LeadershipMeeting.objects.exists()


def test_another_unit_answers_404_and_its_records_stay_out_of_the_export(tree, client):
    assert _post(client, tree.township_handler, _rows(), url=f"{IMPORT}?org={tree.township.pk}").status_code == 302
    client.force_login(tree.sibling_handler)
    assert client.get(f"{IMPORT}?org={tree.township.pk}").status_code == 404
    assert client.post(f"{IMPORT}?org={tree.township.pk}",
                       {"file": _sheet(ledgers.MEETING_COLUMNS, _rows())}).status_code == 404
    exported = client.get(reverse("training:meeting_list") + "?export=xlsx").getvalue()
    assert load_workbook(io.BytesIO(exported)).active.max_row == 1
    assert LeadershipMeeting.objects.filter(org=tree.township).count() == 3
    assert not LeadershipMeeting.objects.filter(org=tree.sibling).exists()
