import datetime as dt

from django.urls import reverse

from yifa.core import deadlines
from yifa.core.models import AuditEntry
from yifa.normative_docs import actions, indicators
from yifa.normative_docs.models import Filing

from .conftest import D, at, commented, post, published, reviewed

YEAR = (D(2025, 1, 1), D(2025, 12, 31))


def deliberated(draft, tree):
    reviewed(commented(draft, tree), tree)
    actions.deliberate(draft, by=tree.township_handler, body="主任办公会议", held_on=D(2025, 1, 27), minutes="通过")
    return draft


def test_registration_gives_the_units_number(client, tree, draft):
    deliberated(draft, tree)
    url = reverse("normative_docs:register", args=[draft.pk])
    client.force_login(tree.township_handler)
    assert client.get(url).status_code == 405
    assert post(client, tree.reviewer, url, {"registered_on": "2025-03-03"}).status_code == 403
    assert post(client, tree.sibling_handler, url, {"registered_on": "2025-03-03"}).status_code == 404
    assert post(client, tree.township_handler, url, {"registered_on": "2025-03-03"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "registered" and draft.number == "东街规〔2025〕1号"
    assert post(client, tree.township_handler, url, {"registered_on": "2025-03-03"}).status_code == 409


def test_publication_sets_validity_and_starts_the_filing_clock(client, tree, draft):
    deliberated(draft, tree)
    actions.register(draft, by=tree.township_handler, registered_on=D(2025, 2, 28))
    url = reverse("normative_docs:publish", args=[draft.pk])
    data = {"published_on": "2025-03-03", "effective_on": "2025-04-01", "channel": "区政府网站", "validity_months": ""}
    assert post(client, tree.reviewer, url, data).status_code == 403
    response = post(client, tree.township_handler, url, {**data, "validity_months": "72"})
    assert response.status_code == 400 and "有效期一般不超过60个月" in response.content.decode()
    assert post(client, tree.township_handler, url, data).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "published" and draft.validity_months == 60 and draft.expires_on == D(2030, 3, 31)
    filing_clock = next(d for d in deadlines.of(draft) if d.rule.code == "normative.filing")
    assert filing_clock.due_on == D(2025, 4, 2)
    cleanup_clock = deadlines.of(tree.township)[0]
    assert cleanup_clock.rule.code == "normative.cleanup" and cleanup_clock.due_on == D(2027, 3, 3)
    page = client.get(reverse("normative_docs:public_library")).content.decode()
    assert "东街规〔2025〕1号" in page and "有效" in page


def test_filing_on_time(client, tree, live_doc):
    url = reverse("normative_docs:file", args=[live_doc.pk])
    data = {"filed_on": "2025-03-03", "report": "现报送备案。"}
    client.force_login(tree.township_handler)
    assert client.get(url).status_code == 405
    assert post(client, tree.reviewer, url, data).status_code == 403
    assert post(client, tree.sibling_handler, url, data).status_code == 404
    assert post(client, tree.township_handler, url, data).status_code == 302
    filing = Filing.objects.get()
    assert filing.on_time and filing.filed_to == tree.district and filing.due_on == D(2025, 3, 12)
    assert AuditEntry.objects.filter(action="normative_docs.file").exists()
    assert post(client, tree.township_handler, url, data).status_code == 409


def test_late_filing_lowers_the_timeliness_figure(tree, draft, today):
    second = actions.create_document(org=tree.township, by=tree.township_handler, title="第二件", basis="依据",
                                     draft_text="正文", drafting_notes="说明")
    third = actions.create_document(org=tree.township, by=tree.township_handler, title="第三件", basis="依据",
                                    draft_text="正文", drafting_notes="说明")
    published(draft, tree, on=D(2025, 1, 28))
    published(second, tree, on=D(2025, 1, 29))
    published(third, tree, on=D(2025, 2, 10))
    actions.file(draft, by=tree.township_handler, filed_on=D(2025, 2, 20), report="报备")
    late = actions.file(second, by=tree.township_handler, filed_on=D(2025, 3, 3), report="报备")
    assert not late.on_time and late.due_on == D(2025, 2, 28)
    assert indicators.published([tree.township], YEAR) == 3
    assert str(indicators.filing_rate([tree.township], YEAR)) == "66.7"
    assert str(indicators.filing_on_time_rate([tree.township], YEAR)) == "50.0"


def test_the_filing_report_and_official_text_open_as_docx(client, tree, live_doc):
    import io

    from docx import Document

    filing = actions.file(live_doc, by=tree.township_handler, report="现报送备案，请予审查。")
    client.force_login(tree.district_overseer)
    report = Document(io.BytesIO(client.get(reverse("normative_docs:filing_docx", args=[filing.pk])).content))
    text = "\n".join(p.text for p in report.paragraphs)
    assert "关于报送《东街道文明养犬管理规定》备案的报告" in text and "甲区人民政府：" in text
    assert "东街规〔2025〕1号" in text and "合法性审核意见书" in text
    official = Document(io.BytesIO(client.get(reverse("normative_docs:text_docx", args=[live_doc.pk])).content))
    text = "\n".join(p.text for p in official.paragraphs)
    assert "东街道文件" in text and "东街规〔2025〕1号" in text and "第一条 为规范养犬行为" in text
    assert "有效期至2030年2月9日" in text


def test_overdue_filings_show_on_the_document(client, tree, live_doc):
    with at(2025, 3, 20):
        client.force_login(tree.township_handler)
        page = client.get(reverse("normative_docs:document_detail", args=[live_doc.pk])).content.decode()
    assert "规范性文件报备" in page and "已逾期" in page
    assert dt.date(2025, 3, 12) == next(d for d in deadlines.of(live_doc) if d.rule.code == "normative.filing").due_on
