"""Values per unit per period, scores against the scheme's targets, rankings and monthly trends: pure reads.

A ``Board`` computes for one period and remembers what it computed, so a page that shows the same
figure in a card, a score and a ranking asks the registers once. ``Board.prefetch`` computes figures for
many units together (one grouped query per batch of counts, see ``registry.compute_many``): the city dashboard
asks for the city and its districts at once instead of unit by unit; the trend asks one query grouped by
month where the figure allows it.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from yifa.core import deadlines
from yifa.core.models import Org

from . import registry
from .models import IndicatorNode, IndicatorScheme, ItemScore
from .periods import Period

TWO = Decimal("0.01")
COMPARED_KINDS = (Org.Kind.COUNTY, Org.Kind.TOWNSHIP, Org.Kind.SUBDISTRICT)


def active_scheme() -> IndicatorScheme | None:
    return IndicatorScheme.objects.filter(status=IndicatorScheme.Status.ACTIVE).first()


def units_below(org: Org) -> list[Org]:
    """The units an overseer of ``org`` compares: its 区县 (for a 市) or its 乡镇/街道 (for a 区县)."""
    return list(org.children.filter(is_active=True, kind__in=COMPARED_KINDS).order_by("sort_order", "name"))


def with_units_below(units: list[Org]) -> set[int]:
    """The ids of those of ``units`` that have units to compare below them (one query for all)."""
    return set(Org.objects.filter(parent__in=units, is_active=True, kind__in=COMPARED_KINDS)
               .values_list("parent_id", flat=True))


def display(value, unit: str = "") -> str:
    """98.8% / 172件 / — ; whole numbers without a trailing .0."""
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, Decimal):
        value = value.normalize()
        text = f"{value:f}"
    else:
        text = f"{value:g}" if isinstance(value, float) else str(value)
    return f"{text}{unit}"


# ---------------------------------------------------------------- scoring


@dataclass
class ItemResult:
    """One leaf of the scheme for one unit: its figure, whether it meets the target, and its score."""

    node: IndicatorNode
    measure: registry.Measure | None = None
    score: Decimal | None = None  # None: not counted (pending, or not available)
    counted: bool = True  # counts towards the maximum
    met: bool | None = None
    note: str = ""
    manual: ItemScore | None = None

    @property
    def value(self):
        return self.measure.value if self.measure else None


def score_value(node: IndicatorNode, value) -> tuple[Decimal, bool]:
    """Apply the node's score rule to a figure: (score, meets the target)."""
    points, target = node.points, node.target if node.target is not None else Decimal("0")
    value = Decimal(str(value))
    lower = node.direction == IndicatorNode.Direction.AT_MOST
    met = value <= target if lower else value >= target
    if met:
        return points, True
    if node.score_rule == IndicatorNode.ScoreRule.PROPORTIONAL:
        ratio = (target / value) if lower else (value / target if target else Decimal("1"))
        score = points * min(ratio, Decimal("1"))
    elif node.score_rule == IndicatorNode.ScoreRule.DEDUCT:
        shortfall = (value - target) if lower else (target - value)
        score = max(Decimal("0"), points - (node.deduct_step or Decimal("0")) * shortfall)
    else:
        score = Decimal("0")
    return score.quantize(TWO, rounding=ROUND_HALF_UP), False


@dataclass
class UnitScore:
    org: Org
    items: list[ItemResult] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((i.score for i in self.items if i.score is not None), Decimal("0")).quantize(TWO)

    @property
    def maximum(self) -> Decimal:
        return sum((i.node.points for i in self.items if i.counted), Decimal("0")).quantize(TWO)

    @property
    def scored_maximum(self) -> Decimal:
        """The points of the items that have a score (qualitative items not yet scored left out)."""
        return sum((i.node.points for i in self.items if i.score is not None), Decimal("0")).quantize(TWO)

    @property
    def rate(self) -> float | None:
        """得分率: the score as a share of the points of the items scored so far, so units with different
        maxima, or with qualitative items still to be scored, compare fairly."""
        return registry.percent(self.total, self.scored_maximum) if self.scored_maximum else None

    @property
    def pending(self) -> int:
        return sum(1 for i in self.items if i.counted and i.score is None)

    def subtotal(self, top: IndicatorNode) -> tuple[Decimal | None, Decimal]:
        """(score, maximum) of the leaves under one 一级 node; the score is None while none of them is scored."""
        items = [i for i in self.items if top.pk in i.node.ancestor_ids]
        scores = [i.score for i in items if i.score is not None]
        maximum = sum((i.node.points for i in items if i.counted), Decimal("0"))
        return (sum(scores, Decimal("0")).quantize(TWO) if scores else None), maximum.quantize(TWO)


class Board:
    """Figures for one period, computed on demand and remembered."""

    def __init__(self, period: Period):
        self.period = period
        self._values: dict[tuple, registry.Measure | None] = {}
        self._schemes: dict[int, list[IndicatorNode]] = {}
        self._manual: dict[tuple, dict] = {}
        self._units: dict[tuple, registry.Units] = {}

    def measure(self, code: str, org: Org, period: Period | None = None) -> registry.Measure | None:
        period = period or self.period
        key = (code, org.pk, period.key)
        if key not in self._values:
            self._values[key] = registry.compute(code, [org], period.bounds)
        return self._values[key]

    def prefetch(self, codes, units: list[Org], period: Period | None = None) -> None:
        """Compute ``codes`` for all ``units`` now, all at once (one grouped query per batch of counts sharing their
        rows, see ``registry.compute_many``), so ``measure`` then answers from memory."""
        period = period or self.period
        units = list({unit.pk: unit for unit in units}.values())
        by_units: dict[tuple, list[str]] = {}
        for code in dict.fromkeys(codes):
            missing = tuple(unit for unit in units if (code, unit.pk, period.key) not in self._values)
            if missing:
                by_units.setdefault(missing, []).append(code)
        for missing, wanted in by_units.items():
            key = tuple(unit.pk for unit in missing)
            if key not in self._units:  # the unit tree read at most once for the figures of the same units
                self._units[key] = registry.Units(missing)
            for code, measures in registry.compute_many(wanted, self._units[key], period.bounds).items():
                for pk, measure in measures.items():
                    self._values[(code, pk, period.key)] = measure

    def trend(self, code: str, org: Org) -> list[tuple[Period, registry.Measure | None]]:
        """Month by month through the period's year, up to the current month (one query grouped by month where
        the figure allows it, else month by month)."""
        today = deadlines.today()
        year = Period("year", self.period.year)
        months = [m for m in year.months() if m.start <= today]
        if months and any((code, org.pk, m.key) not in self._values for m in months):
            by_month = registry.compute_monthly(code, org, (year.start, months[-1].end))
            for m in months if by_month is not None else ():
                self._values.setdefault((code, org.pk, m.key), by_month[m.n])
        return [(m, self.measure(code, org, m)) for m in months]

    def prefetch_scores(self, scheme: IndicatorScheme, units: list[Org]) -> None:
        """The scheme's figures and the qualitative items' scores of all ``units``, each asked once for all."""
        self.prefetch([n.indicator for n in self.leaves(scheme) if n.is_quantitative], units)
        wanted = [unit for unit in units if (scheme.pk, unit.pk) not in self._manual]
        if not wanted:
            return
        for unit in wanted:
            self._manual[(scheme.pk, unit.pk)] = {}
        for item in ItemScore.objects.filter(node__scheme=scheme, org__in=wanted, year=self.period.year):
            self._manual[(scheme.pk, item.org_id)][item.node_id] = item

    def _manual_scores(self, scheme: IndicatorScheme, org: Org) -> dict:
        if (scheme.pk, org.pk) not in self._manual:
            self._manual[(scheme.pk, org.pk)] = {
                s.node_id: s for s in ItemScore.objects.filter(node__scheme=scheme, org=org, year=self.period.year)}
        return self._manual[(scheme.pk, org.pk)]

    def leaves(self, scheme: IndicatorScheme) -> list[IndicatorNode]:
        if scheme.pk not in self._schemes:
            self._schemes[scheme.pk] = scheme_leaves(scheme)
        return self._schemes[scheme.pk]

    def unit_score(self, scheme: IndicatorScheme, org: Org) -> UnitScore:
        manual = self._manual_scores(scheme, org)
        result = UnitScore(org)
        for node in self.leaves(scheme):
            item = ItemResult(node)
            if node.is_qualitative:
                item.manual = manual.get(node.pk)
                if item.manual:
                    item.score, item.note = item.manual.score, item.manual.note
                else:
                    item.note = "待上级评分"
            elif not registry.is_available(node.indicator):
                item.counted, item.note = False, registry.status_text(node.indicator) + "，不计分"
            else:
                item.measure = self.measure(node.indicator, org)
                if item.value is None:
                    if scheme.no_data == IndicatorScheme.NoData.FULL:
                        item.score, item.note = node.points, "本期无此项业务，按满分计"
                    else:
                        item.counted, item.note = False, "本期无此项业务，不计入"
                else:
                    item.score, item.met = score_value(node, item.value)
                    item.note = "达标" if item.met else f"未达目标（{node.target_text}）"
            result.items.append(item)
        return result

    def ranking(self, code: str, units: list[Org]) -> list[dict]:
        """Units ordered by one figure (best first; no data last), with shared ranks for ties."""
        lower = registry.INDICATORS[code].lower_is_better
        self.prefetch([code], units)
        rows = [{"org": org, "measure": self.measure(code, org)} for org in units]
        rows.sort(key=lambda r: (r["measure"] is None or r["measure"].value is None,
                                 _key(r["measure"], lower), r["org"].path))
        return _ranked(rows, lambda r: None if r["measure"] is None else r["measure"].value)

    def score_ranking(self, scheme: IndicatorScheme, units: list[Org]) -> list[dict]:
        self.prefetch_scores(scheme, units)
        rows = [{"org": org, "score": self.unit_score(scheme, org)} for org in units]
        rows.sort(key=lambda r: (-(r["score"].rate or 0), -r["score"].total, r["org"].path))
        return _ranked(rows, lambda r: (r["score"].rate, r["score"].total))


def _key(measure, lower: bool):
    if measure is None or measure.value is None:
        return 0
    return measure.value if lower else -measure.value


def _ranked(rows: list[dict], value_of) -> list[dict]:
    """Competition ranking (1, 2, 2, 4); rows without a figure get no rank."""
    previous, rank = object(), 0
    for position, row in enumerate(rows, 1):
        value = value_of(row)
        if value is None:
            row["rank"] = None
            continue
        if value != previous:
            rank, previous = position, value
        row["rank"] = rank
    return rows


def scheme_tree(scheme: IndicatorScheme) -> list[IndicatorNode]:
    """Every node in tree order, each with ``ancestor_ids`` (nearest first) set."""
    nodes = list(scheme.nodes.order_by("sort_order"))
    parents = {n.pk: n.parent_id for n in nodes}
    for node in nodes:
        node.ancestor_ids, parent = [], node.parent_id
        while parent:
            node.ancestor_ids.append(parent)
            parent = parents[parent]
    return nodes


def scheme_leaves(scheme: IndicatorScheme) -> list[IndicatorNode]:
    """The scored items in tree order."""
    return [n for n in scheme_tree(scheme) if n.is_leaf]


def targets_by_code(scheme: IndicatorScheme | None) -> dict[str, IndicatorNode]:
    """The scheme's item bound to each registry code (the first, where several bind the same code)."""
    if scheme is None:
        return {}
    found = {}
    for node in scheme.nodes.filter(kind=IndicatorNode.Kind.QUANTITATIVE).order_by("sort_order"):
        found.setdefault(node.indicator, node)
    return found
