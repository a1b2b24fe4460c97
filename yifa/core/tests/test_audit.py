"""The audit chain: entries are written inside actions, and verify_audit catches tampering."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from yifa.core import audit
from yifa.core.models import AuditEntry


def _write(tree, n=5):
    for i in range(n):
        with transaction.atomic():
            audit.record("core.comment", tree.township, by=tree.township_handler, note=f"第{i}条",
                         changes={"i": [None, i]})


def test_it_chains_each_entry_to_the_previous(tree):
    _write(tree, 3)
    entries = list(AuditEntry.objects.order_by("seq"))
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    for before, after in zip(entries, entries[1:]):
        assert after.prev_hash == before.entry_hash
    assert entries[-1].actor_name == "handler"
    assert entries[-1].actor_org == tree.township


def test_verify_audit_passes_on_an_intact_chain(tree, capsys):
    _write(tree)
    call_command("verify_audit")
    assert "审计链完整" in capsys.readouterr().out


def test_verify_audit_names_a_changed_entry(tree):
    _write(tree)
    victim = AuditEntry.objects.get(note="第2条")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET note = %s WHERE id = %s", ["改过的说明", victim.pk])
    with pytest.raises(CommandError) as error:
        call_command("verify_audit")
    assert f"第 {victim.seq} 条" in str(error.value)
    assert "已被改动" in str(error.value)


def test_verify_audit_names_a_deleted_entry(tree):
    _write(tree)
    victim = AuditEntry.objects.get(note="第1条")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [victim.pk])
    with pytest.raises(CommandError) as error:
        call_command("verify_audit")
    assert f"第 {victim.seq} 条记录缺失" in str(error.value)


def test_verify_audit_notices_the_last_entry_removed(tree):
    _write(tree)
    last = AuditEntry.objects.order_by("-seq").first()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [last.pk])
    with pytest.raises(CommandError) as error:
        call_command("verify_audit")
    assert "链尾不符" in str(error.value)


def test_verify_audit_notices_a_rehashed_forgery(tree):
    """Rewriting an entry and its own hash still breaks the link to the next entry."""
    _write(tree)
    victim = AuditEntry.objects.get(note="第2条")
    victim.note = "伪造"
    forged_hash = audit.content_hash(victim)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET note = %s, entry_hash = %s WHERE id = %s",
                       ["伪造", forged_hash, victim.pk])
    with pytest.raises(CommandError) as error:
        call_command("verify_audit")
    assert f"第 {victim.seq + 1} 条记录的前序哈希不符" in str(error.value)


def test_entries_cannot_be_changed_or_deleted_through_the_orm(tree):
    _write(tree, 1)
    entry = AuditEntry.objects.first()
    entry.note = "x"
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        entry.delete()


@pytest.mark.django_db(transaction=True)
def test_record_outside_a_transaction_is_refused():
    from yifa.core.testing import build_tree

    tree = build_tree()
    with pytest.raises(RuntimeError):
        audit.record("core.comment", tree.township, by=tree.township_handler)


def test_an_entry_rolls_back_with_its_action(tree):
    before = AuditEntry.objects.count()
    with pytest.raises(ValueError):
        with transaction.atomic():
            audit.record("core.comment", tree.township, by=tree.township_handler)
            raise ValueError("动作失败")
    assert AuditEntry.objects.count() == before
    call_command("verify_audit")
