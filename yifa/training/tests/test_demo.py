"""The demo hooks of both apps run on the demo tree and give figures like the seeds' reports."""

import datetime as dt

from django.apps import apps
from django.urls import reverse

from yifa.core import demo
from yifa.core.models import Org
from yifa.core.testing import make_org
from yifa.oversight import indicators as oversight_figures
from yifa.training import indicators


def test_the_demo_ledgers_load_and_their_pages_open(db, client):
    # A pre-existing city makes core's seed skip every module hook; only ours run below.
    make_org("湖州市", Org.Kind.CITY, division_code="330500")
    _created, context = demo.seed()
    apps.get_app_config("oversight").seed_demo(context)
    apps.get_app_config("training").seed_demo(context)
    huanzhu = context.orgs["huanzhu"]
    today = dt.date.today()
    year = (dt.date(today.year, 1, 1), dt.date(today.year, 12, 31))
    f = indicators.by_code([huanzhu], year)
    assert f["activities"].value >= 12 and f["materials"].value >= 3000 and f["consultations"].value >= 200
    assert f["lectures"].value >= 3 and f["liaisons"].value >= 12
    assert oversight_figures.figure("npc_suggestions", [huanzhu], year).value >= 4
    client.force_login(context.users["huanzhu.jingban"])
    for name in ("oversight:suggestion_list", "oversight:case_list", "oversight:figures", "training:figures",
                 "training:hours", "training:liaison_list", "training:request_list"):
        assert client.get(reverse(name)).status_code == 200
    assert client.get(reverse("pufa:menu")).status_code == 200
