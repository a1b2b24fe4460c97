"""行政规范性文件台账 in Excel: template, all-or-nothing import with row-and-column errors, filings, clocks, round trip."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from yifa.core import deadlines, numbering
from yifa.core.models import AuditEntry
from yifa.legal_review.tests.ledger_files import body, headers_of, problems, sheet, table
from yifa.normative_docs import actions, ledger
from yifa.normative_docs.models import Filing, NormativeDocument

HEADERS = [c.header for c in ledger.COLUMNS]
IMPORT = reverse("normative_docs:document_import")
S = NormativeDocument.Status
D = dt.date


def _row(i, **values):
    """A document published in February 2024 after every step, filed and passed."""
    row = {"文号": f"东街规〔2024〕{i}号", "文件名称": f"东街道第{i}项事务管理规定", "起草单位": "党政办", "涉及市场主体": "否",
           "制定依据": "《浙江省动物防疫条例》", "状态": "已公布", "征求意见开始": "2024-01-02", "征求意见截止": "2024-01-15",
           "采纳情况公布日期": "2024-01-20", "合法性审核意见书编号": f"东街法审〔2024〕{i}号", "合法性审核结论": "合法",
           "合法性审核日期": "2024-01-24", "集体审议会议": "主任办公会议", "集体审议日期": "2024-01-27",
           "登记日期": "2024-02-09", "公布日期": "2024-02-10", "公布渠道": "区政府网站", "施行日期": "2024-02-10",
           "有效期（月）": 24, "效力状态": "有效", "报备日期": "2024-02-20", "备案审查": "审查通过"}
    row.update(values)
    return row


def _post(client, rows):
    return client.post(IMPORT, {"file": sheet(HEADERS, rows)})


def test_the_template_downloads_with_chinese_headers_and_required_marks(tree, client, today):
    client.force_login(tree.township_handler)
    headers = headers_of(client.get(reverse("normative_docs:document_template")))
    assert headers[:2] == ["文号", "文件名称 *"] and "状态 *" in headers and "报备日期" in headers


def test_the_import_page_shows_for_a_handler_and_the_list_offers_it(tree, client, today):
    client.force_login(tree.township_handler)
    page = client.get(IMPORT).content.decode()
    assert "导入行政规范性文件台账" in page and "导入到：东街道" in page
    listing = client.get(reverse("normative_docs:document_list")).content.decode()
    assert IMPORT in listing and reverse("normative_docs:document_template") in listing


@pytest.mark.parametrize("who", ["reviewer", "district_overseer"])
def test_those_who_may_not_draft_documents_are_refused(tree, client, today, who):
    client.force_login(getattr(tree, who))
    assert client.get(IMPORT).status_code == 403
    assert _post(client, [_row(1)]).status_code == 403
    assert IMPORT not in client.get(reverse("normative_docs:document_list")).content.decode()
    assert not NormativeDocument.objects.exists()


def test_one_bad_row_among_a_thousand_saves_nothing_and_names_row_and_column(tree, client, today):
    rows = [_row(i) for i in range(1, 1001)]
    rows[411]["施行日期"] = "2024-02-01"
    client.force_login(tree.township_handler)
    response = _post(client, rows)
    found = problems(response)
    page = "\n".join(found)
    assert len(found) == 1
    assert "第 413 行“施行日期”：施行日期不能早于公布日期：未经公布的规范性文件不得作为行政管理依据。" in page
    assert not NormativeDocument.objects.exists() and not Filing.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="normative_docs.").exists()


def test_a_clean_ledger_imports_fully_with_filings_validity_numbers_audit_and_clocks(tree, client, today):
    rows = [_row(i) for i in range(1, 1001)]
    rows.append(_row(1001, 报备日期="2024-04-01", 备案审查="待审查"))           # filed late (30 days end 11 March)
    rows.append(_row(1002, 报备日期=None, 备案审查=None))                     # published, not yet filed
    rows.append(_row(1003, 备案审查="责令纠正", 责令纠正日期="2025-02-24"))     # to be corrected within 15 days
    rows.append({"文件名称": "东街道门前三包管理办法", "状态": "征求意见中", "征求意见开始": "2025-02-20",
                 "征求意见截止": "2025-03-10", "涉及市场主体": "否", "起草单位": "城管办"})
    rows.append({"文件名称": "东街道停车管理规定（草案）", "状态": "起草中"})
    client.force_login(tree.township_handler)
    response = _post(client, rows)
    assert response.status_code == 302 and response["Location"] == reverse("normative_docs:document_list")
    assert NormativeDocument.objects.filter(org=tree.township).count() == 1005
    doc = NormativeDocument.objects.get(number="东街规〔2024〕7号")
    assert doc.status == S.PUBLISHED and doc.expires_on == D(2026, 2, 9) and doc.validity == "valid"
    assert doc.review_conclusion == "合法" and doc.reviewed_on == D(2024, 1, 24) and doc.review_request_id is None
    assert doc.filing.filed_to == tree.district and doc.filing.on_time and doc.filing.status == Filing.Status.PASSED
    assert doc.filing.due_on == D(2024, 3, 11) and deadlines.of(doc) == []  # filed: no clock left open
    late = NormativeDocument.objects.get(number="东街规〔2024〕1001号").filing
    assert not late.on_time and late.status == Filing.Status.SUBMITTED
    unfiled = NormativeDocument.objects.get(number="东街规〔2024〕1002号")
    clock, = deadlines.of(unfiled)
    assert clock.rule.code == "normative.filing" and clock.due_on == D(2024, 3, 11) and clock.status == "open"
    ordered = NormativeDocument.objects.get(number="东街规〔2024〕1003号").filing
    assert ordered.correction_due_on == D(2025, 3, 11) and ordered.corrections == 1
    clock, = deadlines.of(ordered)
    assert clock.rule.code == "normative.correction" and clock.status == "open"
    commenting = NormativeDocument.objects.get(title="东街道门前三包管理办法")
    clock, = deadlines.of(commenting)
    assert clock.rule.code == "normative.comment" and clock.started_on == D(2025, 2, 20)
    assert deadlines.of(NormativeDocument.objects.get(status=S.DRAFTING)) == []
    cleanup, = [d for d in deadlines.of(tree.township) if d.rule.code == "normative.cleanup"]
    assert cleanup.started_on == D(2024, 2, 10)
    assert numbering.peek(tree.township, "normative_doc", 2024) == 1003  # the next 统一编号 is 东街规〔2024〕1004号
    entries = AuditEntry.objects.filter(action="normative_docs.import_document")
    assert entries.count() == 1005 and entries.filter(target_id=str(doc.pk), actor=tree.township_handler).exists()


def test_states_dates_and_duplicates_are_checked_across_columns(tree, client, today, live_doc):
    rows = [
        _row(1, 文号="东街规〔2025〕1号"),                                # row 2: the number of a registered document
        _row(2), _row(2, 文件名称="另一文件"),                            # row 4 repeats the number of row 3
        _row(4, 征求意见截止="2024-01-05"),                               # row 5: shorter than 7 working days
        _row(5, 涉及市场主体="是"),                                        # row 6: tied to businesses: 30 days
        _row(6, 合法性审核结论="不合法"),                                  # row 7: published after an unlawful review
        _row(7, 集体审议日期="2024-01-22"),                               # row 8: deliberated before the review
        _row(8, 状态="合法性审核中"),                                      # row 9: a review under way elsewhere
        _row(9, 状态="已登记编号"),                                        # row 10: registered but with publication
        _row(10, 效力状态="已废止"),                                       # row 11: repealed without the date
        _row(11, **{"有效期（月）": 72}),                                   # row 12: longer than the local maximum
        _row(12, 备案审查="已报告纠正情况", 责令纠正日期="2024-03-01"),        # row 13: answered, without the answer
        {"文件名称": "草案", "状态": "起草中", "文号": "东街规〔2025〕9号"},     # row 14: a number before registration
    ]
    client.force_login(tree.township_handler)
    page = "\n".join(problems(_post(client, rows)))
    for expected in [
        "第 2 行“文号”：本单位已登记过文号为东街规〔2025〕1号的文件。",
        "第 4 行“文号”：与第 3 行重复",
        "第 5 行“征求意见截止”：征求意见期限不足：公开征求意见的期限不少于7个工作日",
        "第 6 行“征求意见截止”：征求意见期限不足：与市场主体生产经营活动密切相关的，公开征求意见的期限不少于30日",
        "第 7 行“合法性审核结论”：经审核不合法的，不得提交集体审议（国办发〔2018〕37号）",
        "第 8 行“集体审议日期”：合法性审核意见出具之前不得提交集体审议（国办发〔2018〕37号）。",
        "第 9 行“状态”：合法性审核中的文件，请按“意见已研究处理”导入",
        "第 10 行“公布日期”：状态为“已登记编号”的文件尚未公布，不应填写公布日期。",
        "第 10 行“报备日期”：状态为“已登记编号”的文件尚未公布，不应填写报备日期。",
        "第 11 行“效力变更日期”：效力状态为“已废止”的，须填写效力变更日期。",
        "第 12 行“有效期（月）”：有效期一般不超过",
        "第 13 行“纠正情况”：已报告纠正情况的，须填写纠正情况。",
        "第 14 行“文号”：状态为“起草中”的文件尚未统一登记编号，不应填写文号。",
    ]:
        assert expected in page, expected
    assert NormativeDocument.objects.count() == 1


def test_an_exported_register_reimports_to_the_same_documents(tree, client, today, live_doc):
    filing = actions.file(live_doc, by=tree.township_handler, report="报送备案", filed_on=D(2025, 2, 20))
    actions.order_correction(filing, by=tree.district_overseer, problem="第五条设定罚款", requirement="删去第五条",
                             ordered_on=D(2025, 2, 25))
    actions.answer_correction(filing, by=tree.township_handler, answer_kind="amended", answer="已删去第五条")
    actions.create_document(org=tree.township, by=tree.township_handler, title="东街道停车管理规定（草案）",
                            drafting_unit="城管办", touches_business=True)
    client.force_login(tree.township_handler)
    content = body(client.get(reverse("normative_docs:document_list") + "?export=xlsx"))
    client.force_login(tree.sibling_handler)
    response = client.post(IMPORT, {"file": SimpleUploadedFile("导出.xlsx", content)})
    assert response.status_code == 302

    def rows_of(org):
        return sorted(({k: v for k, v in ledger.export_row(d, Filing.objects.filter(document=d).first(), today).items()
                        if k != "org"} for d in NormativeDocument.objects.filter(org=org).select_related("org")),
                      key=lambda r: r["title"])

    assert rows_of(tree.sibling) == rows_of(tree.township)
    assert NormativeDocument.objects.get(org=tree.sibling, number="东街规〔2025〕1号").filing.filed_to == tree.district


def test_a_formula_in_a_cell_exports_inert(tree, client, today):
    actions.create_document(org=tree.township, by=tree.township_handler, title="=HYPERLINK(\"http://evil.example\")",
                            drafting_unit="+SUM(1,1)")
    client.force_login(tree.township_handler)
    row, = table(client.get(reverse("normative_docs:document_list") + "?export=xlsx"))
    assert row["文件名称"] == "'=HYPERLINK(\"http://evil.example\")" and row["起草单位"] == "'+SUM(1,1)"
    assert row["制定机关"] == "东街道" and row["状态"] == "起草中"
