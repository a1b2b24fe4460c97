"""按时办复率, 满意率, 败诉率 and 负责人出庭应诉率 computed from the records, each drilling down to them."""

import datetime as dt

from django.urls import reverse

from yifa.oversight import actions, indicators, report

D = dt.date
YEAR = (D(2025, 1, 1), D(2025, 12, 31))


def _suggestions(tree, make_suggestion):
    by = tree.township_handler
    made = []
    for serial, assigned, replied, rating, role in [
        ("第1号", D(2025, 3, 10), D(2025, 6, 10), "satisfied", "lead"),    # on time (due 6月10日)
        ("第2号", D(2025, 3, 10), D(2025, 6, 11), "unsatisfied", "lead"),  # one day late
        ("第3号", D(2025, 3, 10), None, "", "lead"),                        # unanswered, past due
        ("第4号", D(2025, 10, 1), None, "", "lead"),                        # not yet due: not counted
        ("第5号", D(2025, 3, 10), D(2025, 4, 1), "", "co"),                 # 协办: not counted
    ]:
        s = make_suggestion(serial_no=serial, assigned_on=assigned, our_role=role)
        actions.assign(s, by=by, lead_department="党政办")
        if replied:
            actions.record_contact(s, by=by, contacted_on=assigned + dt.timedelta(days=5), note="面谈")
            actions.reply(s, by=by, replied_on=replied, category="A", summary="已办")
        if rating:
            actions.close(s, by=by, feedback_on=replied + dt.timedelta(days=3), satisfaction=rating)
        made.append(s)
    make_suggestion(org=tree.sibling, by=tree.sibling_handler, serial_no="第9号")  # another unit: never counted
    return made


def test_the_on_time_reply_rate_counts_answered_and_overdue_lead_suggestions(tree, make_suggestion):
    made = _suggestions(tree, make_suggestion)
    f = indicators.figure("suggestion_on_time_rate", [tree.township], YEAR)
    assert (f.numerator, f.denominator, f.value) == (1, 3, 33.3)
    assert set(indicators.records("suggestion_on_time_rate", [tree.township], YEAR)) == set(made[:3])
    satisfied = indicators.figure("suggestion_satisfaction_rate", [tree.township], YEAR)
    assert (satisfied.numerator, satisfied.denominator, satisfied.value) == (1, 2, 50.0)
    assert indicators.figure("npc_suggestions", [tree.district], YEAR).value == 6


def test_the_rate_drills_down_to_exactly_its_records(tree, make_suggestion, client):
    made = _suggestions(tree, make_suggestion)
    f = indicators.figure("suggestion_on_time_rate", [tree.township], YEAR)
    client.force_login(tree.township_handler)
    page = client.get(f.url).content.decode()
    for s in made[:3]:
        assert f"/oversight/suggestions/{s.pk}/" in page
    for s in made[3:]:
        assert f"/oversight/suggestions/{s.pk}/" not in page
    assert "应办复件数" in page


def _lawsuits(tree, make_case):
    by = tree.township_handler
    cases = []
    for number, outcome, appearance in [("1", "revoked", "head"), ("2", "claim_rejected", "staff"), ("3", "withdrawn", None)]:
        case = make_case(kind="litigation", case_no=f"（2025）甲行初{number}号", received_on=D(2025, 6, 2))
        actions.reply_case(case, by=by, replied_on=D(2025, 6, 10), summary="答辩", evidence="证据")
        if appearance:
            actions.record_hearing(case, by=by, kind="court", held_on=D(2025, 7, 15), appearance=appearance,
                                   head_name="陈卫东" if appearance == "head" else "", staff="李晓燕",
                                   absence_reason="" if appearance == "head" else "official_duty")
        actions.conclude(case, by=by, outcome=outcome, decided_on=D(2025, 8, 20))
        cases.append(case)
    return cases


def test_loss_rate_and_head_appearance_rate(tree, make_case):
    cases = _lawsuits(tree, make_case)
    loss = indicators.figure("litigation_loss_rate", [tree.township], YEAR)
    assert (loss.numerator, loss.denominator, loss.value) == (1, 3, 33.3)
    appearance = indicators.figure("head_appearance_rate", [tree.township], YEAR)
    assert (appearance.numerator, appearance.denominator, appearance.value) == (1, 2, 50.0)
    assert set(indicators.records("head_appearance_rate", [tree.township], YEAR)) == set(cases[:2])
    assert indicators.figure("head_appearance_rate", [tree.sibling], YEAR).value is None


def test_the_report_writes_the_figures_into_sentences(tree, make_suggestion, make_case):
    _suggestions(tree, make_suggestion)
    _lawsuits(tree, make_case)
    sentences = report.sections([tree.township], YEAR)["measures"]
    assert sentences[0] == "认真办理人大代表建议5件，按时办复率达33.3%，代表委员满意率50%。"
    assert "败诉1件，败诉率33.3%" in sentences[1]
    assert "行政机关负责人出庭应诉1件，出庭应诉率50%" in sentences[1]


def test_nothing_is_said_about_an_empty_register(tree):
    assert report.sections([tree.township], YEAR) == {"measures": []}


def test_the_figures_page_links_every_figure(tree, make_case, client):
    _lawsuits(tree, make_case)
    client.force_login(tree.township_head)
    page = client.get(reverse("oversight:figures") + "?year=2025").content.decode()
    assert "行政机关负责人出庭应诉率" in page
    assert "50%" in page
    assert "figure=litigations_heard" in page
