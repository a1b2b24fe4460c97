"""The figures of a unit-year equal a hand count; each drills down to its records; the report sentences."""

import datetime as dt

import pytest
from django.urls import reverse

from .. import actions, indicators, report
from ..models import DisputeCase
from .helpers import AGREEMENT, TODAY

pytestmark = pytest.mark.django_db
YEAR = indicators.year_period(2025)


@pytest.fixture
def book(w, time_machine):
    """Eight disputes and five screening rounds whose figures are counted by hand below."""
    t = w.tree
    cases = {
        "A": w.case("closed"), "B": w.case("agreed", org=t.village), "C": w.case("failed", dispute_type="contract"),
        "D": w.case("mediating"), "E": w.case("accepted"), "F": w.case("rejected"), "G": w.case(org=t.village),
        "sibling": w.case("closed", org=t.sibling),
    }
    # H: accepted on 2 January, target 5 February (春节 holidays), settled only on 10 March: late.
    h = w.case(registered_on=dt.date(2025, 1, 2), dispute_type="labour")
    actions.accept(h, by=w.mediator_user, on=dt.date(2025, 1, 2))
    actions.assign(h, by=w.mediator_user, committee=w.committee, lead=w.chair, on=dt.date(2025, 1, 3))
    actions.record_oral(h, by=w.mediator_user, terms="结清工资。", performance_method="转账。", agreed_on=TODAY)
    cases["H"] = h
    # A case of last year stays out of 2025.
    old = w.case(registered_on=dt.date(2024, 12, 20))
    actions.accept(old, by=w.mediator_user, on=dt.date(2024, 12, 20))
    for org, held, topic in [(t.village, dt.date(2025, 1, 15), "一月排查"), (t.village, dt.date(2025, 2, 14), "二月排查"),
                             (t.village, dt.date(2024, 12, 15), "去年排查"), (t.sibling, dt.date(2025, 2, 1), "西镇排查")]:
        screening = actions.plan_round(by=w.tree.township_head, org=org, topic=topic, planned_on=held)
        actions.complete_round(screening, by=w.tree.township_head, held_on=held, notes="走访。")
        if topic in ("一月排查", "二月排查"):
            for n in range(1 if topic == "一月排查" else 2):
                actions.add_finding(screening, by=w.tree.township_head, description=f"发现{n}", dispute_type="other")
    actions.plan_round(by=w.tree.township_head, org=t.village, topic="三月排查（未实施）", planned_on=TODAY)
    return cases


def test_the_figures_for_a_unit_year_equal_a_hand_count(w, book):
    f = indicators.figures([w.tree.township], *YEAR)
    assert {k: f[k] for k in ("accepted", "mediated", "success", "failed", "concluded", "on_time", "followed_up",
                              "screenings", "findings")} == {
        "accepted": 6,      # A B C D E H (F refused, G not yet accepted, sibling and last year's out)
        "mediated": 5,      # A B C D H
        "success": 3,       # A (written) B (oral) H (oral)
        "failed": 1,        # C
        "concluded": 4,     # A B C H
        "on_time": 3,       # A B C; H settled after its target
        "followed_up": 1,   # A
        "screenings": 2,    # the two village rounds carried out in 2025
        "findings": 3,
    }
    assert (f["mediation_rate"], f["success_rate"], f["on_time_rate"], f["follow_up_rate"]) == (83.3, 50.0, 75.0, 33.3)


def test_the_village_alone_and_the_district_add_up(w, book):
    assert indicators.figures([w.tree.village], *YEAR)["accepted"] == 1
    district = indicators.figures([w.tree.district], *YEAR)
    assert district["accepted"] == 7 and district["success"] == 4 and district["screenings"] == 3


def test_breakdowns_by_type_unit_and_month(w, book):
    by_type = {r["label"]: r["accepted"] for r in indicators.breakdown([w.tree.township], *YEAR, "type")}
    assert by_type == {"邻里纠纷": 4, "合同纠纷": 1, "劳动争议纠纷": 1}
    by_unit = {r["label"]: (r["accepted"], r["success"]) for r in indicators.breakdown([w.tree.township], *YEAR, "unit")}
    assert by_unit == {"东街道": (5, 2), "东一社区": (1, 1)}
    by_month = {r["key"]: r["accepted"] for r in indicators.breakdown([w.tree.township], *YEAR, "month")}
    assert by_month == {1: 1, 3: 5}
    by_channel = indicators.breakdown([w.tree.township], *YEAR, "channel")
    assert [(r["label"], r["accepted"]) for r in by_channel] == [("来访申请", 6)]


def test_each_figure_drills_down_to_its_records(client, w, book):
    success = set(indicators.cases_for("success", [w.tree.township], *YEAR))
    assert success == {book["A"], book["B"], book["H"]}
    client.force_login(w.tree.township_head)
    page = client.get(reverse("mediation:figures_drill") + "?year=2025&metric=success").content.decode()
    assert "2025年调解成功数：3 起" in page
    for key in ("A", "B", "H"):
        assert book[key].number in page
    page = client.get(reverse("mediation:figures_drill") + f"?year=2025&metric=accepted&by=unit&key={w.tree.village.pk}"
                      ).content.decode()
    assert "受理数：1 起" in page and book["B"].number in page
    page = client.get(reverse("mediation:figures") + "?year=2025").content.decode()
    assert "全年受理矛盾纠纷6起,调解成功3起,成功率50%" in page


def test_the_drill_down_stays_inside_the_users_scope(client, w, book):
    client.force_login(w.tree.sibling_handler)
    page = client.get(reverse("mediation:figures_drill") + "?year=2025&metric=accepted").content.decode()
    assert "受理数：1 起" in page and book["sibling"].number in page and book["A"].number not in page


def test_the_report_sentences(w, book):
    lines = report.sentences([w.tree.township], 2025)
    assert "现有人民调解委员会2个,配备专兼职人民调解员4名" in lines
    assert "全年开展矛盾纠纷排查2次,排查发现矛盾纠纷3起" in lines
    assert "全年受理矛盾纠纷6起,调解成功3起,成功率50%" in lines
    assert "调解5起,调解率83.3%" in lines
    assert "其中邻里纠纷4起、合同纠纷1起、劳动争议纠纷1起" in lines
    assert "按期调结率75%" in lines and "对调解成功的纠纷回访1起,回访率33.3%" in lines
    assert report.paragraph([w.tree.township], 2025).endswith("回访率33.3%。")


def test_a_rate_reads_like_the_annual_reports(w):
    assert indicators.rate(170, 172) == 98.8 and report.percent(98.8) == "98.8%"
    assert report.percent(100.0) == "100%" and report.percent(None) == "—"
    assert report.sentences([w.tree.sibling], 2025)[-1] == "全年未受理矛盾纠纷"
