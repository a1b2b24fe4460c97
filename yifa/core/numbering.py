"""Gap-free numbers per unit, kind and year (案号, 文号, 协议书编号).

One upsert statement both creates the sequence row and increments it, holding
the row lock until the caller's transaction ends: concurrent requests queue on
the row, and a rolled-back action gives its number back (no gaps).
"""

import re
from dataclasses import dataclass

from django.db import connection

from .models import NumberSequence, Org


@dataclass(frozen=True)
class Number:
    value: int
    text: str


DEFAULT_FORMAT = "{abbr}〔{year}〕{n}号"


def next_number(org: Org, kind: str, year: int, *, fmt: str = DEFAULT_FORMAT) -> Number:
    """Take the next number of ``kind`` for ``org`` in ``year``. Call inside the action's transaction.

    ``fmt`` may use {abbr} (the unit's short name), {year}, {n} and {n:03d}-style specs.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("next_number() must run inside the action's transaction.")
    value = _advance(org, kind, year, 1)
    return Number(value, fmt.format(abbr=org.abbreviation, year=year, n=value))


def _advance(org: Org, kind: str, year: int, by: int) -> int:
    """Move the sequence ``by`` numbers on in one upsert (row locked until the transaction ends); the new last."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO core_numbersequence (org_id, kind, year, last) VALUES (%s, %s, %s, %s) "
            "ON CONFLICT (org_id, kind, year) DO UPDATE SET last = core_numbersequence.last + EXCLUDED.last "
            "RETURNING last",
            [org.pk, kind, year, by],
        )
        (last,) = cursor.fetchone()
    return last


def next_numbers(org: Org, kind: str, year: int, count: int, *, fmt: str = DEFAULT_FORMAT,
                 taken: set[str] = frozenset()) -> list[str]:
    """``count`` numbers of the series at once (a ledger import), skipping any text in ``taken`` (numbers the
    ledger or earlier records already carry), so they stay unique. Call inside the import's transaction."""
    texts: list[str] = []
    while len(texts) < count:
        need = count - len(texts)
        last = _advance(org, kind, year, need)
        for value in range(last - need + 1, last + 1):
            text = fmt.format(abbr=org.abbreviation, year=year, n=value)
            if text not in taken:
                texts.append(text)
    return texts


def reserve_past(org: Org, kind: str, fmt: str, numbers) -> None:
    """Numbers a ledger brings in that are in the unit's own series (e.g. 东街规〔2025〕3号) move the series past
    them, so the next number the system gives is never one already used. Call inside the import's transaction."""
    parts = re.split(r"(\{abbr\}|\{year\}|\{n[^}]*\})", fmt)
    pattern = "".join(re.escape(org.abbreviation) if p == "{abbr}" else r"(?P<year>\d{4})" if p == "{year}"
                      else r"0*(?P<n>\d+)" if p.startswith("{n") else re.escape(p) for p in parts)
    highest: dict[int, int] = {}
    for number in numbers:
        match = re.fullmatch(pattern, number or "")
        if match:
            year, n = int(match["year"]), int(match["n"])
            highest[year] = max(highest.get(year, 0), n)
    for year, n in highest.items():
        sequence, created = NumberSequence.objects.select_for_update().get_or_create(
            org=org, kind=kind, year=year, defaults={"last": n})
        if not created and sequence.last < n:
            sequence.last = n
            sequence.save(update_fields=["last"])


def peek(org: Org, kind: str, year: int) -> int:
    """The last number given so far (0 when none); for display only."""
    row = NumberSequence.objects.filter(org=org, kind=kind, year=year).first()
    return row.last if row else 0


__all__ = ["Number", "next_number", "next_numbers", "peek", "reserve_past"]
