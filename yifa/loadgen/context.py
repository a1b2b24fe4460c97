"""What every module generator shares: the scale, the unit tree, seeded randomness, dates with seasons,
statutory due dates, deadline rows and the audit chain."""

import datetime as dt
import math
import random
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from yifa.core import audit
from yifa.core.deadlines import WorkCalendar
from yifa.core.models import Attachment, AuditEntry, AuditHead, Deadline, NumberSequence, StatutoryRule

from .writer import Writer

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


@dataclass(frozen=True)
class Scale:
    """``factor`` multiplies every per-unit yearly volume; the unit tree is the same for city and quick."""

    name: str
    districts: int
    towns_per_district: int
    villages: tuple[int, int]
    factor: float


SCALES = {
    "city": Scale("city", 10, 20, (8, 16), 1.0),
    "quick": Scale("quick", 10, 20, (8, 16), 0.2),
    # For the tests and the smoke test of the benchmark: a handful of units, a few thousand records.
    "tiny": Scale("tiny", 2, 3, (2, 3), 0.04),
}

# Month weights (January first): disputes peak before the Spring Festival and in the summer; the
# outreach campaigns around 3月15日, 6月 (安全生产月) and 12月4日 (宪法宣传日).
SEASONS = {
    "disputes": (1.5, 1.3, 0.9, 0.9, 1.0, 1.0, 1.2, 1.2, 0.9, 0.8, 0.9, 1.1),
    "petitions": (1.2, 0.8, 1.3, 1.0, 1.0, 1.0, 0.9, 0.9, 1.0, 0.8, 1.0, 1.1),
    "enforcement": (0.6, 0.5, 1.0, 1.1, 1.2, 1.2, 1.1, 1.0, 1.1, 1.0, 1.1, 1.1),
    "even": (1.0,) * 12,
    "outreach": (0.7, 0.6, 1.6, 0.9, 0.9, 1.4, 0.8, 0.8, 0.9, 0.9, 1.0, 1.8),
}


@dataclass
class Unit:
    id: int
    name: str
    abbr: str
    kind: str
    path: str
    weight: float = 1.0
    parent: "Unit | None" = None
    children: list = field(default_factory=list)  # 村/社区 under a 乡镇/街道
    users: dict = field(default_factory=dict)  # role -> [user ids]

    def user(self, role: str, rng: random.Random) -> int | None:
        ids = self.users.get(role) or (self.parent.users.get(role) if self.parent else None)
        return rng.choice(ids) if ids else None


class Context:
    def __init__(self, *, scale: Scale, seed: int, until: dt.date, writer: Writer, log=print):
        self.scale, self.seed, self.until, self.writer, self.log = scale, seed, until, writer, log
        self.first = dt.date(until.year - 4, 1, 1)
        self.years = list(range(self.first.year, until.year + 1))
        self.city: Unit | None = None
        self.districts: list[Unit] = []
        self.towns: list[Unit] = []
        self.admin_id: int | None = None
        self.calendar = WorkCalendar.load(self.first - dt.timedelta(days=10), until + dt.timedelta(days=500))
        # A flushed database has lost the rule table the migrations seeded: add the shipped rules back.
        from yifa.core.management.commands.seed_rules import sync_rules

        sync_rules(StatutoryRule, only_missing=True)
        self.rules = {r.code: r for r in StatutoryRule.objects.all()}
        self._due: dict = {}
        self._numbers: dict = {}
        self._url_patterns: dict = {}
        head = AuditHead.objects.filter(pk=1).first()
        self.audit_seq, self.audit_hash = (head.last_seq, head.last_hash) if head else (0, audit.GENESIS)
        self.media_files = 0

    # ---------------------------------------------------------------- randomness

    def rng(self, name: str) -> random.Random:
        """An independent stream per module, so adding a module leaves the others' data unchanged."""
        return random.Random(f"{self.seed}:{name}")

    @staticmethod
    def skew(rng: random.Random, sigma: float = 0.9) -> float:
        """A unit's workload multiplier: log-normal with mean 1, so a few units are several times busier."""
        return math.exp(rng.gauss(0, sigma) - sigma * sigma / 2)

    @staticmethod
    def pick(rng: random.Random, weighted: dict):
        return rng.choices(list(weighted), weights=list(weighted.values()))[0]

    def days(self, rng: random.Random, per_year: float, weight: float, season: str = "even"):
        """Dates over the five years: ``per_year`` × unit weight × scale, spread by month weights; in order."""
        months = SEASONS[season]
        mean = sum(months) / 12
        for year in self.years:
            for month in range(1, 13):
                first = dt.date(year, month, 1)
                if first > self.until:
                    return
                expected = per_year * weight * self.scale.factor * months[month - 1] / mean / 12
                n = int(expected) + (1 if rng.random() < expected - int(expected) else 0)
                last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))
                span = (min(last, self.until) - first).days + 1
                for day in sorted(first + dt.timedelta(days=rng.randrange(span)) for _ in range(n)):
                    # Fewer matters are registered at weekends.
                    if day.weekday() >= 5 and rng.random() < 0.7:
                        friday = day - dt.timedelta(days=day.weekday() - 4)
                        monday = day + dt.timedelta(days=7 - day.weekday())
                        day = friday if friday >= first else monday if monday <= self.until else day
                    yield day

    def at(self, day: dt.date, rng: random.Random | None = None) -> dt.datetime:
        """A working-hours moment of ``day``, aware (Asia/Shanghai)."""
        minute = rng.randrange(8 * 60 + 30, 17 * 60 + 30) if rng else 9 * 60
        return dt.datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=SHANGHAI)

    # ---------------------------------------------------------------- statutory periods

    def due(self, rule_code: str, start: dt.date) -> dt.date:
        key = (rule_code, start)
        if key not in self._due:
            rule = self.rules[rule_code]
            self._due[key] = self.calendar.due_date(start, rule.count, rule.unit, ())
        return self._due[key]

    def url(self, name: str, pk: int) -> str:
        if name not in self._url_patterns:
            try:
                self._url_patterns[name] = reverse(name, args=[987654321]).replace("987654321", "{}")
            except NoReverseMatch:  # a module still without its page: the clock links nowhere
                self._url_patterns[name] = ""
        return self._url_patterns[name].format(pk)

    def deadline(self, *, target, target_id: int, target_repr: str, url: str, org: int, rule_code: str,
                 started_on: dt.date, done_on: dt.date | None, by: int | None, due_on: dt.date | None = None) -> int:
        """A clock on a matter: met or late when ``done_on`` is given, else running."""
        rule = self.rules[rule_code]
        due_on = due_on or self.due(rule_code, started_on)
        if done_on is None:
            status = Deadline.Status.OPEN
        else:
            status = Deadline.Status.MET if done_on <= due_on else Deadline.Status.LATE
        return self.writer.add(
            Deadline, org_id=org, target_type=target._meta.label_lower, target_id=str(target_id),
            target_repr=target_repr[:200], target_url=url, rule_id=rule.pk, count=rule.count, unit=rule.unit,
            started_on=started_on, due_on=due_on, status=status, completed_on=done_on, created_by_id=by,
            _at=self.at(started_on))

    # ---------------------------------------------------------------- numbers

    def number(self, org: Unit, kind: str, year: int, fmt: str) -> str:
        """The next number of (unit, kind, year), as core.numbering gives it; the sequences are saved at the end."""
        key = (org.id, kind, year)
        n = self._numbers.get(key, 0) + 1
        self._numbers[key] = n
        return fmt.format(abbr=org.abbr, year=year, n=n)

    def save_numbers(self):
        existing = {(s.org_id, s.kind, s.year): s for s in NumberSequence.objects.all()}
        for (org, kind, year), last in self._numbers.items():
            if (org, kind, year) in existing:
                seq = existing[(org, kind, year)]
                NumberSequence.objects.filter(pk=seq.pk).update(last=max(seq.last, last))
            else:
                self.writer.add(NumberSequence, org_id=org, kind=kind, year=year, last=last)

    # ---------------------------------------------------------------- audit chain and attachments

    def audit(self, action: str, *, target, target_id: int, target_repr: str, org: Unit, at: dt.datetime,
              actor: int | None, actor_name: str = "", note: str = "历史数据"):
        """One hash-chained entry, appended in generation order (the chain verifies with verify_audit)."""
        self.audit_seq += 1
        entry = SimpleNamespace(
            seq=self.audit_seq, at=at, actor_id=actor, actor_name=actor_name or "系统", actor_org_id=org.id,
            actor_org_name=org.name, action=action, target_type=target._meta.label_lower, target_id=str(target_id),
            target_repr=target_repr[:200], note=note, changes={}, ip=None, prev_hash=self.audit_hash)
        entry_hash = audit.content_hash(entry)
        self.writer.add(AuditEntry, seq=entry.seq, at=at, actor_id=actor, actor_name=entry.actor_name,
                        actor_org_id=org.id, actor_org_name=org.name, action=action, target_type=entry.target_type,
                        target_id=entry.target_id, target_repr=entry.target_repr, note=note, changes={}, ip=None,
                        prev_hash=self.audit_hash, entry_hash=entry_hash)
        self.audit_hash = entry_hash

    def save_audit_head(self):
        AuditHead.objects.update_or_create(pk=1, defaults={"last_seq": self.audit_seq, "last_hash": self.audit_hash})

    def attach(self, *, target, target_id: int, org: Unit, name: str, text: str, by: int | None, by_name: str,
               at: dt.datetime, description: str = "") -> int:
        """A small PDF stored by content hash, as core.attachments stores uploads."""
        import hashlib

        from django.core.files.storage import default_storage

        body = ("%PDF-1.4\n% yifa loadgen\n" + text + "\n%%EOF\n").encode("utf-8")
        sha = hashlib.sha256(body).hexdigest()
        stored = f"attachments/{sha[:2]}/{sha}.pdf"
        path = default_storage.path(stored)
        import os

        if not os.path.exists(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as fh:
                fh.write(body)
        self.media_files += 1
        return self.writer.add(Attachment, org_id=org.id, target_type=target._meta.label_lower, target_id=str(target_id),
                               original_name=name, stored_name=stored, size=len(body), content_type="application/pdf",
                               sha256=sha, description=description, uploaded_by_id=by, uploaded_by_name=by_name,
                               _at=at)

    def now(self) -> dt.datetime:
        return timezone.now()
