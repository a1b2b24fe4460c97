"""执法检查: results by the inspectors (two certified), 立案 opens a 处罚 case."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from yifa.enforcement import actions
from yifa.enforcement.models import EnforcementCase as Case, Inspection

from .helpers import TODAY, audit_actions, uscc


def inspection(w, officers=None):
    target = actions.create_target(by=w.handler, org=w.org, name="湖州某某餐饮有限公司", uscc=uscc(), kind="company",
                                   legal_rep="王建国", address="环渚路1号")
    return actions.create_inspection(by=w.handler, org=w.org, target=target, kind=Inspection.Kind.COMPLAINT,
                                     officers=officers or [w.officer, w.partner], planned_on=TODAY)


def test_a_passed_inspection_is_recorded(w):
    i = actions.record_inspection(inspection(w), by=w.handler, inspected_on=TODAY, result=Inspection.Result.PASSED,
                                  findings="未发现违法行为")
    assert i.status == Inspection.Status.DONE and i.inspected_on == TODAY
    assert audit_actions(i)[-1] == "enforcement.record_inspection"


def test_rectification_needs_a_later_due_date(w):
    with pytest.raises(ValidationError, match="整改期限"):
        actions.record_inspection(inspection(w), by=w.handler, inspected_on=TODAY, result=Inspection.Result.RECTIFY,
                                  findings="灭火器过期")


def test_filing_from_an_inspection_opens_a_case_on_the_target(w):
    i = actions.record_inspection(inspection(w), by=w.handler, inspected_on=TODAY, result=Inspection.Result.CASE,
                                  findings="油烟直排", case_power=w.power, case_cause="某某公司油烟直排案")
    case = i.case
    assert case.status == Case.Status.INVESTIGATING and case.source == Case.Source.INSPECTION
    assert case.party_id_number == uscc() and case.inspection == i
    assert set(case.officers.all()) == {w.officer, w.partner}


def test_an_inspection_with_an_expired_inspector_is_refused(w):
    with pytest.raises(ValidationError, match="已于2026年1月31日过期"):
        inspection(w, officers=[w.officer, w.expired])


def test_only_an_inspector_of_this_inspection_records_it(w, client):
    i = inspection(w)
    url = reverse("enforcement:inspection_detail", args=[i.pk])
    data = {"inspected_on": TODAY.isoformat(), "result": "passed", "findings": "正常"}
    client.force_login(w.colleague)
    assert client.post(url, data).status_code == 403
    client.force_login(w.tree.sibling_handler)
    assert client.post(url, data).status_code == 404
    client.force_login(w.handler)
    assert client.post(url, data).status_code == 302
    response = client.post(url, data, follow=True)
    assert "不能执行“登记检查结果”" in response.content.decode()
