"""工作台 items: drafts waiting for the head, reports submitted from below waiting for the overseer's review."""

from yifa.core.registry import workbench_items
from yifa.reports import actions


def titles(user):
    return [(item.title, item.state) for item in workbench_items(user) if item.module == "年度报告"]


def test_the_head_sees_the_draft_to_sign_off(draft, tree):
    assert titles(tree.township_head) == [(draft.title, "草稿，待定稿")]


def test_the_overseer_sees_a_submitted_report_until_it_is_reviewed(submitted, tree):
    assert titles(tree.district_overseer) == [(submitted.title, "2026年2月10日报送，待审查")]
    actions.review_report(submitted, by=tree.district_overseer)
    assert titles(tree.district_overseer) == []


def test_a_returned_report_says_so(submitted, tree):
    actions.return_report(submitted, by=tree.district_overseer, reason="补充原因分析")
    assert titles(tree.township_head) == [(submitted.title, "上级退回，待修改后重新报送")]


def test_another_districts_overseer_sees_nothing(submitted, tree):
    assert titles(tree.sibling_handler) == []
