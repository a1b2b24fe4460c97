"""主动公开信息 gets a name that no other module uses (行政执法 has its own ``Publication`` of 处罚决定公示)."""

from django.conf import settings
from django.db import migrations


def retarget_deadlines(apps, schema_editor):
    """Running clocks name their matter by model label; follow the new name (audit entries stay as written)."""
    Deadline = apps.get_model("core", "Deadline")
    Deadline.objects.filter(target_type="disclosure.publication").update(target_type="disclosure.proactivedisclosure")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_seed_calendar"),
        ("disclosure", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel("Publication", "ProactiveDisclosure"),
        migrations.RunPython(retarget_deadlines, migrations.RunPython.noop),
    ]
