"""节假日日历 seed from the chinesecalendar package (2004–2026); also run by migration ``core.0004_seed_calendar``.

Idempotent: days already in the table (perhaps corrected by an administrator) are left as they are.
"""

from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "从 chinesecalendar 数据包载入节假日和调休上班日（已有的日期不覆盖）"

    def handle(self, *args, **options):
        from yifa.core.deadlines import seed_calendar

        with transaction.atomic():
            added = seed_calendar()
        self.stdout.write(f"节假日日历：新增 {added} 天。")
