"""公示 (国办发〔2018〕118号; 第四十八条): masked on the portal, withdrawn with the reason when revoked."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from yifa.enforcement import actions
from yifa.enforcement.masking import mask_text
from yifa.enforcement.models import EnforcementCase as Case, Publication

from .helpers import TODAY, audit_actions, decided, deadline, id_number, served

LATER = dt.datetime(2026, 3, 12, 10, tzinfo=ZoneInfo("Asia/Shanghai"))  # 8 working days after 3月2日

ID = id_number("33050219680315301")


def published(w, **extra):
    case = served(w, party_name="张三丰", party_id_number=ID, party_phone="13857201234",
                  party_address="湖州市吴兴区环渚街道义皋村12组",
                  facts=f"当事人张三丰（身份证号{ID}，电话13857201234）在义皋村人行道摆摊。", **extra)
    return case, actions.publish(case, by=w.handler)


def test_publishing_masks_the_person_and_meets_the_seven_workday_limit(w):
    case, notice = published(w)
    assert notice.party == "张*丰"
    assert notice.party_code == ID[:6] + "********" + ID[-4:]
    assert "张三丰" not in notice.facts and ID not in notice.facts and "13857201234" not in notice.facts
    assert "张*丰" in notice.facts and "138****1234" in notice.facts
    assert deadline(case, "enforcement.publicity").status == "met"
    assert audit_actions(case)[-1] == "enforcement.publish"


def test_the_portal_shows_the_notice_without_names_or_id_numbers(w, client):
    case, notice = published(w)
    for url in (reverse("enforcement_public:decision_list"), reverse("enforcement_public:decision_detail", args=[notice.pk])):
        page = client.get(url).content.decode()
        assert case.decision_number in page
        assert "张*丰" in page
        assert "张三丰" not in page and ID not in page and "13857201234" not in page and "义皋村12组" not in page


def test_an_entity_keeps_its_name_and_code_but_its_representative_is_masked(w):
    from .helpers import uscc

    case = served(w, person=False, party_legal_rep="王建国", cause="湖州某某餐饮有限公司占道经营案",
                  facts="湖州某某餐饮有限公司法定代表人王建国在店外摆放桌椅。")
    notice = actions.publish(case, by=w.handler)
    assert notice.party == "湖州某某餐饮有限公司" and notice.party_code == uscc()
    assert notice.legal_rep == "王*国" and "王建国" not in notice.facts


def test_a_revoked_decision_disappears_from_the_portal(w, client):
    case, notice = published(w)
    actions.revoke(case, by=w.head, kind=Case.Revocation.REVOKED, revoked_on=TODAY, reason="复议机关撤销原决定")
    notice.refresh_from_db()
    assert case.status == Case.Status.REVOKED
    assert notice.status == Publication.Status.WITHDRAWN and notice.withdrawn_on == TODAY
    assert deadline(case, "enforcement.publicity_withdraw").status == "met"
    listing = client.get(reverse("enforcement_public:decision_list")).content.decode()
    assert "撤回公示说明" in listing and "复议机关撤销原决定" in listing
    detail = client.get(reverse("enforcement_public:decision_detail", args=[notice.pk])).content.decode()
    assert "已于2026年3月2日撤回" in detail and "张*丰" not in detail and "处罚内容" not in detail


def test_a_decision_cannot_be_published_twice(w):
    case, _notice = published(w)
    with pytest.raises(ValidationError, match="已经公示"):
        actions.publish(case, by=w.handler)


def test_revoking_before_publication_cancels_the_publicity_clock(w):
    case = decided(w)
    actions.revoke(case, by=w.head, kind=Case.Revocation.CHANGED, revoked_on=TODAY, reason="自行纠错")
    assert deadline(case, "enforcement.publicity").status == "cancelled"


def test_only_the_head_revokes(w, client):
    case, _ = published(w)
    client.force_login(w.handler)
    assert client.post(reverse("enforcement:case_action", args=[case.pk, "revoke"]), {}).status_code == 403


def test_mask_text_masks_ids_and_phones_it_was_not_told_about():
    other = id_number("11010519491231002")
    assert mask_text(f"证人{other}，电话13912345678") == f"证人110105********{other[-4:]}，电话139****5678"


def test_a_decision_starts_the_seven_workday_publicity_clock_shown_on_the_workbench(w):
    from yifa.enforcement.workbench import items

    case = served(w)
    clock = deadline(case, "enforcement.publicity")
    assert clock.status == "open" and clock.started_on == TODAY and clock.due_on == dt.date(2026, 3, 11)
    assert clock.basis.startswith("国办发〔2018〕118号")
    item = next(i for i in items(w.handler) if i.title.startswith(case.number))
    assert "处罚决定待公示" in item.state and "还剩7个工作日" in item.state
    assert item.due_on == dt.date(2026, 3, 11) and item.basis.startswith("国办发〔2018〕118号")


def test_publishing_after_seven_working_days_is_recorded_late(w):
    case = served(w)
    with time_machine.travel(LATER, tick=False):
        actions.publish(case, by=w.handler)
    clock = deadline(case, "enforcement.publicity")
    assert clock.status == "late" and clock.completed_on == dt.date(2026, 3, 12)


def test_an_on_the_spot_decision_is_published_within_seven_working_days_too(w):
    simple = actions.decide_on_the_spot(by=w.handler, org=w.org, power=w.power, cause="王五占道经营",
                                       party_kind=Case.PartyKind.PERSON, party_name="王五",
                                       party_id_number=id_number("33050219900101002"), officers=[w.officer, w.partner],
                                       decided_on=TODAY, penalty_content="警告", facts="王五在人行道摆摊。",
                                       discretion_level=w.power.levels.get(circumstance="minor"))
    assert deadline(simple, "enforcement.publicity").due_on == dt.date(2026, 3, 11)
    actions.publish(simple, by=w.handler)
    assert deadline(simple, "enforcement.publicity").status == "met"


def test_a_change_registered_late_is_withdrawn_late(w):
    case, notice = published(w)
    with time_machine.travel(LATER, tick=False):
        actions.revoke(case, by=w.head, kind=Case.Revocation.CHANGED, revoked_on=dt.date(2026, 3, 3),
                       reason="复议机关变更罚款数额")
    clock = deadline(case, "enforcement.publicity_withdraw")
    # 第四十八条、第八十五条: 3 working days from the change (3月3日) end on 3月6日; withdrawn 3月12日.
    assert clock.started_on == dt.date(2026, 3, 3) and clock.due_on == dt.date(2026, 3, 6)
    assert clock.status == "late" and clock.completed_on == dt.date(2026, 3, 12)
    notice.refresh_from_db()
    assert notice.withdrawn_on == dt.date(2026, 3, 12)
