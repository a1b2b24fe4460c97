"""Figures for 代表建议 and 行政复议/应诉: pure reads ``(orgs, period) -> numbers``, each with its records.

``orgs`` are units (their subtrees count); ``period`` is ``(first day, last day)``. Definitions, none of
them statutory ([NV], statutory-rules.md §8–§9, §11):

- 按时办复率 = 主办建议 answered by their due date / 主办建议 交办 in the period that are answered or past due.
- 满意率 = 满意 or 基本满意 / 主办建议 whose representative gave a rating.
- 复议答复按时率 = replies filed by the due date / cases received in the period that are replied or past due.
- 被纠错率 (复议) and 败诉率 (诉讼) = 撤销、变更、确认违法、确认无效、责令履行、赔偿 / cases concluded in the period.
- 负责人出庭应诉率 = 审级 records with a court hearing in the period at which a 负责人 appeared /
  审级 records with a court hearing in the period.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils.http import urlencode

from yifa.core import deadlines

from .models import FollowUpLetter, Hearing, RespondentCase, Suggestion

Period = tuple[dt.date, dt.date]


@dataclass(frozen=True)
class Figure:
    code: str
    label: str
    value: int | float | None  # None: a rate with nothing to divide
    unit: str
    numerator: int | None = None
    denominator: int | None = None
    url: str = ""  # the records behind the figure

    @property
    def display(self) -> str:
        if self.value is None:
            return "—"
        return f"{self.value:g}{self.unit}"


def _within(orgs, field: str = "org") -> Q:
    q = Q(pk__in=[])
    for org in orgs:
        q |= Q(**{f"{field}__path__startswith": org.path})
    return q


def _as_of(period: Period) -> dt.date:
    return min(period[1], deadlines.today())


def _suggestions(orgs, period) -> QuerySet:
    return Suggestion.objects.filter(_within(orgs), assigned_on__range=period)


def _lead(orgs, period) -> QuerySet:
    return _suggestions(orgs, period).filter(our_role=Suggestion.Part.LEAD)


def _due(qs: QuerySet, period: Period, done_field: str) -> QuerySet:
    return qs.filter(Q(**{f"{done_field}__isnull": False}) | Q(due_on__lt=_as_of(period)))


def _cases(kind, orgs, period) -> QuerySet:
    return RespondentCase.objects.filter(_within(orgs), kind=kind, received_on__range=period)


def _concluded(kind, orgs, period) -> QuerySet:
    return RespondentCase.objects.filter(_within(orgs), kind=kind, status=RespondentCase.Status.CONCLUDED,
                                         decided_on__range=period)


def _heard(orgs, period, **hearing) -> QuerySet:
    ids = Hearing.objects.filter(_within(orgs, "case__org"), case__kind=RespondentCase.Kind.LITIGATION,
                                 kind=Hearing.Kind.COURT, held_on__range=period, **hearing).values("case_id")
    return RespondentCase.objects.filter(pk__in=ids)


def _letters(orgs, period) -> QuerySet:
    return FollowUpLetter.objects.filter(_within(orgs), received_on__range=period)


LIT, REC = RespondentCase.Kind.LITIGATION, RespondentCase.Kind.RECONSIDERATION
LOSSES = list(RespondentCase.LOSSES)

# code -> (label, unit, list view, records)
COUNTS: dict[str, tuple[str, str, str, Callable[..., QuerySet]]] = {
    "suggestions": ("承办代表建议和政协提案", "件", "suggestion_list", _suggestions),
    "npc_suggestions": ("承办人大代表建议", "件", "suggestion_list",
                        lambda o, p: _suggestions(o, p).filter(kind=Suggestion.Kind.NPC)),
    "cppcc_proposals": ("承办政协委员提案", "件", "suggestion_list",
                        lambda o, p: _suggestions(o, p).filter(kind=Suggestion.Kind.CPPCC)),
    "suggestions_due": ("应办复件数（主办）", "件", "suggestion_list", lambda o, p: _due(_lead(o, p), p, "replied_on")),
    "suggestions_on_time": ("按时办复件数", "件", "suggestion_list",
                            lambda o, p: _lead(o, p).filter(replied_on__lte=F("due_on"))),
    "suggestions_late": ("逾期未复或逾期答复件数", "件", "suggestion_list",
                         lambda o, p: _due(_lead(o, p), p, "replied_on").exclude(replied_on__lte=F("due_on"))),
    "suggestions_rated": ("代表委员测评件数", "件", "suggestion_list", lambda o, p: _lead(o, p).exclude(satisfaction="")),
    "suggestions_satisfied": ("满意或基本满意件数", "件", "suggestion_list",
                              lambda o, p: _lead(o, p).filter(satisfaction__in=["satisfied", "basic"])),
    "reconsiderations": ("被申请行政复议", "件", "case_list", lambda o, p: _cases(REC, o, p)),
    "reconsideration_replies_due": ("复议应答复件数", "件", "case_list",
                                    lambda o, p: _due(_cases(REC, o, p), p, "replied_on")),
    "reconsideration_replies_on_time": ("复议按时答复件数", "件", "case_list",
                                        lambda o, p: _cases(REC, o, p).filter(replied_on__lte=F("due_on"))),
    "reconsiderations_concluded": ("行政复议审结", "件", "case_list", lambda o, p: _concluded(REC, o, p)),
    "reconsiderations_corrected": ("行政复议被纠错", "件", "case_list",
                                   lambda o, p: _concluded(REC, o, p).filter(outcome__in=LOSSES)),
    "litigations": ("行政应诉案件", "件", "case_list", lambda o, p: _cases(LIT, o, p)),
    "litigation_replies_due": ("应诉应答辩件数", "件", "case_list", lambda o, p: _due(_cases(LIT, o, p), p, "replied_on")),
    "litigation_replies_on_time": ("应诉按时答辩件数", "件", "case_list",
                                   lambda o, p: _cases(LIT, o, p).filter(replied_on__lte=F("due_on"))),
    "litigations_concluded": ("行政诉讼审结", "件", "case_list", lambda o, p: _concluded(LIT, o, p)),
    "litigations_lost": ("行政诉讼败诉", "件", "case_list", lambda o, p: _concluded(LIT, o, p).filter(outcome__in=LOSSES)),
    "litigations_heard": ("开庭审理的行政诉讼案件", "件", "case_list", lambda o, p: _heard(o, p)),
    "litigations_head_appeared": ("负责人出庭应诉案件", "件", "case_list",
                                  lambda o, p: _heard(o, p, appearance=Hearing.Appearance.HEAD)),
    "litigations_court_notified": ("法院通知负责人出庭的案件", "件", "case_list",
                                   lambda o, p: _heard(o, p, court_notified=True)),
    "letters": ("收到复议意见书、司法建议", "份", "letter_list", _letters),
    "letters_due": ("应回复件数", "份", "letter_list", lambda o, p: _due(_letters(o, p), p, "answered_on")),
    "letters_on_time": ("按时回复件数", "份", "letter_list",
                        lambda o, p: _letters(o, p).filter(answered_on__lte=F("due_on"))),
}

# code -> (label, numerator, denominator)
RATES = {
    "suggestion_on_time_rate": ("代表建议、政协提案按时办复率", "suggestions_on_time", "suggestions_due"),
    "suggestion_satisfaction_rate": ("代表委员满意率", "suggestions_satisfied", "suggestions_rated"),
    "reconsideration_reply_rate": ("行政复议按时答复率", "reconsideration_replies_on_time", "reconsideration_replies_due"),
    "reconsideration_correction_rate": ("行政复议被纠错率", "reconsiderations_corrected", "reconsiderations_concluded"),
    "litigation_reply_rate": ("行政应诉按时答辩率", "litigation_replies_on_time", "litigation_replies_due"),
    "litigation_loss_rate": ("行政诉讼败诉率", "litigations_lost", "litigations_concluded"),
    "head_appearance_rate": ("行政机关负责人出庭应诉率", "litigations_head_appeared", "litigations_heard"),
    "letter_on_time_rate": ("复议意见书、司法建议按时回复率", "letters_on_time", "letters_due"),
}


def drill_url(code: str, orgs, period: Period) -> str:
    """The list of records behind a figure (for a rate: the records it divides by)."""
    count_code = RATES[code][2] if code in RATES else code
    params = [("figure", count_code), ("from", period[0].isoformat()), ("to", period[1].isoformat())]
    params += [("org", org.pk) for org in orgs]
    return reverse(f"oversight:{COUNTS[count_code][2]}") + "?" + urlencode(params)


def records(code: str, orgs, period: Period) -> QuerySet:
    count_code = RATES[code][2] if code in RATES else code
    return COUNTS[count_code][3](orgs, period)


def rate(numerator: int, denominator: int) -> float | None:
    return round(100 * numerator / denominator, 1) if denominator else None


def figure(code: str, orgs, period: Period) -> Figure:
    url = drill_url(code, orgs, period)
    if code in RATES:
        label, num_code, den_code = RATES[code]
        num, den = records(num_code, orgs, period).count(), records(den_code, orgs, period).count()
        return Figure(code, label, rate(num, den), "%", num, den, url)
    label, unit, _view, _fn = COUNTS[code]
    return Figure(code, label, records(code, orgs, period).count(), unit, url=url)


def figures(orgs, period: Period) -> list[Figure]:
    """Every figure of the module, counts first, then rates."""
    return [figure(code, orgs, period) for code in [*COUNTS, *RATES]]
