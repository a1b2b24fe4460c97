"""Every action refuses: GET (405), a reader without a handling role (403), another unit's matter (404), and a
matter in the wrong state (nothing changes; the message names the state or the missing step)."""

import datetime as dt

import pytest
from django.urls import reverse

from yifa.oversight import actions
from yifa.oversight.models import FollowUpLetter, RespondentCase, Suggestion

D = dt.date


def suggestion(tree, org=None, by=None, stage="assigned"):
    by = by or tree.township_handler
    s = actions.register_suggestion(by=by, org=org or tree.township, kind="npc", serial_no="第1号", title="建议",
                                    proposer="王代表", assigned_by="人大", assigned_on=D(2025, 3, 10))
    if stage in ("handling", "contacted", "replied", "unsatisfied"):
        actions.assign(s, by=by, lead_department="党政办", co_handlers=["区民政局"] if stage == "handling" else ())
    if stage in ("contacted", "replied", "unsatisfied"):
        actions.record_contact(s, by=by, contacted_on=D(2025, 4, 1), note="面谈")
    if stage in ("replied", "unsatisfied"):
        actions.reply(s, by=by, replied_on=D(2025, 5, 1), category="B", summary="列入计划")
    if stage == "unsatisfied":
        actions.close(s, by=by, feedback_on=D(2025, 5, 5), satisfaction="unsatisfied")
    return s


def case(tree, org=None, by=None, stage="received", kind="litigation"):
    by = by or tree.township_handler
    c = actions.register_case(by=by, org=org or tree.township, kind=kind, case_no="（2025）甲行初1号", body="甲区法院",
                              claimant="某公司", disputed_act="行政处罚决定", received_on=D(2025, 9, 20))
    if stage in ("replied", "lost", "won"):
        actions.reply_case(c, by=by, replied_on=D(2025, 9, 30), summary="答辩", evidence="证据一")
    if stage in ("lost", "won"):
        actions.conclude(c, by=by, outcome="revoked" if stage == "lost" else "claim_rejected",
                         decided_on=D(2025, 11, 1))
    return c


def letter(tree, org=None, by=None, stage="open"):
    by = by or tree.township_handler
    c = case(tree, org, by, "won")
    item = actions.receive_letter(c, by=by, kind="judicial_suggestion", letter_no="甲法建1号", issued_by="甲区法院",
                                  received_on=D(2025, 11, 5), content="规范执法")
    if stage == "answered":
        actions.answer_letter(item, by=by, answered_on=D(2025, 11, 10), answer="已整改")
    return item


# (url name, make the target ready, POST data, make it in a wrong state, field showing the state)
ACTIONS = [
    ("suggestion_assign", lambda t, **k: suggestion(t, **k), {"lead_department": "党政办"},
     lambda t: suggestion(t, stage="replied")),
    ("suggestion_contact", lambda t, **k: suggestion(t, stage="handling", **k),
     {"contacted_on": "2025-04-01", "note": "面谈"}, lambda t: suggestion(t)),
    ("suggestion_reply", lambda t, **k: suggestion(t, stage="contacted", **k),
     {"replied_on": "2025-05-01", "category": "A", "summary": "已办"}, lambda t: suggestion(t)),
    ("suggestion_close", lambda t, **k: suggestion(t, stage="replied", **k),
     {"feedback_on": "2025-05-05", "satisfaction": "satisfied"}, lambda t: suggestion(t, stage="contacted")),
    ("suggestion_reopen", lambda t, **k: suggestion(t, stage="unsatisfied", **k), {"reason": "不满意"},
     lambda t: suggestion(t, stage="replied")),
    ("case_reply", lambda t, **k: case(t, **k), {"replied_on": "2025-09-30", "summary": "答辩", "evidence": "证据"},
     lambda t: case(t, stage="replied")),
    ("case_hearing", lambda t, **k: case(t, stage="replied", **k),
     {"kind": "court", "held_on": "2025-10-20", "appearance": "head", "head_name": "陈主任"}, lambda t: case(t)),
    ("case_conclude", lambda t, **k: case(t, stage="replied", **k),
     {"outcome": "claim_rejected", "decided_on": "2025-11-01"}, lambda t: case(t, stage="won")),
    ("case_performance", lambda t, **k: case(t, stage="lost", **k),
     {"performed_on": "2025-11-10", "note": "重新作出决定"}, lambda t: case(t, stage="won")),
    ("case_appeal", lambda t, **k: case(t, stage="won", **k),
     {"received_on": "2025-11-10", "case_no": "（2025）湖行终1号", "body": "湖州中院"}, lambda t: case(t, stage="replied")),
    ("letter_answer", lambda t, **k: letter(t, **k), {"answered_on": "2025-11-10", "answer": "已整改"},
     lambda t: letter(t, stage="answered")),
]
NAMES = [a[0] for a in ACTIONS]


def _snapshot(obj):
    obj.refresh_from_db()
    return (obj.status, getattr(obj, "updated_at", None))


@pytest.mark.parametrize("name,ready,data,wrong", ACTIONS, ids=NAMES)
def test_a_get_request_changes_nothing(name, ready, data, wrong, tree, client):
    target = ready(tree)
    client.force_login(tree.township_handler)
    assert client.get(reverse(f"oversight:{name}", args=[target.pk])).status_code == 405


@pytest.mark.parametrize("name,ready,data,wrong", ACTIONS, ids=NAMES)
def test_a_reviewer_is_forbidden(name, ready, data, wrong, tree, client):
    target = ready(tree)
    before = _snapshot(target)
    client.force_login(tree.reviewer)
    assert client.post(reverse(f"oversight:{name}", args=[target.pk]), data).status_code == 403
    assert _snapshot(target) == before


@pytest.mark.parametrize("name,ready,data,wrong", ACTIONS, ids=NAMES)
def test_the_district_overseer_reads_but_is_forbidden_to_act(name, ready, data, wrong, tree, client):
    target = ready(tree)
    client.force_login(tree.district_overseer)
    assert client.post(reverse(f"oversight:{name}", args=[target.pk]), data).status_code == 403


@pytest.mark.parametrize("name,ready,data,wrong", ACTIONS, ids=NAMES)
def test_another_townships_matter_answers_404(name, ready, data, wrong, tree, client):
    target = ready(tree, org=tree.sibling, by=tree.sibling_handler)
    before = _snapshot(target)
    client.force_login(tree.township_handler)
    assert client.post(reverse(f"oversight:{name}", args=[target.pk]), data).status_code == 404
    assert _snapshot(target) == before


@pytest.mark.parametrize("name,ready,data,wrong", ACTIONS, ids=NAMES)
def test_the_wrong_state_is_refused_with_a_message(name, ready, data, wrong, tree, client):
    target = wrong(tree)
    before = _snapshot(target)
    client.force_login(tree.township_handler)
    response = client.post(reverse(f"oversight:{name}", args=[target.pk]), data, follow=True)
    assert _snapshot(target) == before
    assert any(m.level_tag == "error" for m in response.context["messages"])


@pytest.mark.parametrize("name,ready,data,wrong", ACTIONS, ids=NAMES)
def test_the_handler_succeeds(name, ready, data, wrong, tree, client):
    target = ready(tree)
    client.force_login(tree.township_handler)
    response = client.post(reverse(f"oversight:{name}", args=[target.pk]), data, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["success"]


def test_registering_a_letter_refuses_an_opinion_letter_on_a_lawsuit(tree, client):
    c = case(tree, stage="won")
    client.force_login(tree.township_handler)
    response = client.post(reverse("oversight:case_letter", args=[c.pk]),
                           {"kind": "opinion_letter", "issued_by": "甲区政府", "received_on": "2025-11-05", "content": "x"},
                           follow=True)
    assert "只针对行政复议案件" in response.content.decode()
    assert not FollowUpLetter.objects.exists()


def test_lists_never_show_another_townships_matters(tree, client):
    suggestion(tree, org=tree.sibling, by=tree.sibling_handler)
    case(tree, org=tree.sibling, by=tree.sibling_handler)
    mine = suggestion(tree)
    theirs = Suggestion.objects.get(org=tree.sibling)
    client.force_login(tree.township_handler)
    page = client.get(reverse("oversight:suggestion_list")).content.decode()
    assert f"/oversight/suggestions/{mine.pk}/" in page and f"/oversight/suggestions/{theirs.pk}/" not in page
    assert Suggestion.objects.visible_to(tree.township_handler).count() == 1
    assert not RespondentCase.objects.visible_to(tree.township_handler).exists()
    client.force_login(tree.district_overseer)
    assert "西镇" in client.get(reverse("oversight:suggestion_list")).content.decode()
