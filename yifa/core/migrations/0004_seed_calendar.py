"""Seed the 节假日日历 from the chinesecalendar package's data (2004–2026)."""

from django.db import migrations


def seed(apps, schema_editor):
    from yifa.core.deadlines import seed_calendar

    seed_calendar(apps.get_model("core", "CalendarDay"), apps.get_model("core", "CalendarYear"))


class Migration(migrations.Migration):
    dependencies = [("core", "0003_seed_rules")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
