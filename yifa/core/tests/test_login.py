"""Sign-in: lockout after repeated failures, no user enumeration, login log, forced change, idle expiry."""

import datetime as dt

import time_machine
from django.urls import reverse
from django.utils import timezone

from yifa.core.models import AuditEntry, LoginAttempt
from yifa.core.testing import PASSWORD, make_user

LOGIN = "/accounts/login/"


def _post(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_it_signs_in_and_lands_on_the_workbench(tree, client):
    response = _post(client, "handler", PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("core:workbench")
    attempt = LoginAttempt.objects.get()
    assert (attempt.username, attempt.outcome, attempt.ip) == ("handler", "success", "127.0.0.1")


def test_wrong_password_and_unknown_user_get_the_same_answer(tree, client):
    wrong = _post(client, "handler", "Nope#12345").content.decode()
    unknown = _post(client, "nobody-here", "Nope#12345").content.decode()
    assert "用户名或密码错误" in wrong
    strip = lambda html: html.split('name="csrfmiddlewaretoken"')[0]  # noqa: E731
    assert strip(wrong).replace("handler", "") == strip(unknown).replace("nobody-here", "")
    assert list(LoginAttempt.objects.values_list("outcome", flat=True)) == ["failure", "failure"]


def test_five_failures_lock_the_name_for_fifteen_minutes(tree, client):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        for _ in range(5):
            _post(client, "handler", "Wrong#Pass1")
        response = _post(client, "handler", PASSWORD)
        assert "登录失败次数过多" in response.content.decode()
        assert "_auth_user_id" not in client.session
        traveller.shift(dt.timedelta(minutes=14))
        assert "登录失败次数过多" in _post(client, "handler", PASSWORD).content.decode()
        traveller.shift(dt.timedelta(minutes=1, seconds=1))
        assert _post(client, "handler", PASSWORD).status_code == 302
    outcomes = list(LoginAttempt.objects.order_by("at", "id").values_list("outcome", flat=True))
    assert outcomes == ["failure"] * 5 + ["locked", "locked", "success"]


def test_unknown_names_lock_too_so_nothing_is_revealed(db, client):
    for _ in range(5):
        _post(client, "ghost", "Wrong#Pass1")
    assert "登录失败次数过多" in _post(client, "ghost", "Wrong#Pass1").content.decode()


def test_old_failures_do_not_add_up_to_a_lock(tree, client):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        for _ in range(4):
            _post(client, "handler", "Wrong#Pass1")
        traveller.shift(dt.timedelta(minutes=16))
        _post(client, "handler", "Wrong#Pass1")
        assert _post(client, "handler", PASSWORD).status_code == 302


def test_a_success_resets_the_count(tree, client):
    for _ in range(4):
        _post(client, "handler", "Wrong#Pass1")
    assert _post(client, "handler", PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    for _ in range(4):
        _post(client, "handler", "Wrong#Pass1")
    assert _post(client, "handler", PASSWORD).status_code == 302


def test_inactive_accounts_get_the_generic_answer(tree, client):
    tree.township_handler.is_active = False
    tree.township_handler.save()
    assert "用户名或密码错误" in _post(client, "handler", PASSWORD).content.decode()


def test_an_idle_session_expires_after_thirty_minutes(tree, client):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        _post(client, "handler", PASSWORD)
        traveller.shift(dt.timedelta(minutes=29))
        assert client.get(reverse("core:workbench")).status_code == 200
        traveller.shift(dt.timedelta(minutes=29))  # activity renewed the session
        assert client.get(reverse("core:workbench")).status_code == 200
        traveller.shift(dt.timedelta(minutes=31))
        response = client.get(reverse("core:workbench"))
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_admin_created_accounts_must_change_their_password_first(tree, client):
    user = make_user("newbie", tree.township, must_change_password=True)
    client.force_login(user)
    response = client.get(reverse("core:workbench"))
    assert response.status_code == 302
    assert response.url == reverse("password_change")
    response = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "Fresh#Start9", "new_password2": "Fresh#Start9"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.must_change_password and user.check_password("Fresh#Start9")
    assert client.get(reverse("core:workbench")).status_code == 200
    assert AuditEntry.objects.filter(action="core.change_password", target_id=str(user.pk)).exists()


def test_password_change_enforces_the_rules_in_chinese(tree, client):
    client.force_login(tree.township_handler)
    cases = [
        ("short1A", "至少需要 8 个字符"),
        ("alllowercase", "至少 3 类"),
        ("Handler#2026", "不能包含用户名"),
    ]
    for password, message in cases:
        response = client.post(reverse("password_change"), {
            "old_password": PASSWORD, "new_password1": password, "new_password2": password})
        assert response.status_code == 200
        assert message in response.content.decode(), password
    tree.township_handler.refresh_from_db()
    assert tree.township_handler.check_password(PASSWORD)


def test_logout_needs_post(tree, client):
    client.force_login(tree.township_handler)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get(reverse("core:workbench")).status_code == 302


def test_next_parameter_cannot_redirect_off_site(tree, client):
    response = client.post(LOGIN + "?next=https://evil.example/", {"username": "handler", "password": PASSWORD,
                                                                    "next": "https://evil.example/"})
    assert response.url == reverse("core:workbench")
