"""Sentences for the yearly 法治政府建设年度报告, written from the figures (pure reads).

``sections(orgs, period)`` answers ``{"measures": [...]}``: the 代表建议 and 复议/应诉 sentences belong to
主要举措和成效 (自觉接受监督; 依法化解行政争议). Nothing is said about a register with no records.
"""

from . import indicators


def _pct(value) -> str:
    return f"{value:g}%"


def suggestion_sentence(orgs, period) -> str:
    f = {c: indicators.figure(c, orgs, period) for c in
         ("npc_suggestions", "cppcc_proposals", "suggestion_on_time_rate", "suggestion_satisfaction_rate")}
    npc, cppcc = f["npc_suggestions"].value, f["cppcc_proposals"].value
    if not npc and not cppcc:
        return ""
    parts = []
    if npc:
        parts.append(f"人大代表建议{npc}件")
    if cppcc:
        parts.append(f"政协委员提案{cppcc}件")
    text = "认真办理" + "、".join(parts)
    on_time, satisfied = f["suggestion_on_time_rate"], f["suggestion_satisfaction_rate"]
    if on_time.value is not None:
        text += f"，按时办复率达{_pct(on_time.value)}"
    if satisfied.value is not None:
        text += f"，代表委员满意率{_pct(satisfied.value)}"
    return text + "。"


def reconsideration_sentence(orgs, period) -> str:
    count = indicators.figure("reconsiderations", orgs, period).value
    if not count:
        return ""
    reply = indicators.figure("reconsideration_reply_rate", orgs, period)
    concluded = indicators.figure("reconsiderations_concluded", orgs, period).value
    corrected = indicators.figure("reconsiderations_corrected", orgs, period).value
    text = f"被申请行政复议{count}件"
    if reply.value == 100:
        text += "，均在法定期限内提交书面答复和证据"
    elif reply.value is not None:
        text += f"，按时答复率{_pct(reply.value)}"
    if concluded:
        text += f"；审结{concluded}件，其中被纠错{corrected}件" if corrected else f"；审结{concluded}件，无被纠错案件"
    return text + "。"


def litigation_sentence(orgs, period) -> str:
    count = indicators.figure("litigations", orgs, period).value
    heard = indicators.figure("litigations_heard", orgs, period).value
    if not count and not heard:
        return ""
    concluded = indicators.figure("litigations_concluded", orgs, period).value
    lost = indicators.figure("litigations_lost", orgs, period).value
    text = f"办理行政应诉案件{count}件"
    if concluded:
        text += f"，审结{concluded}件，败诉{lost}件，败诉率{_pct(indicators.rate(lost, concluded))}" if lost \
            else f"，审结{concluded}件，无败诉案件"
    appearance = indicators.figure("head_appearance_rate", orgs, period)
    if appearance.value is not None:
        text += f"；开庭审理{heard}件，行政机关负责人出庭应诉{appearance.numerator}件，出庭应诉率{_pct(appearance.value)}"
    return text + "。"


def letter_sentence(orgs, period) -> str:
    count = indicators.figure("letters", orgs, period).value
    if not count:
        return ""
    on_time = indicators.figure("letter_on_time_rate", orgs, period)
    text = f"收到行政复议意见书、司法建议{count}份"
    if on_time.value is not None:
        text += "，均在60日内反馈整改情况" if on_time.value == 100 else f"，按时回复率{_pct(on_time.value)}"
    return text + "。"


def sections(orgs, period) -> dict[str, list[str]]:
    sentences = [suggestion_sentence(orgs, period), reconsideration_sentence(orgs, period),
                 litigation_sentence(orgs, period), letter_sentence(orgs, period)]
    return {"measures": [s for s in sentences if s]}
