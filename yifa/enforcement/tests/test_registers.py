"""权责清单, 裁量基准, 执法人员, 法制审核人员, 检查对象名录: kept by the unit, audited, scoped."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from yifa.enforcement import actions
from yifa.enforcement.models import Power

from .helpers import TODAY, audit_actions, uscc


def test_a_new_penalty_power_gets_the_standard_steps_and_publishes_after_its_levels(w):
    power = actions.create_power(by=w.head, org=w.org, kind=Power.Kind.PENALTY, name="对焚烧秸秆的处罚", domain="生态环境",
                                 basis_law="大气污染防治法", basis_article="第一百一十九条")
    assert [s.name for s in power.steps.all()][:4] == ["立案", "调查取证", "法制审核", "告知"]
    with pytest.raises(ValidationError, match="裁量基准"):
        actions.publish_power(power, by=w.head)
    actions.add_level(power, by=w.head, circumstance="ordinary", condition="一般", fine_min=Decimal("500"),
                      fine_max=Decimal("2000"))
    actions.publish_power(power, by=w.head)
    assert power.is_published and power.published_on == TODAY
    assert audit_actions(power) == ["enforcement.create_power", "enforcement.add_level", "enforcement.publish_power"]


def test_a_level_with_low_above_high_is_refused(w):
    with pytest.raises(ValidationError):
        actions.add_level(w.power, by=w.head, circumstance="grave", condition="严重", fine_min=Decimal("900"),
                          fine_max=Decimal("100"))


def test_the_power_page_draws_the_flowchart_from_the_steps(w, client):
    client.force_login(w.handler)
    page = client.get(reverse("enforcement:power_detail", args=[w.power.pk])).content.decode()
    assert 'class="flow"' in page and "法制审核" in page and "第五十八条" in page


def test_power_commands_guard_get_scope_and_role(w, client):
    url = reverse("enforcement:power_command", args=[w.power.pk, "publish"])
    client.force_login(w.handler)
    assert client.get(url).status_code == 405
    client.force_login(w.tree.sibling_handler)
    assert client.post(url).status_code == 404
    client.force_login(w.reviewer_user)
    assert client.post(url).status_code == 403
    client.force_login(w.handler)
    assert client.post(url).status_code == 302
    w.power.refresh_from_db()
    assert w.power.is_published
    response = client.post(url, follow=True)
    assert "该事项已经公开" in response.content.decode()


def test_an_officer_with_a_certificate_needs_issuer_and_expiry(w):
    with pytest.raises(ValidationError, match="发证机关和有效期"):
        actions.create_officer(by=w.head, org=w.org, name="新人", cert_number="X1")
    officer = actions.create_officer(by=w.head, org=w.org, name="新人", cert_number="X1", issuing_body="浙江省人民政府",
                                     expires_on=TODAY + dt.timedelta(days=30))
    assert officer.expires_soon(TODAY) and officer.cert_state(TODAY) == ("warn", "30日后到期")
    with pytest.raises(ValidationError):
        actions.create_officer(by=w.head, org=w.org, name="重复", cert_number="X1", issuing_body="浙江",
                               expires_on=TODAY)


def test_the_officer_list_shows_the_certification_rate_and_expired_certificates(w, client):
    client.force_login(w.head)
    page = client.get(reverse("enforcement:officer_list")).content.decode()
    assert "75.0%" in page  # 3 of 4 in-post officers hold a valid certificate
    assert "已过期" in page


def test_a_reviewer_needs_a_qualification_number_unless_incumbent(w, tree):
    from yifa.core.models import Role
    from yifa.core.testing import make_user

    user = make_user("lawyer", tree.township, Role.REVIEWER)
    with pytest.raises(ValidationError, match="证书编号"):
        actions.create_reviewer(by=w.head, org=w.org, user=user, name="律师", qualification="lawyer")
    reviewer = actions.create_reviewer(by=w.head, org=w.org, user=user, name="律师", qualification="incumbent")
    assert reviewer.get_qualification_display().startswith("2021年7月15日前")


def test_a_target_needs_a_valid_uscc(w):
    with pytest.raises(ValidationError, match="校验位"):
        actions.create_target(by=w.handler, org=w.org, name="某公司", uscc="91330502MA2B3C4D5X", kind="company")
    target = actions.create_target(by=w.handler, org=w.org, name="某公司", uscc=uscc(), kind="company")
    assert audit_actions(target) == ["enforcement.create_target"]


def test_registers_are_scoped(w, client):
    client.force_login(w.tree.sibling_handler)
    assert client.get(reverse("enforcement:power_detail", args=[w.power.pk])).status_code == 404
    assert client.get(reverse("enforcement:officer_edit", args=[w.officer.pk])).status_code == 404
    page = client.get(reverse("enforcement:officer_list")).content.decode()
    assert "孙执法" not in page


def test_the_overseer_reads_but_does_not_edit(w, client):
    client.force_login(w.tree.district_overseer)
    assert client.get(reverse("enforcement:officer_list")).status_code == 200
    assert client.get(reverse("enforcement:officer_edit", args=[w.officer.pk])).status_code == 403
