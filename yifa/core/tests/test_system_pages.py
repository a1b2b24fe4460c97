"""系统管理 pages: org tree, accounts and roles — scoped, audited, all-or-nothing."""

from django.urls import reverse

from yifa.core.models import AuditEntry, Membership, Org, Role, User
from yifa.core.testing import make_user


def _township_admin(tree):
    return make_user("t-admin", tree.township, Role.ADMIN)


def test_admin_creates_a_unit_under_a_unit_in_scope(tree, client):
    client.force_login(tree.admin)
    response = client.post(reverse("core:org_create"), {
        "name": "北街道", "short_name": "北街", "kind": "subdistrict", "parent": tree.district.pk,
        "division_code": "", "sort_order": 0, "is_active": "on"})
    assert response.status_code == 302
    org = Org.objects.get(name="北街道")
    assert org.path.startswith(tree.district.path)
    assert AuditEntry.objects.filter(action="core.create_org", target_id=str(org.pk)).exists()


def test_bad_unit_input_gets_chinese_errors_and_saves_nothing(tree, client):
    client.force_login(tree.admin)
    response = client.post(reverse("core:org_create"), {
        "name": "错村", "kind": "village", "parent": tree.city.pk, "sort_order": 0})
    assert response.status_code == 200
    assert "村的上级只能是" in response.content.decode()
    assert not Org.objects.filter(name="错村").exists()
    assert not AuditEntry.objects.filter(action="core.create_org").exists()


def test_a_township_admin_cannot_touch_a_sibling_unit(tree, client):
    client.force_login(_township_admin(tree))
    assert client.get(reverse("core:org_edit", args=[tree.sibling.pk])).status_code == 404
    listing = client.get(reverse("core:org_list")).content.decode()
    assert "东街道" in listing and "西镇" not in listing
    response = client.post(reverse("core:org_create"), {
        "name": "越权村", "kind": "village", "parent": tree.sibling.pk, "sort_order": 0})
    assert response.status_code == 200  # the sibling is not a choice
    assert not Org.objects.filter(name="越权村").exists()


def test_non_admins_are_refused_system_pages(tree, client):
    client.force_login(tree.township_handler)
    for name in ["core:org_list", "core:user_list", "core:user_create", "core:login_log"]:
        assert client.get(reverse(name)).status_code == 403, name


def test_admin_opens_an_account_that_must_change_its_password(tree, client):
    client.force_login(tree.admin)
    response = client.post(reverse("core:user_create"), {
        "username": "wang.new", "full_name": "王新", "phone": "13800001111", "org": tree.township.pk,
        "role": "mediator", "title": "调委会委员", "password": "Initial#2026"})
    assert response.status_code == 302
    user = User.objects.get(username="wang.new")
    assert user.must_change_password
    assert Membership.objects.get(user=user).role == Role.MEDIATOR
    entry = AuditEntry.objects.get(action="core.create_user")
    assert entry.actor == tree.admin and entry.target_id == str(user.pk)


def test_weak_initial_password_is_refused_and_nothing_saved(tree, client):
    client.force_login(tree.admin)
    response = client.post(reverse("core:user_create"), {
        "username": "weak", "full_name": "弱", "org": tree.township.pk, "role": "handler", "password": "weak"})
    assert response.status_code == 200
    assert "密码太短" in response.content.decode()
    assert not User.objects.filter(username="weak").exists()


def test_duplicate_username_is_refused_in_chinese(tree, client):
    client.force_login(tree.admin)
    response = client.post(reverse("core:user_create"), {
        "username": "HANDLER", "full_name": "重名", "org": tree.township.pk, "role": "handler",
        "password": "Initial#2026"})
    assert "该用户名已被使用" in response.content.decode()


def test_township_admin_cannot_see_a_sibling_user(tree, client):
    client.force_login(_township_admin(tree))
    assert client.get(reverse("core:user_detail", args=[tree.sibling_handler.pk])).status_code == 404
    listing = client.get(reverse("core:user_list")).content.decode()
    assert "handler" in listing and "sibling" not in listing


def test_admin_resets_a_password_and_forces_a_change(tree, client):
    client.force_login(tree.admin)
    response = client.post(reverse("core:user_reset_password", args=[tree.township_handler.pk]),
                           {"password": "Reset#Pass77"})
    assert response.status_code == 302
    tree.township_handler.refresh_from_db()
    assert tree.township_handler.must_change_password
    assert AuditEntry.objects.filter(action="core.reset_password").exists()
    assert client.get(reverse("core:user_reset_password", args=[tree.township_handler.pk])).status_code == 405


def test_admin_adds_and_removes_a_role(tree, client):
    client.force_login(tree.admin)
    url = reverse("core:user_detail", args=[tree.township_handler.pk])
    client.post(url, {"form": "membership", "org": tree.village.pk, "role": "mediator", "title": ""})
    membership = Membership.objects.get(user=tree.township_handler, org=tree.village)
    client.post(url, {"form": "remove", "membership": membership.pk})
    assert not Membership.objects.filter(pk=membership.pk).exists()
    actions = list(AuditEntry.objects.order_by("seq").values_list("action", flat=True))
    assert actions[-2:] == ["core.add_membership", "core.remove_membership"]


def test_unit_switcher_changes_the_acting_unit(tree, client):
    Membership.objects.create(user=tree.township_handler, org=tree.sibling, role=Role.HANDLER)
    client.force_login(tree.township_handler)
    page = client.get(reverse("core:workbench")).content.decode()
    assert 'id="unit-switch"' in page
    sibling_membership = Membership.objects.get(user=tree.township_handler, org=tree.sibling)
    response = client.post(reverse("core:switch_unit"), {"membership": sibling_membership.pk, "next": "/workbench/"})
    assert response.status_code == 302
    page = client.get(reverse("core:workbench")).content.decode()
    assert f'value="{sibling_membership.pk}" selected' in page


def test_unit_switcher_refuses_someone_elses_membership(tree, client):
    other = Membership.objects.get(user=tree.sibling_handler)
    client.force_login(tree.township_handler)
    assert client.post(reverse("core:switch_unit"), {"membership": other.pk}).status_code == 404


def test_audit_log_is_for_heads_overseers_and_admins(tree, client):
    client.force_login(tree.township_handler)
    assert client.get(reverse("core:audit_list")).status_code == 403
    client.force_login(tree.district_overseer)
    assert client.get(reverse("core:audit_list")).status_code == 200
