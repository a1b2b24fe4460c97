"""Attachments: evidence files kept by SHA-256, size- and type-checked, never overwritten."""

import hashlib
import os
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction

from . import audit
from .models import Attachment, Org

# Leading bytes of the binary types we accept; a file whose content contradicts
# its extension is refused (a renamed .exe is not a .pdf).
MAGIC = {
    "pdf": [b"%PDF"],
    "png": [b"\x89PNG\r\n\x1a\n"],
    "jpg": [b"\xff\xd8\xff"],
    "jpeg": [b"\xff\xd8\xff"],
    "docx": [b"PK\x03\x04"],
    "xlsx": [b"PK\x03\x04"],
    "ofd": [b"PK\x03\x04"],
    "doc": [b"\xd0\xcf\x11\xe0"],
    "xls": [b"\xd0\xcf\x11\xe0"],
    "wav": [b"RIFF"],
    "mp3": [b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"],
}
CONTENT_TYPES = {
    "pdf": "application/pdf", "ofd": "application/ofd", "png": "image/png", "jpg": "image/jpeg",
    "jpeg": "image/jpeg", "doc": "application/msword", "xls": "application/vnd.ms-excel",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "txt": "text/plain", "mp3": "audio/mpeg", "wav": "audio/wav", "mp4": "video/mp4",
}


def check_upload(uploaded) -> str:
    """Validate size and type; returns the lower-case extension. Raises ValidationError in Chinese."""
    name = os.path.basename(uploaded.name or "")
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = settings.ATTACHMENT_EXTENSIONS
    if ext not in allowed:
        raise ValidationError(f"不支持的文件类型“.{ext or '无扩展名'}”。允许的类型：{'、'.join(allowed)}。")
    if uploaded.size == 0:
        raise ValidationError("文件是空的，请重新选择。")
    limit = settings.ATTACHMENT_MAX_BYTES
    if uploaded.size > limit:
        raise ValidationError(f"文件过大（{uploaded.size / 1048576:.1f} MB），单个文件不能超过 {limit // 1048576} MB。")
    head = uploaded.read(16)
    uploaded.seek(0)
    signatures = MAGIC.get(ext)
    if ext == "mp4" and head[4:8] != b"ftyp":
        raise ValidationError("文件内容与扩展名 .mp4 不符。")
    if signatures and not any(head.startswith(sig) for sig in signatures):
        raise ValidationError(f"文件内容与扩展名 .{ext} 不符。")
    return ext


@transaction.atomic
def attach(uploaded, *, org: Org, by, target=None, description: str = "") -> Attachment:
    """Store ``uploaded`` as an attachment of ``target`` in ``org``; records audit ``core.attach``.

    Content is stored once under its hash: the same bytes uploaded twice share
    one stored file, and a stored file is never written again.
    """
    ext = check_upload(uploaded)
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    sha = digest.hexdigest()
    uploaded.seek(0)
    stored_name = f"attachments/{sha[:2]}/{sha}.{ext}"
    if not default_storage.exists(stored_name):
        saved = default_storage.save(stored_name, uploaded)
        if saved != stored_name:  # the storage chose another name: a racing upload of the same bytes won
            default_storage.delete(saved)
    target_type, target_id, _ = audit.target_label(target)
    attachment = Attachment.objects.create(
        org=org, target_type=target_type, target_id=target_id, original_name=os.path.basename(uploaded.name)[:255],
        stored_name=stored_name, size=uploaded.size, content_type=CONTENT_TYPES.get(ext, "application/octet-stream"),
        sha256=sha, description=description, uploaded_by=by, uploaded_by_name=getattr(by, "display_name", str(by)),
    )
    audit.record("core.attach", target or attachment, by=by, org=None,
                 note=f"上传附件 {attachment.original_name}（SHA-256 {sha[:16]}…）",
                 changes={"attachment": [None, attachment.pk], "sha256": [None, sha]})
    return attachment


def attachments_of(obj):
    target_type, target_id, _ = audit.target_label(obj)
    return Attachment.objects.filter(target_type=target_type, target_id=target_id)


def verify_file(attachment: Attachment) -> bool:
    """Recompute the stored file's hash: True when it still matches what was recorded at upload."""
    path = Path(default_storage.path(attachment.stored_name))
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest() == attachment.sha256
