"""Big lists: keyset pagination and estimated counts.

``Paginator`` pages with ``OFFSET`` and counts every matching row: both grow with the table, so page 500
of a city's million disputes reads and throws away 15,000 rows and ``COUNT(*)`` reads them all. Here:

- ``keyset_page(request, qs, order=("-registered_on", "-pk"))`` continues from the last row shown
  (``?after=<key>``; ``?before=<key>`` goes back): each page reads its own rows through the index of the
  ordering, whatever its depth. ``?page=N`` still jumps by offset (bookmarks, short lists).
- ``estimated_count(qs)`` counts exactly up to ``EXACT_UP_TO`` rows, and beyond that gives the planner's
  estimate (PostgreSQL ``EXPLAIN``), shown as "约 N 条". SQLite counts exactly. The first page counts; its
  next/previous links carry the count (``?total=``, ``~`` before an estimate), so paging on does not count again.
- ``keyset_page(request, build, …, key=list_key(request, "app.list", *parts))``: the list's statements (rows, rows
  with the count, the count; first, after and before a key) compiled once and kept per process (ten minutes, 500
  lists), keyed by everything the queryset is built from: the query string without the page's position,
  the user, their 任职 (units' paths, roles), the unit acted in, the data scope, today, and ``parts`` (whatever else
  ``build`` reads, e.g. a unit's path looked up in the database). The page's key values are the kept statement's
  parameters, not part of the key. ``build()`` (a named ``values_list``) runs only when a statement is compiled.

The order must end with a unique field (``pk``) and its fields must not be NULL. ``qs`` may be a
``.values_list(…, named=True)`` queryset (rows as named tuples, cheaper to make than model instances) that includes
the order's fields ("pk" too). Use the partial
``core/_keyset_pagination.html`` with ``page``.

- ``joined_text(model, link, field, separator, order_by)``: a related table's values joined into one column of
  the list's own query (a dispute's parties as "张三、李四"), instead of a second query to prefetch them;
  ``related_column(model, link, field, order_by=…)`` gives the first related row's value (the first party's phone).
- ``unit_choices(user, levels=2)``: a list's unit filter, (pk, name, path) of the user's highest units and the
  levels below them, kept per process for a minute (and dropped when a unit is saved here): the unit tree
  changes a few times a year, the list is opened all day.
- ``select_options(choices, selected)``: a filter bar's ``<option>`` list as one piece of HTML (a unit filter
  of two hundred 乡镇/街道 through the template engine cost more than the page's rows).
"""

import datetime as dt
import json
import time
from html import escape
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import BooleanField, IntegerField, Q, TextField
from django.db.models.expressions import RawSQL
from django.db.models.query import NamedValuesListIterable
from django.db.models.utils import create_namedtuple_class
from django.http import QueryDict
from django.utils.safestring import SafeString, mark_safe

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

    @property
    def nav_html(self) -> SafeString:
        """The page's 上一页 / 下一页 links and its count (``core/_keyset_pagination.html``), made here rather than by
        the template engine: the same markup, without a dozen lookups through the engine on every list page."""
        if not (self.has_previous or self.has_next or self.count):
            return mark_safe("")
        previous = (f'<a class="btn secondary small" href="?{escape(self.previous_query)}" rel="prev">上一页</a>'
                    if self.has_previous else "")
        following = (f'<a class="btn secondary small" href="?{escape(self.next_query)}" rel="next">下一页</a>'
                     if self.has_next else "")
        return mark_safe(f'\n<nav class="actions" aria-label="分页" style="margin-top:1rem">\n  {previous}\n'
                         f'  <span class="muted small">第 {self.number} 页，{escape(self.count_text)}</span>\n'
                         f'  {following}\n</nav>\n')


def _split(order: tuple[str, ...]) -> list[tuple[str, bool]]:
    return [(name.lstrip("-"), name.startswith("-")) for name in order]


def _value_of(obj, name: str):
    if name == "pk" and hasattr(obj, "_meta"):
        name = obj._meta.pk.attname
    return getattr(obj, name)


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
    """Rows after (forward) or before the key in ``order``: (a, b) < (x, y) spelled out for mixed directions,
    plus a ≤ x on its own, which lets the database start its index scan at the key (an OR of the clauses alone
    is read as a filter: page 500 scanned and threw away 15,000 index entries)."""
    q = Q(pk__in=[])
    names = _split(order)
    for i, (name, desc) in enumerate(names):
        lookup = "lt" if desc == forward else "gt"
        clause = Q(**{f"{name}__{lookup}": values[i]})
        for j in range(i):
            clause &= Q(**{names[j][0]: values[j]})
        q |= clause
    if len(names) > 1:
        first, desc = names[0]
        q &= Q(**{f"{first}__{'lte' if desc == forward else 'gte'}": values[0]})
    return q


def _query(request, **params) -> str:
    query = QueryDict(mutable=True)
    for key, values in request.GET.lists():
        if key not in ("page", "after", "before", "n", "total"):
            query.setlist(key, values)
    for key, value in params.items():
        query[key] = str(value)
    return query.urlencode()


def keyset_page(request, qs, *, order=("-pk",), per_page: int = 30, count: bool = True, key=None) -> KeysetPage:
    """The page of ``qs`` the request asks for (``after``/``before`` key, or ``page`` number).

    ``qs`` may be a function building the list's queryset: with ``key`` (``list_key(request, …)``; the queryset a
    named ``values_list``) it is called only when the statements of this key are not kept yet (see ``list_key``)."""
    if callable(qs):
        page, qs = _kept_page(request, qs, order, per_page, count, key)
        if page is not None:
            return page
    qs = unbounded = qs.order_by(*order)
    g = request.GET
    number = _int(g.get("n"), 1)
    after = decode_key(qs.model, order, g.get("after", "")) if g.get("after") else None
    before = decode_key(qs.model, order, g.get("before", "")) if g.get("before") else None
    carried = _carried_count(g.get("total")) if count and (after or before) else None
    counted = None  # the compiled count of the list, when this page counts
    if count and carried is None:
        counted = _count_query(unbounded)
        carried = _remembered_estimate(counted)
        if carried is None and counted is not None:
            qs = _with_bounded_count(qs, counted)  # the count rides along with the page's own query
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
        # The keys of the page first, then its rows: computed columns (a list's parties, the count) are worked
        # out for the page's own rows only, not for every row the OFFSET skips.
        rows = list(qs.filter(pk__in=unbounded.values("pk")[offset: offset + per_page + 1])) if offset else \
            list(qs[: per_page + 1])
        if not rows and number > 1:  # past the end: show the first page rather than an empty one
            number, rows = 1, list(qs[: per_page + 1])
        has_next, has_previous = len(rows) > per_page, number > 1
        rows = rows[:per_page]
    return _assemble(request, rows, order, number, per_page, has_next, has_previous, count, carried, counted,
                     lambda: estimated_count(unbounded))


def _assemble(request, rows, order, number, per_page, has_next, has_previous, count, carried, counted,
              count_all) -> KeysetPage:
    """The page of ``rows`` with its count (carried by the link, counted with the rows, or ``count_all()`` when no
    row carries it) and the links' query strings."""
    page = KeysetPage(rows, number, per_page, has_next, has_previous)
    if carried:
        page.count, page.count_is_estimate = carried
    elif count:
        bounded = getattr(rows[0], BOUNDED, None) if rows else None
        if bounded is None:
            page.count, page.count_is_estimate = count_all()
        elif bounded <= EXACT_UP_TO:
            page.count, page.count_is_estimate = bounded, False
        else:
            page.count, page.count_is_estimate = _estimate(counted)
    total = {"total": ("~" if page.count_is_estimate else "") + str(page.count)} if count else {}
    if rows and has_next:
        page.next_query = _query(request, after=encode_key(rows[-1], order), n=number + 1, **total)
    if rows and has_previous:
        page.previous_query = _query(request) if number <= 2 else \
            _query(request, before=encode_key(rows[0], order), n=number - 1, **total)
    return page


BOUNDED = "keyset_bounded_count"


def _count_query(qs):
    """(database alias, SQL, params) selecting the keys of every row ``qs`` matches, or None when nothing can match."""
    try:
        sql, params = qs.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # nothing can match: counted without asking
        return None
    return qs.db, sql, tuple(params)


def _with_bounded_count(qs, counted):
    """``qs`` with one more column: how many rows match, counted up to EXACT_UP_TO + 1 (an uncorrelated subquery the
    database runs once), so page 1 does not need a round trip of its own to count."""
    _alias, sql, params = counted
    qs = qs.annotate(**{BOUNDED: RawSQL(f"SELECT COUNT(*) FROM ({sql} LIMIT {EXACT_UP_TO + 1}) bounded_rows", params,
                                        output_field=IntegerField())})
    if qs._fields:  # rows of values_list(…, named=True) carry the fields named when it was called: name the count too
        qs._fields = (*qs._fields, BOUNDED)
    return qs


# ---------------------------------------------------------------- kept statements
#
# A list page builds its queryset (scope, filters, the parties' columns), then the ORM compiles it and the count's
# query to SQL: about 2.5 ms of a 10 ms page, the same every time the same filter is shown to the same person on the
# same day. ``keyset_page(…, key=list_key(request, …))`` keeps the compiled statements per process under a key made
# of everything they are built from; the page's cursor (``after``/``before``) is not in the key but in the kept
# statement's parameters, put in their places on each page.

KEPT_SECONDS = 600
KEPT_LISTS = 500  # at most six statements of a few kB each per list: a few MB per worker
_kept: dict = {}
PAGING = ("page", "after", "before", "n", "total")


def list_key(request, name: str, *parts):
    """The key of a list's statements: ``name`` (the list), ``parts`` (whatever else its queryset is built from,
    e.g. a unit's path read from the database) and what every list's queryset may be built from: the query string
    (its filters; not the page's position), the user (``mine`` filters), their 任职 with their units' paths and
    roles, the unit they act in, their data scope, and today's date. None (nothing kept) when the request carries no
    任职 read by the middleware."""
    user = request.user
    memberships = getattr(user, "all_memberships", None)
    if memberships is None or not getattr(user, "is_authenticated", False):
        return None
    from .deadlines import today
    from .scope import scope_paths

    active = getattr(user, "active_membership", None)
    query = tuple(sorted((k, tuple(v)) for k, v in request.GET.lists() if k not in PAGING))
    return (name, parts, query, user.pk, user.is_superuser, tuple(scope_paths(user)),
            tuple((m.pk, m.org_id, m.org.path, m.role) for m in memberships), active.pk if active else None, today())


def forget_kept_lists(**_kwargs):
    """Drop the kept statements (tests; units were changed)."""
    _kept.clear()


class _Slot:
    """A cursor value's place in a kept statement's parameters (found by identity after compiling)."""

    __slots__ = ("index",)

    def __init__(self, index: int):
        self.index = index


@dataclass
class _Statement:
    sql: str | None  # None: nothing can match (EmptyResultSet)
    params: tuple = ()
    slots: tuple = ()  # (position in params, index of the cursor value)
    names: tuple = ()
    converters: tuple = ()
    trim: int | None = None

    def rows(self, alias: str, values=()) -> list:
        if self.sql is None:
            return []
        params = list(self.params)
        for position, index in self.slots:
            params[position] = values[index]
        connection = connections[alias]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            fetched = cursor.fetchall()
        tuple_class, new = create_namedtuple_class(*self.names), tuple.__new__
        rows = []
        for row in fetched:
            if self.trim is not None:
                row = row[: self.trim]
            if self.converters:
                row = list(row)
                for position, (convs, expression) in self.converters:
                    value = row[position]
                    for converter in convs:
                        value = converter(value, expression, connection)
                    row[position] = value
            rows.append(new(tuple_class, row))
        return rows


@dataclass
class _KeptList:
    model: type
    alias: str
    expires: float
    counted: object = None  # _count_query of the list
    statements: dict = field(default_factory=dict)  # (direction, with the count) -> _Statement


def _keyset_condition(model, order, slots, forward: bool, connection) -> RawSQL:
    """``_beyond`` as SQL with ``slots`` for its values (the ORM would convert the values when compiling)."""
    q = connection.ops.quote_name
    table = q(model._meta.db_table)
    names = _split(order)
    columns = [f"{table}.{q(model._meta.pk.column if name == 'pk' else model._meta.get_field(name).column)}"
               for name, _desc in names]
    clauses, params = [], []
    for i, (_name, desc) in enumerate(names):
        parts = [f"{columns[j]} = %s" for j in range(i)] + [f"{columns[i]} {'<' if desc == forward else '>'} %s"]
        params += [slots[j] for j in range(i + 1)]
        clauses.append("(" + " AND ".join(parts) + ")")
    sql = "(" + " OR ".join(clauses) + ")"
    if len(names) > 1:
        sql += f" AND {columns[0]} {'<=' if names[0][1] == forward else '>='} %s"
        params.append(slots[0])
    return RawSQL(sql, params, output_field=BooleanField())


def _compile(qs) -> _Statement:
    compiler = qs.query.get_compiler(using=qs.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return _Statement(None)
    if not sql:
        return _Statement(None)
    slots = tuple((position, p.index) for position, p in enumerate(params) if isinstance(p, _Slot))
    converters = compiler.get_converters([s[0] for s in compiler.select[: compiler.col_count]])
    query = qs.query
    names = qs._fields or (*query.extra_select, *query.values_select, *query.annotation_select)
    return _Statement(sql, tuple(params), slots, tuple(names), tuple(converters.items()),
                      compiler.col_count if compiler.has_extra_select else None)


def _kept_page(request, build, order, per_page, count, key):
    """(page, None) from the kept statements of ``key``, compiled the first time; (None, queryset) when this page is
    not served from kept statements (a page by number, a list not read as named tuples, no key)."""
    g = request.GET
    after, before = g.get("after"), g.get("before")
    if key is None or _int(g.get("page"), 1) > 1:  # a page by number (a bookmark): the queryset's own way
        return None, build()
    built = None
    kept = _kept.get(key)
    if kept is None or kept.expires <= time.monotonic():
        built = build()
        if built._iterable_class is not NamedValuesListIterable:
            return None, built
        if len(_kept) >= KEPT_LISTS:
            _kept.clear()
        kept = _kept[key] = _KeptList(built.model, built.db, time.monotonic() + KEPT_SECONDS)
        if count:
            kept.counted = _count_query(built.order_by(*order))
    model, connection = kept.model, connections[kept.alias]
    number = _int(g.get("n"), 1)
    values = None
    cursor = after or before
    if cursor:
        values = decode_key(model, order, cursor)
        if values is None:  # an unreadable key: the first page, as keyset_page shows it
            after = before = None
        else:
            names = _split(order)
            values = [(model._meta.pk if name == "pk" else model._meta.get_field(name))
                      .get_db_prep_value(value, connection, prepared=False) for (name, _d), value in zip(names, values)]
    direction = "after" if after else "before" if before else "first"
    carried = _carried_count(g.get("total")) if count and direction != "first" else None
    counted = kept.counted if count and carried is None else None
    if counted is not None:
        carried = _remembered_estimate(counted)
    with_count = count and carried is None and counted is not None
    statement = kept.statements.get((direction, with_count))
    if statement is None:
        qs = (built if built is not None else build()).order_by(*order)
        if with_count:
            qs = _with_bounded_count(qs, counted)
        slots = [_Slot(i) for i in range(len(order))]
        if direction == "after":
            qs = qs.filter(_keyset_condition(model, order, slots, True, connection))
        elif direction == "before":
            reverse = tuple(name[1:] if name.startswith("-") else "-" + name for name in order)
            qs = qs.filter(_keyset_condition(model, order, slots, False, connection)).order_by(*reverse)
        statement = kept.statements[(direction, with_count)] = _compile(qs[: per_page + 1])
    rows = statement.rows(kept.alias, values or ())
    if direction == "after":
        has_next, has_previous = len(rows) > per_page, True
        rows = rows[:per_page]
    elif direction == "before":
        has_previous = len(rows) > per_page
        rows = rows[:per_page][::-1]
        has_next = True
        number = max(2, number) if has_previous else 1
    else:
        number = 1
        has_next, has_previous = len(rows) > per_page, False
        rows = rows[:per_page]
    if count and carried is None and counted is None:
        carried = (0, False)  # nothing can match
    return _assemble(request, rows, order, number, per_page, has_next, has_previous, count, carried, counted,
                     lambda: _counted(counted)), None


def _counted(counted) -> tuple[int, bool]:
    """``estimated_count`` of the list whose count query is ``counted``."""
    alias, sql, params = counted
    with connections[alias].cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({sql} LIMIT {EXACT_UP_TO + 1}) bounded_rows", params)
        bounded = cursor.fetchone()[0]
    return (bounded, False) if bounded <= EXACT_UP_TO else _estimate(counted)


# Estimated counts (more than EXACT_UP_TO rows) kept per process, by the count's SQL and parameters (so per filter
# and per data scope: a user is only ever shown the estimate of the query their own page runs). Within a minute the
# same filter is neither counted nor EXPLAINed again; an exact count (up to EXACT_UP_TO rows) is never kept.
ESTIMATE_SECONDS = 60
ESTIMATES_KEPT = 1_000
_estimates: dict = {}


def _remembered_estimate(counted) -> tuple[int, bool] | None:
    kept = _estimates.get(counted) if counted is not None else None
    if kept is None:
        return None
    if kept[0] <= time.monotonic():
        _estimates.pop(counted, None)
        return None
    return kept[1], True


def _estimate(counted) -> tuple[int, bool]:
    """The planner's estimate of the rows of ``counted`` (more than EXACT_UP_TO were counted), kept a minute."""
    alias, sql, params = counted
    estimate = _explain(alias, sql, params, EXACT_UP_TO)
    if estimate[1]:
        if len(_estimates) >= ESTIMATES_KEPT:
            _estimates.clear()
        _estimates[counted] = (time.monotonic() + ESTIMATE_SECONDS, estimate[0])
    return estimate


def forget_estimates():
    """Drop the kept estimates (tests; the benchmark's first view of a filter)."""
    _estimates.clear()


def _carried_count(text: str | None) -> tuple[int, bool] | None:
    """The count a page link carries (``123`` exact, ``~123`` estimated), or None to count again."""
    if not text:
        return None
    estimate = text.startswith("~")
    digits = text[1:] if estimate else text
    return (int(digits), estimate) if digits.isdigit() and len(digits) < 12 else None


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def estimated_count(qs, exact_up_to: int = EXACT_UP_TO) -> tuple[int, bool]:
    """(count, is_estimate): exact when at most ``exact_up_to`` rows match, else PostgreSQL's estimate."""
    qs = qs.order_by().values("pk")  # the rows' own columns and annotations are not needed to count them
    bounded = qs[: exact_up_to + 1].count()
    if bounded <= exact_up_to:
        return bounded, False
    return _planner_estimate(qs, exact_up_to)


def _planner_estimate(qs, exact_up_to: int | None = None) -> tuple[int, bool]:
    """(PostgreSQL's estimate of the rows ``qs`` matches, never below what was counted, True); SQLite counts them:
    (count, False)."""
    if connections[qs.db].vendor != "postgresql":
        return qs.count(), False
    sql, params = qs.query.sql_with_params()
    return _explain(qs.db, sql, params, EXACT_UP_TO if exact_up_to is None else exact_up_to)


def _explain(alias, sql, params, exact_up_to: int) -> tuple[int, bool]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(f"SELECT COUNT(*) FROM ({sql}) counted_rows", params)
            return cursor.fetchone()[0], False
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return max(int(plan[0]["Plan"]["Plan Rows"]), exact_up_to + 1), True


def select_options(choices, selected) -> SafeString:
    """``<option value=…>label</option>`` for each (value, label); the one equal to ``selected`` (compared as text,
    as it comes from the query string) is marked selected. Values and labels are escaped with the standard library's
    ``html.escape`` (what Django's ``escape`` does, without its lazy-string wrapper that cost more than the escaping
    itself for two hundred units)."""
    selected = "" if selected is None else str(selected)
    parts = []
    for value, label in choices:
        value = str(value)
        mark = " selected" if value == selected else ""
        parts.append(f'<option value="{escape(value)}"{mark}>{escape(str(label))}</option>')
    return mark_safe("".join(parts))


_OPTIONS: dict = {}


def unit_options(units, selected) -> SafeString:
    """``select_options`` of a unit filter's (pk, name, …) list from ``unit_choices``: its HTML is made once per kept
    list (two hundred escaped names) and only the chosen unit is marked on each page."""
    kept = _OPTIONS.get(id(units))
    if kept is None or kept[0] is not units:
        if len(_OPTIONS) > 100:
            _OPTIONS.clear()
        kept = _OPTIONS[id(units)] = (units, str(select_options([(u[0], u[1]) for u in units], None)))
    html = kept[1]
    if selected not in (None, ""):
        option = f'<option value="{escape(str(selected))}">'
        html = html.replace(option, option[:-1] + " selected>", 1)
    return mark_safe(html)


def related_column(model, link: str, field: str, *, order_by=("pk",), separator: str | None = None,
                   using: str = "default") -> RawSQL:
    """A column of the list's own query (instead of a second query to prefetch them) read from ``model``'s rows that
    point at the row (``link`` is their foreign key to the list's model): with ``separator``, their
    ``field`` values joined ("张三、李四"; PostgreSQL orders them by ``order_by`` with STRING_AGG … ORDER BY, SQLite
    joins them in the order it reads them); without, the first row's ``field`` in ``order_by``.

    Written once as SQL text (a correlated subquery on ``outer``'s table): the ORM's Subquery with OuterRef was
    resolved and compiled again on every page, a sixth of a list page's time. The list's query must read its table
    under the table's own name (a list's queryset does; not one used inside another query)."""
    connection = connections[using]
    q = connection.ops.quote_name
    opts = model._meta
    link_field = opts.get_field(link)
    outer, link_column = link_field.related_model, link_field.column
    table, alias = q(opts.db_table), q("related_" + opts.model_name)

    def column(name):
        return f"{alias}.{q(opts.pk.column if name == 'pk' else opts.get_field(name).column)}"

    order = ", ".join(column(name) for name in order_by)
    where = f"{alias}.{q(link_column)} = {q(outer._meta.db_table)}.{q(outer._meta.pk.column)}"
    if separator is None:
        return RawSQL(f"SELECT {column(field)} FROM {table} {alias} WHERE {where} ORDER BY {order} LIMIT 1", (),
                      output_field=TextField())
    if connection.vendor == "postgresql":
        joined = f"STRING_AGG({column(field)}, %s ORDER BY {order})"
    else:
        joined = f"GROUP_CONCAT({column(field)}, %s)"
    return RawSQL(f"SELECT {joined} FROM {table} {alias} WHERE {where}", (separator,), output_field=TextField())


def joined_text(model, link: str, field: str, separator: str, order_by=("pk",), using: str = "default") -> RawSQL:
    """``model``'s ``field`` values of the row joined by ``separator`` ("张三、李四"): ``related_column`` with a separator."""
    return related_column(model, link, field, order_by=order_by, separator=separator, using=using)


UNIT_CHOICES_SECONDS = 60
_unit_choices: dict = {}


def forget_unit_choices(**_kwargs):
    """Drop the kept unit filters (a unit was saved; units were written in bulk, as the load generator does)."""
    connected = _unit_choices.get("connected")
    _unit_choices.clear()
    _kept.clear()  # a list's statements hold the paths of the units it is filtered by
    if connected:
        _unit_choices["connected"] = True


def unit_choices(user, levels: int = 2) -> list[tuple[int, str, str]]:
    """(pk, name, path) of the active units a list can be filtered by: the user's highest units and ``levels`` below
    them (no 内设机构), in tree order. A city overseer gets its districts and 乡镇/街道, not two thousand 村/社区."""
    from django.db.models.signals import post_delete, post_save

    from .models import Org
    from .scope import scope_paths

    if not _unit_choices.get("connected"):
        post_save.connect(forget_unit_choices, sender=Org, dispatch_uid="pagination.unit_choices")
        post_delete.connect(forget_unit_choices, sender=Org, dispatch_uid="pagination.unit_choices.delete")
        _unit_choices["connected"] = True
    paths = () if user.is_superuser else tuple(scope_paths(user))
    top = 0 if user.is_superuser else min((p.count("/") - 2 for p in paths), default=0)
    key = (user.is_superuser, paths, top + levels)
    cached = _unit_choices.get(key)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    qs = Org.objects.all()
    if not user.is_superuser:
        q = Q(pk__in=[])
        for path in paths:
            q |= Q(path__startswith=path)
        qs = qs.filter(q)
    units = list(qs.filter(is_active=True, depth__lte=top + levels).exclude(kind=Org.Kind.DEPARTMENT)
                 .order_by("path").values_list("pk", "name", "path"))
    _unit_choices[key] = (time.monotonic() + UNIT_CHOICES_SECONDS, units)
    return units
