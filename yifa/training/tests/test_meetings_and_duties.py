"""专题会议/述法 (第一责任人) and the 谁执法谁普法 duty list: recorded through audited actions."""

import datetime as dt

from django.urls import reverse

from yifa.core.models import AuditEntry
from yifa.training import actions
from yifa.training.models import DutyItem, LeadershipMeeting


def test_a_leadership_meeting_on_the_rule_of_law_is_recorded(tree, client):
    client.force_login(tree.township_head)
    response = client.post(reverse("training:meeting_create"), {
        "kind": "party", "held_on": "2025-03-01", "chaired_by": "王志强", "principal_chaired": "on",
        "topics": "研究部署年度法治政府建设工作", "decisions": "印发工作要点"})
    assert response.status_code == 302
    meeting = LeadershipMeeting.objects.get()
    assert meeting.org == tree.township and meeting.principal_chaired
    assert AuditEntry.objects.filter(action="training.record_meeting", target_id=str(meeting.pk)).exists()


def test_a_reviewer_cannot_record_a_meeting(tree, client):
    client.force_login(tree.reviewer)
    assert client.get(reverse("training:meeting_create")).status_code == 403


def test_the_duty_list_shows_what_each_department_held_this_year(tree, client):
    actions.add_duty(by=tree.township_handler, org=tree.township, year=2025, department="综合行政执法队",
                     laws="《城乡规划法》", audience="沿街商户", measures="以案释法")
    actions.add_duty(by=tree.township_handler, org=tree.township, year=2025, department="平安办",
                     laws="《反电信网络诈骗法》", audience="老年人", measures="进社区")
    actions.record_activity(by=tree.township_handler, org=tree.township, theme="违法建设以案释法",
                            department="综合行政执法队", held_on=dt.date(2025, 5, 1), audience=80)
    client.force_login(tree.township_handler)
    page = client.get(reverse("training:duty_list") + "?year=2025").content.decode()
    assert "1场，受众80人次" in page and "尚未开展" in page


def test_editing_a_duty_item_is_audited_with_its_changes(tree, client):
    item = actions.add_duty(by=tree.township_handler, org=tree.township, year=2025, department="司法所",
                            laws="《民法典》", audience="居民", measures="宣传月")
    client.force_login(tree.township_handler)
    client.post(reverse("training:duty_edit", args=[item.pk]), {
        "year": "2025", "department": "司法所", "laws": "《民法典》《人民调解法》", "audience": "居民",
        "measures": "宣传月", "active": "on"})
    entry = AuditEntry.objects.get(action="training.update_duty")
    assert entry.changes["laws"] == ["《民法典》", "《民法典》《人民调解法》"]


def test_another_units_duty_item_answers_404(tree, client):
    item = actions.add_duty(by=tree.sibling_handler, org=tree.sibling, year=2025, department="司法所", laws="x",
                            audience="y", measures="z")
    client.force_login(tree.township_handler)
    assert client.get(reverse("training:duty_edit", args=[item.pk])).status_code == 404
    assert DutyItem.objects.visible_to(tree.township_handler).count() == 0
