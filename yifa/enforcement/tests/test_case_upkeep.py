"""Keeping a case's file right: facts, officers, the party's statement; and the steps of a power's flowchart."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from yifa.enforcement import actions

from .helpers import audit_actions, decided, file, informed


def test_facts_are_supplemented_during_the_investigation_and_audited(w):
    case = file(w)
    actions.update_case_facts(case, by=w.handler, facts="补充：当事人占道约15平方米。", place="环渚路")
    case.refresh_from_db()
    assert case.facts.startswith("补充") and case.place == "环渚路"
    assert audit_actions(case)[-1] == "enforcement.update_case_facts"
    with pytest.raises(ValidationError, match="只有调查取证阶段"):
        actions.update_case_facts(decided(w), by=w.handler, facts="改")


def test_officers_are_changed_with_a_reason_and_still_two_certified(w):
    case = file(w)
    actions.change_officers(case, by=w.handler, officers=[w.officer, w.colleague_officer], reason="钱执法回避")
    assert set(case.officers.all()) == {w.officer, w.colleague_officer}
    assert audit_actions(case)[-1] == "enforcement.change_officers"
    with pytest.raises(ValidationError, match="吴过期"):
        actions.change_officers(case, by=w.handler, officers=[w.officer, w.expired], reason="换人")


def test_an_expired_certificate_stops_the_officer_acting_on_an_open_case(w):
    case = file(w, officers=[w.officer, w.partner])
    w.officer.expires_on = case.filed_on
    w.officer.save()
    with pytest.raises(ValidationError, match="不能继续执法"):
        actions.update_case_facts(case, by=w.handler, facts="补充")


def test_the_statement_is_recorded_and_a_waiver_cancels_the_hearing_window(w):
    from .helpers import deadline

    case = informed(w, days_ago=1, hearing=True)
    actions.record_statement(case, by=w.handler, statement="当事人称系初次违法。")
    assert "初次违法" in case.statement and not case.rights_waived
    actions.record_statement(case, by=w.handler, statement="", waived=True)
    assert case.rights_waived and deadline(case, "enforcement.hearing_request").status == "cancelled"
    assert audit_actions(case)[-1] == "enforcement.record_statement"


def test_a_statement_needs_content_or_a_waiver(w):
    with pytest.raises(ValidationError, match="陈述申辩内容"):
        actions.record_statement(informed(w), by=w.handler, statement=" ")


def test_steps_are_added_and_removed_only_while_unpublished(w, client):
    step = actions.add_step(w.power, by=w.head, name="回访", time_limit="结案后三十日内")
    assert w.power.steps.last() == step
    actions.publish_power(w.power, by=w.head)
    with pytest.raises(ValidationError, match="已公开的事项不能删除环节"):
        actions.remove_step(step, by=w.head)
    actions.withdraw_power(w.power, by=w.head, reason="法律修改")
    actions.remove_step(step, by=w.head)
    assert not w.power.steps.filter(name="回访").exists()
    assert audit_actions(w.power)[-2:] == ["enforcement.withdraw_power", "enforcement.remove_step"]


def test_the_step_form_posts_through_the_power_page(w, client):
    client.force_login(w.head)
    url = reverse("enforcement:power_command", args=[w.power.pk, "step"])
    assert client.post(url, {"name": "回访", "actor": "执法人员"}).status_code == 302
    assert w.power.steps.filter(name="回访").exists()
    response = client.post(url, {"name": ""}, follow=True)
    assert "环节：这个字段是必填项。" in response.content.decode()
