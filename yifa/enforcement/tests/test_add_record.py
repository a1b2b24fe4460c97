"""全过程记录: 笔录 with two certified officers, files hashed and kept, 查封扣押 only with audio/video."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from yifa.core.attachments import attachments_of, verify_file
from yifa.enforcement.models import CaseRecord

from .helpers import audit_actions, file, photo, record, video


def test_a_site_record_with_a_photo_is_kept_and_hashed(w):
    case = file(w)
    upload = photo()
    content = upload.read()
    upload.seek(0)
    rec = record(w, case, upload=upload)
    assert rec.attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert verify_file(rec.attachment)
    assert list(attachments_of(case)) == [rec.attachment]
    assert audit_actions(case)[-1] == "enforcement.add_record"


def test_a_record_is_never_replaced_a_second_upload_adds_a_second_record(w):
    case = file(w)
    record(w, case, upload=photo("现场照片.png"), title="第一次")
    record(w, case, upload=photo("现场照片.png"), title="更正")
    assert case.records.count() == 2
    assert len({r.attachment.stored_name for r in case.records.all()}) == 1  # same bytes, one stored file


def test_an_inquiry_record_needs_two_certified_officers(w):
    case = file(w)
    with pytest.raises(ValidationError, match="第四十二条"):
        record(w, case, kind="inquiry", officers=[w.officer])
    with pytest.raises(ValidationError, match="吴过期"):
        record(w, case, kind="inquiry", officers=[w.officer, w.expired])


def test_seizure_cannot_be_recorded_without_audio_or_video(w):
    case = file(w)
    with pytest.raises(ValidationError) as error:
        record(w, case, kind="measure", measure=CaseRecord.Measure.SEIZE, title="扣押财物", upload=photo())
    assert "全程音像记录" in error.value.messages[0] and "国办发〔2018〕118号" in error.value.messages[0]
    rec = record(w, case, kind="measure", measure=CaseRecord.Measure.SEIZE, title="扣押财物", upload=video())
    assert rec.is_av


def test_evidence_needs_its_kind(w):
    case = file(w)
    with pytest.raises(ValidationError, match="第四十六条"):
        record(w, case, kind="evidence", title="发票")


def test_preservation_cannot_be_recorded_as_a_plain_measure_without_the_heads_approval(w):
    case = file(w)
    for measure in (CaseRecord.Measure.PRESERVE, CaseRecord.Measure.PRESERVE_DECISION):
        with pytest.raises(ValidationError, match="第五十六条"):
            record(w, case, kind="measure", measure=measure, title="先行登记保存")
    assert not case.records.exists()


def test_the_form_uploads_the_file(w, client):
    case = file(w)
    client.force_login(w.handler)
    response = client.post(reverse("enforcement:case_action", args=[case.pk, "record"]), {
        "stage": "investigation", "kind": "site", "title": "现场检查笔录", "occurred_at": "2026-02-20T10:00",
        "content": "检查情况", "officers": [w.officer.pk, w.partner.pk], "file": photo(),
    })
    assert response.status_code == 302
    assert case.records.get().attachment.original_name == "现场照片.png"


def test_a_colleague_not_on_the_case_gets_403(w, client):
    case = file(w)
    client.force_login(w.colleague)
    response = client.post(reverse("enforcement:case_action", args=[case.pk, "record"]), {})
    assert response.status_code == 403
