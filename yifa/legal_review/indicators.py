"""Figures of legality review and legal advisers: pure reads, ``(orgs, period) -> numbers``.

``orgs`` is an iterable of units (each counts with its whole subtree); ``period`` is
``(first_day, last_day)``, both included. ``INDICATORS`` lists them for the
indicator registry, each with the queryset of records behind the figure.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, Sum

from yifa.core.models import Org

from .models import AdviserService, LegalAdviser, ReviewRequest

S = ReviewRequest.Status


def in_orgs(orgs, org_field: str | None = "org") -> Q:
    """Records of the units in ``orgs`` and below (``org_field=None``: the units themselves)."""
    lookup = f"{org_field}__path__startswith" if org_field else "path__startswith"
    q = Q(pk__in=[])
    for org in orgs:
        q |= Q(**{lookup: org.path})
    return q


def rate(part: int, whole: int) -> Decimal | None:
    """A percentage with one decimal (98.8), or None when there is nothing to divide by."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def year_period(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


# ---------------------------------------------------------------- review opinions


def issued_records(orgs, period):
    start, end = period
    return ReviewRequest.objects.filter(in_orgs(orgs), status__in=[S.ISSUED, S.CLOSED],
                                        issued_on__gte=start, issued_on__lte=end)


def opinions_issued(orgs, period) -> int:
    """出具审查意见书份数."""
    return issued_records(orgs, period).count()


def opinions_by_subject(orgs, period) -> dict[str, int]:
    counts = {value: 0 for value in ReviewRequest.Subject.values}
    for subject in issued_records(orgs, period).values_list("subject", flat=True):
        counts[subject] += 1
    return counts


RECORDED = ~Q(adoption="")  # the unit recorded whether it adopted the opinion
ADOPTED = RECORDED & Q(adoption__in=[ReviewRequest.Adoption.ADOPTED, ReviewRequest.Adoption.PARTLY])


def adoption_records(orgs, period):
    return issued_records(orgs, period).filter(RECORDED)


def adoption_rate(orgs, period) -> Decimal | None:
    """审查意见采纳率: 采纳 and 部分采纳 over opinions whose adoption was recorded."""
    recorded = adoption_records(orgs, period)
    return rate(issued_records(orgs, period).filter(ADOPTED).count(), recorded.count())


# ---------------------------------------------------------------- advisers


@dataclass
class Coverage:
    """一村（社区）一法律顾问: which 村/社区 of a 乡镇/街道 have an adviser serving on the day."""

    org: Org
    unit_advisers: list = field(default_factory=list)
    places: list = field(default_factory=list)  # (村/社区, [advisers])

    @property
    def total(self) -> int:
        return len(self.places)

    @property
    def covered(self) -> int:
        return sum(1 for _, advisers in self.places if advisers)

    @property
    def rate(self) -> Decimal | None:
        return rate(self.covered, self.total)

    @property
    def uncovered(self) -> list:
        return [place for place, advisers in self.places if not advisers]


def _serving(on: dt.date):
    return LegalAdviser.objects.filter(Q(serves_until__isnull=True) | Q(serves_until__gte=on),
                                       is_active=True, serves_from__lte=on)


def coverage_of(org: Org, on: dt.date) -> Coverage:
    places = list(Org.objects.filter(path__startswith=org.path, is_active=True,
                                     kind__in=[Org.Kind.VILLAGE, Org.Kind.COMMUNITY]).order_by("sort_order", "name"))
    advisers = list(_serving(on).filter(org__path__startswith=org.path).select_related("org"))
    by_org: dict[int, list] = {}
    for adviser in advisers:
        by_org.setdefault(adviser.org_id, []).append(adviser)
    return Coverage(org=org, unit_advisers=by_org.get(org.pk, []),
                    places=[(place, by_org.get(place.pk, [])) for place in places])


def adviser_coverage(orgs, period) -> Decimal | None:
    """法律顾问覆盖率 (村/社区) on the period's last day."""
    _, end = period
    # Two counts for all units at once (a city has 200 乡镇/街道 and 2,000 村/社区), the same places as
    # coverage_of: the active 村/社区 of the active 乡镇/街道 within ``orgs``.
    places = Org.objects.filter(in_orgs(orgs, "parent"), parent__kind__in=Org.GRASSROOTS, parent__is_active=True,
                                is_active=True, kind__in=[Org.Kind.VILLAGE, Org.Kind.COMMUNITY])
    total = places.count()
    covered = places.filter(pk__in=_serving(end).values("org_id")).count() if total else 0
    return rate(covered, total)


def units_with_adviser(orgs, period) -> tuple[int, int]:
    """(乡镇/街道 with an adviser of their own, 乡镇/街道 in all)."""
    _, end = period
    units = list(Org.objects.filter(in_orgs(orgs, None), kind__in=Org.GRASSROOTS, is_active=True))
    served = {a.org_id for a in _serving(end).filter(org__in=units)}
    return sum(1 for u in units if u.pk in served), len(units)


def service_records(orgs, period):
    start, end = period
    return AdviserService.objects.filter(in_orgs(orgs), served_on__gte=start, served_on__lte=end)


def services_by_kind(orgs, period) -> dict[str, int]:
    totals = {value: 0 for value in AdviserService.Kind.values}
    for row in service_records(orgs, period).values("kind").annotate(n=Sum("count")):
        totals[row["kind"]] = row["n"]
    return totals


def _service(kind):
    return lambda orgs, period: services_by_kind(orgs, period)[kind]


def _service_records(kind):
    return lambda orgs, period: service_records(orgs, period).filter(kind=kind)


K = AdviserService.Kind
INDICATORS = [
    {"code": "legal_review.opinions_issued", "label": "出具合法性审查意见书", "unit": "份",
     "compute": opinions_issued, "records": issued_records},
    {"code": "legal_review.adoption_rate", "label": "审查意见采纳率", "unit": "%",
     "compute": adoption_rate, "records": adoption_records},
    {"code": "legal_review.adviser_coverage", "label": "村（社区）法律顾问覆盖率", "unit": "%",
     "compute": adviser_coverage, "records": None},
    {"code": "legal_review.adviser_disputes", "label": "法律顾问参与矛盾纠纷调处", "unit": "次",
     "compute": _service(K.DISPUTE), "records": _service_records(K.DISPUTE)},
    {"code": "legal_review.adviser_suggestions", "label": "法律顾问提供法律建议", "unit": "条",
     "compute": _service(K.SUGGESTION), "records": _service_records(K.SUGGESTION)},
    {"code": "legal_review.adviser_meetings", "label": "法律顾问列席会议", "unit": "次",
     "compute": _service(K.MEETING), "records": _service_records(K.MEETING)},
]
