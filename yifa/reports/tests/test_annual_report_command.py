"""annual_report --year YEAR --outdir DIR [--unit CODE]."""

import io

import docx
import pytest
from django.core.management import CommandError, call_command

from yifa.reports.models import AnnualReport


def run(*args) -> str:
    out = io.StringIO()
    call_command("annual_report", *args, stdout=out)
    return out.getvalue()


def test_without_a_unit_it_drafts_every_township_and_subdistrict(tree, today, tmp_path):
    out = run("--year", "2025", "--outdir", str(tmp_path / "out"))
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == sorted(f"{n}2025年度法治政府建设情况报告.docx" for n in ("东街道", "西镇", "南镇"))
    assert "东街道：已生成" in out
    assert set(AnnualReport.objects.values_list("org__name", flat=True)) == {"东街道", "西镇", "南镇"}
    document = docx.Document(tmp_path / "out" / "西镇2025年度法治政府建设情况报告.docx")
    assert "西镇人民政府" in [p.text for p in document.paragraphs]


def test_a_unit_is_named_by_its_division_code_or_its_id(tree, today, tmp_path):
    run("--year", "2025", "--outdir", str(tmp_path / "out"), "--unit", str(tree.township.pk))
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["东街道2025年度法治政府建设情况报告.docx"]
    run("--year", "2025", "--outdir", str(tmp_path / "district"), "--unit", "330502")
    assert AnnualReport.objects.filter(org=tree.district).exists()


def test_an_unknown_unit_is_refused(tree, today, tmp_path):
    with pytest.raises(CommandError, match="没有行政区划代码或编号为 999999 的单位"):
        run("--year", "2025", "--outdir", str(tmp_path / "out"), "--unit", "999999")


def test_a_signed_off_report_is_written_as_it_is(final, tree, tmp_path):
    out = run("--year", "2025", "--outdir", str(tmp_path / "out"), "--unit", str(tree.township.pk))
    assert "已定稿，未重新生成" in out
    document = docx.Document(tmp_path / "out" / "东街道2025年度法治政府建设情况报告.docx")
    assert "2026年2月10日" in [p.text for p in document.paragraphs]


def test_a_village_is_reported_as_refused(tree, today, tmp_path):
    with pytest.raises(CommandError, match="1个单位未能生成"):
        run("--year", "2025", "--outdir", str(tmp_path / "out"), "--unit", str(tree.village.pk))
