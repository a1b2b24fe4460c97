"""权责清单 in and out of Excel: the template's columns are the export's, a clean sheet imports whole (unpublished,
audited), one bad row saves nothing and is named by 行/列, an export imports again as the same items, and only
those who keep the unit's registers import, into their own unit."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from yifa.core import imports
from yifa.core.models import AuditEntry
from yifa.enforcement import actions, ledgers
from yifa.enforcement.models import Power

from .test_ledgers import xlsx

HEADER = [c.header for c in ledgers.POWER_COLUMNS]
FIELDS = ["code", "name", "kind", "domain", "basis_law", "basis_article", "basis_text", "department", "time_limit",
          "remedy", "requires_legal_review", "requires_av", "sort_order"]
KINDS = ["行政处罚", "行政检查", "行政强制", "行政许可", "其他行政权力"]


def row(n: int, **change) -> list:
    values = {"事项编码": f"330502-CF-{n:04d}", "事项名称": f"对第{n}类违法行为的处罚", "职权类别": KINDS[n % 5],
              "执法领域": "城市管理", "法律依据": "《城市市容和环境卫生管理条例》", "条款": f"第{n}条",
              "条文内容": "违反本条例规定的，责令改正。", "承办机构": "综合行政执法队", "办理时限": "立案之日起九十日内",
              "救济途径": "", "列入重大执法决定法制审核目录": "是" if n % 7 == 0 else "否",
              "列入音像记录事项清单": "是" if n % 2 else "否", "排序": n, "实施单位": ""}
    values.update(change)
    return [values[h] for h in HEADER]


def sheet(rows) -> list[list]:
    return [HEADER, *rows]


def exported(client, **params) -> list[list]:
    response = client.get(reverse("enforcement:power_list"), {"export": "xlsx", **params})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))
    return [[cell.value for cell in r] for r in book.active.iter_rows()]


def test_the_template_has_the_exports_columns(w, client):
    client.force_login(w.handler)
    template = load_workbook(io.BytesIO(client.get(reverse("enforcement:power_import") + "?template=1").getvalue()))
    template_header = [c.value for c in template.active[1]]
    assert [h.removesuffix(" *") for h in template_header] == HEADER
    assert exported(client)[0] == template_header


def test_a_clean_sheet_of_200_items_imports_whole_unpublished_and_audited(w, client):
    client.force_login(w.handler)
    before = Power.objects.filter(org=w.org).count()
    response = client.post(reverse("enforcement:power_import"), {"file": xlsx(sheet(row(n) for n in range(1, 201)))})
    assert response.status_code == 302
    new = Power.objects.filter(org=w.org, code__startswith="330502-CF-")
    assert new.count() == 200 and Power.objects.filter(org=w.org).count() == before + 200
    assert not new.filter(is_published=True).exists()
    seventh = new.get(code="330502-CF-0007")
    assert (seventh.kind, seventh.requires_legal_review, seventh.requires_av, seventh.sort_order) == (
        "coercion", True, True, 7)
    assert seventh.remedy.startswith("对决定不服的")  # left blank: the usual remedy
    assert new.get(code="330502-CF-0005").steps.exists()  # 行政处罚: the standard steps, as a new item gets
    assert not new.get(code="330502-CF-0007").steps.exists()
    entries = AuditEntry.objects.filter(action="enforcement.import_row", target_id__in=[str(p.pk) for p in new])
    assert entries.count() == 200
    summary = AuditEntry.objects.get(action="enforcement.import_powers")
    assert summary.note == "导入权责事项 200 项" and summary.actor == w.handler


def test_one_bad_row_among_200_saves_nothing_and_names_its_row_and_column(w, client):
    client.force_login(w.handler)
    rows = [row(n) for n in range(1, 201)]
    rows[119] = row(120, 职权类别="行政处分")
    response = client.post(reverse("enforcement:power_import"), {"file": xlsx(sheet(rows))})
    assert response.status_code == 200 and "未导入任何数据" in response.content.decode()
    assert imports.page_problems(response.content) == [
        "第 121 行“职权类别”：应为以下之一：行政处罚、行政检查、行政强制、行政许可、其他行政权力。"]
    assert not Power.objects.filter(code__startswith="330502-CF-").exists()
    assert not AuditEntry.objects.filter(action="enforcement.import_powers").exists()


def test_required_cells_yes_no_and_duplicates_are_named(w, client):
    actions.update_power(w.power, by=w.head, code="330502-CF-9999")
    client.force_login(w.handler)
    rows = [row(1, 事项名称=""), row(2, 列入音像记录事项清单="对"), row(3, 事项编码="330502-CF-9999"),
            row(4, 事项名称="对占道经营的处罚", 职权类别="行政处罚"), row(5), row(6, 事项编码="330502-CF-0005"),
            row(7, 事项名称="对第5类违法行为的处罚", 职权类别=KINDS[0], 事项编码=""), row(8, 排序=-1)]
    problems = imports.page_problems(client.post(reverse("enforcement:power_import"), {"file": xlsx(sheet(rows))}).content)
    assert problems == [
        "第 2 行“事项名称”：必填，不能为空。",
        "第 3 行“列入音像记录事项清单”：应为以下之一：是、否。",
        "第 4 行“事项编码”：本单位已登记过事项编码 330502-CF-9999。",
        "第 5 行“事项名称”：本单位已登记过行政处罚事项“对占道经营的处罚”。",
        "第 7 行“事项编码”：与第 6 行重复（事项编码 330502-CF-0005）。",
        "第 8 行“事项名称”：与第 6 行重复（行政处罚事项“对第5类违法行为的处罚”）。",
        "第 9 行“排序”：“-1”应为不小于 0 的整数。",
    ]
    assert not Power.objects.filter(code__startswith="330502-CF-0").exists()


def test_a_withdrawn_item_does_not_block_a_new_one_of_the_same_name(w, client):
    Power.objects.filter(pk=w.power.pk).update(is_active=False)
    client.force_login(w.handler)
    upload = xlsx(sheet([row(1, 事项名称="对占道经营的处罚", 职权类别="行政处罚")]))
    assert client.post(reverse("enforcement:power_import"), {"file": upload}).status_code == 302
    assert Power.objects.filter(org=w.org, name="对占道经营的处罚").count() == 2


def test_an_export_imports_again_as_the_same_items(w, client):
    actions.update_power(w.review_power, by=w.head, code="330502-GH-0001", basis_text="未取得规划许可证进行建设的……",
                         department="规划中队", time_limit="九十日", requires_av=True, sort_order=3)
    client.force_login(w.handler)
    rows = exported(client)
    mine = [r for r in rows[1:] if r[-1] == w.org.name]
    assert len(mine) == Power.objects.filter(org=w.org).count() == 3
    before = {p.name: [getattr(p, f) for f in FIELDS] for p in Power.objects.filter(org=w.org)}
    # into another unit: the sibling township takes the same items
    client.force_login(w.tree.sibling_handler)
    assert client.post(reverse("enforcement:power_import"), {"file": xlsx([rows[0], *mine])}).status_code == 302
    after = {p.name: [getattr(p, f) for f in FIELDS] for p in Power.objects.filter(org=w.tree.sibling)
             if p.pk != w.sibling_power.pk}
    assert after == before
    # and back into the unit itself once its items are gone
    Power.objects.filter(org=w.org).update(is_active=False)
    client.force_login(w.handler)
    assert client.post(reverse("enforcement:power_import"), {"file": xlsx([rows[0], *mine])}).status_code == 302
    again = {p.name: [getattr(p, f) for f in FIELDS] for p in Power.objects.filter(org=w.org, is_active=True)}
    assert again == before


def test_only_those_who_keep_the_registers_import(w, client):
    upload = xlsx(sheet([row(1)]))
    for user in (w.tree.reviewer, w.tree.district_overseer):
        client.force_login(user)
        assert client.get(reverse("enforcement:power_import")).status_code == 403
        assert client.get(reverse("enforcement:power_import") + "?template=1").status_code == 403
        assert client.post(reverse("enforcement:power_import"), {"file": upload}).status_code == 403
    assert not Power.objects.filter(code__startswith="330502-CF-").exists()
    client.force_login(w.head)
    assert client.get(reverse("enforcement:power_import")).status_code == 200


def test_the_list_shows_the_buttons_to_those_who_keep_it(w, client):
    client.force_login(w.handler)
    page = client.get(reverse("enforcement:power_list")).content.decode()
    assert "导入权责清单" in page and "导出 Excel" in page
    client.force_login(w.tree.reviewer)
    page = client.get(reverse("enforcement:power_list")).content.decode()
    assert "导入权责清单" not in page and "导出 Excel" in page


def test_another_units_items_are_not_exported_nor_imported_into(w, client):
    client.force_login(w.tree.sibling_handler)
    names = [r[1] for r in exported(client)[1:]]
    assert "西镇的处罚事项" in names and "对占道经营的处罚" not in names
    client.force_login(w.tree.other_handler)
    assert [r[1] for r in exported(client)[1:]] == []
    # a sibling's import goes into the sibling, whatever the sheet's 实施单位 says
    client.force_login(w.tree.sibling_handler)
    upload = xlsx(sheet([row(1, 实施单位=w.org.name)]))
    assert client.post(reverse("enforcement:power_import"), {"file": upload}).status_code == 302
    assert Power.objects.get(code="330502-CF-0001").org == w.tree.sibling
    # the district overseer sees both townships below it, and the export says whose each item is
    client.force_login(w.tree.district_overseer)
    units = {r[1]: r[-1] for r in exported(client)[1:]}
    assert units["对占道经营的处罚"] == w.org.name and units["西镇的处罚事项"] == w.tree.sibling.name


def test_the_export_follows_the_lists_category(w, client):
    client.force_login(w.handler)
    assert [r[1] for r in exported(client, kind="inspection")[1:]] == ["油烟排放检查"]
