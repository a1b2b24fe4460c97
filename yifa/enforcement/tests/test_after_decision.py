"""送达 (第六十一条), 执行 (第六十七条), 结案."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from yifa.enforcement import actions
from yifa.enforcement.models import EnforcementCase as Case

from .helpers import TODAY, audit_actions, decided, deadline, served


def test_service_completes_the_service_clock(w):
    case = actions.serve(decided(w), by=w.handler, served_on=TODAY, method=Case.Service.DIRECT)
    assert case.status == Case.Status.SERVED and case.served_on == TODAY
    assert deadline(case, "enforcement.service").status == "met"
    assert audit_actions(case)[-1] == "enforcement.serve"


def test_a_fined_case_closes_only_after_execution(w):
    case = served(w)
    with pytest.raises(ValidationError, match="第六十七条"):
        actions.close(case, by=w.handler, closed_on=TODAY, summary="结案")
    actions.execute(case, by=w.handler, executed_on=TODAY, method=Case.Execution.VOLUNTARY, paid_amount=Decimal("150"))
    actions.close(case, by=w.handler, closed_on=TODAY, summary="已缴纳罚款，结案。")
    assert case.status == Case.Status.CLOSED and case.closed_on == TODAY
    assert audit_actions(case)[-2:] == ["enforcement.execute", "enforcement.close"]


def test_execution_of_a_fine_needs_the_amount_paid(w):
    case = served(w)
    with pytest.raises(ValidationError, match="实缴"):
        actions.execute(case, by=w.handler, executed_on=TODAY, method=Case.Execution.VOLUNTARY)


def test_service_before_the_decision_date_is_refused(w):
    with pytest.raises(ValidationError, match="送达日期"):
        actions.serve(decided(w), by=w.handler, served_on=TODAY - dt.timedelta(days=1), method=Case.Service.DIRECT)
