"""Sentences for the yearly 法治政府建设年度报告, computed from the 信访 register (pure reads)."""

from . import indicators
from .models import Petition


def sentences(orgs, period) -> list[str]:
    return sentences_for(indicators.in_orgs(orgs), period)


def sentences_for(qs, period) -> list[str]:
    """E.g. "2025年，依法登记信访事项97件，办结90件，按期办结率100%；群众满意率96.7%；转人民调解5件。" """
    count = lambda key: indicators.count(qs, key, period)  # noqa: E731
    received, concluded = count("received"), count("concluded")
    if not received and not concluded:
        return []
    year = period[0].year if period[0].year == period[1].year else None
    when = f"{year}年" if year else f"{period[0]:%Y年%m月%d日}至{period[1]:%Y年%m月%d日}"
    channels = "、".join(f"{label}{n}件" for value, label in Petition.Channel.choices
                         for n in [count(f"channel:{value}")] if n)
    parts = [f"{when}，依法登记信访事项{received}件" + (f"（{channels}）" if channels else "")]
    if concluded:
        on_time = indicators.rate(concluded - count("concluded_late"), concluded)
        parts.append(f"办结{concluded}件，按期办结率{on_time:g}%")
    rated = count("rated")
    if rated:
        satisfied = count("satisfaction:satisfied") + count("satisfaction:basic")
        parts.append(f"参评{rated}件，群众满意率{indicators.rate(satisfied, rated):g}%")
    mediated = count("mediation")
    if mediated:
        parts.append(f"通过访调对接转人民调解{mediated}件")
    return ["，".join(parts) + "。"]
