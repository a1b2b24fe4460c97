"""工作台 items: drafts waiting for the head, reports submitted from below waiting for the overseer's review."""

from yifa.core.registry import workbench_items
from yifa.reports import actions


def titles(user):
    # Core merges a running deadline of the same report into the item ("草稿，待定稿 · 还剩18日").
    return [(item.title, item.state.split(" · ")[0]) for item in workbench_items(user) if item.module == "年度报告"]


def test_the_head_sees_the_draft_to_sign_off_with_the_submission_deadline(draft, tree):
    (item,) = [i for i in workbench_items(tree.township_head) if i.module == "年度报告"]
    assert (item.title, item.state.split(" · ")[0]) == (draft.title, "草稿，待定稿")
    assert item.due_on.isoformat() == "2026-02-28"


def test_the_overseer_sees_a_submitted_report_until_it_is_reviewed(submitted, tree):
    assert titles(tree.district_overseer) == [(submitted.title, "2026年2月10日报送，待审查")]
    actions.review_report(submitted, by=tree.district_overseer)
    assert titles(tree.district_overseer) == []


def test_a_returned_report_says_so(submitted, tree):
    actions.return_report(submitted, by=tree.district_overseer, reason="补充原因分析")
    assert titles(tree.township_head) == [(submitted.title, "上级退回，待修改后重新报送")]


def test_another_districts_overseer_sees_nothing(submitted, tree):
    assert titles(tree.sibling_handler) == []
