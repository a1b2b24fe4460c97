"""Seed the 法定期限规则 table from the research notes' summary table (yifa/core/management/commands/seed_rules.py)."""

from django.db import migrations


def seed(apps, schema_editor):
    from yifa.core.management.commands.seed_rules import sync_rules

    sync_rules(apps.get_model("core", "StatutoryRule"), only_missing=True)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_deadlines")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
