"""Sentences for the yearly report, from the decision register: ``(orgs, period) -> [str]``."""

from . import indicators


def sentences(orgs, period) -> list[str]:
    lines = []
    start, _ = period
    published = indicators.catalogue_records(orgs, period).filter(status="published").order_by("published_on")
    if published:
        first = published[0]
        items = first.decisions.exclude(status="withdrawn").count()
        lines.append(f"{start.year}年度重大行政决策事项目录经党委同意后于{first.published_on.month}月"
                     f"{first.published_on.day}日向社会公布，列入决策事项{items}项。")
    made = indicators.decisions_made(orgs, period)
    triple = indicators.triple_matters_decided(orgs, period)
    decided = indicators.decided_records(orgs, period).count()
    if decided:
        rate = indicators.legality_review_rate(orgs, period)
        complete = indicators.five_steps_records(orgs, period).count()
        parts = []
        if made:
            parts.append(f"作出重大行政决策{made}项")
        if triple:
            parts.append(f"按照“三重一大”议事决策机制集体研究决定重大事项{triple}项")
        line = "全年" + "，".join(parts)
        if complete == decided:
            line += "，均依法履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序"
        if rate is not None:
            line += f"，合法性审查率{rate.normalize():f}%"
        lines.append(line + "。")
    periods = indicators.comment_periods(orgs, period)
    if periods:
        received = indicators.comments_received(orgs, period)
        adopted = indicators.comments_adopted(orgs, period)
        lines.append(f"决策草案公开征求意见{periods}次，收到公众意见{received}条，采纳或部分采纳{adopted}条。")
    return lines
