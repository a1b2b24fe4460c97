"""行政规范性文件台账 in Excel: the columns (template, import, export), one row per document with its 备案, and the
checks a row must pass before the ledger is imported (国办发〔2018〕37号: 征求意见 → 合法性审核 → 集体审议 →
统一登记编号 → 公布; 有件必备).

The import columns are what a unit's ledger records; the export adds the unit (制定机关), the end of the validity
period and the validity today, which an import ignores or recomputes, so an exported sheet imports again as the
same documents.
"""

import datetime as dt

from yifa.core import deadlines
from yifa.core.excel import Column, ImportResult, parse_date, parse_int, parse_text
from yifa.core.ledgerchecks import YES_NO, RowChecks, labels

from .models import GB_37, Filing, NormativeDocument

S = NormativeDocument.Status
V = NormativeDocument.Validity
ORDER = [S.DRAFTING, S.COMMENTING, S.COMMENTED, S.REVIEWING, S.REVIEWED, S.DELIBERATED, S.REGISTERED, S.PUBLISHED]
CONCLUSIONS = {"合法": "合法", "修改后合法": "修改后合法", "不合法": "不合法"}  # the review module's labels

COLUMNS = [
    Column("number", "文号", False, parse_text(60), help="统一登记编号后必填，如 东街规〔2025〕1号", width=20),
    Column("title", "文件名称", True, parse_text(200), width=40),
    Column("drafting_unit", "起草单位", False, parse_text(100), width=14),
    Column("touches_business", "涉及市场主体", False, choices=YES_NO,
           help="与市场主体生产经营活动密切相关的填“是”（征求意见不少于30日）", width=12),
    Column("basis", "制定依据", False, parse_text(2000), width=30),
    Column("status", "状态", True, choices=labels(S.choices), width=14),
    Column("comment_opens_on", "征求意见开始", False, parse_date, width=14),
    Column("comment_closes_on", "征求意见截止", False, parse_date, help="不少于7个工作日；涉及市场主体的不少于30日",
           width=14),
    Column("comment_closed_on", "采纳情况公布日期", False, parse_date, width=14),
    Column("review_opinion_number", "合法性审核意见书编号", False, parse_text(60), width=22),
    Column("review_conclusion", "合法性审核结论", False, choices=CONCLUSIONS, width=12),
    Column("reviewed_on", "合法性审核日期", False, parse_date, width=14),
    Column("deliberation_body", "集体审议会议", False, parse_text(100), help="如：街道党工委会议、主任办公会议", width=18),
    Column("deliberated_on", "集体审议日期", False, parse_date, width=14),
    Column("registered_on", "登记日期", False, parse_date, width=14),
    Column("published_on", "公布日期", False, parse_date, width=14),
    Column("publication_channel", "公布渠道", False, parse_text(100), width=16),
    Column("effective_on", "施行日期", False, parse_date, width=14),
    Column("validity_months", "有效期（月）", False, parse_int, help="留空为本地规定的最长有效期", width=12),
    Column("validity", "效力状态", False, choices=labels(V.choices), help="有效、失效、已废止或已修改；留空为有效",
           width=10),
    Column("validity_changed_on", "效力变更日期", False, parse_date, width=14),
    Column("validity_note", "效力变更说明", False, parse_text(200), width=20),
    Column("filed_on", "报备日期", False, parse_date, width=14),
    Column("filing_status", "备案审查", False, choices=labels(Filing.Status.choices),
           help="待审查、审查通过、责令纠正或已报告纠正情况", width=14),
    Column("ordered_on", "责令纠正日期", False, parse_date, width=14),
    Column("answer_kind", "纠正情况", False, choices=labels(Filing.AnswerKind.choices), width=12),
    Column("answered_on", "报告纠正情况日期", False, parse_date, width=14),
]
EXPORT_COLUMNS = [Column("org", "制定机关", width=16)] + COLUMNS + [
    Column("expires_on", "有效期至", width=14), Column("validity_now", "现行效力", width=10),
]

DATES = ("comment_opens_on", "comment_closed_on", "reviewed_on", "deliberated_on", "registered_on", "published_on",
         "validity_changed_on", "filed_on", "ordered_on", "answered_on")  # not the end of a comment period or the day a document takes effect


def export_row(d: NormativeDocument, filing: Filing | None, today: dt.date) -> dict:
    row = {c.key: getattr(d, c.key, None) for c in COLUMNS}
    published = d.status == S.PUBLISHED
    row.update(
        org=d.org.name, review_conclusion=d.review_conclusion or None,
        validity=d.validity if published else None,
        filed_on=filing.filed_on if filing else None, filing_status=filing.status if filing else None,
        ordered_on=filing.ordered_on if filing else None, answer_kind=(filing.answer_kind or None) if filing else None,
        answered_on=filing.answered_on if filing else None,
        expires_on=d.expires_on, validity_now=d.current_validity_label(today) if published else None,
    )
    return {k: (None if v == "" else v) for k, v in row.items()}


def reached(status: str, stage: str) -> bool:
    """Whether a document in ``status`` has gone through ``stage`` (a withdrawn one: judged by its dates)."""
    return status in ORDER and ORDER.index(status) >= ORDER.index(stage)


def check(result: ImportResult, *, org, user, today: dt.date) -> None:
    """What each 状态 needs (the dates and numbers of each stage passed, none of the stages not yet reached), dates in
    order, 征求意见 long enough, and no 文号 twice."""
    c = RowChecks(result, COLUMNS, today)
    existing = set(NormativeDocument.objects.filter(org=org).exclude(number="").values_list("number", flat=True))
    seen: dict = {}
    due = deadlines.DueDates(row.get("comment_opens_on") for _n, row in c.rows())
    validity_rule = deadlines.get_rule("normative.validity")
    for number, row in c.rows():
        status = row["status"]
        label = S(status).label
        c.not_future(number, row, DATES)
        if status == S.REVIEWING:
            c.error(number, "status", f"合法性审核中的文件，请按“意见已研究处理”导入，导入后在本系统送请合法性审核（{GB_37}）。")
            continue
        withdrawn = status == S.WITHDRAWN
        stages = [  # (stage, its columns, who must fill them, what it is called)
            (S.COMMENTING, ("comment_opens_on", "comment_closes_on"), "已公开征求意见的", "公开征求意见"),
            (S.COMMENTED, ("comment_closed_on",), "征求意见已结束的（采纳情况应当公布）", "结束征求意见"),
            (S.REVIEWED, ("review_opinion_number", "review_conclusion", "reviewed_on"),
             f"已通过合法性审核的（未经合法性审核或者经审核不合法的，不得提交集体审议，{GB_37}）", "通过合法性审核"),
            (S.DELIBERATED, ("deliberation_body", "deliberated_on"), "已集体审议的", "集体审议"),
            (S.REGISTERED, ("number", "registered_on"), f"已统一登记编号的（{GB_37}）", "统一登记编号"),
            (S.PUBLISHED, ("published_on", "effective_on"), "已公布的", "公布"),
        ]
        for stage, keys, who, what in stages:
            if reached(status, stage):
                for key in keys:
                    c.need(number, row, key, who)
            elif not withdrawn and not (stage == S.REVIEWED and status == S.COMMENTED):  # a review found unlawful
                for key in keys:
                    c.refuse(number, row, key, f"状态为“{label}”的文件尚未{what}")
        if withdrawn:
            for key in ("number", "registered_on", "published_on", "effective_on"):
                c.refuse(number, row, key, "已终止制定的文件没有登记编号、也未公布")
        _check_review(c, number, row, status)
        _check_comment(c, number, row, due)
        _check_publication(c, number, row, status, label, validity_rule, org)
        c.not_before(number, row, "reviewed_on", "comment_closed_on", "合法性审核应在征求意见结束之后。")
        c.not_before(number, row, "deliberated_on", "reviewed_on",
                     f"合法性审核意见出具之前不得提交集体审议（{GB_37}）。")
        c.not_before(number, row, "registered_on", "deliberated_on")
        c.not_before(number, row, "published_on", "registered_on")
        c.unique(number, "number", row.get("number"), existing=existing, seen=seen, what=f"文号为{row.get('number')}的文件")
    c.done()


def _check_review(c: RowChecks, number: int, row: dict, status: str) -> None:
    conclusion = row.get("review_conclusion")
    if reached(status, S.REVIEWED) and conclusion == "不合法":
        c.error(number, "review_conclusion", f"经审核不合法的，不得提交集体审议（{GB_37}）：状态应为“意见已研究处理”，"
                                             "修改后重新送审。")
    if status == S.COMMENTED and conclusion and conclusion != "不合法":
        c.error(number, "review_conclusion", "已通过合法性审核的，状态应为“已通过合法性审核”或其后的状态。")


def _check_comment(c: RowChecks, number: int, row: dict, due: deadlines.DueDates) -> None:
    opens, closes = row.get("comment_opens_on"), row.get("comment_closes_on")
    if not (opens and closes):
        return
    if closes <= opens:
        c.error(number, "comment_closes_on", "征求意见截止日期应晚于开始日期。")
        return
    rule = "normative.comment_business" if row.get("touches_business") else "normative.comment"
    earliest = due(rule, opens)[0]
    if closes < earliest:
        scope = "与市场主体生产经营活动密切相关的，" if row.get("touches_business") else ""
        period = "30日" if row.get("touches_business") else "7个工作日"
        c.error(number, "comment_closes_on",
                f"征求意见期限不足：{scope}公开征求意见的期限不少于{period}（市县法治政府建设示范指标体系第24项），"
                f"自{deadlines.fmt(opens)}开始的，截止日期不得早于{deadlines.fmt(earliest)}。")
    if row.get("comment_closed_on") and row["comment_closed_on"] <= closes:
        c.error(number, "comment_closed_on", "采纳情况应在征求意见期满后公布（晚于征求意见截止日期）。")


def _check_publication(c: RowChecks, number: int, row: dict, status: str, label: str, validity_rule, org) -> None:
    if status != S.PUBLISHED:
        for key in ("publication_channel", "validity_months", "validity", "validity_changed_on", "validity_note",
                    "filed_on", "filing_status", "ordered_on", "answer_kind", "answered_on"):
            c.refuse(number, row, key, f"状态为“{label}”的文件尚未公布")
        return
    c.not_before(number, row, "effective_on", "published_on",
                 "施行日期不能早于公布日期：未经公布的规范性文件不得作为行政管理依据。")
    months = row.get("validity_months")
    if months is not None and not 1 <= months <= validity_rule.count:
        c.error(number, "validity_months", f"有效期一般不超过{validity_rule.period_label}"
                                           f"（{validity_rule.basis or '本地规定'}），且至少1个月。")
    if row.get("validity") in (V.EXPIRED, V.REPEALED, V.AMENDED):
        c.need(number, row, "validity_changed_on", f"效力状态为“{V(row['validity']).label}”的")
    else:
        c.refuse(number, row, "validity_changed_on", "效力状态为有效的文件没有效力变更")
    c.not_before(number, row, "validity_changed_on", "effective_on")
    c.not_before(number, row, "filed_on", "published_on", "报备日期不能早于公布日期。")
    if row.get("filing_status"):
        c.need(number, row, "filed_on", "填写了备案审查结果的")
    _check_correction(c, number, row)
    if row.get("filed_on") and org is not None and org.parent_id is None:
        c.error(number, "filed_on", "本单位没有上级机关，无需报送备案。")


def _check_correction(c: RowChecks, number: int, row: dict) -> None:
    """责令纠正 and its answer: the order once the review found a problem, the answer once reported."""
    status = row.get("filing_status")
    F = Filing.Status
    if status in (F.CORRECTION, F.ANSWERED):
        c.need(number, row, "ordered_on", f"备案审查为“{F(status).label}”的")
    elif status == F.SUBMITTED or not status:
        for key in ("ordered_on", "answer_kind", "answered_on"):
            c.refuse(number, row, key, "备案审查尚未责令纠正" if status else "尚未报送备案")
    if status == F.ANSWERED:
        c.need(number, row, "answer_kind", "已报告纠正情况的")
        c.need(number, row, "answered_on", "已报告纠正情况的")
    elif status == F.CORRECTION:
        for key in ("answer_kind", "answered_on"):
            c.refuse(number, row, key, "责令纠正后尚未报告纠正情况")
    if (row.get("answer_kind") or row.get("answered_on")) and status == F.PASSED:
        c.need(number, row, "ordered_on", "填写了纠正情况的")
    c.not_before(number, row, "ordered_on", "filed_on")
    c.not_before(number, row, "answered_on", "ordered_on")
