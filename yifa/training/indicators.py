"""Figures of 学法 and 普法: pure reads ``(orgs, period) -> numbers``, each with its records.

``orgs`` are units (their subtrees count); ``period`` is ``(first day, last day)``. Definitions ([M]/[NV],
statutory-rules.md §11; targets are each unit's own ``StudyTarget``, default 60 学时):

- 人均学法学时 = hours credited to 在岗学法人员 in the period / number of 在岗学法人员.
- 学时达标率 = 在岗学法人员 whose hours reach their unit's target for the period's year / 在岗学法人员.
- 学法考试合格率 = results at or above the pass mark / results of examinees who sat (缺考 excluded);
  参考率 = examinees who sat / examinees enrolled.
- 法律明白人覆盖率 = 村（社区） with at least one 在册 法律明白人 / 村（社区）.
- 菜单式普法送达率 = requests delivered / requests submitted in the period that are no longer waiting for a decision.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from yifa.core.models import Org

from .models import (Attendance, Cadre, ExamResult, LawExam, LeadershipMeeting, LegalLiaison,
                     OutreachActivity, OutreachRequest, StudySession, StudyTarget)

Period = tuple[dt.date, dt.date]
K = StudySession.Kind


@dataclass(frozen=True)
class Figure:
    code: str
    label: str
    value: int | float | None  # None: a rate with nothing to divide
    unit: str
    numerator: int | float | None = None
    denominator: int | None = None
    url: str = ""  # the records behind the figure

    @property
    def display(self) -> str:
        if self.value is None:
            return "—"
        return f"{self.value:g}{self.unit}"


def _within(orgs, field: str = "org") -> Q:
    """Rows whose unit (``field``; "": units themselves) lies within one of ``orgs``."""
    lookup = f"{field}__path__startswith" if field else "path__startswith"
    q = Q(pk__in=[])
    for org in orgs:
        q |= Q(**{lookup: org.path})
    return q


def rate(numerator, denominator) -> float | None:
    return round(100 * float(numerator) / denominator, 1) if denominator else None


# ---------------------------------------------------------------- 学法


def sessions(orgs, period, kind: str | None = None) -> QuerySet:
    qs = StudySession.objects.filter(_within(orgs), status=StudySession.Status.HELD, held_on__range=period)
    return qs.filter(kind=kind) if kind else qs


def cadres(orgs) -> QuerySet:
    return Cadre.objects.filter(_within(orgs), active=True)


def target_for(org: Org, year: int) -> StudyTarget:
    """The unit's yearly target, or the default (60 学时, 6 次, 100%) when none was set."""
    return StudyTarget.objects.filter(org=org, year=year).first() or StudyTarget(org=org, year=year)


def hours_by_cadre(orgs, period) -> list[dict]:
    """Each 在岗学法人员 with their hours in the period and their unit's target: the 学时 ledger."""
    totals = dict(Attendance.objects.filter(_within(orgs, "session__org"), session__status=StudySession.Status.HELD,
                                            session__held_on__range=period)
                  .values_list("cadre").annotate(total=Sum("hours")).values_list("cadre", "total"))
    people = list(cadres(orgs).select_related("org").order_by("org__path", "category", "name"))
    year = period[1].year
    # Every unit's target in one query (a city has hundreds of units); a unit without one has the default.
    targets: dict[int, Decimal] = {t.org_id: t.hours_per_person for t in
                                   StudyTarget.objects.filter(org_id__in={c.org_id for c in people}, year=year)}
    rows = []
    for cadre in people:
        if cadre.org_id not in targets:
            targets[cadre.org_id] = StudyTarget(org_id=cadre.org_id, year=year).hours_per_person
        hours = totals.get(cadre.pk) or Decimal(0)
        target = targets[cadre.org_id]
        rows.append({"cadre": cadre, "hours": hours, "target": target, "met": hours >= target,
                     "gap": max(target - hours, Decimal(0))})
    return rows


def _owners(units) -> dict[int, tuple[int, ...]]:
    """For every unit of the tree under ``units``: the ids of those of ``units`` it lies in (itself included).
    ``units`` may carry the map already (the indicator registry's ``Units`` does, read once for a whole page)."""
    found = getattr(units, "owners", None)
    if found is not None:
        return found
    wanted = {u.path: u.pk for u in units}
    owners = {}
    for pk, path in Org.objects.filter(_within(_outermost(units), "")).values_list("pk", "path"):
        owners[pk] = tuple(wanted[path[:i + 1]] for i, char in enumerate(path) if char == "/" and path[:i + 1] in wanted)
    return owners


def _outermost(units) -> list[Org]:
    paths = {u.path for u in units}
    return [u for u in {u.path: u for u in units}.values()
            if not any(u.path != p and u.path.startswith(p) for p in paths)]


def hours_met_by_unit(units, period) -> dict[int, tuple[int, int]]:
    """For every unit: (在岗学法人员 whose hours reach their target, 在岗学法人员), as ``hours_by_cadre([unit],
    period)`` counts them, from three queries for all the units: a cadre's hours in a unit are those of the
    sessions held within that unit (a township's cadre at a district session counts it for the district)."""
    owners, roots = _owners(units), _outermost(units)
    hours: dict[int, list] = {}
    for cadre, session_org, total in (Attendance.objects.filter(_within(roots, "session__org"),
                                                                session__status=StudySession.Status.HELD,
                                                                session__held_on__range=period)
                                      .values_list("cadre", "session__org").annotate(total=Sum("hours"))
                                      .values_list("cadre", "session__org", "total")):
        hours.setdefault(cadre, []).append((owners.get(session_org, ()), total or Decimal(0)))
    people = list(cadres(roots).values_list("pk", "org_id"))
    year = period[1].year
    targets: dict[int, Decimal] = {t.org_id: t.hours_per_person for t in
                                   StudyTarget.objects.filter(org_id__in={org for _pk, org in people}, year=year)}
    default = StudyTarget(year=year).hours_per_person
    out = {u.pk: [0, 0] for u in units}
    for pk, org_id in people:
        target, attended = targets.get(org_id, default), hours.get(pk, ())
        for unit in owners.get(org_id, ()):
            got = sum((h for within_units, h in attended if unit in within_units), Decimal(0))
            out[unit][0] += got >= target
            out[unit][1] += 1
    return {unit: (met, n) for unit, (met, n) in out.items()}


# ExamResult.passed as a condition on the rows (sat, scored, at or above the exam's pass mark).
PASSED = Q(absent=False, score__isnull=False, score__gte=F("exam__pass_score"))


def passed_by_unit(units, period) -> dict[int, tuple[int, int]]:
    """For every unit: (results at or above the pass mark, results of examinees who sat), as the 学法考试合格率
    counts them unit by unit, from one query for all the units grouped by the exam's unit."""
    owners = _owners(units)
    out = {u.pk: [0, 0] for u in units}
    rows = (exam_results(_outermost(units), period).filter(absent=False).order_by().values_list("exam__org")
            .annotate(passed=Count("pk", filter=PASSED), sat=Count("pk")).values_list("exam__org", "passed", "sat"))
    for org_id, passed, sat in rows:
        for unit in owners.get(org_id, ()):
            out[unit][0] += passed
            out[unit][1] += sat
    return {unit: (passed, n) for unit, (passed, n) in out.items()}


def exam_results(orgs, period, kind: str | None = None) -> QuerySet:
    qs = ExamResult.objects.filter(_within(orgs, "exam__org"), exam__status=LawExam.Status.GRADED,
                                   exam__held_on__range=period)
    return qs.filter(exam__kind=kind) if kind else qs


def meetings(orgs, period, *kinds) -> QuerySet:
    qs = LeadershipMeeting.objects.filter(_within(orgs), held_on__range=period)
    return qs.filter(kind__in=kinds) if kinds else qs


# ---------------------------------------------------------------- 普法


def activities(orgs, period) -> QuerySet:
    return OutreachActivity.objects.filter(_within(orgs), status=OutreachActivity.Status.HELD, held_on__range=period)


def liaisons(orgs, kind: str | None = None) -> QuerySet:
    qs = LegalLiaison.objects.filter(_within(orgs), status=LegalLiaison.Status.ACTIVE)
    return qs.filter(kind=kind) if kind else qs


def villages(orgs) -> QuerySet:
    q = Q(pk__in=[])
    for org in orgs:
        q |= Q(path__startswith=org.path)
    return Org.objects.filter(q, kind__in=[Org.Kind.VILLAGE, Org.Kind.COMMUNITY], is_active=True)


def requests(orgs, period) -> QuerySet:
    start = timezone.make_aware(dt.datetime.combine(period[0], dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(period[1] + dt.timedelta(days=1), dt.time.min))
    return OutreachRequest.objects.filter(_within(orgs), submitted_at__gte=start, submitted_at__lt=end)


# ---------------------------------------------------------------- the figures


def _url(view: str, orgs, period, **params) -> str:
    query = [("from", period[0].isoformat()), ("to", period[1].isoformat())] + [("org", o.pk) for o in orgs]
    query += list(params.items())
    return reverse(f"training:{view}") + "?" + urlencode(query)


def _sum(qs: QuerySet, field: str) -> int:
    return qs.aggregate(total=Sum(field))["total"] or 0


def study_figures(orgs, period: Period) -> list[Figure]:
    held = sessions(orgs, period)
    ledger = hours_by_cadre(orgs, period)
    people = len(ledger)
    total_hours = sum((row["hours"] for row in ledger), Decimal(0))
    met = sum(1 for row in ledger if row["met"])
    results = exam_results(orgs, period)
    sat = results.filter(absent=False)
    passed = sum(1 for r in sat.select_related("exam") if r.passed)
    principal = meetings(orgs, period, LeadershipMeeting.Kind.PARTY, LeadershipMeeting.Kind.GOVERNMENT,
                         LeadershipMeeting.Kind.COMMITTEE)
    u = lambda view, **p: _url(view, orgs, period, **p)  # noqa: E731
    return [
        Figure("study_sessions", "学法活动", held.count(), "次", url=u("session_list")),
        Figure("lectures", "法治专题讲座", held.filter(kind=K.LECTURE).count(), "场", url=u("session_list", kind=K.LECTURE)),
        Figure("central_group", "理论学习中心组集体学法", held.filter(kind=K.CENTRAL_GROUP).count(), "次",
               url=u("session_list", kind=K.CENTRAL_GROUP)),
        Figure("pre_meeting", "会前学法", held.filter(kind=K.PRE_MEETING).count(), "次",
               url=u("session_list", kind=K.PRE_MEETING)),
        Figure("court_observation", "组织旁听庭审", held.filter(kind=K.COURT_OBSERVATION).count(), "次",
               url=u("session_list", kind=K.COURT_OBSERVATION)),
        Figure("cadres", "在岗学法人员", people, "人", url=u("hours")),
        Figure("hours_per_person", "人均学法学时", round(float(total_hours) / people, 1) if people else None, "学时",
               float(total_hours), people, u("hours")),
        Figure("hours_target_rate", "学时达标率", rate(met, people), "%", met, people, u("hours", below="1")),
        Figure("exam_takers", "学法考试参考人次", sat.count(), "人次", url=u("exam_list")),
        Figure("pre_appointment_exams", "任前法律知识考试人次",
               exam_results(orgs, period, LawExam.Kind.PRE_APPOINTMENT).filter(absent=False).count(), "人次",
               url=u("exam_list", kind=LawExam.Kind.PRE_APPOINTMENT)),
        Figure("exam_pass_rate", "学法考试合格率", rate(passed, sat.count()), "%", passed, sat.count(), u("exam_list")),
        Figure("exam_attendance_rate", "学法考试参考率", rate(sat.count(), results.count()), "%", sat.count(),
               results.count(), u("exam_list")),
        Figure("leadership_meetings", "专题研究法治建设的会议", principal.count(), "次", url=u("meeting_list")),
        Figure("law_reports", "党政主要负责人述法", meetings(orgs, period, LeadershipMeeting.Kind.REPORT).count(), "次",
               url=u("meeting_list", kind=LeadershipMeeting.Kind.REPORT)),
    ]


def outreach_figures(orgs, period: Period) -> list[Figure]:
    held = activities(orgs, period)
    places = villages(orgs)
    covered = places.filter(pk__in=liaisons(orgs, LegalLiaison.Kind.LIAISON).values("org")).count()
    reqs = requests(orgs, period)
    decided = reqs.exclude(status=OutreachRequest.Status.SUBMITTED)
    delivered = reqs.filter(status=OutreachRequest.Status.DELIVERED)
    rated = reqs.exclude(rating="")
    satisfied = rated.filter(rating__in=["satisfied", "basic"]).count()
    u = lambda view, **p: _url(view, orgs, period, **p)  # noqa: E731
    return [
        Figure("activities", "普法活动", held.count(), "场", url=u("activity_list")),
        Figure("audience", "受众", _sum(held, "audience"), "人次", url=u("activity_list")),
        Figure("materials", "发放宣传资料", _sum(held, "materials"), "份", url=u("activity_list")),
        Figure("consultations", "接受群众法律咨询", _sum(held, "consultations"), "人次", url=u("activity_list")),
        Figure("liaisons", "在册法律明白人", liaisons(orgs, LegalLiaison.Kind.LIAISON).count(), "名",
               url=u("liaison_list", kind=LegalLiaison.Kind.LIAISON)),
        Figure("rule_of_law_leaders", "在册法治带头人", liaisons(orgs, LegalLiaison.Kind.LEADER).count(), "名",
               url=u("liaison_list", kind=LegalLiaison.Kind.LEADER)),
        Figure("liaison_coverage", "法律明白人村（社区）覆盖率", rate(covered, places.count()), "%", covered,
               places.count(), u("liaison_list")),
        Figure("menu_requests", "菜单式普法点单", reqs.count(), "件", url=u("request_list")),
        Figure("menu_delivered", "菜单式普法送法上门", delivered.count(), "件",
               url=u("request_list", status=OutreachRequest.Status.DELIVERED)),
        Figure("menu_delivery_rate", "点单送达率", rate(delivered.count(), decided.count()), "%", delivered.count(),
               decided.count(), u("request_list")),
        Figure("menu_satisfaction", "点单群众满意率", rate(satisfied, rated.count()), "%", satisfied, rated.count(),
               u("request_list", status=OutreachRequest.Status.DELIVERED)),
    ]


def figures(orgs, period: Period) -> list[Figure]:
    return study_figures(orgs, period) + outreach_figures(orgs, period)


def by_code(orgs, period: Period) -> dict[str, Figure]:
    return {f.code: f for f in figures(orgs, period)}
