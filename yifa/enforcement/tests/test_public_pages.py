"""The public 执法公示 pages: only what is published; certificates checkable by anyone."""

from django.urls import reverse

from yifa.enforcement import actions


def test_only_published_powers_are_listed(w, client):
    page = client.get(reverse("enforcement_public:power_list")).content.decode()
    assert "对占道经营的处罚" not in page
    actions.publish_power(w.power, by=w.head)
    page = client.get(reverse("enforcement_public:power_list")).content.decode()
    assert "对占道经营的处罚" in page and "城市市容和环境卫生管理条例" in page
    assert client.get(reverse("enforcement_public:power_detail", args=[w.review_power.pk])).status_code == 404
    detail = client.get(reverse("enforcement_public:power_detail", args=[w.power.pk])).content.decode()
    assert "职权运行流程图" in detail and "罚款 50 元至 200 元" in detail


def test_the_certificate_page_says_valid_or_not_and_carries_a_qr_code(w, client):
    page = client.get(reverse("enforcement_public:certificate", args=[w.officer.public_token])).content.decode()
    assert "证件有效" in page and w.officer.cert_number in page and "<svg" in page
    page = client.get(reverse("enforcement_public:certificate", args=[w.expired.public_token])).content.decode()
    assert "证件无效" in page and "证件已过期" in page
    svg = client.get(reverse("enforcement_public:certificate_qr", args=[w.officer.public_token]))
    assert svg["Content-Type"] == "image/svg+xml" and svg.content.startswith(b"<svg")


def test_the_public_officer_list_shows_only_valid_certificates(w, client):
    page = client.get(reverse("enforcement_public:officer_list")).content.decode()
    assert "孙执法" in page and "吴过期" not in page


def test_an_unknown_certificate_token_is_404(client, db):
    assert client.get(reverse("enforcement_public:certificate", args=["nope"])).status_code == 404


def test_the_portal_home_lists_the_enforcement_sections(client, db):
    page = client.get(reverse("portal:home")).content.decode()
    assert "执法公示" in page and reverse("enforcement_public:index") in page
