"""Every figure of the registry computed for many units at once (one grouped query per count) and for every month
at once (one query grouped by month) equals the same figure computed unit by unit and month by month, on a
generated city with five years of records in every module: rates, snapshots, units without records included."""

import calendar
import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from yifa.core.models import Org
from yifa.core.testing import make_org
from yifa.indicators import registry, values
from yifa.indicators.periods import Period

from . import matters

D = dt.date
PERIODS = [Period("year", 2025), Period("quarter", 2024, 4), Period("year", 2019)]  # the last: before any record
# Figures the hand-made matters leave empty and the generated city fills (between them, every figure has values).
IN_THE_LOAD_ONLY = {"decisions.catalogues_published", "mediation.screenings", "petitions.satisfaction_rate",
                    "oversight.reconsideration_correction_rate"}


@pytest.fixture
def city(seeded):
    """The tiny generated load up to today (2 区县, 6 乡镇/街道 and their 村/社区, five years of every module), plus an
    empty 区县 with an empty 乡镇."""
    call_command("generate_load", scale="tiny", seed=11, until=D(2025, 11, 20), stdout=open("/dev/null", "w"))
    root = Org.objects.get(kind=Org.Kind.CITY)
    empty = make_org("空区", Org.Kind.COUNTY, root)
    make_org("空镇", Org.Kind.TOWNSHIP, empty)
    return root


def _differences(units, periods) -> tuple[list, set]:
    """Every available figure for all ``units`` at once against unit by unit: (differences, figures that had a
    value or a denominator somewhere)."""
    differences, seen = [], set()
    for code, indicator in registry.available().items():
        assert indicator.grouped is not None, f"{code} has no grouped form"
        for period in periods:
            grouped = indicator.grouped(units, period.bounds)
            for unit in units:
                one = registry.compute(code, [unit], period.bounds)
                if registry.as_measure(grouped[unit.pk]) != one:
                    differences.append((code, period.key, unit.name, grouped[unit.pk], one))
                if one.value or one.denominator:
                    seen.add(code)
    return differences, seen


def _monthly_differences(cases) -> list:
    """Every figure with a monthly form, for each (unit, year, last month), against the months one by one."""
    differences = []
    for code in registry.available():
        for org, year, last in cases:
            by_month = registry.compute_monthly(code, org, (D(year, 1, 1), _month(year, last)[1]))
            if by_month is None:
                continue
            assert sorted(by_month) == list(range(1, last + 1)), code
            for month in range(1, last + 1):
                one = registry.compute(code, [org], _month(year, month))
                if by_month[month] != one:
                    differences.append((code, org.name, f"{year}-{month}", by_month[month], one))
    return differences


def _units(root):
    """The city, every 区县 and 乡镇/街道, and two 村/社区 (a unit's own level and below)."""
    units = list(Org.objects.filter(kind__in=values.COMPARED_KINDS).order_by("path"))
    villages = list(Org.objects.filter(kind__in=[Org.Kind.VILLAGE, Org.Kind.COMMUNITY]).order_by("path")[:2])
    return [root, *units, *villages]


def _month(year: int, month: int):
    return D(year, month, 1), D(year, month, calendar.monthrange(year, month)[1])


@pytest.mark.django_db(transaction=True)
def test_every_figure_for_all_units_at_once_and_by_month_at_once_equals_the_figure_unit_by_unit(city):
    differences, seen = _differences(_units(city), PERIODS)
    assert differences == []
    # A unit and those below it (the dashboard's city and 区县, a 区县's 乡镇/街道): grouped by the ancestor there.
    district = Org.objects.filter(kind=Org.Kind.COUNTY).order_by("path").first()
    for units in ([city, *values.units_below(city)], [district, *values.units_below(district)]):
        assert registry.Units(units).level is not None
        assert _differences(units, PERIODS[:2])[0] == []
    # The comparison means something: figures have values or denominators somewhere.
    assert IN_THE_LOAD_ONLY <= seen, " ".join(sorted(IN_THE_LOAD_ONLY - seen))
    assert len(seen) >= len(registry.available()) - 20, " ".join(sorted(set(registry.available()) - seen))
    township = Org.objects.filter(kind__in=Org.GRASSROOTS).order_by("path").first()
    assert _monthly_differences([(city, 2024, 12), (township, 2025, 11), (Org.objects.get(name="空区"), 2025, 11)]) == []


def test_every_figure_of_matters_made_through_the_modules_is_the_same_at_once_and_unit_by_unit(tree, suggestions):
    for build in matters.BUILDERS:
        build(tree)
    units = [tree.city, tree.district, tree.township, tree.village, tree.sibling, tree.other_district,
             tree.other_township]
    differences, seen = _differences(units, [Period("year", 2025), Period("quarter", 2025, 3), Period("year", 2024)])
    assert differences == []
    for below in ([tree.city, tree.district, tree.other_district], [tree.district, tree.township, tree.sibling],
                  [tree.city, tree.district, tree.township, tree.sibling], [tree.township, tree.village]):
        assert registry.Units(below).level is not None
        assert _differences(below, [Period("year", 2025)])[0] == []
    assert set(registry.available()) - seen <= IN_THE_LOAD_ONLY, " ".join(sorted(set(registry.available()) - seen))
    assert _monthly_differences([(tree.district, 2025, 11), (tree.township, 2025, 11)]) == []


@pytest.mark.django_db(transaction=True)
def test_the_city_dashboard_asks_each_figure_once_for_all_districts(city, client):
    from yifa.core.models import Membership, Role

    overseer = Membership.objects.filter(org=city, role=Role.OVERSEER).first().user
    client.force_login(overseer)
    with CaptureQueriesContext(connection) as grouped_page:
        response = client.get(f"/indicators/?org={city.pk}&period=2024")
    assert response.status_code == 200
    # The same figures as the board computes them unit by unit.
    period, scheme = Period("year", 2024), values.active_scheme()
    board = values.Board(period)
    districts = values.units_below(city)
    ranking = {row["org"].pk: row["score"] for row in response.context["ranking"]}
    for unit in [city, *districts]:
        expected = board.unit_score(scheme, unit)
        got = ranking.get(unit.pk) if unit != city else response.context["own_score"]
        assert [(i.node.pk, i.measure, i.score) for i in got.items] == \
            [(i.node.pk, i.measure, i.score) for i in expected.items], unit.name
    for row in response.context["ranking"]:
        assert row["overdue"].measure == registry.compute("core.deadline_overdue", [row["org"]], period.bounds)
    for card in response.context["cards"]:
        assert card.measure == registry.compute(card.code, [city], period.bounds), card.code
    for figure in response.context["trend"]:
        assert figure.measure == registry.compute(figure.code, [city], figure.period.bounds), figure.period.key
    # Without the grouped forms the page would ask every figure for each of the units; with them, a few per figure.
    figures = len({n.indicator for n in values.scheme_leaves(scheme) if n.is_quantitative}
                  | {code for code, ind in registry.available().items() if ind.key})
    assert len(grouped_page.captured_queries) < 3 * figures + 40
