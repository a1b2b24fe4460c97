"""Mandated parts detected from headings and content, on the seeds and on texts written for the tests."""

import pytest

from yifa.reports.review import detect_sections, review
from yifa.reports.tests.annotations import cases


@pytest.mark.parametrize("name, text, annotation", cases("seeds"), ids=lambda v: v if isinstance(v, str) and len(v) < 30 else "")
def test_sections_of_each_seed_equal_the_annotation(name, text, annotation):
    assert review(text)["sections"] == annotation["sections"]


@pytest.mark.parametrize("name, text, annotation", cases("unseen"), ids=lambda v: v if isinstance(v, str) and len(v) < 30 else "")
def test_sections_of_each_unseen_text_equal_the_annotation(name, text, annotation):
    assert review(text)["sections"] == annotation["sections"]


def test_a_plan_that_only_mentions_the_first_responsible_duty_is_not_that_part():
    text = ("一、主要举措和成效\n开展执法检查30次，举办讲座5场。\n"
            "二、下一年度工作安排\n（一）压实第一责任人责任。落实党政主要负责人履行推进法治建设第一责任人职责。")
    assert detect_sections(text) == {"measures": True, "first_responsible": False, "shortcomings": False,
                                     "next_year": True}


def test_a_regulation_title_is_not_a_report_on_the_duty():
    text = "根据《党政主要负责人履行推进法治建设第一责任人职责规定》，现报告如下。\n一、工作成效\n开展检查3次，培训5人。"
    assert detect_sections(text)["first_responsible"] is False


def test_one_heading_may_name_two_parts():
    text = "一、工作成效\n开展检查3次，培训5人。\n二、存在问题及下步打算\n一是能力不足。二是加强培训。"
    assert detect_sections(text) == {"measures": True, "first_responsible": False, "shortcomings": True,
                                     "next_year": True}


def test_a_later_year_in_a_part_heading_marks_the_plan():
    text = "XX镇2023年法治政府建设情况报告\n一、2023年工作情况\n开展检查3次，培训5人。\n二、2024年重点工作\n深化普法。"
    assert detect_sections(text)["next_year"] is True


def test_headings_without_numbering_as_read_from_a_docx_still_count():
    text = ("XX镇2023年法治政府建设情况报告\n主要举措和成效\n开展检查3次。\n"
            "党政主要负责人履行推进法治建设第一责任人职责情况\n书记带头述法。\n存在的不足和原因\n队伍薄弱。\n"
            "下一年度工作安排\n加强培训。")
    assert all(detect_sections(text).values())
