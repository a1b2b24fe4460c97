"""Staff pages of the yearly report: scope (404) → role (403) → one action → redirect."""

import pytest
from django.urls import reverse

from yifa.core.models import AuditEntry
from yifa.reports import actions
from yifa.reports.models import AnnualReport


def url(name, report=None):
    return reverse(f"reports:{name}", args=[report.pk] if report else [])


def test_the_handler_drafts_the_report_from_the_list(client, tree, today):
    client.force_login(tree.township_handler)
    page = client.get(url("list"))
    assert "按台账数据生成草稿" in page.content.decode()
    response = client.post(url("create"), {"year": 2025})
    report = AnnualReport.objects.get(org=tree.township, year=2025)
    assert response.status_code == 302 and response.url == report.get_absolute_url()
    detail = client.get(response.url).content.decode()
    assert "下载报告（.docx）" in detail and "尚无内容" in detail


def test_drafting_by_get_is_refused(client, tree, today):
    client.force_login(tree.township_handler)
    assert client.get(url("create")).status_code == 405


def test_a_reviewer_cannot_draft(client, tree, today):
    client.force_login(tree.reviewer)
    assert client.post(url("create"), {"year": 2025}).status_code == 403
    assert not AnnualReport.objects.exists()


def test_another_units_report_answers_404(client, draft, tree):
    for user in (tree.sibling_handler, tree.other_handler):
        client.force_login(user)
        for name in ("detail", "edit", "download"):
            assert client.get(url(name, draft)).status_code == 404
        assert client.post(url("finalize", draft)).status_code == 404


def test_the_overseer_above_sees_the_report_but_cannot_edit_it(client, draft, tree):
    client.force_login(tree.district_overseer)
    assert client.get(url("detail", draft)).status_code == 200
    assert client.get(url("edit", draft)).status_code == 403
    assert client.post(url("finalize", draft)).status_code == 403


def test_editing_the_narrative_rebuilds_the_document(client, draft, tree):
    client.force_login(tree.township_handler)
    data = {"title": draft.title, "intro": "", "narrative_measures": "", "narrative_first_responsible": "书记带头述法。",
            "narrative_shortcomings": "队伍薄弱。", "narrative_next_year": "加强培训。", "narrative_other": "无其他情况。"}
    response = client.post(url("edit", draft), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert "五、其他需要报告的情况\n无其他情况。" in draft.text


def test_only_the_head_signs_off(client, draft, tree):
    client.force_login(tree.township_handler)
    assert client.post(url("finalize", draft)).status_code == 403
    client.force_login(tree.township_head)
    assert client.get(url("finalize", draft)).status_code == 405
    assert client.post(url("finalize", draft)).status_code == 302
    draft.refresh_from_db()
    assert draft.status == AnnualReport.Status.FINAL
    assert client.post(url("finalize", draft)).status_code == 409


def test_finalizing_an_incomplete_report_names_the_missing_parts(client, tree, today):
    report = actions.draft_report(tree.township, 2025, by=tree.township_handler)
    client.force_login(tree.township_head)
    response = client.post(url("finalize", report))
    assert response.status_code == 400
    assert "存在的不足和原因" in response.content.decode()


def test_submit_return_and_publish_through_the_pages(client, final, tree):
    client.force_login(tree.township_head)
    assert client.post(url("submit", final)).status_code == 302
    client.force_login(tree.sibling_handler)
    assert client.post(url("return", final), {"reason": "x"}).status_code == 404
    client.force_login(tree.township_head)
    assert client.post(url("return", final), {"reason": "x"}).status_code == 403
    client.force_login(tree.district_overseer)
    assert client.post(url("return", final), {"reason": ""}).status_code == 400
    assert client.post(url("return", final), {"reason": "请补充原因分析"}).status_code == 302
    final.refresh_from_db()
    assert final.status == AnnualReport.Status.DRAFT
    client.force_login(tree.township_head)
    assert "请补充原因分析" in client.get(url("detail", final)).content.decode()
    actions.finalize(final, by=tree.township_head)
    assert client.post(url("publish", final), {"secrecy_checked_by": "王主任"}).status_code == 400  # no confirm
    assert client.post(url("publish", final), {"secrecy_checked_by": "王主任", "confirm": "on"}).status_code == 302
    final.refresh_from_db()
    assert final.status == AnnualReport.Status.PUBLISHED


def test_the_download_is_the_generated_docx(client, draft, tree):
    client.force_login(tree.township_handler)
    response = client.get(url("download", draft))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert b"".join(response.streaming_content)[:2] == b"PK"


def test_regenerating_from_the_page_is_audited(client, draft, tree):
    client.force_login(tree.township_handler)
    assert client.post(url("regenerate", draft)).status_code == 302
    assert AuditEntry.objects.filter(action="reports.regenerate", target_id=str(draft.pk)).exists()


@pytest.mark.parametrize("name", ["detail", "edit"])
def test_pages_need_a_login(client, draft, name):
    assert client.get(url(name, draft)).status_code == 302
