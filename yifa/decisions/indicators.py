"""Figures of 重大行政决策: pure reads, ``(orgs, period) -> numbers``. ``INDICATORS`` lists them.

``orgs``: units counted with their subtrees; ``period``: (first day, last day), both included.
"""

from yifa.legal_review.indicators import in_orgs, rate

from .models import Decision, DecisionCatalogue, DecisionStep, PublicComment

S = Decision.Status
DECIDED = (S.DECIDED, S.PUBLISHED, S.ARCHIVED)


def catalogue_records(orgs, period):
    start, end = period
    return DecisionCatalogue.objects.filter(in_orgs(orgs), year__gte=start.year, year__lte=end.year)


def catalogues_published(orgs, period) -> int:
    """决策事项目录经党委同意并公布 (条例第三条)."""
    return catalogue_records(orgs, period).filter(status=DecisionCatalogue.Status.PUBLISHED).count()


def decided_records(orgs, period, kind: str | None = None):
    start, end = period
    qs = Decision.objects.filter(in_orgs(orgs), status__in=DECIDED, decided_on__gte=start, decided_on__lte=end)
    return qs.filter(kind=kind) if kind else qs


def decisions_made(orgs, period) -> int:
    return decided_records(orgs, period, Decision.Kind.MAJOR).count()


def triple_matters_decided(orgs, period) -> int:
    return decided_records(orgs, period, Decision.Kind.TRIPLE).count()


def legality_reviewed_records(orgs, period):
    return decided_records(orgs, period).filter(steps__kind=DecisionStep.Kind.LEGALITY,
                                                steps__status=DecisionStep.Status.DONE)


def legality_review_rate(orgs, period):
    """重大行政决策合法性审查率: decided after a completed review / decided (hard gate, 条例第二十五条)."""
    return rate(legality_reviewed_records(orgs, period).count(), decided_records(orgs, period).count())


def five_steps_records(orgs, period):
    """Decisions whose every step was done or lawfully found not to apply."""
    return decided_records(orgs, period).exclude(steps__status__in=[DecisionStep.Status.PENDING,
                                                                    DecisionStep.Status.IN_PROGRESS])


def participation_required_records(orgs, period):
    """Decided matters whose 公众参与 was not lawfully found not to apply."""
    return decided_records(orgs, period).exclude(steps__kind=DecisionStep.Kind.PARTICIPATION,
                                                 steps__status=DecisionStep.Status.WAIVED)


def commented_records(orgs, period):
    return participation_required_records(orgs, period).filter(comment_opens_on__isnull=False)


def public_comment_rate(orgs, period):
    """重大行政决策公开征求意见率: decided after a public comment period / decided with 公众参与 required."""
    return rate(commented_records(orgs, period).count(), participation_required_records(orgs, period).count())


def decided(orgs, period) -> int:
    """作出重大行政决策 (both kinds: catalogue decisions and "三重一大" matters)."""
    return decided_records(orgs, period).count()


def comment_records(orgs, period):
    start, end = period
    return Decision.objects.filter(in_orgs(orgs), comment_opens_on__gte=start, comment_opens_on__lte=end)


def comment_periods(orgs, period) -> int:
    return comment_records(orgs, period).count()


def comments_received(orgs, period) -> int:
    start, end = period
    return PublicComment.objects.filter(in_orgs(orgs, "decision__org"), submitted_at__date__gte=start,
                                        submitted_at__date__lte=end).count()


def comments_adopted(orgs, period) -> int:
    start, end = period
    return PublicComment.objects.filter(in_orgs(orgs, "decision__org"), submitted_at__date__gte=start,
                                        submitted_at__date__lte=end,
                                        disposition__in=[PublicComment.Disposition.ADOPTED,
                                                         PublicComment.Disposition.PARTLY]).count()


INDICATORS = [
    {"code": "decisions.catalogues_published", "label": "决策事项目录公布", "unit": "个",
     "compute": catalogues_published, "records": catalogue_records},
    {"code": "decisions.decisions_made", "label": "作出重大行政决策", "unit": "项",
     "compute": decisions_made, "records": lambda o, p: decided_records(o, p, Decision.Kind.MAJOR)},
    {"code": "decisions.triple_matters", "label": "“三重一大”事项集体决策", "unit": "项",
     "compute": triple_matters_decided, "records": lambda o, p: decided_records(o, p, Decision.Kind.TRIPLE)},
    {"code": "decisions.legality_review_rate", "label": "重大行政决策合法性审查率", "unit": "%",
     "compute": legality_review_rate, "records": legality_reviewed_records},
    {"code": "decisions.public_comment_rate", "label": "重大行政决策公开征求意见率", "unit": "%",
     "compute": public_comment_rate, "records": commented_records},
    {"code": "decisions.decided", "label": "作出重大行政决策（含“三重一大”）", "unit": "项",
     "compute": decided, "records": decided_records},
    {"code": "decisions.comment_periods", "label": "决策草案公开征求意见", "unit": "次",
     "compute": comment_periods, "records": comment_records},
    {"code": "decisions.comments_received", "label": "收到公众意见", "unit": "条",
     "compute": comments_received, "records": None},
]
