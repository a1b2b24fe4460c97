"""督办: the overseer sees overdue items per unit below, sends a notice; the unit sees it on 工作台 and answers."""

import datetime as dt

import pytest
import time_machine

from yifa.core import deadlines
from yifa.core.models import AuditEntry, Deadline, SupervisionNotice

D = dt.date
TODAY = dt.datetime(2025, 3, 20, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@pytest.fixture
def overdue(tree):
    with time_machine.travel(TODAY, tick=False):
        yield deadlines.start(tree.township, "petitions.objection", start=D(2025, 3, 3), by=tree.township_handler)


def test_the_board_lists_overdue_items_per_unit_below(client, tree, overdue):
    deadlines.start(tree.other_township, "petitions.objection", start=D(2025, 3, 3), by=tree.other_handler)
    with time_machine.travel(TODAY, tick=False):
        client.force_login(tree.district_overseer)
        text = client.get("/supervision/").content.decode()
    assert "东街道" in text and "逾期1件" in text and "已逾期10日" in text
    assert "南镇" not in text  # another district
    assert "《信访工作条例》第二十三条" in text


def test_the_board_is_refused_to_handlers(client, tree):
    client.force_login(tree.township_handler)
    assert client.get("/supervision/").status_code == 403


def test_issuing_a_notice_records_it_starts_the_reply_clock_and_shows_on_the_units_workbench(client, tree, overdue):
    with time_machine.travel(TODAY, tick=False):
        client.force_login(tree.district_overseer)
        form = client.get(f"/supervision/new/{tree.township.pk}/").content.decode()
        assert "对转送交办事项提出异议" in form
        response = client.post(f"/supervision/new/{tree.township.pk}/",
                               {"message": "请于本周内办结逾期事项并报告。", "deadlines": [overdue.pk]})
        notice = SupervisionNotice.objects.get()
        assert response.status_code == 302 and response["Location"] == f"/supervision/{notice.pk}/"
        assert notice.org == tree.township and notice.issued_by_org == tree.district
        assert list(notice.deadlines.all()) == [overdue]
        entry = AuditEntry.objects.get(action="core.supervision_issue")
        assert entry.target_id == str(notice.pk)
        reply = Deadline.objects.get(target_type="core.supervisionnotice", target_id=str(notice.pk))
        assert reply.rule.code == "supervision.reply" and reply.due_on == D(2025, 3, 27)
        client.force_login(tree.township_head)
        text = client.get("/workbench/").content.decode()
        assert "甲区督办：请于本周内办结逾期事项并报告。" in text
        assert "已逾期10日" in text


def test_the_unit_answers_and_the_answer_is_recorded(client, tree, overdue):
    with time_machine.travel(TODAY, tick=False):
        notice = deadlines.issue_supervision(tree.township, by=tree.district_overseer, message="请报告",
                                             deadlines=[overdue])
        client.force_login(tree.township_head)
        assert client.get(f"/supervision/{notice.pk}/answer/").status_code == 405
        response = client.post(f"/supervision/{notice.pk}/answer/", {"answer": "已于3月20日办结并告知信访人。"})
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.status == SupervisionNotice.Status.ANSWERED
    assert notice.answered_by == tree.township_head and notice.answer.startswith("已于")
    assert AuditEntry.objects.filter(action="core.answer_supervision", target_id=str(notice.pk)).exists()
    reply = Deadline.objects.get(target_type="core.supervisionnotice", target_id=str(notice.pk))
    assert reply.status == Deadline.Status.MET
    client.force_login(tree.district_overseer)
    assert "已于3月20日办结" in client.get(f"/supervision/{notice.pk}/").content.decode()


def test_an_answered_notice_cannot_be_answered_again(client, tree, overdue):
    notice = deadlines.issue_supervision(tree.township, by=tree.district_overseer, message="请报告")
    deadlines.answer_supervision(notice, by=tree.township_head, answer="已办")
    client.force_login(tree.township_head)
    client.post(f"/supervision/{notice.pk}/answer/", {"answer": "再答"})
    notice.refresh_from_db()
    assert notice.answer == "已办"


def test_wrong_role_is_refused(client, tree, overdue):
    client.force_login(tree.township_handler)  # a handler cannot send 督办
    assert client.get(f"/supervision/new/{tree.township.pk}/").status_code == 403
    client.force_login(tree.township_head)  # nor can a head supervise their own unit
    assert client.post(f"/supervision/new/{tree.township.pk}/", {"message": "x"}).status_code == 403
    notice = deadlines.issue_supervision(tree.township, by=tree.district_overseer, message="请报告")
    client.force_login(tree.reviewer)  # a reviewer of the unit may read but not answer
    assert client.get(f"/supervision/{notice.pk}/").status_code == 200
    assert client.post(f"/supervision/{notice.pk}/answer/", {"answer": "x"}).status_code == 403
    assert not SupervisionNotice.objects.filter(status="answered").exists()


def test_another_units_items_answer_404(client, tree, overdue):
    notice = deadlines.issue_supervision(tree.township, by=tree.district_overseer, message="请报告")
    client.force_login(tree.other_handler)
    assert client.get(f"/supervision/{notice.pk}/").status_code == 404
    assert client.post(f"/supervision/{notice.pk}/answer/", {"answer": "x"}).status_code == 404
    assert client.get(f"/deadlines/{overdue.pk}/").status_code == 404
    from yifa.core.models import Membership, Role

    Membership.objects.create(user=tree.other_handler, org=tree.other_district, role=Role.OVERSEER)
    client.force_login(tree.other_handler)
    assert client.get(f"/supervision/new/{tree.township.pk}/").status_code == 404
    assert SupervisionNotice.objects.count() == 1


def test_an_empty_message_is_refused_in_chinese(client, tree, overdue):
    client.force_login(tree.district_overseer)
    response = client.post(f"/supervision/new/{tree.township.pk}/", {"message": ""})
    assert "这个字段是必填项" in response.content.decode()
    assert not SupervisionNotice.objects.exists()
