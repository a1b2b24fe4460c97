"""Guards for the public forms without accounts (网上信访, 依申请公开): all local, no outside service.

- a honeypot field people never fill (hidden input) that form robots do;
- a per-address limit, counted on the module's own records by a salted hash of the address, so no
  raw IP is stored with a citizen's submission.
"""

import datetime as dt
import hashlib

from django.conf import settings
from django.utils import timezone

from yifa.core.security import client_ip

LIMIT_PER_HOUR = 5
TOO_MANY = "您提交得太频繁了，请一小时后再试，或通过电话、信函提交。"


def source_hash(request) -> str:
    address = client_ip(request) or ""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()


def too_many(model, request) -> bool:
    """More than the limit from this address in the last hour (``model`` has ``source_hash``, ``created_at``)."""
    since = timezone.now() - dt.timedelta(hours=1)
    return model.objects.filter(source_hash=source_hash(request), created_at__gte=since).count() >= LIMIT_PER_HOUR


def is_robot(form) -> bool:
    return bool(form.data.get("website"))
