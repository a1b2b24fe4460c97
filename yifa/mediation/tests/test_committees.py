import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from yifa.core.models import AuditEntry

from .. import actions
from ..models import Committee, Mediator

pytestmark = pytest.mark.django_db


def test_the_committee_page_lists_people_and_what_article_9_still_requires(client, w):
    client.force_login(w.tree.township_head)
    page = client.get(reverse("mediation:committee_detail", args=[w.committee.pk])).content.decode()
    assert "王调解" in page and "一级人民调解员" in page and "法律顾问" in page and "测试律师事务所" in page
    assert w.committee.composition_problems(dt.date(2025, 3, 10)) == []
    problems = w.village_committee.composition_problems(dt.date(2025, 3, 10))
    assert problems == ["委员 1 人，应为三至九人（人民调解法第九条）。"]
    assert "应为三至九人" in client.get(reverse("mediation:committee_detail", args=[w.village_committee.pk])).content.decode()


def test_a_committee_needs_a_woman_a_chair_and_a_current_term(w):
    committee = actions.create_committee(by=w.tree.township_head, org=w.tree.village, name="东一社区第二调委会",
                                         term_start=dt.date(2020, 1, 1))
    for name in ("甲", "乙", "丙"):
        actions.add_mediator(committee, by=w.tree.township_head, name=name, gender="male",
                             position=Mediator.Position.MEMBER)
    problems = committee.composition_problems(dt.date(2025, 3, 10))
    assert "应设主任一人（人民调解法第九条）。" in problems
    assert "委员中应当有妇女成员（人民调解法第九条）。" in problems
    assert any("本届任期已于2022年12月31日届满" in p for p in problems)


def test_registering_a_committee_and_its_people_through_the_pages(client, w):
    client.force_login(w.tree.township_handler)
    response = client.post(reverse("mediation:committee_create"), {
        "org": w.tree.village.pk, "name": "东一社区联合调委会", "term_start": "2025-01-01", "is_active": "on"})
    committee = Committee.objects.get(name="东一社区联合调委会")
    assert response.status_code == 302 and committee.org == w.tree.village
    response = client.post(reverse("mediation:mediator_add", args=[committee.pk]), {
        "name": "陈调解", "gender": "female", "position": "chair", "grade": "second",
        "specialities": ["neighbour", "marriage_family"], "phone": "13900001111", "is_active": "on"})
    person = Mediator.objects.get(name="陈调解")
    assert response.status_code == 302 and person.speciality_labels() == ["邻里纠纷", "婚姻家庭纠纷"]
    assert AuditEntry.objects.filter(action="mediation.add_mediator", target_id=str(person.pk)).exists()
    response = client.post(reverse("mediation:mediator_edit", args=[person.pk]), {
        "name": "陈调解", "gender": "female", "position": "chair", "grade": "first", "phone": "13900001111"})
    person.refresh_from_db()
    assert person.grade == "first" and not person.is_active  # unticked 在任: 离任
    assert AuditEntry.objects.filter(action="mediation.update_mediator").exists()


def test_committee_pages_answer_404_outside_scope_and_403_without_a_managing_role(client, w):
    client.force_login(w.tree.sibling_handler)
    assert client.get(reverse("mediation:committee_detail", args=[w.committee.pk])).status_code == 404
    client.force_login(w.mediator_user)
    assert client.get(reverse("mediation:mediator_add", args=[w.committee.pk])).status_code == 403


def test_a_mediator_account_must_belong_to_the_committees_unit_or_above(w):
    with pytest.raises(ValidationError, match="不能关联"):
        actions.add_mediator(w.committee, by=w.tree.township_head, name="外人", gender="male",
                             position=Mediator.Position.MEMBER, user=w.tree.sibling_handler)
