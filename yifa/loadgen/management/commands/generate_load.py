"""``manage.py generate_load --scale city|quick|tiny --seed N [--until YYYY-MM-DD]``

Fills the database with a city's five years of records across every installed module: 200 乡镇/街道 under
10 districts (city and quick; quick has a fifth of the records), skewed workloads (a few busy units,
seasonal peaks), staff accounts, clocks, an audit chain that verifies, and scanned documents as small files.
Rows are written in bulk (COPY on PostgreSQL). The same seed and end date give the same data.

The database must hold no generated load yet (``--replace`` empties it first: every table is flushed).
"""

import datetime as dt
import time

from django.apps import apps
from django.core.management import BaseCommand, CommandError, call_command
from django.db import connection, transaction
from django.utils import timezone

from yifa.core.pagination import forget_unit_choices
from yifa.loadgen.context import SCALES, Context
from yifa.loadgen.generators import APPS, generator
from yifa.loadgen.models import LoadRun
from yifa.loadgen.writer import Writer


class Command(BaseCommand):
    help = "生成压测数据：一个市（10个区县、200个乡镇/街道）五年的各模块记录。"

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="quick")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--until", type=dt.date.fromisoformat, default=None,
                            help="数据截止日（默认今天）；同一种子和截止日生成相同的数据")
        parser.add_argument("--replace", action="store_true", help="先清空数据库（flush）再生成")

    def handle(self, *args, scale, seed, until, replace, **options):
        until = until or timezone.localdate()
        if LoadRun.objects.exists() or apps.get_model("core", "Org").objects.exists():
            if not replace:
                raise CommandError("数据库中已有数据；如需重新生成请加 --replace（将清空整个数据库）。")
            call_command("flush", interactive=False, verbosity=0)
            # flush empties the tables the migrations seeded: the statutory rules and the calendar
            call_command("seed_rules", verbosity=0)
            call_command("seed_calendar", verbosity=0)
        started = time.perf_counter()
        # On PostgreSQL the rows are stored by a second connection while the generators go on (yifa.loadgen.writer);
        # not inside a caller's transaction, which that connection could not see.
        writer = Writer(now=timezone.now(), day=until, background=not connection.in_atomic_block)
        ctx = Context(scale=SCALES[scale], seed=seed, until=until, writer=writer,
                      log=lambda text: self.stdout.write(text))
        done = []
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET synchronous_commit TO off")
        try:
            with transaction.atomic():
                for name, app in APPS.items():
                    if app != "yifa.core" and not apps.is_installed(app):
                        continue
                    t0 = time.perf_counter()
                    generator(name)(ctx)
                    writer.flush()
                    done.append(app)
                    self.stdout.write(f"{app}: {time.perf_counter() - t0:.1f} s")
                t0 = time.perf_counter()
                ctx.save_numbers()
                writer.finish()
                ctx.save_audit_head()
        except BaseException:
            writer.abort()
            raise
        self.stdout.write(f"写入完成: {time.perf_counter() - t0:.1f} s")
        if connection.vendor == "postgresql":
            # VACUUM as well (outside a transaction): the fresh rows' visibility map is set now, as on a database that
            # has been running, instead of by autovacuum in the middle of whatever is measured next.
            statement = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
            t0 = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(statement)
            self.stdout.write(f"{statement}: {time.perf_counter() - t0:.1f} s")
        forget_unit_choices()  # units were written in bulk, without the signals that refresh the lists' unit filters
        seconds = time.perf_counter() - started
        counts = dict(sorted(writer.counts.items()))
        LoadRun.objects.create(scale=scale, seed=seed, until=until, apps=done, counts=counts, seconds=seconds,
                               finished_at=timezone.now())
        self.stdout.write(f"共写入 {sum(counts.values()):,} 行（附件文件 {ctx.media_files:,} 个），用时 {seconds:.1f} 秒。")
