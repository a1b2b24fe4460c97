from django.apps import AppConfig


class LoadgenConfig(AppConfig):
    """压测数据: ``manage.py generate_load`` fills a database with a city's five years of records for the benchmarks."""

    name = "yifa.loadgen"
    label = "loadgen"
    verbose_name = "压测数据"
    default_auto_field = "django.db.models.BigAutoField"
