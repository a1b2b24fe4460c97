"""Bulk rows without the ORM's per-object cost: ids assigned here, rows buffered per table, written by
PostgreSQL ``COPY`` (or ``bulk_create`` on SQLite, for the tests).

Every field a generator does not name gets a plain default from the model itself (its declared default,
NULL where allowed, an empty string where blank is allowed), so a field added to a model later does not
break the generator; a required foreign key that is not given stops the run with its name.
"""

import datetime as dt
import json
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

    def __init__(self, *, now: dt.datetime, day: dt.date):
        self.pg = connection.vendor == "postgresql"
        self.now, self.day = now, day
        self.tables: dict[type, Table] = {}
        self.next_id: dict[type, int] = {}
        self.counts: Counter = Counter()
        self.buffered = 0

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
                (self._copy if self.pg else self._bulk)(table)
                table.rows = []
        self.buffered = 0

    def _copy(self, table: Table):
        columns = ", ".join(connection.ops.quote_name(c) for c in table.columns)
        sql = f"COPY {connection.ops.quote_name(table.model._meta.db_table)} ({columns}) FROM STDIN"
        json_cols = table.json
        with connection.cursor() as cursor:
            with cursor.cursor.copy(sql) as copy:
                for row in table.rows:
                    if json_cols:
                        row = [json.dumps(v, ensure_ascii=False) if i in json_cols else v for i, v in enumerate(row)]
                    copy.write_row(row)

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

    def finish(self):
        """Flush, then move every id sequence past the ids given here."""
        self.flush()
        sql = connection.ops.sequence_reset_sql(no_style(), list(self.tables))
        with connection.cursor() as cursor:
            for statement in sql:
                cursor.execute(statement)
