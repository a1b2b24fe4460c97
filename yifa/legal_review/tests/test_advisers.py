import datetime as dt

from django.urls import reverse

from yifa.core.models import AuditEntry
from yifa.legal_review import actions, indicators
from yifa.legal_review.models import AdviserService, LegalAdviser

from .conftest import post

NEW = {"org": None, "kind": "adviser", "name": "沈芳", "firm": "天平律师事务所", "license_no": "13305201810",
       "phone": "13857201122", "service_phone": "0572-2101189", "serves_from": "2025-01-01",
       "serves_until": "2025-12-31", "note": ""}


def test_a_handler_registers_a_community_adviser(client, tree, today):
    response = post(client, tree.township_handler, reverse("legal_review:adviser_create"),
                    {**NEW, "org": tree.village.pk})
    adviser = LegalAdviser.objects.get()
    assert response.status_code == 302 and response.url == reverse("legal_review:adviser_detail", args=[adviser.pk])
    assert adviser.org == tree.village and adviser.serves_on(today)
    assert AuditEntry.objects.filter(action="legal_review.add_adviser").exists()


def test_a_bad_phone_number_is_refused(client, tree, today):
    response = post(client, tree.township_handler, reverse("legal_review:adviser_create"),
                    {**NEW, "org": tree.village.pk, "phone": "12345"})
    assert response.status_code == 400 and not LegalAdviser.objects.exists()


def test_a_unit_outside_scope_cannot_be_chosen(client, tree, today):
    response = post(client, tree.township_handler, reverse("legal_review:adviser_create"),
                    {**NEW, "org": tree.sibling.pk})
    assert response.status_code == 400 and not LegalAdviser.objects.exists()


def test_the_roster_masks_phone_numbers(client, tree, today):
    actions.add_adviser(org=tree.village, by=tree.township_handler, name="沈芳", firm="律所", phone="13857201122",
                        serves_from=today)
    client.force_login(tree.township_handler)
    body = client.get(reverse("legal_review:adviser_list")).content.decode()
    assert "138****1122" in body and "13857201122" not in body


def adviser(tree, today, **kw):
    return actions.add_adviser(org=tree.village, by=tree.township_handler, name="沈芳", firm="律所",
                               serves_from=dt.date(2025, 1, 1), **kw)


def test_the_service_log_records_a_dispute_helped(client, tree, today):
    a = adviser(tree, today)
    url = reverse("legal_review:service_log", args=[a.pk])
    client.force_login(tree.township_handler)
    assert client.get(url).status_code == 405
    assert post(client, tree.sibling_handler, url, {}).status_code == 404
    response = post(client, tree.township_handler, url,
                    {"served_on": "2025-03-01", "kind": "dispute", "count": 3, "description": "参与物业纠纷调处"})
    assert response.status_code == 302
    service = AdviserService.objects.get()
    assert service.count == 3 and service.org == tree.village
    assert AuditEntry.objects.filter(action="legal_review.log_service").exists()


def test_a_service_in_the_future_is_refused(client, tree, today):
    a = adviser(tree, today)
    response = post(client, tree.township_handler, reverse("legal_review:service_log", args=[a.pk]),
                    {"served_on": "2025-03-04", "kind": "dispute", "count": 1, "description": "x"})
    assert response.status_code == 400 and not AdviserService.objects.exists()


def test_ending_the_service_changes_coverage(client, tree, today):
    a = adviser(tree, today)
    assert indicators.coverage_of(tree.township, today).covered == 1
    url = reverse("legal_review:adviser_end", args=[a.pk])
    client.force_login(tree.township_handler)
    assert client.get(url).status_code == 405
    assert post(client, tree.sibling_handler, url, {"on": "2025-03-03", "reason": "聘期届满"}).status_code == 404
    assert post(client, tree.township_handler, url, {"on": "2025-03-02", "reason": "解聘"}).status_code == 302
    a.refresh_from_db()
    assert not a.is_active and a.serves_until == dt.date(2025, 3, 2)
    assert indicators.coverage_of(tree.township, today).covered == 0


def test_ending_twice_is_refused_with_a_message(client, tree, today):
    a = adviser(tree, today)
    actions.end_service(a, by=tree.township_handler, on=today, reason="届满")
    response = post(client, tree.township_handler, reverse("legal_review:adviser_end", args=[a.pk]),
                    {"on": "2025-03-03", "reason": "再次"})
    assert response.status_code == 409 and "已不在聘" in response.content.decode()


def test_editing_is_audited_without_the_phone_number(client, tree, today):
    a = adviser(tree, today, phone="13857201122")
    url = reverse("legal_review:adviser_edit", args=[a.pk])
    response = post(client, tree.township_handler, url,
                    {**NEW, "org": tree.village.pk, "phone": "13900001111", "firm": "新律所"})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="legal_review.update_adviser")
    assert entry.changes["firm"] == ["律所", "新律所"] and "13900001111" not in str(entry.changes)
    assert post(client, tree.sibling_handler, url, {**NEW, "org": tree.village.pk}).status_code == 404


def test_a_reviewer_role_outside_the_unit_cannot_edit(client, tree, today):
    a = adviser(tree, today)
    client.force_login(tree.district_overseer)
    assert client.get(reverse("legal_review:adviser_edit", args=[a.pk])).status_code == 403


def test_coverage_counts_each_village_and_community(tree, today):
    from yifa.core.testing import make_org

    make_org("东二村", "village", tree.township)
    adviser(tree, today)
    coverage = indicators.coverage_of(tree.township, today)
    assert (coverage.covered, coverage.total, str(coverage.rate)) == (1, 2, "50.0")
    assert [o.name for o in coverage.uncovered] == ["东二村"]
    assert str(indicators.adviser_coverage([tree.district], (dt.date(2025, 1, 1), today))) == "50.0"
