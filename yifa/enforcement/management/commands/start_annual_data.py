"""起算年度执法数据公开期限: ``manage.py start_annual_data`` opens, for every 执法主体, last year's
年度行政执法数据 record and its clock (国办发〔2018〕118号: 每年1月31日前公开上年度数据).

Idempotent: run it daily next to ``scan_deadlines`` (e.g. cron ``25 7 * * *``), so the clock exists from
1月1日 even before anyone opens the workbench (which also opens it, on first need, for its user's units).
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "为各执法主体起算上年度行政执法数据的公开期限（重复运行不会重复起算）"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按指定日期运行（YYYY-MM-DD），默认今天；起算该日上一年度的数据")

    def handle(self, *args, date=None, **options):
        from yifa.enforcement import actions

        on = None
        if date:
            try:
                on = dt.date.fromisoformat(date)
            except ValueError:
                raise CommandError("日期格式应为 YYYY-MM-DD。")
        opened = actions.open_due_annual_data(on=on)
        names = "、".join(r.org.name for r in opened) or "无"
        self.stdout.write(f"年度执法数据：新起算{len(opened)}个单位（{names}）。")
