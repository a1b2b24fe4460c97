"""review_report PATH [--json] [--keep UNIT [--by USERNAME] [--year YEAR]]: the machine review of one yearly
report (.txt or .docx).

Pure text analysis: without --keep no database is read or written, so it runs on any report file.
With --keep the file and the review are kept for the unit (行政区划代码 or id), with its audit entry, as an
upload through the web page would be.
"""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError

from yifa.reports.review import SECTION_KEYS, SECTION_LABELS, read_text, review


class Command(BaseCommand):
    help = "审查一份法治政府建设年度报告（.txt 或 .docx）：法定部分、数据、重复段落。"
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("path", help="报告文件（.txt 或 .docx）")
        parser.add_argument("--json", action="store_true", help="输出一个 JSON 对象")
        parser.add_argument("--keep", metavar="UNIT", help="保存文件和审查记录，归入该单位（行政区划代码或编号）")
        parser.add_argument("--by", help="与 --keep 一起：以该用户名义审查（记入审计）")
        parser.add_argument("--year", type=int, help="与 --keep 一起：报告年度（不填则从报告中识别）")

    def handle(self, *args, path, **options):
        try:
            text = read_text(path)
        except FileNotFoundError:
            raise CommandError(f"找不到文件：{path}")
        except Exception as error:  # an unreadable .docx: say so, no traceback
            raise CommandError(f"无法读取文件 {path}：{error}")
        result = review(text)
        if options.get("keep"):
            self._keep(Path(path), options)
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

    def _keep(self, path: Path, options) -> None:
        from yifa.core.models import Org, User
        from yifa.reports.actions import review_upload

        code = options["keep"]
        org = Org.objects.filter(division_code=code).first() or (
            Org.objects.filter(pk=int(code)).first() if code.isdigit() else None)
        if org is None:
            raise CommandError(f"没有行政区划代码或编号为 {code} 的单位。")
        user = None
        if options.get("by"):
            user = User.objects.filter(username=options["by"]).first()
            if user is None:
                raise CommandError(f"没有用户名为 {options['by']} 的用户。")
        upload = SimpleUploadedFile(path.name, path.read_bytes())
        try:
            kept = review_upload(upload, org=org, by=user, year=options.get("year"))
        except ValidationError as error:
            raise CommandError("；".join(error.messages))
        self.stderr.write(f"已保存审查记录 {kept.pk}（{org.name}）。")
