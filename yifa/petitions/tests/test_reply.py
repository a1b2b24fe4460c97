"""出具信访处理意见书 (第三十二条): 办结, the handling clock met, the letter numbered and downloadable."""

import datetime as dt
import io

from django.contrib.messages import get_messages
from django.urls import reverse
from docx import Document

from yifa.core import deadlines
from yifa.core.models import AuditEntry
from yifa.petitions.models import Petition


def _reply(client, petition, **data):
    payload = {"on": "2025-06-14", "opinion": "explain", "opinion_text": "依据《物业管理条例》第三十五条，已督促整改。"}
    payload.update(data)
    return client.post(reverse("petitions:act", args=[petition.pk, "reply"]), payload)


def test_replying_concludes_the_matter_on_time(tree, accepted, client):
    client.force_login(tree.township_handler)
    assert _reply(client, accepted).status_code == 302
    accepted.refresh_from_db()
    assert accepted.status == Petition.Status.REPLIED
    assert accepted.replied_on == dt.date(2025, 6, 14)
    assert accepted.opinion_number == "东街信复〔2025〕1号"
    handle = next(d for d in deadlines.of(accepted) if d.rule.code == "petitions.handle")
    assert handle.status == "met" and accepted.due_on is None
    assert AuditEntry.objects.filter(action="petitions.reply", target_id=str(accepted.pk)).exists()


def test_the_opinion_letter_opens_again_as_a_word_document(tree, replied, client):
    client.force_login(tree.township_handler)
    response = client.get(reverse("petitions:opinion_docx", args=[replied.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "信访事项处理意见书" in text and "东街信复〔2025〕1号" in text
    assert "沈国强" in text and "已责成物业30日内整改" in text and "第三十五条" in text
    assert "2025年6月14日" in text


def test_a_reply_without_its_reasons_is_refused(tree, accepted, client):
    client.force_login(tree.township_handler)
    response = _reply(client, accepted, opinion_text="")
    accepted.refresh_from_db()
    assert accepted.status == Petition.Status.ACCEPTED
    assert any("处理意见及依据" in str(m) for m in get_messages(response.wsgi_request))


def test_a_matter_not_yet_accepted_cannot_be_replied_to(tree, registered, client):
    client.force_login(tree.township_handler)
    response = _reply(client, registered)
    registered.refresh_from_db()
    assert registered.status == Petition.Status.REGISTERED
    assert any("须先告知受理" in str(m) for m in get_messages(response.wsgi_request))


def test_no_letter_before_there_is_an_opinion(tree, accepted, client):
    client.force_login(tree.township_handler)
    assert client.get(reverse("petitions:opinion_docx", args=[accepted.pk])).status_code == 403


def test_the_letter_of_a_sibling_township_answers_404(tree, sibling_petition, client):
    client.force_login(tree.township_handler)
    assert client.get(reverse("petitions:opinion_docx", args=[sibling_petition.pk])).status_code == 404
