"""复议意见书、司法建议台账: how a row finds its case. By 案号 when the row has one; a case registered without 案号 by
申请人（原告） and 案件收到日期, so that the export of such letters imports again as the same letters;
no case or several cases refused by row and column, nothing saved."""

import datetime as dt
import io

from django.urls import reverse
from openpyxl import load_workbook

from yifa.core import imports
from yifa.core.models.deadlines import Deadline
from yifa.core.testing import ledger_file
from yifa.oversight import actions, ledgers
from yifa.oversight.models import FollowUpLetter

HEADERS = [c.header for c in ledgers.LETTER_COLUMNS]
PARTY, CASE_DAY = "申请人（原告）", "案件收到日期"
FIELDS = ("kind", "case_id", "letter_no", "issued_by", "received_on", "content", "answered_on", "answer", "due_on",
          "status")


def _sheet(*rows):
    """A ledger filled by hand: each row a mapping by header."""
    return ledger_file(HEADERS, rows)


def _row(**cells):
    return {"类别": "行政复议意见书", "文号": "甲政复意〔2025〕1号", "制发机关": "甲区人民政府", "收到日期": "2025-10-08",
            "主要内容": "执法程序需规范", **cells}


def _workbook(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


def _letters():
    return sorted(FollowUpLetter.objects.values_list(*FIELDS), key=repr)


def _import(client, upload):
    return client.post(reverse("oversight:letter_import"), {"file": upload})


def _unnumbered(make_case):
    """Cases registered before their number was known: a 复议 and an 诉讼 case of one claimant on one day, and a
    复议 case of another claimant."""
    return (make_case(case_no=""),
            make_case(case_no="", kind="litigation", instance="first", body="甲区人民法院"),
            make_case(case_no="", claimant="浙江某某建材有限公司", received_on=dt.date(2025, 9, 30),
                      disputed_act="《行政处罚决定书》", act_category="penalty"))


def test_the_template_offers_the_case_number_or_the_claimant_and_the_case_date(tree, client):
    client.force_login(tree.township_handler)
    sheet = _workbook(client.get(reverse("oversight:letter_template")))
    headers = [c.value for c in sheet[1]]
    assert headers[:4] == ["类别 *", "案号", PARTY, CASE_DAY]
    hints = [c.value for c in sheet[2]]
    assert "案件没有案号的留空" in hints[1] and "案号留空的必填" in hints[2]
    assert "案号留空的必填：收到答复通知书或起诉状副本的日期" in hints[3]
    page = client.get(reverse("oversight:letter_import")).content.decode()
    assert "案件没有案号的，案号留空，按“申请人（原告）”和“案件收到日期”查找" in page
    assert "带 * 的列必填（类别、制发机关、收到日期、主要内容）" in page


def test_letters_on_cases_without_a_number_export_and_import_again_as_the_same_letters(tree, client, make_case):
    reconsideration, litigation, company = _unnumbered(make_case)
    by = tree.township_handler
    answered = actions.receive_letter(reconsideration, by=by, kind="opinion_letter", letter_no="甲政复意〔2025〕3号",
                                      issued_by="甲区人民政府", received_on=dt.date(2025, 10, 8), content="规范拆违程序")
    actions.answer_letter(answered, by=by, answered_on=dt.date(2025, 11, 5), answer="已修订拆违工作流程")
    actions.receive_letter(litigation, by=by, kind="judicial_suggestion", letter_no="（2025）甲行初司建1号",
                           issued_by="甲区人民法院", received_on=dt.date(2025, 10, 20), content="负责人应出庭应诉")
    actions.receive_letter(company, by=by, kind="opinion_letter", issued_by="甲区人民政府",
                           received_on=dt.date(2025, 10, 9), content="处罚裁量需说明理由")
    before = _letters()
    client.force_login(by)
    sheet = _workbook(client.get(reverse("oversight:letter_list"), {"export": "xlsx"}))
    width = len(ledgers.LETTER_COLUMNS)
    header = [c.value for c in sheet[1]][:width]
    values = [[c.value for c in row][:width] for row in sheet.iter_rows(min_row=2)]
    assert [h.removesuffix(" *") for h in header] == HEADERS
    assert [(v[1], v[2], v[3].date()) for v in values] == [
        (None, "周某某", dt.date(2025, 9, 26)), (None, "浙江某某建材有限公司", dt.date(2025, 9, 30)),
        (None, "周某某", dt.date(2025, 9, 26))]
    Deadline.objects.filter(target_type="oversight.followupletter").delete()
    FollowUpLetter.objects.all().delete()
    response = _import(client, ledger_file(header, values))
    assert response.status_code == 302, imports.page_problems(response.content)
    assert _letters() == before
    assert set(FollowUpLetter.objects.values_list("kind", "case_id")) == {
        ("opinion_letter", reconsideration.pk), ("judicial_suggestion", litigation.pk), ("opinion_letter", company.pk)}
    assert Deadline.objects.filter(target_type="oversight.followupletter", status="open").count() == 2


def test_a_row_without_a_number_finds_a_numbered_case_by_claimant_and_date(tree, client, make_case):
    case = make_case()  # 甲政复〔2025〕15号
    client.force_login(tree.township_handler)
    response = _import(client, _sheet(_row(**{PARTY: "周某某", CASE_DAY: "2025年9月26日"})))
    assert response.status_code == 302, imports.page_problems(response.content)
    assert FollowUpLetter.objects.get().case == case


def test_two_cases_of_one_claimant_on_one_day_are_refused_asking_for_the_number(tree, client, make_case):
    make_case(case_no="")
    make_case(case_no="", disputed_act="《强制拆除公告》")
    rows = [_row(**{"案号": "甲政复〔2025〕15号", "文号": "1号"}), _row(**{PARTY: "周某某", CASE_DAY: "2025-09-26"})]
    make_case()  # the numbered one for row 2
    client.force_login(tree.township_handler)
    response = _import(client, _sheet(*rows))
    assert response.status_code == 200
    assert imports.page_problems(response.content) == [
        "第 3 行“案号”：本单位有3件申请人（原告）为“周某某”、案件收到日期为2025年9月26日的行政复议案件，"
        "请填写案号以区分（案件还没有案号的，先在案件页面“更正登记信息”中补录案号）。"]
    assert not FollowUpLetter.objects.exists()
    assert not Deadline.objects.filter(target_type="oversight.followupletter").exists()


def test_the_letters_kind_tells_a_reconsideration_from_a_lawsuit_of_one_claimant_and_day(tree, client, make_case):
    reconsideration, litigation, _company = _unnumbered(make_case)
    client.force_login(tree.township_handler)
    party = {PARTY: "周某某", CASE_DAY: "2025-09-26"}
    response = _import(client, _sheet(_row(**party), _row(**party, **{"类别": "司法建议", "文号": "司建2号",
                                                                     "制发机关": "甲区人民法院"})))
    assert response.status_code == 302, imports.page_problems(response.content)
    assert dict(FollowUpLetter.objects.values_list("kind", "case_id")) == {
        "opinion_letter": reconsideration.pk, "judicial_suggestion": litigation.pk}


def test_a_claimant_and_date_naming_no_case_are_refused_by_row_and_column(tree, client, make_case):
    make_case(case_no="")
    client.force_login(tree.township_handler)
    response = _import(client, _sheet(_row(**{PARTY: "周某某", CASE_DAY: "2025-09-26"}),
                                      _row(**{"文号": "2号", PARTY: "周某", CASE_DAY: "2025-09-26"}),
                                      _row(**{"文号": "3号", PARTY: "周某某"})))
    problems = imports.page_problems(response.content)
    assert problems == [
        "第 3 行“申请人（原告）”：本单位没有申请人（原告）为“周某”、案件收到日期为2025年9月26日的"
        "复议、应诉案件。请核对这两列，或先登记（导入）该案件。",
        "第 4 行“案件收到日期”：未填写案号的，须填写申请人（原告）和案件收到日期，"
        "据此查找案件。"]
    assert not FollowUpLetter.objects.exists()


def test_another_units_case_of_the_same_claimant_and_day_is_not_found(tree, client, make_case):
    make_case(case_no="", org=tree.township)
    client.force_login(tree.sibling_handler)
    response = _import(client, _sheet(_row(**{PARTY: "周某某", CASE_DAY: "2025-09-26"})))
    assert imports.page_problems(response.content)[0].startswith("第 2 行“申请人（原告）”：本单位没有申请人")
    assert not FollowUpLetter.objects.exists()


def test_the_number_decides_and_the_claimant_and_date_given_with_it_must_agree(tree, client, make_case):
    numbered = make_case()
    make_case(case_no="", claimant="李某", received_on=dt.date(2025, 9, 28))
    client.force_login(tree.township_handler)
    wrong = _row(**{"案号": "甲政复〔2025〕15号", PARTY: "李某", CASE_DAY: "2025-09-28"})
    problems = imports.page_problems(_import(client, _sheet(wrong)).content)
    assert problems == [
        "第 2 行“申请人（原告）”：案号为“甲政复〔2025〕15号”的案件申请人（原告）是“周某某”，与本行不一致，请核对案号或申请人（原告）。",
        "第 2 行“案件收到日期”：案号为“甲政复〔2025〕15号”的案件收到日期是2025年9月26日，与本行不一致，请核对案号或案件收到日期。"]
    assert not FollowUpLetter.objects.exists()
    response = _import(client, _sheet(_row(**{"案号": "甲政复〔2025〕15号", PARTY: "周某某"})))
    assert response.status_code == 302, imports.page_problems(response.content)
    assert FollowUpLetter.objects.get().case == numbered


def test_an_unknown_number_is_refused_even_when_the_claimant_and_date_match_a_case(tree, client, make_case):
    make_case(case_no="")
    client.force_login(tree.township_handler)
    row = _row(**{"案号": "甲政复〔2025〕99号", PARTY: "周某某", CASE_DAY: "2025-09-26"})
    problems = imports.page_problems(_import(client, _sheet(row)).content)
    assert problems == ["第 2 行“案号”：本单位没有案号为“甲政复〔2025〕99号”的复议、应诉案件。请核对案号，或先登记（导入）该案件；"
                        "案件登记时没有案号的，将案号留空，按申请人（原告）和案件收到日期查找。"]
    assert not FollowUpLetter.objects.exists()


def test_a_case_date_after_today_is_refused(tree, client, make_case):
    make_case(case_no="")
    client.force_login(tree.township_handler)
    problems = imports.page_problems(_import(client, _sheet(_row(**{PARTY: "周某某", CASE_DAY: "2025-11-21"}))).content)
    assert problems[0] == "第 2 行“案件收到日期”：日期不能晚于今天。"


def test_the_list_names_a_case_without_a_number_by_its_claimant(tree, client, make_case):
    case = make_case(case_no="")
    actions.receive_letter(case, by=tree.township_handler, kind="opinion_letter", letter_no="甲政复意〔2025〕3号",
                           issued_by="甲区人民政府", received_on=dt.date(2025, 10, 8), content="规范拆违程序")
    client.force_login(tree.township_handler)
    page = client.get(reverse("oversight:letter_list")).content.decode()
    assert "<div>周某某<div class=\"muted small\">未编号 · 2025年9月26日收到</div></div>" in page
    assert "甲政复意〔2025〕3号" in client.get(reverse("oversight:letter_list"), {"q": "周某某"}).content.decode()
