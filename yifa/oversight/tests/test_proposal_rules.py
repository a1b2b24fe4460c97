"""政协提案 run on reply rules of their own (政协全国委员会提案工作条例 and local rules), not on the
代表建议 rows of 代表法 第五十一条; the data migration moves clocks started before without shifting them."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from yifa.core import deadlines
from yifa.core.models.deadlines import Deadline, StatutoryRule
from yifa.oversight import actions
from yifa.oversight.models import Suggestion

migration = importlib.import_module("yifa.oversight.migrations.0002_proposal_rules")

PROPOSAL = {"kind": "cppcc", "serial_no": "第88号", "session": "甲区政协九届四次会议", "title": "关于加强养老服务的提案",
            "proposer": "陈立群", "assigned_by": "区政协提案委员会"}


def clock(s) -> Deadline:
    (only,) = deadlines.of(s)
    return only


def test_a_proposal_runs_on_the_proposal_rule_with_its_citation_and_confidence(make_suggestion):
    s = make_suggestion(**PROPOSAL)
    c = clock(s)
    assert c.rule.code == "oversight.proposal" and s.due_on == c.due_on == dt.date(2025, 6, 10)
    assert c.rule.instrument == "政协全国委员会提案工作条例" and c.rule.confidence == "M"
    assert "本地" in c.rule.note


def test_a_difficult_proposal_gets_six_months_on_its_own_rule(make_suggestion):
    s = make_suggestion(difficult=True, **PROPOSAL)
    assert clock(s).rule.code == "oversight.proposal_difficult" and s.due_on == dt.date(2025, 9, 10)


def test_a_representatives_suggestion_stays_on_the_deputies_law(make_suggestion):
    assert clock(make_suggestion()).rule.code == "oversight.suggestion"
    assert clock(make_suggestion(serial_no="第13号", difficult=True)).rule.code == "oversight.suggestion_difficult"


def test_a_local_period_for_proposals_leaves_representatives_suggestions_alone(make_suggestion):
    StatutoryRule.objects.filter(code="oversight.proposal").update(count=2)
    assert make_suggestion(**PROPOSAL).due_on == dt.date(2025, 5, 12)  # 5月10日 is a Saturday: the Monday
    assert make_suggestion(serial_no="第13号").due_on == dt.date(2025, 6, 10)


def test_replying_to_a_proposal_stops_its_clock_on_time(make_suggestion, tree):
    s = make_suggestion(**PROPOSAL)
    actions.assign(s, by=tree.township_handler, lead_department="社会事务办")
    actions.record_contact(s, by=tree.township_handler, contacted_on=dt.date(2025, 4, 1), note="走访提案人")
    actions.reply(s, by=tree.township_handler, replied_on=dt.date(2025, 5, 20), category="B", summary="列入计划")
    c = clock(s)
    assert c.status == Deadline.Status.MET and c.completed_on == dt.date(2025, 5, 20)


def test_the_reply_before_contact_names_the_proposal_rules_not_the_deputies_law(make_suggestion, tree):
    s = make_suggestion(**PROPOSAL)
    actions.assign(s, by=tree.township_handler, lead_department="社会事务办")
    with pytest.raises(ValidationError, match="提案工作条例") as refused:
        actions.reply(s, by=tree.township_handler, replied_on=dt.date(2025, 5, 1), category="A", summary="已办")
    assert "代表法" not in str(refused.value)


def test_an_imported_ledger_starts_proposal_clocks_on_the_proposal_rule(tree):
    rows = [{**PROPOSAL, "our_role": "lead", "assigned_on": dt.date(2025, 3, 10), "difficult": difficult,
             "serial_no": f"第{i}号"} for i, difficult in enumerate((False, True), start=1)]
    created = actions.import_suggestions(rows, by=tree.township_handler, org=tree.township)
    assert [clock(s).rule.code for s in created] == ["oversight.proposal", "oversight.proposal_difficult"]
    assert [s.due_on for s in created] == [dt.date(2025, 6, 10), dt.date(2025, 9, 10)]


def _as_before_the_migration(s, old_code):
    """A clock started while 提案 still used the 代表建议 rows."""
    Deadline.objects.filter(pk=clock(s).pk).update(rule=StatutoryRule.objects.get(code=old_code))


def test_the_migration_moves_earlier_proposal_clocks_and_keeps_their_dates(make_suggestion, tree):
    plain, difficult = make_suggestion(**PROPOSAL), make_suggestion(difficult=True, **{**PROPOSAL, "serial_no": "第89号"})
    deputies = make_suggestion()
    _as_before_the_migration(plain, "oversight.suggestion")
    _as_before_the_migration(difficult, "oversight.suggestion_difficult")
    before = {s.pk: (clock(s).started_on, clock(s).due_on, clock(s).count) for s in (plain, difficult, deputies)}

    migration.forwards(apps, None)

    assert [clock(s).rule.code for s in (plain, difficult, deputies)] == [
        "oversight.proposal", "oversight.proposal_difficult", "oversight.suggestion"]
    assert {s.pk: (clock(s).started_on, clock(s).due_on, clock(s).count) for s in (plain, difficult, deputies)} == before
    # and the moved clock still stops when the proposal is answered
    actions.assign(plain, by=tree.township_handler, lead_department="社会事务办")
    actions.record_contact(plain, by=tree.township_handler, contacted_on=dt.date(2025, 4, 1), note="电话沟通")
    actions.reply(plain, by=tree.township_handler, replied_on=dt.date(2025, 5, 20), category="A", summary="已办")
    assert clock(plain).status == Deadline.Status.MET


def test_the_migration_adds_missing_rule_rows_and_goes_back(make_suggestion):
    s = make_suggestion(**PROPOSAL)
    migration.backwards(apps, None)
    assert clock(s).rule.code == "oversight.suggestion"
    StatutoryRule.objects.filter(code="oversight.proposal_difficult").delete()
    migration.forwards(apps, None)
    assert clock(s).rule.code == "oversight.proposal"
    assert StatutoryRule.objects.filter(code="oversight.proposal_difficult").exists()
