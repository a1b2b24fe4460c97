"""Load the default edition (the 2021 示范指标体系, yifa/indicators/data/sfzb-2021.json) and put it in force,
so a new deployment has a scheme from its first start. Later editions are loaded from the 指标体系 page,
which audits each load and activation."""

from django.db import migrations
from django.utils import timezone


def load_default(apps, schema_editor):
    from yifa.indicators import actions

    Scheme = apps.get_model("indicators", "IndicatorScheme")
    Node = apps.get_model("indicators", "IndicatorNode")
    if Scheme.objects.exists():
        return
    path = actions.shipped_file(actions.DEFAULT_FILE)
    raw = path.read_bytes()
    scheme = actions.build(actions.parse(raw), actions.checksum_of(raw), source=path.name,
                           scheme_model=Scheme, node_model=Node)
    Scheme.objects.filter(pk=scheme.pk).update(status="active", activated_at=timezone.now())


def unload(apps, schema_editor):
    apps.get_model("indicators", "IndicatorScheme").objects.filter(code="sfzb-2021", version=1,
                                                                   loaded_by__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]

    operations = [migrations.RunPython(load_default, unload)]
