"""行政执法 figures: pure reads, ``(orgs, period) -> numbers``, each with the query string of its records.

``period`` is ``(first_day, last_day)``. Every figure that counts records carries ``drill``: the
filter of the staff list that shows exactly those records (the figure's drill-down).
"""

import datetime as dt
from collections import Counter
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Q, Sum
from django.urls import reverse

from yifa.core import deadlines
from yifa.core.models import Org
from yifa.core.models.deadlines import Deadline

from .models import EnforcementCase, Inspection, LegalReview, LegalReviewer, Officer, Publication, RandomDraw

Case = EnforcementCase
CASE_TYPE = "enforcement.enforcementcase"


def orgs_of(user) -> list[Org]:
    """The 执法主体 whose figures the user may see: the 乡镇/街道 (and 区县) in their scope."""
    units = Org.objects.visible_to(user).filter(kind__in=[*Org.GRASSROOTS, Org.Kind.COUNTY, Org.Kind.CITY])
    return list(units.order_by("path"))


def _in(orgs, field: str = "org") -> Q:
    q = Q(pk__in=[])
    paths = sorted({o.path for o in orgs})
    for path in paths:
        if not any(path != p and path.startswith(p) for p in paths):
            q |= Q(**{f"{field}__path__startswith": path})
    return q


def _rate(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _url(name: str, **params) -> str:
    return reverse(name) + "?" + urlencode({k: v for k, v in params.items() if v not in (None, "")})


def certified(day: dt.date) -> Q:
    """``Officer.certified_on(day)`` as a condition on the rows: in post and holding a 执法证 valid on ``day``."""
    return (Q(status=Officer.Status.ACTIVE, expires_on__isnull=False, expires_on__gte=day) & ~Q(cert_number="")
            & (Q(issued_on__isnull=True) | Q(issued_on__lte=day)))


def certification(officers, day: dt.date) -> dict:
    """持证率: in-post officers holding a valid 执法证 on ``day``, over all in-post officers."""
    active = [o for o in officers if o.status == Officer.Status.ACTIVE]
    certified = [o for o in active if o.certified_on(day)]
    return {
        "officers": len(active), "certified": len(certified), "rate": _rate(len(certified), len(active)),
        "expiring": sum(1 for o in certified if o.expires_soon(day)),
        "invalid": len(active) - len(certified),
    }


def figures(orgs, period) -> dict:
    """Every figure of the module for ``orgs`` over ``period`` (cases filed/decided, inspections done in it)."""
    first, last = period
    scope = _in(orgs)
    span = {"start": first.isoformat(), "end": last.isoformat()}
    cases = Case.objects.filter(scope)
    filed = cases.filter(filed_on__range=period)
    decided = cases.filter(decided_on__range=period)
    normal_decided = decided.filter(procedure=Case.Procedure.NORMAL)

    by_status = Counter(filed.values_list("status", flat=True))
    stages = [{"code": code, "label": label, "count": by_status.get(code, 0),
               "drill": _url("enforcement:case_list", status=code, **span)} for code, label in Case.Status.choices]
    by_domain = Counter(filed.values_list("power__domain", flat=True))
    domains = [{"label": d or "未分类", "count": n, "drill": _url("enforcement:case_list", domain=d, **span)}
               for d, n in by_domain.most_common()]
    by_power = Counter(filed.values_list("power__name", "power_id"))
    powers = [{"label": name, "count": n, "drill": _url("enforcement:case_list", power=pk, **span)}
              for (name, pk), n in by_power.most_common(10)]

    # On time: the 90日 clock (with approved extensions) of normal-procedure cases finished in the period.
    clocks = Deadline.objects.filter(target_type=CASE_TYPE, rule__code="enforcement.case",
                                     status__in=[Deadline.Status.MET, Deadline.Status.LATE],
                                     completed_on__range=period).filter(scope)
    met = clocks.filter(status=Deadline.Status.MET).count()
    late = clocks.filter(status=Deadline.Status.LATE).count()
    overdue_open = Deadline.objects.filter(scope, target_type=CASE_TYPE, rule__code="enforcement.case",
                                           status__in=Deadline.ACTIVE, due_on__lt=deadlines.today())

    reviews_done = LegalReview.objects.filter(_in(orgs, "case__org"), status=LegalReview.Status.DONE,
                                              reviewed_at__date__range=period)
    # A case imported from a ledger counts as reviewed on the ledger's word (no review record predates the platform).
    reviewed_cases = normal_decided.filter(decision_kind=Case.DecisionKind.PENALTY).filter(
        Q(reviews__status=LegalReview.Status.DONE, reviews__outcome=LegalReview.Outcome.AGREE)
        | Q(ledger_reviewed=True)).distinct().count()
    normal_penalties = normal_decided.filter(decision_kind=Case.DecisionKind.PENALTY).count()

    penalties = decided.filter(decision_kind=Case.DecisionKind.PENALTY).exclude(status=Case.Status.REVOKED)
    money = penalties.aggregate(fines=Sum("fine_amount"), confiscated=Sum("confiscation_amount"))

    officers = list(Officer.objects.filter(scope))
    certificate = certification(officers, min(last, deadlines.today()))
    reviewers = LegalReviewer.objects.filter(scope, is_active=True).count()

    inspections = Inspection.objects.filter(scope, status=Inspection.Status.DONE, inspected_on__range=period)
    by_result = Counter(inspections.values_list("result", flat=True))
    results = [{"code": code, "label": label, "count": by_result.get(code, 0),
                "drill": _url("enforcement:inspection_list", result=code, year=first.year)}
               for code, label in Inspection.Result.choices]
    draws = RandomDraw.objects.filter(scope, drawn_at__date__range=period)

    publications = Publication.objects.filter(scope, published_on__range=period)
    publicity_clocks = Deadline.objects.filter(target_type=CASE_TYPE, rule__code="enforcement.publicity",
                                               status__in=[Deadline.Status.MET, Deadline.Status.LATE],
                                               completed_on__range=period).filter(scope)
    pub_met = publicity_clocks.filter(status=Deadline.Status.MET).count()

    return {
        "period": period,
        "cases_filed": {"count": filed.count(), "drill": _url("enforcement:case_list", **span)},
        "normal": {"count": filed.filter(procedure=Case.Procedure.NORMAL).count(),
                   "drill": _url("enforcement:case_list", procedure="normal", **span)},
        "simple": {"count": filed.filter(procedure=Case.Procedure.SIMPLE).count(),
                   "drill": _url("enforcement:case_list", procedure="simple", **span)},
        "open": {"count": cases.filter(status__in=Case.OPEN_STATUSES).count(),
                 "drill": _url("enforcement:case_list", status="open")},
        "stages": stages, "domains": domains, "powers": powers,
        "decided": {"count": decided.count(), "drill": _url("enforcement:case_list", date="decided", **span)},
        "penalties": {"count": penalties.count(),
                      "drill": _url("enforcement:case_list", date="decided", flag="penalty", **span)},
        "fines": money["fines"] or Decimal("0"), "confiscated": money["confiscated"] or Decimal("0"),
        "fines_drill": _url("enforcement:case_list", date="decided", flag="fined", **span),
        "on_time": {"met": met, "late": late, "rate": _rate(met, met + late),
                    "drill": _url("enforcement:case_list", date="decided", flag="late", **span)},
        "overdue_open": {"count": overdue_open.count(), "drill": _url("enforcement:case_list", flag="overdue")},
        "reviews": {"count": reviews_done.count(),
                    "agreed": reviews_done.filter(outcome=LegalReview.Outcome.AGREE).count(),
                    "returned": reviews_done.exclude(outcome=LegalReview.Outcome.AGREE).count(),
                    "drill": _url("enforcement:review_list", mine="0")},
        "review_share": {"reviewed": reviewed_cases, "of": normal_penalties,
                         "rate": _rate(reviewed_cases, normal_penalties),
                         "drill": _url("enforcement:case_list", date="decided", flag="reviewed", **span)},
        "certificate": {**certificate, "drill": _url("enforcement:officer_list"),
                        "drill_expiring": _url("enforcement:officer_list", show="expiring"),
                        "drill_invalid": _url("enforcement:officer_list", show="invalid")},
        "reviewers": {"count": reviewers, "ratio": _rate(reviewers, certificate["officers"])},
        "inspections": {"count": inspections.count(), "random": inspections.filter(kind="random").count(),
                        "drill": _url("enforcement:inspection_list", year=first.year)},
        "results": results,
        "draws": {"count": draws.count(), "drill": _url("enforcement:draw_list")},
        "publications": {"count": publications.count(), "withdrawn": publications.filter(
            status=Publication.Status.WITHDRAWN).count(), "on_time": pub_met,
            "rate": _rate(pub_met, publicity_clocks.count())},
        "revoked": {"count": cases.filter(revoked_on__range=period).count(),
                    "drill": _url("enforcement:case_list", status="revoked")},
    }

