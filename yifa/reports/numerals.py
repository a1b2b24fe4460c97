"""Numbers as written in Chinese official prose: Arabic digits (half- or full-width, with
thousands separators and decimals) and Chinese numerals (三, 十二, 两, 一百零五, 两万), with
万/亿 multipliers and 百分之… percentages.

No dependency: the grammar is small and this keeps every conversion explainable.
"""

from decimal import Decimal

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS)
MULTIPLIERS = {"千": 1000, **CN_BIG_UNITS}

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")


def cn_to_number(text: str) -> int:
    """Value of a Chinese numeral: 十二 -> 12, 两 -> 2, 一百零五 -> 105, 三万五千 -> 35000.

    A string of bare digits (二〇二三) reads digit by digit.
    """
    if text and all(ch in CN_DIGITS for ch in text) and len(text) > 1:
        return int("".join(str(CN_DIGITS[ch]) for ch in text))
    total = 0      # completed 亿/万 groups
    section = 0    # the group being read, below 万
    digit = None
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL_UNITS:
            section += (1 if digit is None else digit) * CN_SMALL_UNITS[ch]
            digit = None
        elif ch in CN_BIG_UNITS:
            section += digit or 0
            big = CN_BIG_UNITS[ch]
            if total and total < big:
                total = (total + section) * big
            else:
                total += (section or 1) * big
            section, digit = 0, None
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + section + (digit or 0)


def arabic_to_number(text: str) -> Decimal:
    """Value of an Arabic numeral as written: 3,000 / ３０００ / 98.8."""
    return Decimal(text.translate(_FULLWIDTH).replace(",", ""))


def to_number(text: str) -> Decimal:
    """Value of one numeral, Arabic or Chinese."""
    normalised = text.translate(_FULLWIDTH)
    if normalised[:1].isdigit():
        return arabic_to_number(normalised)
    return Decimal(cn_to_number(text))


def plain(value: Decimal) -> int | float:
    """A JSON-friendly number: integral values as int, others as float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value.normalize())
