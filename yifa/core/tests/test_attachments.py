"""Attachments: size and type limits, SHA-256 recorded, content never overwritten."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from yifa.core.attachments import attach, attachments_of, verify_file
from yifa.core.models import AuditEntry

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_it_stores_the_file_with_its_hash_and_uploader(tree):
    a = attach(SimpleUploadedFile("现场检查笔录.pdf", PDF), org=tree.township, by=tree.township_handler,
               target=tree.township, description="现场检查")
    assert a.sha256 == hashlib.sha256(PDF).hexdigest()
    assert a.size == len(PDF) and a.content_type == "application/pdf"
    assert a.uploaded_by_name == "handler"
    assert verify_file(a)
    assert list(attachments_of(tree.township)) == [a]
    assert AuditEntry.objects.get(action="core.attach").changes["sha256"] == [None, a.sha256]


def test_the_same_bytes_twice_share_one_file_that_is_never_rewritten(tree):
    first = attach(SimpleUploadedFile("a.pdf", PDF), org=tree.township, by=tree.township_handler)
    path = default_storage.path(first.stored_name)
    mtime = default_storage.get_modified_time(first.stored_name)
    second = attach(SimpleUploadedFile("b.pdf", PDF), org=tree.township, by=tree.township_handler)
    assert second.stored_name == first.stored_name
    assert default_storage.get_modified_time(first.stored_name) == mtime
    with open(path, "rb") as fh:
        assert fh.read() == PDF


def test_a_changed_file_on_disk_is_detected(tree):
    a = attach(SimpleUploadedFile("a.pdf", PDF), org=tree.township, by=tree.township_handler)
    with open(default_storage.path(a.stored_name), "ab") as fh:
        fh.write(b"tampered")
    assert not verify_file(a)


@pytest.mark.parametrize("name, content, message", [
    ("virus.exe", b"MZ...", "不支持的文件类型"),
    ("fake.pdf", b"MZ not a pdf", "文件内容与扩展名 .pdf 不符"),
    ("empty.pdf", b"", "文件是空的"),
])
def test_it_refuses_bad_files_in_chinese(tree, name, content, message):
    with pytest.raises(ValidationError) as error:
        attach(SimpleUploadedFile(name, content), org=tree.township, by=tree.township_handler)
    assert message in error.value.messages[0]
    assert not AuditEntry.objects.filter(action="core.attach").exists()


def test_it_refuses_files_over_the_size_limit(tree, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("big.txt", b"x" * (1024 * 1024 + 1))
    with pytest.raises(ValidationError) as error:
        attach(big, org=tree.township, by=tree.township_handler)
    assert "文件过大" in error.value.messages[0]
