"""annual_report --year YEAR --outdir DIR [--unit CODE]: draft the yearly reports and write the .docx files.

Without --unit, every active 乡镇/街道. CODE is the unit's 行政区划代码 or its id. A report already
signed off (定稿 or later) is not regenerated; its current file is written as it is.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError

from yifa.core.models import Org, User
from yifa.reports import actions
from yifa.reports.models import AnnualReport


class Command(BaseCommand):
    help = "按台账数据生成法治政府建设年度报告（.docx），写入指定目录。"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="报告年度，如 2025")
        parser.add_argument("--outdir", required=True, help="输出目录")
        parser.add_argument("--unit", help="单位的行政区划代码或编号；不填则为全部乡镇、街道")
        parser.add_argument("--by", help="以该用户名义生成（记入审计）；不填记为“系统”")

    def handle(self, *args, year, outdir, unit=None, by=None, **options):
        user = None
        if by:
            user = User.objects.filter(username=by).first()
            if user is None:
                raise CommandError(f"没有用户名为 {by} 的用户。")
        units = self._units(unit)
        out = Path(outdir)
        out.mkdir(parents=True, exist_ok=True)
        failures = 0
        for org in units:
            report = AnnualReport.objects.filter(org=org, year=year).first()
            try:
                if report is None or report.status == AnnualReport.Status.DRAFT:
                    report = actions.draft_report(org, year, by=user)
                    verb = "已生成"
                else:
                    verb = f"{report.get_status_display()}，未重新生成"
            except ValidationError as error:
                failures += 1
                self.stderr.write(f"{org.name}：{'；'.join(error.messages)}")
                continue
            path = out / f"{org.name}{year}年度法治政府建设情况报告.docx"
            with default_storage.open(report.document.stored_name, "rb") as source:
                path.write_bytes(source.read())
            self.stdout.write(f"{org.name}：{verb} → {path}")
        if failures:
            raise CommandError(f"{failures}个单位未能生成。")

    def _units(self, code):
        if not code:
            units = list(Org.objects.filter(kind__in=Org.GRASSROOTS, is_active=True).order_by("path"))
            if not units:
                raise CommandError("没有乡镇或街道。")
            return units
        org = Org.objects.filter(division_code=code).first()
        if org is None and code.isdigit():
            org = Org.objects.filter(pk=int(code)).first()
        if org is None:
            raise CommandError(f"没有行政区划代码或编号为 {code} 的单位。")
        return [org]
