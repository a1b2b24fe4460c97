"""Gap-free numbers per unit, kind and year (案号, 文号, 协议书编号).

One upsert statement both creates the sequence row and increments it, holding
the row lock until the caller's transaction ends: concurrent requests queue on
the row, and a rolled-back action gives its number back (no gaps).
"""

from dataclasses import dataclass

from django.db import connection

from .models import Org


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
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO core_numbersequence (org_id, kind, year, last) VALUES (%s, %s, %s, 1) "
            "ON CONFLICT (org_id, kind, year) DO UPDATE SET last = core_numbersequence.last + 1 "
            "RETURNING last",
            [org.pk, kind, year],
        )
        (value,) = cursor.fetchone()
    return Number(value, fmt.format(abbr=org.abbreviation, year=year, n=value))


def peek(org: Org, kind: str, year: int) -> int:
    """The last number given so far (0 when none); for display only."""
    from .models import NumberSequence

    row = NumberSequence.objects.filter(org=org, kind=kind, year=year).first()
    return row.last if row else 0


__all__ = ["Number", "next_number", "peek"]
