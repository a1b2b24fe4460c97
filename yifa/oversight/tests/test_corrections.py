"""更正登记信息: typos are fixed through an audited action that keeps the clock's dates untouched."""

import datetime as dt

from django.urls import reverse

from yifa.core.models import AuditEntry
from yifa.oversight.models import RespondentCase, Suggestion


def test_correcting_a_suggestion_records_what_changed(make_suggestion, tree, client):
    s = make_suggestion()
    client.force_login(tree.township_handler)
    response = client.post(reverse("oversight:suggestion_correct", args=[s.pk]), {
        "serial_no": "第12号", "session": s.session, "title": "关于增设公共停车泊位和充电桩的建议", "proposer": "王建平",
        "assigned_by": s.assigned_by})
    assert response.status_code == 302
    s.refresh_from_db()
    assert s.title == "关于增设公共停车泊位和充电桩的建议" and s.due_on == dt.date(2025, 6, 10)
    entry = AuditEntry.objects.get(action="oversight.correct_suggestion")
    assert entry.changes == {"title": ["关于增设公共停车泊位的建议", "关于增设公共停车泊位和充电桩的建议"]}
    assert "标题" in entry.note


def test_correcting_a_case_keeps_its_receipt_date(make_case, tree, client):
    case = make_case()
    client.force_login(tree.township_head)
    client.post(reverse("oversight:case_correct", args=[case.pk]), {
        "case_no": "甲政复〔2025〕16号", "body": case.body, "claimant": case.claimant, "act_category": "coercion",
        "disputed_act": case.disputed_act})
    case.refresh_from_db()
    assert case.case_no == "甲政复〔2025〕16号" and case.received_on == dt.date(2025, 9, 26)


def test_correction_is_refused_to_a_reviewer_and_outside_the_unit(make_suggestion, make_case, tree, client):
    s = make_suggestion()
    theirs = make_case(org=tree.sibling, by=tree.sibling_handler)
    client.force_login(tree.reviewer)
    assert client.post(reverse("oversight:suggestion_correct", args=[s.pk]), {"title": "x"}).status_code == 403
    client.force_login(tree.township_handler)
    assert client.get(reverse("oversight:case_correct", args=[theirs.pk])).status_code == 404
    assert Suggestion.objects.get().title == "关于增设公共停车泊位的建议"
    assert RespondentCase.objects.get().case_no == "甲政复〔2025〕15号"
