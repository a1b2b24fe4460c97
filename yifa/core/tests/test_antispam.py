"""The public forms' guards: honeypot, signed render time, per-address limit by a salted hash."""

import datetime as dt

import pytest
import time_machine
from django import forms
from django.core import signing
from django.test import RequestFactory

from yifa.core import antispam
from yifa.core.models.security import LoginAttempt

T0 = dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


class Letter(antispam.HoneypotForm):
    body = forms.CharField(label="内容")


class Comment(antispam.AntiSpamForm):
    body = forms.CharField(label="您的意见")


def test_the_honeypot_sits_off_screen_with_the_hidden_fields():
    form = Letter()
    assert [f.name for f in form.visible_fields()] == ["body"]
    (hidden,) = form.hidden_fields()
    html = str(hidden)
    assert html.startswith('<div class="hp" aria-hidden="true">')
    assert 'type="text"' in html and 'name="website"' in html and 'tabindex="-1"' in html
    assert 'autocomplete="off"' in html and "请勿填写" in html


def test_a_filled_honeypot_marks_a_robot_and_public_data_leaves_the_guards_out():
    robot = Letter({"body": "x", "website": "http://spam.example"})
    person = Letter({"body": "路灯坏了"})
    assert robot.is_valid() and antispam.is_robot(robot)
    assert person.is_valid() and not antispam.is_robot(person)
    assert person.public_data() == {"body": "路灯坏了"}


def test_a_form_sent_back_at_once_is_refused_and_one_read_first_passes():
    with time_machine.travel(T0, tick=False):
        token = Comment().initial["form_token"]
        fast = Comment({"body": "意见", "form_token": token})
        assert not fast.is_valid() and fast.non_field_errors() == [antispam.TOO_FAST]
    with time_machine.travel(T0 + dt.timedelta(seconds=antispam.MIN_SECONDS + 1), tick=False):
        read = Comment({"body": "意见", "form_token": token})
        assert read.is_valid() and read.public_data() == {"body": "意见"}


@pytest.mark.parametrize("token", ["", "forged", signing.dumps(0, salt="another")])
def test_a_missing_or_forged_token_is_refused_as_expired(token):
    form = Comment({"body": "意见", "form_token": token})
    assert not form.is_valid() and form.non_field_errors() == [antispam.EXPIRED]


def test_an_old_token_is_refused_and_a_rerendered_form_gets_a_fresh_one():
    with time_machine.travel(T0, tick=False):
        token = antispam.new_token()
    with time_machine.travel(T0 + dt.timedelta(seconds=antispam.MAX_AGE + 60), tick=False):
        form = Comment({"body": "意见", "form_token": token})
        assert not form.is_valid() and form.non_field_errors() == [antispam.EXPIRED]
        form.fresh_token()
        assert form.data["form_token"] != token


def test_a_comment_form_refuses_a_filled_honeypot_in_chinese():
    with time_machine.travel(T0, tick=False):
        token = antispam.new_token()
    with time_machine.travel(T0 + dt.timedelta(minutes=1), tick=False):
        form = Comment({"body": "意见", "form_token": token, "website": "x"})
        assert not form.is_valid() and form.non_field_errors() == [antispam.REFUSED]


def test_the_address_is_kept_as_a_salted_hash_only():
    factory = RequestFactory()
    one = antispam.address_hash(factory.get("/", REMOTE_ADDR="203.0.113.7"))
    assert len(one) == 64 and "203.0.113.7" not in one
    assert one == antispam.address_hash(factory.get("/", REMOTE_ADDR="203.0.113.7"))
    assert one != antispam.address_hash(factory.get("/", REMOTE_ADDR="203.0.113.8"))


def test_the_limit_counts_one_address_within_the_window(db):
    attempts = LoginAttempt.objects.all()
    with time_machine.travel(T0, tick=False):
        for name in ("mine", "mine", "theirs"):
            LoginAttempt.objects.create(username=name, outcome=LoginAttempt.Outcome.FAILURE)
        assert antispam.over_limit(attempts, "mine", field="username", at_field="at", limit=2)
        assert not antispam.over_limit(attempts, "mine", field="username", at_field="at", limit=3)
        assert not antispam.over_limit(attempts, "theirs", field="username", at_field="at", limit=2)
    with time_machine.travel(T0 + antispam.RATE_WINDOW + dt.timedelta(minutes=1), tick=False):
        assert not antispam.over_limit(attempts, "mine", field="username", at_field="at", limit=2)
