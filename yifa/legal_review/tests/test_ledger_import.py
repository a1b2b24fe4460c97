"""合法性审查台账, 法律顾问名册 and 服务记录 in Excel: templates, all-or-nothing imports with row-and-column errors,
round trips, formulas exported inert."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from yifa.core import numbering
from yifa.core.models import AuditEntry
from yifa.legal_review import actions, ledger, permissions
from yifa.legal_review.models import AdviserService, LegalAdviser, ReviewRequest

from .ledger_files import body, headers_of, problems, sheet, table

D = dt.date
LEDGERS = {  # name: (import url, template url, list url, columns, first headers)
    "reviews": ("legal_review:request_import", "legal_review:request_template", "legal_review:request_list",
                ledger.REVIEW_COLUMNS, ["送审日期 *", "类别 *", "送审事项 *"]),
    "advisers": ("legal_review:adviser_import", "legal_review:adviser_template", "legal_review:adviser_list",
                 ledger.ADVISER_COLUMNS, ["服务单位 *", "类别", "姓名 *"]),
    "services": ("legal_review:service_import", "legal_review:service_template", "legal_review:service_list",
                 ledger.SERVICE_COLUMNS, ["服务日期 *", "法律顾问 *", "执业证号"]),
}


def _post(client, name, rows):
    url, _template, _list, columns, _headers = LEDGERS[name]
    return client.post(reverse(url), {"file": sheet([c.header for c in columns], rows)})


def _review(i, **values):
    row = {"送审日期": "2024-03-01", "类别": "合同", "送审事项": f"第{i}号采购合同", "合同相对方": "甲公司",
           "合同金额（元）": "12,000.50", "送审材料": "合同草案", "状态": "已反馈采纳情况", "分派日期": "2024-03-02",
           "审查意见书编号": f"东街法审〔2024〕{i}号", "审查结论": "修改后合法", "出具日期": "2024-03-12",
           "出具人": "王律师", "审查意见": "第五条违约责任约定不明。", "审查依据": "《民法典》第五百七十七条",
           "采纳情况": "采纳", "反馈日期": "2024-03-20"}
    row.update(values)
    return row


def _adviser_row(i, **values):
    row = {"服务单位": "东一社区", "类别": "法律顾问", "姓名": f"律师{i}", "执业机构或所在单位": "天平律师事务所",
           "执业证号": f"1330520181{i:04d}", "手机号": "13857201122", "聘期开始": "2024-01-01", "聘期届满": "2025-12-31",
           "在聘": "是"}
    row.update(values)
    return row


def _service_row(i, **values):
    row = {"服务日期": "2025-01-%02d" % (i % 28 + 1), "法律顾问": "沈芳", "服务类型": "法律咨询", "次数/条数": 2,
           "服务内容": f"第{i}次接待群众法律咨询"}
    row.update(values)
    return row


@pytest.fixture
def shen(tree, today):
    return actions.add_adviser(org=tree.village, by=tree.township_handler, name="沈芳", firm="天平律师事务所",
                               license_no="13305201810", phone="13857201122", serves_from=D(2024, 1, 1))


# ---------------------------------------------------------------- every ledger


@pytest.mark.parametrize("name", LEDGERS)
def test_each_template_downloads_with_chinese_headers_and_required_marks(tree, client, today, name):
    client.force_login(tree.township_handler)
    _url, template, _list, _columns, first = LEDGERS[name]
    assert headers_of(client.get(reverse(template)))[:3] == first


@pytest.mark.parametrize("name", LEDGERS)
def test_each_import_page_shows_and_its_list_offers_import_and_template(tree, client, today, name):
    url, template, listing, _columns, _first = LEDGERS[name]
    client.force_login(tree.township_handler)
    page = client.get(reverse(url)).content.decode()
    assert "导入到：东街道" in page and reverse(template) in page
    listed = client.get(reverse(listing)).content.decode()
    assert reverse(url) in listed and reverse(template) in listed


@pytest.mark.parametrize("name", LEDGERS)
def test_an_overseer_may_not_import(tree, client, today, name):
    url, _template, listing, _columns, _first = LEDGERS[name]
    client.force_login(tree.district_overseer)
    assert client.get(reverse(url)).status_code == 403
    assert _post(client, name, []).status_code == 403
    assert reverse(url) not in client.get(reverse(listing)).content.decode()


def test_a_reviewer_may_not_import_review_requests(tree, client, today):
    assert not permissions.can_request(tree.reviewer, tree.township)
    client.force_login(tree.reviewer)
    assert _post(client, "reviews", [_review(1)]).status_code == 403 and not ReviewRequest.objects.exists()


# ---------------------------------------------------------------- 合法性审查台账


def test_one_bad_review_among_a_thousand_saves_nothing_and_names_row_and_column(tree, client, today):
    rows = [_review(i) for i in range(1, 1001)]
    rows[250]["采纳情况"] = "部分采纳"   # row 252: partly adopted without a reason
    client.force_login(tree.township_handler)
    response = _post(client, "reviews", rows)
    found = problems(response)
    page = "\n".join(found)
    assert len(found) == 1
    assert "第 252 行“采纳情况说明”：未采纳或部分采纳的（说明理由），须填写采纳情况说明。" in page
    assert not ReviewRequest.objects.exists() and not AuditEntry.objects.filter(action__startswith="legal_review.").exists()


def test_a_clean_review_ledger_imports_fully_and_its_numbers_continue(tree, client, today):
    rows = [_review(i) for i in range(1, 1001)]
    rows.append({"送审日期": "2025-02-26", "类别": "行政规范性文件", "送审事项": "东街道养犬管理规定（送审稿）", "状态": "审查中",
                 "分派日期": "2025-02-27"})
    client.force_login(tree.township_handler)
    response = _post(client, "reviews", rows)
    assert response.status_code == 302 and response["Location"] == reverse("legal_review:request_list")
    assert ReviewRequest.objects.filter(org=tree.township).count() == 1001
    closed = ReviewRequest.objects.get(opinion_number="东街法审〔2024〕7号")
    assert closed.status == "closed" and closed.conclusion == "with_changes" and closed.amount == 12000.50
    assert closed.adoption == "adopted" and closed.adoption_on == D(2024, 3, 20) and closed.submitted_by is None
    open_one = ReviewRequest.objects.get(status="reviewing")
    assert open_one.materials == ledger.UNKNOWN_MATERIALS and permissions.can_review(tree.reviewer, open_one)
    assert numbering.peek(tree.township, actions.OPINION_KIND, 2024) == 1000
    assert AuditEntry.objects.filter(action="legal_review.import_review").count() == 1001


def test_review_states_dates_and_numbers_are_checked_across_columns(tree, client, today, review):
    reviewed = actions.assign(review, by=tree.reviewer, reviewer=tree.reviewer)
    actions.issue_opinion(reviewed, by=tree.reviewer, conclusion="lawful", opinion="合法", basis="《民法典》")
    rows = [
        _review(1, 审查意见书编号="东街法审〔2025〕1号"),          # row 2: the number of an opinion already issued
        _review(2), _review(3, 审查意见书编号="东街法审〔2024〕2号"),  # row 4 repeats row 3's number
        _review(4, 合同相对方=None),                            # row 5: a contract without its counterpart
        _review(5, 状态="待分派"),                              # row 6: waiting, yet with an opinion and an assignment
        _review(6, 出具日期="2024-02-20"),                       # row 7: issued before it was submitted
        _review(7, 状态="退回补充材料", 审查意见书编号=None, 审查结论=None, 出具日期=None, 出具人=None, 审查意见=None,
                审查依据=None, 采纳情况=None, 反馈日期=None),     # row 8: returned without saying what is missing
    ]
    client.force_login(tree.township_handler)
    page = "\n".join(problems(_post(client, "reviews", rows)))
    for expected in [
        "第 2 行“审查意见书编号”：本单位已登记过编号为东街法审〔2025〕1号的审查意见书。",
        "第 4 行“审查意见书编号”：与第 3 行重复",
        "第 5 行“合同相对方”：合同审查，须填写合同相对方。",
        "第 6 行“分派日期”：待分派的事项尚未分派，不应填写分派日期。",
        "第 6 行“审查意见书编号”：状态为“待分派”的事项尚未出具审查意见书，不应填写审查意见书编号。",
        "第 6 行“采纳情况”：状态为“待分派”的事项尚未反馈采纳情况，不应填写采纳情况。",
        "第 7 行“出具日期”：不能早于送审日期（2024年3月1日）。",
        "第 8 行“退回理由”：状态为“退回补充材料”的（写明需要补充的材料），须填写退回理由。",
    ]:
        assert expected in page, expected
    assert ReviewRequest.objects.count() == 1


def test_an_exported_review_ledger_reimports_to_the_same_reviews(tree, client, today, review):
    other = actions.request_review(org=tree.township, by=tree.township_handler, subject="other", title="村规民约审查",
                                   materials="村规民约草案", submitted_on=D(2025, 2, 3))
    actions.assign(other, by=tree.reviewer, reviewer=tree.reviewer)
    actions.issue_opinion(other, by=tree.reviewer, conclusion="with_changes", opinion="第三条删去", basis="《村民委员会组织法》",
                          issued_on=D(2025, 2, 20))
    actions.record_adoption(other, by=tree.township_handler, adoption="partly", note="第三条已修改")
    client.force_login(tree.township_handler)
    content = body(client.get(reverse("legal_review:request_list") + "?export=xlsx"))
    client.force_login(tree.sibling_handler)
    response = client.post(reverse("legal_review:request_import"), {"file": SimpleUploadedFile("导出.xlsx", content)})
    assert response.status_code == 302, response.content.decode()[-4000:]

    def rows_of(org):
        return sorted(({k: v for k, v in ledger.review_row(r).items() if k not in ("org", "reviewer")}
                       for r in ReviewRequest.objects.filter(org=org)), key=lambda r: r["title"])

    assert rows_of(tree.sibling) == rows_of(tree.township)


def test_a_formula_in_a_review_exports_inert(tree, client, today):
    actions.request_review(org=tree.township, by=tree.township_handler, subject="contract", title="@SUM(1+1)",
                           counterpart='=HYPERLINK("http://evil.example","点我")', materials="合同")
    client.force_login(tree.township_handler)
    row, = table(client.get(reverse("legal_review:request_list") + "?export=xlsx"))
    assert row["送审事项"] == "'@SUM(1+1)" and row["合同相对方"] == "'=HYPERLINK(\"http://evil.example\",\"点我\")"


# ---------------------------------------------------------------- 法律顾问名册


def test_one_bad_adviser_among_a_thousand_saves_nothing_and_names_row_and_column(tree, client, today):
    rows = [_adviser_row(i) for i in range(1, 1001)]
    rows[99]["手机号"] = "138****1122"
    client.force_login(tree.township_handler)
    found = problems(_post(client, "advisers", rows))
    page = "\n".join(found)
    assert len(found) == 1 and "第 101 行“手机号”：手机号已打码，请填写完整号码，或留空。" in page
    assert not LegalAdviser.objects.exists()


def test_a_clean_roster_imports_fully_for_the_unit_and_its_communities(tree, client, today):
    rows = [_adviser_row(i) for i in range(1, 1001)]
    rows.append(_adviser_row(1001, 服务单位="东街道", 类别="公职律师", 姓名="周敏", 执业机构或所在单位="东街道司法所",
                             手机号=None, 在聘="否", 聘期届满="2024-12-31"))
    client.force_login(tree.township_handler)
    assert _post(client, "advisers", rows).status_code == 302
    assert LegalAdviser.objects.filter(org=tree.village, is_active=True).count() == 1000
    zhou = LegalAdviser.objects.get(name="周敏")
    assert zhou.org == tree.township and zhou.kind == "public_lawyer" and not zhou.is_active
    assert AuditEntry.objects.filter(action="legal_review.import_adviser").count() == 1001


def test_roster_rows_are_checked_across_columns(tree, client, today, shen):
    rows = [
        _adviser_row(1, 服务单位="西镇"),                       # row 2: another township
        _adviser_row(2, 聘期届满="2023-12-31"),                  # row 3: ends before it starts
        _adviser_row(3, 在聘="否", 聘期届满=None),                # row 4: not serving, no end date
        _adviser_row(4, 手机号="12345"),                         # row 5: not a phone number
        _adviser_row(5, 姓名="沈芳"),                            # row 6: already on the roster from that day
        _adviser_row(6), _adviser_row(6),                        # row 8 repeats row 7
    ]
    client.force_login(tree.township_handler)
    page = "\n".join(problems(_post(client, "advisers", rows)))
    for expected in [
        "第 2 行“服务单位”：东街道及其下属村（社区）中没有名为“西镇”的单位。",
        "第 3 行“聘期届满”：聘期届满日不能早于聘期开始日。",
        "第 4 行“聘期届满”：不在聘的（解聘或聘期届满），须填写聘期届满。",
        "第 5 行“手机号”：",
        "第 6 行“姓名”：本单位已登记过东一社区自2024年1月1日起聘请的沈芳。",
        "第 8 行“姓名”：与第 7 行重复",
    ]:
        assert expected in page, expected
    assert LegalAdviser.objects.count() == 1


def test_an_exported_roster_reimports_to_the_same_advisers(tree, client, today, shen):
    actions.add_adviser(org=tree.township, by=tree.township_handler, kind="public_lawyer", name="周敏", firm="司法所",
                        serves_from=D(2023, 1, 1), serves_until=D(2024, 12, 31), service_phone="0572-2101189")
    client.force_login(tree.township_handler)
    content = body(client.get(reverse("legal_review:adviser_list") + "?active=all&export=xlsx"))
    before = sorted((ledger.adviser_row(a, whole_phone=True) for a in LegalAdviser.objects.all()), key=lambda r: r["name"])
    LegalAdviser.objects.all().delete()
    response = client.post(reverse("legal_review:adviser_import"), {"file": SimpleUploadedFile("导出.xlsx", content)})
    assert response.status_code == 302
    after = sorted((ledger.adviser_row(a, whole_phone=True) for a in LegalAdviser.objects.all()), key=lambda r: r["name"])
    assert after == before and after[1]["name"] == "沈芳" and after[1]["phone"] == "13857201122"


def test_the_roster_export_masks_phones_for_those_who_do_not_keep_it(tree, client, today, shen):
    client.force_login(tree.district_overseer)
    row, = table(client.get(reverse("legal_review:adviser_list") + "?export=xlsx"))
    assert row["手机号"] == "138****1122"


def test_a_formula_in_the_roster_exports_inert(tree, client, today):
    actions.add_adviser(org=tree.village, by=tree.township_handler, name='=HYPERLINK("http://evil.example")',
                        firm="-1+1", serves_from=D(2024, 1, 1))
    client.force_login(tree.township_handler)
    row, = table(client.get(reverse("legal_review:adviser_list") + "?export=xlsx"))
    assert row["姓名"] == "'=HYPERLINK(\"http://evil.example\")" and row["执业机构或所在单位"] == "'-1+1"


# ---------------------------------------------------------------- 法律顾问服务记录


def test_one_bad_service_among_a_thousand_saves_nothing_and_names_row_and_column(tree, client, today, shen):
    rows = [_service_row(i) for i in range(1, 1001)]
    rows[999]["服务类型"] = "喝茶"
    client.force_login(tree.township_handler)
    found = problems(_post(client, "services", rows))
    page = "\n".join(found)
    assert len(found) == 1 and "第 1001 行“服务类型”：应为以下之一：列席会议" in page
    assert not AdviserService.objects.exists()


def test_a_clean_service_log_imports_fully(tree, client, today, shen):
    client.force_login(tree.township_handler)
    rows = [_service_row(i) for i in range(1, 1001)] + [_service_row(1001, 服务单位="东街道", **{"次数/条数": None})]
    assert _post(client, "services", rows).status_code == 302
    assert AdviserService.objects.filter(adviser=shen, org=tree.village).count() == 1000
    assert AdviserService.objects.get(org=tree.township).count == 1  # 次数 left empty: once
    assert AuditEntry.objects.filter(action="legal_review.import_service").count() == 1001


def test_service_rows_are_checked_against_the_roster(tree, client, today, shen):
    actions.add_adviser(org=tree.township, by=tree.township_handler, name="沈芳", firm="另一律所", license_no="99",
                        serves_from=D(2024, 6, 1))
    actions.add_adviser(org=tree.village, by=tree.township_handler, name="陈立", firm="律所", serves_from=D(2024, 1, 1),
                        serves_until=D(2024, 12, 31))
    actions.log_service(shen, by=tree.township_handler, served_on=D(2025, 1, 2), kind="consultation",
                        description="第1次接待群众法律咨询", count=2)
    rows = [
        _service_row(1, 执业证号="13305201810"),                  # row 2: already logged
        _service_row(2),                                         # row 3: two advisers named 沈芳
        _service_row(3, 法律顾问="王五"),                         # row 4: not on the roster
        _service_row(4, 法律顾问="陈立"),                         # row 5: after 陈立's term
        _service_row(5, 执业证号="13305201810", 服务日期="2025-03-04"),  # row 6: in the future
    ]
    client.force_login(tree.township_handler)
    page = "\n".join(problems(_post(client, "services", rows)))
    for expected in [
        "第 2 行“服务内容”：本单位已登记过同一法律顾问同日同类型、内容相同的服务记录。",
        "第 3 行“执业证号”：名册中有2名同名法律顾问，请填写执业证号。",
        "第 4 行“法律顾问”：本单位法律顾问名册中没有王五，请先导入或登记名册。",
        "第 5 行“服务日期”：陈立的聘期为2024年1月1日至2024年12月31日，服务日期不在聘期内。",
        "第 6 行“服务日期”：日期不能晚于今天。",
    ]:
        assert expected in page, expected
    assert AdviserService.objects.count() == 1


def test_an_exported_service_log_reimports_to_the_same_entries(tree, client, today, shen):
    actions.log_service(shen, by=tree.township_handler, served_on=D(2025, 1, 2), kind="dispute", count=3,
                        description="参与物业纠纷调处")
    actions.log_service(shen, by=tree.township_handler, served_on=D(2025, 2, 5), kind="meeting",
                        description="列席街道主任办公会议", org=tree.township)
    client.force_login(tree.township_handler)
    content = body(client.get(reverse("legal_review:service_list") + "?year=2025&export=xlsx"))
    before = sorted((ledger.service_row(s) for s in AdviserService.objects.all()), key=lambda r: r["served_on"])
    AdviserService.objects.all().delete()
    response = client.post(reverse("legal_review:service_import"), {"file": SimpleUploadedFile("导出.xlsx", content)})
    assert response.status_code == 302
    after = sorted((ledger.service_row(s) for s in AdviserService.objects.all()), key=lambda r: r["served_on"])
    assert after == before


def test_a_formula_in_the_service_log_exports_inert(tree, client, today, shen):
    actions.log_service(shen, by=tree.township_handler, served_on=D(2025, 1, 2), kind="dispute",
                        description='=HYPERLINK("http://evil.example")')
    client.force_login(tree.township_handler)
    row, = table(client.get(reverse("legal_review:service_list") + "?year=2025&export=xlsx"))
    assert row["服务内容"] == "'=HYPERLINK(\"http://evil.example\")" and row["服务类型"] == "参与矛盾纠纷调处"
