"""Figures of 行政规范性文件: pure reads, ``(orgs, period) -> numbers``; ``INDICATORS`` lists them.

报备率 = filed / published in the period; 报备及时率 = filed within the local period / filed;
审查纠错数 = filings ordered corrected in the period (示范指标体系 item 27; 有错必纠).
"""

from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast

from yifa.core.models import Deadline
from yifa.legal_review.indicators import in_orgs, rate

from .models import Cleanup, Filing, NormativeDocument

S = NormativeDocument.Status
PASSED = ("合法", "修改后合法")


def published_records(orgs, period):
    start, end = period
    return NormativeDocument.objects.filter(in_orgs(orgs), published_on__gte=start, published_on__lte=end)


def published(orgs, period) -> int:
    return published_records(orgs, period).count()


FILED = Q(filing__isnull=False)
FILED_ON_TIME = FILED & Q(filing__on_time=True)


def filed_records(orgs, period):
    return published_records(orgs, period).filter(FILED)


def filing_rate(orgs, period):
    """报备率: 已报备件数 / 应报备件数 (all documents published in the period)."""
    return rate(filed_records(orgs, period).count(), published(orgs, period))


def on_time_records(orgs, period):
    return published_records(orgs, period).filter(FILED_ON_TIME)


def filing_on_time_rate(orgs, period):
    """报备及时率: 在规定时限内报备件数 / 已报备件数."""
    return rate(on_time_records(orgs, period).count(), filed_records(orgs, period).count())


def correction_records(orgs, period):
    start, end = period
    return Filing.objects.filter(in_orgs(orgs, "document__org"), ordered_on__gte=start, ordered_on__lte=end)


def corrections(orgs, period) -> int:
    """审查纠错数: filings the level above ordered corrected in the period."""
    return correction_records(orgs, period).count()


def reviewed_filing_records(orgs, period):
    start, end = period
    return Filing.objects.filter(in_orgs(orgs, "document__org"), reviewed_on__gte=start, reviewed_on__lte=end)


def deliberated_records(orgs, period):
    start, end = period
    return NormativeDocument.objects.filter(in_orgs(orgs), deliberated_on__gte=start, deliberated_on__lte=end)


def legality_review_rate(orgs, period):
    """合法性审核率: deliberated after a passed review / deliberated (a hard gate, 国办发〔2018〕37号)."""
    deliberated = deliberated_records(orgs, period)
    return rate(deliberated.filter(review_conclusion__in=PASSED).count(), deliberated.count())


def comment_met() -> Q:
    """Documents whose comment period clock was met (征求意见期不少于法定最短期限)."""
    return Q(Exists(Deadline.objects.filter(
        target_type="normative_docs.normativedocument", status=Deadline.Status.MET,
        rule__code__in=["normative.comment", "normative.comment_business"],
        target_id=Cast(OuterRef("pk"), CharField()))))


def comment_compliant_records(orgs, period):
    """Published documents whose comment period clock was met."""
    return published_records(orgs, period).filter(comment_met())


def comment_rate(orgs, period):
    """公开征求意见达标率: published after a comment period of at least its minimum / published."""
    return rate(comment_compliant_records(orgs, period).count(), published(orgs, period))


def cleanup_records(orgs, period):
    start, end = period
    return Cleanup.objects.filter(in_orgs(orgs), status=Cleanup.Status.CONCLUDED, concluded_on__gte=start,
                                  concluded_on__lte=end)


def figures(orgs, period) -> dict:
    return {
        "published": published(orgs, period), "filed": filed_records(orgs, period).count(),
        "filing_rate": filing_rate(orgs, period), "on_time": on_time_records(orgs, period).count(),
        "filing_on_time_rate": filing_on_time_rate(orgs, period), "corrections": corrections(orgs, period),
        "reviewed": reviewed_filing_records(orgs, period).count(),
    }


INDICATORS = [
    {"code": "normative_docs.published", "label": "制定公布行政规范性文件", "unit": "件",
     "compute": published, "records": published_records},
    {"code": "normative_docs.filing_rate", "label": "规范性文件报备率", "unit": "%",
     "compute": filing_rate, "records": filed_records},
    {"code": "normative_docs.filing_on_time_rate", "label": "规范性文件报备及时率", "unit": "%",
     "compute": filing_on_time_rate, "records": on_time_records},
    {"code": "normative_docs.corrections", "label": "备案审查纠错", "unit": "件",
     "compute": corrections, "records": correction_records},
    {"code": "normative_docs.legality_review_rate", "label": "规范性文件合法性审核率", "unit": "%",
     "compute": legality_review_rate, "records": deliberated_records},
    {"code": "normative_docs.comment_rate", "label": "规范性文件公开征求意见达标率", "unit": "%",
     "compute": comment_rate, "records": comment_compliant_records},
]

