"""The 信访 demo: every stage of the procedure (复查 and 复核 included), clocks running and done, pages open.

Run on two days, one just after New Year, so dates relative to today hold across the turn of the year.
"""

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
from yifa.petitions.models import Petition

P = Petition.Status


@pytest.mark.parametrize("day", [dt.date(2026, 1, 5), dt.date(2026, 11, 20)])
def test_the_demo_register_shows_every_stage_and_its_pages_open(db, client, day):
    with time_machine.travel(dt.datetime.combine(day, dt.time(10, 0), tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        # A pre-existing city makes core's seed skip every module hook; only ours runs below (a matter handed to
        # mediation registers its case through the mediation module's action, which needs none of its demo).
        make_org("湖州市", Org.Kind.CITY, division_code="330500")
        _created, context = demo.seed()
        apps.get_app_config("petitions").seed_demo(context)
        huanzhu = context.orgs["huanzhu"]
        mine = Petition.objects.filter(org=huanzhu)

        assert {P.SUBMITTED, P.DISCARDED, P.REGISTERED, P.ACCEPTED, P.NOT_ACCEPTED, P.TRANSFERRED, P.RETURNED,
                P.REPLIED, P.REVIEWING, P.REVIEWED, P.RECHECKING, P.RECHECKED, P.MEDIATION} <= set(
            mine.values_list("status", flat=True))
        # 复核中: its 30日 clock runs; 复核终结: both stages decided.
        rechecking = mine.get(status=P.RECHECKING)
        assert rechecking.review_result == Petition.ReviewResult.UPHELD and rechecking.due_on > day
        done = mine.get(status=P.RECHECKED)
        assert done.review_decided_on < done.recheck_requested_on < done.recheck_decided_on <= day
        assert mine.filter(review_result=Petition.ReviewResult.CHANGED).exists()
        assert set(mine.exclude(satisfaction="").values_list("satisfaction", flat=True)) == set(
            Petition.Satisfaction.values)
        assert mine.filter(status=P.ACCEPTED, due_on__lt=day).exists()  # one overdue
        assert mine.filter(status=P.ACCEPTED, due_on__gte=day).exists()  # and some running
        # Numbers follow the dates they came in (within a year).
        numbered = list(mine.exclude(number="").filter(received_on__year=day.year).order_by("received_on", "pk"))
        assert [p.number for p in numbered] == sorted((p.number for p in numbered), key=lambda n: (len(n), n))

        client.force_login(context.users["zhang.liangdi"])
        page = client.get(reverse("petitions:list")).content.decode()
        assert rechecking.title in page and mine.get(status=P.REVIEWING).title in page
        assert client.get(reverse("petitions:figures")).status_code == 200
        assert client.get(reverse("petitions:detail", args=[rechecking.pk])).status_code == 200
        response = client.get(reverse("petitions:opinion_docx", args=[done.pk]))
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
        assert done.opinion_number in text
        client.force_login(context.users["zhili.jingban"])
        assert client.get(reverse("petitions:detail", args=[rechecking.pk])).status_code == 404
