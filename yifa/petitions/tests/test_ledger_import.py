"""信访台账 import at scale, through the import page (core.imports): 10,000 rows saved in one go with an audit
entry each and the clocks of the open matters; the progress stream read line by line; in Chromium, the progress
bar and then the imported list."""

import datetime as dt
import io
import json

import pytest

from playwright.sync_api import expect
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from yifa.core import audit
from yifa.core.models import AuditEntry, Deadline
from yifa.core.testing import PASSWORD
from yifa.petitions.models import Petition

HEADERS = ["收到日期", "信访形式", "信访人", "事项摘要", "诉求、事实和理由", "事项类别", "办理状态", "告知日期", "处理意见",
           "处理意见及依据", "办结日期"]


def ledger(n: int, *, open_every: int = 10, bad_row: int | None = None) -> bytes:
    """``n`` matters received in 2025 (every ``open_every``-th still being handled), as an Excel file."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("信访台账")
    ws.append(HEADERS)
    for i in range(n):
        received = dt.date(2025, 1 + i % 4, 1 + i % 28)
        if i % open_every == 0:
            row = [received, "来访", f"群众{i}", f"反映事项{i}", "道路破损，请求维修。", "申诉求决类", "办理中",
                   received + dt.timedelta(days=5), None, None, None]
        else:
            row = [received, "来信", f"群众{i}", f"反映事项{i}", "道路破损，请求维修。", "申诉求决类", "已办结",
                   received + dt.timedelta(days=5), "支持", "已安排维修。", received + dt.timedelta(days=40)]
        if bad_row is not None and i + 2 == bad_row:
            row[0] = "2025-02-30"
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def stream(client, content: bytes):
    response = client.post(reverse("petitions:ledger_import"), {"file": SimpleUploadedFile("信访台账.xlsx", content)},
                           HTTP_ACCEPT="application/x-ndjson")
    assert response.streaming
    for chunk in response.streaming_content:
        for line in chunk.decode().splitlines():
            yield json.loads(line)


def test_ten_thousand_rows_are_saved_with_an_audit_entry_each_and_clocks_for_the_open_ones(tree, frozen, client):
    client.force_login(tree.township_handler)
    *progress, final = stream(client, ledger(10_000))
    assert final["ok"] is True and final["created"] == 10_000, final
    assert Petition.objects.filter(org=tree.township, imported=True).count() == 10_000
    assert AuditEntry.objects.filter(action="petitions.import_row").count() == 10_000
    assert AuditEntry.objects.filter(action="petitions.import_ledger").count() == 1
    open_ones = Petition.objects.filter(status=Petition.Status.ACCEPTED)
    assert open_ones.count() == 1000
    clocks = Deadline.objects.filter(target_type="petitions.petition", rule__code="petitions.handle",
                                     status=Deadline.Status.OPEN)
    assert clocks.count() == 1000
    assert AuditEntry.objects.filter(action="core.deadline_start").count() == 1000
    first = open_ones.order_by("pk").first()
    clock = clocks.get(target_id=str(first.pk))
    assert first.due_on == clock.due_on == dt.date(2025, 3, 7)  # accepted 2025-01-06, 60日 (信访工作条例 第三十四条)
    last = open_ones.order_by("pk").last()
    assert clocks.get(target_id=str(last.pk)).target_url == last.get_absolute_url()
    assert len(set(Petition.objects.values_list("number", flat=True))) == 10_000
    assert audit.verify_chain()[1] is None


def test_the_stream_gives_growing_progress_of_checking_then_saving_then_the_result(tree, frozen, client):
    client.force_login(tree.township_handler)
    lines = list(stream(client, ledger(3000)))
    *progress, final = lines
    assert {line["stage"] for line in progress} == {"check", "save"}
    checking = [line["done"] for line in progress if line["stage"] == "check"]
    saving = [line["done"] for line in progress if line["stage"] == "save"]
    assert checking == sorted(checking) and checking[-1] == 3000 and len(checking) >= 2
    assert saving == sorted(saving) and saving[-1] == 3000
    assert progress.index({"stage": "check", "done": 3000, "total": 3000}) < len(progress) - len(saving)
    assert final["ok"] is True and final["created"] == 3000 and final["message"] == "已导入 3000 条信访事项。"


def test_a_bad_row_among_a_thousand_saves_nothing_and_the_stream_names_row_and_column(tree, frozen, client):
    client.force_login(tree.township_handler)
    *_progress, final = stream(client, ledger(1000, bad_row=638))
    assert final["ok"] is False and final["count"] == 1
    assert final["errors"] == [{"row": 638, "column": "收到日期",
                                "message": "“2025-02-30”不是有效日期，请写成 2025-03-01 或 2025年3月1日。"}]
    assert not Petition.objects.exists() and not AuditEntry.objects.filter(action__startswith="petitions.").exists()


@pytest.mark.browser
def test_in_the_browser_the_upload_shows_its_progress_then_the_imported_list(page, tree):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", tree.township_handler.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/workbench/")
    page.goto("/petitions/ledger/import/")
    # Keep what the progress box shows, across the navigation to the list at the end.
    page.evaluate("""() => {
      const label = document.querySelector('[data-import-stage]'), bar = document.querySelector('.import-progress progress');
      new MutationObserver(() => {
        const seen = JSON.parse(sessionStorage.getItem('seen') || '[]');
        seen.push([label.textContent, bar.value]);
        sessionStorage.setItem('seen', JSON.stringify(seen));
      }).observe(label, {childList: true, characterData: true, subtree: true});
    }""")
    page.set_input_files("input[type=file]", files=[{"name": "信访台账.xlsx", "mimeType": "application/octet-stream",
                                                      "buffer": ledger(2500)}])
    page.get_by_role("button", name="上传并导入").click()
    expect(page.locator(".import-progress progress").first).to_be_visible()
    page.wait_for_url("**/petitions/?imported=1", timeout=60_000)
    page.get_by_text("已导入 2500 条信访事项。").wait_for()
    seen = json.loads(page.evaluate("sessionStorage.getItem('seen')"))
    labels = [label for label, _value in seen]
    assert any(label.startswith("正在校验第") for label in labels)
    assert any(label.startswith("正在保存") or label.startswith("全部无误") for label in labels)
    assert labels[-1].startswith("已导入 2500 条信访事项。")
    values = [value for _label, value in seen]
    assert values == sorted(values) and values[-1] == 100
    assert Petition.objects.count() == 2500
