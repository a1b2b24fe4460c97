"""The portal's 年度报告 column: published reports only, with their date, readable and downloadable."""

from django.urls import reverse

from yifa.core.registry import portal_sections
from yifa.reports import actions


def test_a_published_report_is_on_the_portal_with_its_date(client, submitted, tree):
    actions.publish(submitted, by=tree.township_head, secrecy_checked_by="王主任")
    listing = client.get(reverse("reports_public:list")).content.decode()
    assert submitted.title in listing and "公开日期：2026年2月10日" in listing
    page = client.get(reverse("reports_public:detail", args=[submitted.pk])).content.decode()
    assert "<h2>一、主要举措和成效</h2>" in page
    assert "一是部分干部法治意识不强。二是执法力量薄弱。" in page
    download = client.get(reverse("reports_public:download", args=[submitted.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content)[:2] == b"PK"


def test_an_unpublished_report_is_not_public(client, submitted):
    assert submitted.title not in client.get(reverse("reports_public:list")).content.decode()
    assert client.get(reverse("reports_public:detail", args=[submitted.pk])).status_code == 404
    assert client.get(reverse("reports_public:download", args=[submitted.pk])).status_code == 404


def test_the_portal_home_links_the_column(client, db):
    assert "reports_public:list" in [s.url_name for s in portal_sections()]
    assert "法治政府建设年度报告" in client.get("/").content.decode()


def test_the_list_filters_by_year_and_unit(client, submitted, tree):
    actions.publish(submitted, by=tree.township_head, secrecy_checked_by="王主任")
    assert submitted.title in client.get(reverse("reports_public:list"), {"year": "2025", "q": "东街"}).content.decode()
    assert submitted.title not in client.get(reverse("reports_public:list"), {"q": "西镇"}).content.decode()
