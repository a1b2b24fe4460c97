"""行政执法 in words: report sentences and the two generated documents.

- ``sentences(orgs, period)``: the paragraph a 法治政府建设年度报告 quotes, every number computed.
- ``quarterly_docx``: the quarterly 行政执法工作报告 to the unit's leadership (行政执法报告制度).
- ``yearly_docx``: the yearly 行政执法数据 for publication (国办发〔2018〕118号, by 1月31日), live;
  ``annual_data_docx`` builds the same document from an ``AnnualData`` snapshot (what is published).
- ``snapshot(f)``: the figures made JSON-plain, as an ``AnnualData`` keeps them.
"""

import datetime as dt
import json
from decimal import Decimal

from yifa.core import deadlines
from yifa.core.officialdoc import OfficialDocument

from .indicators import figures


def _dec(value) -> Decimal:
    """Amounts come as Decimal (live) or as strings (a JSON snapshot)."""
    return Decimal(str(value or 0))


def _money(amount) -> str:
    value = float(_dec(amount))
    return f"{value / 10000:.2f}万元" if value >= 10000 else f"{value:.0f}元"


def _pct(rate) -> str:
    return "—" if rate is None else f"{rate:g}%"


def sentences(orgs, period) -> list[str]:
    """Chinese sentences with every figure computed from the registers."""
    return sentences_from(figures(orgs, period))


def snapshot(f: dict) -> dict:
    """The figures as JSON keeps them (Decimals as strings, dates as ISO text): a frozen copy."""
    return json.loads(json.dumps(f, default=str))


def sentences_from(f: dict) -> list[str]:
    """The sentences of ``sentences`` from figures already computed (live or a snapshot)."""
    cert = f["certificate"]
    lines = []
    if cert["officers"]:
        lines.append(f"现有在岗行政执法人员{cert['officers']}名，其中持有效执法证{cert['certified']}名，"
                     f"持证率{_pct(cert['rate'])}；法制审核人员{f['reviewers']['count']}名。")
    lines.append(f"办理行政处罚案件{f['cases_filed']['count']}件，其中普通程序{f['normal']['count']}件、"
                 f"简易程序{f['simple']['count']}件；作出行政处罚决定{f['penalties']['count']}件，"
                 f"罚没款{_money(_dec(f['fines']) + _dec(f['confiscated']))}。")
    if f["on_time"]["met"] + f["on_time"]["late"]:
        lines.append(f"普通程序案件按期办结率{_pct(f['on_time']['rate'])}"
                     f"（按期{f['on_time']['met']}件，逾期{f['on_time']['late']}件）。")
    share = f["review_share"]
    lines.append(f"开展重大执法决定法制审核{f['reviews']['count']}件次，出具同意意见{f['reviews']['agreed']}件次"
                 + (f"，普通程序处罚决定经法制审核的占{_pct(share['rate'])}" if share["of"] else "") + "。")
    results = {r["code"]: r["count"] for r in f["results"]}
    lines.append(f"开展“双随机、一公开”抽查{f['draws']['count']}次，完成执法检查{f['inspections']['count']}户次"
                 f"（其中随机抽查{f['inspections']['random']}户次），检查合格{results.get('passed', 0)}户次、"
                 f"责令整改{results.get('rectify', 0)}户次、立案查处{results.get('case', 0)}户次。")
    lines.append(f"公示行政处罚决定{f['publications']['count']}件"
                 + (f"，7个工作日内按时公示率{_pct(f['publications']['rate'])}" if f["publications"]["rate"] is not None
                    else "") + "。")
    if f["revoked"]["count"]:
        lines.append(f"行政处罚决定被撤销或变更{f['revoked']['count']}件，已依法撤回公示。")
    return lines


# ---------------------------------------------------------------- .docx (core's GB/T 9704 builder)


def _signers(orgs) -> str:
    return "、".join(o.name for o in orgs[:3]) + ("等" if len(orgs) > 3 else "")


def _figure_rows(f) -> list[list[str]]:
    cert = f["certificate"]
    results = {r["code"]: r["count"] for r in f["results"]}
    return [
        ["行政处罚案件（件）", f["cases_filed"]["count"]],
        ["其中：普通程序 / 简易程序", f"{f['normal']['count']} / {f['simple']['count']}"],
        ["作出处罚决定（件）", f["penalties"]["count"]],
        ["罚没款（元）", f"{float(_dec(f['fines']) + _dec(f['confiscated'])):,.2f}"],
        ["按期办结率", _pct(f["on_time"]["rate"])],
        ["法制审核（件次）", f["reviews"]["count"]],
        ["执法检查（户次）", f["inspections"]["count"]],
        ["检查结果：合格 / 责令整改 / 立案", f"{results.get('passed', 0)} / {results.get('rectify', 0)} / "
                                            f"{results.get('case', 0)}"],
        ["在岗执法人员 / 持证", f"{cert['officers']} / {cert['certified']}"],
        ["持证率", _pct(cert["rate"])],
        ["公示处罚决定（件）", f["publications"]["count"]],
    ]


def _unit_name(orgs) -> str:
    return orgs[0].name if len(orgs) == 1 else f"{orgs[0].name}等{len(orgs)}个单位"


def quarterly_docx(orgs, period, *, year: int, quarter: int) -> tuple[bytes, str]:
    """第N季度行政执法工作报告, to the unit's 党工委、办事处 (or 党委、政府)."""
    f = figures(orgs, period)
    unit = _unit_name(orgs)
    doc = OfficialDocument(title=f"{unit}{year}年第{quarter}季度行政执法工作报告")
    doc.para(f"按照行政执法报告制度，现将{year}年第{quarter}季度（{period[0].month}月{period[0].day}日至"
               f"{period[1].month}月{period[1].day}日）行政执法工作情况报告如下。")
    doc.heading("一、基本情况")
    for line in sentences(orgs, period):
        doc.para(line)
    doc.heading("二、主要数据")
    doc.table(["项目", "数据"], _figure_rows(f))
    doc.heading("三、案件办理阶段分布")
    doc.table(["办理阶段", "件数"], [[s["label"], s["count"]] for s in f["stages"] if s["count"]] or [["—", 0]])
    doc.heading("四、存在的问题和下一步工作")
    problems = []
    if f["overdue_open"]["count"]:
        problems.append(f"目前有{f['overdue_open']['count']}件案件超过办案期限尚未作出决定，须督促办结或依法报批延期。")
    if f["certificate"]["expiring"]:
        problems.append(f"{f['certificate']['expiring']}名执法人员的执法证即将到期，须及时办理换证。")
    if f["certificate"]["invalid"]:
        problems.append(f"{f['certificate']['invalid']}名在岗人员未持有效执法证，不得从事执法活动。")
    if f["on_time"]["late"]:
        problems.append(f"本季度有{f['on_time']['late']}件案件逾期办结。")
    for line in problems or ["本季度各项执法活动均在法定期限内完成。"]:
        doc.para(line)
    doc.signature(_signers(orgs), deadlines.today())
    return doc.to_bytes(), f"{unit}{year}年第{quarter}季度行政执法工作报告.docx"


def yearly_docx(orgs, period, *, year: int) -> tuple[bytes, str]:
    """上年度行政执法总体情况数据, computed now (a preview; what is published is ``annual_data_docx``)."""
    f = figures(orgs, period)
    unit = _unit_name(orgs)
    content = _yearly_document(unit, year, f, sentences_from(f), note="", on=deadlines.today(),
                               signers=orgs)
    return content, f"{unit}{year}年度行政执法数据.docx"


def annual_data_docx(record, *, on: dt.date, draft: bool) -> tuple[bytes, str]:
    """The yearly 行政执法数据 of an ``AnnualData`` record, from its frozen figures and sentences.

    A draft says so in its title line; the published one carries the publication date.
    """
    unit = record.org.name
    content = _yearly_document(unit, record.year, record.figures, record.sentences, note=record.note, on=on,
                               signers=[record.org], draft=draft, version=record.version)
    suffix = "（草稿）" if draft else (f"（更正版第{record.version}版）" if record.version > 1 else "")
    return content, f"{unit}{record.year}年度行政执法数据{suffix}.docx"


def _yearly_document(unit: str, year: int, f: dict, lines: list[str], *, note: str, on: dt.date, signers,
                     draft: bool = False, version: int = 0) -> bytes:
    """上年度行政执法总体情况数据, for publication (国办发〔2018〕118号: 每年1月31日前)."""
    subtitle = "（草稿，待本单位审核后公开）" if draft else (f"（更正后第{version}版）" if version > 1 else "")
    doc = OfficialDocument(title=f"{unit}{year}年度行政执法数据", subtitle=subtitle)
    doc.para(f"根据《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》"
               f"（国办发〔2018〕118号），现公开本单位{year}年度行政执法总体情况数据。")
    doc.heading("一、行政执法数据")
    doc.table(["项目", "数据"], _figure_rows(f))
    doc.heading("二、按执法领域统计的行政处罚案件")
    doc.table(["执法领域", "件数"], [[d["label"], d["count"]] for d in f["domains"]] or [["—", 0]])
    doc.heading("三、说明")
    for line in lines:
        doc.para(line)
    for line in (note or "").splitlines():
        if line.strip():
            doc.para(line.strip())
    doc.signature(_signers(signers), on)
    return doc.to_bytes()
