import datetime as dt

from django.urls import reverse

from yifa.core import deadlines
from yifa.core.models import AuditEntry
from yifa.decisions import actions

from .conftest import K, post

PERIOD = {"opens_on": "2025-03-03", "closes_on": "2025-04-07", "notice": "可在线提交意见，或致电0572-1234567。",
          "short_reason": ""}


def url(d):
    return reverse("decisions:comment_open", args=[d.pk])


def test_the_draft_opens_for_thirty_days_on_the_portal(client, tree, decision):
    assert post(client, tree.township_handler, url(decision), PERIOD).status_code == 302
    decision.refresh_from_db()
    assert decision.comment_opens_on == dt.date(2025, 3, 3) and decision.comment_closes_on == dt.date(2025, 4, 7)
    clock = deadlines.of(decision)[0]
    # 30 days after 3 March is 2 April (a Wednesday): the earliest lawful close.
    assert clock.rule.code == "decisions.public_comment" and clock.due_on == dt.date(2025, 4, 2)
    assert decision.steps.get(kind=K.PARTICIPATION).status == "in_progress"
    assert AuditEntry.objects.filter(action="decisions.open_comment").exists()
    page = client.get(reverse("decisions:public_decision", args=[decision.pk])).content.decode()
    assert "提交意见" in page and "一、改造范围" in page


def test_a_period_shorter_than_thirty_days_is_refused(client, tree, decision):
    response = post(client, tree.township_handler, url(decision), {**PERIOD, "closes_on": "2025-03-20"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "征求意见期限不足" in body and "第十五条" in body and "不少于30日" in body and "2025年4月2日" in body
    decision.refresh_from_db()
    assert decision.comment_opens_on is None and not deadlines.of(decision)


def test_a_shorter_period_with_a_stated_reason_is_allowed(client, tree, decision):
    response = post(client, tree.township_handler, url(decision),
                    {**PERIOD, "closes_on": "2025-03-20", "short_reason": "防汛工程须在汛期前开工"})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.comment_short_reason == "防汛工程须在汛期前开工"
    client.logout()
    assert "防汛工程须在汛期前开工" in client.get(reverse("decisions:public_decision", args=[decision.pk])).content.decode()


def test_get_role_unit_and_state_are_checked(client, tree, decision, catalogue):
    client.force_login(tree.township_handler)
    assert client.get(url(decision)).status_code == 405
    assert post(client, tree.reviewer, url(decision), PERIOD).status_code == 403
    assert post(client, tree.sibling_handler, url(decision), PERIOD).status_code == 404
    listed = actions.add_decision(org=tree.township, by=tree.township_handler, kind="major", category="policy",
                                  title="未启动", catalogue=catalogue)
    response = post(client, tree.township_handler, url(listed), PERIOD)
    assert response.status_code == 409 and "请先启动决策程序" in response.content.decode()


def test_a_draft_is_needed_before_comment(client, tree, decision):
    actions.update_draft(decision, by=tree.township_handler, draft_text="")
    response = post(client, tree.township_handler, url(decision), PERIOD)
    assert response.status_code == 400 and "请先填写决策草案" in response.content.decode()


def test_a_hearing_needs_its_materials_seven_days_ahead(client, tree, decision):
    hearing = reverse("decisions:hearing_record", args=[decision.pk])
    data = {"held_on": "2025-03-03", "place": "街道礼堂", "materials_sent_on": "2025-02-28", "summary": "居民代表12人参加"}
    response = post(client, tree.township_handler, hearing, data)
    assert response.status_code == 400 and "7日前送达" in response.content.decode() and "第十六条" in response.content.decode()
    assert post(client, tree.township_handler, hearing, {**data, "materials_sent_on": "2025-02-21"}).status_code == 302
    decision.refresh_from_db()
    assert decision.hearing_held_on == dt.date(2025, 3, 3)
    assert AuditEntry.objects.filter(action="decisions.record_hearing").exists()
