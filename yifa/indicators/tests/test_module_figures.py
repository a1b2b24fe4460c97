"""Values per unit per period computed from real records made through the modules' own actions; each entry
gives the same number as the module's own figures and lists exactly the records behind it."""

import datetime as dt
from decimal import Decimal

from yifa.core.models import Deadline
from yifa.indicators import registry
from yifa.indicators.periods import Period
from yifa.indicators.values import Board, active_scheme

from . import matters

D = dt.date
YEAR = (D(2025, 1, 1), D(2025, 12, 31))


def test_suggestion_on_time_rate_equals_the_modules_figure_and_lists_its_records(tree, suggestions):
    from yifa.oversight import indicators as o

    measure = registry.compute("oversight.suggestion_on_time_rate", [tree.township], YEAR)
    module = o.figure("suggestion_on_time_rate", [tree.township], YEAR)
    assert measure == registry.Measure(33.3, 1, 3) == registry.Measure(module.value, module.numerator,
                                                                        module.denominator)
    entry = registry.INDICATORS["oversight.suggestion_on_time_rate"]
    assert set(entry.records([tree.township], YEAR)) == set(suggestions["township"][:3])
    assert list(entry.part([tree.township], YEAR)) == suggestions["township"][:1]


def test_a_district_counts_every_unit_below_it(tree, suggestions):
    assert registry.compute("oversight.suggestion_on_time_rate", [tree.district], YEAR) == registry.Measure(60.0, 3, 5)
    assert registry.compute("oversight.suggestion_on_time_rate", [tree.other_district], YEAR).value is None


def test_statutory_deadlines_give_the_on_time_rate_and_the_overdue_count(tree, suggestions):
    # Township clocks: 第1号 met on its due date, 第2号 late, 第3号 open and overdue, 第4号 not yet due.
    assert registry.compute("core.deadline_on_time_rate", [tree.township], YEAR) == registry.Measure(33.3, 1, 3)
    assert registry.compute("core.deadline_late", [tree.township], YEAR).value == 2
    overdue = registry.INDICATORS["core.deadline_overdue"].records([tree.township], YEAR)
    assert [d.target_repr for d in overdue] == [str(suggestions["township"][2])]
    assert all(isinstance(d, Deadline) for d in overdue)


def test_units_rank_by_a_figure_best_first(tree, suggestions):
    board = Board(Period("year", 2025))
    rows = board.ranking("oversight.suggestion_on_time_rate", [tree.township, tree.sibling])
    assert [(r["org"], r["rank"], r["measure"].value) for r in rows] == [(tree.sibling, 1, 100.0),
                                                                          (tree.township, 2, 33.3)]
    lower = board.ranking("core.deadline_late", [tree.township, tree.sibling])
    assert [r["org"] for r in lower] == [tree.sibling, tree.township]  # fewer late items ranks first


def test_scores_follow_the_scheme_and_units_rank_by_score(tree, suggestions):
    board = Board(Period("year", 2025))
    scheme = active_scheme()
    township = board.unit_score(scheme, tree.township)
    item = next(i for i in township.items if i.node.indicator == "oversight.suggestion_on_time_rate")
    assert item.node.points == 2 and item.node.target == 100
    assert (item.value, item.met, item.score) == (33.3, False, Decimal("0.67"))  # proportional: 2 × 33.3/100
    sibling = board.unit_score(scheme, tree.sibling)
    assert next(i for i in sibling.items if i.node.indicator == "oversight.suggestion_on_time_rate").met is True
    ranking = board.score_ranking(scheme, [tree.township, tree.sibling])
    assert [r["org"] for r in ranking] == [tree.sibling, tree.township]
    assert ranking[0]["score"].rate > ranking[1]["score"].rate


def test_a_trend_gives_each_month_up_to_today(tree, suggestions):
    board = Board(Period("year", 2025))
    trend = board.trend("oversight.suggestions", tree.township)
    assert [m.n for m, _ in trend] == list(range(1, 12))  # today is 2025年11月20日
    by_month = {m.n: measure.value for m, measure in trend}
    assert by_month[3] == 3 and by_month[10] == 1 and by_month[1] == 0


def test_enforcement_figures_equal_the_modules_own(tree):
    from yifa.enforcement import indicators as en

    matters.enforcement(tree)
    module = en.figures([tree.township], YEAR)
    assert registry.compute("enforcement.cases", [tree.township], YEAR).value == module["cases_filed"]["count"] == 3
    certified = registry.compute("enforcement.certified_rate", [tree.township], YEAR)
    assert (certified.value, certified.numerator, certified.denominator) == (
        module["certificate"]["rate"], module["certificate"]["certified"], module["certificate"]["officers"])
    ratio = registry.compute("enforcement.reviewer_ratio", [tree.township], YEAR)
    assert (ratio.value, ratio.numerator) == (module["reviewers"]["ratio"], module["reviewers"]["count"])
    review = registry.compute("enforcement.legal_review_rate", [tree.township], YEAR)
    assert review.value == module["review_share"]["rate"] and review.denominator == module["review_share"]["of"]
    assert registry.compute("enforcement.cases", [tree.sibling], YEAR).value == 0


def test_training_figures_come_from_the_modules_figures_and_drill_to_its_lists(tree):
    from yifa.training import actions
    from yifa.training import indicators as t

    for org, by, days in [(tree.township, tree.township_handler, (D(2025, 3, 15), D(2025, 9, 1))),
                          (tree.sibling, tree.sibling_handler, (D(2025, 5, 4),))]:
        for day in days:
            actions.record_activity(by=by, org=org, theme="民法典进社区", held_on=day, place="文化礼堂", audience=80)
    assert registry.compute("training.activities", [tree.township], YEAR).value == 2
    assert registry.compute("training.activities", [tree.district], YEAR).value == 3
    assert t.by_code([tree.district], YEAR)["activities"].value == 3
    url = registry.INDICATORS["training.activities"].drill([tree.township], YEAR)
    assert url.startswith("/training/activities/") and f"org={tree.township.pk}" in url and "from=2025-01-01" in url


def test_entries_of_modules_not_installed_are_listed_but_not_computed(tree, monkeypatch):
    monkeypatch.setitem(registry.INDICATORS, "nowhere.rate", registry.Indicator(
        "未启用模块的比率", "%", compute=lambda orgs, period: registry.Measure(1), app="yifa.nowhere"))
    monkeypatch.setitem(registry.INDICATORS, "core.pending", registry.Indicator("尚无计算的指标", "件"))
    assert not registry.is_available("nowhere.rate") and "nowhere.rate" not in registry.available()
    assert registry.compute("nowhere.rate", [tree.township], YEAR) is None
    assert registry.status_text("nowhere.rate") == "所属模块未启用"
    assert registry.status_text("core.pending") == "待接入（模块尚未提供计算）"


def test_mediation_success_rate_equals_the_modules_figure_and_lists_its_cases(tree):
    from yifa.mediation import indicators as m

    made = matters.mediation_cases(tree)
    agreed, failed, open_case = made["agreed"], made["failed"], made["open"]
    measure = registry.compute("mediation.success_rate", [tree.township], YEAR)
    module = m.figures([tree.township], *YEAR)
    assert measure == registry.Measure(module["success_rate"], 1, 3) and measure.value == 33.3
    entry = registry.INDICATORS["mediation.success_rate"]
    assert set(entry.records([tree.township], YEAR)) == {agreed, failed, open_case}
    assert list(entry.part([tree.township], YEAR)) == [agreed]
    assert registry.compute("mediation.accepted", [tree.district], YEAR).value == 4


def test_petition_on_time_rate_equals_the_modules_figure(tree):
    from yifa.petitions import indicators as p

    on_time = matters.petitions(tree)["on_time"]
    measure = registry.compute("petitions.on_time_rate", [tree.township], YEAR)
    assert measure == registry.Measure(p.figures([tree.township], YEAR)["on_time_rate"], 1, 2)
    assert registry.compute("petitions.received", [tree.township], YEAR).value == 3
    entry = registry.INDICATORS["petitions.on_time_rate"]
    assert list(entry.part([tree.township], YEAR)) == [on_time]


def test_legal_review_opinions_adoption_and_adviser_coverage(tree):
    from yifa.legal_review import indicators as lr

    made = matters.legal_reviews(tree)
    adopted, second_village = made["adopted"], made["second_village"]
    assert registry.compute("legal_review.opinions_issued", [tree.township], YEAR).value == 2
    rate = registry.compute("legal_review.adoption_rate", [tree.township], YEAR)
    assert rate == registry.Measure(float(lr.adoption_rate([tree.township], YEAR)), 1, 2) and rate.value == 50.0
    assert list(registry.INDICATORS["legal_review.adoption_rate"].part([tree.township], YEAR)) == [adopted]

    coverage = registry.compute("legal_review.adviser_coverage", [tree.township], YEAR)
    assert coverage == registry.Measure(float(lr.adviser_coverage([tree.township], YEAR)), 1, 2)
    entry = registry.INDICATORS["legal_review.adviser_coverage"]
    assert set(entry.records([tree.township], YEAR)) == {tree.village, second_village}
    assert list(entry.part([tree.township], YEAR)) == [tree.village]


def test_decision_figures_equal_the_modules_own(tree):
    from yifa.decisions import indicators as de

    matters.decision(tree)
    assert registry.compute("decisions.decided", [tree.township], YEAR).value == de.decided([tree.township], YEAR) == 1
    review = registry.compute("decisions.legality_review_rate", [tree.township], YEAR)
    assert review == registry.Measure(float(de.legality_review_rate([tree.township], YEAR)), 1, 1)
    comment = registry.compute("decisions.public_comment_rate", [tree.township], YEAR)
    assert comment.value == float(de.public_comment_rate([tree.township], YEAR)) == 100.0
    assert registry.compute("decisions.decided", [tree.sibling], YEAR).value == 0


def test_normative_document_figures_equal_the_modules_own(tree):
    from yifa.normative_docs import indicators as nd

    made = matters.normative_documents(tree)
    filed, unfiled = made["filed"], made["unfiled"]
    rate = registry.compute("normative_docs.filing_rate", [tree.township], YEAR)
    assert rate == registry.Measure(float(nd.filing_rate([tree.township], YEAR)), 1, 2) and rate.value == 50.0
    entry = registry.INDICATORS["normative_docs.filing_rate"]
    assert set(entry.records([tree.township], YEAR)) == {filed, unfiled}
    assert list(entry.part([tree.township], YEAR)) == [filed]
    review = registry.compute("normative_docs.legality_review_rate", [tree.township], YEAR)
    assert review.value == float(nd.legality_review_rate([tree.township], YEAR)) == 100.0
    assert registry.compute("normative_docs.published", [tree.district], YEAR).value == 2


def test_disclosure_figures_equal_the_modules_own(tree):
    from yifa.disclosure import indicators as di

    on_time = matters.disclosure(tree)["on_time"]
    module = di.figures([tree.township], YEAR)
    rate = registry.compute("disclosure.reply_on_time_rate", [tree.township], YEAR)
    assert rate == registry.Measure(module["reply_on_time_rate"], 1, 2)
    assert list(registry.INDICATORS["disclosure.reply_on_time_rate"].part([tree.township], YEAR)) == [on_time]
    assert registry.compute("disclosure.requests", [tree.township], YEAR).value == module["requests"] == 2
    assert registry.compute("disclosure.publications", [tree.township], YEAR).value == module["publications"] == 1
    assert registry.compute("disclosure.proactive_on_time_rate", [tree.township], YEAR).value == \
        module["proactive_on_time_rate"] == 100.0


def test_a_case_imported_as_reviewed_counts_in_the_review_rate_as_in_the_modules_figure(tree):
    from yifa.enforcement import indicators as en
    from yifa.enforcement.models import EnforcementCase, LegalReview

    matters.enforcement(tree)
    entry = registry.INDICATORS["enforcement.legal_review_rate"]
    before = registry.compute("enforcement.legal_review_rate", [tree.township], YEAR)
    case = list(entry.part([tree.township], YEAR))[0]
    LegalReview.objects.filter(case=case).delete()  # as a case from a ledger: no review record in the platform
    without = registry.compute("enforcement.legal_review_rate", [tree.township], YEAR)
    assert (without.numerator, without.denominator) == (before.numerator - 1, before.denominator)
    EnforcementCase.objects.filter(pk=case.pk).update(imported=True, ledger_reviewed=True)
    after = registry.compute("enforcement.legal_review_rate", [tree.township], YEAR)
    assert after == before and after.value == en.figures([tree.township], YEAR)["review_share"]["rate"]
