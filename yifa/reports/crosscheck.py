"""Figures of a report held against the unit's registers, and passages shared with other units' reports.

A figure is checked where its words name something a register counts ("调处民事纠纷82起" → 受理矛盾
纠纷, "成功率100%" after 调解 → 调解成功率). The register's value comes from the indicator registry of
``yifa.indicators`` (the same numbers as the dashboard), for the report's unit and year. Figures in the
next-year plan are targets, not facts, and are not checked.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.apps import apps

from . import review

# (registry code, what it is, counting units, words required, words excluded). The required words are
# looked for in the figure's own phrase; the excluded ones in its clause (from the last comma or stop):
# "其中劳动争议纠纷2起" is a breakdown, "回访7起" a follow-up, "访调对接受理纠纷2起" a channel.
RULES = [
    ("mediation.success", "调解成功矛盾纠纷", {"起", "件"}, r"调解成功|成功调解|调处成功|成功化解", r"回访|其中"),
    ("mediation.accepted", "受理矛盾纠纷", {"起", "件"}, r"(?:受理|调处|化解|调解|处理)[^，,。；、]{0,6}纠纷",
     r"其中|对接|排查发现|回访|成功"),
    ("mediation.success_rate", "调解成功率", {"%"}, r"成功率", ""),
    ("mediation.mediation_rate", "调解率", {"%"}, r"调解率", ""),
    ("mediation.screenings", "矛盾纠纷排查", {"次", "轮", "轮次"}, r"排查", r"其中"),
    ("legal_review.opinions_issued", "出具合法性审查意见书", {"份", "件"}, r"审查意见书|法律意见书|合法性审查意见",
     r"其中"),
    ("legal_review.adviser_coverage", "村（社区）法律顾问覆盖率", {"%"}, r"法律顾问.*覆盖", ""),
    ("petitions.on_time_rate", "信访事项按期办结率", {"%"}, r"办结率|按期", ""),
    ("petitions.satisfaction_rate", "信访群众满意率", {"%"}, r"满意率", ""),
    ("petitions.received", "登记信访事项", {"件", "件次", "批次"}, r"信访", r"其中|转人民调解|办结"),
    ("oversight.suggestion_on_time_rate", "代表建议、政协提案按时办复率", {"%"}, r"办复率", ""),
    ("oversight.head_appearance_rate", "行政机关负责人出庭应诉率", {"%"}, r"出庭应诉率", ""),
    ("enforcement.cases", "办理行政处罚案件", {"件", "起"}, r"处罚案件", r"其中"),
    ("enforcement.certified_rate", "行政执法人员持证率", {"%"}, r"持证率", ""),
    ("disclosure.requests", "受理政府信息公开申请", {"件"}, r"信息公开申请|依申请公开", r"其中"),
    ("training.exam_pass_rate", "学法考试合格率", {"%"}, r"考试.*(?:合格率|通过率)|(?:合格率|通过率)", ""),
    ("training.activities", "开展普法活动", {"场", "次", "场次"}, r"普法.*活动|法治宣传.*活动", r"其中"),
]
# Rates named only by their last word need the subject in the sentence: "成功率" after 调解, "办结率" after 信访.
NEEDS_CONTEXT = {
    "mediation.success_rate": r"调解|纠纷|调处|化解",
    "mediation.screenings": r"纠纷|矛盾",
    "petitions.on_time_rate": r"信访",
    "petitions.satisfaction_rate": r"信访",
    "training.exam_pass_rate": r"学法|法律知识|考试",
}
AT_LEAST = {"余", "多", "以上", "超过", "超", "逾", "多达", "高于", "不少于", "不低于", "至少"}
ABOUT = {"约", "近", "将近", "接近", "大约"}
VERDICTS = {"match": "一致", "mismatch": "不一致", "no_data": "台账无数据", "unavailable": "未接入核对"}


@dataclass
class Check:
    text: str
    start: int
    end: int
    code: str
    label: str
    stated: float
    qualifier: str
    register: float | None
    verdict: str  # "match", "mismatch", "unavailable"

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def _registry():
    if not apps.is_installed("yifa.indicators"):
        return None
    from yifa.indicators import registry

    return registry


def _clause(text: str, start: int, end: int) -> str:
    """The figure's clause: back to the last comma or stop (at most 60 characters)."""
    begin = start
    while begin > max(0, start - 60) and text[begin - 1] not in "，,。；;！？\n":
        begin -= 1
    return text[begin:end]


def _sentence(text: str, start: int, end: int) -> str:
    begin = start
    while begin > max(0, start - 120) and text[begin - 1] not in "。；;！？\n":
        begin -= 1
    return text[begin:end]


def rule_for(figure: dict, text: str) -> tuple[str, str] | None:
    """The registry code a figure speaks of, or None."""
    phrase = figure["indicator"] + "|" + figure["text"]
    clause = _clause(text, figure["start"], figure["end"])
    sentence = _sentence(text, figure["start"], figure["end"])
    if clause.count("（") + clause.count("(") > clause.count("）") + clause.count(")"):
        return None  # inside brackets: a breakdown ("信访事项11件（来信3件、走访8件）") or an aside
    for code, label, units, required, excluded in RULES:
        if figure["unit"] not in units:
            continue
        if not (re.search(required, phrase) or re.search(required, clause)):
            continue
        if excluded and re.search(excluded, clause):
            continue
        context = NEEDS_CONTEXT.get(code)
        if context and not re.search(context, sentence):
            continue
        return code, label
    return None


def agrees(stated: float, qualifier: str, register: float, *, rate: bool) -> bool:
    """Whether the register's value bears out the stated figure, its qualifier taken into account."""
    if rate:
        if qualifier in AT_LEAST:
            return register >= stated - 0.05
        return abs(register - stated) <= 0.15
    if qualifier in AT_LEAST:
        return register >= stated and (qualifier not in {"余", "多"} or register < stated * 1.5 + 10)
    if qualifier in ABOUT:
        return abs(register - stated) <= max(1, stated * 0.1)
    return register == stated


def check_figures(text: str, figures: list[dict], orgs, year: int | None) -> list[dict]:
    """Each checkable figure of the report with the register's value and a verdict."""
    registry = _registry()
    if registry is None or not year or not orgs:
        return []
    plan = [(s, e) for kinds, s, e, _ in review.section_spans(text) if kinds == {"next_year"}]
    period = (dt.date(year, 1, 1), dt.date(year, 12, 31))
    checks, cache = [], {}
    for figure in figures:
        if any(s <= figure["start"] < e for s, e in plan):
            continue
        found = rule_for(figure, text)
        if not found:
            continue
        code, label = found
        if code not in cache:
            if hasattr(registry, "is_available") and not registry.is_available(code):
                cache[code] = "unavailable"
            else:
                measure = registry.compute(code, list(orgs), period)
                cache[code] = "unavailable" if measure is None else ("no_data" if measure.value is None
                                                                       else measure.value)
        register = cache[code]
        if register in ("unavailable", "no_data"):
            verdict, register = register, None
        else:
            verdict = "match" if agrees(figure["value"], figure["qualifier"], float(register),
                                        rate=figure["unit"] == "%") else "mismatch"
        checks.append(Check(figure["text"], figure["start"], figure["end"], code, label, figure["value"],
                            figure["qualifier"], register, verdict).as_dict())
    return checks


def shared_with(text: str, others, *, boilerplate: str = "") -> list[dict]:
    """Passages of ``text`` found in other reports: ``others`` yields (kind, id, org name, title, text).

    Passages inside ``boilerplate`` (the platform's own default wording) are not reported.
    """
    template = review.normalise(boilerplate)[0] if boilerplate else ""
    index = review.PassageIndex(text)
    found = []
    seen_texts = set()
    for kind, pk, org_name, title, other_text in others:
        key = hash(other_text)
        if not other_text or key in seen_texts:
            continue
        seen_texts.add(key)
        for passage in index.shared_with(other_text):
            if template and review.normalise(passage["text"])[0] in template:
                continue
            found.append({**passage, "other_kind": kind, "other_id": pk, "other_org": org_name,
                          "other_title": title})
    found.sort(key=lambda p: (p["span"][0], p["other_org"]))
    return found
