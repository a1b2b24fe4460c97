"""行政处罚案件台账 import: template with the export's headers, every row checked by row and column, all or nothing,
numbers in the unit's series, past clocks written as the ledger shows them, and an exported sheet re-imports."""

import datetime as dt
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from yifa.core import deadlines, imports, numbering
from yifa.core.models import AuditEntry
from yifa.core.testing import ledger_file, make_user
from yifa.enforcement import actions, ledgers
from yifa.enforcement.models import EnforcementCase as Case
from yifa.enforcement.models import Power

from .helpers import TODAY, decided, deadline, id_number, officer, uscc

IMPORT = "enforcement:case_import"
HEADERS = [c.header for c in ledgers.CASE_COLUMNS]


def sheet(rows, headers=HEADERS) -> SimpleUploadedFile:
    """An .xlsx with ``headers`` and one line per row (a dict by header; missing cells empty)."""
    return ledger_file(headers, rows, "行政处罚案件台账.xlsx")


def closed_row(**extra) -> dict:
    row = {"案号": "东街综执立〔2025〕7号", "程序": "普通程序", "状态": "已结案", "案由": "张三丰占道经营案",
           "处罚事项": "对占道经营的处罚", "当事人": "张三丰", "证件号码": id_number(), "立案日期": "2025-05-06",
           "承办人员": "孙执法、钱执法", "法制审核": "已审核", "决定书文号": "东街综执罚决〔2025〕3号",
           "决定日期": "2025年6月20日", "处罚内容": "罚款 150 元", "罚款（元）": 150, "送达日期": "2025-06-23",
           "执行日期": "2025-07-01", "结案日期": "2025-07-10", "公示": "已公示"}
    row.update(extra)
    return row


def simple_row(**extra) -> dict:
    row = {"程序": "简易程序", "状态": "已结案", "案由": "某餐饮公司门前堆物案", "处罚事项": "对占道经营的处罚",
           "当事人": "湖州某某餐饮有限公司", "证件号码": uscc(), "立案日期": "2025-09-01",
           "承办人员": "33050220210015、33050220210016", "决定日期": "2025-09-01", "处罚内容": "罚款 200 元",
           "罚款（元）": 200, "送达日期": "2025-09-01", "执行日期": "2025-09-01", "结案日期": "2025-09-03"}
    row.update(extra)
    return row


def open_row(**extra) -> dict:
    row = {"程序": "普通程序", "状态": "调查取证", "案由": "李四违法建设案", "处罚事项": "对未取得乡村建设规划许可证建设的处罚",
           "当事人": "李四", "证件号码": id_number("33050219750822402"), "立案日期": "2026-02-10",
           "承办人员": "孙执法、钱执法"}
    row.update(extra)
    return row


def post(client, rows, **kwargs):
    return client.post(reverse(IMPORT), {"file": sheet(rows, **kwargs)})


def test_the_template_downloads_with_the_headers_of_the_exported_ledger(w, client):
    client.force_login(w.handler)
    template = load_workbook(io.BytesIO(client.get(reverse(IMPORT) + "?template=1").getvalue())).active
    headers = [c.value for c in template[1]]
    assert headers[:5] == ["案号", "程序 *", "状态 *", "案由 *", "处罚事项 *"]
    assert template["B2"].value == "（说明）可选：普通程序、简易程序"
    export = load_workbook(io.BytesIO(client.get(reverse("enforcement:case_list") + "?export=xlsx").getvalue())).active
    assert [c.value for c in export[1]] == headers


def test_a_clean_ledger_imports_every_case_as_past_work(w, client):
    client.force_login(w.handler)
    response = post(client, [closed_row(), simple_row(), open_row()])
    assert response.status_code == 302 and response.url == reverse("enforcement:case_list")
    closed, simple, running = Case.objects.filter(org=w.org).order_by("pk")
    assert (closed.number, closed.status, closed.decision_number) == (
        "东街综执立〔2025〕7号", Case.Status.CLOSED, "东街综执罚决〔2025〕3号")
    assert (closed.decided_on, closed.served_on, closed.closed_on) == (
        dt.date(2025, 6, 20), dt.date(2025, 6, 23), dt.date(2025, 7, 10))
    assert closed.fine_amount == Decimal("150.00") and closed.party_kind == Case.PartyKind.PERSON
    assert closed.imported and closed.ledger_reviewed and closed.ledger_published and closed.filed_by is None
    assert {o.name for o in closed.officers.all()} == {"孙执法", "钱执法"}
    # The 90日 clock of a decided case is written closed on the decision day (按期): no running clock.
    clock = deadline(closed, actions.CASE_LIMIT)
    assert (clock.status, clock.completed_on) == ("met", dt.date(2025, 6, 20))
    assert [d.status for d in deadlines.of(closed)] == ["met"]
    # 简易程序: numbered in its own series by the decision year, the 决定书 is the case number, no clock.
    assert simple.number == simple.decision_number == "东街综执简〔2025〕1号"
    assert simple.party_kind == Case.PartyKind.ENTITY and simple.service_method == Case.Service.ON_THE_SPOT
    assert deadlines.of(simple) == []
    # A case still under investigation: numbered after the ledger's numbers, the clock runs from 立案.
    assert running.number == "东街综执立〔2026〕1号" and running.status == Case.Status.INVESTIGATING
    assert running.review_grounds == [Case.ReviewGround.CATALOGUE]
    clock = deadline(running, actions.CASE_LIMIT)
    assert clock.status == "open" and clock.due_on == dt.date(2026, 5, 11)
    entries = AuditEntry.objects.filter(action="enforcement.import_case").order_by("seq")
    assert [e.target_id for e in entries] == [str(c.pk) for c in (closed, simple, running)]
    assert entries[0].note == "从台账导入" and entries[0].actor_id == w.handler.pk
    assert AuditEntry.objects.get(action="enforcement.import_cases").note == \
        "导入行政处罚案件台账 3 件，其中 1 件调查取证中、办案期限计时中"
    # The series moved past the ledger's numbers: the next 立案 of 2025 and 决定书 take the numbers after them.
    assert numbering.peek(w.org, "enforcement.case", 2025) == 7
    assert numbering.peek(w.org, "enforcement.decision", 2025) == 3
    assert client.get(reverse("enforcement:case_detail", args=[closed.pk])).status_code == 200


def test_a_decided_case_not_yet_served_gets_its_service_clock(w, client):
    client.force_login(w.handler)
    row = closed_row(状态="已决定", 案号=None, 决定书文号=None, 决定日期="2026-02-27", 立案日期="2026-01-05",
                     送达日期=None, 执行日期=None, 结案日期=None, 公示=None)
    assert post(client, [row]).status_code == 302
    case = Case.objects.get()
    assert (case.number, case.decision_number) == ("东街综执立〔2026〕1号", "东街综执罚决〔2026〕1号")
    assert deadline(case, actions.SERVICE).status == "open"
    assert deadline(case, actions.CASE_LIMIT).status == "met"


def test_one_bad_row_among_a_thousand_saves_nothing_and_names_its_row_and_column(w, client):
    client.force_login(w.handler)
    rows = [closed_row(案号=None, 决定书文号=None, 证件号码=uscc(f"91330502MA2B{n:05d}"), 当事人=f"某公司{n}")
            for n in range(1000)]
    rows[499]["决定日期"] = "2025-05-01"
    response = post(client, rows)
    assert response.status_code == 200 and "未导入任何数据" in response.content.decode()
    assert imports.page_problems(response.content) == ["第 501 行“决定日期”：不能早于立案日期（2025年5月6日）。"]
    assert not Case.objects.exists() and numbering.peek(w.org, "enforcement.case", 2025) == 0


def test_a_clean_thousand_rows_import_in_one_go(w, client):
    client.force_login(w.handler)
    rows = [closed_row(案号=None, 决定书文号=None, 证件号码=uscc(f"91330502MA2B{n:05d}"), 当事人=f"某公司{n}")
            for n in range(1000)]
    assert post(client, rows).status_code == 302
    assert Case.objects.filter(org=w.org, status=Case.Status.CLOSED).count() == 1000
    assert Case.officers.through.objects.count() == 2000
    assert numbering.peek(w.org, "enforcement.case", 2025) == 1000
    assert AuditEntry.objects.filter(action="enforcement.import_case").count() == 1000


def test_every_row_is_checked_and_each_problem_named_in_chinese(w, client):
    client.force_login(w.handler)
    officer(w.tree.sibling, "孙执法", "33050220219999")  # a namesake in another unit does not count
    officer(w.org, "周同名", "33050220210031")
    officer(w.org, "周同名", "33050220210032")
    rows = [
        closed_row(承办人员="孙执法、王五"),
        closed_row(案号=None, 决定书文号=None, 承办人员="孙执法"),
        closed_row(案号=None, 决定书文号=None, 承办人员="周同名、孙执法"),
        closed_row(案号=None, 决定书文号=None, 处罚事项="西镇的处罚事项"),
        closed_row(案号=None, 决定书文号=None, 证件号码="330502********1234"),
        closed_row(案号=None, 决定书文号=None, **{"罚款（元）": -5}),
        closed_row(案号=None, 决定书文号=None, 状态="法制审核中"),
        closed_row(案号=None, 决定书文号=None, 结案日期="2026-03-03"),
        closed_row(案号=None, 决定书文号=None, 送达日期=None),
        open_row(决定日期="2026-02-20"),
        simple_row(**{"罚款（元）": 5000}),
        closed_row(),
    ]
    problems = imports.page_problems(post(client, rows).content)
    assert problems == [
        "第 2 行“承办人员”：“王五”不是本单位登记的执法人员（请先导入执法人员名录）。",
        "第 3 行“承办人员”：执法人员不得少于两人（《行政处罚法》第四十二条）。",
        "第 4 行“承办人员”：本单位有 2 名执法人员叫“周同名”，请改填执法证号。",
        "第 5 行“处罚事项”：“西镇的处罚事项”不是本单位权责清单中的行政处罚事项（请填写事项名称或事项编码）。",
        "第 6 行“证件号码”：证件号码已去标识化（含 *），不能导入：请填写完整的身份证号或统一社会信用代码"
        "（从本系统导出时请用“导出完整台账”）。",
        "第 7 行“罚款（元）”：金额不能为负数。",
        "第 8 行“状态”：“法制审核中”的案件处于办理中途，不能按这一状态导入：请导入为“调查取证”，再在系统中继续办理"
        "（法制审核、告知、听证须在系统中留下记录）。",
        "第 9 行“结案日期”：日期不能晚于今天。",
        "第 10 行“送达日期”：状态为“已结案”的，须填写送达日期。",
        "第 11 行“决定日期”：调查取证中的案件尚未作出决定，不应填写决定日期。",
        "第 12 行“罚款（元）”：简易程序只适用于对法人或者其他组织处以 3,000 元以下罚款或者警告（《行政处罚法》第五十一条）。",
        "第 13 行“案号”：与第 2 行重复（这一案号）。",
        "第 13 行“决定书文号”：与第 2 行重复（这一决定书文号）。",
    ]
    assert not Case.objects.exists()


def test_a_number_already_used_in_the_unit_is_refused(w, client):
    case = decided(w)
    client.force_login(w.handler)
    problems = imports.page_problems(post(client, [closed_row(案号=case.number, 决定书文号=None)]).content)
    assert problems == ["第 2 行“案号”：本单位已登记过这一案号。"]


def test_an_exported_ledger_imports_again_to_the_same_records(w, client):
    client.force_login(w.handler)
    assert post(client, [closed_row(), simple_row(), open_row(),
                         closed_row(案号=None, 决定书文号=None, 状态="已撤销立案", 决定日期=None, 处罚内容=None,
                                    **{"罚款（元）": None, "送达日期": None, "执行日期": None, "结案日期": None,
                                       "公示": None, "法制审核": None})]).status_code == 302
    first = client.get(reverse("enforcement:case_list") + "?export=xlsx&full=1").getvalue()
    exported = [[c.value for c in row] for row in load_workbook(io.BytesIO(first)).active.iter_rows()]
    assert exported[1][HEADERS.index("证件号码")] == id_number()  # the full ledger, for moving records
    fields = ["number", "procedure", "status", "cause", "power_id", "party_kind", "party_name", "party_id_number",
              "filed_on", "decision_kind", "decision_number", "decided_on", "penalty_content", "fine_amount",
              "served_on", "executed_on", "closed_on", "ledger_reviewed", "ledger_published"]
    before = list(Case.objects.order_by("number").values(*fields))
    Case.objects.all().delete()
    response = client.post(reverse(IMPORT), {"file": SimpleUploadedFile("台账.xlsx", first)})
    assert response.status_code == 302, imports.page_problems(response.content)
    assert list(Case.objects.order_by("number").values(*fields)) == before
    again = client.get(reverse("enforcement:case_list") + "?export=xlsx&full=1")
    assert [[c.value for c in row] for row in load_workbook(io.BytesIO(again.getvalue())).active.iter_rows()] == exported
    assert AuditEntry.objects.filter(action="enforcement.export_cases_full").count() == 2


def test_cases_worked_in_the_platform_move_to_another_unit_through_the_full_ledger(w, client):
    case = decided(w)
    client.force_login(w.handler)
    masked = client.get(reverse("enforcement:case_list") + "?export=xlsx")
    assert case.party_id_number not in [c.value for c in load_workbook(io.BytesIO(masked.getvalue())).active[2]]
    full = client.get(reverse("enforcement:case_list") + "?export=xlsx&full=1")
    # The receiving unit: the same officers and the same 处罚事项 in its own lists.
    sibling = w.tree.sibling
    mover = make_user("mover", sibling, full_name="西镇经办人")
    officer(sibling, "孙执法", "33050220220015", user=mover)
    officer(sibling, "钱执法", "33050220220016")
    actions.create_power(by=w.tree.sibling_handler, org=sibling, kind=Power.Kind.PENALTY, name=w.power.name,
                         domain="城市管理", basis_law="城市市容和环境卫生管理条例", basis_article="第三十六条")
    client.force_login(mover)
    response = client.post(reverse(IMPORT), {"file": SimpleUploadedFile("台账.xlsx", full.getvalue())})
    assert response.status_code == 302, imports.page_problems(response.content)
    moved = Case.objects.get(org=sibling)
    for field in ("number", "status", "cause", "party_name", "party_id_number", "filed_on", "decision_number",
                  "decided_on", "fine_amount", "penalty_content"):
        assert getattr(moved, field) == getattr(case, field), field
    assert moved.ledger_reviewed is False and moved.power.org == sibling


def test_only_those_who_may_file_cases_import_them(w, client):
    for user in (w.head, w.tree.district_overseer):
        client.force_login(user)
        assert client.get(reverse(IMPORT)).status_code == 403
        assert client.get(reverse(IMPORT) + "?template=1").status_code == 403
        assert client.post(reverse(IMPORT), {"file": sheet([closed_row()])}).status_code == 403
        assert client.get(reverse("enforcement:case_list") + "?export=xlsx&full=1").status_code == 403
    assert not Case.objects.exists()
    client.force_login(w.handler)
    page = client.get(reverse(IMPORT))
    assert page.status_code == 200 and "导入行政处罚案件台账" in page.content.decode()
    assert reverse(IMPORT) in client.get(reverse("enforcement:case_list")).content.decode()
    client.force_login(w.head)
    assert reverse(IMPORT) not in client.get(reverse("enforcement:case_list")).content.decode()


def test_another_units_user_cannot_import_into_this_unit(w, client):
    # A handler of the neighbouring unit, registered as its officer: the page imports into the acting unit only,
    # whatever the request names, and this unit's officers are not theirs.
    officer(w.tree.sibling, "西镇执法", "33050220230001", user=w.tree.sibling_handler)
    client.force_login(w.tree.sibling_handler)
    response = client.post(reverse(IMPORT) + f"?org={w.org.pk}", {"file": sheet([closed_row()]), "org": w.org.pk})
    assert response.status_code == 200
    assert imports.page_problems(response.content)[0].startswith("第 2 行“处罚事项”：")
    assert not Case.objects.exists()
    # Without a role in any unit that files cases: 403, nothing imported.
    client.force_login(make_user("outsider", w.tree.other_district))
    assert client.post(reverse(IMPORT), {"file": sheet([closed_row()])}).status_code == 403
    assert not Case.objects.exists()


def test_get_only_shows_the_page_and_other_methods_are_refused(w, client):
    client.force_login(w.handler)
    assert client.put(reverse(IMPORT)).status_code == 405
    assert TODAY == dt.date(2026, 3, 2)


def test_a_revoked_decision_is_refused_with_its_reason(w, client):
    client.force_login(w.handler)
    problems = imports.page_problems(post(client, [closed_row(状态="决定已撤销或变更")]).content)
    assert problems == ["第 2 行“状态”：决定已撤销或变更的案件不能从台账导入（台账没有撤销或变更的日期、类型和理由）。"]
