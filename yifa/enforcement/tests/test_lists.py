"""Staff lists: scoped, filtered by unit and period as the indicator drill-downs link them."""

from django.urls import reverse

from .helpers import decided, file


def test_the_case_list_filters_by_unit_and_dates(w, client):
    case = decided(w)
    client.force_login(w.tree.district_overseer)
    base = reverse("enforcement:case_list")
    assert case.number in client.get(f"{base}?org={w.org.pk}&from=2026-01-01&to=2026-12-31").content.decode()
    assert case.number not in client.get(f"{base}?org={w.tree.sibling.pk}").content.decode()
    assert case.number not in client.get(f"{base}?from=2026-03-01").content.decode()  # filed 10 days earlier
    page = client.get(f"{base}?date=decided&start=2026-03-02&end=2026-03-02").content.decode()
    assert case.number in page and "决定日期不早于2026年3月2日" in page


def test_a_sibling_sees_nothing_of_the_township(w, client):
    case = file(w)
    client.force_login(w.tree.sibling_handler)
    page = client.get(reverse("enforcement:case_list")).content.decode()
    assert case.number not in page
    assert client.get(reverse("enforcement:case_detail", args=[case.pk])).status_code == 404


def test_the_overseer_sees_masked_personal_data_on_the_case_page(w, client):
    case = file(w)
    client.force_login(w.tree.district_overseer)
    page = client.get(reverse("enforcement:case_detail", args=[case.pk])).content.decode()
    assert "张*丰" in page and "张三丰" not in page
    assert case.party_id_number not in page and "13857201234" not in page
    listing = client.get(reverse("enforcement:case_list")).content.decode()
    assert "张*丰" in listing and "张三丰" not in listing
    client.force_login(w.handler)
    assert case.party_id_number in client.get(reverse("enforcement:case_detail", args=[case.pk])).content.decode()
