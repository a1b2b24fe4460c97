"""generate_load: a tiny city, every installed module filled, reproducible from its seed, an audit chain that
verifies, clocks and numbers that match the records."""

import datetime as dt
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from yifa.core import audit
from yifa.core.models import Deadline, NumberSequence, Org
from yifa.loadgen.context import SCALES, Context
from yifa.loadgen.generators import APPS, generator
from yifa.loadgen.models import LoadRun
from yifa.loadgen.writer import Writer

pytestmark = pytest.mark.django_db(transaction=True)
UNTIL = dt.date(2026, 6, 30)


def generate(**options):
    out = StringIO()
    call_command("generate_load", scale="tiny", seed=7, until=UNTIL, stdout=out, **options)
    return out.getvalue()


def test_a_tiny_city_gets_five_years_of_records_in_every_installed_module():
    output = generate()
    run = LoadRun.objects.get()
    assert run.scale == "tiny" and run.seed == 7 and run.until == UNTIL
    assert run.apps == [app for app in APPS.values() if app == "yifa.core" or apps.is_installed(app)]
    assert Org.objects.filter(kind__in=Org.GRASSROOTS).count() == 6
    from yifa.mediation.models import DisputeCase, Party

    cases = DisputeCase.objects.all()
    assert cases.count() > 300
    assert {d.year for d in cases.dates("registered_on", "year")} == {2022, 2023, 2024, 2025, 2026}
    assert Party.objects.count() >= 2 * cases.count()
    # skewed: the busiest 乡镇 has clearly more disputes than the quietest
    per_town = sorted(cases.filter(org__kind__in=Org.GRASSROOTS).values_list("org").annotate(
        n=__import__("django.db.models", fromlist=["Count"]).Count("pk")).values_list("n", flat=True))
    assert per_town[-1] > 1.5 * per_town[0]
    assert "共写入" in output and f"{run.total:,}" in output


def test_the_audit_chain_verifies_and_the_numbers_continue_after_the_generated_ones():
    generate()
    checked, problem = audit.verify_chain()
    assert problem is None and checked > 300
    from yifa.mediation.models import DisputeCase

    case = DisputeCase.objects.filter(registered_on__year=2025).order_by("-pk").first()
    sequence = NumberSequence.objects.get(org=case.org, kind="mediation.case", year=2025)
    assert sequence.last == DisputeCase.objects.filter(org=case.org, registered_on__year=2025).count()


def test_clocks_are_met_late_or_running_as_their_matters_are():
    generate()
    from yifa.mediation.models import DisputeCase

    for case in DisputeCase.objects.exclude(accepted_on=None)[:200]:
        clock = Deadline.objects.get(target_type="mediation.disputecase", target_id=str(case.pk))
        assert clock.due_on == case.resolve_due_on
        if case.outcome_on:
            assert clock.status == (Deadline.Status.MET if case.outcome_on <= clock.due_on else Deadline.Status.LATE)
        else:
            assert clock.status == Deadline.Status.OPEN


def test_a_second_run_is_refused_unless_replace_is_given():
    generate()
    with pytest.raises(CommandError, match="--replace"):
        generate()
    generate(replace=True)
    assert LoadRun.objects.count() == 1


class RecordingWriter(Writer):
    """Keeps the rows instead of writing them."""

    def flush(self):
        for table in self.tables.values():
            self.rows = getattr(self, "rows", [])
            self.rows += [(table.model._meta.label, tuple(map(str, row))) for row in table.rows]
            table.rows = []
        self.buffered = 0


def rows_for(seed: int) -> list:
    writer = RecordingWriter(now=dt.datetime(2026, 6, 30, tzinfo=dt.timezone.utc), day=UNTIL)
    ctx = Context(scale=SCALES["tiny"], seed=seed, until=UNTIL, writer=writer, log=lambda text: None)
    for name in ("core", "mediation"):
        generator(name)(ctx)
    writer.flush()
    return writer.rows


def test_the_same_seed_gives_the_same_rows_and_another_seed_other_rows():
    first, again, other = rows_for(3), rows_for(3), rows_for(4)
    assert len(first) > 1000
    assert first == again
    assert first != other
