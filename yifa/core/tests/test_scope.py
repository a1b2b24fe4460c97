"""Data scope: a township user never sees a sibling township's records; a district overseer sees all below."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from yifa.core import attachments, audit
from yifa.core.models import Attachment, AuditEntry, Org, Role
from yifa.core.scope import can_see_org, has_role_over, roles_over
from yifa.core.testing import make_user


def _upload(org, by, name="笔录.txt"):
    return attachments.attach(SimpleUploadedFile(name, "询问笔录".encode()), org=org, by=by)


def test_township_user_sees_own_subtree_only(tree):
    visible = set(Org.objects.visible_to(tree.township_handler))
    assert visible == {tree.township, tree.village}


def test_district_overseer_sees_every_unit_below(tree):
    visible = set(Org.objects.visible_to(tree.district_overseer))
    assert visible == {tree.district, tree.township, tree.village, tree.sibling}


def test_sibling_township_object_answers_404(tree, client):
    theirs = _upload(tree.sibling, tree.sibling_handler)
    client.force_login(tree.township_handler)
    response = client.get(reverse("core:attachment_download", args=[theirs.pk]))
    assert response.status_code == 404
    assert "不在您的数据范围内" in response.content.decode()


def test_own_object_downloads(tree, client):
    mine = _upload(tree.village, tree.township_handler)
    client.force_login(tree.township_handler)
    response = client.get(reverse("core:attachment_download", args=[mine.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == "询问笔录".encode()


def test_lists_show_nothing_of_a_sibling(tree, client):
    _upload(tree.sibling, tree.sibling_handler, name="西镇材料.txt")
    _upload(tree.township, tree.township_handler, name="东街材料.txt")
    assert [a.original_name for a in Attachment.objects.visible_to(tree.township_handler)] == ["东街材料.txt"]
    client.force_login(tree.township_head)
    page = client.get(reverse("core:audit_list")).content.decode()
    assert "东街材料.txt" in page
    assert "西镇材料.txt" not in page


def test_overseer_sees_both_townships_in_lists(tree):
    _upload(tree.sibling, tree.sibling_handler)
    _upload(tree.township, tree.township_handler)
    assert Attachment.objects.visible_to(tree.district_overseer).count() == 2
    assert Attachment.objects.visible_to(tree.other_handler).count() == 0


def test_roles_are_inherited_down_the_tree_not_up(tree):
    assert roles_over(tree.district_overseer, tree.village) == {Role.OVERSEER}
    assert not has_role_over(tree.township_handler, tree.district, Role.HANDLER)
    assert can_see_org(tree.admin, tree.other_township)
    assert not can_see_org(tree.other_handler, tree.township)


def test_audit_entries_are_scoped_by_the_actors_unit(tree, django_db_blocker):
    from django.db import transaction

    with transaction.atomic():
        audit.record("core.comment", tree.sibling, by=tree.sibling_handler, note="西镇的记录")
    assert AuditEntry.objects.visible_to(tree.township_head).filter(note="西镇的记录").count() == 0
    assert AuditEntry.objects.visible_to(tree.district_overseer).filter(note="西镇的记录").count() == 1


def test_user_without_membership_sees_nothing(db):
    loner = make_user("loner")
    assert Org.objects.visible_to(loner).count() == 0
