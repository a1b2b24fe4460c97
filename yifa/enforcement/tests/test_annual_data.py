"""年度行政执法数据 (国办发〔2018〕118号: 每年1月31日前公开上年度行政执法总体情况和有关统计数据).

One record per unit and year, opened with its clock; drafted from the registers, reviewed, published by the
负责人 as a frozen snapshot with its .docx; withdrawn or corrected with the reason; shown on the workbench,
the 督办 board and the portal.
"""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from docx import Document

from yifa.enforcement import actions
from yifa.enforcement.models import AnnualData
from yifa.enforcement.workbench import items

from .helpers import TODAY, audit_actions, deadline, file

S = AnnualData.Status
SHANGHAI = ZoneInfo("Asia/Shanghai")


def opened(w) -> AnnualData:
    actions.open_due_annual_data()
    return AnnualData.objects.get(org=w.org, year=2025)


def published(w) -> AnnualData:
    file(w, days_ago=100)  # 2025年11月22日
    record = opened(w)
    actions.prepare_annual_data(record, by=w.handler)
    return actions.publish_annual_data(record, by=w.head, review_note="已核对")


def url(record, name):
    return reverse("enforcement:annual_action", args=[record.pk, name])


def public(record):
    return reverse("enforcement_public:yearly_data") + f"?year={record.year}&unit={record.org_id}"


def docx_text(attachment) -> str:
    with default_storage.open(attachment.stored_name, "rb") as handle:
        doc = Document(io.BytesIO(handle.read()))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_the_daily_deadline_scan_opens_last_years_record_and_clock_for_every_enforcement_unit(w):
    out = io.StringIO()
    call_command("scan_deadlines", stdout=out)
    assert "新起算2个单位" in out.getvalue()
    records = AnnualData.objects.filter(year=2025)
    assert {r.org for r in records} == {w.org, w.tree.sibling}  # the district has no officers, powers or cases
    record = records.get(org=w.org)
    assert record.status == S.PENDING and audit_actions(record) == ["enforcement.open_annual_data"]
    clock = deadline(record, "enforcement.annual_data")
    assert clock.started_on == dt.date(2025, 12, 31) and clock.due_on == dt.date(2026, 1, 31)
    assert clock.status == "open" and clock.basis == "国办发〔2018〕118号（执法数据公开）" and clock.rule.is_local
    call_command("scan_deadlines", "--date", "2026-01-02", stdout=io.StringIO())
    assert AnnualData.objects.filter(year=2025).count() == 2


def test_the_workbench_opens_it_on_first_need_and_shows_it_overdue_with_its_citation(w, client):
    mine = [i for i in items(w.handler) if "年度行政执法数据" in i.title]
    assert [i.title for i in mine] == ["东街道2025年度行政执法数据"]
    assert mine[0].due_on == dt.date(2026, 1, 31) and "国办发〔2018〕118号" in mine[0].basis
    assert mine[0].state.startswith("待编制")
    assert list(AnnualData.objects.values_list("org__name", flat=True)) == ["东街道"]  # only the user's unit
    client.force_login(w.handler)
    page = client.get(reverse("core:workbench")).content.decode()
    assert "东街道2025年度行政执法数据" in page and "已逾期30日" in page and "国办发〔2018〕118号" in page
    client.force_login(w.tree.district_overseer)
    board = client.get(reverse("core:supervision_board")).content.decode()
    assert "东街道2025年度行政执法数据" in board and "国办发〔2018〕118号（执法数据公开）" in board


def test_the_list_page_shows_each_record_with_its_deadline(w, client):
    client.force_login(w.head)
    page = client.get(reverse("enforcement:annual_list")).content.decode()
    assert "2025年度" in page and "东街道" in page and "待编制" in page and "2026年1月31日" in page
    assert "本地设定" in page
    client.force_login(w.tree.other_handler)
    assert "东街道" not in client.get(reverse("enforcement:annual_list")).content.decode()


def test_the_handler_drafts_from_the_registers_and_the_draft_is_kept_as_a_docx(w, client):
    file(w, days_ago=100)
    file(w, days_ago=5)  # 2026: not in the 2025 figures
    record = opened(w)
    client.force_login(w.handler)
    response = client.post(url(record, "prepare"), {"note": "本年度新增城市管理领域执法事项。"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == S.DRAFT and record.figures["cases_filed"]["count"] == 1
    assert record.prepared_by == w.handler and record.computed_at is not None
    assert "办理行政处罚案件1件" in "".join(record.sentences)
    assert record.document.original_name == "东街道2025年度行政执法数据（草稿）.docx"
    text = docx_text(record.document)
    assert "草稿" in text and "本年度新增城市管理领域执法事项。" in text and "行政处罚案件（件）" in text
    assert audit_actions(record)[-1] == "enforcement.prepare_annual_data"
    page = client.get(reverse("enforcement:annual_detail", args=[record.pk])).content.decode()
    assert "数据草稿" in page and "审核公开（负责人）" not in page  # the handler drafts; the head publishes


def test_the_head_publishes_a_frozen_snapshot_and_the_clock_completes(w, client):
    file(w, days_ago=100)
    record = opened(w)
    actions.prepare_annual_data(record, by=w.handler)
    client.force_login(w.head)
    assert client.post(url(record, "publish"), {"review_note": "已核对，同意公开"}).status_code == 302
    record.refresh_from_db()
    assert record.status == S.PUBLISHED and record.published_on == TODAY and record.version == 1
    assert record.published_by == w.head and record.review_note == "已核对，同意公开"
    clock = deadline(record, "enforcement.annual_data")
    assert clock.status == "late" and clock.completed_on == TODAY  # published after 1月31日
    assert audit_actions(record)[-1] == "enforcement.publish_annual_data"
    text = docx_text(record.document)
    assert "草稿" not in text and "2026年3月2日" in text and "东街道2025年度行政执法数据" in text

    file(w, days_ago=90, cause="补录的2025年案件")  # the register changes after publication
    client.logout()
    page = client.get(public(record)).content.decode()
    assert "2026年3月2日公开" in page and "办理行政处罚案件1件" in page and "办理行政处罚案件2件" not in page
    download = client.get(reverse("enforcement_public:yearly_data_download", args=[record.pk]))
    assert download.status_code == 200
    doc = Document(io.BytesIO(b"".join(download.streaming_content)))
    assert doc.paragraphs[0].text == "东街道2025年度行政执法数据"
    listing = client.get(reverse("enforcement_public:yearly_data")).content.decode()
    assert "东街道" in listing and "2026年3月2日" in listing


def test_publishing_by_31_january_meets_the_deadline(w):
    with time_machine.travel(dt.datetime(2026, 1, 20, 10, tzinfo=SHANGHAI), tick=False):
        record = opened(w)
        actions.prepare_annual_data(record, by=w.handler)
        actions.publish_annual_data(record, by=w.head)
    assert deadline(record, "enforcement.annual_data").status == "met"


def test_the_portal_says_when_nothing_is_published(w, client):
    record = opened(w)
    actions.prepare_annual_data(record, by=w.handler)  # a draft is not public
    page = client.get(reverse("enforcement_public:yearly_data")).content.decode()
    assert "2025年度行政执法数据尚未公开" in page
    page = client.get(public(record)).content.decode()
    assert "东街道尚未公开2025年度行政执法数据" in page and "行政处罚案件（件）" not in page
    assert client.get(reverse("enforcement_public:yearly_data_download", args=[record.pk])).status_code == 404


def test_withdrawing_takes_it_off_the_portal_with_the_reason(w, client):
    record = published(w)
    client.force_login(w.head)
    assert client.post(url(record, "withdraw"), {"reason": "罚没款金额统计有误"}).status_code == 302
    record.refresh_from_db()
    assert record.status == S.WITHDRAWN and record.withdrawn_on == TODAY
    assert audit_actions(record)[-1] == "enforcement.withdraw_annual_data"
    client.logout()
    page = client.get(public(record)).content.decode()
    assert "已于2026年3月2日撤回：罚没款金额统计有误" in page and "办理行政处罚案件" not in page
    assert client.get(reverse("enforcement_public:yearly_data_download", args=[record.pk])).status_code == 404


def test_a_correction_archives_the_published_version_and_republishes_as_version_two(w, client):
    record = published(w)
    first_document = record.document
    file(w, days_ago=90, cause="漏统计的案件")
    client.force_login(w.head)
    assert client.post(url(record, "correct"), {"reason": "漏统计一件案件"}).status_code == 302
    record.refresh_from_db()
    assert record.status == S.DRAFT and record.figures["cases_filed"]["count"] == 2
    assert record.history[0]["version"] == 1 and record.history[0]["reason"] == "漏统计一件案件"
    assert record.history[0]["document"] == first_document.pk
    assert audit_actions(record)[-1] == "enforcement.correct_annual_data"
    assert "正在更正（漏统计一件案件）" in client.get(public(record)).content.decode()
    actions.publish_annual_data(record, by=w.head)
    record.refresh_from_db()
    assert record.version == 2 and record.document != first_document
    page = client.get(public(record)).content.decode()
    assert "更正后第2版" in page and "漏统计一件案件" in page and "办理行政处罚案件2件" in page
    assert "更正后第2版" in docx_text(record.document)


def test_a_year_not_yet_over_cannot_be_drafted(w):
    record = actions.open_annual_data(w.org, 2026)
    with pytest.raises(Exception, match="2026年度尚未结束"):
        actions.prepare_annual_data(record, by=w.handler)
    record.refresh_from_db()
    assert record.status == S.PENDING


def test_withdrawing_or_correcting_needs_a_reason(w, client):
    record = published(w)
    client.force_login(w.head)
    for name in ("withdraw", "correct"):
        response = client.post(url(record, name), {"reason": ""})
        assert response.status_code == 200 and "这个字段是必填项" in response.content.decode()
    record.refresh_from_db()
    assert record.status == S.PUBLISHED


DATA = {"prepare": {"note": ""}, "publish": {"review_note": ""}, "withdraw": {"reason": "有误"},
        "correct": {"reason": "有误"}}


@pytest.mark.parametrize("name", sorted(DATA))
def test_get_is_refused(w, client, name):
    record = opened(w)
    client.force_login(w.head)
    assert client.get(url(record, name)).status_code == 405


@pytest.mark.parametrize("name", sorted(DATA))
def test_another_units_users_get_404(w, client, name):
    record = opened(w)
    for user in (w.tree.sibling_handler, w.tree.other_handler):
        client.force_login(user)
        assert client.post(url(record, name), DATA[name]).status_code == 404
        assert client.get(reverse("enforcement:annual_detail", args=[record.pk])).status_code == 404


@pytest.mark.parametrize("name", sorted(DATA))
def test_a_wrong_role_gets_403(w, client, name):
    record = opened(w)
    users = (w.reviewer_user, w.tree.district_overseer) if name == "prepare" else (w.handler, w.reviewer_user)
    for user in users:
        client.force_login(user)
        assert client.post(url(record, name), DATA[name]).status_code == 403, user
    record.refresh_from_db()
    assert record.status == S.PENDING


WRONG_STATE = {
    "publish": ("pending", "不能执行“审核公开”"),
    "withdraw": ("draft", "不能执行“撤回公开”"),
    "correct": ("draft", "不能执行“更正”"),
    "prepare": ("published", "不能执行“生成（刷新）数据草稿”"),
}


@pytest.mark.parametrize("name", sorted(WRONG_STATE))
def test_a_wrong_state_is_refused_and_nothing_changes(w, client, name):
    state, words = WRONG_STATE[name]
    record = published(w) if state == "published" else opened(w)
    if state == "draft":
        actions.prepare_annual_data(record, by=w.handler)
    client.force_login(w.head)
    response = client.post(url(record, name), DATA[name], follow=True)
    assert words in response.content.decode()
    record.refresh_from_db()
    assert record.status == state
