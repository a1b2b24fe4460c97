"""Sentences for the yearly report from the 规范性文件 register: ``(orgs, period) -> [str]``."""

from . import indicators
from .actions import summary_of


def _pct(value) -> str:
    return f"{value.normalize():f}%"


def sentences(orgs, period) -> list[str]:
    lines = []
    figures = indicators.figures(orgs, period)
    if figures["published"]:
        line = (f"全年制定公布行政规范性文件{figures['published']}件，均经公开征求意见、合法性审核和集体审议，"
                f"统一登记、统一编号、统一公布，按规定报送备案{figures['filed']}件")
        if figures["filing_rate"] is not None:
            line += f"，报备率{_pct(figures['filing_rate'])}"
        if figures["filing_on_time_rate"] is not None:
            line += f"、报备及时率{_pct(figures['filing_on_time_rate'])}"
        lines.append(line + "。")
    if figures["reviewed"] or figures["corrections"]:
        lines.append(f"审查报备的规范性文件{figures['reviewed']}件，发现问题并责令纠正{figures['corrections']}件，"
                     "做到有件必备、有备必审、有错必纠。")
    for cleanup in indicators.cleanup_records(orgs, period):
        lines.append(f"开展{cleanup.title}，{summary_of(cleanup)}。")
    return lines
