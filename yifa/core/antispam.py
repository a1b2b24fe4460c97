"""Anti-spam for the portal's forms without accounts (网上信访, 依申请公开, 申请调解, comments on drafts):
all local, no outside service, no raw IP address stored.

Three checks, each cheap and each enough to stop a simple script:
- a honeypot: a text input moved off-screen (and hidden from screen readers) that people never
  fill and form robots do (``HoneypotForm``; ``is_robot(form)``);
- a signed render time (``AntiSpamForm``): a form sent back within ``MIN_SECONDS`` was not read, one
  older than ``MAX_AGE`` or with a forged token is refused;
- a per-address rate limit counted on the module's own table of submissions, by a salted hash of
  the address (``address_hash``, ``over_limit``).

``receive`` runs the whole POST of a comment form (checks, one action, redirect or the page again).
"""

import datetime as dt
import hashlib
import time

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.html import format_html

from .security import client_ip

MIN_SECONDS = getattr(settings, "PUBLIC_FORM_MIN_SECONDS", 3)
MAX_AGE = 2 * 24 * 3600
RATE_LIMIT = getattr(settings, "PUBLIC_COMMENT_RATE_LIMIT", 5)  # submissions per address per window
RATE_WINDOW = dt.timedelta(hours=1)
SALT = "yifa.public-form"
HONEYPOT = "website"

REFUSED = "提交未成功。请刷新页面后重新填写；如多次失败，可通过电话或信函提交。"
TOO_FAST = "提交过快。请阅读并确认内容后再提交。"
EXPIRED = "页面已过期，请刷新页面后重新填写。"
TOO_MANY = "您提交得太频繁了，请一小时后再试，或通过电话、信函提交。"


class HoneypotInput(forms.TextInput):
    """A text input inside an off-screen box (``.hp`` in yifa.css, ``aria-hidden``), with a label telling
    anyone who reaches it to leave it empty. It counts as a hidden field, so ``core/_form.html`` and any
    template that writes ``form.hidden_fields`` put it out of sight without knowing about it."""

    is_hidden = True

    def __init__(self, attrs=None):
        super().__init__({"tabindex": "-1", "autocomplete": "off", **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        field = super().render(name, value, attrs, renderer)
        return format_html('<div class="hp" aria-hidden="true"><label for="{}">网址（请勿填写此项）</label>{}</div>',
                           (attrs or {}).get("id", ""), field)


class HoneypotForm(forms.Form):
    """Base for public forms: carries the honeypot (check it with ``is_robot`` after ``is_valid``)."""

    website = forms.CharField(label="网址（请勿填写此项）", required=False, widget=HoneypotInput)

    def public_data(self) -> dict:
        """``cleaned_data`` without the guard fields, ready for the module's action."""
        return {k: v for k, v in self.cleaned_data.items() if k not in (HONEYPOT, "form_token")}


def is_robot(form) -> bool:
    """The honeypot was filled in: a form robot. Answer as if accepted and save nothing."""
    return bool(form.data.get(HONEYPOT))


def new_token() -> str:
    return signing.dumps(time.time(), salt=SALT)


class AntiSpamForm(HoneypotForm):
    """Honeypot and signed render time, both refused in ``clean`` with a Chinese message."""

    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["form_token"] = new_token()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT):
            raise forms.ValidationError(REFUSED, code="honeypot")
        try:
            rendered = signing.loads(cleaned.get("form_token") or "", salt=SALT, max_age=MAX_AGE)
        except signing.BadSignature:
            raise forms.ValidationError(EXPIRED, code="token")
        if time.time() - float(rendered) < MIN_SECONDS:
            raise forms.ValidationError(TOO_FAST, code="too_fast")
        return cleaned

    def fresh_token(self) -> None:
        """On a re-rendered form, give a new token so the visitor is not refused twice."""
        data = self.data.copy()
        data["form_token"] = new_token()
        self.data = data


def address_hash(request) -> str:
    """The sender's address as a salted hash: enough to count submissions, nothing to trace a person by."""
    ip = client_ip(request) or ""
    return hashlib.sha256(f"{settings.SECRET_KEY}|{ip}".encode()).hexdigest()


def over_limit(queryset, address: str, *, field: str = "address_hash", at_field: str = "submitted_at",
               limit: int = RATE_LIMIT, window: dt.timedelta = RATE_WINDOW) -> bool:
    """True when ``address`` already sent ``limit`` submissions into ``queryset`` within ``window``."""
    since = timezone.now() - window
    return queryset.filter(**{field: address, f"{at_field}__gte": since}).count() >= limit


def receive(request, form: AntiSpamForm, *, submissions, submit, rerender, success: str, then):
    """The whole POST of a public comment form: checks, one action, then redirect (or the page again).

    ``submissions``: the queryset the per-address limit counts; ``submit(cleaned_data, address_hash)``
    calls the module's action; ``rerender(form, status)`` shows the page with the reasons.
    """
    if not form.is_valid():
        form.fresh_token()
        return rerender(form, 400)
    address = address_hash(request)
    if over_limit(submissions, address):
        form.add_error(None, TOO_MANY)
        form.fresh_token()
        return rerender(form, 429)
    try:
        submit(form.cleaned_data, address)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        form.fresh_token()
        return rerender(form, 400)
    messages.success(request, success)
    return redirect(then)
