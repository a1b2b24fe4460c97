"""到期提醒: ``manage.py scan_deadlines`` creates the in-app reminders due today and e-mails them when mail is set up.

First it opens the clocks that start on a date rather than on an act (each module's ``open_periodic_clocks``,
e.g. last year's 执法数据 due 1月31日), so they are scanned the same run.

Idempotent: a second run the same day creates and sends nothing. Schedule it once a day, e.g. cron
``30 7 * * * cd /srv/yifa && .venv/bin/python manage.py scan_deadlines`` (see docs/deadlines.md).
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "扫描计时中的期限，生成即将到期、今日到期和逾期提醒（重复运行不会重复提醒）"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按指定日期扫描（YYYY-MM-DD），默认今天")

    def handle(self, *args, date=None, **options):
        from yifa.core import deadlines, registry

        on = None
        if date:
            try:
                on = dt.date.fromisoformat(date)
            except ValueError:
                raise CommandError("日期格式应为 YYYY-MM-DD。")
        for line in registry.open_periodic_clocks(on or deadlines.today()):
            self.stdout.write(line)
        result = deadlines.scan(on=on)
        counts = {}
        for reminder in result.created:
            counts[reminder.get_kind_display()] = counts.get(reminder.get_kind_display(), 0) + 1
        detail = "，".join(f"{k}{v}条" for k, v in counts.items()) or "无新提醒"
        self.stdout.write(f"期限扫描完成：新提醒{len(result.created)}条（{detail}），发送邮件{result.emailed}封。")
