"""The indicator registry: every figure the dashboard, the scheme and the yearly report can use, listed
explicitly, ``code -> Indicator(label, unit, compute, drill, ...)``.

Each module exposes pure reads in its own ``indicators.py``; the entries below adapt them to one shape:

- ``compute(orgs, period) -> Measure``: ``orgs`` is a list of units, each counted with its whole subtree;
  ``period`` is ``(first day, last day)``, both included;
- ``records(orgs, period) -> QuerySet``: the rows behind the figure (for a rate, the rows it divides by),
  listed on our records page; ``part`` marks the rows counted above the line;
- ``drill(orgs, period) -> url``: the module's own list, filtered, where it has one;
- ``grouped(units, period) -> {unit id: Measure}``: the same figure for many units at once, from one grouped
  query per count (the rows of all the units grouped by their unit, or by their unit's ancestor one level
  below the unit compared, each group counted in every compared unit it lies in): what the city dashboard
  uses for the city and its ten districts. ``compute`` stays the definition; tests check that both give the
  same figures for every entry;
- ``monthly(org, period) -> {month: Measure}``: the figure of each month of the period for one unit, from one
  query grouped by the month of ``month_field`` (set only where the figure depends on the period through that
  date alone): the dashboard's trend.

``count_entry``/``rate_entry`` (a count of records, a rate of two counts: ``form``) give ``grouped`` and
``monthly`` themselves, and ``compute_many`` takes the counts of many such figures together: records given
as ``Rows`` of a shared base (the period's accepted disputes, the deadlines falling due…) are counted in one
query, a ``COUNT … FILTER`` each. An entry without a grouped form is computed unit by unit (and month by month).

An entry whose module is not installed, or whose module has not yet given the function (``compute`` is
None), stays listed so a scheme can bind to it; it shows as 待接入 and is never computed.
"""

import datetime as dt
import operator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, reduce
from typing import Callable

from django.apps import apps
from django.db.models import Count, Q, QuerySet, Value
from django.db.models.functions import ExtractMonth, StrIndex, Substr
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode

from yifa.core import deadlines
from yifa.core.models import Deadline, StatutoryRule

Period = tuple[dt.date, dt.date]


@dataclass(frozen=True)
class Measure:
    """One computed figure; a rate also carries the counts it divides."""

    value: int | float | None  # None: a rate with nothing to divide by
    numerator: int | None = None
    denominator: int | None = None


@dataclass(frozen=True)
class Indicator:
    label: str
    unit: str  # "%" for a rate, else the counting word: 件, 份, 次, 人, 个
    compute: Callable[[list, Period], Measure] | None = None
    drill: Callable[[list, Period], str] | None = None
    records: Callable[[list, Period], QuerySet] | None = None
    part: Callable[[list, Period], QuerySet] | None = None
    app: str = "yifa.core"
    definition: str = ""  # 统计口径, shown beside the figure
    lower_is_better: bool = False
    snapshot: bool = False  # a figure as of today (e.g. 当前逾期), not of a period: no monthly trend
    key: bool = False  # shown as a card on the dashboard
    date_label: str = ""  # the date column of the records page
    date_field: str = ""
    columns: tuple = field(default_factory=tuple)  # extra (header, attribute) columns on the records page
    grouped: Callable[[list, Period], dict] | None = None  # (units, period) -> {unit id: Measure}
    month_field: str = ""  # the date the period filters on, when the figure depends on the period through it alone
    monthly: Callable[[object, Period], dict] | None = None  # (unit, period) -> {month: Measure}
    form: "Counted | RateOf | None" = None  # the counts the figure is made of, where it is a count or a rate of rows

    def __post_init__(self):
        # A count or a rate of records (Counted, RateOf) gives its grouped and monthly forms itself.
        if self.form is None and isinstance(self.compute, (Counted, RateOf)):
            object.__setattr__(self, "form", self.compute)
        form = self.form
        if self.grouped is None and form is not None:
            object.__setattr__(self, "grouped", form.grouped)
        if self.monthly is None and self.month_field and form is not None:
            month_field = self.month_field
            object.__setattr__(self, "monthly", lambda org, period: form.monthly(org, period, month_field))

    @property
    def is_rate(self) -> bool:
        return self.unit == "%"

    @property
    def module_label(self) -> str:
        try:
            return apps.get_app_config(self.app.rsplit(".", 1)[-1]).verbose_name
        except LookupError:
            return self.app.rsplit(".", 1)[-1]


def percent(part: int, whole: int) -> float | None:
    """A percentage with one decimal, rounded half up (98.75 -> 98.8); None when there is nothing to divide."""
    if not whole:
        return None
    return float((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def as_measure(result) -> Measure:
    """Module functions return a number, a Decimal, a Measure or an object with value/numerator/denominator."""
    if isinstance(result, Measure):
        return result
    if hasattr(result, "value"):
        return Measure(_plain(result.value), getattr(result, "numerator", None), getattr(result, "denominator", None))
    return Measure(_plain(result))


def _plain(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and value.as_tuple().exponent >= 0 else float(value)
    return value


# ---------------------------------------------------------------- many units at once


def outermost(units) -> list:
    """The units not lying within another of them (their subtrees hold every row of the others)."""
    paths = sorted({unit.path for unit in units})
    kept = [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]
    by_path = {unit.path: unit for unit in units}
    return [by_path[p] for p in kept]


class Units(list):
    """Units compared side by side (duplicates dropped), with what counting them by group needs: the outermost
    ones (``roots``: the rows of all lie within them); ``level``, where the units are some units' children and
    units above them (a unit and those below it, as on the dashboard), so rows are grouped by their ancestor at
    that level (a dozen groups); otherwise, for every unit of the tree below them, the compared units it lies in
    (``owners``, read once from the unit tree and shared by every figure of a page), rows grouped by unit."""

    def __init__(self, units=()):
        super().__init__({unit.pk: unit for unit in units}.values())
        self._owners = None

    @classmethod
    def of(cls, units) -> "Units":
        return units if isinstance(units, cls) else cls(units)

    @property
    def roots(self) -> list:
        return outermost(self)

    @property
    def level(self) -> str | None:
        """The path of the one unit whose children are the deepest of these units, when every other one lies
        above those children (None otherwise)."""
        if not self:
            return None
        deepest = max(unit.path.count("/") for unit in self)
        parents = {unit.path[:unit.path.rstrip("/").rfind("/") + 1] for unit in self if unit.path.count("/") == deepest}
        parent = parents.pop() if len(parents) == 1 else None
        if parent and all(unit.path.count("/") == deepest or parent.startswith(unit.path) for unit in self):
            return parent
        return None

    @property
    def owners(self) -> dict[int, tuple[int, ...]]:
        if self._owners is None:
            from yifa.core.models import Org

            wanted = {unit.path: unit.pk for unit in self}
            self._owners = {}
            for pk, path in Org.objects.filter(within(self.roots, None)).values_list("pk", "path"):
                found, end = [], path.find("/", 1)
                while end != -1:
                    if path[:end + 1] in wanted:
                        found.append(wanted[path[:end + 1]])
                    end = path.find("/", end + 1)
                self._owners[pk] = tuple(found)
        return self._owners


def _slash_prefixes(path: str):
    end = path.find("/", 1)
    while end != -1:
        yield path[:end + 1]
        end = path.find("/", end + 1)


def count_grouped(qs: QuerySet, units: Units, field: str | None, aggregates: dict) -> dict[str, dict[int, int]]:
    """Run ``aggregates`` (name -> Count) over ``qs`` grouped by unit, ``{name: {compared unit id: total}}``: each
    group's totals added to every compared unit its rows lie in. ``field`` names the rows' unit (None: the rows are
    units). With ``units.level``, rows are grouped by the path of their ancestor one below that unit (``SUBSTR`` of
    the path up to its next "/"): a dozen groups, every row's compared units among that path's prefixes."""
    totals = {name: {unit.pk: 0 for unit in units} for name in aggregates}
    names = list(aggregates)
    parent = units.level
    if parent is not None:
        path, cut = f"{field}__path" if field else "path", len(parent)
        key = Substr(path, 1, StrIndex(Substr(path, cut + 1), Value("/")) + cut)
        rows = qs.annotate(_unit=key).values_list("_unit").annotate(**aggregates).values_list("_unit", *names)
        wanted = {unit.path: unit.pk for unit in units}
        for unit_path, *counts in rows:
            for prefix in _slash_prefixes(unit_path):
                if prefix in wanted:
                    for name, n in zip(names, counts):
                        totals[name][wanted[prefix]] += n
        return totals
    key, owners = field or "pk", units.owners
    for org_id, *counts in qs.values_list(key).annotate(**aggregates).values_list(key, *names):
        for pk in owners.get(org_id, ()):
            for name, n in zip(names, counts):
                totals[name][pk] += n
    return totals


def _countable(qs: QuerySet) -> tuple[QuerySet, bool]:
    """The queryset without ordering or DISTINCT, and whether its ``count()`` counts distinct rows."""
    qs = qs.order_by()
    distinct = bool(qs.query.distinct)
    assert not qs.query.distinct_fields, "DISTINCT ON cannot be counted by group"
    qs.query.distinct = False
    return qs, distinct


@dataclass(frozen=True)
class Rows:
    """Records given as the rows of ``base(orgs, period)`` that meet ``where``: a Q, or ``(orgs, period) -> Q``,
    on the rows' own columns and single-valued relations only (so it can also be a COUNT's FILTER without
    repeating rows). Counts of records sharing a base are taken together: one grouped query over the base's rows,
    one ``COUNT(*) FILTER (WHERE …)`` each (the 调解 figures, a rate's part and whole…)."""

    base: Callable
    where: object = Q()

    def condition(self, orgs, period) -> Q:
        return self.where(orgs, period) if callable(self.where) else self.where

    def __call__(self, orgs, period) -> QuerySet:
        qs, condition = self.base(orgs, period), self.condition(orgs, period)
        return qs.filter(condition) if condition else qs


def batches_of(requests) -> list[list]:
    """``requests`` of (records, by) in batches counted by one query each: Rows sharing a base and ``by``."""
    batches: dict = {}
    for records, by in dict.fromkeys(requests):
        key = (records.base, by) if isinstance(records, Rows) else (records, by)
        batches.setdefault(key, []).append((records, by))
    return list(batches.values())


def batch_query(batch, orgs, period) -> tuple[QuerySet, dict]:
    """The rows a batch counts (narrowed to those any of its records keeps) and one Count per records."""
    first = batch[0][0]
    if not isinstance(first, Rows):
        qs, distinct = _countable(first(orgs, period))
        return qs, {"n0": Count("pk", distinct=distinct)}
    qs, distinct = _countable(first.base(orgs, period))
    conditions = [records.condition(orgs, period) for records, _by in batch]
    if all(conditions):
        qs = qs.filter(reduce(operator.or_, conditions))
    return qs, {f"n{i}": Count("pk", filter=c or None, distinct=distinct) for i, c in enumerate(conditions)}


def _field(qs: QuerySet, by: str | None) -> str | None:
    return by if by is not None else getattr(qs.model, "scope_org_field", "org")


def count_many(requests, units, period: Period) -> dict[tuple, dict[int, int]]:
    """For every (records, by) of ``requests`` and every unit: ``records([unit], period).count()``, from one
    query per batch (records sharing a base) over all the units, the rows grouped by their unit (``by``: the
    field naming it, by default the model's ``scope_org_field``; None for units themselves) and each group's
    count added to every compared unit it lies in. Exact for every records function of the form "rows lying
    within the units that meet conditions of their own"; tests check each entry of the registry."""
    units = Units.of(units)
    out = {}
    for batch in batches_of(requests) if units else ():
        qs, aggregates = batch_query(batch, units.roots, period)
        totals = count_grouped(qs, units, _field(qs, batch[0][1]), aggregates)
        out.update({request: totals[f"n{i}"] for i, request in enumerate(batch)})
    return out


def count_many_by_month(requests, org, period: Period, month_field: str) -> dict[tuple, dict[int, int]]:
    """For every (records, by) of ``requests``: ``records([org], month).count()`` for every month of ``period``,
    from one query per batch grouped by the month of ``month_field`` (for figures whose only dependence on the
    period is that date falling within it)."""
    out = {}
    for batch in batches_of(requests):
        qs, aggregates = batch_query(batch, [org], period)
        rows = list(qs.annotate(_month=ExtractMonth(month_field)).values_list("_month").annotate(**aggregates)
                    .values_list("_month", *aggregates))
        for i, request in enumerate(batch):
            out[request] = {month: counts[i] for month, *counts in rows}
    return out


def _months(period: Period) -> list[int]:
    return list(range(period[0].month, period[1].month + 1))


class _Form:
    """What Counted and RateOf share: a figure made of counts of records (``counts``) by ``measure``."""

    by: str | None = None

    def grouped(self, units, period) -> dict[int, Measure]:
        units = Units.of(units)
        found = count_many([(records, self.by) for records in self.counts], units, period)
        return {unit.pk: self.measure(*(found[(records, self.by)][unit.pk] for records in self.counts))
                for unit in units}

    def monthly(self, org, period, month_field) -> dict[int, Measure]:
        found = count_many_by_month([(records, self.by) for records in self.counts], org, period, month_field)
        return {month: self.measure(*(found[(records, self.by)].get(month, 0) for records in self.counts))
                for month in _months(period)}


@dataclass(frozen=True)
class Counted(_Form):
    """A count figure whose value is exactly the number of its records (``by``: see ``count_many``)."""

    records: Callable
    by: str | None = None

    @property
    def counts(self) -> tuple:
        return (self.records,)

    def measure(self, n: int) -> Measure:
        return Measure(n)

    def __call__(self, orgs, period):
        return Measure(self.records(orgs, period).count())


@dataclass(frozen=True)
class RateOf(_Form):
    """A rate: ``part`` rows over ``whole`` rows. ``rounding`` is the module's own percentage helper where it has
    one, so the dashboard and the module's pages print the same number."""

    part: Callable
    whole: Callable
    rounding: Callable | None = None
    by: str | None = None

    @property
    def counts(self) -> tuple:
        return (self.part, self.whole)

    def measure(self, n: int, d: int) -> Measure:
        return Measure((self.rounding or percent)(n, d), n, d)

    def __call__(self, orgs, period):
        return self.measure(self.part(orgs, period).count(), self.whole(orgs, period).count())


def counted(records, by: str | None = None) -> Counted:
    """A count figure whose value is exactly the number of its records."""
    return Counted(records, by)


def module_rate(module: str, name: str = "rate") -> Callable:
    """The module's own percentage helper, imported when first used (the module may not be installed)."""

    def rounding(part, whole):
        import importlib

        return _plain(getattr(importlib.import_module(module), name)(part, whole))

    return rounding


def rate_of(part, whole, rounding=None, by: str | None = None) -> RateOf:
    """A rate: ``part`` rows over ``whole`` rows (see ``RateOf``)."""
    return RateOf(part, whole, rounding, by)


def within(orgs, org_field: str | None = "org") -> Q:
    """Rows whose unit (``org_field``; None: units themselves) lies within one of ``orgs``."""
    lookup = f"{org_field}__path__startswith" if org_field else "path__startswith"
    q = Q(pk__in=[])
    for org in orgs:
        q |= Q(**{lookup: org.path})
    return q


def module_url(url_name: str, orgs, period: Period, **params) -> str | None:
    """A module list filtered to the units and period (``org``, ``from``, ``to`` plus ``params``)."""
    try:
        base = reverse(url_name)
    except NoReverseMatch:
        return None
    query = [("from", period[0].isoformat()), ("to", period[1].isoformat())]
    query += [("org", org.pk) for org in orgs] + list(params.items())
    return f"{base}?{urlencode(query)}"


# ---------------------------------------------------------------- core: statutory deadlines of every module


def _deadlines(orgs):
    return Deadline.objects.filter(within(orgs), rule__kind=StatutoryRule.Kind.DEADLINE).select_related("rule", "org")


def _deadlines_due(orgs, period):
    return _deadlines(orgs).filter(due_on__gte=period[0], due_on__lte=period[1])


def _decided(orgs, period) -> Q:
    """The outcome is known: met, late, or open and already past due."""
    return Q(status__in=[Deadline.Status.MET, Deadline.Status.LATE]) | Q(status=Deadline.Status.OPEN,
                                                                         due_on__lt=deadlines.today())


# Deadlines falling due in the period whose outcome is known; of those, the ones met and the ones not met.
deadlines_decided = Rows(_deadlines_due, _decided)
deadlines_met = Rows(_deadlines_due, lambda orgs, period: _decided(orgs, period) & Q(status=Deadline.Status.MET))
deadlines_late = Rows(_deadlines_due, lambda orgs, period: _decided(orgs, period) & ~Q(status=Deadline.Status.MET))


def deadlines_overdue(orgs, period=None):
    """Running deadlines already past their due date, as of today (the 督办 list)."""
    return _deadlines(orgs).filter(status=Deadline.Status.OPEN, due_on__lt=deadlines.today())


# ---------------------------------------------------------------- 人民调解 (yifa.mediation)


def _mediation_cases(orgs, period):
    from yifa.mediation import indicators as m

    return m.accepted_cases(orgs, *period)


@cache
def _mediation(metric) -> Rows:
    """The cases behind one of the module's METRICS (as ``cases_for``): the period's accepted cases meeting its
    condition; the figures of the period's cases are counted together."""

    def where(orgs, period):
        from yifa.mediation import indicators as m

        return m.METRICS[metric].q

    return Rows(_mediation_cases, where)


MEDIATION_RATE = module_rate("yifa.mediation.indicators")


def _screenings(orgs, period):
    from yifa.mediation import indicators as m

    return m.screening_rounds(orgs, *period)


# ---------------------------------------------------------------- 合法性审查、法律顾问 (yifa.legal_review)


def _legal_issued(orgs, period):
    from yifa.legal_review import indicators as lr

    return lr.issued_records(orgs, period)


def _legal_condition(name):
    def where(orgs, period):
        from yifa.legal_review import indicators as lr

        return getattr(lr, name)

    return where


# Opinions issued in the period; those whose adoption was recorded (lr.adoption_records); those adopted.
_legal_opinions = Rows(_legal_issued)
_legal_recorded = Rows(_legal_issued, _legal_condition("RECORDED"))
_legal_adopted = Rows(_legal_issued, _legal_condition("ADOPTED"))


def _legal_places(orgs, period):
    """The active 村（社区） of the active 乡镇/街道 in ``orgs``: the denominator of 法律顾问覆盖率. A 村（社区）
    counts in the units its 乡镇/街道 lies in (hence ``by="parent"`` below: a 村 alone has no places)."""
    from yifa.core.models import Org
    from yifa.legal_review import indicators as lr

    return Org.objects.filter(lr.in_orgs(orgs, "parent"), parent__kind__in=Org.GRASSROOTS, parent__is_active=True,
                              is_active=True, kind__in=[Org.Kind.VILLAGE, Org.Kind.COMMUNITY]).select_related("parent")


def _serving_at_end(orgs, period) -> Q:
    """With an adviser of their own serving on the period's last day (as ``coverage_of`` finds them)."""
    from yifa.legal_review import indicators as lr

    return Q(pk__in=lr._serving(period[1]).values("org_id"))


_legal_all_places, _legal_covered = Rows(_legal_places), Rows(_legal_places, _serving_at_end)


# ---------------------------------------------------------------- 重大行政决策 (yifa.decisions)


@cache
def _decisions(name):
    def records(orgs, period):
        from yifa.decisions import indicators as de

        return getattr(de, name)(orgs, period).select_related("org")

    return records


def _decision_catalogues(orgs, period):
    from yifa.decisions.models import DecisionCatalogue

    return _decisions("catalogue_records")(orgs, period).filter(status=DecisionCatalogue.Status.PUBLISHED)


DECISIONS_RATE = module_rate("yifa.decisions.indicators")
# Decisions needing 公众参与, and those of them put out for public comment (as de.commented_records).
_decisions_participation = Rows(_decisions("participation_required_records"))
_decisions_commented = Rows(_decisions("participation_required_records"), Q(comment_opens_on__isnull=False))


# ---------------------------------------------------------------- 行政规范性文件 (yifa.normative_docs)


@cache
def _normative(name):
    def records(orgs, period):
        from yifa.normative_docs import indicators as nd

        return getattr(nd, name)(orgs, period).select_related("org")

    return records


def _normative_reviewed(orgs, period):
    from yifa.normative_docs import indicators as nd

    return _normative("deliberated_records")(orgs, period).filter(review_conclusion__in=nd.PASSED)


def _normative_corrections(orgs, period):
    from yifa.normative_docs import indicators as nd

    return nd.correction_records(orgs, period).select_related("document__org")


NORMATIVE_RATE = module_rate("yifa.normative_docs.indicators")


def _normative_condition(name):
    def where(orgs, period):
        from yifa.normative_docs import indicators as nd

        found = getattr(nd, name)
        return found() if callable(found) else found

    return where


# Documents published in the period; filed (nd.filed_records), filed on time, with a comment period long enough.
_normative_published = Rows(_normative("published_records"))
_normative_filed = Rows(_normative("published_records"), _normative_condition("FILED"))
_normative_on_time = Rows(_normative("published_records"), _normative_condition("FILED_ON_TIME"))
_normative_commented = Rows(_normative("published_records"), _normative_condition("comment_met"))


# ---------------------------------------------------------------- 政府信息公开 (yifa.disclosure)


@cache
def _disclosure_requests(key):
    def records(orgs, period):
        from yifa.disclosure import indicators as di

        return di.request_records(di.in_orgs(di.InfoRequest, orgs), key, period).select_related("org")

    return records


@cache
def _disclosure_publications(key):
    def records(orgs, period):
        from yifa.disclosure import indicators as di

        return di.publication_records(di.in_orgs(di.ProactiveDisclosure, orgs), key, period).select_related("org")

    return records


# Requests finished in the period and those of them answered on time; publications of the period and those on time.
_disclosure_finished = Rows(_disclosure_requests("finished"))
_disclosure_on_time = Rows(_disclosure_requests("finished"),
                           lambda orgs, period: ~Q(pk__in=_disclosure_requests("late")(orgs, period)))
_publications = Rows(_disclosure_publications("all"))
_publications_on_time = Rows(_disclosure_publications("all"),
                             lambda orgs, period: ~Q(pk__in=_disclosure_publications("late")(orgs, period)))


DISCLOSURE_RATE = module_rate("yifa.disclosure.indicators")


# ---------------------------------------------------------------- 信访 (yifa.petitions)


@cache
def _petitions(key):
    def records(orgs, period):
        from yifa.petitions import indicators as p

        return p.records(p.in_orgs(orgs), key, period)

    return records


PETITIONS_RATE = module_rate("yifa.petitions.indicators")


# Matters concluded in the period and those concluded on time; rated and rated 满意/基本满意.
_petitions_concluded = Rows(_petitions("concluded"))
_petitions_on_time = Rows(_petitions("concluded"),
                          lambda orgs, period: ~Q(pk__in=_petitions("concluded_late")(orgs, period)))
_petitions_rated = Rows(_petitions("rated"))
_petitions_satisfied = Rows(_petitions("rated"), Q(satisfaction__in=["satisfied", "basic"]))


# ---------------------------------------------------------------- 建议提案、复议应诉 (yifa.oversight)
# yifa.oversight.indicators gives figure(code, orgs, period) with its counts, records(code, ...) (a rate's
# denominator) and drill_url(code, ...) (its own list, filtered by unit and period).


@cache
def _oversight(code, numerator: bool = False):
    def records(orgs, period):
        from yifa.oversight import indicators as o

        return o.records(o.RATES[code][1] if numerator else code, orgs, period)

    return records


def _oversight_figure(code):
    def compute(orgs, period):
        from yifa.oversight import indicators as o

        return as_measure(o.figure(code, orgs, period))

    return compute


def _oversight_drill(code):
    def drill(orgs, period):
        from yifa.oversight import indicators as o

        return o.drill_url(code, orgs, period)

    return drill


OVERSIGHT_RATE = module_rate("yifa.oversight.indicators")


def _oversight_entry(code, label, unit="%", month_field="", **extra) -> "Indicator":
    """The module's own figure (``compute``); its grouped and monthly forms count the same records."""
    rate = unit == "%"
    part = _oversight(code, numerator=True) if rate else None
    form = rate_of(part, _oversight(code), OVERSIGHT_RATE) if rate else counted(_oversight(code))
    return Indicator(label, unit, _oversight_figure(code), drill=_oversight_drill(code), records=_oversight(code),
                     part=part, app="yifa.oversight", form=form, month_field=month_field, **extra)


# ---------------------------------------------------------------- 行政执法 (yifa.enforcement)
# The same definitions as yifa.enforcement.indicators.figures(), as querysets so each figure lists its records
# (the module's lists have no unit filter); a test checks that both give the same numbers.

CASE_TYPE = "enforcement.enforcementcase"


_en_rate = module_rate("yifa.enforcement.indicators", "_rate")


def _en_cases_filed(orgs, period):
    from yifa.enforcement.models import EnforcementCase

    return EnforcementCase.objects.filter(within(orgs), filed_on__range=period).select_related("org")


def _en_normal_penalties(orgs, period):
    from yifa.enforcement.models import EnforcementCase as Case

    return Case.objects.filter(within(orgs), decided_on__range=period, procedure=Case.Procedure.NORMAL,
                               decision_kind=Case.DecisionKind.PENALTY).select_related("org")


def _en_reviewed(orgs, period):
    from yifa.enforcement.models import LegalReview

    # A case imported from a ledger counts as reviewed on the ledger's word (no review record predates the platform).
    return _en_normal_penalties(orgs, period).filter(
        Q(reviews__status=LegalReview.Status.DONE, reviews__outcome=LegalReview.Outcome.AGREE)
        | Q(ledger_reviewed=True)).distinct()


def _en_ended_clocks(orgs, period):
    return Deadline.objects.filter(within(orgs), target_type=CASE_TYPE, completed_on__range=period).select_related(
        "rule", "org")


@cache
def _en_clocks(rule_code: str, met_only: bool = False) -> Rows:
    """Statutory clocks of the module's cases that ended in the period (met or late); all counted together."""
    statuses = [Deadline.Status.MET] if met_only else [Deadline.Status.MET, Deadline.Status.LATE]
    return Rows(_en_ended_clocks, Q(rule__code=rule_code, status__in=statuses))


def _en_officers(orgs, period):
    from yifa.enforcement.models import Officer

    return Officer.objects.filter(within(orgs), status=Officer.Status.ACTIVE).select_related("org")


def _holding_certificate(orgs, period) -> Q:
    """A valid 执法证 at the period's end (or today), as ``Officer.certified_on`` has it."""
    from yifa.enforcement import indicators as en

    return en.certified(min(period[1], deadlines.today()))


_en_in_post, _en_certified = Rows(_en_officers), Rows(_en_officers, _holding_certificate)


def _en_reviewers(orgs, period):
    from yifa.enforcement.models import LegalReviewer

    return LegalReviewer.objects.filter(within(orgs), is_active=True).select_related("org")


# 法制审核人员占执法人员比例: reviewers over officers (not a part of them), as a rate of two counts.
_en_reviewer_ratio = rate_of(_en_reviewers, _en_in_post, rounding=_en_rate)


# ---------------------------------------------------------------- 学法与普法 (yifa.training)
# The figures of yifa.training.indicators.study_figures()/outreach_figures(), each from the module's own helpers
# (one figure without computing them all); they drill to the module's lists, which filter by unit and period.


def _training_hours_rate(orgs, period):
    """学时达标率 as yifa.training.indicators.study_figures() computes it, from its 学时 ledger."""
    from yifa.training import indicators as t

    ledger = t.hours_by_cadre(orgs, period)
    met = sum(1 for row in ledger if row["met"])
    return Measure(t.rate(met, len(ledger)), met, len(ledger))


def _training_pass_rate(orgs, period):
    from yifa.training import indicators as t

    sat = t.exam_results(orgs, period).filter(absent=False).select_related("exam")
    passed = sum(1 for result in sat if result.passed)
    return Measure(t.rate(passed, len(sat)), passed, len(sat))


def _training_hours_by_unit(units, period):
    from yifa.training import indicators as t

    return {pk: Measure(t.rate(met, n), met, n) for pk, (met, n) in t.hours_met_by_unit(units, period).items()}


def _training_passed_by_unit(units, period):
    from yifa.training import indicators as t

    return {pk: Measure(t.rate(passed, n), passed, n) for pk, (passed, n) in t.passed_by_unit(units, period).items()}


def _training_records(name):
    def records(orgs, period):
        from yifa.training import indicators as t

        return getattr(t, name)(orgs, period)

    return records


def _training_list(view: str, **params):
    return lambda orgs, period: module_url(f"training:{view}", orgs, period, **params)


# ---------------------------------------------------------------- the registry

def rate_entry(label: str, part, whole, *, rounding=None, by=None, **extra) -> Indicator:
    """A rate whose records page lists its denominator (``whole``), each row marked whether it is in ``part``."""
    return Indicator(label, "%", rate_of(part, whole, rounding=rounding, by=by), records=whole, part=part, **extra)


def count_entry(label: str, unit: str, records, **extra) -> Indicator:
    """A count whose value is exactly the number of its records."""
    return Indicator(label, unit, counted(records), records=records, **extra)


ME, LR, PE, OV = "yifa.mediation", "yifa.legal_review", "yifa.petitions", "yifa.oversight"
EN, DE, ND, DI, TR = "yifa.enforcement", "yifa.decisions", "yifa.normative_docs", "yifa.disclosure", "yifa.training"
LR_RATE = module_rate("yifa.legal_review.indicators")
# The date column of the records page; ``month_field``, where given, is also the only way the figure depends on
# the period (its trend is one query grouped by that date's month; tests check each against the months one by one).
ACCEPTED = {"date_label": "受理日期", "date_field": "accepted_on", "month_field": "accepted_on"}
DUE = {"date_label": "届满日", "date_field": "due_on"}
DECIDED = {"date_label": "决定日期", "date_field": "decided_on", "month_field": "decided_on"}
PUBLISHED = {"date_label": "公布日期", "date_field": "published_on", "month_field": "published_on"}

INDICATORS: dict[str, Indicator] = {
    # core: the statutory clocks every module runs
    "core.deadline_on_time_rate": rate_entry(
        "法定期限按期办结率", deadlines_met, deadlines_decided, key=True, **DUE, month_field="due_on",
        definition="届满日在本期内的法定期限中，在届满日前办结的比例；已届满仍未办结的计为未按期。"),
    "core.deadline_late": count_entry(
        "逾期办结事项", "件", deadlines_late, lower_is_better=True, **DUE, month_field="due_on",
        definition="届满日在本期内、未在届满日前办结的法定期限（含已届满仍在办的）。"),
    "core.deadline_overdue": count_entry(
        "当前逾期未办事项", "件", deadlines_overdue, snapshot=True, key=True, lower_is_better=True, **DUE,
        definition="截至今日已过届满日仍在计时的法定期限，即督办的对象。"),

    # 人民调解
    "mediation.accepted": count_entry("受理矛盾纠纷", "件", _mediation("accepted"), app=ME, key=True, **ACCEPTED),
    "mediation.success": count_entry("调解成功", "件", _mediation("success"), app=ME, **ACCEPTED),
    "mediation.success_rate": rate_entry(
        "调解成功率", _mediation("success"), _mediation("accepted"), rounding=MEDIATION_RATE, app=ME, key=True,
        definition="本期受理的纠纷中达成书面或口头调解协议的比例（人民调解法未定口径，本地设定）。", **ACCEPTED),
    "mediation.mediation_rate": rate_entry(
        "调解率", _mediation("mediated"), _mediation("accepted"), rounding=MEDIATION_RATE, app=ME,
        definition="本期受理的纠纷中进入调解的比例。", **ACCEPTED),
    "mediation.on_time_rate": rate_entry(
        "纠纷按期调结率", _mediation("on_time"), _mediation("concluded"), rounding=MEDIATION_RATE, app=ME,
        definition="本期受理且已调结的纠纷中在调解期限内调结的比例（人民调解工作若干规定第三十三条）。", **ACCEPTED),
    "mediation.screenings": count_entry("矛盾纠纷排查", "次", _screenings, app=ME, date_label="排查日期",
                                        date_field="held_on", month_field="held_on"),

    # 合法性审查、法律顾问
    "legal_review.opinions_issued": count_entry(
        "出具合法性审查意见书", "份", _legal_opinions, app=LR, key=True, date_label="出具日期",
        date_field="issued_on", month_field="issued_on"),
    "legal_review.adoption_rate": rate_entry(
        "审查意见采纳率", _legal_adopted, _legal_recorded, rounding=LR_RATE, app=LR,
        definition="已记录采纳情况的审查意见中采纳或部分采纳的比例。", date_label="出具日期", date_field="issued_on",
        month_field="issued_on"),
    "legal_review.adviser_coverage": rate_entry(
        "村（社区）法律顾问覆盖率", _legal_covered, _legal_all_places, rounding=LR_RATE, by="parent", app=LR,
        drill=lambda orgs, period: module_url("legal_review:adviser_list", orgs, period),
        definition="期末（本期最后一日）有在聘法律顾问的村（社区）占村（社区）总数的比例（一村一法律顾问）。"),

    # 信访
    "petitions.received": count_entry("登记信访事项", "件", _petitions("received"), app=PE, key=True,
                                      date_label="收到日期", date_field="received_on", month_field="received_on"),
    "petitions.on_time_rate": rate_entry(
        "信访事项按期办结率", _petitions_on_time, _petitions_concluded, rounding=PETITIONS_RATE, app=PE, key=True,
        definition="本期办结的信访事项中在60日（经批准延长的90日）内办结的比例（信访工作条例第三十四条）。",
        date_label="办结日期", date_field="replied_on", month_field="replied_on"),
    "petitions.satisfaction_rate": rate_entry(
        "信访群众满意率", _petitions_satisfied, _petitions_rated, rounding=PETITIONS_RATE, app=PE,
        month_field="satisfaction_on",
        definition="本期参评的信访事项中评价为满意或基本满意的比例。"),

    # 建议提案、复议应诉
    "oversight.suggestions": _oversight_entry("suggestions", "承办代表建议和政协提案", "件", month_field="assigned_on"),
    "oversight.suggestion_on_time_rate": _oversight_entry(
        "suggestion_on_time_rate", "代表建议、政协提案按时办复率",
        definition="交办的主办建议中按期答复的比例（3个月，经同意延长的6个月；代表法第五十一条）。"),
    "oversight.suggestion_satisfaction_rate": _oversight_entry("suggestion_satisfaction_rate", "代表委员满意率",
                                                                 month_field="assigned_on"),
    "oversight.reconsiderations": _oversight_entry("reconsiderations", "被申请行政复议", "件", month_field="received_on"),
    "oversight.reconsideration_reply_rate": _oversight_entry(
        "reconsideration_reply_rate", "行政复议按时答复率",
        definition="被申请行政复议的案件中在10个工作日内提出书面答复的比例（行政复议法第四十八条）。"),
    "oversight.reconsideration_correction_rate": _oversight_entry(
        "reconsideration_correction_rate", "行政复议被纠错率", lower_is_better=True, month_field="decided_on"),
    "oversight.litigations": _oversight_entry("litigations", "行政应诉案件", "件", month_field="received_on"),
    "oversight.litigation_reply_rate": _oversight_entry("litigation_reply_rate", "行政应诉按时答辩率"),
    "oversight.litigation_loss_rate": _oversight_entry("litigation_loss_rate", "行政诉讼败诉率", lower_is_better=True,
                                                         month_field="decided_on"),
    "oversight.head_appearance_rate": _oversight_entry(
        "head_appearance_rate", "行政机关负责人出庭应诉率",
        definition="开庭审理的行政诉讼案件中行政机关负责人出庭应诉的比例。"),
    "oversight.letter_on_time_rate": _oversight_entry("letter_on_time_rate", "复议意见书、司法建议按时回复率"),

    # 行政执法
    "enforcement.cases": count_entry("行政处罚案件立案", "件", _en_cases_filed, app=EN, key=True,
                                     date_label="立案日期", date_field="filed_on", month_field="filed_on"),
    "enforcement.case_on_time_rate": rate_entry(
        "行政处罚案件按期办结率", _en_clocks("enforcement.case", met_only=True), _en_clocks("enforcement.case"),
        rounding=_en_rate, app=EN, **DUE, month_field="completed_on",
        definition="本期办结的普通程序案件中在立案之日起90日（经批准延长的）内作出决定的比例（行政处罚法第六十条）。"),
    "enforcement.publicity_on_time_rate": rate_entry(
        "行政执法决定按时公示率", _en_clocks("enforcement.publicity", met_only=True),
        _en_clocks("enforcement.publicity"), rounding=_en_rate, app=EN, **DUE, month_field="completed_on",
        definition="本期公示的行政处罚决定中在作出决定之日起7个工作日内公示的比例（国办发〔2018〕118号）。"),
    "enforcement.legal_review_rate": rate_entry(
        "重大执法决定法制审核率", _en_reviewed, _en_normal_penalties, rounding=_en_rate, app=EN, **DECIDED,
        definition="本期以普通程序作出的行政处罚决定中经法制审核（同意）的比例（行政处罚法第五十八条）。"),
    "enforcement.certified_rate": rate_entry(
        "行政执法人员持证率", _en_certified, _en_in_post, rounding=_en_rate, app=EN,
        definition="在岗执法人员中于期末（或今日）持有有效执法证件的比例（行政处罚法第四十二条）。"),
    "enforcement.reviewer_ratio": Indicator(
        "法制审核人员占执法人员比例", "%", _en_reviewer_ratio, records=_en_reviewers, app=EN,
        drill=lambda orgs, period: module_url("enforcement:officer_list", orgs, period),
        definition="在岗法制审核人员数与在岗执法人员数之比；下表列出法制审核人员。"),

    # 重大行政决策
    "decisions.decided": count_entry("作出重大行政决策（含“三重一大”事项）", "项", _decisions("decided_records"),
                                     app=DE, **DECIDED),
    "decisions.legality_review_rate": rate_entry(
        "重大行政决策合法性审查率", _decisions("legality_reviewed_records"), _decisions("decided_records"),
        rounding=DECISIONS_RATE, app=DE, **DECIDED,
        definition="本期作出的决策中经合法性审查后讨论决定的比例（重大行政决策程序暂行条例第二十五条）。"),
    "decisions.public_comment_rate": rate_entry(
        "重大行政决策公开征求意见率", _decisions_commented, _decisions_participation,
        rounding=DECISIONS_RATE, app=DE, **DECIDED,
        definition="本期作出、须公众参与的决策中向社会公开征求意见的比例（条例第十四至十六条）。"),
    "decisions.catalogues_published": count_entry(
        "决策事项目录公布", "个", _decision_catalogues, app=DE,
        definition="本年度重大行政决策事项目录经同级党委同意后公布的个数（条例第三条）。"),

    # 行政规范性文件
    "normative_docs.published": count_entry("制定公布行政规范性文件", "件", _normative_published, app=ND,
                                            **PUBLISHED),
    "normative_docs.filing_rate": rate_entry(
        "规范性文件报备率", _normative_filed, _normative_published, rounding=NORMATIVE_RATE,
        app=ND, **PUBLISHED, definition="本期公布的规范性文件中已报送备案的比例（示范指标体系三级指标第27项）。"),
    "normative_docs.filing_on_time_rate": rate_entry(
        "规范性文件报备及时率", _normative_on_time, _normative_filed, rounding=NORMATIVE_RATE,
        app=ND, **PUBLISHED, definition="本期公布并已报备的规范性文件中在规定时限内报备的比例。"),
    "normative_docs.legality_review_rate": rate_entry(
        "规范性文件合法性审核率", _normative_reviewed, _normative("deliberated_records"), rounding=NORMATIVE_RATE,
        app=ND, date_label="审议日期", date_field="deliberated_on", month_field="deliberated_on",
        definition="本期集体审议的规范性文件中经合法性审核（合法或修改后合法）的比例（国办发〔2018〕37号）。"),
    "normative_docs.comment_rate": rate_entry(
        "规范性文件公开征求意见达标率", _normative_commented, _normative_published,
        rounding=NORMATIVE_RATE, app=ND, **PUBLISHED,
        definition="本期公布的规范性文件中征求意见期不少于7个工作日（涉及市场主体的不少于30日）的比例。"),
    "normative_docs.corrections": count_entry("备案审查纠错", "件", _normative_corrections, app=ND,
                                              lower_is_better=True, date_label="责令纠正日期", date_field="ordered_on",
                                              month_field="ordered_on"),

    # 政府信息公开
    "disclosure.requests": count_entry("受理政府信息公开申请", "件", _disclosure_requests("new"), app=DI,
                                       date_label="收到日期", date_field="received_on", month_field="received_on"),
    "disclosure.reply_on_time_rate": rate_entry(
        "政府信息公开申请按时答复率", _disclosure_on_time, _disclosure_finished, rounding=DISCLOSURE_RATE,
        app=DI, date_label="答复日期", date_field="replied_on", month_field="replied_on",
        definition="本期办结的申请中在20个工作日（经批准延长的40个工作日，补正、征求第三方意见期间不计）内答复的比例"
                   "（政府信息公开条例第三十三条）。"),
    "disclosure.publications": count_entry("主动公开政府信息", "条", _publications, app=DI,
                                           date_label="公开日期", date_field="published_on", month_field="published_on"),
    "disclosure.proactive_on_time_rate": rate_entry(
        "主动公开及时率", _publications_on_time, _publications, rounding=DISCLOSURE_RATE, app=DI,
        date_label="公开日期", date_field="published_on", month_field="published_on",
        definition="本期主动公开的信息中在形成或变更之日起20个工作日内公开的比例（第二十六条）。"),

    # 学法与普法
    "training.study_hours_rate": Indicator(
        "干部学法学时达标率", "%", _training_hours_rate, drill=_training_list("hours", below="1"), app=TR,
        grouped=_training_hours_by_unit,
        definition="在岗学法人员中本年学法学时达到本单位年度目标（默认60学时）的比例。"),
    "training.exam_pass_rate": Indicator(
        "学法考试合格率", "%", _training_pass_rate, drill=_training_list("exam_list"), app=TR,
        grouped=_training_passed_by_unit,
        definition="参加学法考试（缺考除外）的人次中成绩合格的比例。"),
    "training.study_sessions": Indicator("学法活动", "次", counted(_training_records("sessions")),
                                         drill=_training_list("session_list"), app=TR, month_field="held_on"),
    "training.activities": Indicator("开展普法活动", "场", counted(_training_records("activities")),
                                     drill=_training_list("activity_list"), app=TR, key=True, month_field="held_on"),
}


def is_installed(indicator: Indicator) -> bool:
    return indicator.app == "yifa.core" or apps.is_installed(indicator.app)


def is_available(code: str) -> bool:
    indicator = INDICATORS.get(code)
    return indicator is not None and indicator.compute is not None and is_installed(indicator)


def available() -> dict[str, Indicator]:
    """The entries that can be computed in this deployment, in registry order."""
    return {code: ind for code, ind in INDICATORS.items() if is_available(code)}


def status_text(code: str) -> str:
    """Why an entry cannot be computed (empty when it can)."""
    indicator = INDICATORS.get(code)
    if indicator is None:
        return "未知指标代码"
    if not is_installed(indicator):
        return "所属模块未启用"
    if indicator.compute is None:
        return "待接入（模块尚未提供计算）"
    return ""


def compute(code: str, orgs, period: Period) -> Measure | None:
    """The figure for ``orgs`` (each with its subtree) over ``period``; None when the entry is not available."""
    if not is_available(code):
        return None
    return as_measure(INDICATORS[code].compute(list(orgs), period))


def compute_grouped(code: str, units, period: Period) -> dict[int, Measure | None]:
    """The figure for each of ``units`` (each with its subtree), ``{unit id: Measure}``: from the entry's grouped
    form (one query per count for all of them) where it gives one, else unit by unit."""
    units = Units.of(units)
    indicator = INDICATORS.get(code)
    if not is_available(code) or indicator.grouped is None or len(units) < 2:
        return {unit.pk: compute(code, [unit], period) for unit in units}
    found = indicator.grouped(units, period)
    return {unit.pk: as_measure(found[unit.pk]) for unit in units}


def compute_many(codes, units, period: Period) -> dict[str, dict[int, Measure | None]]:
    """Several figures for each of ``units``, ``{code: {unit id: Measure}}``: the counts of all the figures that are
    counts or rates of records taken together (one query per batch of records sharing a base, see ``count_many``),
    the others each by its grouped form."""
    units = Units.of(units)
    out, forms = {}, {}
    for code in dict.fromkeys(codes):
        indicator = INDICATORS.get(code)
        if is_available(code) and indicator.form is not None:
            forms[code] = indicator.form
        else:
            out[code] = compute_grouped(code, units, period)
    found = count_many([(records, form.by) for form in forms.values() for records in form.counts], units, period)
    for code, form in forms.items():
        out[code] = {unit.pk: form.measure(*(found[(records, form.by)][unit.pk] for records in form.counts))
                     for unit in units}
    return out


def compute_monthly(code: str, org, period: Period) -> dict[int, Measure] | None:
    """The figure of each month of ``period`` (within one year) for ``org``, ``{month: Measure}``, from one query
    grouped by month; None when the entry has no such form (its months are then computed one by one)."""
    indicator = INDICATORS.get(code)
    if not is_available(code) or indicator.monthly is None:
        return None
    return {month: as_measure(measure) for month, measure in indicator.monthly(org, period).items()}
