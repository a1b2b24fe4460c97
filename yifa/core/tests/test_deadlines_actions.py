"""start / pause / resume / extend / complete / cancel: state, dates, due date, audit entry, refusals naming the article."""

import datetime as dt

import pytest
import time_machine
from django.db import transaction

from yifa.core import deadlines
from yifa.core.deadlines import DeadlineError
from yifa.core.models import AuditEntry, Deadline

D = dt.date


@pytest.fixture
def matter(tree):
    """Any model instance can carry deadlines; here the township itself stands in for a case."""
    return tree.township


def last_audit(action):
    return AuditEntry.objects.filter(action=action).order_by("-seq").first()


def test_start_stores_the_due_date_and_audits_it(tree, matter):
    d = deadlines.start(matter, "disclosure.reply", start=D(2025, 9, 26), by=tree.township_handler)
    assert d.status == Deadline.Status.OPEN
    assert d.due_on == D(2025, 10, 30)
    assert (d.count, d.unit) == (20, "workday")
    assert d.org == tree.township
    assert d.basis == "《政府信息公开条例》第三十三条"
    entry = last_audit("core.deadline_start")
    assert entry.target_id == str(d.pk) and entry.changes["due_on"] == [None, "2025-10-30"]


def test_starting_the_same_rule_again_restarts_the_clock(tree, matter):
    first = deadlines.start(matter, "disclosure.reply", start=D(2025, 3, 3), by=tree.township_handler)
    second = deadlines.start(matter, "disclosure.reply", start=D(2025, 3, 10), by=tree.township_handler,
                             note="收到补正后的申请")
    first.refresh_from_db()
    assert first.status == Deadline.Status.CANCELLED
    assert second.status == Deadline.Status.OPEN and second.started_on == D(2025, 3, 10)
    assert [x.pk for x in deadlines.of(matter)] == [first.pk, second.pk]


def test_pause_and_resume_move_the_due_date_by_the_days_not_counted(tree, matter):
    deadlines.start(matter, "disclosure.reply", start=D(2025, 3, 3), by=tree.township_handler)  # due 3-31
    with time_machine.travel(dt.datetime(2025, 3, 12, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))):
        d = deadlines.pause(matter, "disclosure.reply", on=D(2025, 3, 7), by=tree.township_handler,
                            reason="征求第三方意见")
        assert d.status == Deadline.Status.PAUSED
        assert last_audit("core.deadline_pause").changes["paused_on"] == [None, "2025-03-07"]
    d = deadlines.resume(matter, "disclosure.reply", on=D(2025, 3, 21), by=tree.township_handler)
    # 4 workdays counted (3-4..3-7), 16 more after 3-21, skipping 清明 (4-4): 3-24 .. 4-15
    assert d.status == Deadline.Status.OPEN
    assert d.due_on == D(2025, 4, 15)
    assert last_audit("core.deadline_resume").changes["due_on"][1] == "2025-04-15"
    assert any("暂停计时（征求第三方意见）" in line for line in d.explain())


def test_a_rule_with_nothing_that_pauses_it_refuses_a_pause_and_names_the_article(tree, matter):
    deadlines.start(matter, "petitions.notify", start=D(2025, 3, 3), by=tree.township_handler)
    with pytest.raises(DeadlineError, match="信访工作条例》第二十三条"):
        deadlines.pause(matter, "petitions.notify", on=D(2025, 3, 5), by=tree.township_handler, reason="中止")


def test_extend_once_then_refuse_naming_the_article(tree, matter):
    deadlines.start(matter, "petitions.handle", start=D(2025, 8, 5), by=tree.township_handler)
    d = deadlines.extend(matter, "petitions.handle", by=tree.township_head, reason="情况复杂，经负责人批准")
    assert d.extensions == 1 and d.due_on == D(2025, 11, 10)
    assert last_audit("core.deadline_extend").changes["extension"] == [None, "30日"]
    with pytest.raises(DeadlineError, match="第三十四条规定至多延长1次"):
        deadlines.extend(matter, "petitions.handle", by=tree.township_head, reason="再延")


def test_extend_refuses_more_than_the_rule_allows_and_rules_without_extension(tree, matter):
    deadlines.start(matter, "petitions.handle", start=D(2025, 8, 5), by=tree.township_handler)
    with pytest.raises(DeadlineError, match="每次至多延长30日"):
        deadlines.extend(matter, "petitions.handle", by=tree.township_head, reason="复杂", count=45)
    deadlines.start(matter, "oversight.litigation_reply", start=D(2025, 8, 5), by=tree.township_handler)
    with pytest.raises(DeadlineError, match="行政诉讼法》第六十七条未规定"):
        deadlines.extend(matter, "oversight.litigation_reply", by=tree.township_head, reason="来不及")


def test_complete_records_met_or_late(tree, matter):
    deadlines.start(matter, "petitions.notify", start=D(2025, 3, 3), by=tree.township_handler)  # due 3-18
    d = deadlines.complete(matter, "petitions.notify", on=D(2025, 3, 18), by=tree.township_handler)
    assert d.status == Deadline.Status.MET and d.completed_on == D(2025, 3, 18)
    deadlines.start(matter, "petitions.objection", start=D(2025, 3, 3), by=tree.township_handler)  # due 3-10
    d = deadlines.complete(matter, "petitions.objection", on=D(2025, 3, 11), by=tree.township_handler)
    assert d.status == Deadline.Status.LATE
    assert last_audit("core.deadline_complete").changes["status"] == ["open", "late"]


def test_a_minimum_period_ended_early_is_recorded_as_short(tree, matter):
    deadlines.start(matter, "decisions.public_comment", start=D(2025, 3, 3), by=tree.township_handler)
    d = deadlines.complete(matter, "decisions.public_comment", on=D(2025, 3, 20), by=tree.township_handler)
    assert d.status == Deadline.Status.SHORT


def test_cancel_needs_a_reason_and_audits(tree, matter):
    deadlines.start(matter, "petitions.notify", start=D(2025, 3, 3), by=tree.township_handler)
    with pytest.raises(DeadlineError, match="原因"):
        deadlines.cancel(matter, "petitions.notify", by=tree.township_handler, reason=" ")
    d = deadlines.cancel(matter, "petitions.notify", by=tree.township_handler, reason="信访人撤回")
    assert d.status == Deadline.Status.CANCELLED
    assert last_audit("core.deadline_cancel").note == "信访人撤回"


def test_steps_on_a_matter_without_a_running_clock_are_refused(tree, matter):
    with pytest.raises(DeadlineError, match="没有正在计时的“依申请公开答复”期限"):
        deadlines.complete(matter, "disclosure.reply", on=D(2025, 3, 3), by=tree.township_handler)


def test_a_refused_step_inside_a_module_action_rolls_back_everything(tree, matter):
    with pytest.raises(DeadlineError):
        with transaction.atomic():
            deadlines.start(matter, "petitions.notify", start=D(2025, 3, 3), by=tree.township_handler)
            deadlines.extend(matter, "petitions.notify", by=tree.township_handler, reason="x")
    assert not Deadline.objects.exists()


def test_open_for_is_scoped_to_the_users_units(tree):
    mine = deadlines.start(tree.township, "petitions.notify", start=D(2025, 3, 3), by=tree.township_handler)
    deadlines.start(tree.other_township, "petitions.notify", start=D(2025, 3, 3), by=tree.other_handler)
    assert list(deadlines.open_for(tree.township_handler)) == [mine]
    assert deadlines.open_for(tree.district_overseer).count() == 1
    assert deadlines.open_for(tree.admin).count() == 2


@time_machine.travel(dt.datetime(2025, 3, 17, 9, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False)
def test_days_left_and_overdue_are_derived_from_today(tree, matter):
    d = deadlines.start(matter, "petitions.notify", start=D(2025, 3, 3), by=tree.township_handler)  # due 3-18
    assert deadlines.today() == D(2025, 3, 17)
    assert d.days_left == 1 and not d.is_overdue
    assert d.state_text == "还剩1日"
    late = deadlines.start(tree.sibling, "petitions.objection", start=D(2025, 3, 3), by=tree.sibling_handler)
    assert late.is_overdue and late.state_text == "已逾期7日"
