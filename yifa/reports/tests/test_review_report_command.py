"""The review_report command: one JSON object for a .txt or .docx report."""

import io
import json

import docx
import pytest
from django.core.management import CommandError, call_command

from yifa.reports.tests.annotations import FIXTURES


def run(*args) -> str:
    out = io.StringIO()
    call_command("review_report", *args, stdout=out)
    return out.getvalue()


def test_it_prints_one_json_object_for_a_txt_report():
    path = FIXTURES / "seeds" / "002_045200239feb11ca.txt"
    result = json.loads(run(str(path), "--json"))
    assert set(result) == {"sections", "figures", "repeated_passages"}
    assert set(result["sections"]) == {"measures", "first_responsible", "shortcomings", "next_year"}
    text = path.read_text(encoding="utf-8")
    for figure in result["figures"]:
        assert set(figure) == {"text", "start", "end", "indicator", "value", "unit", "qualifier"}
        assert text[figure["start"]:figure["end"]] == figure["text"]
    (passage,) = result["repeated_passages"]
    assert all(text[s:e] == passage["text"] for s, e in passage["occurrences"])


def test_a_docx_is_read_paragraph_by_paragraph(tmp_path):
    source = (FIXTURES / "seeds" / "001_c438998820b3b1f1.txt").read_text(encoding="utf-8")
    document = docx.Document()
    for line in source.split("\n"):
        document.add_paragraph(line)
    path = tmp_path / "报告.docx"
    document.save(path)
    from_docx = json.loads(run(str(path), "--json"))
    from_txt = json.loads(run(str(FIXTURES / "seeds" / "001_c438998820b3b1f1.txt"), "--json"))
    assert from_docx == from_txt
    assert len(from_docx["figures"]) == 18


def test_without_json_it_prints_a_summary_in_chinese():
    out = run(str(FIXTURES / "seeds" / "000_b55f08a1c168cc38.txt"))
    assert "[缺] 党政主要负责人履行推进法治建设第一责任人职责情况" in out
    assert "数据 0 项" in out


def test_a_missing_file_is_refused_with_a_message(tmp_path):
    with pytest.raises(CommandError, match="找不到文件"):
        run(str(tmp_path / "无此文件.txt"), "--json")


def test_a_gb18030_text_file_is_read(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("一、主要举措和成效\r\n调处纠纷82起，成功率100%。\r\n".encode("gb18030"))
    result = json.loads(run(str(path), "--json"))
    assert [f["value"] for f in result["figures"]] == [82, 100]
    assert result["figures"][0]["start"] == len("一、主要举措和成效\n")


def test_keep_saves_the_file_and_the_review_for_the_unit(tree, today):
    from yifa.core.models import AuditEntry
    from yifa.reports.models import ReportReview

    out = run(str(FIXTURES / "seeds" / "002_045200239feb11ca.txt"), "--json", "--keep", str(tree.township.pk),
              "--by", tree.district_overseer.username)
    kept = ReportReview.objects.get()
    assert json.loads(out) == kept.result
    assert kept.org == tree.township and kept.year == 2023 and kept.reviewed_by == tree.district_overseer
    assert kept.file.original_name == "002_045200239feb11ca.txt"
    assert AuditEntry.objects.filter(action="reports.review", target_id=str(kept.pk)).exists()
