"""The 代表建议/政协提案 and 复议/应诉 demo: 主办 and 协办, satisfaction, hearings with and without the 负责人,
outcomes won and lost, 复议意见书 and 司法建议 answered, running and overdue; the pages open on it."""

from django.apps import apps
from django.urls import reverse

from yifa.core import demo, deadlines
from yifa.core.models import Org
from yifa.core.testing import make_org
from yifa.oversight import indicators
from yifa.oversight.models import FollowUpLetter, Hearing, RespondentCase, Suggestion


def test_the_demo_ledgers_show_every_kind_and_state(db, client):
    make_org("湖州市", Org.Kind.CITY, division_code="330500")  # core's seed then leaves the module hooks to us
    _created, context = demo.seed()
    apps.get_app_config("oversight").seed_demo(context)
    huanzhu, today = context.orgs["huanzhu"], deadlines.today()

    suggestions = Suggestion.objects.filter(org=huanzhu)
    assert set(suggestions.values_list("our_role", flat=True)) == set(Suggestion.Part.values)
    assert set(suggestions.values_list("kind", flat=True)) == set(Suggestion.Kind.values)
    assert set(suggestions.exclude(satisfaction="").values_list("satisfaction", flat=True)) == set(
        Suggestion.Satisfaction.values)
    assert suggestions.filter(co_handlers__isnull=False).exists()

    cases = RespondentCase.objects.filter(org=huanzhu)
    assert set(cases.values_list("status", flat=True)) == set(RespondentCase.Status.values)
    assert {"upheld", "claim_rejected", "revoked", "illegal"} <= set(cases.values_list("outcome", flat=True))
    assert cases.filter(instance=RespondentCase.Instance.SECOND, previous__isnull=False).exists()
    appearances = set(Hearing.objects.filter(case__org=huanzhu).values_list("appearance", flat=True))
    assert {Hearing.Appearance.HEAD, Hearing.Appearance.STAFF} <= appearances

    letters = FollowUpLetter.objects.all()
    assert {(letter.kind, letter.status) for letter in letters.filter(org=huanzhu)} >= {
        ("opinion_letter", "answered"), ("opinion_letter", "open"), ("judicial_suggestion", "answered")}
    running = letters.get(org=huanzhu, status="open")
    assert running.due_on > today
    assert letters.filter(org=context.orgs["zhili"], status="open", due_on__lt=today).exists()  # one overdue

    year = (today.replace(month=1, day=1), today.replace(month=12, day=31))
    rate = indicators.figure("head_appearance_rate", [huanzhu], year).value
    assert rate is not None and 0 < rate < 100

    client.force_login(context.users["huanzhu.jingban"])
    for name in ("oversight:suggestion_list", "oversight:case_list", "oversight:letter_list", "oversight:figures"):
        assert client.get(reverse(name)).status_code == 200
    assert running.letter_no in client.get(reverse("oversight:letter_list")).content.decode()
    assert client.get(reverse("oversight:case_detail", args=[running.case_id])).status_code == 200
    client.force_login(context.users["zhili.jingban"])
    assert client.get(reverse("oversight:case_detail", args=[running.case_id])).status_code == 404
