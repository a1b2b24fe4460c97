"""政协提案 get reply rules of their own (oversight.proposal, oversight.proposal_difficult) instead of the
代表建议 rows of 代表法 第五十一条. The rows are added, and the clocks already running or finished on
提案 move to them with the dates they had (a clock keeps the period it started with), so nothing
shifts and the rule shown beside each 提案 deadline is the 提案 one.
"""

from django.db import migrations

MOVES = {(False, "oversight.suggestion"): "oversight.proposal",
         (True, "oversight.suggestion_difficult"): "oversight.proposal_difficult"}


def _move(apps, backwards: bool) -> None:
    from yifa.core.management.commands.seed_rules import sync_rules

    Rule = apps.get_model("core", "StatutoryRule")
    Deadline = apps.get_model("core", "Deadline")
    Suggestion = apps.get_model("oversight", "Suggestion")
    sync_rules(Rule, only_missing=True)
    for (difficult, old), new in MOVES.items():
        source, target = (new, old) if backwards else (old, new)
        rule = Rule.objects.get(code=target)
        ids = [str(pk) for pk in Suggestion.objects.filter(kind="cppcc", difficult=difficult).values_list("pk", flat=True)]
        for at in range(0, len(ids), 500):  # within every database's limit on query parameters
            Deadline.objects.filter(target_type="oversight.suggestion", target_id__in=ids[at:at + 500],
                                    rule__code=source).update(rule=rule)


def forwards(apps, schema_editor):
    _move(apps, backwards=False)


def backwards(apps, schema_editor):
    _move(apps, backwards=True)


class Migration(migrations.Migration):
    dependencies = [("oversight", "0001_initial"), ("core", "0003_seed_rules")]
    operations = [migrations.RunPython(forwards, backwards)]
