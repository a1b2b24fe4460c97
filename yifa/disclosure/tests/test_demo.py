"""The 政府信息公开 demo: 主动公开 by category, requests at every step and with every reply type, and the yearly
tables that come out of them; run on two days, one just after New Year."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import docx
import pytest
import time_machine
from django.apps import apps
from django.urls import reverse

from yifa.core import demo
from yifa.core.models import Org
from yifa.core.testing import make_org
from yifa.disclosure import indicators
from yifa.disclosure.models import InfoRequest, ProactiveDisclosure

R = InfoRequest


@pytest.mark.parametrize("day", [dt.date(2026, 1, 5), dt.date(2026, 11, 20)])
def test_the_demo_registers_cover_every_step_and_the_yearly_tables_add_up(db, client, day):
    with time_machine.travel(dt.datetime.combine(day, dt.time(10, 0), tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        make_org("湖州市", Org.Kind.CITY, division_code="330500")  # core's seed then leaves the module hooks to us
        _created, context = demo.seed()
        apps.get_app_config("disclosure").seed_demo(context)
        huanzhu = context.orgs["huanzhu"]
        requests = R.objects.filter(org=huanzhu)

        assert set(requests.values_list("status", flat=True)) == set(R.Status.values)
        assert set(requests.values_list("outcome", flat=True)) - {""} == set(R.Outcome.values)
        assert requests.filter(correction_received_on__isnull=False, consult_answered_on__isnull=False).exists()
        assert set(requests.exclude(third_party_opinion="").values_list("third_party_opinion", flat=True)) == {
            R.ThirdPartyOpinion.AGREED, R.ThirdPartyOpinion.OBJECTED}
        assert requests.filter(litigation=R.Litigation.DIRECT).exists() and requests.exclude(reconsideration="").exists()
        pubs = ProactiveDisclosure.objects.filter(org=huanzhu)
        assert len(set(pubs.values_list("category", flat=True))) >= 12
        budget = pubs.get(title__endswith="年度部门预算")  # titles name the year the record was formed in
        assert budget.title == f"环渚街道{budget.formed_on.year}年度部门预算"

        # The yearly tables of the year most of the demo falls in: figures in every part, and they balance.
        year = (day - dt.timedelta(days=60)).year
        period = (dt.date(year, 1, 1), dt.date(year, 12, 31))
        pubs_in_scope, reqs_in_scope = ProactiveDisclosure.objects.all(), R.objects.filter(org=huanzhu)
        assert indicators.publication_summary(pubs_in_scope.filter(org=huanzhu), period)["total"].value >= 10
        assert indicators.check_balance(reqs_in_scope, period)
        client.force_login(context.users["huanzhu.jingban"])
        page = client.get(reverse("disclosure:annual") + f"?year={year}").content.decode()
        assert "勾稽关系一致" in page

        for name in ("disclosure:request_list", "disclosure:publication_list"):
            assert client.get(reverse(name)).status_code == 200
        partly = requests.filter(outcome=R.Outcome.PARTLY, consult_sent_on__isnull=False).first()
        response = client.get(reverse("disclosure:reply_docx", args=[partly.pk]))
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
        assert partly.reply_number in text
        client.force_login(context.users["zhili.jingban"])
        assert client.get(reverse("disclosure:request_detail", args=[partly.pk])).status_code == 404
