from django.urls import reverse

from yifa.core import deadlines
from yifa.core.models import AuditEntry
from yifa.normative_docs import actions, indicators, report

from .conftest import D, at, post

CORRECTION = {"problem": "第八条设定罚款，超越权限。", "requirement": "删除第八条，并报告纠正情况。"}


def filed(doc, tree):
    return actions.file(doc, by=tree.township_handler, filed_on=D(2025, 3, 3), report="报备")


def test_the_district_overseer_passes_a_filing(client, tree, live_doc):
    filing = filed(live_doc, tree)
    url = reverse("normative_docs:filing_pass", args=[filing.pk])
    client.force_login(tree.district_overseer)
    assert client.get(url).status_code == 405
    assert post(client, tree.township_handler, url, {"opinion": "通过"}).status_code == 403
    assert post(client, tree.other_handler, url, {"opinion": "通过"}).status_code == 404
    assert post(client, tree.district_overseer, url, {"opinion": "经审查未发现问题，予以备案。"}).status_code == 302
    filing.refresh_from_db()
    assert filing.status == "passed" and filing.reviewed_by == tree.district_overseer
    assert post(client, tree.district_overseer, url, {"opinion": "再次"}).status_code == 409


def test_a_correction_answered_late_shows_as_overdue(client, tree, live_doc):
    filing = filed(live_doc, tree)
    correct = reverse("normative_docs:filing_correct", args=[filing.pk])
    assert post(client, tree.township_head, correct, CORRECTION).status_code == 403
    assert post(client, tree.district_overseer, correct, CORRECTION).status_code == 302
    filing.refresh_from_db()
    assert filing.status == "correction" and filing.correction_due_on == D(2025, 3, 18)
    assert AuditEntry.objects.filter(action="normative_docs.order_correction").exists()
    with at(2025, 3, 25):
        client.force_login(tree.township_handler)
        page = client.get(reverse("normative_docs:filing_detail", args=[filing.pk])).content.decode()
        assert "已逾期7日" in page
        listing = client.get(reverse("normative_docs:filing_list")).content.decode()
        assert "已逾期" in listing
        clock = next(d for d in deadlines.of(filing) if d.rule.code == "normative.correction")
        assert clock.is_overdue
        answer = reverse("normative_docs:filing_answer", args=[filing.pk])
        assert client.get(answer).status_code == 405
        assert post(client, tree.district_overseer, answer, {"answer_kind": "amended", "answer": "x"}).status_code == 403
        assert post(client, tree.sibling_handler, answer, {"answer_kind": "amended", "answer": "x"}).status_code == 404
        assert post(client, tree.township_handler, answer,
                    {"answer_kind": "amended", "answer": "已删除第八条，重新公布。"}).status_code == 302
        filing.refresh_from_db()
        assert filing.status == "answered" and filing.answered_late
        assert deadlines.of(filing)[0].status == "late"
        page = client.get(reverse("normative_docs:filing_detail", args=[filing.pk])).content.decode()
        assert "逾期报告" in page and "逾期完成" in page
        live_doc.refresh_from_db()
        assert live_doc.validity == "amended"
        assert post(client, tree.township_handler, answer, {"answer_kind": "amended", "answer": "x"}).status_code == 409
        actions.pass_review(filing, by=tree.district_overseer, opinion="纠正到位。")
    period = (D(2025, 1, 1), D(2025, 12, 31))
    assert indicators.corrections([tree.district], period) == 1
    assert indicators.corrections([tree.sibling], period) == 0
    lines = report.sentences([tree.district], period)
    assert "审查报备的规范性文件1件，发现问题并责令纠正1件，做到有件必备、有备必审、有错必纠。" in lines


def test_the_overseer_of_another_district_cannot_see_the_filing(client, tree, live_doc):
    from yifa.core.models import Role
    from yifa.core.testing import make_user

    stranger = make_user("other_overseer", tree.other_district, Role.OVERSEER)
    filing = filed(live_doc, tree)
    assert post(client, stranger, reverse("normative_docs:filing_correct", args=[filing.pk]), CORRECTION).status_code == 404
    client.force_login(stranger)
    assert live_doc.title not in client.get(reverse("normative_docs:filing_list")).content.decode()
