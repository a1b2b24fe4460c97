"""Daily job: raise 预警 for disputes past their one-month target (``--full`` rescans every signal)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from yifa.core import deadlines
from yifa.mediation import warnings


class Command(BaseCommand):
    help = "矛盾纠纷预警扫描：超过调结期限（--full 同时检查重复当事人、重复地址和风险用语）"

    def add_arguments(self, parser):
        parser.add_argument("--full", action="store_true", help="检查全部预警类型")

    def handle(self, *args, **options):
        with transaction.atomic():
            scan = warnings.scan if options["full"] else warnings.scan_overdue
            raised = scan(today=deadlines.today())
        self.stdout.write(f"新增预警 {raised} 条。")
