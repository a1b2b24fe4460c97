"""Score rules, periods and ranking order: the arithmetic behind every score and rank."""

import datetime as dt
from decimal import Decimal

import pytest

from yifa.indicators.models import IndicatorNode
from yifa.indicators.periods import Period
from yifa.indicators.registry import Measure, percent
from yifa.indicators.values import _ranked, display, score_value

N = IndicatorNode


def node(rule, target, points=4, direction=N.Direction.AT_LEAST, step=None):
    return N(score_rule=rule, target=Decimal(target), points=Decimal(points), direction=direction,
             deduct_step=None if step is None else Decimal(step))


@pytest.mark.parametrize("rule, value, expected", [
    (N.ScoreRule.THRESHOLD, 95, (4, True)),
    (N.ScoreRule.THRESHOLD, 94.9, (0, False)),
    (N.ScoreRule.PROPORTIONAL, 76, (Decimal("3.20"), False)),   # 4 × 76/95
    (N.ScoreRule.PROPORTIONAL, 100, (4, True)),
])
def test_threshold_and_proportional_rules(rule, value, expected):
    assert score_value(node(rule, 95), value) == expected


def test_deduct_rule_takes_points_per_unit_short_of_the_target_down_to_nothing():
    rule = node(N.ScoreRule.DEDUCT, 98, points=10, step=1)
    assert score_value(rule, 95.5) == (Decimal("7.50"), False)
    assert score_value(rule, 70) == (Decimal("0"), False)


def test_a_lower_is_better_target_counts_the_excess():
    late = node(N.ScoreRule.DEDUCT, 0, points=10, direction=N.Direction.AT_MOST, step=1)
    assert score_value(late, 0) == (10, True)
    assert score_value(late, 3) == (Decimal("7.00"), False)
    loss = node(N.ScoreRule.THRESHOLD, 10, points=1, direction=N.Direction.AT_MOST)
    assert score_value(loss, 33.3) == (0, False)


def test_percentages_round_half_up_and_show_without_a_trailing_zero():
    assert percent(170, 172) == 98.8
    assert percent(1, 8) == 12.5
    assert percent(0, 0) is None
    assert display(100.0, "%") == "100%" and display(98.8, "%") == "98.8%" and display(None, "%") == "—"
    assert display(172, "件") == "172件"


def test_ranking_shares_a_rank_on_ties_and_leaves_units_without_data_unranked():
    rows = [{"v": 100}, {"v": 95}, {"v": 95}, {"v": 80}, {"v": None}]
    assert [r["rank"] for r in _ranked(rows, lambda r: r["v"])] == [1, 2, 2, 4, None]


@pytest.mark.parametrize("key, label, start, end", [
    ("2025", "2025年", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
    ("2025-Q1", "2025年第一季度", dt.date(2025, 1, 1), dt.date(2025, 3, 31)),
    ("2024-02", "2024年2月", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
])
def test_periods_parse_from_their_keys(key, label, start, end):
    period = Period.parse(key, default=Period("year", 2000))
    assert (period.label, period.start, period.end, period.key) == (label, start, end, key)


@pytest.mark.parametrize("key", ["", "2025-Q5", "2025-13", "abcd", "1999", "2025-Q"])
def test_a_bad_period_key_falls_back_to_the_default(key):
    assert Period.parse(key, default=Period("year", 2025)) == Period("year", 2025)


def test_a_quarter_has_its_three_months():
    assert [m.key for m in Period("quarter", 2025, 4).months()] == ["2025-10", "2025-11", "2025-12"]


def test_a_measure_from_a_module_figure_keeps_its_counts():
    from yifa.indicators.registry import as_measure

    class Figure:
        value, numerator, denominator = 33.3, 1, 3

    assert as_measure(Figure()) == Measure(33.3, 1, 3)
    assert as_measure(Decimal("50.0")) == Measure(50.0)
    assert as_measure(7) == Measure(7)
