"""重大行政决策台账 in Excel: the columns (template, import, export), one row per decision, and the checks a row
must pass before the ledger is imported (《重大行政决策程序暂行条例》, cited as 条例).

The import columns are what a unit's ledger records; the export adds the unit (决策机关), which an import
ignores (records are created in the acting unit), so an exported sheet imports again as the same decisions.
"""

import datetime as dt

from yifa.core import deadlines
from yifa.core.excel import Column, ImportResult, parse_date, parse_text
from yifa.core.ledgerchecks import RowChecks, labels, parse_year

from .models import ACT, Decision, DecisionStep

K = DecisionStep.Kind
S = DecisionStep.Status
D = Decision.Status
STEP_STATES = labels(S.choices)  # 待办理, 办理中, 已完成, 依法不适用
STEP_KEYS = {K.PARTICIPATION: "participation", K.EXPERT: "expert", K.RISK: "risk", K.LEGALITY: "legality",
             K.COLLECTIVE: "collective"}
STEP_HELP = "待办理、办理中、已完成或依法不适用；留空为待办理"

COLUMNS = [
    Column("year", "目录年度", False, parse_year, help="列入哪一年度的决策事项目录，如 2025；“三重一大”事项可留空",
           width=10),
    Column("kind", "类别", True, choices=labels(Decision.Kind.choices), width=14),
    Column("category", "事项类型", True, choices=labels(Decision.Category.choices), width=22),
    Column("title", "决策事项", True, parse_text(200), width=36),
    Column("undertaking_unit", "承办单位", False, parse_text(100), help="启动决策程序后必填（条例第十一条）", width=18),
    Column("planned", "计划完成时间", False, parse_text(50), help="如：2025年第三季度", width=16),
    Column("source", "决策启动来源", False, parse_text(100), width=16),
    Column("basis", "法律政策依据", False, parse_text(2000), width=30),
    Column("summary", "事项简介", False, parse_text(2000), width=30),
    Column("status", "状态", True, choices=labels(Decision.Status.choices), width=12),
    Column("participation", "公众参与", False, choices=STEP_STATES, help=STEP_HELP, width=12),
    Column("comment_opens_on", "征求意见开始", False, parse_date, width=14),
    Column("comment_closes_on", "征求意见截止", False, parse_date, help="一般不少于30日（条例第十五条）", width=14),
    Column("comment_short_reason", "缩短征求意见期限的理由", False, parse_text(200), width=20),
    Column("adoption_published_on", "采纳情况公布日期", False, parse_date, width=14),
    Column("expert", "专家论证", False, choices=STEP_STATES, help=STEP_HELP, width=12),
    Column("risk", "风险评估", False, choices=STEP_STATES, help=STEP_HELP, width=12),
    Column("legality", "合法性审查", False, choices=STEP_STATES, help="待办理或已完成；不能认定不适用（条例第二十五条）",
           width=12),
    Column("opinion_number", "审查意见书编号", False, parse_text(60), width=22),
    Column("collective", "集体讨论决定", False, choices=STEP_STATES, help="待办理、办理中（会议决定暂缓）或已完成",
           width=12),
    Column("decided_on", "决定日期", False, parse_date, help="集体讨论决定（或未予通过）的会议日期", width=14),
    Column("party_reported_on", "向党委请示报告日期", False, parse_date, width=14),
    Column("published_on", "公布日期", False, parse_date, width=14),
    Column("publication_channel", "公布渠道", False, parse_text(100), width=16),
    Column("archived_on", "归档日期", False, parse_date, width=14),
]
EXPORT_COLUMNS = [Column("org", "决策机关", width=16)] + COLUMNS

DATES = ("comment_opens_on", "adoption_published_on", "decided_on", "party_reported_on",
         "published_on", "archived_on")  # not the end of a comment period: it may still be running
DECIDED = (D.DECIDED, D.NOT_ADOPTED, D.PUBLISHED, D.ARCHIVED)


def export_row(d: Decision) -> dict:
    """The decision as one ledger row (steps prefetched)."""
    steps = {s.kind: s for s in d.steps.all()}
    collective = steps.get(K.COLLECTIVE)
    legality = steps.get(K.LEGALITY)
    row = {c.key: getattr(d, c.key, None) for c in COLUMNS}
    row.update(
        org=d.org.name, year=d.catalogue.year if d.catalogue else None,
        opinion_number=legality.opinion_number if legality else "",
        decided_on=d.decided_on or (collective.completed_on if collective else None),
        **{key: steps[kind].status if kind in steps else None for kind, key in STEP_KEYS.items()},
    )
    return {k: (None if v == "" else v) for k, v in row.items()}


def adopted(row: dict) -> bool:
    """Whether the meeting of this row adopted the decision (an archived one was adopted if it was published)."""
    return row["status"] in (D.DECIDED, D.PUBLISHED) or (row["status"] == D.ARCHIVED and bool(row.get("published_on")))


def check(result: ImportResult, *, org, user, today: dt.date) -> None:
    """What each 状态 needs (steps settled, dates present), dates in order, and no decision twice."""
    c = RowChecks(result, COLUMNS, today)
    existing = set(Decision.objects.filter(org=org).values_list("catalogue__year", "title"))
    seen: dict = {}
    due = deadlines.DueDates(row.get("comment_opens_on") for _n, row in c.rows())
    for number, row in c.rows():
        for key in STEP_KEYS.values():
            row[key] = row.get(key) or S.PENDING
        status = row["status"]
        label = Decision.Status(status).label
        c.not_future(number, row, DATES)
        if row.get("year") and row["year"] > today.year + 1:
            c.error(number, "year", f"目录年度不能晚于{today.year + 1}年。")
        triple = row["category"] in ("triple_matter", "triple_cadre", "triple_project", "triple_funds")
        if triple != (row["kind"] == Decision.Kind.TRIPLE):
            c.error(number, "category", "事项类型与类别不符：“三重一大”事项的类型为重大事项决策、重要干部任免、重大项目安排或"
                                        "大额度资金运作，重大行政决策为条例第三条所列类型。")
        _check_steps(c, number, row, status, label)
        _check_participation(c, number, row, due)
        _check_outcome(c, number, row, status, label)
        c.unique(number, "title", (row.get("year"), row["title"]), existing=existing, seen=seen,
                 what=f"{row['year'] or ''}{'年度' if row.get('year') else ''}“{row['title']}”这一决策事项")
    c.done()


def _check_steps(c: RowChecks, number: int, row: dict, status: str, label: str) -> None:
    for kind in (K.LEGALITY, K.COLLECTIVE):
        if row[STEP_KEYS[kind]] == S.WAIVED:
            c.error(number, STEP_KEYS[kind], f"{K(kind).label}是必经程序，不能认定不适用（{DecisionStep.ARTICLES[kind]}）。")
    if row["legality"] == S.IN_PROGRESS:
        c.error(number, "legality", f"正在审查中的，请填“待办理”，导入后在本系统送请合法性审查（{ACT}第二十五条）。")
    if row["legality"] == S.DONE:
        c.need(number, row, "opinion_number", "合法性审查已完成的")
    elif row["legality"] == S.PENDING:
        c.refuse(number, row, "opinion_number", "合法性审查尚未完成")
    if status == D.LISTED:
        for kind, key in STEP_KEYS.items():
            if row[key] not in (S.PENDING, S.WAIVED):
                c.error(number, key, f"状态为“{label}”的事项尚未启动决策程序，{K(kind).label}只能是待办理或依法不适用。")
    elif status in (D.DRAFTING, D.WITHDRAWN):
        if status == D.DRAFTING:
            c.need(number, row, "undertaking_unit", f"已启动决策程序的（{ACT}第十一条）")
        if row["collective"] == S.DONE:
            c.error(number, "collective", f"状态为“{label}”的事项尚未作出决定，集体讨论决定应为待办理。")
    elif status in DECIDED:
        c.need(number, row, "undertaking_unit", f"已启动决策程序的（{ACT}第十一条）")
        for kind, key in STEP_KEYS.items():
            if row[key] not in (S.DONE, S.WAIVED):
                c.error(number, key, f"状态为“{label}”的，{K(kind).label}应已完成或依法不适用（{DecisionStep.ARTICLES[kind]}）。")


def _check_participation(c: RowChecks, number: int, row: dict, due: deadlines.DueDates) -> None:
    state = row["participation"]
    keys = ("comment_opens_on", "comment_closes_on", "adoption_published_on", "comment_short_reason")
    if state in (S.PENDING, S.WAIVED):
        why = "公众参与尚未开展" if state == S.PENDING else "公众参与依法不适用"
        for key in keys:
            c.refuse(number, row, key, why)
        return
    if state == S.IN_PROGRESS and row["status"] not in (D.DRAFTING, D.WITHDRAWN):
        return  # the status check has named the step already
    opens = c.need(number, row, "comment_opens_on", "公众参与已开展的")
    closes = c.need(number, row, "comment_closes_on", "公众参与已开展的")
    if state == S.DONE:
        c.need(number, row, "adoption_published_on", f"公众参与已完成的（采纳情况应当公布，{ACT}第十八条）")
    else:
        c.refuse(number, row, "adoption_published_on", "公众参与办理中（采纳情况尚未公布）")
    if not (opens and closes):
        return
    if row["comment_closes_on"] <= row["comment_opens_on"]:
        c.error(number, "comment_closes_on", "征求意见截止日期应晚于开始日期。")
    elif not row.get("comment_short_reason"):
        earliest = due("decisions.public_comment", row["comment_opens_on"])[0]
        if row["comment_closes_on"] < earliest:
            c.error(number, "comment_closes_on",
                    f"征求意见期限不足：{ACT}第十五条规定一般不少于30日，自{deadlines.fmt(row['comment_opens_on'])}开始的，"
                    f"截止日期不得早于{deadlines.fmt(earliest)}；确需缩短的，请填写缩短理由。")
    if row.get("adoption_published_on") and row["adoption_published_on"] <= row["comment_closes_on"]:
        c.error(number, "adoption_published_on", "采纳情况应在征求意见期满后公布（晚于征求意见截止日期）。")


def _check_outcome(c: RowChecks, number: int, row: dict, status: str, label: str) -> None:
    if status in DECIDED:
        c.need(number, row, "decided_on", f"状态为“{label}”的")
    else:
        c.refuse(number, row, "decided_on", f"状态为“{label}”的事项尚未作出决定")
    if status in (D.PUBLISHED,) or (status == D.ARCHIVED and row.get("published_on")):
        c.need(number, row, "published_on", f"状态为“{label}”的")
    elif status != D.ARCHIVED:
        c.refuse(number, row, "published_on", f"状态为“{label}”的事项尚未公布")
    if not adopted(row):
        for key in ("party_reported_on", "publication_channel"):
            c.refuse(number, row, key, f"状态为“{label}”的事项没有公布决策")
    if status == D.ARCHIVED:
        c.need(number, row, "archived_on", f"状态为“{label}”的")
    else:
        c.refuse(number, row, "archived_on", f"状态为“{label}”的事项尚未归档")
    c.not_before(number, row, "decided_on", "adoption_published_on", "应在公众意见采纳情况公布之后作出决定。")
    c.not_before(number, row, "decided_on", "comment_closes_on", "应在征求意见期满之后作出决定。")
    c.not_before(number, row, "party_reported_on", "decided_on")
    c.not_before(number, row, "published_on", "party_reported_on",
                 f"重大行政决策出台前应当向同级党委请示报告（{ACT}第三十一条）：公布日期不能早于请示报告日期。")
    c.not_before(number, row, "published_on", "decided_on")
    c.not_before(number, row, "archived_on", "published_on")
    c.not_before(number, row, "archived_on", "decided_on")
