"""调委会名册 and 调解员名册 as Excel: template and export share headers, all-or-nothing import naming row and
column, round trip, phones masked for readers, roles and units."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from yifa.core import imports
from yifa.core.models import AuditEntry
from yifa.core.testing import ledger_file
from yifa.mediation import ledger_rosters as lr
from yifa.mediation.models import Committee, Mediator


def _upload(header, rows) -> SimpleUploadedFile:
    return ledger_file(header, rows, "名册.xlsx")


def _sheet(columns, rows):
    return _upload([c.header for c in columns], [[r.get(c.key) for c in columns] for r in rows])


def _workbook(response):
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return load_workbook(io.BytesIO(data)).active


def _committee_rows(n):
    return [{"name": f"第{i}调解委员会", "org_name": "东一社区" if i % 2 else None, "term_start": "2024-01-01",
             "phone": f"0571{88000000 + i}", "address": f"服务中心{i}室", "is_active": "否" if i % 10 == 0 else None}
            for i in range(1, n + 1)]


def _mediator_rows(n):
    return [{"committee_name": "东街道人民调解委员会" if i % 2 else "东一社区人民调解委员会", "name": f"调解员{i}",
             "gender": "女" if i % 3 else "男", "position": "兼职调解员" if i % 4 else "专职调解员",
             "grade": "三级人民调解员" if i % 5 == 0 else None,
             "specialities": "邻里纠纷、婚姻家庭纠纷" if i % 2 else None, "phone": f"139{10000000 + i}",
             "appointed_on": "2024-03-01", "is_active": None}
            for i in range(1, n + 1)]


def test_the_templates_headers_are_the_first_headers_of_the_exports(client, w):
    client.force_login(w.tree.township_head)
    for kind, columns in (("committee", lr.COMMITTEE_COLUMNS), ("mediator", lr.MEDIATOR_COLUMNS)):
        template = [c.value for c in _workbook(client.get(reverse(f"mediation:{kind}_template")))[1]]
        export = [c.value for c in _workbook(client.get(reverse(f"mediation:{kind}_export")))[1]]
        assert template == export[:len(template)]
        assert [h.removesuffix(" *") for h in template] == [c.header for c in columns]


def test_a_clean_committee_roster_imports_fully(client, w):
    client.force_login(w.tree.township_head)
    response = client.post(reverse("mediation:committee_import"), {"file": _sheet(lr.COMMITTEE_COLUMNS,
                                                                                   _committee_rows(220))})
    assert response.status_code == 302
    imported = Committee.objects.filter(name__startswith="第")
    assert imported.count() == 220
    assert imported.filter(org=w.tree.village).count() == 110 and imported.filter(org=w.tree.township).count() == 110
    assert imported.filter(is_active=False).count() == 22
    assert imported.get(name="第3调解委员会").phone == "057188000003"
    assert AuditEntry.objects.filter(action="mediation.import_row", target_type="mediation.committee").count() == 220
    assert AuditEntry.objects.filter(action="mediation.import_committees").count() == 1


def test_a_clean_mediator_roster_imports_fully(client, w):
    client.force_login(w.tree.township_handler)
    response = client.post(reverse("mediation:mediator_import"), {"file": _sheet(lr.MEDIATOR_COLUMNS,
                                                                                  _mediator_rows(240))})
    assert response.status_code == 302
    imported = Mediator.objects.filter(name__startswith="调解员")
    assert imported.count() == 240
    assert imported.filter(committee=w.village_committee).count() == 120
    person = imported.get(name="调解员5")
    assert (person.gender, person.position, person.grade, person.specialities, person.phone) == (
        "female", "part_time", "third", ["neighbour", "marriage_family"], "13910000005")
    assert AuditEntry.objects.filter(action="mediation.import_row", target_type="mediation.mediator").count() == 240


def test_one_bad_row_among_two_hundred_saves_nothing_and_names_row_and_column(client, w):
    client.force_login(w.tree.township_head)
    rows = _mediator_rows(200)
    rows[120]["committee_name"] = "西镇人民调解委员会"       # row 122: another unit's committee
    rows[150]["specialities"] = "邻里纠纷、吵架"               # row 152: no such type
    rows[180]["name"] = rows[178]["name"]                    # row 182: same person twice
    rows[180]["committee_name"] = rows[178]["committee_name"]
    rows[180]["position"] = rows[178]["position"]
    response = client.post(reverse("mediation:mediator_import"), {"file": _sheet(lr.MEDIATOR_COLUMNS, rows)})
    problems = imports.page_problems(response.content)
    assert response.status_code == 200 and "未导入任何数据" in response.content.decode()
    assert problems[0].startswith("第 122 行“调委会”") and "不是东街道或其下辖单位已登记的调委会" in problems[0]
    assert problems[1].startswith("第 152 行“擅长纠纷类型”") and "吵架" in problems[1]
    assert problems[2].startswith("第 182 行“姓名”") and "与第 180 行重复" in problems[2]
    assert not Mediator.objects.filter(name__startswith="调解员").exists()
    rows = _committee_rows(200)
    rows[99]["org_name"] = "西镇"                            # row 101: not within the township
    rows[149]["name"] = "东街道人民调解委员会"                 # row 151: already registered
    rows[149]["org_name"] = None
    response = client.post(reverse("mediation:committee_import"), {"file": _sheet(lr.COMMITTEE_COLUMNS, rows)})
    problems = imports.page_problems(response.content)
    assert problems[0].startswith("第 101 行“所属单位”") and problems[1].startswith("第 151 行“调委会名称”")
    assert not Committee.objects.filter(name__startswith="第").exists()


def test_exported_rosters_import_again_as_the_same_committees_and_people(client, w):
    client.force_login(w.tree.township_head)
    client.post(reverse("mediation:committee_import"), {"file": _sheet(lr.COMMITTEE_COLUMNS, _committee_rows(4))})
    for committee in Committee.objects.filter(name__startswith="第"):
        Mediator.objects.create(committee=committee, name=f"{committee.name}主任", gender="female", position="chair",
                                grade="first", specialities=["land"], phone="13900001111", workplace="村委会")
    committee_fields = ("org_id", "name", "term_start", "phone", "address", "is_active")
    person_fields = ("committee__org_id", "committee__name", "name", "gender", "position", "grade", "specialities",
                     "phone", "workplace", "appointed_on", "is_active")
    committees = Committee.objects.filter(name__startswith="第")
    people = Mediator.objects.filter(committee__in=committees)
    before = (sorted(committees.values_list(*committee_fields)), sorted(map(str, people.values_list(*person_fields))))
    committee_sheet = _workbook(client.get(reverse("mediation:committee_export")))
    people_sheet = _workbook(client.get(reverse("mediation:mediator_export")))
    people.delete()
    committees.delete()

    def reimport(kind, sheet, columns, keep):
        width = len(columns)
        header = [c.value for c in sheet[1]][:width]
        values = [[c.value for c in row][:width] for row in sheet.iter_rows(min_row=2)]
        values = [v for v in values if keep(v)]
        response = client.post(reverse(f"mediation:{kind}_import"), {"file": _upload(header, values)})
        assert response.status_code == 302, imports.page_problems(response.content)

    reimport("committee", committee_sheet, lr.COMMITTEE_COLUMNS, lambda v: v[0].startswith("第"))
    reimport("mediator", people_sheet, lr.MEDIATOR_COLUMNS, lambda v: v[0].startswith("第"))
    committees = Committee.objects.filter(name__startswith="第")
    people = Mediator.objects.filter(committee__in=committees)
    assert (sorted(committees.values_list(*committee_fields)),
            sorted(map(str, people.values_list(*person_fields)))) == before


def test_phones_are_masked_in_the_export_for_those_who_do_not_keep_the_roster(client, w):
    w.chair.phone = "13912345678"
    w.chair.save()
    client.force_login(w.mediator_user)
    sheet = _workbook(client.get(reverse("mediation:mediator_export")))
    phones = {r[1].value: r[6].value for r in sheet.iter_rows(min_row=2)}
    assert phones["王调解"] == "139****5678"
    client.force_login(w.tree.township_handler)
    sheet = _workbook(client.get(reverse("mediation:mediator_export")))
    assert {r[1].value: r[6].value for r in sheet.iter_rows(min_row=2)}["王调解"] == "13912345678"


def test_a_mediator_may_not_import_rosters(client, w):
    client.force_login(w.mediator_user)
    for kind, columns, rows in (("committee", lr.COMMITTEE_COLUMNS, _committee_rows(1)),
                                ("mediator", lr.MEDIATOR_COLUMNS, _mediator_rows(1))):
        assert client.get(reverse(f"mediation:{kind}_import")).status_code == 403
        assert client.post(reverse(f"mediation:{kind}_import"), {"file": _sheet(columns, rows)}).status_code == 403
    page = client.get(reverse("mediation:committee_list")).content.decode()
    assert reverse("mediation:mediator_import") not in page and reverse("mediation:mediator_export") in page
    assert not Mediator.objects.filter(name__startswith="调解员").exists()


def test_another_units_committees_stay_out_of_reach(client, w):
    client.force_login(w.tree.sibling_handler)
    sheet = _workbook(client.get(reverse("mediation:mediator_export")))
    assert {r[0].value for r in sheet.iter_rows(min_row=2)} == {"西镇人民调解委员会"}
    response = client.post(reverse("mediation:mediator_import"), {"file": _sheet(lr.MEDIATOR_COLUMNS,
                                                                                  _mediator_rows(1))})
    assert imports.page_problems(response.content)[0].startswith("第 2 行“调委会”")
    assert client.get(reverse("mediation:mediator_edit", args=[w.chair.pk])).status_code == 404
    page = client.get(reverse("mediation:committee_list")).content.decode()
    assert reverse("mediation:mediator_import") in page
