"""重大行政决策台账 in Excel: template, all-or-nothing import with row-and-column errors, clocks, round trip."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from yifa.core import audit, deadlines
from yifa.core.models import AuditEntry
from yifa.decisions import actions, ledger
from yifa.decisions.models import Decision, DecisionCatalogue, DecisionStep
from yifa.legal_review.tests.ledger_files import body, headers_of, problems, sheet, table

HEADERS = [c.header for c in ledger.COLUMNS]
IMPORT = reverse("decisions:decision_import")
S = DecisionStep.Status


def _row(i, **values):
    """A decision published in 2024, every step done (risk assessment found not to apply)."""
    row = {"目录年度": 2024, "类别": "重大行政决策", "事项类型": "重大公共建设项目", "决策事项": f"第{i}号道路改造工程",
           "承办单位": "城建办", "法律政策依据": "《公路法》", "状态": "已公布", "公众参与": "已完成",
           "征求意见开始": "2024-03-01", "征求意见截止": "2024-04-01", "采纳情况公布日期": "2024-04-10",
           "专家论证": "已完成", "风险评估": "依法不适用", "合法性审查": "已完成", "审查意见书编号": f"东街法审〔2024〕{i}号",
           "集体讨论决定": "已完成", "决定日期": "2024-05-06", "向党委请示报告日期": "2024-05-08",
           "公布日期": "2024-05-10", "公布渠道": "政府网站"}
    row.update(values)
    return row


def _post(client, rows, headers=HEADERS):
    return client.post(IMPORT, {"file": sheet(headers, rows)})


def test_the_template_downloads_with_chinese_headers_and_required_marks(tree, client, today):
    client.force_login(tree.township_handler)
    headers = headers_of(client.get(reverse("decisions:decision_template")))
    assert headers[:4] == ["目录年度", "类别 *", "事项类型 *", "决策事项 *"] and "集体讨论决定" in headers


def test_the_import_page_shows_for_a_handler_and_the_list_offers_it(tree, client, today):
    client.force_login(tree.township_handler)
    page = client.get(IMPORT).content.decode()
    assert "导入重大行政决策台账" in page and "导入到：东街道" in page and "下载导入模板" in page
    listing = client.get(reverse("decisions:decision_list")).content.decode()
    assert IMPORT in listing and reverse("decisions:decision_template") in listing


@pytest.mark.parametrize("who", ["reviewer", "district_overseer"])
def test_those_who_may_not_register_decisions_are_refused(tree, client, today, who):
    client.force_login(getattr(tree, who))
    assert client.get(IMPORT).status_code == 403
    assert _post(client, [_row(1)]).status_code == 403
    assert IMPORT not in client.get(reverse("decisions:decision_list")).content.decode()
    assert not Decision.objects.exists()


def test_one_bad_row_among_a_thousand_saves_nothing_and_names_row_and_column(tree, client, today):
    rows = [_row(i) for i in range(1, 1001)]
    rows[636]["决定日期"] = "2024-02-30"
    rows[800]["合法性审查"] = "依法不适用"
    client.force_login(tree.township_handler)
    response = _post(client, rows)
    found = problems(response)
    page = "\n".join(found)
    assert len(found) == 2
    assert "第 638 行“决定日期”：“2024-02-30”不是有效日期" in page
    assert "第 802 行“合法性审查”：合法性审查是必经程序，不能认定不适用（《重大行政决策程序暂行条例》第二十五条）" in page
    assert not Decision.objects.exists() and not DecisionCatalogue.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="decisions.").exists()


def test_a_clean_ledger_imports_fully_with_its_steps_catalogue_audit_and_clocks(tree, client, today):
    rows = [_row(i) for i in range(1, 1001)]
    rows.append(_row(1001, 目录年度=2025, 决策事项="东街道垃圾分类实施方案", 状态="程序办理中", 公众参与="办理中",
                     征求意见开始="2025-02-20", 征求意见截止="2025-03-25", 采纳情况公布日期=None, 专家论证="办理中",
                     风险评估="待办理", 合法性审查="待办理", 审查意见书编号=None, 集体讨论决定="待办理", 决定日期=None,
                     向党委请示报告日期=None, 公布日期=None, 公布渠道=None))
    rows.append({"类别": "“三重一大”事项", "事项类型": "大额度资金运作", "决策事项": "购置执法车辆", "状态": "已列入目录"})
    client.force_login(tree.township_handler)
    response = _post(client, rows)
    assert response.status_code == 302 and response["Location"] == reverse("decisions:decision_list")
    assert Decision.objects.filter(org=tree.township).count() == 1002
    published = Decision.objects.get(title="第7号道路改造工程")
    assert published.status == Decision.Status.PUBLISHED and published.decided_on == dt.date(2024, 5, 6)
    assert published.catalogue.year == 2024 and published.catalogue.status == DecisionCatalogue.Status.DRAFT
    steps = {s.kind: s for s in published.steps.all()}
    assert steps["legality"].status == S.DONE and steps["legality"].opinion_number == "东街法审〔2024〕7号"
    assert steps["risk"].status == S.WAIVED and not steps["risk"].required
    assert steps["risk"].waiver_ground == DecisionStep.WAIVER_GROUNDS["risk"]
    assert steps["collective"].completed_on == dt.date(2024, 5, 6)
    assert deadlines.of(published) == []  # a finished decision has no open clock
    running = Decision.objects.get(title="东街道垃圾分类实施方案")
    clock, = deadlines.of(running)
    assert clock.rule.code == "decisions.public_comment" and clock.started_on == dt.date(2025, 2, 20)
    assert clock.due_on == dt.date(2025, 3, 24) and clock.status == "open"  # 30 days end on Saturday 22 March
    assert running.catalogue.year == 2025
    listed = Decision.objects.get(title="购置执法车辆")
    assert listed.catalogue is None and {s.status for s in listed.steps.all()} == {S.PENDING}
    entries = AuditEntry.objects.filter(action="decisions.import_decision")
    assert entries.count() == 1002 and entries.filter(target_id=str(published.pk), actor=tree.township_handler).exists()
    assert AuditEntry.objects.filter(action="decisions.create_catalogue").count() == 2
    assert audit.verify_chain()[1] is None  # the entries written in bulk chain like any others


def test_states_dates_and_duplicates_are_checked_across_columns(tree, client, today):
    actions.create_catalogue(org=tree.township, by=tree.township_handler, year=2024)
    actions.add_decision(org=tree.township, by=tree.township_handler, kind="major", category="project",
                         title="第1号道路改造工程", catalogue=DecisionCatalogue.objects.get(year=2024))
    rows = [
        _row(1),                                          # row 2: already registered in 2024
        _row(2), _row(2),                                 # row 4 repeats row 3
        _row(4, 事项类型="重大事项决策"),                   # row 5: a 三重一大 type for a major decision
        _row(5, 公布日期="2024-05-01"),                    # row 6: published before it was reported to the party
        _row(6, 征求意见截止="2024-03-15"),                 # row 7: a comment period of two weeks without a reason
        _row(7, 状态="已作出决定", 专家论证="办理中"),        # row 8: decided with a step still open
        _row(8, 状态="程序办理中", 承办单位=None),           # row 9: drafting without its undertaking unit (and decided)
        _row(9, 决定日期="2026-01-05"),                    # row 10: a date after today
        _row(10, 合法性审查="待办理"),                      # row 11: an opinion number without a review
    ]
    client.force_login(tree.township_handler)
    page = "\n".join(problems(_post(client, rows)))
    for expected in [
        "第 2 行“决策事项”：本单位已登记过2024年度“第1号道路改造工程”这一决策事项。",
        "第 4 行“决策事项”：与第 3 行重复",
        "第 5 行“事项类型”：事项类型与类别不符",
        "第 6 行“公布日期”：重大行政决策出台前应当向同级党委请示报告（《重大行政决策程序暂行条例》第三十一条）",
        "第 7 行“征求意见截止”：征求意见期限不足：《重大行政决策程序暂行条例》第十五条规定一般不少于30日，自2024年3月1日开始的，截止日期不得早于2024年4月1日",
        "第 8 行“专家论证”：状态为“已作出决定”的，专家论证应已完成或依法不适用（《重大行政决策程序暂行条例》第十九条）。",
        "第 8 行“公布日期”：状态为“已作出决定”的事项尚未公布，不应填写公布日期。",
        "第 9 行“承办单位”：已启动决策程序的（《重大行政决策程序暂行条例》第十一条），须填写承办单位。",
        "第 9 行“集体讨论决定”：状态为“程序办理中”的事项尚未作出决定，集体讨论决定应为待办理。",
        "第 10 行“决定日期”：日期不能晚于今天。",
        "第 11 行“审查意见书编号”：合法性审查尚未完成，不应填写审查意见书编号。",
        "第 11 行“合法性审查”：状态为“已公布”的，合法性审查应已完成",
    ]:
        assert expected in page, expected
    assert Decision.objects.count() == 1


def test_an_exported_register_reimports_to_the_same_decisions(tree, client, ready):
    actions.record_collective_decision(
        ready, by=tree.township_handler, kind="executive", held_on=dt.date(2025, 3, 3), presided_by="李主任",
        attendees="全体班子成员", outcome="approved", minutes="会议纪要", decision_text="同意实施",
        views=[actions.View("王", "副主任", "agree"), actions.View("李", "主任", "agree", is_head=True)])
    actions.add_decision(org=tree.township, by=tree.township_head, kind="triple", category="triple_funds",
                         title="购置执法车辆")
    client.force_login(tree.township_handler)
    content = body(client.get(reverse("decisions:decision_list") + "?export=xlsx"))
    client.force_login(tree.sibling_handler)
    response = client.post(IMPORT, {"file": SimpleUploadedFile("导出.xlsx", content)})
    assert response.status_code == 302, response.content.decode()[-3000:]

    def rows_of(org):
        qs = Decision.objects.filter(org=org).select_related("org", "catalogue").prefetch_related("steps")
        return sorted(({k: v for k, v in ledger.export_row(d).items() if k != "org"} for d in qs),
                      key=lambda r: r["title"])

    assert rows_of(tree.sibling) == rows_of(tree.township)
    assert {d.title for d in Decision.objects.filter(org=tree.sibling)} == {
        "东街道老旧小区改造方案", "购置执法车辆"}


def test_a_formula_in_a_cell_exports_inert(tree, client, today):
    actions.add_decision(org=tree.township, by=tree.township_head, kind="triple", category="triple_funds",
                         title='=HYPERLINK("http://evil.example","点我")')
    client.force_login(tree.township_handler)
    row, = table(client.get(reverse("decisions:decision_list") + "?export=xlsx"))
    assert row["决策事项"] == "'=HYPERLINK(\"http://evil.example\",\"点我\")"
    assert row["决策机关"] == "东街道" and row["状态"] == "已列入目录" and row["合法性审查"] == "待办理"
