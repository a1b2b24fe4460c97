"""The statistics of the yearly 政府信息公开工作年度报告 are computed from the records, balance, and drill down."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from yifa.disclosure import actions, indicators, report
from yifa.disclosure.models import InfoRequest, ProactiveDisclosure

from .conftest import CST, make_publication, make_request

Y = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
COMPANY = {"applicant_type": "business", "applicant_name": "某公司", "id_number": "",
           "credit_code": "91330502MA2B3C4D5Y"}


@pytest.fixture
def year(tree):
    """A 2025 of one township, seen from February 2026."""
    from yifa.core.identity import uscc_check_char

    COMPANY["credit_code"] = "91330502MA2B3C4D5" + uscc_check_char("91330502MA2B3C4D5")
    h = tree.township_handler
    with time_machine.travel(dt.datetime(2026, 2, 2, 9, tzinfo=CST), tick=False):
        carried = make_request(tree.township, h, received_on=dt.date(2024, 12, 20), **COMPANY)
        actions.reply(carried, by=h, on=dt.date(2025, 1, 10), outcome="partly", reason="third_party", reply_text="区分处理")
        old = make_request(tree.township, h, received_on=dt.date(2024, 3, 1))
        actions.reply(old, by=h, on=dt.date(2024, 3, 20), outcome="disclosed", reason="provided")
        r = make_request(tree.township, h, received_on=dt.date(2025, 3, 3))
        actions.reply(r, by=h, on=dt.date(2025, 3, 20), outcome="disclosed", reason="provided")
        r = make_request(tree.township, h, received_on=dt.date(2025, 4, 1))
        actions.reply(r, by=h, on=dt.date(2025, 4, 20), outcome="withheld", reason="state_secret", reply_text="涉密")
        actions.record_remedy(r, by=h, reconsideration="upheld")
        r = make_request(tree.township, h, received_on=dt.date(2025, 5, 6), applicant_type="legal",
                         applicant_name="某律所", id_number="", credit_code=COMPANY["credit_code"])
        actions.reply(r, by=h, on=dt.date(2025, 5, 20), outcome="unavailable", reason="not_held")
        r = make_request(tree.township, h, received_on=dt.date(2025, 6, 3))
        actions.reply(r, by=h, on=dt.date(2025, 6, 10), outcome="not_handled", reason="petition", reply_text="信访")
        actions.record_remedy(r, by=h, litigation="direct", litigation_result="pending")
        r = make_request(tree.township, h, received_on=dt.date(2025, 7, 1))
        actions.request_correction(r, by=h, on=dt.date(2025, 7, 3), items="写明", deadline=dt.date(2025, 7, 20))
        actions.close_without_correction(r, by=h, on=dt.date(2025, 7, 25))
        r = make_request(tree.township, h, received_on=dt.date(2025, 8, 1))
        actions.withdraw(r, by=h, on=dt.date(2025, 8, 5))
        r = make_request(tree.township, h, received_on=dt.date(2025, 12, 22))
        actions.reply(r, by=h, on=dt.date(2026, 1, 6), outcome="disclosed", reason="provided")  # carried into 2026
        make_request(tree.sibling, tree.sibling_handler, received_on=dt.date(2025, 5, 5))  # another unit
        make_publication(tree.township, h, title="办法一", category="normative", normative_change="issued",
                         formed_on=dt.date(2024, 5, 1), published_on=dt.date(2024, 5, 10))
        make_publication(tree.township, h, title="办法二", category="normative", normative_change="issued",
                         formed_on=dt.date(2025, 3, 1), published_on=dt.date(2025, 3, 10))
        make_publication(tree.township, h, title="废止办法一", category="normative", normative_change="repealed",
                         formed_on=dt.date(2025, 9, 1), published_on=dt.date(2025, 9, 5))
        make_publication(tree.township, h, title="处罚决定公示", category="penalty", decision_count=6,
                         formed_on=dt.date(2025, 6, 1), published_on=dt.date(2025, 6, 5))
        make_publication(tree.township, h, title="收费公示", category="fees", fee_amount=Decimal("12345.00"),
                         formed_on=dt.date(2025, 6, 1), published_on=dt.date(2025, 6, 5))
        make_publication(tree.township, h, title="预算", category="budget", formed_on=dt.date(2025, 1, 2),
                         published_on=dt.date(2025, 3, 1))  # late: far beyond 20 working days
        yield


def _row(rows, label_start):
    return next(r for r in rows if r.label.startswith(label_start))


def test_table_three_counts_by_applicant_type_and_outcome(tree, year):
    reqs = InfoRequest.objects.filter(org=tree.township)
    rows = indicators.table_three(reqs, Y)
    values = lambda label: [c.value for c in _row(rows, label).cells]  # noqa: E731
    # columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计
    assert values("一、本年新收") == [6, 0, 0, 0, 1, 0, 7]
    assert values("二、上年结转") == [0, 1, 0, 0, 0, 0, 1]
    assert values("（一）予以公开") == [1, 0, 0, 0, 0, 0, 1]
    assert values("（二）部分公开") == [0, 1, 0, 0, 0, 0, 1]
    assert values("1.属于国家秘密") == [1, 0, 0, 0, 0, 0, 1]
    assert values("1.本机关不掌握相关政府信息") == [0, 0, 0, 0, 1, 0, 1]
    assert values("1.信访举报投诉类申请") == [1, 0, 0, 0, 0, 0, 1]
    assert values("1.申请人无正当理由逾期不补正") == [1, 0, 0, 0, 0, 0, 1]
    assert values("3.其他") == [1, 0, 0, 0, 0, 0, 1]
    assert values("（七）总计") == [5, 1, 0, 0, 1, 0, 7]
    assert values("四、结转下年度") == [1, 0, 0, 0, 0, 0, 1]
    assert indicators.check_balance(reqs, Y)
    next_year = indicators.table_three(reqs, (dt.date(2026, 1, 1), dt.date(2026, 12, 31)))
    assert [c.value for c in _row(next_year, "二、上年结转").cells][-1] == 1


def test_table_two_and_four(tree, year):
    pubs = ProactiveDisclosure.objects.filter(org=tree.township)
    t2 = {row.label: [c.value for c in row.cells] for row in indicators.table_two(pubs, Y)}
    assert t2["行政规范性文件"] == [1, 1, 1]  # issued this year, repealed this year, in force (2 issued − 1 repealed)
    assert t2["行政处罚"] == [6] and t2["规章"] == [0, 0, 0]
    assert t2["行政事业性收费（万元）"] == [Decimal("1.2345")]
    t4 = [c.value for c in indicators.table_four(InfoRequest.objects.filter(org=tree.township), Y)]
    assert t4[:5] == [1, 0, 0, 0, 1]  # 复议: 维持 1
    assert t4[5:10] == [0, 0, 0, 1, 1]  # 直接起诉: 尚未审结 1
    assert t4[10:] == [0, 0, 0, 0, 0]


def test_the_report_sentences_come_from_the_same_figures(tree, year):
    with time_machine.travel(dt.datetime(2026, 2, 2, 9, tzinfo=CST), tick=False):
        lines = report.sentences([tree.township], Y)
    assert lines[0].startswith("2025年，通过政府网站等渠道主动公开政府信息共5条")
    assert "收到政府信息公开申请7件（另上年结转1件）" in lines[1] and "办结7件" in lines[1]
    assert "结转下年度继续办理1件" in lines[1]
    assert lines[2] == "因政府信息公开工作被申请行政复议1件、被提起行政诉讼1件。"
    figures = indicators.figures([tree.township], Y)
    assert figures["publications"] == 5 and figures["proactive_on_time_rate"] == 80.0


def test_every_number_drills_down_to_its_records(tree, year, client):
    with time_machine.travel(dt.datetime(2026, 2, 2, 9, tzinfo=CST), tick=False):
        client.force_login(tree.township_handler)
        page = client.get(reverse("disclosure:annual"), {"year": 2025}).content.decode()
        assert "勾稽关系一致" in page
        assert "cell=reason%3Awithheld.state_secret%7Cperson&amp;year=2025" in page
        listing = client.get(reverse("disclosure:request_list"), {"cell": "new|all", "year": 2025})
        assert len(listing.context["page"]) == 7
        listing = client.get(reverse("disclosure:publication_list"), {"cell": "late", "year": 2025})
        assert [p.title for p in listing.context["page"]] == ["预算"]


def test_an_overseer_sees_every_unit_and_may_pick_one(tree, year, client):
    with time_machine.travel(dt.datetime(2026, 2, 2, 9, tzinfo=CST), tick=False):
        client.force_login(tree.district_overseer)
        response = client.get(reverse("disclosure:annual"), {"year": 2025})
        new = _row(response.context["t3"], "一、本年新收").cells[-1].value
        assert new == 8
        response = client.get(reverse("disclosure:annual"), {"year": 2025, "org": tree.township.pk})
        assert _row(response.context["t3"], "一、本年新收").cells[-1].value == 7
        client.force_login(tree.township_handler)
        assert client.get(reverse("disclosure:annual"), {"org": tree.sibling.pk}).status_code == 404


def test_the_portal_publishes_the_tables_without_links_or_names(tree, year, client):
    with time_machine.travel(dt.datetime(2026, 2, 2, 9, tzinfo=CST), tick=False):
        page = client.get(reverse("disclosure:public_annual"), {"org": tree.township.pk, "year": 2025})
    html = page.content.decode()
    assert "收到和处理政府信息公开申请情况" in html and "cell=" not in html and "沈晓东" not in html
