"""卷宗材料: papers of the case kept by hash, audited, for those handling it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from yifa.core.attachments import attachments_of
from yifa.core.models import AuditEntry

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload(name="协议书签署件.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_a_signed_agreement_scan_is_kept_with_the_case(client, w):
    case = w.case("agreed")
    client.force_login(w.mediator_user)
    url = reverse("mediation:attachment_add", args=[case.pk])
    response = client.post(url, {"file-kind": "调解协议书（签署件）", "file-note": "三方签字盖章", "file-file": upload()})
    assert response.status_code == 302
    (attachment,) = attachments_of(case)
    assert attachment.description == "调解协议书（签署件）：三方签字盖章" and attachment.org == w.tree.township
    assert AuditEntry.objects.filter(action="core.attach", target_id=str(case.pk)).exists()
    page = client.get(reverse("mediation:case_detail", args=[case.pk])).content.decode()
    assert "协议书签署件.pdf" in page and attachment.sha256[:16] in page


def test_a_file_whose_content_contradicts_its_name_is_refused(client, w):
    case = w.case("agreed")
    client.force_login(w.mediator_user)
    response = client.post(reverse("mediation:attachment_add", args=[case.pk]),
                           {"file-kind": "其他材料", "file-file": upload("x.pdf", b"MZ not a pdf")})
    assert response.status_code == 200 and "文件内容与扩展名 .pdf 不符" in response.content.decode()
    assert not attachments_of(case).exists()


def test_uploading_is_for_those_handling_the_case(client, w):
    case = w.case("agreed")
    url = reverse("mediation:attachment_add", args=[case.pk])
    data = lambda: {"file-kind": "其他材料", "file-file": upload()}  # noqa: E731
    client.force_login(w.mediator_user)
    assert client.get(url).status_code == 405
    client.force_login(w.tree.district_overseer)
    assert client.post(url, data()).status_code == 403
    assert "卷宗材料" not in client.get(reverse("mediation:case_detail", args=[case.pk])).content.decode()
    client.force_login(w.tree.sibling_handler)
    assert client.post(url, data()).status_code == 404
    assert not attachments_of(case).exists()
