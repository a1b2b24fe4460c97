"""学时: each person's hours in the year against their unit's yearly target (a per-unit setting, default 60)."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from yifa.core.models import AuditEntry
from yifa.training import actions, indicators
from yifa.training.models import StudyTarget

YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def _year_of_study(cadres, make_session):
    chen, li, sun = cadres
    make_session(cadres, kind="training", title="依法行政培训班", hours=Decimal(40), held_on=dt.date(2025, 4, 1))
    make_session([chen, li], kind="online", title="网上学法", hours=Decimal(20), held_on=dt.date(2025, 6, 1))
    make_session([chen], kind="central_group", title="中心组学法", hours=Decimal(3), held_on=dt.date(2025, 7, 1))
    make_session(cadres, kind="lecture", title="去年的讲座", hours=Decimal(9), held_on=dt.date(2024, 12, 30))


def test_hours_are_summed_per_person_for_the_year_against_the_default_target(tree, cadres, make_session):
    _year_of_study(cadres, make_session)
    rows = {r["cadre"].name: r for r in indicators.hours_by_cadre([tree.township], YEAR)}
    assert rows["陈卫东"]["hours"] == Decimal(63) and rows["陈卫东"]["met"]
    assert rows["李晓燕"]["hours"] == Decimal(60) and rows["李晓燕"]["met"]
    assert rows["孙强"]["hours"] == Decimal(40) and rows["孙强"]["gap"] == Decimal(20) and not rows["孙强"]["met"]
    f = indicators.by_code([tree.township], YEAR)
    assert (f["hours_target_rate"].numerator, f["hours_target_rate"].denominator) == (2, 3)
    assert f["hours_target_rate"].value == 66.7 and f["hours_per_person"].value == 54.3


def test_a_unit_sets_its_own_target(tree, cadres, make_session, client):
    _year_of_study(cadres, make_session)
    client.force_login(tree.township_head)
    response = client.post(reverse("training:set_target") + "?year=2025",
                           {"hours_per_person": "40", "sessions": "4", "pass_rate": "100"})
    assert response.status_code == 302
    target = StudyTarget.objects.get(org=tree.township, year=2025)
    assert target.hours_per_person == Decimal(40)
    assert AuditEntry.objects.filter(action="training.set_target").exists()
    assert indicators.by_code([tree.township], YEAR)["hours_target_rate"].value == 100.0


def test_the_page_lists_who_is_short_and_by_how_much(tree, cadres, make_session, client):
    _year_of_study(cadres, make_session)
    client.force_login(tree.township_handler)
    page = client.get(reverse("training:hours") + "?year=2025&below=1").content.decode()
    assert "孙强" in page and "差 20 学时" in page and "陈卫东" not in page


def test_someone_who_left_is_not_counted_but_keeps_their_hours(tree, cadres, make_session):
    _year_of_study(cadres, make_session)
    actions.update_cadre(cadres[2], by=tree.township_handler, active=False)
    assert [r["cadre"].name for r in indicators.hours_by_cadre([tree.township], YEAR)] == ["陈卫东", "李晓燕"]
    assert cadres[2].attendances.count() == 2


def test_a_reviewer_cannot_change_the_target(tree, client):
    client.force_login(tree.reviewer)
    response = client.post(reverse("training:set_target") + "?year=2025",
                           {"hours_per_person": "10", "sessions": "1", "pass_rate": "50"})
    assert response.status_code == 403 and not StudyTarget.objects.exists()
