import datetime as dt

import time_machine
from django.urls import reverse

from yifa.core import antispam
from yifa.normative_docs import actions
from yifa.normative_docs.models import DocumentComment

from .conftest import D, SHANGHAI


def token():
    with time_machine.travel(dt.datetime(2025, 3, 3, 9, 59, tzinfo=SHANGHAI), tick=False):
        return antispam.new_token()


def test_a_business_comments_on_a_draft_without_an_account(client, tree, draft):
    actions.open_comment(draft, by=tree.township_handler, opens_on=D(2025, 3, 3), closes_on=D(2025, 3, 12), notice="x")
    url = reverse("normative_docs:public_comment", args=[draft.pk])
    assert client.get(url).status_code == 405
    page = client.get(reverse("normative_docs:public_document", args=[draft.pk])).content.decode()
    assert "征求意见稿" in page and "提交意见" in page
    assert draft.title in client.get(reverse("normative_docs:public_library")).content.decode()
    data = {"body": "<img src=x onerror=alert(1)>建议明确犬只登记办法", "name": "湖州某宠物店", "contact": "0572-1234567",
            "is_business": "on", "website": "", "form_token": token()}
    assert client.post(url, {**data, "website": "spam"}).status_code == 400
    assert client.post(url, {**data, "form_token": antispam.new_token()}).status_code == 400
    assert client.post(url, data).status_code == 302
    comment = DocumentComment.objects.get()
    assert comment.is_business and comment.body.startswith("<img")
    client.force_login(tree.township_handler)
    staff = client.get(reverse("normative_docs:document_detail", args=[draft.pk])).content.decode()
    assert "&lt;img src=x onerror=alert(1)&gt;" in staff and "<img src=x" not in staff


def test_comments_outside_the_period_are_refused(client, tree, draft):
    url = reverse("normative_docs:public_comment", args=[draft.pk])
    assert client.post(url, {"body": "意见内容", "form_token": token()}).status_code == 404
    actions.open_comment(draft, by=tree.township_handler, opens_on=D(2025, 3, 4), closes_on=D(2025, 3, 14), notice="x")
    response = client.post(url, {"body": "意见内容五个字", "form_token": token()})
    assert response.status_code == 400 and "不在征求意见期内" in response.content.decode()
