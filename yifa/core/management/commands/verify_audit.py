from django.core.management.base import BaseCommand, CommandError

from yifa.core.audit import verify_chain


class Command(BaseCommand):
    help = "校验审计记录哈希链：完整时退出码为 0，否则指出第一条有问题的记录并以非零退出。"

    def handle(self, *args, **options):
        checked, problem = verify_chain()
        if problem:
            raise CommandError(f"审计链校验失败：{problem.message}（已校验 {checked} 条完好记录）")
        self.stdout.write(self.style.SUCCESS(f"审计链完整：共 {checked} 条记录。"))
