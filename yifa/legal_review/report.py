"""Sentences for the yearly 法治政府建设年度报告, computed from the registers: ``(orgs, period) -> [str]``.

E.g. "全年出具合法性审查意见书7份，其中合同4份、重大行政决策2份、行政规范性文件1份，审查意见采纳率100%。"
"""

from . import indicators
from .models import ReviewRequest


def _pct(value) -> str:
    return f"{value.normalize():f}%" if value is not None else ""


def sentences(orgs, period) -> list[str]:
    lines = []
    issued = indicators.opinions_issued(orgs, period)
    if issued:
        parts = [f"{ReviewRequest.Subject(k).label}{n}份"
                 for k, n in indicators.opinions_by_subject(orgs, period).items() if n]
        line = f"全年出具合法性审查意见书{issued}份"
        if len(parts) > 1:
            line += "，其中" + "、".join(parts)
        adoption = indicators.adoption_rate(orgs, period)
        if adoption is not None:
            line += f"，审查意见采纳率{_pct(adoption)}"
        lines.append(line + "。")
    else:
        lines.append("全年未出具合法性审查意见书。")
    coverage = indicators.adviser_coverage(orgs, period)
    units, all_units = indicators.units_with_adviser(orgs, period)
    if all_units:
        line = f"{units}个乡镇（街道）聘请法律顾问" if all_units > 1 else (
            "推行法律顾问制度，本级聘请法律顾问" if units else "本级尚未聘请法律顾问")
        if coverage is not None:
            line += f"，村（社区）法律顾问覆盖率{_pct(coverage)}"
        lines.append(line + "。")
    services = indicators.services_by_kind(orgs, period)
    parts = []
    if services["dispute"]:
        parts.append(f"参与涉法、信访矛盾调处{services['dispute']}次")
    if services["suggestion"]:
        parts.append(f"提供法律建议{services['suggestion']}条")
    if services["meeting"]:
        parts.append(f"列席会议{services['meeting']}次")
    if services["education"]:
        parts.append(f"开展法治讲座{services['education']}场")
    if parts:
        lines.append("法律顾问" + "，".join(parts) + "。")
    return lines
