"""信访 figures are computed from the records, and each figure lists the records behind it."""

import datetime as dt

from django.urls import reverse

from yifa.petitions import actions, indicators, report
from yifa.petitions.models import Petition

from .conftest import make_petition


def _year(tree):
    """A small year: 4 matters registered, 2 concluded (one late), one refused, one still open."""
    h = tree.township_handler
    on_time = make_petition(tree.township, h, received_on=dt.date(2025, 1, 6), channel=Petition.Channel.LETTER)
    actions.accept(on_time, by=h, on=dt.date(2025, 1, 10))
    actions.reply(on_time, by=h, on=dt.date(2025, 2, 20), opinion="support", opinion_text="支持")
    actions.record_satisfaction(on_time, by=h, on=dt.date(2025, 2, 25), satisfaction="satisfied")
    late = make_petition(tree.township, h, received_on=dt.date(2025, 2, 3))
    actions.accept(late, by=h, on=dt.date(2025, 2, 5))
    actions.reply(late, by=h, on=dt.date(2025, 5, 6), opinion="reject", opinion_text="不予支持")
    actions.record_satisfaction(late, by=h, on=dt.date(2025, 5, 8), satisfaction="dissatisfied")
    refused = make_petition(tree.township, h, received_on=dt.date(2025, 3, 3))
    actions.refuse(refused, by=h, on=dt.date(2025, 3, 5), notice_text="属诉讼事项")
    make_petition(tree.township, h, received_on=dt.date(2025, 6, 3))
    make_petition(tree.sibling, tree.sibling_handler, received_on=dt.date(2025, 6, 3))  # not ours
    make_petition(tree.township, h, received_on=dt.date(2024, 12, 30))  # last year


def test_the_yearly_figures_count_the_records(tree, frozen):
    _year(tree)
    figures = indicators.figures([tree.township], (dt.date(2025, 1, 1), dt.date(2025, 12, 31)))
    assert figures["received"] == 4
    assert figures["concluded"] == 2
    assert figures["on_time_rate"] == 50.0  # 2月5日 + 60 days = 4月6日 (Sunday) → 4月7日; replied 5月6日
    assert figures["satisfaction_rate"] == 50.0
    district = indicators.figures([tree.district], (dt.date(2025, 1, 1), dt.date(2025, 12, 31)))
    assert district["received"] == 5


def test_the_report_sentence_states_the_figures(tree, frozen):
    _year(tree)
    (sentence,) = report.sentences([tree.township], (dt.date(2025, 1, 1), dt.date(2025, 12, 31)))
    assert sentence.startswith("2025年，依法登记信访事项4件（来信1件、来访3件）")
    assert "办结2件，按期办结率50%" in sentence and "群众满意率50%" in sentence


def test_each_figure_drills_down_to_its_records(tree, frozen, client):
    _year(tree)
    client.force_login(tree.township_handler)
    page = client.get(reverse("petitions:figures"), {"year": 2025}).content.decode()
    assert "?cell=concluded_late&amp;year=2025" in page
    listing = client.get(reverse("petitions:list"), {"cell": "concluded_late", "year": 2025})
    rows = list(listing.context["page"])
    assert [p.received_on for p in rows] == [dt.date(2025, 2, 3)]
    listing = client.get(reverse("petitions:list"), {"cell": "channel:visit", "year": 2025})
    assert len(listing.context["page"]) == 3


def test_the_figures_page_of_an_overseer_covers_every_unit_below(tree, frozen, client):
    _year(tree)
    client.force_login(tree.district_overseer)
    response = client.get(reverse("petitions:figures"), {"year": 2025})
    received = next(r for title, rows in response.context["table"] for r in rows if r.key == "received")
    assert received.value == 5
