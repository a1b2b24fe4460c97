"""The demo hook fills a living register on the demo tree, consistent with the procedure, and its pages open."""

import datetime as dt
import io

import docx
import pytest
from django.apps import apps
from django.urls import reverse

from yifa.core import demo
from yifa.core.models import Org
from yifa.core.testing import make_org

from .. import indicators, report
from ..models import Agreement, Committee, DisputeCase, EarlyWarning, ScreeningRound
from .helpers import TODAY

pytestmark = pytest.mark.django_db


def test_the_demo_register_is_alive_and_consistent(client):
    # A pre-existing city makes core's seed skip every module hook; only ours runs below.
    make_org("湖州市", Org.Kind.CITY, division_code="330500")
    _created, context = demo.seed()
    apps.get_app_config("mediation").seed_demo(context)
    S = DisputeCase.Status
    assert Committee.objects.count() == 12 and ScreeningRound.objects.filter(status="done").count() > 50
    statuses = set(DisputeCase.objects.values_list("status", flat=True))
    assert {S.REGISTERED, S.MEDIATING, S.AGREED, S.CLOSED} <= statuses
    assert DisputeCase.objects.count() > 100
    assert set(DisputeCase.objects.values_list("channel", flat=True)) >= {"walk_in", "grid", "online", "police",
                                                                           "court", "petition"}
    for case in DisputeCase.objects.filter(status=S.CLOSED, outcome__in=["written", "oral"]):
        assert case.follow_ups.exists(), case
    assert all(a.number for a in Agreement.objects.filter(kind="written"))
    assert EarlyWarning.objects.filter(status="open").exists() and EarlyWarning.objects.filter(status="handled").exists()

    huanzhu = context.orgs["huanzhu"]
    f = indicators.figures([huanzhu], TODAY - dt.timedelta(days=365), TODAY)  # the demo is the year up to today
    assert f["accepted"] >= 40 and 70 <= f["success_rate"] <= 100 and f["screenings"] >= 30
    assert f["on_time_rate"] < 100 and f["follow_up_rate"] > 50
    assert any(line.startswith("全年受理矛盾纠纷") for line in report.sentences([huanzhu], TODAY.year))

    client.force_login(context.users["huanzhu.tiaojie"])
    for name in ("case_list", "figures", "warning_list", "committee_list", "round_list", "case_create"):
        assert client.get(reverse(f"mediation:{name}")).status_code == 200
    written = Agreement.objects.filter(kind="written", case__org=huanzhu).first()
    assert client.get(reverse("mediation:case_detail", args=[written.case_id])).status_code == 200
    response = client.get(reverse("mediation:agreement_download", args=[written.case_id]))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert f"编号：{written.number}" in text
    client.force_login(context.users["zhili.jingban"])
    assert client.get(reverse("mediation:case_detail", args=[written.case_id])).status_code == 404
