"""Sessions read with their user: one query for the session, the user and their 任职, and every check Django makes on a
session still made (revocation, password change, inactive accounts, tampering)."""

import pytest
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, reverse_lazy

from yifa.core.backends import SessionStore
from yifa.core.models import Membership, Org, Role

PAGE = reverse_lazy("password_change")


def _session_row(client) -> Session:
    return Session.objects.get(session_key=client.cookies["sessionid"].value)


def _signed_in_as(client):
    response = client.get(PAGE)
    assert response.status_code == 200
    return response.wsgi_request.user


def test_a_page_reads_the_session_the_user_and_their_units_in_one_query(tree, client):
    client.force_login(tree.township_handler)
    _signed_in_as(client)  # the first page after signing in renews the session's expiry (a write)
    with CaptureQueriesContext(connection) as queries:
        user = _signed_in_as(client)
    assert len(queries) == 1
    first = queries.captured_queries[0]["sql"]
    assert "django_session" in first and "core_membership" in first and "core_user" in first
    others = [q["sql"] for q in queries.captured_queries[1:]]
    assert not any("core_membership" in sql or "django_session" in sql for sql in others)
    assert user == tree.township_handler
    assert [(m.org.name, m.role) for m in user.all_memberships] == [("东街道", Role.HANDLER)]
    assert user.active_membership.org == tree.township


def test_units_come_in_path_order_and_inactive_units_are_left_out(tree, client):
    user = tree.township_handler
    Membership.objects.create(user=user, org=tree.city, role=Role.OVERSEER)
    closed = Org.objects.create(name="撤并镇", kind=Org.Kind.TOWNSHIP, parent=tree.district, is_active=False)
    Membership.objects.create(user=user, org=closed, role=Role.HANDLER)
    client.force_login(user)
    signed_in = _signed_in_as(client)
    assert [m.org.name for m in signed_in.all_memberships] == ["测试市", "东街道"]
    assert len({id(m.user) for m in signed_in.all_memberships}) == 1  # one user object, not one per row


def test_a_user_without_a_unit_signs_in_with_no_memberships(tree, client):
    from yifa.core.testing import make_user

    loner = make_user("loner")
    client.force_login(loner)
    assert _signed_in_as(client).all_memberships == []


def test_a_session_deleted_elsewhere_ends_at_once(tree, client):
    """Logging out in one worker deletes the row: no other worker keeps the session (nothing is cached)."""
    client.force_login(tree.township_handler)
    _signed_in_as(client)
    _session_row(client).delete()
    response = client.get(PAGE)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_password_changed_elsewhere_ends_the_session(tree, client):
    client.force_login(tree.township_handler)
    _signed_in_as(client)
    tree.township_handler.set_password("Another#Pass2027")
    tree.township_handler.save()
    response = client.get(PAGE)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_deactivated_account_is_signed_out(tree, client):
    client.force_login(tree.township_handler)
    _signed_in_as(client)
    tree.township_handler.is_active = False
    tree.township_handler.save()
    assert client.get(PAGE).status_code == 302


def test_the_user_id_in_clear_is_only_a_hint(tree, client):
    """Pointing the row's hint at another user reads that user, but the verified session data decides who signs in."""
    client.force_login(tree.township_handler)
    row = _session_row(client)
    assert row.session_data.startswith(f"yj1:{tree.township_handler.pk}:")
    row.session_data = row.session_data.replace(f"yj1:{tree.township_handler.pk}:", f"yj1:{tree.admin.pk}:", 1)
    row.save()
    user = _signed_in_as(client)
    assert user == tree.township_handler and [m.org for m in user.all_memberships] == [tree.township]


def test_altered_session_data_signs_out(tree, client):
    client.force_login(tree.township_handler)
    row = _session_row(client)
    row.session_data = row.session_data.replace(f'"_auth_user_id":"{tree.township_handler.pk}"',
                                                f'"_auth_user_id":"{tree.admin.pk}"')
    row.save()
    response = client.get(PAGE)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_sessions_in_djangos_own_format_are_still_read(tree, client, settings):
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    old = DjangoSessionStore()
    old[SESSION_KEY] = str(tree.township_handler.pk)
    old[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    old[HASH_SESSION_KEY] = tree.township_handler.get_session_auth_hash()
    old.create()
    client.cookies["sessionid"] = old.session_key
    user = _signed_in_as(client)
    assert user == tree.township_handler and [m.org for m in user.all_memberships] == [tree.township]


@pytest.mark.parametrize("data", ["", "yj1::", "yj1:12x:abc", "yj1:99999999999999999999:abc", "junk"])
def test_malformed_session_rows_are_an_empty_session(db, data):
    Session.objects.create(session_key="k" * 32, session_data=data,
                           expire_date="2999-01-01T00:00:00Z")
    store = SessionStore("k" * 32)
    assert store.load() == {} and store.prefetched_user is None


def test_an_anonymous_session_keeps_its_data_without_a_user(db):
    store = SessionStore()
    store["font"] = "l"
    store.create()
    again = SessionStore(store.session_key)
    assert again.load() == {"font": "l"} and again.prefetched_user is None
