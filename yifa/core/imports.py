"""台账导入, once for every module: the page, the checks, the progress, the one transaction.

A module describes each import once as a ``Ledger`` (its title, ``excel.Column`` list, cross-row check, save
action, permission and links) and hands requests to ``run(request, ledger)`` (or uses ``view(ledger)``). The page
(``core/import.html``) offers the template, takes the file, and lists every problem by 行 / 列 / 问题 (the first
``MAX_SHOWN``, with the total). Nothing is saved unless every row is valid, and then all rows are saved in one
transaction: a failure half way rolls every row back and is reported in Chinese.

Progress: the page's script (``yifa/import.js``) uploads with XMLHttpRequest and asks for
``application/x-ndjson``; the answer is then streamed, one JSON object a line::

    {"stage": "check", "done": 3000, "total": 10000}      (rows read and checked so far)
    {"stage": "save", "done": 4000, "total": 10000}       (rows saved so far, inside the transaction)
    {"ok": true, "created": 10000, "redirect": "/petitions/ledger/import/?done=…", "message": "已导入 10000 条信访事项。"}
    {"ok": false, "count": 3, "errors": [{"row": 12, "column": "收到日期", "message": "…"}], "message": "…"}

The success line's ``redirect`` comes back to this view once (``?done=``), which shows the message and sends the
user on to the list (the streamed answer's headers left before the outcome was known). Without JavaScript the
same POST answers with the page (errors) or a redirect to the list (success).

A ledger's ``save(rows, *, by, org)`` is its module's import action. It may be a generator that yields how many
rows it has saved so far (``yield from insert_steps(...)`` does this per batch) and returns the new records; the
module's ``@transaction.atomic`` action for scripts and the benchmark is then ``drain(save(...))``. Saving in bulk:
``build`` (instances without the constructor per row), ``insert_steps``/``bulk_insert``/``save_records`` (a
thousand rows a statement; ``COPY`` on PostgreSQL), ``audit.record_many`` (one entry per record, the hash chain
computed in Python), ``deadlines.start_many`` (the clocks) and ``core.numbering.next_numbers``.
"""

from __future__ import annotations

import html
import inspect
import json
import logging
import re
import secrets
import sqlite3
import time
from dataclasses import dataclass
from typing import Any, Callable, Generator

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connections, models, router, transaction
from django.db.models.base import ModelState
from django.http import HttpResponseNotAllowed, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from . import audit
from .excel import MAX_IMPORT_ROWS, Column, ImportResult, RowError, drain, parse_date, read

__all__ = ["Ledger", "run", "view", "drain", "build", "insert_steps", "save_records", "bulk_insert",
           "ImportForm", "MAX_SHOWN", "page_problems"]

logger = logging.getLogger(__name__)

MAX_SHOWN = 200      # problems listed; the total is given too
NDJSON = "application/x-ndjson"
PROGRESS_SECONDS = 0.25  # at most about four progress lines a second
MAX_BYTES = 20 * 1024 * 1024
DONE_KEY = "yifa_import_done"


class ImportForm(forms.Form):
    file = forms.FileField(label="台账文件（.xlsx）",
                           help_text=f"用导入模板填写的 Excel 文件，一次最多 {MAX_IMPORT_ROWS} 行、20 MB",
                           error_messages={"required": "请选择要导入的 .xlsx 文件。", "empty": "这个文件是空的。"})

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".xlsm")):
            raise forms.ValidationError("请上传 .xlsx 格式的 Excel 文件（.xls 或 .et 文件请先用 Excel 或 WPS 另存为 .xlsx）。")
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("文件不能超过 20 MB，请分成几个文件导入。")
        return upload


@dataclass(frozen=True)
class Ledger:
    """One module's import, described once."""

    title: str                                  # 信访台账 → the page reads “导入信访台账”
    columns: list[Column]
    save: Callable[..., Any]                    # save(rows, *, by, org) → new records (or their number)
    permission: Callable[[Any, Any], bool]      # permission(user, org): may this user import into this unit?
    template_url: str | Callable[[], str]       # URL name of the template download, or a function giving the URL
    list_url: str | Callable[[], str]           # where the user goes after a successful import
    check: Callable[..., None] | None = None    # check(result, org=, today=[, user=]): cross-row problems → RowErrors
    denied: str = "只有本单位的经办人或负责人可以导入台账。"
    noun: str = "条记录"                         # “已导入 300 条信访事项”
    list_label: str = ""                        # the breadcrumb's name of the list (default: the title)
    notes: tuple[str, ...] = ()                 # more lines for the instructions (what the import does)
    org: Callable[[Any], Any] | None = None     # org(request): the unit imported into (default: the acting unit)

    def url(self, which: str) -> str:
        target = getattr(self, which)
        if callable(target):
            return target()
        return target if target.startswith("/") else reverse(target)


def view(ledger: Ledger) -> Callable:
    """A view function for ``ledger`` (for a URL that needs nothing else)."""

    def import_view(request, **_kwargs):
        return run(request, ledger)

    import_view.__name__ = import_view.__qualname__ = "import_view"
    return import_view


def run(request, ledger: Ledger):
    """The import page: GET shows it; POST reads, checks and saves (streamed progress when the page asks for it)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    org = ledger.org(request) if ledger.org else getattr(getattr(request.user, "active_membership", None), "org", None)
    if org is None or not ledger.permission(request.user, org):
        raise PermissionDenied(ledger.denied)
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    streamed = request.method == "POST" and NDJSON in request.headers.get("Accept", "")
    if request.method != "POST":
        if request.GET.get("done") and hasattr(request, "session"):
            collected = _collect(request)
            if collected is not None:
                return collected
        return _page(request, ledger, org, form)
    if not form.is_valid():
        if streamed:
            problems = [RowError(0, "", m) for m in form.errors.get("file", ["请选择要导入的 .xlsx 文件。"])]
            return _stream(request, None, {"ok": False, "count": len(problems),
                                           "errors": [_plain(e) for e in problems], "message": problems[0].message})
        return _page(request, ledger, org, form)
    steps = _steps(request, ledger, org, form.cleaned_data["file"])
    if streamed:
        return _stream(request, steps, None)
    outcome = drain(steps)
    if outcome["ok"]:
        messages.success(request, outcome["message"])
        return redirect(outcome["redirect"])
    return _page(request, ledger, org, form, outcome)


# ---------------------------------------------------------------- the steps, shared by the page and the stream


def _steps(request, ledger: Ledger, org, upload) -> Generator[dict, None, dict]:
    """Read and check every row, then save all of them in one transaction. Yields progress, returns the outcome."""
    user = request.user
    ip = audit.current_ip.get()
    reading = read(upload, ledger.columns)
    total = None
    while True:
        try:
            done, total = next(reading)
        except StopIteration as stop:
            result: ImportResult = stop.value
            break
        yield {"stage": "check", "done": done, "total": total}
    if ledger.check is not None:  # on the rows whose cells parsed, so every problem is listed at once
        _call_check(ledger.check, result, org=org, user=user)
    rows = result.rows
    if result.ok and not rows:
        result.errors.append(RowError(0, "", "表格中没有可导入的数据行（第一行应为表头，从第二行起每行一条记录）。"))
    if not result.ok:
        return _failure(sorted(result.errors, key=lambda e: e.row))
    yield {"stage": "check", "done": len(rows), "total": len(rows)}
    token = audit.current_ip.set(ip)  # the middleware has reset it by the time a streamed answer runs
    try:
        with transaction.atomic():
            yield {"stage": "save", "done": 0, "total": len(rows)}  # a plain save function shows no more than this
            saving = ledger.save(rows, by=user, org=org)
            if inspect.isgenerator(saving):
                while True:
                    try:
                        done = next(saving)
                    except StopIteration as stop:
                        saving = stop.value
                        break
                    yield {"stage": "save", "done": min(int(done), len(rows)), "total": len(rows)}
    except ValidationError as error:
        return _failure([RowError(0, "", f"保存时发现问题，已全部撤销，未导入任何数据：{m}") for m in error.messages])
    except Exception as error:  # a database error or a fault: everything is rolled back; say so rather than break off
        logger.exception("台账导入保存失败：%s", ledger.title)
        where = "数据库" if isinstance(error, DatabaseError) else "系统"
        return _failure([RowError(0, "", f"保存时{where}出错，已全部撤销，未导入任何数据。请稍后重试；如仍出错，请联系管理员。")])
    finally:
        _reset(token)
    created = saving if isinstance(saving, int) else len(saving)
    return {"ok": True, "created": created, "redirect": ledger.url("list_url"),
            "message": f"已导入 {created} {ledger.noun}。"}


def _reset(token) -> None:
    try:
        audit.current_ip.reset(token)
    except ValueError:  # a streamed answer may be iterated in another context than the one that set it
        audit.current_ip.set(None)


def _call_check(check, result: ImportResult, **available) -> None:
    """The ledger's cross-row check, given what it names of (org, user, today)."""
    from .deadlines import today

    available["today"] = today()
    params = inspect.signature(check).parameters
    names = [name for name in params if name != next(iter(params))]
    check(result, **{name: available[name] for name in names if name in available})


def _failure(errors: list[RowError]) -> dict:
    return {"ok": False, "count": len(errors), "errors": [_plain(e) for e in errors[:MAX_SHOWN]],
            "message": f"未导入任何数据：发现 {len(errors)} 处问题。"}


def _plain(error: RowError) -> dict:
    return {"row": error.row, "column": error.column, "message": error.message}


_PROBLEM = re.compile(r'<td data-label="行">(.*?)</td><td data-label="列">(.*?)</td><td data-label="问题">(.*?)</td>', re.S)


def page_problems(page) -> list[str]:
    """The problems an import page lists, as lines like ``第 3 行“收到日期”：…`` (``str(RowError)``), for tests and
    scripts that read the page."""
    text = page.decode() if isinstance(page, bytes) else page
    lines = []
    for row, column, message in _PROBLEM.findall(text):
        row, column, message = html.unescape(row), html.unescape(column), html.unescape(message)
        where = (row if row != "—" else "") + (f"“{column}”" if column != "—" else "")
        lines.append(f"{where}：{message}" if where else message)
    return lines


# ---------------------------------------------------------------- page and stream


def _page(request, ledger: Ledger, org, form, outcome: dict | None = None):
    errors = outcome["errors"] if outcome else []
    return render(request, "core/import.html", {
        "ledger": ledger, "org": org, "form": form, "errors": errors, "error_count": outcome["count"] if outcome else 0,
        "template_url": ledger.url("template_url"), "list_url": ledger.url("list_url"),
        "list_label": ledger.list_label or ledger.title, "required": [c.header for c in ledger.columns if c.required],
        "has_dates": any(c.parse is parse_date for c in ledger.columns),
        "choice_example": next((c.header for c in ledger.columns if c.choices), ""),
        "max_rows": MAX_IMPORT_ROWS, "max_shown": MAX_SHOWN,
    })


def _stream(request, steps: Generator | None, outcome: dict | None):
    """The NDJSON answer: progress lines (at most a few a second, always the last of each stage), then the outcome."""

    def lines():
        last_sent, pending, sent = 0.0, None, None
        if outcome is None:
            running = steps
            while True:
                try:
                    line = next(running)
                except StopIteration as stop:
                    final = stop.value
                    break
                if line == sent:
                    continue
                now = time.monotonic()
                finished_stage = line.get("done") == line.get("total")
                if now - last_sent >= PROGRESS_SECONDS or finished_stage:
                    last_sent, pending, sent = now, None, line
                    yield _line(line)
                else:
                    pending = line
        else:
            final = outcome
        if pending is not None:
            yield _line(pending)
        if final.get("ok"):
            final = {**final, "redirect": _remember(request, final)}
        yield _line(final)

    response = StreamingHttpResponse(lines(), content_type=f"{NDJSON}; charset=utf-8")
    response["Cache-Control"] = "no-store"
    response["X-Accel-Buffering"] = "no"  # a proxy in front (nginx) passes each line on as it comes
    return response


def _line(message: dict) -> bytes:
    return (json.dumps(message, ensure_ascii=False) + "\n").encode("utf-8")


def _remember(request, outcome: dict) -> str:
    """Where the page goes after a streamed import. The answer's headers (and any message cookie) went out before
    the import finished, so the outcome waits in the session under a one-time key, and the page comes back to this
    view (``?done=key``), which shows the message and sends the user on to the list."""
    if not hasattr(request, "session"):
        return outcome["redirect"]
    key = secrets.token_urlsafe(12)
    done = request.session.get(DONE_KEY, {})
    done = dict(list(done.items())[-4:])  # a few at most, should some never be collected
    done[key] = {"message": outcome["message"], "redirect": outcome["redirect"]}
    request.session[DONE_KEY] = done
    request.session.save()
    return f"{request.path}?done={key}"


def _collect(request):
    """The one-time return after a streamed import: its message, then the list."""
    done = request.session.get(DONE_KEY, {})
    outcome = done.pop(request.GET["done"], None)
    if outcome is None:
        return None
    request.session[DONE_KEY] = done
    messages.success(request, outcome["message"])
    return redirect(outcome["redirect"])


# ---------------------------------------------------------------- saving in bulk

_PLAIN_FIELDS = (models.CharField, models.TextField, models.IntegerField, models.PositiveIntegerField,
                 models.PositiveSmallIntegerField, models.SmallIntegerField, models.BigIntegerField,
                 models.PositiveBigIntegerField, models.BooleanField, models.ForeignKey, models.OneToOneField)
_PLAIN_VALUES = (str, int, bool, type(None))


def insert_steps(model: type[models.Model], objects: list, *, done_before: int = 0) -> Generator[int, None, list]:
    """Insert new ``objects`` of ``model`` in multi-row INSERTs, setting each one's primary key; yields how many
    are in (plus ``done_before``) after each batch and returns ``objects``.

    What ``bulk_create`` does, without its per-value compiler work (a fraction of the time on a 10,000-row
    ledger, and on SQLite batches of a thousand rows instead of 999 values). Like ``bulk_create``: no ``save()``,
    no signals; ``auto_now``/``auto_now_add`` are applied. ``objects`` are model instances, or any objects with
    an attribute per field (by ``attname``: ``org_id``), which spares building thousands of model instances.
    Must run inside the caller's transaction.
    """
    objects = list(objects)
    alias = router.db_for_write(model)
    connection = connections[alias]
    if not objects:
        return objects
    if not connection.features.can_return_rows_from_bulk_insert:  # pragma: no cover - SQLite and PostgreSQL can
        model.objects.bulk_create(objects, batch_size=500)  # (model instances only)
        yield done_before + len(objects)
        return objects
    meta = model._meta
    pk = meta.pk
    fields = [f for f in meta.concrete_fields if not (f is pk and isinstance(f, models.AutoField))]
    ops = connection.ops
    plan = []
    for f in fields:
        stamped = getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        if stamped:
            plan.append((f.attname, f, "stamp"))
        elif type(f) in _PLAIN_FIELDS:
            plan.append((f.attname, f, "plain"))
        elif type(f) is models.DateField:
            plan.append((f.attname, f, "date"))
        else:
            plan.append((f.attname, f, "prep"))
    size = max(1, min(1000, _max_params(connection) // max(1, len(fields))))
    insert = _Insert(connection, meta.db_table, [f.column for f in fields], pk.column,
                     generated_key=len(fields) < len(meta.concrete_fields))
    stamps = {}  # auto_now(_add) fields: one time for the whole insert, as prepared once
    for attname, f, how in plan:
        if how == "stamp":
            value = f.pre_save(objects[0], True)
            stamps[attname] = (value, f.get_db_prep_save(value, connection))
    last: dict[str, tuple] = {}  # the last value prepared per field: many rows share one (an entry's time)
    done = 0
    with insert:
        for start in range(0, len(objects), size):
            batch = objects[start:start + size]
            params = []
            append = params.append
            for obj in batch:
                values = obj.__dict__
                for attname, f, how in plan:
                    if how == "plain":
                        value = values[attname]
                        append(value if value.__class__ in _PLAIN_VALUES else f.get_db_prep_save(value, connection))
                    elif how == "date":
                        value = values[attname]
                        append(ops.adapt_datefield_value(value) if value is not None else None)
                    elif how == "stamp":
                        value, prepared = stamps[attname]
                        values[attname] = value
                        append(prepared)
                    else:
                        value = values[attname]
                        seen = last.get(attname)
                        if seen is None or seen[0] is not value:
                            seen = last[attname] = (value, f.get_db_prep_save(value, connection))
                        append(seen[1])
            for obj, key in zip(batch, insert(len(batch), params)):
                setattr(obj, pk.attname, key)
                state = getattr(obj, "_state", None)
                if state is not None:
                    state.adding, state.db = False, alias
            done += len(batch)
            yield done_before + done
    return objects


def build(model: type[models.Model], rows, **common) -> list:
    """New (unsaved) instances of ``model``, one per row, as ``model(**common, **row)`` makes them with the row's
    ``None`` values left out (so those fields keep their defaults), without running the whole model constructor
    per row: the defaults and ``common`` are worked out once, then each row only sets its own values (a tenth of
    the time for 10,000 rows of a 50-field model). A row may give a foreign key as the object (``rule=rule``) or
    its id (``rule_id=3``). Rows naming anything else (a reverse relation, a property), and models with init
    signals, go through the constructor."""
    proto = model(**common)
    base = {k: v for k, v in proto.__dict__.items() if k != "_state"}
    cache = proto._state.fields_cache
    concrete = model._meta.concrete_fields
    plain = {f.name for f in concrete if not f.is_relation} | {f.attname for f in concrete if f.many_to_one}
    related = {f.name: f.attname for f in concrete if f.many_to_one}
    by_id = {attname: name for name, attname in related.items()}
    accepted = plain | set(related)
    fresh = [(f.attname, f.get_default) for f in concrete
             if f.name not in common and f.has_default() and callable(f.default)]
    fast = not (models.signals.pre_init.has_listeners(model) or models.signals.post_init.has_listeners(model))
    objects = []
    for row in rows:
        values = {k: v for k, v in row.items() if v is not None}
        if not fast or not accepted.issuperset(values):
            objects.append(model(**common, **values))
            continue
        obj = model.__new__(model)
        data = obj.__dict__
        data.update(base)
        for attname, default in fresh:
            data[attname] = default()
        state = ModelState()
        state.fields_cache = dict(cache)
        for key in related.keys() & values.keys():
            target = values.pop(key)
            data[related[key]] = target.pk
            state.fields_cache[key] = target
        for key in by_id.keys() & values.keys():  # an id given: a cached object of the common values is stale
            state.fields_cache.pop(by_id[key], None)
        data.update(values)
        data["_state"] = state
        objects.append(obj)
    return objects


def save_records(model: type[models.Model], objects: list, *, by, org, action: str, changes=None,
                 share: float = 0.8) -> Generator[int, None, list]:
    """The common part of a ledger's save: insert the new ``objects`` (progress up to ``share`` of the rows), then
    give each an ``action`` audit entry (``"<app>.import_row"``, note 从台账导入, ``changes`` a function of the
    record). ``yield from`` it inside the save; returns ``objects``."""
    for saved in insert_steps(model, objects):
        yield int(saved * share)
    audit.record_many(action, objects, by=by, org=org, note="从台账导入", changes=changes)
    return objects


class _Insert:
    """A batch of rows into one table, the fastest way each database takes them.

    PostgreSQL, when the key is generated: the batch's keys are drawn from the key's sequence in one statement,
    then the rows go in by ``COPY`` (no statement of 50,000 parameters to parse and plan). Otherwise one multi-row
    ``INSERT … RETURNING``, in the driver's own placeholders (``?`` for sqlite3, ``$n`` with a psycopg
    ``RawCursor``): on 50,000 values the generic ``%s`` rewriting (Django's for SQLite, psycopg's) took longer than
    the database's work. Other databases get the usual cursor."""

    def __init__(self, connection, table: str, columns: list[str], key: str, *, generated_key: bool):
        quote = connection.ops.quote_name
        self.connection, self.width, self.vendor = connection, len(columns), connection.vendor
        self.head = f"INSERT INTO {quote(table)} ({', '.join(map(quote, columns))}) VALUES "
        self.tail = f" RETURNING {quote(key)}"
        self.statements: dict[int, str] = {}
        self.copy = None
        if self.vendor == "postgresql" and generated_key:
            self.copy = f"COPY {quote(table)} ({quote(key)}, {', '.join(map(quote, columns))}) FROM STDIN"
            self.sequence = (table, key)

    def __enter__(self):
        self.connection.ensure_connection()
        raw = self.connection.connection
        if self.vendor == "postgresql":
            import psycopg

            self.cursor = psycopg.RawCursor(raw)
        elif self.vendor == "sqlite":
            self.cursor = raw.cursor()
        else:  # pragma: no cover - the project runs on SQLite and PostgreSQL
            self.cursor = self.connection.cursor()
        return self

    def __exit__(self, *exc):
        self.cursor.close()

    def _statement(self, rows: int) -> str:
        if rows not in self.statements:
            if self.vendor == "postgresql":
                values = ", ".join("(" + ", ".join(f"${r * self.width + c + 1}" for c in range(self.width)) + ")"
                                   for r in range(rows))
            else:
                mark = "?" if self.vendor == "sqlite" else "%s"
                values = ", ".join(["(" + ", ".join([mark] * self.width) + ")"] * rows)
            self.statements[rows] = self.head + values + self.tail
        return self.statements[rows]

    def __call__(self, rows: int, params: list) -> list:
        """Insert ``rows`` rows (``params`` row after row); their new keys, in order."""
        with self.connection.wrap_database_errors:  # the driver's errors as Django's (IntegrityError…)
            if self.copy is None:
                self.cursor.execute(self._statement(rows), params)
                return [key for (key,) in self.cursor.fetchall()]
            self.cursor.execute("SELECT nextval(pg_get_serial_sequence($1, $2)) FROM generate_series(1, $3)",
                                [*self.sequence, rows])
            keys = [key for (key,) in self.cursor.fetchall()]
            width = self.width
            with self.cursor.copy(self.copy) as copy:
                for i, key in enumerate(keys):
                    copy.write_row((key, *params[i * width:(i + 1) * width]))
            return keys


def bulk_insert(model: type[models.Model], objects: list[models.Model]) -> list:
    """``insert_steps`` in one go."""
    return drain(insert_steps(model, objects))


def _max_params(connection) -> int:
    """Bind parameters one statement may carry: 65,535 on PostgreSQL (protocol), SQLite's compiled limit."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        try:
            return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        except AttributeError:  # pragma: no cover - Python < 3.11
            return 999
    if connection.vendor == "postgresql":
        return 65_000
    return connection.features.max_query_params or 2000


