"""Identity numbers and personal-data masking.

- 公民身份号码: GB 11643-1999, 18 characters, ISO 7064 MOD 11-2 check character.
- 统一社会信用代码: GB 32100-2015, 18 characters, MOD 31 check character.
- Masking for lists, the portal and exports where the whole value is not needed.
"""

import datetime as dt
import re

from django.core.exceptions import ValidationError

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def id_number_check_char(first17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS)) % 11]


def validate_id_number(value: str) -> str:
    """Return the normalised 身份证号 or raise ValidationError in Chinese."""
    text = (value or "").strip().upper()
    if not re.fullmatch(r"\d{17}[\dX]", text):
        raise ValidationError("身份证号应为 18 位，前 17 位为数字，最后一位为数字或 X。")
    try:
        dt.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        raise ValidationError("身份证号中的出生日期无效。")
    if id_number_check_char(text[:17]) != text[17]:
        raise ValidationError("身份证号校验位不正确，请核对。")
    return text


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    return USCC_CHARS[(31 - total % 31) % 31]


def validate_uscc(value: str) -> str:
    """Return the normalised 统一社会信用代码 or raise ValidationError in Chinese."""
    text = (value or "").strip().upper()
    if len(text) != 18 or any(c not in USCC_CHARS for c in text):
        raise ValidationError("统一社会信用代码应为 18 位，由数字和大写字母组成（不含 I、O、Z、S、V）。")
    if uscc_check_char(text[:17]) != text[17]:
        raise ValidationError("统一社会信用代码校验位不正确，请核对。")
    return text


def validate_phone(value: str) -> str:
    text = re.sub(r"[\s-]", "", value or "")
    if not re.fullmatch(r"1\d{10}|0\d{2,3}\d{7,8}", text):
        raise ValidationError("电话号码应为 11 位手机号，或带区号的固定电话。")
    return text


def mask_id(value: str) -> str:
    """330502********123X-style: region prefix and last four kept."""
    if not value:
        return ""
    return value[:6] + "*" * max(len(value) - 10, 0) + value[-4:] if len(value) > 10 else "*" * len(value)


def mask_phone(value: str) -> str:
    if not value:
        return ""
    return value[:3] + "****" + value[-4:] if len(value) >= 11 else value[:2] + "****"


def mask_name(value: str) -> str:
    """张*, 王*明: for the portal."""
    if not value:
        return ""
    if len(value) <= 2:
        return value[0] + "*"
    return value[0] + "*" * (len(value) - 2) + value[-1]


def mask_address(value: str, keep: int = 6) -> str:
    if not value:
        return ""
    return value[:keep] + "****" if len(value) > keep else value
