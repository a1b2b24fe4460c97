"""Bulk rows without the ORM's per-object cost: ids assigned here, rows buffered per table, written by
PostgreSQL ``COPY`` (or ``bulk_create`` on SQLite, for the tests).

On PostgreSQL, with ``background=True``, the COPYs run in a thread on a connection of their own, in one transaction
committed by ``finish()``: the database stores one batch (rows, indexes) while Python makes the next, instead of
the generator waiting for every batch. That connection skips foreign-key triggers when it may (a superuser's
``session_replication_role = replica``, as ``pg_restore --disable-triggers`` does): every id is assigned here, and the
same generators on SQLite (the tests) are checked. Generators never read back what they wrote.

Every field a generator does not name gets a plain default from the model itself (its declared default,
NULL where allowed, an empty string where blank is allowed), so a field added to a model later does not
break the generator; a required foreign key that is not given stops the run with its name.
"""

import datetime as dt
import json
import queue
import threading
from collections import Counter
from decimal import Decimal

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import NOT_PROVIDED

FLUSH_ROWS = 20_000


class Table:
    """One model's column list, defaults and buffered rows."""

    def __init__(self, model):
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields]
        self.columns = [f.column for f in self.fields]
        self.names = {f.attname: i for i, f in enumerate(self.fields)}
        self.names.update({f.name: i for i, f in enumerate(self.fields) if f.name != f.attname})
        self.json = {i for i, f in enumerate(self.fields) if isinstance(f, models.JSONField)}
        self.template = [self._default(f) for f in self.fields]
        # Positions whose default is computed per row (so ``add`` touches only those).
        self.special = [(i, v) for i, v in enumerate(self.template) if v in (AUTO_NOW, CALL, DAY, MISSING)]
        self.pk_index = self.names[model._meta.pk.attname]
        self.rows: list[list] = []

    @staticmethod
    def _default(field):
        if field.primary_key:
            return None
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            return AUTO_NOW
        if field.default is not NOT_PROVIDED:
            return CALL if callable(field.default) else field.default
        if field.null:
            return None
        if field.is_relation:
            return MISSING
        if isinstance(field, (models.CharField, models.TextField)):
            return "" if field.blank else ("（压测）"[: field.max_length] if field.max_length else "（压测）")
        if isinstance(field, models.BooleanField):
            return False
        if isinstance(field, (models.IntegerField, models.FloatField)):
            return 0
        if isinstance(field, models.DecimalField):
            return Decimal(0)
        if isinstance(field, models.DateTimeField):
            return AUTO_NOW
        if isinstance(field, models.DateField):
            return DAY
        return MISSING


AUTO_NOW, CALL, MISSING, DAY = object(), object(), object(), object()


class Writer:
    """``add(Model, **values) -> id``; ``flush()`` writes everything buffered, parents before children."""

    def __init__(self, *, now: dt.datetime, day: dt.date, background: bool = False):
        self.pg = connection.vendor == "postgresql"
        self.now, self.day = now, day
        self.tables: dict[type, Table] = {}
        self.next_id: dict[type, int] = {}
        self.counts: Counter = Counter()
        self.buffered = 0
        self.copier = _CopyThread() if background and self.pg else None

    def table(self, model) -> Table:
        if model not in self.tables:
            self.tables[model] = Table(model)
            top = model.objects.aggregate(m=models.Max("pk"))["m"] or 0
            self.next_id[model] = top + 1
        return self.tables[model]

    def reserve(self, model) -> int:
        self.table(model)
        pk = self.next_id[model]
        self.next_id[model] = pk + 1
        return pk

    def add(self, model, **values) -> int:
        table = self.tables.get(model) or self.table(model)
        row = table.template.copy()
        pk = values.pop("id", None) or self.reserve(model)
        at = values.pop("_at", None) or self.now
        row[table.pk_index] = pk
        names = table.names
        for key, value in values.items():
            row[names[key]] = value
        for i, kind in table.special:
            if row[i] is kind:
                if kind is AUTO_NOW:
                    row[i] = at
                elif kind is CALL:
                    row[i] = table.fields[i].default()
                elif kind is DAY:
                    row[i] = self.day
                else:
                    raise ValueError(f"{model._meta.label}.{table.fields[i].name}: 生成数据时必须给出该字段")
        table.rows.append(row)
        self.counts[model._meta.label] += 1
        self.buffered += 1
        if self.buffered >= FLUSH_ROWS:
            self.flush()
        return pk

    def flush(self):
        """Write every buffered row, tables in the order they were first used (parents come first)."""
        for table in self.tables.values():
            if table.rows:
                if self.copier:
                    self.copier.put(self._copy_sql(table), table.rows, table.json)
                elif self.pg:
                    with connection.cursor() as cursor:
                        _copy_rows(cursor.cursor, self._copy_sql(table), table.rows, table.json)
                else:
                    self._bulk(table)
                table.rows = []
        self.buffered = 0

    @staticmethod
    def _copy_sql(table: Table) -> str:
        columns = ", ".join(connection.ops.quote_name(c) for c in table.columns)
        return f"COPY {connection.ops.quote_name(table.model._meta.db_table)} ({columns}) FROM STDIN"

    def _bulk(self, table: Table):
        attnames = [f.attname for f in table.fields]
        objects = [table.model(**dict(zip(attnames, row))) for row in table.rows]
        # bulk_create would overwrite auto_now fields with the real time; keep the generated history.
        fields = [f for f in table.fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
        saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
        try:
            for f in fields:
                f.auto_now = f.auto_now_add = False
            table.model.objects.bulk_create(objects, batch_size=500)
        finally:
            for f, now, add in saved:
                f.auto_now, f.auto_now_add = now, add

    def abort(self):
        """After a failure: the background COPYs are rolled back (the caller's transaction rolls back the rest)."""
        if self.copier:
            self.copier.abort()
            self.copier = None

    def finish(self):
        """Flush (and commit the background COPYs), then move every id sequence past the ids given here."""
        self.flush()
        if self.copier:
            self.copier.finish()
            self.copier = None
        sql = connection.ops.sequence_reset_sql(no_style(), list(self.tables))
        with connection.cursor() as cursor:
            for statement in sql:
                cursor.execute(statement)


def _copy_rows(cursor, sql: str, rows: list, json_cols: set):
    with cursor.copy(sql) as copy:
        for row in rows:
            if json_cols:
                row = [json.dumps(v, ensure_ascii=False) if i in json_cols else v for i, v in enumerate(row)]
            copy.write_row(row)


class _CopyThread:
    """COPY batches on a connection of its own, in one transaction, while the generators go on (see the module)."""

    def __init__(self):
        import psycopg

        params = connection.get_connection_params()
        params = {k: v for k, v in params.items() if k not in ("cursor_factory", "context", "server_side_binding")}
        self.conn = psycopg.connect(**params)
        with self.conn.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            if cursor.fetchone()[0]:
                cursor.execute("SET session_replication_role = replica")
        self.batches: queue.Queue = queue.Queue(maxsize=8)  # bounded: the generators wait rather than fill memory
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="loadgen-copy", daemon=True)
        self.thread.start()

    def _run(self):
        try:
            with self.conn.cursor() as cursor:
                while (batch := self.batches.get()) is not None:
                    _copy_rows(cursor, *batch)
        except BaseException as error:  # noqa: BLE001 - handed to the generating thread
            self.error = error

    def put(self, *batch):
        self._put(batch)

    def _put(self, item):
        while True:
            if self.error:
                self._fail()
            try:
                self.batches.put(item, timeout=0.5)
                return
            except queue.Full:
                continue

    def finish(self):
        """Wait for the last batch and commit."""
        self._put(None)
        self.thread.join()
        if self.error:
            self._fail()
        self.conn.commit()
        self.conn.close()

    def _fail(self):
        self.thread.join()
        self.conn.rollback()
        self.conn.close()
        raise RuntimeError(f"写入压测数据失败：{self.error}") from self.error

    def abort(self):
        """The generation failed: stop the thread and drop what it wrote."""
        while self.thread.is_alive():
            try:
                while True:
                    self.batches.get_nowait()
            except queue.Empty:
                pass
            try:
                self.batches.put_nowait(None)
            except queue.Full:
                continue
            self.thread.join()
        if not self.conn.closed:
            self.conn.rollback()
            self.conn.close()
