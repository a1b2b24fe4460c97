"""先行登记保存 (《行政处罚法》第五十六条): requested by the officers, approved by the 负责人 before it is done,
recorded in the 全过程记录, and followed by a 处理决定 within 7日 (工作日, 第八十五条)."""

import datetime as dt

import pytest
from django.urls import reverse

from yifa.enforcement import actions
from yifa.enforcement.models import CaseRecord, EvidencePreservation
from yifa.enforcement.workbench import items

from .helpers import TODAY, audit_actions, decided, deadline, investigated

P = EvidencePreservation.Status


def requested(w, case=None) -> EvidencePreservation:
    case = case or investigated(w)
    return actions.request_preservation(case, by=w.handler, items="液化气罐2个、炉灶1台", reason="当事人可能转移涉案物品",
                                        place="环渚路12号店外")


def approved(w) -> EvidencePreservation:
    p = requested(w)
    return actions.approve_preservation(p, by=w.head, approve=True, note="同意")


def preserved(w) -> EvidencePreservation:
    p = approved(w)
    return actions.preserve_evidence(p, by=w.handler, preserved_at=p.approved_at, officers=[w.officer, w.partner])


def act(p, name):
    return reverse("enforcement:preservation_action", args=[p.pk, name])


def test_the_whole_step_request_approval_measure_and_decision_within_seven_working_days(w, client):
    case = investigated(w)
    client.force_login(w.handler)
    response = client.post(reverse("enforcement:case_action", args=[case.pk, "preservation"]),
                           {"items": "液化气罐2个", "reason": "当事人可能转移涉案物品", "place": "店外"})
    assert response.status_code == 302
    p = case.preservations.get()
    assert p.status == P.REQUESTED and p.requested_by == w.handler
    assert audit_actions(case)[-1] == "enforcement.request_preservation"

    client.force_login(w.head)
    assert client.post(act(p, "approve"), {"approve": "1", "note": "同意先行登记保存"}).status_code == 302
    p.refresh_from_db()
    assert p.status == P.APPROVED and p.approved_by == w.head and p.approval_note == "同意先行登记保存"
    assert audit_actions(p)[-1] == "enforcement.approve_preservation"

    client.force_login(w.handler)
    response = client.post(act(p, "preserve"), {"preserved_at": "2026-03-02T10:00", "officers": [w.officer.pk,
                                                                                                w.partner.pk],
                                                "content": "当场封存，当事人签字确认"})
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.status == P.PRESERVED and p.record.measure == CaseRecord.Measure.PRESERVE
    assert "液化气罐2个" in p.record.content
    clock = deadline(p, "enforcement.evidence_decision")
    # 7 working days after Monday 3月2日: 3月11日 (第五十六条、第八十五条).
    assert clock.started_on == TODAY and clock.due_on == dt.date(2026, 3, 11) and "第五十六条" in clock.basis
    assert audit_actions(p)[-1] == "enforcement.preserve_evidence"
    page = client.get(reverse("enforcement:case_detail", args=[case.pk])).content.decode()
    assert "先行登记保存后作出处理决定" in page and "2026年3月11日" in page and "作出处理决定" in page

    response = client.post(act(p, "decide"), {"decided_on": "2026-03-02", "outcome": "test",
                                              "content": "送湖州市产品质量检验所检验"})
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.status == P.DECIDED and p.decided_on == TODAY and p.decision_record.measure == "preserve_decision"
    assert deadline(p, "enforcement.evidence_decision").status == "met"
    assert audit_actions(p)[-1] == "enforcement.decide_preservation"
    assert case.records.filter(measure__in=["preserve", "preserve_decision"]).count() == 2


def test_it_is_refused_before_the_heads_approval_naming_article_56(w, client):
    p = requested(w)
    client.force_login(w.handler)
    response = client.post(act(p, "preserve"), {"preserved_at": "2026-03-02T09:00",
                                                "officers": [w.officer.pk, w.partner.pk]})
    text = response.content.decode()
    assert "负责人尚未批准" in text and "第五十六条" in text
    p.refresh_from_db()
    assert p.status == P.REQUESTED and not p.case.records.filter(measure="preserve").exists()


def test_a_refusal_needs_a_reason_and_then_nothing_can_be_preserved(w):
    p = requested(w)
    with pytest.raises(Exception, match="不予批准的，请写明理由"):
        actions.approve_preservation(p, by=w.head, approve=False)
    actions.approve_preservation(p, by=w.head, approve=False, note="证据可以通过拍照固定")
    assert p.status == P.REFUSED and audit_actions(p)[-1] == "enforcement.refuse_preservation"
    with pytest.raises(Exception, match="负责人不予批准先行登记保存（《行政处罚法》第五十六条）：证据可以通过拍照固定"):
        actions.preserve_evidence(p, by=w.handler, preserved_at=p.approved_at, officers=[w.officer, w.partner])


def test_the_measure_cannot_predate_the_approval(w):
    p = approved(w)
    with pytest.raises(Exception, match="实施时间早于负责人批准时间"):
        actions.preserve_evidence(p, by=w.handler, preserved_at=p.approved_at - dt.timedelta(hours=2),
                                  officers=[w.officer, w.partner])


def test_the_workbench_shows_the_approval_to_the_head_and_the_decision_due_to_the_officer(w):
    p = requested(w)
    assert [(i.title, i.state) for i in items(w.head) if "先行登记保存" in i.title] == [
        (f"{p.case.number} 先行登记保存", "待负责人批准")]
    actions.approve_preservation(p, by=w.head, approve=True)
    actions.preserve_evidence(p, by=w.handler, preserved_at=p.approved_at, officers=[w.officer, w.partner])
    mine = [i for i in items(w.handler) if "先行登记保存" in i.title]
    assert mine[0].state.startswith("待作出处理决定") and mine[0].due_on == dt.date(2026, 3, 11)
    assert "第五十六条" in mine[0].basis


DATA = {"approve": {"approve": "1"}, "preserve": {"preserved_at": "2026-03-02T10:00"},
        "decide": {"decided_on": TODAY.isoformat(), "outcome": "release", "content": "退还"}}


@pytest.mark.parametrize("name", sorted(DATA))
def test_get_is_refused(w, client, name):
    p = requested(w)
    client.force_login(w.head if name == "approve" else w.handler)
    assert client.get(act(p, name)).status_code == 405


def test_get_of_the_request_is_refused(w, client):
    case = investigated(w)
    client.force_login(w.handler)
    assert client.get(reverse("enforcement:case_action", args=[case.pk, "preservation"])).status_code == 405


@pytest.mark.parametrize("name", sorted(DATA))
def test_another_units_users_get_404(w, client, name):
    p = requested(w)
    for user in (w.tree.sibling_handler, w.tree.other_handler):
        client.force_login(user)
        assert client.post(act(p, name), DATA[name]).status_code == 404


@pytest.mark.parametrize("name,users", [
    ("approve", ("handler", "reviewer_user", "colleague")),
    ("preserve", ("head", "reviewer_user", "colleague")),
    ("decide", ("head", "reviewer_user", "colleague")),
])
def test_a_wrong_role_gets_403(w, client, name, users):
    p = preserved(w) if name == "decide" else approved(w) if name == "preserve" else requested(w)
    before = p.status
    for attr in users:
        client.force_login(getattr(w, attr))
        assert client.post(act(p, name), DATA[name]).status_code == 403, attr
    p.refresh_from_db()
    assert p.status == before


def test_the_request_refuses_a_colleague_not_on_the_case(w, client):
    case = investigated(w)
    client.force_login(w.colleague)
    assert client.post(reverse("enforcement:case_action", args=[case.pk, "preservation"]),
                       {"items": "物品", "reason": "理由"}).status_code == 403


@pytest.mark.parametrize("name,build,words", [
    ("approve", approved, "不能执行“批准先行登记保存”"),
    ("decide", approved, "不能执行“作出处理决定”"),
])
def test_a_wrong_state_is_refused(w, client, name, build, words):
    p = build(w)
    client.force_login(w.head if name == "approve" else w.handler)
    response = client.post(act(p, name), DATA[name], follow=True)
    assert words in response.content.decode()
    p.refresh_from_db()
    assert p.status == P.APPROVED


def test_a_decided_case_takes_no_new_request(w):
    case = decided(w)
    with pytest.raises(Exception, match="只有办理中的普通程序案件"):
        requested(w, case)
