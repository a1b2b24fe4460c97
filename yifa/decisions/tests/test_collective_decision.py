from django.urls import reverse

from yifa.core.models import AuditEntry
from yifa.decisions.actions import View
from yifa.decisions.models import Decision, DecisionMeeting, MeetingView

from .conftest import K, finish_expert_and_risk, finish_participation, meeting_post, post


def url(d):
    return reverse("decisions:meeting_record", args=[d.pk])


def test_the_meeting_decides_with_the_head_speaking_last(client, tree, ready):
    response = post(client, tree.township_handler, url(ready), meeting_post())
    assert response.status_code == 302
    ready.refresh_from_db()
    assert ready.status == Decision.Status.DECIDED and str(ready.decided_on) == "2025-03-03"
    meeting = DecisionMeeting.objects.get()
    views = list(meeting.views.order_by("order"))
    assert [v.member_name for v in views] == ["刘副主任", "张副主任", "吴部长", "陈主任"] and views[-1].is_head
    assert [v.member_name for v in meeting.dissent] == ["吴部长"]
    assert ready.steps.get(kind=K.COLLECTIVE).status == "done"
    entry = AuditEntry.objects.get(action="decisions.record_meeting")
    assert "不同意见：吴部长（保留意见）" in entry.note
    page = client.get(reverse("decisions:decision_step", args=[ready.pk, K.COLLECTIVE])).content.decode()
    assert "资金来源有保留意见" in page and "不同意见：" in page


def test_the_decision_is_refused_while_legality_review_is_missing(client, tree, decision):
    finish_participation(decision, tree)
    finish_expert_and_risk(decision, tree)
    response = post(client, tree.township_handler, url(decision), meeting_post())
    body = response.content.decode()
    assert response.status_code == 400
    assert "不能提交集体讨论决定" in body
    assert "合法性审查尚未完成：未经合法性审查的，不得提交决策机关讨论（《重大行政决策程序暂行条例》第二十五条）" in body
    decision.refresh_from_db()
    assert decision.status == Decision.Status.DRAFTING and not DecisionMeeting.objects.exists()
    assert not MeetingView.objects.exists()


def test_the_refusal_names_every_open_step_and_its_article(client, tree, decision):
    body = post(client, tree.township_handler, url(decision), meeting_post()).content.decode()
    assert "公众参与尚未完成（《重大行政决策程序暂行条例》第十四条）" in body
    assert "专家论证尚未完成（《重大行政决策程序暂行条例》第十九条）" in body
    assert "风险评估尚未完成（《重大行政决策程序暂行条例》第二十二条）" in body
    assert "第二十五条" in body


def test_a_waived_step_does_not_block(client, tree, decision):
    from yifa.decisions import actions

    from .conftest import finish_legality

    finish_participation(decision, tree)
    actions.waive_step(decision.steps.get(kind=K.EXPERT), by=tree.township_head, reason="专业性不强")
    actions.waive_step(decision.steps.get(kind=K.RISK), by=tree.township_head, reason="已评估过")
    finish_legality(decision, tree)
    assert post(client, tree.township_handler, url(decision), meeting_post()).status_code == 302


def test_the_head_must_speak_last(client, tree, ready):
    views = [View("陈主任", "主任", "agree", is_head=True), View("刘副主任", "副主任", "agree")]
    response = post(client, tree.township_handler, url(ready), meeting_post(views=views))
    body = response.content.decode()
    assert response.status_code == 400
    assert "行政首长应当最后发表意见（《重大行政决策程序暂行条例》第三十条）" in body and "陈主任之后还有其他人员发言" in body
    assert not DecisionMeeting.objects.exists()


def test_exactly_one_head_is_marked(client, tree, ready):
    views = [View("刘副主任", "副主任", "agree"), View("陈主任", "主任", "agree")]
    response = post(client, tree.township_handler, url(ready), meeting_post(views=views))
    assert response.status_code == 400 and "请标明行政首长" in response.content.decode()


def test_deciding_against_the_majority_needs_the_heads_reasons(client, tree, ready):
    views = [View("刘副主任", "副主任", "disagree"), View("张副主任", "副主任", "disagree"),
             View("陈主任", "主任", "agree", is_head=True)]
    response = post(client, tree.township_handler, url(ready), meeting_post(views=views))
    assert response.status_code == 400 and "应当在会上说明理由" in response.content.decode()
    response = post(client, tree.township_handler, url(ready),
                    meeting_post(views=views, head_reasons="项目资金已落实，风险可控"))
    assert response.status_code == 302
    assert DecisionMeeting.objects.get().head_reasons == "项目资金已落实，风险可控"


def test_a_rejection_ends_the_decision_and_a_deferral_keeps_it_open(client, tree, ready):
    post(client, tree.township_handler, url(ready), meeting_post(outcome="deferred", decision_text=""))
    ready.refresh_from_db()
    assert ready.status == Decision.Status.DRAFTING and ready.steps.get(kind=K.COLLECTIVE).status == "in_progress"
    views = [View("刘副主任", "副主任", "disagree"), View("陈主任", "主任", "disagree", is_head=True)]
    post(client, tree.township_handler, url(ready), meeting_post(outcome="rejected", decision_text="", views=views))
    ready.refresh_from_db()
    assert ready.status == Decision.Status.NOT_ADOPTED and ready.meetings.count() == 2


def test_get_role_unit_and_state_are_checked(client, tree, ready):
    client.force_login(tree.township_handler)
    assert client.get(url(ready)).status_code == 405
    assert post(client, tree.reviewer, url(ready), meeting_post()).status_code == 403
    assert post(client, tree.sibling_handler, url(ready), meeting_post()).status_code == 404
    assert post(client, tree.township_handler, url(ready), meeting_post()).status_code == 302
    response = post(client, tree.township_handler, url(ready), meeting_post())
    assert response.status_code == 409 and "当前状态为“已作出决定”" in response.content.decode()
