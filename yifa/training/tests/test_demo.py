"""The demo hooks of both apps run on the demo tree and give figures like the seeds' reports."""

import datetime as dt

from django.apps import apps
from django.urls import reverse

from yifa.core import demo
from yifa.core.models import Org
from yifa.core.testing import make_org
from yifa.oversight import indicators as oversight_figures
from yifa.training import indicators
from yifa.training.models import (DutyItem, ExamResult, LawExam, LeadershipMeeting, LegalLiaison, OutreachActivity,
                                  OutreachRequest, StudySession, StudyTarget)


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


def test_the_demo_ledgers_hold_every_state_for_both_units(db, client):
    make_org("湖州市", Org.Kind.CITY, division_code="330500")
    _created, context = demo.seed()
    apps.get_app_config("training").seed_demo(context)
    huanzhu, zhili = context.orgs["huanzhu"], context.orgs["zhili"]
    for model in (StudySession, OutreachActivity):
        assert set(model.objects.filter(org=huanzhu).values_list("status", flat=True)) == set(model.Status.values)
    exams = LawExam.objects.filter(org=huanzhu)
    assert set(exams.values_list("kind", flat=True)) == set(LawExam.Kind.values)
    assert set(exams.values_list("status", flat=True)) == set(LawExam.Status.values)
    assert ExamResult.objects.filter(exam__org=zhili, score__lt=60).exists()  # someone to retake
    assert set(LeadershipMeeting.objects.filter(org=huanzhu).values_list("kind", flat=True)) == set(
        LeadershipMeeting.Kind.values)
    for org in (huanzhu, zhili):
        assert LeadershipMeeting.objects.filter(org=org, kind="report").exists()
        assert DutyItem.objects.filter(org=org).count() >= 3
        assert StudyTarget.objects.filter(org=org).exists()
    liaisons = LegalLiaison.objects.all()
    assert set(liaisons.values_list("status", flat=True)) == set(LegalLiaison.Status.values)
    assert liaisons.filter(kind="leader", org__parent=zhili).exists()
    requests = OutreachRequest.objects.all()
    assert set(requests.filter(org=huanzhu).values_list("status", flat=True)) == set(OutreachRequest.Status.values)
    assert set(requests.exclude(rating="").values_list("rating", flat=True)) == {"satisfied", "basic"}
    assert requests.filter(org=zhili).exists()

    client.force_login(context.users["huanzhu.jingban"])
    declined = requests.get(status="declined")
    for name in ("training:exam_list", "training:meeting_list", "training:duty_list", "training:session_list",
                 "training:activity_list"):
        assert client.get(reverse(name)).status_code == 200
    assert declined.requester in client.get(reverse("training:request_list")).content.decode()
    client.force_login(context.users["zhili.jingban"])
    assert client.get(reverse("training:request_detail", args=[declined.pk])).status_code == 404
