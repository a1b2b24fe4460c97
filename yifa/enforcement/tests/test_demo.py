"""The 行政执法 demo: a 权责清单 with items on the portal, in draft and taken down, and an 执法检查台账 of every
kind of inspection (双随机, 日常巡查, 投诉举报核查, 专项检查) done and to do; the pages open on it."""

from django.apps import apps
from django.urls import reverse

from yifa.core import demo
from yifa.core.models import Org
from yifa.core.testing import make_org
from yifa.enforcement.models import Inspection, Power


def test_the_demo_power_list_and_inspection_ledger_are_full(db, client):
    make_org("湖州市", Org.Kind.CITY, division_code="330500")  # core's seed then leaves the module hooks to us
    _created, context = demo.seed()
    apps.get_app_config("enforcement").seed_demo(context)
    huanzhu, zhili = context.orgs["huanzhu"], context.orgs["zhili"]

    powers = Power.objects.filter(org=huanzhu)
    assert set(powers.values_list("kind", flat=True)) >= {"penalty", "inspection", "coercion", "permit"}
    assert powers.filter(is_published=True).count() >= 9
    draft = powers.get(is_published=False, published_on__isnull=True)
    withdrawn = powers.get(is_published=False, published_on__isnull=False)
    assert not draft.levels.exists() and withdrawn.steps.exists()

    inspections = Inspection.objects.filter(org=huanzhu)
    assert set(inspections.values_list("kind", flat=True)) == set(Inspection.Kind.values)
    assert set(inspections.values_list("result", flat=True)) - {""} == set(Inspection.Result.values)
    assert inspections.filter(status="pending", kind=Inspection.Kind.COMPLAINT).exists()
    assert all(i.officers.count() >= 2 for i in inspections.filter(status="done"))
    assert Inspection.objects.filter(org=zhili, status="done").count() == 2

    client.force_login(context.users["huanzhu.zhifa"])
    page = client.get(reverse("enforcement:inspection_list")).content.decode()
    assert "日常巡查" in page and "投诉举报核查" in page and "专项检查" in page
    page = client.get(reverse("enforcement:power_list")).content.decode()
    assert draft.name in page and withdrawn.name in page
    routine = inspections.get(kind=Inspection.Kind.ROUTINE)
    assert client.get(reverse("enforcement:inspection_detail", args=[routine.pk])).status_code == 200
    client.force_login(context.users["zhili.jingban"])
    assert client.get(reverse("enforcement:inspection_detail", args=[routine.pk])).status_code == 404
