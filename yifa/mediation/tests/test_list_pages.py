"""The dispute register at city scale: pages by key (下一页 / 上一页), the count, the unit filter's size."""

import datetime as dt

import pytest
from django.urls import reverse

from .helpers import make_case

pytestmark = pytest.mark.django_db


def test_the_next_and_previous_links_walk_the_register_newest_first(client, w):
    for day in range(1, 36):
        make_case(w, "registered", title=f"第{day}起纠纷", registered_on=dt.date(2025, 1, day % 28 + 1))
    client.force_login(w.mediator_user)
    first = client.get(reverse("mediation:case_list"))
    assert "第 1 页，共 35 条" in first.content.decode()
    page = first.context["page"]
    dates = [c.registered_on for c in page]
    assert dates == sorted(dates, reverse=True) and len(dates) == 30 and page.has_next
    second = client.get(reverse("mediation:case_list") + "?" + page.next_query)
    rest = second.context["page"]
    assert len(rest.object_list) == 5 and not rest.has_next and rest.number == 2
    assert not {c.pk for c in rest} & {c.pk for c in page}
    back = client.get(reverse("mediation:case_list") + "?" + rest.previous_query).context["page"]
    assert [c.pk for c in back] == [c.pk for c in page]


def test_the_unit_filter_offers_two_levels_below_the_users_units(client, w):
    client.force_login(w.tree.admin)
    response = client.get(reverse("mediation:case_list"))
    units = dict(response.context["units"])
    assert w.tree.township.pk in units and w.tree.district.pk in units
    assert w.tree.village.pk not in units  # a city user is not offered every 村/社区
    assert f'<option value="{w.tree.township.pk}">{w.tree.township.name}</option>' in response.content.decode()
    client.force_login(w.mediator_user)
    assert w.tree.village.pk in dict(client.get(reverse("mediation:case_list")).context["units"])
