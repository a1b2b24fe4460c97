"""The machine review from the UI: uploaded files and reports submitted from below, kept and audited."""

import io

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from yifa.core.models import Attachment, AuditEntry
from yifa.reports import actions
from yifa.reports.models import ReportReview
from yifa.reports.tests.annotations import FIXTURES

SEED_002 = FIXTURES / "seeds" / "002_045200239feb11ca.txt"


def upload(name, content, content_type="text/plain"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_the_overseer_uploads_a_report_and_sees_sections_figures_and_repetition(client, tree, today):
    client.force_login(tree.district_overseer)
    response = client.post(reverse("reports:review_upload"), {
        "file": upload("大盛镇.txt", SEED_002.read_bytes()), "org": tree.township.pk, "year": ""})
    reviewed = ReportReview.objects.get()
    assert response.status_code == 302 and response.url == reviewed.get_absolute_url()
    assert reviewed.year == 2023 and reviewed.source == ReportReview.Source.UPLOAD
    assert reviewed.text == SEED_002.read_text(encoding="utf-8")
    assert Attachment.objects.filter(pk=reviewed.file_id, sha256__isnull=False).exists()
    assert AuditEntry.objects.filter(action="reports.review", target_id=str(reviewed.pk)).exists()
    page = client.get(response.url).content.decode()
    assert page.count('id="fig-') == 10
    assert 'title="处理信访事项数：97件' in page
    assert page.count('title="重复段落1"') == 2
    assert "积极配合区政府创新优化法治化营商环境总体部署" in page
    assert "没有发现50字以上重复出现的段落" not in page


def test_a_docx_upload_is_read_paragraph_by_paragraph(client, tree, today):
    document = docx.Document()
    for line in ("XX镇2025年法治政府建设情况报告", "一、主要举措和成效", "全年受理矛盾纠纷12起，调解成功12起，成功率100%。"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    client.force_login(tree.township_head)
    response = client.post(reverse("reports:review_upload"), {
        "file": upload("报告.docx", buffer.getvalue(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        "org": tree.township.pk})
    reviewed = ReportReview.objects.get()
    assert response.status_code == 302
    assert [f["value"] for f in reviewed.result["figures"]] == [12, 12, 100]
    assert reviewed.missing_sections == ["党政主要负责人履行推进法治建设第一责任人职责情况", "存在的不足和原因", "下一年度工作安排"]
    # The township's register holds no disputes for 2025: the stated figures contradict it.
    assert {c["verdict"] for c in reviewed.crosscheck} <= {"mismatch", "no_data", "unavailable"}


def test_a_file_of_another_type_is_refused_with_a_message(client, tree, today):
    client.force_login(tree.district_overseer)
    response = client.post(reverse("reports:review_upload"), {
        "file": upload("报告.pdf", b"%PDF-1.4 ...", "application/pdf"), "org": tree.township.pk})
    assert response.status_code == 400
    assert "请上传 .docx 或 .txt 格式的报告" in response.content.decode()
    assert not ReportReview.objects.exists()


def test_a_unit_outside_the_users_scope_cannot_be_chosen(client, tree, today):
    client.force_login(tree.township_head)
    response = client.post(reverse("reports:review_upload"), {
        "file": upload("a.txt", "一、主要举措和成效".encode()), "org": tree.sibling.pk})
    assert response.status_code == 400
    assert not ReportReview.objects.exists()


def test_the_overseer_reviews_a_report_submitted_from_below(client, submitted, tree):
    client.force_login(tree.district_overseer)
    assert client.get(reverse("reports:review", args=[submitted.pk])).status_code == 405
    response = client.post(reverse("reports:review", args=[submitted.pk]))
    reviewed = ReportReview.objects.get()
    assert response.url == reviewed.get_absolute_url()
    assert reviewed.report == submitted and reviewed.source == ReportReview.Source.SUBMITTED
    assert reviewed.missing_sections == []
    assert AuditEntry.objects.filter(action="reports.review", target_id=str(submitted.pk)).exists()
    assert "与台账核对" in client.get(response.url).content.decode()


def test_a_sibling_cannot_review_or_see_the_review(client, submitted, tree):
    reviewed = actions.review_report(submitted, by=tree.district_overseer)
    client.force_login(tree.sibling_handler)
    assert client.post(reverse("reports:review", args=[submitted.pk])).status_code == 404
    assert client.get(reverse("reports:review_detail", args=[reviewed.pk])).status_code == 404


def test_passages_copied_from_another_units_report_are_listed(client, draft, tree):
    paragraph = ("街道坚持和发展新时代“枫桥经验”，整合人民调解、行政调解、司法调解力量，建立矛盾纠纷排查预警、"
                 "分级化解和跟踪回访机制，推动矛盾纠纷就地化解、源头化解。")
    actions.edit_narrative(draft, by=tree.township_handler, narrative_measures=paragraph)
    text = f"西镇2025年度法治政府建设情况报告\n一、主要举措和成效\n我镇{paragraph[2:]}\n"
    client.force_login(tree.district_overseer)
    client.post(reverse("reports:review_upload"), {"file": upload("西镇.txt", text.encode()), "org": tree.sibling.pk})
    reviewed = ReportReview.objects.get()
    assert [p["other_org"] for p in reviewed.shared] == ["东街道"]
    assert reviewed.shared[0]["text"].startswith("坚持和发展新时代")
    page = client.get(reviewed.get_absolute_url()).content.decode()
    assert "同见于东街道《东街道关于2025年度法治政府建设情况的报告》" in page


def test_the_platforms_own_opening_is_not_a_copied_passage(client, draft, tree):
    from yifa.reports.builder import default_intro

    text = "西镇2025年度法治政府建设情况报告\n" + default_intro(tree.sibling, 2025)
    client.force_login(tree.district_overseer)
    client.post(reverse("reports:review_upload"), {"file": upload("西镇.txt", text.encode()), "org": tree.sibling.pk})
    assert ReportReview.objects.get().shared == []


def test_the_review_list_offers_the_reports_submitted_from_below(client, submitted, tree):
    client.force_login(tree.district_overseer)
    page = client.get(reverse("reports:review_list")).content.decode()
    assert "下级报送的报告" in page and submitted.title in page
