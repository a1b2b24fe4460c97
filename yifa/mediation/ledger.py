"""The 矛盾纠纷调解台账 as an Excel sheet: one column list for the template, the import and the export."""

import re

from django.core.exceptions import ValidationError

from yifa.core.excel import Column, ImportResult, RowError, parse_amount, parse_date, parse_text
from yifa.core.identity import mask_address, mask_id, mask_phone, validate_id_number, validate_phone, validate_uscc

from .models import Channel, DisputeCase, DisputeType, Party

RESULTS = {
    "不予受理": "rejected",
    "调解中": "accepted",
    "调解成功（书面协议）": DisputeCase.Outcome.WRITTEN,
    "调解成功（口头协议）": DisputeCase.Outcome.ORAL,
    "调解不成": DisputeCase.Outcome.FAILED,
}


def parse_identity(value) -> tuple[str, str]:
    """身份证号 or 统一社会信用代码, told apart by shape; returns (party kind, normalised number)."""
    text = str(value).strip().upper()
    if re.fullmatch(r"\d{17}[\dX]", text):
        return Party.Kind.PERSON, validate_id_number(text)
    if len(text) == 18:
        return Party.Kind.ORGANISATION, validate_uscc(text)
    raise ValidationError("应为 18 位身份证号或 18 位统一社会信用代码。")


def _phone(value) -> str:
    return validate_phone(str(value))


def _party_columns(n: str, required: bool) -> list[Column]:
    return [
        Column(f"party{n}_name", f"当事人{n}姓名或名称", required, parse_text(100), width=14),
        Column(f"party{n}_id", f"当事人{n}证件号码", False, parse_identity, help="身份证号或统一社会信用代码",
               width=22),
        Column(f"party{n}_phone", f"当事人{n}电话", False, _phone, width=14),
        Column(f"party{n}_address", f"当事人{n}住址", False, parse_text(200), width=24),
    ]


COLUMNS = [
    Column("registered_on", "登记日期", True, parse_date, help="如 2025-03-01", width=12),
    Column("title", "纠纷名称", True, parse_text(100), width=24),
    Column("dispute_type", "纠纷类型", True, choices={label: code for code, label in DisputeType.choices}),
    Column("channel", "来源渠道", True, choices={label: code for code, label in Channel.choices}, width=20),
    Column("referral_from", "移送单位", False, parse_text(100), help="警调、诉调、访调对接必填"),
    Column("description", "纠纷简要情况", True, parse_text(2000), width=40),
    Column("location", "纠纷发生地", False, parse_text(200), width=24),
    Column("amount", "涉及金额（元）", False, parse_amount, width=12),
    *_party_columns("一", True),
    *_party_columns("二", False),
    Column("result", "办理结果", False, choices=RESULTS, help="不填视为已登记待受理", width=18),
    Column("accepted_on", "受理日期", False, parse_date, width=12),
    Column("outcome_on", "调结日期", False, parse_date, width=12),
    Column("closed_on", "结案日期", False, parse_date, width=12),
    Column("note", "备注", False, parse_text(500), width=24),
]

EXPORT_COLUMNS = [
    Column("number", "登记编号", width=20),
    Column("org", "承办单位", width=16),
    *COLUMNS[:-1],
    Column("status", "状态", width=14),
    Column("mediators", "调解员", width=16),
    Column("due", "调结期限", width=12),
    COLUMNS[-1],
]


def check_rows(result: ImportResult) -> ImportResult:
    """Rules across columns, each error naming its row; builds the ``parties`` list of every good row."""
    for number, row in result.numbered:
        def error(column: str, message: str):
            result.errors.append(RowError(number, column, message))

        if row["channel"] in Channel.referrals() and not row.get("referral_from"):
            error("移送单位", "警调、诉调、访调对接的纠纷须填写移送单位。")
        result_code = row.get("result")
        if result_code and result_code != "rejected" and not row.get("accepted_on"):
            error("受理日期", f"办理结果为“{_label(result_code)}”时须填写受理日期。")
        if result_code in DisputeCase.Outcome.values and not row.get("outcome_on"):
            error("调结日期", "已有调解结果的纠纷须填写调结日期。")
        if row.get("closed_on") and result_code not in DisputeCase.Outcome.values:
            error("结案日期", "只有已调结（调解成功或调解不成）的纠纷可以填写结案日期。")
        order = [("登记日期", row.get("registered_on")), ("受理日期", row.get("accepted_on")),
                 ("调结日期", row.get("outcome_on")), ("结案日期", row.get("closed_on"))]
        present = [(label, day) for label, day in order if day]
        for (label_a, a), (label_b, b) in zip(present, present[1:]):
            if b < a:
                error(label_b, f"不能早于{label_a}。")
        row["parties"] = [p for p in (_party(row, "一", Party.Side.APPLICANT), _party(row, "二", Party.Side.RESPONDENT))
                          if p]
    result.rows = [row for _n, row in result.numbered]
    return result


def _label(code: str) -> str:
    return next(label for label, value in RESULTS.items() if value == code)


def _party(row: dict, n: str, side: str) -> dict | None:
    name = row.get(f"party{n}_name")
    if not name:
        return None
    kind, number = row.get(f"party{n}_id") or (Party.Kind.PERSON, "")
    return {"side": side, "kind": kind, "name": name, "id_number": number,
            "phone": row.get(f"party{n}_phone") or "", "address": row.get(f"party{n}_address") or ""}


def export_rows(cases, *, full) -> list[dict]:
    """One dict per case for ``export_response``; personal data masked unless ``full(case)``."""
    rows = []
    for case in cases:
        whole = full(case)
        parties = list(case.parties.all())
        row = {
            "number": case.number, "org": case.org.name, "registered_on": case.registered_on, "title": case.title,
            "dispute_type": case.dispute_type, "channel": case.channel, "referral_from": case.referral_from,
            "description": case.description, "location": case.location if whole else mask_address(case.location),
            "amount": case.amount, "accepted_on": case.accepted_on, "outcome_on": case.outcome_on,
            "closed_on": case.closed_on, "status": case.get_status_display(),
            "result": case.outcome or ("rejected" if case.status == DisputeCase.Status.REJECTED else
                                       "accepted" if case.accepted_on else None),
            "mediators": "、".join(m.name for m in case.mediators()), "due": case.resolve_due_on,
            "note": case.failure_note or case.close_note or case.reject_note,
        }
        for n, party in zip(("一", "二"), parties):
            row[f"party{n}_name"] = party.name
            row[f"party{n}_id"] = party.id_number if whole else mask_id(party.id_number)
            row[f"party{n}_phone"] = party.phone if whole else mask_phone(party.phone)
            row[f"party{n}_address"] = party.address if whole else mask_address(party.address)
        rows.append(row)
    return rows
