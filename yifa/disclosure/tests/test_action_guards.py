"""Every 政府信息公开 action through its URL: GET refused (405), wrong role 403, another unit's matter 404."""

import pytest
from django.urls import reverse

from yifa.disclosure.views import PUBLICATION_ACTIONS, REQUEST_ACTIONS

from .conftest import make_publication

REQUESTS = sorted(REQUEST_ACTIONS)
PUBLICATIONS = sorted(PUBLICATION_ACTIONS)


@pytest.fixture
def publication(tree, frozen):
    return make_publication(tree.township, tree.township_handler)


@pytest.fixture
def sibling_publication(tree, frozen):
    return make_publication(tree.sibling, tree.sibling_handler)


@pytest.mark.parametrize("action", REQUESTS)
def test_get_is_refused_on_requests(tree, request_, client, action):
    client.force_login(tree.township_handler)
    assert client.get(reverse("disclosure:request_act", args=[request_.pk, action])).status_code == 405


@pytest.mark.parametrize("action", REQUESTS)
def test_an_overseer_reads_but_does_not_act_on_requests(tree, request_, client, action):
    client.force_login(tree.district_overseer)
    assert client.get(reverse("disclosure:request_detail", args=[request_.pk])).status_code == 200
    assert client.post(reverse("disclosure:request_act", args=[request_.pk, action]),
                       {"on": "2025-09-01"}).status_code == 403


@pytest.mark.parametrize("action", REQUESTS)
def test_a_sibling_townships_request_answers_404(tree, sibling_request, client, action):
    client.force_login(tree.township_handler)
    assert client.post(reverse("disclosure:request_act", args=[sibling_request.pk, action]),
                       {"on": "2025-09-01"}).status_code == 404


@pytest.mark.parametrize("action", PUBLICATIONS)
def test_get_is_refused_on_publications(tree, publication, client, action):
    client.force_login(tree.township_handler)
    assert client.get(reverse("disclosure:publication_act", args=[publication.pk, action])).status_code == 405


@pytest.mark.parametrize("action", PUBLICATIONS)
def test_an_overseer_cannot_act_on_publications(tree, publication, client, action):
    client.force_login(tree.district_overseer)
    assert client.post(reverse("disclosure:publication_act", args=[publication.pk, action]),
                       {"on": "2025-09-01", "reason": "x"}).status_code == 403


@pytest.mark.parametrize("action", PUBLICATIONS)
def test_a_sibling_townships_publication_answers_404(tree, sibling_publication, client, action):
    client.force_login(tree.township_handler)
    assert client.post(reverse("disclosure:publication_act", args=[sibling_publication.pk, action]),
                       {"on": "2025-09-01", "reason": "x"}).status_code == 404


def test_pages_of_a_sibling_answer_404(tree, sibling_request, sibling_publication, client):
    client.force_login(tree.township_handler)
    for url in (reverse("disclosure:request_detail", args=[sibling_request.pk]),
                reverse("disclosure:publication_detail", args=[sibling_publication.pk]),
                reverse("disclosure:reply_docx", args=[sibling_request.pk])):
        assert client.get(url).status_code == 404


def test_wrong_state_is_refused_with_the_missing_step(tree, request_, client):
    client.force_login(tree.township_handler)
    response = client.post(reverse("disclosure:request_act", args=[request_.pk, "receive_correction"]),
                           {"on": "2025-09-01"})
    assert response.status_code == 302
    request_.refresh_from_db()
    assert request_.status == "registered"
    assert any("须先告知补正" in str(m) for m in response.wsgi_request._messages)
