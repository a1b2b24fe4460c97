"""Every POST-only page of the module: GET refused (405), another unit 404, wrong role 403."""

import pytest
from django.urls import reverse

from yifa.normative_docs import actions

from .conftest import D, post

DOCUMENT_URLS = ["comment_open", "comment_close", "review_request", "deliberate", "register", "publish", "file"]


@pytest.mark.parametrize("name", DOCUMENT_URLS + ["withdraw"])
def test_document_steps_refuse_get_other_units_and_reviewers(client, tree, draft, name):
    url = reverse(f"normative_docs:{name}", args=[draft.pk])
    client.force_login(tree.township_handler)
    assert client.get(url).status_code == 405
    assert post(client, tree.sibling_handler, url).status_code == 404
    assert post(client, tree.other_handler, url).status_code == 404
    assert post(client, tree.reviewer, url).status_code == 403


@pytest.mark.parametrize("name", DOCUMENT_URLS)
def test_document_steps_refuse_the_wrong_state(client, tree, live_doc, name):
    if name == "file":
        actions.file(live_doc, by=tree.township_handler, report="报备")
    response = post(client, tree.township_handler, reverse(f"normative_docs:{name}", args=[live_doc.pk]), {
        "opens_on": "2025-03-03", "closes_on": "2025-04-30", "notice": "x", "summary": "x", "note": "",
        "body": "会议", "held_on": "2025-03-03", "minutes": "x", "registered_on": "2025-03-03",
        "published_on": "2025-03-03", "effective_on": "2025-03-03", "channel": "网站", "filed_on": "2025-03-03",
        "report": "x"})
    assert response.status_code == 409, name
    assert "当前状态为“已公布”" in response.content.decode() or "已经报送备案" in response.content.decode()


def test_withdrawing_is_the_heads_decision(client, tree, draft):
    url = reverse("normative_docs:withdraw", args=[draft.pk])
    assert post(client, tree.township_handler, url, {"reason": "x"}).status_code == 403
    assert post(client, tree.township_head, url, {"reason": "上级已统一规定"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "withdrawn"
    assert post(client, tree.township_head, url, {"reason": "再次"}).status_code == 409


@pytest.mark.parametrize("name", ["filing_pass", "filing_correct", "filing_answer"])
def test_filing_steps_refuse_get_and_other_units(client, tree, live_doc, name):
    filing = actions.file(live_doc, by=tree.township_handler, filed_on=D(2025, 3, 3), report="报备")
    url = reverse(f"normative_docs:{name}", args=[filing.pk])
    client.force_login(tree.district_overseer)
    assert client.get(url).status_code == 405
    assert post(client, tree.sibling_handler, url).status_code == 404
    assert post(client, tree.reviewer, url).status_code == 403


def test_every_staff_page_renders(client, tree, live_doc):
    filing = actions.file(live_doc, by=tree.township_handler, report="报备")
    client.force_login(tree.district_overseer)
    for url in [reverse("normative_docs:document_list"), reverse("normative_docs:document_detail", args=[live_doc.pk]),
                reverse("normative_docs:filing_list"), reverse("normative_docs:filing_detail", args=[filing.pk]),
                reverse("normative_docs:cleanup_list"), reverse("normative_docs:document_list") + "?expiring=1"]:
        assert client.get(url).status_code == 200, url
