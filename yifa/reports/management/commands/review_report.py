"""review_report PATH [--json]: the machine review of one yearly report (.txt or .docx).

Pure text analysis: no database is read or written, so it runs on any report file.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from yifa.reports.review import SECTION_KEYS, SECTION_LABELS, read_text, review


class Command(BaseCommand):
    help = "审查一份法治政府建设年度报告（.txt 或 .docx）：法定部分、数据、重复段落。"
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("path", help="报告文件（.txt 或 .docx）")
        parser.add_argument("--json", action="store_true", help="输出一个 JSON 对象")

    def handle(self, *args, path, **options):
        try:
            text = read_text(path)
        except FileNotFoundError:
            raise CommandError(f"找不到文件：{path}")
        except Exception as error:  # an unreadable .docx: say so, no traceback
            raise CommandError(f"无法读取文件 {path}：{error}")
        result = review(text)
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        self.stdout.write("法定部分：")
        for key in SECTION_KEYS:
            mark = "有" if result["sections"][key] else "缺"
            self.stdout.write(f"  [{mark}] {SECTION_LABELS[key]}")
        self.stdout.write(f"数据 {len(result['figures'])} 项：")
        for figure in result["figures"]:
            qualifier = f"（{figure['qualifier']}）" if figure["qualifier"] else ""
            self.stdout.write(f"  {figure['start']}-{figure['end']} {figure['indicator']}：{figure['value']}"
                              f"{figure['unit']}{qualifier}  「{figure['text']}」")
        self.stdout.write(f"重复段落 {len(result['repeated_passages'])} 处：")
        for passage in result["repeated_passages"]:
            places = "、".join(f"{s}-{e}" for s, e in passage["occurrences"])
            self.stdout.write(f"  {places}：{passage['text'][:40]}…")
