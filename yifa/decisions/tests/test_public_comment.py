import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from yifa.core import antispam
from yifa.core.models import AuditEntry
from yifa.decisions import actions
from yifa.decisions.models import PublicComment

from .conftest import SHANGHAI


@pytest.fixture
def open_decision(tree, decision):
    actions.open_comment(decision, by=tree.township_handler, opens_on=dt.date(2025, 3, 3),
                         closes_on=dt.date(2025, 4, 7), notice="在线提交")
    return decision


def form_data(body="建议增加停车位。", **extra):
    """A form as a person sends it: the token was issued when the page was shown, a minute earlier."""
    with time_machine.travel(dt.datetime(2025, 3, 3, 9, 59, tzinfo=SHANGHAI), tick=False):
        token = antispam.new_token()
    return {"body": body, "name": "沈建国", "contact": "13857201122", "website": "", "form_token": token, **extra}


def url(d):
    return reverse("decisions:public_comment", args=[d.pk])


def test_a_visitor_comments_without_an_account(client, open_decision):
    response = client.post(url(open_decision), form_data())
    assert response.status_code == 302
    comment = PublicComment.objects.get()
    assert comment.body == "建议增加停车位。" and comment.address_hash and comment.disposition == ""
    entry = AuditEntry.objects.get(action="decisions.submit_comment")
    assert entry.actor is None and entry.actor_name == "公众（门户）" and entry.actor_org == open_decision.org
    page = client.get(response.url).content.decode()
    assert "您的意见已提交" in page


def test_the_portal_page_refuses_get_on_the_comment_url(client, open_decision):
    assert client.get(url(open_decision)).status_code == 405


def test_a_filled_honeypot_is_refused(client, open_decision):
    response = client.post(url(open_decision), form_data(website="http://spam.example"))
    assert response.status_code == 400 and not PublicComment.objects.exists()


def test_a_form_sent_back_at_once_is_refused(client, open_decision):
    response = client.post(url(open_decision), {**form_data(), "form_token": antispam.new_token()})
    assert response.status_code == 400 and "提交过快" in response.content.decode()
    assert not PublicComment.objects.exists()


def test_a_forged_token_is_refused(client, open_decision):
    response = client.post(url(open_decision), form_data(form_token="forged"))
    assert response.status_code == 400 and "页面已过期" in response.content.decode()


def test_one_address_is_limited_per_hour(client, open_decision):
    for i in range(antispam.RATE_LIMIT):
        assert client.post(url(open_decision), form_data(f"第{i}条意见内容")).status_code == 302
    response = client.post(url(open_decision), form_data("再来一条意见"))
    assert response.status_code == 429 and "太频繁" in response.content.decode()
    assert PublicComment.objects.count() == antispam.RATE_LIMIT
    other = client.post(url(open_decision), form_data("另一地址的意见"), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_comments_are_refused_once_the_period_has_ended(client, open_decision):
    with time_machine.travel(dt.datetime(2025, 4, 8, 9, tzinfo=SHANGHAI), tick=False):
        with time_machine.travel(dt.datetime(2025, 4, 8, 8, 59, tzinfo=SHANGHAI), tick=False):
            token = antispam.new_token()
        response = client.post(url(open_decision), {**form_data(), "form_token": token})
    assert response.status_code == 400 and "不在征求意见期内" in response.content.decode()


def test_markup_in_a_comment_is_shown_inert(client, tree, open_decision):
    body = '<script>alert("x")</script><b>加粗</b> 请增加停车位'
    client.post(url(open_decision), form_data(body))
    client.force_login(tree.township_handler)
    page = client.get(reverse("decisions:decision_step", args=[open_decision.pk, "participation"])).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;加粗&lt;/b&gt;" in page
    assert '<script>alert("x")' not in page


def test_an_unpublished_decision_is_not_on_the_portal(client, tree, catalogue):
    listed = actions.add_decision(org=tree.township, by=tree.township_handler, kind="major", category="policy",
                                  title="内部事项", catalogue=catalogue)
    assert client.get(reverse("decisions:public_decision", args=[listed.pk])).status_code == 404
    assert client.post(url(listed), form_data()).status_code == 404


def test_the_contact_is_never_shown_on_the_portal(client, tree, open_decision):
    client.post(url(open_decision), form_data())
    comment = PublicComment.objects.get()
    actions.answer_comment(comment, by=tree.township_handler, disposition="adopted", reply="")
    with time_machine.travel(dt.datetime(2025, 4, 8, 9, tzinfo=SHANGHAI), tick=False):
        actions.publish_adoption(open_decision, by=tree.township_handler, summary="采纳1条。")
        page = client.get(reverse("decisions:public_decision", args=[open_decision.pk])).content.decode()
    assert "采纳1条。" in page and "建议增加停车位" in page
    assert "13857201122" not in page and "沈建国" not in page and "沈*国" in page
