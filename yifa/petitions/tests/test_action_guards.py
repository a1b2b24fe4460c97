"""Every 信访 action, through its URL: GET refused (405), wrong role 403, another unit's matter 404."""

import pytest
from django.urls import reverse

from yifa.petitions.views import ACTIONS

ALL = sorted(ACTIONS)


@pytest.mark.parametrize("action", ALL)
def test_get_is_refused(tree, registered, client, action):
    client.force_login(tree.township_handler)
    assert client.get(reverse("petitions:act", args=[registered.pk, action])).status_code == 405


@pytest.mark.parametrize("action", ALL)
def test_an_overseer_may_read_but_not_act(tree, registered, client, action):
    client.force_login(tree.district_overseer)
    assert client.get(reverse("petitions:detail", args=[registered.pk])).status_code == 200
    response = client.post(reverse("petitions:act", args=[registered.pk, action]), {"on": "2025-06-16"})
    assert response.status_code == 403


@pytest.mark.parametrize("action", ALL)
def test_a_sibling_townships_matter_answers_404(tree, sibling_petition, client, action):
    client.force_login(tree.township_handler)
    response = client.post(reverse("petitions:act", args=[sibling_petition.pk, action]), {"on": "2025-06-16"})
    assert response.status_code == 404


@pytest.mark.parametrize("action", ALL)
def test_another_districts_handler_gets_404(tree, registered, client, action):
    client.force_login(tree.other_handler)
    response = client.post(reverse("petitions:act", args=[registered.pk, action]), {"on": "2025-06-16"})
    assert response.status_code == 404


def test_an_unknown_action_is_not_a_page(tree, registered, client):
    client.force_login(tree.township_handler)
    assert client.post(f"/petitions/{registered.pk}/delete/").status_code == 404
