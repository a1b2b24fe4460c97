import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from yifa.core.models import AuditEntry

from .. import actions, warnings
from ..models import EarlyWarning
from .helpers import TODAY, party

pytestmark = pytest.mark.django_db


def kinds(case):
    return sorted(case.early_warnings.values_list("kind", flat=True))


def test_a_party_seen_in_another_open_case_is_flagged(w):
    first = w.case()
    second = w.case(title="张三与王五借款纠纷", parties=[party("张三"), party("王五", "respondent", address="")])
    assert kinds(second) == ["repeat_address", "repeat_party"]  # 张三's address is the same too
    warning = second.early_warnings.get(kind="repeat_party")
    assert first.number in warning.detail and "张三（身份证号330502" in warning.detail
    assert AuditEntry.objects.filter(action="mediation.raise_warning", target_id=str(second.pk)).exists()


def test_parties_of_another_township_are_not_compared(w):
    w.case(org=w.tree.sibling)
    assert kinds(w.case()) == []


def test_the_same_address_is_flagged(w):
    w.case(location="东街道幸福路18号3单元", parties=[party("甲")])
    other = w.case(location="东街道幸福路18号3单元", parties=[party("乙")])
    assert kinds(other) == ["repeat_address"]


def test_risk_words_are_flagged_with_their_kind(w):
    case = w.case(description="李四扬言要报复，张三说不想活了。")
    warning = case.early_warnings.get()
    assert warning.kind == "risk_words"
    assert "扬言威胁、自伤自杀" in warning.detail and "扬言" in warning.detail and "不想活" in warning.detail


def test_a_large_group_is_flagged(w):
    assert kinds(w.case(people_involved=25, parties=[party("代表甲")])) == ["risk_words"]


def test_a_case_past_its_target_is_flagged_once(w, time_machine):
    case = w.case("mediating")
    time_machine.move_to(dt.datetime(2025, 4, 14, 9, 0))
    assert warnings.scan_overdue(today=dt.date(2025, 4, 14)) == 1
    assert warnings.scan(today=dt.date(2025, 4, 14)) == 0
    warning = case.early_warnings.get()
    assert warning.kind == "overdue" and "2025年4月10日已过 4 天" in warning.detail and "第三十三条" in warning.detail


def test_the_head_marks_a_warning_handled_and_it_is_audited(client, w):
    case = w.case(description="工人们说要集体上访。")
    warning = case.early_warnings.get()
    url = reverse("mediation:warning_handle", args=[warning.pk])
    client.force_login(w.mediator_user)
    assert client.post(url, {f"w{warning.pk}-note": "已处理"}).status_code == 403
    client.force_login(w.tree.sibling_handler)
    assert client.post(url, {f"w{warning.pk}-note": "已处理"}).status_code == 404
    client.force_login(w.tree.township_head)
    assert client.get(url).status_code == 405
    page = client.get(reverse("mediation:warning_list")).content.decode()
    assert "集体上访" in page and "标记已处理" in page
    response = client.post(url, {f"w{warning.pk}-note": "已约谈工人代表，报告派出所。"})
    assert response.status_code == 302
    warning.refresh_from_db()
    assert warning.status == "handled" and warning.handled_by == w.tree.township_head and warning.handled_on == TODAY
    entry = AuditEntry.objects.get(action="mediation.handle_warning")
    assert entry.note == "已约谈工人代表，报告派出所。" and entry.actor == w.tree.township_head
    response = client.post(url, {f"w{warning.pk}-note": "再次处理"}, follow=True)
    assert "不能执行“标记已处理”" in response.content.decode()
    assert AuditEntry.objects.filter(action="mediation.handle_warning").count() == 1


def test_handling_needs_a_note(w):
    warning = w.case(description="扬言报复。").early_warnings.get()
    with pytest.raises(ValidationError, match="请写明处理情况"):
        actions.handle_warning(warning, by=w.tree.township_head, note="")
    assert EarlyWarning.objects.get(pk=warning.pk).status == "open"


def test_a_rescan_raises_nothing_twice(client, w):
    w.case(description="扬言报复。")
    client.force_login(w.tree.township_head)
    response = client.post(reverse("mediation:warning_scan"), follow=True)
    assert "新增预警 0 条" in response.content.decode()
    assert EarlyWarning.objects.count() == 1
