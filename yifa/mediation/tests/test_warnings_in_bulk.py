"""The import's warning pass (warnings.scan_new_cases) raises what scanning each case alone raises: the same
warnings and the same audit entries, in the same order."""

import datetime as dt

import pytest
from django.db import transaction

from yifa.core.models import AuditEntry

from .. import actions, warnings
from ..models import DisputeCase, EarlyWarning
from .helpers import TODAY, party

pytestmark = pytest.mark.django_db

LATER = TODAY + dt.timedelta(days=60)  # past every open case's one-month target


def raised(after_seq: int):
    """What a scan left: the warnings (in the order of their keys) and the raise_warning entries after ``after_seq``."""
    found = [(w.case_id, w.kind, w.key, w.detail, w.raised_on, w.status)
             for w in EarlyWarning.objects.order_by("pk")]
    entries = [(e.action, e.target_type, e.target_id, e.target_repr, e.note, e.changes, e.actor_id, e.actor_name,
                e.actor_org_id, e.actor_org_name, e.ip)
               for e in AuditEntry.objects.filter(seq__gt=after_seq).order_by("seq")]
    return found, entries


def test_the_bulk_pass_raises_what_one_scan_per_case_raises(w, time_machine):
    w.case(location="东街道幸福路18号3单元", parties=[party("甲")])
    repeat = w.case("accepted", location="东街道幸福路18号3单元", title="张三与王五借款纠纷",
                    parties=[party("张三"), party("王五", "respondent", address="")])
    session_case = w.case("mediating", parties=[party("钱七"), party("孙八", "respondent")])
    actions.add_session(session_case, by=w.mediator_user, held_on=TODAY, place="调解室", summary="孙八扬言要同归于尽。")
    group = w.case("accepted", people_involved=25, description="村民聚集围堵工地。", parties=[party("代表甲")])
    no_id = w.case("accepted", parties=[party("周九", id_number=""), party("吴十", "respondent", id_number="", phone="")])
    rejected = w.case("rejected", parties=[party("张三")])
    sibling = w.case("accepted", org=w.tree.sibling, parties=[party("张三"), party("郑一", "respondent")])
    cases = [repeat, session_case, group, no_id, rejected, sibling]
    EarlyWarning.objects.all().delete()
    time_machine.move_to(dt.datetime(LATER.year, LATER.month, LATER.day, 9, 0))
    seq = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first()
    fresh = list(DisputeCase.objects.filter(pk__in=[c.pk for c in cases]).select_related("org__parent").order_by("pk"))

    with transaction.atomic():
        one_by_one = sum(warnings.scan_case(case, today=LATER) for case in fresh)
        alone = raised(seq)
        transaction.set_rollback(True)
    with transaction.atomic():
        in_bulk = warnings.scan_new_cases(fresh, today=LATER)
        together = raised(seq)
        again = warnings.scan_new_cases(fresh, today=LATER)

    assert one_by_one == in_bulk == len(alone[0]) >= 8 and again == 0
    assert {kind for _c, kind, *_rest in alone[0]} == {"repeat_party", "repeat_address", "risk_words", "overdue"}
    assert together[0] == alone[0]
    assert together[1] == alone[1] and len(together[1]) == in_bulk
