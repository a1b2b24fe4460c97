"""Every case action: GET refused (405), another unit's case 404, wrong role 403, wrong state refused.

Happy paths are in the file of each action; here each guard is checked for every action URL.
"""

import pytest
from django.urls import reverse

from yifa.enforcement.models import EnforcementCase as Case

from .helpers import TODAY, decided, file, informed

HANDLER_ACTIONS = ["facts", "officers", "record", "submit_review", "inform", "statement", "request_hearing",
                   "schedule_hearing", "record_hearing", "serve", "execute", "close", "extension", "publish",
                   "pause", "resume", "preservation"]
HEAD_ACTIONS = ["decide", "drop", "revoke"]
ALL = HANDLER_ACTIONS + HEAD_ACTIONS

# For each action, valid form data and a case state in which the action is not allowed.
DATA = {
    "facts": {"facts": "事实"}, "officers": {"reason": "更换"}, "submit_review": {"materials": "材料"},
    "inform": {"informed_on": TODAY.isoformat(), "proposed_penalty": "罚款"}, "statement": {"statement": "申辩"},
    "request_hearing": {"requested_on": TODAY.isoformat()}, "schedule_hearing": {
        "notified_on": TODAY.isoformat(), "hearing_on": "2026-03-20", "place": "会议室", "chair": "李"},
    "record_hearing": {"held_on": TODAY.isoformat(), "summary": "要点"},
    "serve": {"served_on": TODAY.isoformat(), "method": "direct"},
    "execute": {"executed_on": TODAY.isoformat(), "method": "voluntary", "paid_amount": "150"},
    "close": {"closed_on": TODAY.isoformat(), "summary": "结案"}, "extension": {"reason": "鉴定"},
    "decide": {"decision_kind": "penalty", "decided_on": TODAY.isoformat(), "penalty_content": "罚款"},
    "drop": {"reason": "不成立"}, "revoke": {"kind": "revoked", "revoked_on": TODAY.isoformat(), "reason": "撤销"},
    "record": {"stage": "investigation", "kind": "other", "title": "记录", "occurred_at": "2026-03-01T09:00"},
    "publish": {},
    "pause": {"ground": "testing", "detail": "送检", "basis": "《某规章》第六十四条", "paused_on": TODAY.isoformat()},
    "resume": {"resumed_on": TODAY.isoformat()},
    "preservation": {"items": "物品", "reason": "可能灭失"},
}


def url(case, name):
    return reverse("enforcement:case_action", args=[case.pk, name])


@pytest.mark.parametrize("name", ALL)
def test_get_is_refused(w, client, name):
    case = file(w)
    client.force_login(w.head if name in HEAD_ACTIONS else w.handler)
    assert client.get(url(case, name)).status_code == 405


@pytest.mark.parametrize("name", ALL)
def test_a_sibling_townships_user_gets_404(w, client, name):
    case = file(w)
    client.force_login(w.tree.sibling_handler)
    assert client.post(url(case, name), DATA[name]).status_code == 404
    client.force_login(w.tree.other_handler)
    assert client.post(url(case, name), DATA[name]).status_code == 404


@pytest.mark.parametrize("name", HANDLER_ACTIONS)
def test_handler_steps_refuse_the_reviewer_the_overseer_and_an_officer_not_on_the_case(w, client, name):
    case = file(w)
    for user in (w.reviewer_user, w.tree.district_overseer, w.colleague, w.head):
        client.force_login(user)
        assert client.post(url(case, name), DATA[name]).status_code == 403, user


@pytest.mark.parametrize("name", HEAD_ACTIONS)
def test_head_decisions_refuse_the_handler(w, client, name):
    case = file(w)
    client.force_login(w.handler)
    assert client.post(url(case, name), DATA[name]).status_code == 403


WRONG_STATE = {
    # action: (builder of a case in a state where the action is not allowed, expected words)
    "inform": (decided, "不能执行“告知”"),
    "request_hearing": (file, "不能执行“登记听证申请”"),
    "schedule_hearing": (file, "只有已申请、尚未举行的听证"),
    "record_hearing": (file, "请先安排听证"),
    "statement": (file, "只有告知后、作出决定前"),
    "serve": (informed, "不能执行“送达”"),
    "execute": (informed, "不能执行“登记执行”"),
    "close": (informed, "不能执行“结案”"),
    "submit_review": (decided, "不能执行“提请法制审核”"),
    "publish": (informed, "只有作出的行政处罚决定需要公示"),
    "extension": (decided, "只有办理中的案件"),
    "facts": (decided, "只有调查取证阶段"),
    "decide": (file, "不能执行“作出决定”"),
    "drop": (decided, "不能执行“撤销立案”"),
    "revoke": (file, "不能执行“撤销或变更决定”"),
    "pause": (decided, "只有办理中的案件可以暂停办案期限计时"),
    "resume": (file, "办案期限没有暂停计时"),
    "preservation": (decided, "只有办理中的普通程序案件可以申请先行登记保存"),
}


@pytest.mark.parametrize("name", sorted(WRONG_STATE))
def test_a_wrong_state_is_refused_with_a_message_and_nothing_changes(w, client, name):
    build, words = WRONG_STATE[name]
    case = build(w)
    before = Case.objects.get(pk=case.pk).status
    client.force_login(w.head if name in HEAD_ACTIONS else w.handler)
    data = dict(DATA[name])
    if name == "submit_review":
        data["reviewer"] = w.reviewer.pk
    response = client.post(url(case, name), data, follow=True)
    assert response.status_code == 200
    assert words in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == before
