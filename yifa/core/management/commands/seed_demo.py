from django.core.management.base import BaseCommand

from yifa.core import demo


class Command(BaseCommand):
    help = "载入演示数据（一个市、两个区、四个乡镇/街道及其村社区、各角色用户）；已载入时不重复，只列出演示账户。"

    def handle(self, *args, **options):
        created, _context = demo.seed()
        self.stdout.write("已载入演示数据。" if created else "演示数据已存在，未重复载入。")
        self.stdout.write(f"演示账户（密码均为 {demo.DEMO_PASSWORD}）：")
        for line in demo.account_lines():
            self.stdout.write(line)
