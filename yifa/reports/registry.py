"""Where the yearly report's figures come from: each module's ``report.py``, listed explicitly.

Every entry adapts one module's pure read to one shape,
``sections(orgs, year) -> {part: [paragraph, ...]}`` with ``part`` one of ``models.PARTS``
(measures, first_responsible, …). ``orgs`` is a list of units, each counted with its subtree.

An entry whose module is not installed, or which has no ``report.py`` yet (``sections`` is None),
is skipped and named in the report's 数据来源 note, so nobody mistakes a missing register for zero.
The order here is the order of the subsections of 主要举措和成效.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from django.apps import apps


def _period(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _paragraph(sentences: list[str]) -> list[str]:
    """A module's sentences as one paragraph (each sentence already ends with its own stop)."""
    text = "".join(s.strip() for s in sentences if s and s.strip())
    return [text] if text else []


def _decisions(orgs, year):
    from yifa.decisions import report

    return {"measures": _paragraph(report.sentences(orgs, _period(year)))}


def _normative_docs(orgs, year):
    from yifa.normative_docs import report

    return {"measures": _paragraph(report.sentences(orgs, _period(year)))}


def _disclosure(orgs, year):
    from yifa.disclosure import report

    return {"measures": _paragraph(report.sentences(orgs, _period(year)))}


def _legal_review(orgs, year):
    from yifa.legal_review import report

    return {"measures": _paragraph(report.sentences(orgs, _period(year)))}


def _enforcement(orgs, year):
    from yifa.enforcement import report

    return {"measures": _paragraph(report.sentences(orgs, _period(year)))}


def _mediation(orgs, year):
    from yifa.mediation import report

    return {"measures": _paragraph([report.paragraph(orgs, year)])}


def _petitions(orgs, year):
    from yifa.petitions import report

    return {"measures": _paragraph(report.sentences(orgs, _period(year)))}


def _oversight(orgs, year):
    from yifa.oversight import report

    return {part: _paragraph(lines) for part, lines in report.sections(orgs, _period(year)).items()}


def _training(orgs, year):
    from yifa.training import report

    return {part: _paragraph(lines) for part, lines in report.sections(orgs, _period(year)).items()}


def _deadlines(orgs, year):
    """Statutory periods missed in the year (core.Deadline, kept by every module): a shortcoming in figures."""
    from django.db.models import Count, Q

    from yifa.core import deadlines
    from yifa.core.models import Deadline

    start, end = _period(year)
    within = Q(pk__in=[])
    for org in orgs:
        within |= Q(org__path__startswith=org.path)
    late = Deadline.objects.filter(within, status=Deadline.Status.LATE, completed_on__range=(start, end))
    overdue = Deadline.objects.filter(within, status__in=Deadline.ACTIVE, due_on__range=(start, end),
                                      due_on__lt=deadlines.today())
    if not late.exists() and not overdue.exists():
        return {}
    rules = (Deadline.objects.filter(Q(pk__in=late.values("pk")) | Q(pk__in=overdue.values("pk")))
             .values("rule__name").annotate(n=Count("pk")).order_by("-n", "rule__name")[:3])
    parts = []
    if late.exists():
        parts.append(f"全年有{late.count()}件事项逾期办结")
    if overdue.exists():
        parts.append(f"{overdue.count()}件事项超过法定期限尚未办结")
    names = "、".join(f"“{r['rule__name']}”" for r in rules)
    return {"shortcomings": [f"{'，'.join(parts)}，主要涉及{names}，按法定期限办理的刚性约束还需加强。"]}


@dataclass(frozen=True)
class Source:
    app: str                 # the module, e.g. "yifa.mediation"
    label: str               # 中文 name of the register
    heading: str             # its subsection heading under 主要举措和成效
    sections: Callable[[list, int], dict[str, list[str]]] | None = None

    @property
    def installed(self) -> bool:
        return apps.is_installed(self.app)

    @property
    def available(self) -> bool:
        return self.installed and self.sections is not None


SOURCES = [
    Source("yifa.decisions", "重大行政决策", "坚持依法科学民主决策", _decisions),
    Source("yifa.normative_docs", "行政规范性文件", "加强行政规范性文件监督管理", _normative_docs),
    Source("yifa.legal_review", "合法性审查与法律顾问", "强化合法性审查，发挥法律顾问作用", _legal_review),
    Source("yifa.enforcement", "行政执法", "严格规范公正文明执法", _enforcement),
    Source("yifa.mediation", "矛盾纠纷化解", "依法化解社会矛盾纠纷", _mediation),
    Source("yifa.petitions", "信访", "依法办理信访事项", _petitions),
    Source("yifa.disclosure", "政务公开", "深化政务公开", _disclosure),
    Source("yifa.oversight", "监督与行政争议", "自觉接受监督，依法化解行政争议", _oversight),
    Source("yifa.training", "学法与普法", "加强学法用法和普法宣传", _training),
    Source("yifa.core", "法定期限", "", _deadlines),
]


def collect(orgs, year: int) -> dict:
    """The computed paragraphs of every available source, as stored in ``AnnualReport.figures``.

    ``{"parts": {part: [{"app", "label", "heading", "paragraphs"}]}, "skipped": [label, ...]}``
    """
    parts: dict[str, list[dict]] = {}
    skipped = []
    for source in SOURCES:
        if not source.available:
            skipped.append(source.label)
            continue
        for part, paragraphs in source.sections(orgs, year).items():
            paragraphs = [p for p in paragraphs if p]
            if paragraphs:
                parts.setdefault(part, []).append({"app": source.app, "label": source.label,
                                                   "heading": source.heading, "paragraphs": paragraphs})
    return {"parts": parts, "skipped": skipped}
