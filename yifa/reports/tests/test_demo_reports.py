"""Generated reports for every demo 乡镇/街道: they open, have the four parts, and their figures are the registers'.

The demo (``yifa.core.demo.seed``) fills every installed module's registers; ``annual_report`` writes the
reports; each file is opened again with python-docx and read back through the machine reviewer, whose
figures are held against the indicator registry (the dashboard's numbers).
"""

from django.core.management import call_command

from yifa.core.demo import seed
from yifa.core.models import Org
from yifa.reports import builder, crosscheck, registry, review
from yifa.reports.models import AnnualReport


def test_generated_reports_of_every_demo_unit_carry_the_registers_figures(db, today, tmp_path):
    seed()
    call_command("annual_report", "--year", "2025", "--outdir", str(tmp_path))
    units = list(Org.objects.filter(kind__in=Org.GRASSROOTS))
    assert len(units) == 4
    matched = 0
    for org in units:
        report = AnnualReport.objects.get(org=org, year=2025)
        text = review.read_text(tmp_path / f"{org.name}2025年度法治政府建设情况报告.docx")
        assert text == report.text
        assert all(review.detect_sections(text).values()), org.name
        for contributions in registry.collect([org], 2025)["parts"].values():
            for contribution in contributions:
                for paragraph in contribution["paragraphs"]:
                    assert builder.full_width_punctuation(paragraph) in text, (org.name, contribution["label"])
        figures = review.review(text)["figures"]
        checks = crosscheck.check_figures(text, figures, [org], 2025)
        assert [(c["text"], c["code"], c["stated"], c["register"]) for c in checks if c["verdict"] == "mismatch"] == [], org.name
        matched += sum(1 for c in checks if c["verdict"] == "match")
    assert matched >= 12
