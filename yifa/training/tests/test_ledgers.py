"""Excel 台账 for 学法 attendance, 普法 activities and 法律明白人: all or nothing, row errors, round trip."""

import datetime as dt
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from yifa.core import imports
from yifa.core.testing import make_org
from yifa.training import ledgers
from yifa.training.models import Attendance, Cadre, LegalLiaison, OutreachActivity, StudySession

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheet(columns, rows) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.append([c.header for c in columns])
    for r, row in enumerate(rows, start=2):
        for i, c in enumerate(columns, start=1):
            cell = ws.cell(row=r, column=i, value=row.get(c.key))
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text as typed, even when it looks like a formula
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("台账.xlsx", buffer.getvalue(), content_type=XLSX)


def _attendance_rows(people=50, sessions=20):
    return [{"held_on": f"2025年{m + 1 if m < 11 else 11}月{(s % 27) + 1}日".replace("12月", "11月"),
             "kind": "专题讲座" if s % 2 else "会前学法", "title": f"第{s + 1}次学法", "hours": 3 if s % 2 else 1,
             "name": f"干部{p:02d}", "position": "科员", "category": "一般干部"}
            for s in range(sessions) for p in range(people) for m in [s % 11]]


def test_one_bad_row_among_a_thousand_saves_nothing(tree, client):
    rows = _attendance_rows()
    assert len(rows) == 1000
    rows[640]["hours"] = "三小时"
    client.force_login(tree.township_handler)
    page = client.post(reverse("training:session_import"), {"file": _sheet(ledgers.ATTENDANCE_COLUMNS, rows)})
    assert "未导入任何数据" in page.content.decode()
    assert imports.page_problems(page.content)[0].startswith("第 642 行“学时”")
    assert not StudySession.objects.exists() and not Cadre.objects.exists()


def test_a_clean_attendance_ledger_builds_sessions_people_and_hours(tree, client):
    client.force_login(tree.township_handler)
    response = client.post(reverse("training:session_import"), {"file": _sheet(ledgers.ATTENDANCE_COLUMNS,
                                                                                _attendance_rows())})
    assert response.status_code == 302
    assert StudySession.objects.filter(org=tree.township, status="held").count() == 20
    assert Cadre.objects.filter(org=tree.township).count() == 50
    assert Attendance.objects.count() == 1000
    assert set(Attendance.objects.values_list("cadre__name").annotate().values_list("hours", flat=True)) == \
        {Decimal(1), Decimal(3)}


def test_the_same_attendance_twice_is_named(tree, client):
    rows = _attendance_rows(people=2, sessions=1)
    rows.append(dict(rows[0]))
    client.force_login(tree.township_handler)
    text = client.post(reverse("training:session_import"),
                       {"file": _sheet(ledgers.ATTENDANCE_COLUMNS, rows)}).content
    assert "第 4 行“姓名”：与第 2 行重复。" in imports.page_problems(text)


def test_an_exported_attendance_ledger_reimports_to_the_same_records(tree, client):
    client.force_login(tree.township_handler)
    client.post(reverse("training:session_import"), {"file": _sheet(ledgers.ATTENDANCE_COLUMNS,
                                                                     _attendance_rows(5, 4))})
    exported = client.get(reverse("training:session_list") + "?export=xlsx")
    client.force_login(tree.sibling_handler)
    upload = SimpleUploadedFile("导出.xlsx", exported.getvalue(), content_type=XLSX)
    assert client.post(reverse("training:session_import"), {"file": upload}).status_code == 302

    def records(org):
        return sorted(Attendance.objects.filter(session__org=org).values_list(
            "session__held_on", "session__kind", "session__title", "cadre__name", "hours"))

    assert records(tree.sibling) == records(tree.township) and len(records(tree.township)) == 20


ACTIVITIES = [{"held_on": "2025-05-20", "theme": "民法典宣传月", "form": "集中宣传", "venue": "进社区", "department": "司法所",
               "place": "文化广场", "audience": 260, "materials": 1800, "consultations": 120},
              {"held_on": "2025-09-01", "theme": '=HYPERLINK("http://x","反诈")', "audience": 90}]


def test_an_activity_ledger_imports_exports_inert_and_reimports(tree, client):
    client.force_login(tree.township_handler)
    assert client.post(reverse("training:activity_import"),
                       {"file": _sheet(ledgers.ACTIVITY_COLUMNS, ACTIVITIES)}).status_code == 302
    assert OutreachActivity.objects.filter(status="held").count() == 2
    exported = client.get(reverse("training:activity_list") + "?export=xlsx").getvalue()
    ws = load_workbook(io.BytesIO(exported)).active
    assert ws.cell(row=3, column=2).value.startswith("'=HYPERLINK")
    client.force_login(tree.sibling_handler)
    upload = SimpleUploadedFile("导出.xlsx", exported, content_type=XLSX)
    assert client.post(reverse("training:activity_import"), {"file": upload}).status_code == 302
    mine = OutreachActivity.objects.get(org=tree.township, theme="民法典宣传月")
    theirs = OutreachActivity.objects.get(org=tree.sibling, theme="民法典宣传月")
    fields = [c.key for c in ledgers.ACTIVITY_COLUMNS]
    assert [getattr(mine, f) for f in fields] == [getattr(theirs, f) for f in fields]


def test_a_liaison_row_naming_a_place_outside_the_unit_is_refused(tree, client):
    rows = [{"village": "东一社区", "kind": "法律明白人", "name": "张美芳", "phone": "13905721234"},
            {"village": "西镇某村", "kind": "法律明白人", "name": "李四"}]
    client.force_login(tree.township_handler)
    text = client.post(reverse("training:liaison_import"), {"file": _sheet(ledgers.LIAISON_COLUMNS, rows)}).content
    assert "第 3 行“村（社区）”：不是本单位的村（社区）。可填：东一社区。" in imports.page_problems(text)
    assert not LegalLiaison.objects.exists()


def test_a_liaison_roster_round_trips(tree, client):
    make_org("西一村", "village", tree.sibling)
    make_org("东一社区", "community", tree.sibling)
    rows = [{"village": "东一社区", "kind": "法律明白人", "name": "张美芳", "gender": "女", "phone": "13905721234",
             "identity": "网格员", "trained_on": "2024-06-01", "certificate_no": "FM001"},
            {"village": "东一社区", "kind": "法治带头人", "name": "刘建国"}]
    client.force_login(tree.township_handler)
    client.post(reverse("training:liaison_import"), {"file": _sheet(ledgers.LIAISON_COLUMNS, rows)})
    exported = client.get(reverse("training:liaison_list") + "?export=xlsx")
    client.force_login(tree.sibling_handler)
    upload = SimpleUploadedFile("导出.xlsx", exported.getvalue(), content_type=XLSX)
    assert client.post(reverse("training:liaison_import"), {"file": upload}).status_code == 302
    fields = ["kind", "name", "gender", "phone", "identity", "trained_on", "certificate_no"]
    assert sorted(LegalLiaison.objects.filter(org__parent=tree.sibling).values_list(*fields)) == \
        sorted(LegalLiaison.objects.filter(org__parent=tree.township).values_list(*fields))
    assert LegalLiaison.objects.get(name="张美芳", org__parent=tree.township).trained_on == dt.date(2024, 6, 1)
