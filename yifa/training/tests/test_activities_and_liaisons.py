"""普法活动 with their audience, materials and consultations; the 法律明白人 roster per 村/社区."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from yifa.core.models import AuditEntry
from yifa.training import actions, indicators
from yifa.training.models import LegalLiaison, OutreachActivity

YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def test_recording_a_held_activity_counts_its_audience_materials_and_consultations(tree, client):
    client.force_login(tree.township_handler)
    response = client.post(reverse("training:activity_create"), {
        "theme": "民法典宣传月", "form": "campaign", "venue": "community", "department": "司法所",
        "held_on": "2025-05-20", "place": "文化广场", "audience": "260", "materials": "1800", "consultations": "120"})
    activity = OutreachActivity.objects.get()
    assert response.url == activity.get_absolute_url() and activity.status == OutreachActivity.Status.HELD
    actions.record_activity(by=tree.township_handler, org=tree.township, theme="反诈讲座", form="lecture",
                            held_on=dt.date(2025, 9, 1), audience=90, materials=1230, consultations=104)
    actions.plan_activity(by=tree.township_handler, org=tree.township, theme="宪法宣传周",
                          planned_on=dt.date(2025, 12, 4))
    f = indicators.by_code([tree.township], YEAR)
    assert (f["activities"].value, f["audience"].value, f["materials"].value, f["consultations"].value) == \
        (2, 350, 3030, 224)
    assert AuditEntry.objects.filter(action="training.record_activity").count() == 2


def test_a_planned_activity_is_held_with_its_figures(tree):
    activity = actions.plan_activity(by=tree.township_handler, org=tree.township, theme="宪法宣传周",
                                     planned_on=dt.date(2025, 12, 4))
    actions.hold_activity(activity, by=tree.township_handler, held_on=dt.date(2025, 11, 20), place="广场",
                          audience=150, materials=400, consultations=20)
    assert activity.status == OutreachActivity.Status.HELD and activity.materials == 400
    assert AuditEntry.objects.filter(action="training.hold", target_id=str(activity.pk)).exists()


def test_an_activity_without_any_date_is_refused(tree, client):
    client.force_login(tree.township_handler)
    response = client.post(reverse("training:activity_create"), {"theme": "宣传", "form": "campaign",
                                                                  "venue": "community", "audience": "0",
                                                                  "materials": "0", "consultations": "0"})
    assert "请填写开展日期" in response.content.decode() and not OutreachActivity.objects.exists()


def test_a_liaison_belongs_to_a_village_or_community(tree):
    with pytest.raises(ValidationError, match="应登记在村（社区）"):
        actions.enrol_liaison(by=tree.township_handler, org=tree.township, name="张三")


def test_the_roster_masks_phones_and_counts_coverage(tree, client):
    from yifa.core.testing import make_org

    second = make_org("东二村", "village", tree.township)
    actions.enrol_liaison(by=tree.township_handler, org=tree.village, name="张美芳", phone="13905721234",
                          identity="网格员")
    actions.enrol_liaison(by=tree.township_handler, org=second, kind="leader", name="刘建国")
    client.force_login(tree.township_handler)
    page = client.get(reverse("training:liaison_list")).content.decode()
    assert "139****1234" in page and "13905721234" not in page
    f = indicators.by_code([tree.township], YEAR)
    assert (f["liaisons"].value, f["rule_of_law_leaders"].value) == (1, 1)
    assert (f["liaison_coverage"].numerator, f["liaison_coverage"].denominator) == (1, 2)


def test_a_retired_liaison_leaves_the_count(tree):
    x = actions.enrol_liaison(by=tree.township_handler, org=tree.village, name="张美芳")
    actions.retire_liaison(x, by=tree.township_handler, reason="外出务工")
    assert x.status == LegalLiaison.Status.RETIRED
    assert indicators.by_code([tree.township], YEAR)["liaisons"].value == 0


def test_a_recorded_activity_is_corrected_with_its_changes_audited(tree, client):
    activity = actions.record_activity(by=tree.township_handler, org=tree.township, theme="反诈宣传",
                                       held_on=dt.date(2025, 9, 1), audience=90, materials=120)
    client.force_login(tree.township_handler)
    client.post(reverse("training:activity_correct", args=[activity.pk]), {
        "theme": "反诈宣传进社区", "form": "campaign", "venue": "community", "audience": "95", "materials": "120",
        "consultations": "0"})
    activity.refresh_from_db()
    assert activity.theme == "反诈宣传进社区" and activity.audience == 95
    entry = AuditEntry.objects.get(action="training.update_activity")
    assert entry.changes["audience"] == [90, 95]
    client.force_login(tree.sibling_handler)
    assert client.get(reverse("training:activity_correct", args=[activity.pk])).status_code == 404
