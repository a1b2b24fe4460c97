"""Sentences for the yearly reports, computed from the 政府信息公开 registers (pure reads).

``sentences(orgs, period)`` is for the 法治政府建设年度报告 (深化政务公开), in the seeds' own wording:
"2023年，大盛镇通过政务网站依法公开政务信息共65条。"
"""

from . import indicators
from .models import InfoRequest, ProactiveDisclosure

R = InfoRequest


def sentences(orgs, period) -> list[str]:
    return sentences_for(indicators.in_orgs(ProactiveDisclosure, orgs), indicators.in_orgs(InfoRequest, orgs), period)


def sentences_for(pubs, reqs, period) -> list[str]:
    start, end = period
    when = f"{start.year}年" if start.year == end.year else f"{start:%Y年%m月%d日}至{end:%Y年%m月%d日}"
    out = []
    summary = indicators.publication_summary(pubs, period)
    total = summary["total"].value
    if total:
        channels = "、".join(label for label, _cell in summary["channels"][:3])
        top = "、".join(f"{label}{cell.value}条" for label, cell in
                       sorted(summary["categories"], key=lambda r: -r[1].value)[:3])
        out.append(f"{when}，通过{channels or '政府网站'}等渠道主动公开政府信息共{total}条，其中{top}。")
    count = lambda key: indicators.request_records(reqs, key, period).count()  # noqa: E731
    new, carried, finished = count("new"), count("carried_in"), count("finished")
    if new or carried or finished:
        text = f"收到政府信息公开申请{new}件" + (f"（另上年结转{carried}件）" if carried else "")
        if finished:
            parts = [f"{R.Outcome(o).label}{n}件" for o in R.Outcome.values for n in [count(f"outcome:{o}")] if n]
            on_time = indicators.rate(finished - count("late"), finished)
            text += f"，办结{finished}件（{'、'.join(parts)}），按时答复率{on_time:g}%"
        carried_out = count("carried_out")
        if carried_out:
            text += f"，结转下年度继续办理{carried_out}件"
        out.append(text + "。")
        reviews = count("reconsideration:total")
        suits = count("direct:total") + count("after_review:total")
        out.append(f"因政府信息公开工作被申请行政复议{reviews}件、被提起行政诉讼{suits}件。")
    return out
