from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """法治政府建设年度报告: drafting from the registers, publication, submission, machine review."""

    name = "yifa.reports"
    label = "reports"
    verbose_name = "法治政府建设年度报告"
