"""Sign-in and session backends: the signed-in user of a request, with their 任职 (memberships with their units),
read in the same round trip to the database as the session itself.

- ``MembershipBackend``: Django's ModelBackend, except that loading the signed-in user also loads the user's 任职
  in the same query. Every staff page needs them (data scope, unit switcher, navigation, role checks);
  ``core.middleware.ActiveUnitMiddleware`` uses ``user.all_memberships`` when it is set.
- ``SessionStore`` (``SESSION_ENGINE = "yifa.core.backends"``): Django's database sessions (same table, same
  expiry, deleted on logout: a session ends in every worker at once), with the session's user id written in clear
  before the signed data (``yj1:<user id>:<signed JSON>``), so that reading the session row also reads, by a join,
  the user and their 任职. The id in clear is only a hint: the user read with it is used only when it is the user
  of the verified session data, and Django's ``auth.get_user`` then checks the account and the session's password
  hash as always (``core.middleware.AuthenticationMiddleware`` hands the row over for that one call).
  Sessions written by Django's own format are still read (without the join).
"""

import contextvars
import json
import logging

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.backends import db
from django.core import signing
from django.db import connections, router
from django.utils import timezone

# (user id, user with ``all_memberships``) read with the session; set only around auth.get_user by the middleware.
PREFETCHED: contextvars.ContextVar = contextvars.ContextVar("yifa_prefetched_user", default=None)


class MembershipBackend(ModelBackend):
    def get_user(self, user_id):
        from .models import Membership

        prefetched = PREFETCHED.get()
        if prefetched is not None and prefetched[0] == user_id:
            user = prefetched[1]
            return user if self.user_can_authenticate(user) else None
        memberships = list(Membership.objects.select_related("user", "org").filter(user_id=user_id, org__is_active=True))
        if not memberships:  # no unit (or only inactive ones): the user alone, as ModelBackend reads it
            user = super().get_user(user_id)
            if user is not None:
                user.all_memberships = []
            return user
        user = memberships[0].user
        for membership in memberships:
            membership.user = user  # one user object, not one per row
        user.all_memberships = memberships
        return user if self.user_can_authenticate(user) else None


PREFIX = "yj1:"
_READS: dict = {}


def _columns(connection, model, alias):
    fields = list(model._meta.concrete_fields)
    return fields, [f"{alias}.{connection.ops.quote_name(f.column)}" for f in fields]


def _session_read(connection, session_table):
    """(SQL, [(model, fields, converters)…]) of the session row joined to its user and the user's 任职 in active units,
    in the order the 任职 are always listed (unit path, role); built once per database."""
    key = (connection.alias, connection.vendor, session_table)
    read = _READS.get(key)
    if read is None:
        from .models import Membership, Org, User

        parts, select = [], ["s.session_data"]
        for model, alias in ((User, "u"), (Membership, "m"), (Org, "o")):
            fields, columns = _columns(connection, model, alias)
            select += columns
            converters = []
            for f in fields:
                col = f.get_col(alias)
                converters.append((col, connection.ops.get_db_converters(col) + col.get_db_converters(connection)))
            parts.append((model, fields, converters))
        q = connection.ops.quote_name
        find = "strpos" if connection.vendor == "postgresql" else "instr"
        rest = f"SUBSTR(s.session_data, {len(PREFIX) + 1})"
        hinted = f"SUBSTR({rest}, 1, {find}({rest}, ':') - 1)"
        digits = f"{hinted} ~ '^[0-9]+$'" if connection.vendor == "postgresql" else f"{hinted} NOT GLOB '*[^0-9]*'"
        # The user id in clear before the signed data: joined only when it is 1 to 18 digits.
        user_id = (f"CASE WHEN s.session_data LIKE '{PREFIX}%%' AND {find}({rest}, ':') BETWEEN 2 AND 19 "
                   f"AND {digits} THEN CAST({hinted} AS BIGINT) END")
        sql = (f"SELECT {', '.join(select)} FROM {q(session_table)} s "
               f"LEFT JOIN {q(User._meta.db_table)} u ON u.{q(User._meta.pk.column)} = {user_id} "
               f"LEFT JOIN ({q(Membership._meta.db_table)} m INNER JOIN {q(Org._meta.db_table)} o "
               f"ON o.{q(Org._meta.pk.column)} = m.{q('org_id')} AND o.{q('is_active')}) "
               f"ON m.{q('user_id')} = u.{q(User._meta.pk.column)} "
               f"WHERE s.{q('session_key')} = %s AND s.{q('expire_date')} > %s "
               f"ORDER BY o.{q('path')}, m.{q('role')}")
        read = _READS[key] = (sql, parts)
    return read


def _instance(connection, part, values):
    model, fields, converters = part
    converted = []
    for value, (col, field_converters) in zip(values, converters):
        for converter in field_converters:
            value = converter(value, col, connection)
        converted.append(value)
    return model.from_db(connection.alias, [f.attname for f in fields], converted)


class SessionStore(db.SessionStore):
    """Database sessions whose row is read together with its user and the user's 任职 (see the module's docstring)."""

    prefetched_user = None  # (user id, user) after load(), when the session belongs to a user

    def _signer(self):
        return signing.Signer(salt=self.key_salt, algorithm="sha256")

    def encode(self, session_dict):
        user_id = str(session_dict.get(SESSION_KEY, ""))
        data = json.dumps(session_dict, separators=(",", ":"))
        return f"{PREFIX}{user_id if user_id.isdigit() else ''}:{self._signer().sign(data)}"

    def decode(self, session_data):
        if not session_data.startswith(PREFIX):
            return super().decode(session_data)  # written by Django's own format
        _user_id, _, signed = session_data[len(PREFIX):].partition(":")
        try:
            data = json.loads(self._signer().unsign(signed))
        except signing.BadSignature:
            logging.getLogger("django.security.SuspiciousSession").warning("Session data corrupted")
            return {}
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def load(self):
        self.prefetched_user = None
        alias = router.db_for_read(self.model)
        connection = connections[alias]
        sql, (user_part, membership_part, org_part) = _session_read(connection, self.model._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.session_key, timezone.now()])
            rows = cursor.fetchall()
        if not rows:
            self._session_key = None
            return {}
        data = self.decode(rows[0][0])
        n_user, n_membership = len(user_part[1]), len(membership_part[1])
        first = rows[0][1:1 + n_user]
        if first[0] is not None and str(data.get(SESSION_KEY)) == str(first[0]):
            user = _instance(connection, user_part, first)
            memberships = []
            for row in rows:
                m_values = row[1 + n_user:1 + n_user + n_membership]
                if m_values[0] is None:
                    continue
                membership = _instance(connection, membership_part, m_values)
                membership.user = user
                membership.org = _instance(connection, org_part, row[1 + n_user + n_membership:])
                memberships.append(membership)
            user.all_memberships = memberships
            self.prefetched_user = (user.pk, user)
        return data
