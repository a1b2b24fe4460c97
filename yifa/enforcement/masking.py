"""Personal data out of text published on the portal (去标识化).

Names, ID numbers, phone numbers and addresses of natural persons are replaced by their
masked forms; the whole value stays in the case file for those handling it.
"""

import re

from yifa.core.identity import mask_address, mask_id, mask_name, mask_phone

ID_RE = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
PHONE_RE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def mask_text(text: str, secrets=()) -> str:
    """Mask the given values wherever they occur, then any ID or mobile number left in ``text``."""
    if not text:
        return ""
    for value in sorted({s for s in secrets if s and len(s) >= 2}, key=len, reverse=True):
        if ID_RE.fullmatch(value):
            replacement = mask_id(value)
        elif PHONE_RE.fullmatch(value):
            replacement = mask_phone(value)
        elif len(value) > 8:
            replacement = mask_address(value)
        else:
            replacement = mask_name(value)
        text = text.replace(value, replacement)
    text = ID_RE.sub(lambda m: mask_id(m.group(0)), text)
    return PHONE_RE.sub(lambda m: mask_phone(m.group(0)), text)


CASE_TEXT_FIELDS = ("cause", "facts", "statement", "proposed_penalty", "penalty_content", "hearing_summary",
                    "closing_summary", "place", "revocation_reason", "dropped_reason")


def case_secrets(case) -> list[str]:
    """The party's identifying values (a natural person's name too; an organisation's name is public)."""
    values = [case.party_id_number, case.party_phone, case.party_address, case.party_legal_rep]
    if case.party_kind == "person":
        values.append(case.party_name)
    return [v for v in values if v]


def mask_case_for_display(case, records=()) -> None:
    """For a viewer who does not handle the case (督察): mask the case's texts in memory. Never saved."""
    secrets = case_secrets(case)
    for field in CASE_TEXT_FIELDS:
        setattr(case, field, mask_text(getattr(case, field), secrets))
    for record in records:
        record.content = mask_text(record.content, secrets)
        record.interviewee = mask_text(record.interviewee, secrets)
