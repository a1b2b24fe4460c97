"""Figures (indicators.py), sentences (report.py) and the two generated documents, reopened with python-docx."""

import datetime as dt
import io
from decimal import Decimal

from django.urls import reverse
from docx import Document

from yifa.enforcement import indicators, report

from .helpers import decided, file, informed, reviewed

YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def test_figures_count_cases_reviews_fines_and_certificates(w):
    file(w)
    decided(w)
    reviewed(w, informed(w, power=w.review_power))
    f = indicators.figures([w.org], YEAR)
    assert f["cases_filed"]["count"] == 3 and f["normal"]["count"] == 3
    assert f["penalties"]["count"] == 1 and f["fines"] == Decimal("150")
    assert f["reviews"]["count"] == 1 and f["reviews"]["agreed"] == 1
    assert f["on_time"]["met"] == 1 and f["on_time"]["rate"] == 100.0
    assert f["certificate"]["officers"] == 4 and f["certificate"]["certified"] == 3 and f["certificate"]["rate"] == 75.0
    assert dict((s["code"], s["count"]) for s in f["stages"])["decided"] == 1


def test_the_sibling_is_not_counted(w):
    decided(w)
    assert indicators.figures([w.tree.sibling], YEAR)["cases_filed"]["count"] == 0
    assert indicators.figures([w.tree.district], YEAR)["cases_filed"]["count"] == 1


def test_each_figure_drills_down_to_exactly_its_records(w, client):
    decided(w)
    file(w)
    f = indicators.figures([w.org], YEAR)
    client.force_login(w.head)
    page = client.get(f["penalties"]["drill"]).content.decode()
    assert page.count("东街综执立") == 1
    page = client.get(f["cases_filed"]["drill"]).content.decode()
    assert page.count("东街综执立") == 2


def test_sentences_state_the_numbers(w):
    decided(w)
    text = "".join(report.sentences([w.org], YEAR))
    assert "办理行政处罚案件1件" in text and "持证率75%" in text


def test_the_quarterly_report_is_a_real_docx(w, client):
    decided(w)
    client.force_login(w.head)
    response = client.get(reverse("enforcement:report", args=["quarterly"]) + "?year=2026&quarter=1")
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "东街道2026年第1季度行政执法工作报告" in text
    assert "办理行政处罚案件1件" in text
    assert doc.tables[0].rows[1].cells[1].text == "1"


def test_the_yearly_data_document(w, client):
    decided(w)
    client.force_login(w.head)
    response = client.get(reverse("enforcement:report", args=["yearly"]) + f"?year=2026&org={w.org.pk}")
    doc = Document(io.BytesIO(response.content))
    assert "东街道2026年度行政执法数据" in doc.paragraphs[0].text
    assert any("国办发〔2018〕118号" in p.text for p in doc.paragraphs)


def test_the_figures_page_renders_for_an_overseer(w, client):
    decided(w)
    client.force_login(w.tree.district_overseer)
    page = client.get(reverse("enforcement:figures")).content.decode()
    assert "按期办结率" in page and "持证率" in page
