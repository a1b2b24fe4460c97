"""学法考试成绩台账: the template and export share the columns, an import checks every row (the person on the roster
without ambiguity, the score within the full mark, 是否合格 as the pass mark says) and saves all or nothing."""

import datetime as dt
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from yifa.core import imports
from yifa.core.models import AuditEntry
from yifa.training import actions, ledgers
from yifa.training.models import Cadre, ExamResult, LawExam
from yifa.training.tests.test_ledgers import XLSX, _sheet

IMPORT = reverse("training:exam_import")


def _rows(**first):
    rows = [{"held_on": "2025-11-01", "kind": "年度学法考试", "title": "2025年度学法考试", "organiser": "区司法局",
             "full_score": 100, "pass_score": 60, "name": "陈卫东", "score": 92, "passed": "合格"},
            {"held_on": "2025-11-01", "kind": "年度学法考试", "title": "2025年度学法考试", "name": "李晓燕",
             "score": 58.5, "passed": "不合格"},
            {"held_on": "2025-11-01", "kind": "年度学法考试", "title": "2025年度学法考试", "name": "孙强", "score": "缺考"}]
    rows[0].update(first)
    return rows


def _post(client, user, rows, url=IMPORT):
    client.force_login(user)
    return client.post(url, {"file": _sheet(ledgers.EXAM_COLUMNS, rows)})


def test_the_template_has_the_export_s_chinese_headers(tree, client):
    client.force_login(tree.township_handler)
    response = client.get(reverse("training:exam_template"))
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    assert [c.value for c in sheet[1]] == ["考试日期 *", "考试类别 *", "考试名称 *", "组织单位", "满分", "合格分", "姓名 *",
                                           "职务", "成绩 *", "是否合格"]
    assert sheet["I2"].value == "（说明）如 92 或 87.5；缺考的填“缺考”"


def test_a_clean_ledger_makes_a_graded_exam_with_its_scores_and_audit_entries(tree, cadres, client):
    response = _post(client, tree.township_handler, _rows())
    assert response.status_code == 302 and response.url == reverse("training:exam_list")
    exam = LawExam.objects.get()
    assert (exam.org, exam.status, exam.kind, exam.held_on, exam.organiser, exam.full_score, exam.pass_score) == \
        (tree.township, "graded", "annual", dt.date(2025, 11, 1), "区司法局", 100, 60)
    assert sorted(ExamResult.objects.values_list("cadre__name", "score", "absent")) == [
        ("孙强", None, True), ("李晓燕", Decimal("58.5"), False), ("陈卫东", Decimal("92.0"), False)]
    entries = AuditEntry.objects.filter(action="training.import_row")
    assert entries.filter(target_type="training.lawexam", target_id=str(exam.pk)).count() == 1
    assert entries.filter(target_type="training.examresult").count() == 3
    summary = AuditEntry.objects.get(action="training.import_exam_results")
    assert summary.note == "从台账导入学法考试成绩3条（1次考试）" and summary.actor_id == tree.township_handler.pk
    page = client.get(exam.get_absolute_url()).content.decode()
    assert "台账导入" in page


def test_a_scheduled_exam_takes_the_rows_as_its_scores(tree, cadres, client):
    exam = actions.schedule_exam(by=tree.township_handler, org=tree.township, kind="annual", title="2025年度学法考试",
                                 held_on=dt.date(2025, 11, 1), full_score=100, pass_score=60)
    assert _post(client, tree.township_handler, _rows(organiser=None)).status_code == 302
    exam.refresh_from_db()
    assert LawExam.objects.count() == 1 and exam.status == "graded" and exam.results.count() == 3
    assert AuditEntry.objects.filter(action="training.record_scores", target_id=str(exam.pk),
                                     note="从台账导入3人成绩").exists()


def test_an_exported_ledger_reimports_to_the_same_records(tree, cadres, client):
    for name, position in [("陈卫东", "主任"), ("李晓燕", ""), ("孙强", "")]:
        Cadre.objects.create(org=tree.sibling, name=name, position=position)
    rows = _rows(title='=HYPERLINK("http://x","考试")') + [
        {"held_on": "2025-06-03", "kind": "任前法律知识考试", "title": "-5 天 任前考试", "full_score": 150,
         "pass_score": 90, "name": "李晓燕", "score": 120}]
    assert _post(client, tree.township_handler, rows).status_code == 302
    exported = client.get(reverse("training:exam_list") + "?export=xlsx").getvalue()
    sheet = load_workbook(io.BytesIO(exported)).active
    assert sheet["C2"].value == "'-5 天 任前考试" and sheet["C3"].value.startswith("'=HYPERLINK")
    client.force_login(tree.sibling_handler)
    upload = SimpleUploadedFile("导出.xlsx", exported, content_type=XLSX)
    assert client.post(IMPORT, {"file": upload}).status_code == 302

    def records(org):
        return sorted(ExamResult.objects.filter(exam__org=org).values_list(
            "exam__held_on", "exam__kind", "exam__title", "exam__organiser", "exam__full_score", "exam__pass_score",
            "exam__status", "cadre__name", "score", "absent"))

    assert records(tree.sibling) == records(tree.township) and len(records(tree.township)) == 4
    assert LawExam.objects.filter(org=tree.sibling, title='=HYPERLINK("http://x","考试")').exists()


def test_one_bad_row_among_a_thousand_saves_nothing_and_is_named(tree, client):
    Cadre.objects.bulk_create([Cadre(org=tree.township, name=f"干部{i:03d}") for i in range(100)])
    rows = [{"held_on": f"2025-{m + 1:02d}-15", "kind": "学法抽考", "title": f"{m + 1}月学法抽考", "name": f"干部{i:03d}",
             "score": 60 + (i % 40), "passed": "合格"} for m in range(10) for i in range(100)]
    assert len(rows) == 1000
    rows[736]["passed"] = "不合格"
    page = _post(client, tree.township_handler, rows)
    assert "未导入任何数据" in page.content.decode()
    row = rows[736]
    assert imports.page_problems(page.content) == [
        f"第 738 行“是否合格”：成绩{row['score']}分、合格分60分，应为“合格”。"]
    assert not LawExam.objects.exists() and not ExamResult.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="training.import").exists()
    rows[736]["passed"] = "合格"
    assert _post(client, tree.township_handler, rows).status_code == 302
    assert LawExam.objects.count() == 10 and ExamResult.objects.count() == 1000


def test_each_wrong_row_is_named_by_row_and_column_in_chinese(tree, cadres, client):
    actions.add_cadre(by=tree.township_handler, org=tree.township, name="张伟（综治办）", position="综治办主任")
    actions.add_cadre(by=tree.township_handler, org=tree.township, name="张伟（财政所）", position="所长")
    rows = _rows() + [
        {"held_on": "2025-11-01", "kind": "年度学法考试", "title": "2025年度学法考试", "name": "张伟", "score": 70},
        {"held_on": "2025-11-01", "kind": "年度学法考试", "title": "2025年度学法考试", "name": "王五", "score": 70},
        {"held_on": "2025-11-01", "kind": "年度学法考试", "title": "2025年度学法考试", "name": "陈卫东", "score": 101},
        {"held_on": "2025-11-01", "kind": "年度学法考试", "title": "2025年度学法考试", "pass_score": 70,
         "name": "张伟", "position": "所长", "score": 80},
        {"held_on": "2025-12-01", "kind": "学法抽考", "title": "抽考", "name": "孙强", "score": "缺考", "passed": "合格"},
        {"held_on": "2025-11-02", "kind": "学法抽考", "title": "抽考", "full_score": 50, "name": "孙强", "score": "九十"},
    ]
    problems = imports.page_problems(_post(client, tree.township_handler, rows).content)
    assert problems == [
        "第 5 行“姓名”：名册中有2人名为“张伟”：张伟（综治办）（综治办主任）、张伟（财政所）（所长）。请填写名册中的完整姓名，或填写职务加以区分。",
        "第 6 行“姓名”：“王五”不在本单位学法人员名册中，请先在“学法人员”中添加。",
        "第 7 行“姓名”：与第 2 行重复：同一考试中陈卫东的成绩只能有一条。",
        "第 7 行“成绩”：成绩应在0至100分之间。",
        "第 8 行“合格分”：与第 2 行同一考试的合格分不一致。",
        "第 9 行“考试日期”：日期不能晚于今天。",
        "第 9 行“是否合格”：缺考不能记为合格。",
        "第 10 行“成绩”：“九十”不是有效的成绩，请填写分数，缺考的填“缺考”。",
    ]
    assert not LawExam.objects.exists()


def test_a_graded_exam_is_not_graded_again(tree, cadres, client):
    assert _post(client, tree.township_handler, _rows()).status_code == 302
    problems = imports.page_problems(_post(client, tree.township_handler, _rows()[:1]).content)
    assert problems == ["第 2 行“考试名称”：本单位已登记过2025年11月1日“2025年度学法考试”的成绩，不能重复导入。"]
    problems = imports.page_problems(_post(client, tree.township_handler, _rows(name="王五")).content)
    assert problems == ["第 2 行“考试名称”：本单位已登记过2025年11月1日“2025年度学法考试”的成绩"
                        "（本表第 2 至 4 行共 3 行），不能重复导入。"]
    assert ExamResult.objects.count() == 3


def test_a_name_written_with_spaces_or_a_position_finds_the_person(tree, cadres, client):
    actions.add_cadre(by=tree.township_handler, org=tree.township, name="张伟（综治办）", position="综治办主任")
    actions.add_cadre(by=tree.township_handler, org=tree.township, name="张伟（财政所）", position="所长")
    rows = _rows()[:1] + [{**_rows()[1], "name": "李  晓燕"},
                          {**_rows()[1], "name": "张伟", "position": "所长", "score": 75, "passed": "合格"}]
    assert _post(client, tree.township_handler, rows).status_code == 302
    assert sorted(ExamResult.objects.values_list("cadre__name", flat=True)) == ["张伟（财政所）", "李晓燕", "陈卫东"]


def test_someone_who_does_not_keep_the_ledgers_is_refused_403(tree, cadres, client):
    for user in (tree.district_overseer, tree.reviewer):
        client.force_login(user)
        assert client.get(IMPORT).status_code == 403
        assert client.post(IMPORT, {"file": _sheet(ledgers.EXAM_COLUMNS, _rows())}).status_code == 403
    assert not LawExam.objects.exists()


def test_another_unit_answers_404_and_its_scores_stay_out_of_the_export(tree, cadres, client):
    assert _post(client, tree.township_handler, _rows(), url=f"{IMPORT}?org={tree.township.pk}").status_code == 302
    client.force_login(tree.sibling_handler)
    assert client.get(f"{IMPORT}?org={tree.township.pk}").status_code == 404
    assert client.post(f"{IMPORT}?org={tree.township.pk}",
                       {"file": _sheet(ledgers.EXAM_COLUMNS, _rows())}).status_code == 404
    exported = client.get(reverse("training:exam_list") + "?export=xlsx").getvalue()
    assert load_workbook(io.BytesIO(exported)).active.max_row == 1
    assert client.get(LawExam.objects.get().get_absolute_url()).status_code == 404
    assert ExamResult.objects.count() == 3


def test_a_district_handler_imports_into_a_township_of_its_scope(tree, cadres, client):
    from yifa.core.testing import make_user

    district_handler = make_user("districthandler", tree.district, "handler")
    assert _post(client, district_handler, _rows(), url=f"{IMPORT}?org={tree.township.pk}").status_code == 302
    assert LawExam.objects.get().org == tree.township
