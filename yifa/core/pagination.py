"""Big lists: keyset pagination and estimated counts.

``Paginator`` pages with ``OFFSET`` and counts every matching row: both grow with the table, so page 500
of a city's million disputes reads and throws away 15,000 rows and ``COUNT(*)`` reads them all. Here:

- ``keyset_page(request, qs, order=("-registered_on", "-pk"))`` continues from the last row shown
  (``?after=<key>``; ``?before=<key>`` goes back): each page reads its own rows through the index of the
  ordering, whatever its depth. ``?page=N`` still jumps by offset (bookmarks, short lists).
- ``estimated_count(qs)`` counts exactly up to ``EXACT_UP_TO`` rows, and beyond that gives the planner's
  estimate (PostgreSQL ``EXPLAIN``), shown as "约 N 条". SQLite counts exactly.

The order must end with a unique field (``pk``) and its fields must not be NULL. Use the partial
``core/_keyset_pagination.html`` with ``page``.
"""

import datetime as dt
import json
from dataclasses import dataclass, field

from django.db import connections
from django.db.models import Q
from django.http import QueryDict

EXACT_UP_TO = 1_000
SEPARATOR = "~"


@dataclass
class KeysetPage:
    object_list: list
    number: int
    per_page: int
    has_next: bool
    has_previous: bool
    next_query: str = ""  # the query string of the next page (filters kept)
    previous_query: str = ""
    count: int = 0
    count_is_estimate: bool = False
    extra: dict = field(default_factory=dict)

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // self.per_page))

    @property
    def count_text(self) -> str:
        return f"约 {self.count:,} 条" if self.count_is_estimate else f"共 {self.count:,} 条"

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.object_list else 0


def _split(order: tuple[str, ...]) -> list[tuple[str, bool]]:
    return [(name.lstrip("-"), name.startswith("-")) for name in order]


def _value_of(obj, name: str):
    return getattr(obj, obj._meta.pk.attname if name == "pk" else name)


def encode_key(obj, order) -> str:
    parts = []
    for name, _desc in _split(order):
        value = _value_of(obj, name)
        parts.append(value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value))
    return SEPARATOR.join(parts)


def decode_key(model, order, text: str) -> list | None:
    """The ordering values a key stands for, or None if the key is malformed (the first page is shown)."""
    names = _split(order)
    parts = text.split(SEPARATOR)
    if len(parts) != len(names):
        return None
    values = []
    for (name, _desc), part in zip(names, parts):
        model_field = model._meta.pk if name == "pk" else model._meta.get_field(name)
        try:
            values.append(model_field.to_python(part))
        except Exception:  # noqa: BLE001 - any unreadable key means "start again"
            return None
    return values


def _beyond(order, values, forward: bool) -> Q:
    """Rows after (forward) or before the key in ``order``: (a, b) < (x, y) spelled out for mixed directions."""
    q = Q(pk__in=[])
    names = _split(order)
    for i, (name, desc) in enumerate(names):
        lookup = "lt" if desc == forward else "gt"
        clause = Q(**{f"{name}__{lookup}": values[i]})
        for j in range(i):
            clause &= Q(**{names[j][0]: values[j]})
        q |= clause
    return q


def _query(request, **params) -> str:
    query = QueryDict(mutable=True)
    for key, values in request.GET.lists():
        if key not in ("page", "after", "before", "n"):
            query.setlist(key, values)
    for key, value in params.items():
        query[key] = str(value)
    return query.urlencode()


def keyset_page(request, qs, *, order=("-pk",), per_page: int = 30, count: bool = True) -> KeysetPage:
    """The page of ``qs`` the request asks for (``after``/``before`` key, or ``page`` number)."""
    qs = qs.order_by(*order)
    g = request.GET
    number = _int(g.get("n"), 1)
    after = decode_key(qs.model, order, g.get("after", "")) if g.get("after") else None
    before = decode_key(qs.model, order, g.get("before", "")) if g.get("before") else None
    if after is not None:
        rows = list(qs.filter(_beyond(order, after, True))[: per_page + 1])
        has_next, has_previous = len(rows) > per_page, True
        rows = rows[:per_page]
    elif before is not None:
        reverse = tuple(name[1:] if name.startswith("-") else "-" + name for name in order)
        rows = list(qs.filter(_beyond(order, before, False)).order_by(*reverse)[: per_page + 1])
        has_previous = len(rows) > per_page
        rows = rows[:per_page][::-1]
        has_next = True
        number = max(2, number) if has_previous else 1
    else:
        number = max(1, _int(g.get("page"), 1))
        offset = (number - 1) * per_page
        rows = list(qs[offset: offset + per_page + 1])
        if not rows and number > 1:  # past the end: show the first page rather than an empty one
            number, rows = 1, list(qs[: per_page + 1])
        has_next, has_previous = len(rows) > per_page, number > 1
        rows = rows[:per_page]
    page = KeysetPage(rows, number, per_page, has_next, has_previous)
    if rows and has_next:
        page.next_query = _query(request, after=encode_key(rows[-1], order), n=number + 1)
    if rows and has_previous:
        page.previous_query = _query(request) if number <= 2 else \
            _query(request, before=encode_key(rows[0], order), n=number - 1)
    if count:
        page.count, page.count_is_estimate = estimated_count(qs)
    return page


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def estimated_count(qs, exact_up_to: int = EXACT_UP_TO) -> tuple[int, bool]:
    """(count, is_estimate): exact when at most ``exact_up_to`` rows match, else PostgreSQL's estimate."""
    qs = qs.order_by()
    bounded = qs[: exact_up_to + 1].count()
    if bounded <= exact_up_to:
        return bounded, False
    connection = connections[qs.db]
    if connection.vendor != "postgresql":
        return qs.count(), False
    sql, params = qs.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    estimate = int(plan[0]["Plan"]["Plan Rows"])
    return max(estimate, exact_up_to + 1), True

