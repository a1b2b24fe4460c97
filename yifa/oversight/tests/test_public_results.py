"""建议提案办理结果公开: answered suggestions on the portal, without the representative's phone or internal notes."""

import datetime as dt

from django.urls import reverse

from yifa.oversight import actions


def test_answered_suggestions_are_public_and_the_rest_are_not(handling, make_suggestion, tree, client):
    handling.proposer_phone = "13905721234"
    handling.save()
    actions.reply(handling, by=tree.township_handler, replied_on=dt.date(2025, 6, 1), category="A",
                  summary="已建成公共停车场，新增泊位86个。")
    pending = make_suggestion(serial_no="第13号", title="关于完善健身设施的建议")
    page = client.get(reverse("jianyi:results")).content.decode()
    assert "关于增设公共停车泊位的建议" in page and pending.title not in page
    detail = client.get(reverse("jianyi:result", args=[handling.pk])).content.decode()
    assert "新增泊位86个" in detail and "13905721234" not in detail and "走访代表" not in detail
    assert client.get(reverse("jianyi:result", args=[pending.pk])).status_code == 404


def test_the_portal_home_lists_the_section(client):
    assert "建议提案办理结果" in client.get("/").content.decode()
