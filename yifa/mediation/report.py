"""Sentences for the 法治政府建设年度报告, computed from the register: ``(orgs, year) -> list[str]``.

Figures come from ``indicators`` so the report, the dashboard and the drill-down agree.
The wording follows what the units write today, e.g. "全年受理矛盾纠纷172起,调解成功170起,成功率98.8%".
"""

from .indicators import breakdown, figures, in_orgs, year_period
from .models import Committee, Mediator


def percent(value: float | None) -> str:
    """98.8 -> "98.8%", 100.0 -> "100%"."""
    if value is None:
        return "—"
    return f"{value:.1f}".rstrip("0").rstrip(".") + "%"


def sentences(orgs, year: int) -> list[str]:
    start, end = year_period(year)
    f = figures(orgs, start, end)
    lines = []
    n_committees = Committee.objects.filter(in_orgs(orgs), is_active=True).count()
    n_people = (Mediator.objects.filter(in_orgs(orgs, "committee__org"), is_active=True, committee__is_active=True)
                .exclude(position=Mediator.Position.LEGAL_ADVISER).count())
    if n_committees:
        lines.append(f"现有人民调解委员会{n_committees}个,配备专兼职人民调解员{n_people}名")
    if f["screenings"]:
        lines.append(f"全年开展矛盾纠纷排查{f['screenings']}次,排查发现矛盾纠纷{f['findings']}起")
    if not f["accepted"]:
        lines.append("全年未受理矛盾纠纷")
        return lines
    lines.append(f"全年受理矛盾纠纷{f['accepted']}起,调解成功{f['success']}起,成功率{percent(f['success_rate'])}")
    lines.append(f"调解{f['mediated']}起,调解率{percent(f['mediation_rate'])}")
    types = [r for r in breakdown(orgs, start, end, "type") if r["accepted"]][:4]
    if types:
        lines.append("其中" + "、".join(f"{r['label']}{r['accepted']}起" for r in types))
    if f["referral"]:
        lines.append(f"通过警调、诉调、访调对接受理纠纷{f['referral']}起")
    if f["concluded"]:
        lines.append(f"按期调结率{percent(f['on_time_rate'])}")
    if f["success"]:
        lines.append(f"对调解成功的纠纷回访{f['followed_up']}起,回访率{percent(f['follow_up_rate'])}")
    return lines


def paragraph(orgs, year: int) -> str:
    return ",".join(sentences(orgs, year)) + "。"
