"""撤销立案 and 延长办案期限: decided by the 负责人; the 90日 clock is cancelled or extended."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from yifa.enforcement import actions
from yifa.enforcement.models import CaseExtension, EnforcementCase as Case

from .helpers import audit_actions, deadline, file


def test_dropping_a_case_stops_its_clock(w):
    case = file(w)
    actions.drop(case, by=w.head, reason="违法事实不能成立")
    assert case.status == Case.Status.DROPPED and case.dropped_reason == "违法事实不能成立"
    assert deadline(case, "enforcement.case").status == "cancelled"
    assert audit_actions(case)[-1] == "enforcement.drop"


def test_an_approved_extension_moves_the_due_date(w):
    case = file(w)
    before = deadline(case, "enforcement.case").due_on
    ext = actions.request_extension(case, by=w.handler, reason="需要鉴定")
    assert ext.status == CaseExtension.Status.PENDING
    actions.decide_extension(ext, by=w.head, approve=True, note="同意延长")
    after = deadline(case, "enforcement.case")
    assert after.extensions == 1 and after.due_on > before
    assert audit_actions(case)[-2:] == ["enforcement.request_extension", "enforcement.decide_extension"]


def test_a_refused_extension_leaves_the_date(w):
    case = file(w)
    before = deadline(case, "enforcement.case").due_on
    ext = actions.request_extension(case, by=w.handler, reason="需要鉴定")
    actions.decide_extension(ext, by=w.head, approve=False, note="理由不充分")
    assert deadline(case, "enforcement.case").due_on == before


def test_the_rule_allows_one_extension_only(w):
    case = file(w)
    actions.decide_extension(actions.request_extension(case, by=w.handler, reason="鉴定"), by=w.head, approve=True)
    second = actions.request_extension(case, by=w.handler, reason="再次鉴定")
    with pytest.raises(ValidationError, match="第六十条"):
        actions.decide_extension(second, by=w.head, approve=True)


def test_a_handler_cannot_approve_an_extension(w, client):
    case = file(w)
    ext = actions.request_extension(case, by=w.handler, reason="鉴定")
    client.force_login(w.handler)
    assert client.post(reverse("enforcement:extension_decide", args=[ext.pk]), {"approve": "1"}).status_code == 403
    client.force_login(w.tree.sibling_handler)
    assert client.post(reverse("enforcement:extension_decide", args=[ext.pk]), {"approve": "1"}).status_code == 404
    client.force_login(w.head)
    assert client.get(reverse("enforcement:extension_decide", args=[ext.pk])).status_code == 405
    assert client.post(reverse("enforcement:extension_decide", args=[ext.pk]), {"approve": "1"}).status_code == 302
