"""The Excel 台账 units keep today, described once for template, import and export (yifa.core.excel).

Import columns are what a unit types; export adds the computed ones (期限, 状态, 是否按时), which an
import ignores, so an exported sheet imports again as the same records.
"""

from yifa.core.deadlines import fmt
from yifa.core.excel import Column, ImportResult, parse_date, parse_text
from yifa.core.ledgerchecks import RowChecks

from .models import FollowUpLetter, Hearing, RespondentCase, Suggestion

YES_NO = {"是": True, "否": False}


def _labels(choices) -> dict:
    return {label: value for value, label in choices}


SUGGESTION_COLUMNS = [
    Column("kind", "类别", True, choices=_labels(Suggestion.Kind.choices), width=14),
    Column("our_role", "承办方式", True, choices=_labels(Suggestion.Part.choices), width=10),
    Column("serial_no", "编号", True, parse_text(40), width=10),
    Column("session", "届次会议", False, parse_text(80), width=26),
    Column("title", "标题", True, parse_text(200), width=36),
    Column("proposer", "领衔代表（提案人）", True, parse_text(60)),
    Column("co_proposers", "附议代表", False, parse_text(300)),
    Column("assigned_by", "交办机关", True, parse_text(80), width=24),
    Column("assigned_on", "交办日期", True, parse_date, help="如 2025-03-01", width=14),
    Column("difficult", "涉及面广难度大", False, choices=YES_NO, width=12),
    Column("key_supervision", "重点督办", False, choices=YES_NO, width=10),
    Column("lead_department", "主办科室", False, parse_text(60)),
    Column("contacted_on", "与代表沟通日期", False, parse_date, width=14),
    Column("replied_on", "答复日期", False, parse_date, width=14),
    Column("reply_category", "答复类别", False, choices={"A类": "A", "B类": "B", "C类": "C"}, width=10),
    Column("reply_no", "答复文号", False, parse_text(60)),
    Column("reply_summary", "答复内容摘要", False, parse_text(2000), width=36),
    Column("satisfaction", "代表满意度", False, choices=_labels(Suggestion.Satisfaction.choices), width=12),
    Column("feedback_on", "反馈日期", False, parse_date, width=14),
]
SUGGESTION_EXPORT_COLUMNS = SUGGESTION_COLUMNS + [
    Column("due_on", "答复期限", width=14),
    Column("status", "状态", width=10),
    Column("on_time", "是否按时答复", width=12),
]

HEARING_APPEARANCE = _labels(Hearing.Appearance.choices)

CASE_COLUMNS = [
    Column("kind", "类别", True, choices=_labels(RespondentCase.Kind.choices), width=12),
    Column("instance", "审级", False, choices=_labels(RespondentCase.Instance.choices), help="行政诉讼填写", width=8),
    Column("simple_procedure", "简易程序", False, choices=YES_NO, help="行政复议填写", width=10),
    Column("case_no", "案号", False, parse_text(60), width=24),
    Column("body", "复议机关（受理法院）", True, parse_text(80), width=22),
    Column("claimant", "申请人（原告）", True, parse_text(100)),
    Column("act_category", "被申请（被诉）行为类别", False, choices=_labels(RespondentCase.ActCategory.choices),
           width=14),
    Column("disputed_act", "被申请（被诉）行政行为", True, parse_text(300), width=36),
    Column("received_on", "收到日期", True, parse_date, help="收到答复通知书或起诉状副本的日期", width=14),
    Column("agent", "承办人（委托代理人）", False, parse_text(100)),
    Column("replied_on", "答复（答辩）日期", False, parse_date, width=14),
    Column("evidence", "证据和依据", False, parse_text(5000), width=30),
    Column("hearing_on", "开庭（听证）日期", False, parse_date, width=14),
    Column("appearance", "出庭情况", False, choices=HEARING_APPEARANCE, width=24),
    Column("head_name", "出庭负责人", False, parse_text(40)),
    Column("outcome", "审结结果", False, choices=_labels(RespondentCase.Outcome.choices), width=14),
    Column("decided_on", "审结日期", False, parse_date, width=14),
    Column("decision_no", "文书文号", False, parse_text(60), width=22),
]
CASE_EXPORT_COLUMNS = CASE_COLUMNS + [
    Column("due_on", "答复（答辩）期限", width=14),
    Column("status", "状态", width=12),
    Column("loss", "是否败诉（被纠错）", width=12),
]


ON_TIME = {True: "按时", False: "逾期", None: ""}


def _export_row(obj, columns, **extra) -> dict:
    """A record's export row: its value for each import column, then ``extra``; empty text as an empty cell."""
    row = {c.key: getattr(obj, c.key, None) for c in columns}
    row.update(extra)
    return {k: (None if v == "" else v) for k, v in row.items()}


def suggestion_row(s: Suggestion) -> dict:
    return _export_row(s, SUGGESTION_COLUMNS, due_on=s.due_on, status=s.get_status_display(),
                       on_time=ON_TIME[s.on_time])


def case_row(c: RespondentCase) -> dict:
    hearing = next(iter(c.hearings.all()), None)
    return _export_row(
        c, CASE_COLUMNS,
        hearing_on=hearing.held_on if hearing else None,
        appearance=hearing.appearance if hearing else None,
        head_name=(hearing.head_name or None) if hearing else None,
        due_on=c.due_on, status=c.get_status_display(),
        loss=("是" if c.is_loss else "否") if c.outcome else "",
    )


def check_suggestions(result: ImportResult, org, today) -> None:
    """Cross-column and duplicate checks after ``read_rows``: each problem becomes a RowError naming row and column."""
    c = RowChecks(result, SUGGESTION_COLUMNS, today)
    existing = set(Suggestion.objects.filter(org=org).values_list("kind", "session", "serial_no"))
    seen: dict[tuple, int] = {}

    for number, row in result.numbered:
        c.not_future(number, row, ("assigned_on", "contacted_on", "replied_on", "feedback_on"))
        for later in ("contacted_on", "replied_on"):
            c.not_before(number, row, later, "assigned_on", "不能早于交办日期。")
        c.not_before(number, row, "feedback_on", "replied_on", "不能早于答复日期。")
        if row.get("replied_on") and not row.get("reply_category"):
            c.error(number, "reply_category", "已答复的须填写答复类别（A类、B类或C类）。")
        if row.get("satisfaction") and not row.get("replied_on"):
            c.error(number, "satisfaction", "尚未答复的建议不能有满意度测评。")
        if row.get("satisfaction") and not row.get("feedback_on"):
            c.error(number, "feedback_on", "填写了满意度的，须填写反馈日期。")
        key = (row["kind"], row.get("session") or "", row["serial_no"])
        if key in existing:
            c.error(number, "serial_no", f"本单位已登记过{row.get('session') or ''}编号为{row['serial_no']}的建议（提案）。")
        elif key in seen:
            c.error(number, "serial_no", f"与第 {seen[key]} 行重复。")
        seen.setdefault(key, number)
    c.done()


def check_cases(result: ImportResult, org, today) -> None:
    c = RowChecks(result, CASE_COLUMNS, today)
    existing = set(RespondentCase.objects.filter(org=org).exclude(case_no="").values_list("kind", "case_no"))
    seen: dict[tuple, int] = {}

    for number, row in result.numbered:
        litigation = row["kind"] == RespondentCase.Kind.LITIGATION
        c.not_future(number, row, ("received_on", "replied_on", "hearing_on", "decided_on"))
        for later in ("replied_on", "hearing_on", "decided_on"):
            c.not_before(number, row, later, "received_on", "不能早于收到日期。")
        if not litigation and row.get("instance"):
            c.error(number, "instance", "行政复议不分审级，请留空。")
        if litigation and row.get("simple_procedure"):
            c.error(number, "simple_procedure", "简易程序一栏只适用于行政复议。")
        if row.get("hearing_on") and not row.get("appearance"):
            c.error(number, "appearance", "填写了开庭（听证）日期的，须填写出庭情况。")
        if row.get("appearance") and not row.get("hearing_on"):
            c.error(number, "hearing_on", "填写了出庭情况的，须填写开庭（听证）日期。")
        if row.get("hearing_on") and not row.get("replied_on"):
            c.error(number, "replied_on", "开庭（听证）前须已提交答复（答辩），请填写答复日期。")
        if row.get("appearance") == Hearing.Appearance.HEAD and not row.get("head_name"):
            c.error(number, "head_name", "负责人出庭的，须填写出庭负责人。")
        outcome = row.get("outcome")
        if outcome and not row.get("decided_on"):
            c.error(number, "decided_on", "填写了审结结果的，须填写审结日期。")
        if row.get("decided_on") and not outcome:
            c.error(number, "outcome", "填写了审结日期的，须填写审结结果。")
        excluded = RespondentCase.RECONSIDERATION_ONLY if litigation else RespondentCase.LITIGATION_ONLY
        if outcome in excluded:
            kind = RespondentCase.Kind(row["kind"]).label
            c.error(number, "outcome", f"“{RespondentCase.Outcome(outcome).label}”不是{kind}的结案方式。")
        if row.get("case_no"):
            key = (row["kind"], row["case_no"])
            if key in existing:
                c.error(number, "case_no", f"本单位已登记过案号为{row['case_no']}的案件。")
            elif key in seen:
                c.error(number, "case_no", f"与第 {seen[key]} 行重复。")
            seen.setdefault(key, number)
    c.done()


# How a letter row finds its case (the case's 案号 is optional: a case may be registered before its number is known).
CASE_PARTY_HEADERS = "申请人（原告）和案件收到日期"

LETTER_COLUMNS = [
    Column("kind", "类别", True, choices=_labels(FollowUpLetter.Kind.choices), width=16),
    Column("case_no", "案号", False, parse_text(60),
           help="所针对案件的案号，按案号查找案件；案件没有案号的留空，填写后两列", width=24),
    Column("claimant", "申请人（原告）", False, parse_text(100), help="案号留空的必填，与案件登记的一致", width=16),
    Column("case_received_on", "案件收到日期", False, parse_date,
           help="案号留空的必填：收到答复通知书或起诉状副本的日期，如 2025-09-26", width=14),
    Column("letter_no", "文号", False, parse_text(60), width=22),
    Column("issued_by", "制发机关", True, parse_text(80), width=22),
    Column("received_on", "收到日期", True, parse_date, help="收到意见书（司法建议）的日期，如 2025-10-08", width=14),
    Column("content", "主要内容", True, parse_text(5000), width=36),
    Column("answered_on", "回复日期", False, parse_date, help="尚未回复的留空", width=14),
    Column("answer", "整改（采纳）情况", False, parse_text(5000), width=36),
]
LETTER_EXPORT_COLUMNS = LETTER_COLUMNS + [
    Column("due_on", "回复期限", width=14),
    Column("status", "状态", width=10),
    Column("on_time", "是否按时回复", width=12),
]


def letter_row(letter: FollowUpLetter) -> dict:
    """The letter's row, its case written both ways (案号, and 申请人 with the case's 收到日期) so that the row finds
    the case again on import even when the case has no 案号."""
    case = letter.case
    return _export_row(letter, LETTER_COLUMNS, case_no=case.case_no, claimant=case.claimant,
                       case_received_on=case.received_on, due_on=letter.due_on,
                       status=letter.get_status_display(), on_time=ON_TIME[letter.on_time])


class LetterCases:
    """The unit's 复议、应诉 cases as letter rows name them. A row with a 案号 finds its case by 案号; a row without
    one by (申请人（原告）, 案件收到日期: the day the 答复通知书 or 起诉状副本 came), which every case has. The
    letter's 类别 narrows what is found: a 行政复议意见书 answers a 复议 case, a 司法建议 an 诉讼 case when cases of
    both kinds match (a 司法建议 on the only matching case, a 复议 one, is kept)."""

    def __init__(self, org):
        self.by_number: dict[str, list] = {}  # a number may name a 复议 and an 诉讼 case both
        self.by_party: dict[tuple, list] = {}
        cases = RespondentCase.objects.filter(org=org).only("pk", "kind", "case_no", "claimant", "received_on")
        for case in cases.order_by("pk"):
            if case.case_no:
                self.by_number.setdefault(case.case_no, []).append(case)
            self.by_party.setdefault((case.claimant.strip(), case.received_on), []).append(case)

    def candidates(self, row: dict) -> list:
        if row.get("case_no"):
            found = self.by_number.get(row["case_no"], [])
        else:
            found = self.by_party.get((row.get("claimant") or "", row.get("case_received_on")), [])
        litigation = row.get("kind") == FollowUpLetter.Kind.JUDICIAL
        return [c for c in found if c.is_litigation == litigation] or found

    def find(self, row: dict):
        """The one case the row names, or None (none or several: ``check_letters`` has refused such a row)."""
        found = self.candidates(row)
        return found[0] if len(found) == 1 else None


def _kinds(cases: list) -> str:
    kinds = {c.kind for c in cases}
    return RespondentCase.Kind(kinds.pop()).label if len(kinds) == 1 else "复议、应诉"


def check_letters(result: ImportResult, org, today) -> None:
    """Each row's case found exactly once (by 案号, or without one by 申请人 and 收到日期), then the letter's own checks.
    With a 案号, the 申请人 and 收到日期 a row also gives must be the case's: a mistyped number would find another case."""
    c = RowChecks(result, LETTER_COLUMNS, today)
    cases = LetterCases(org)
    existing = set(FollowUpLetter.objects.filter(org=org).exclude(letter_no="").values_list("kind", "letter_no"))
    seen: dict[tuple, int] = {}

    for number, row in result.numbered:
        c.not_future(number, row, ("received_on", "answered_on", "case_received_on"))
        case = None
        case_no, claimant, case_day = row.get("case_no"), row.get("claimant"), row.get("case_received_on")
        found = cases.candidates(row)
        if not case_no and not (claimant and case_day):
            for key in ("claimant", "case_received_on"):
                if not row.get(key):
                    c.error(number, key, f"未填写案号的，须填写{CASE_PARTY_HEADERS}，据此查找案件。")
        elif not found and case_no:
            c.error(number, "case_no", f"本单位没有案号为“{case_no}”的复议、应诉案件。请核对案号，或先登记（导入）该案件；"
                                     f"案件登记时没有案号的，将案号留空，按{CASE_PARTY_HEADERS}查找。")
        elif not found:
            c.error(number, "claimant", f"本单位没有申请人（原告）为“{claimant}”、案件收到日期为{fmt(case_day)}的"
                                      "复议、应诉案件。请核对这两列，或先登记（导入）该案件。")
        elif len(found) > 1 and case_no:
            c.error(number, "case_no", f"本单位有{len(found)}件案号为“{case_no}”的{_kinds(found)}案件，无法确定是哪一件。"
                                     "请先在案件页面“更正登记信息”中改正重复的案号。")
        elif len(found) > 1:
            c.error(number, "case_no", f"本单位有{len(found)}件申请人（原告）为“{claimant}”、案件收到日期为{fmt(case_day)}"
                                     f"的{_kinds(found)}案件，请填写案号以区分（案件还没有案号的，先在案件页面"
                                     "“更正登记信息”中补录案号）。")
        else:
            case = found[0]
        if case is not None and case_no:
            if claimant and claimant != case.claimant.strip():
                c.error(number, "claimant", f"案号为“{case_no}”的案件申请人（原告）是“{case.claimant}”，与本行不一致，"
                                          "请核对案号或申请人（原告）。")
            if case_day and case_day != case.received_on:
                c.error(number, "case_received_on", f"案号为“{case_no}”的案件收到日期是{fmt(case.received_on)}，"
                                                  "与本行不一致，请核对案号或案件收到日期。")
        if case is not None:
            if row["kind"] == FollowUpLetter.Kind.OPINION and case.is_litigation:
                c.error(number, "kind", "行政复议意见书只针对行政复议案件，所填案件是行政诉讼案件。")
            if row.get("received_on") and row["received_on"] < case.received_on:
                c.error(number, "received_on", f"不能早于案件的收到日期（{fmt(case.received_on)}）。")
        c.not_before(number, row, "answered_on", "received_on", "回复日期不能早于收到日期。")
        if row.get("answered_on") and not row.get("answer"):
            c.error(number, "answer", "已回复的，须填写整改（采纳）情况。")
        if row.get("answer") and not row.get("answered_on"):
            c.error(number, "answered_on", "填写了整改（采纳）情况的，须填写回复日期。")
        if row.get("letter_no"):
            key = (row["kind"], row["letter_no"])
            if key in existing:
                c.error(number, "letter_no", f"本单位已登记过文号为{row['letter_no']}的{FollowUpLetter.Kind(row['kind']).label}。")
            elif key in seen:
                c.error(number, "letter_no", f"与第 {seen[key]} 行重复。")
            seen.setdefault(key, number)
    c.done()
