import datetime as dt

from django.urls import reverse

from yifa.core.models import AuditEntry
from yifa.decisions import actions
from yifa.decisions.models import Decision, DecisionCatalogue, DecisionStep

from .conftest import post

ITEM = {"kind": "major", "category": "project", "title": "农贸市场提升改造", "summary": "", "undertaking_unit": "经发办",
        "planned": "2025年第三季度", "source": "", "basis": "《浙江省农贸市场管理办法》"}


def test_a_handler_builds_the_years_catalogue(client, tree, today):
    response = post(client, tree.township_handler, reverse("decisions:catalogue_create"), {"year": 2025, "title": ""})
    catalogue = DecisionCatalogue.objects.get()
    assert response.status_code == 302 and catalogue.title == "东街道2025年度重大行政决策事项目录"
    assert AuditEntry.objects.filter(action="decisions.create_catalogue").exists()
    assert post(client, tree.township_handler, reverse("decisions:catalogue_create"), {"year": 2025}).status_code == 400


def test_items_are_listed_with_their_five_steps(client, tree, catalogue):
    url = reverse("decisions:catalogue_add", args=[catalogue.pk])
    client.force_login(tree.township_handler)
    assert client.get(url).status_code == 405
    assert post(client, tree.reviewer, url, ITEM).status_code == 403
    assert post(client, tree.sibling_handler, url, ITEM).status_code == 404
    assert post(client, tree.township_handler, url, ITEM).status_code == 302
    decision = Decision.objects.get()
    assert decision.status == Decision.Status.LISTED and decision.catalogue == catalogue
    assert [s.kind for s in decision.steps.order_by("pk")] == DecisionStep.ORDER
    assert all(s.required and s.status == "pending" for s in decision.steps.all())


def test_a_triple_category_must_match_the_kind(client, tree, catalogue):
    response = post(client, tree.township_handler, reverse("decisions:catalogue_add", args=[catalogue.pk]),
                    {**ITEM, "category": "triple_funds"})
    assert response.status_code == 400 and "事项类型与类别不符" in response.content.decode()


def test_the_head_records_party_consent_then_publishes(client, tree, catalogue):
    actions.add_decision(org=tree.township, by=tree.township_handler, catalogue=catalogue, **{
        k: v for k, v in ITEM.items() if k in ("kind", "category", "title")})
    approve = reverse("decisions:catalogue_approve", args=[catalogue.pk])
    publish = reverse("decisions:catalogue_publish", args=[catalogue.pk])
    client.force_login(tree.township_head)
    assert client.get(approve).status_code == 405
    assert post(client, tree.township_head, publish, {"published_on": "2025-03-03"}).status_code == 409
    assert post(client, tree.township_handler, approve, {"approval_body": "党工委会议", "approved_on": "2025-02-20"}).status_code == 403
    assert post(client, tree.other_handler, approve, {"approval_body": "党工委会议", "approved_on": "2025-02-20"}).status_code == 404
    assert post(client, tree.township_head, approve, {"approval_body": "街道党工委第3次会议", "approved_on": "2025-02-20"}).status_code == 302
    response = post(client, tree.township_head, publish, {"published_on": "2025-02-19"})
    assert response.status_code == 400 and "不能早于党委同意日期" in response.content.decode()
    assert post(client, tree.township_head, publish, {"published_on": "2025-03-01"}).status_code == 302
    catalogue.refresh_from_db()
    assert catalogue.status == "published" and catalogue.published_on == dt.date(2025, 3, 1)
    assert AuditEntry.objects.filter(action="decisions.publish_catalogue").exists()
    body = client.get(reverse("decisions:public_index")).content.decode()
    assert catalogue.title in body


def test_an_empty_catalogue_cannot_be_approved(tree, catalogue):
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="目录中还没有决策事项"):
        actions.approve_catalogue(catalogue, by=tree.township_head, approval_body="会议", approved_on=dt.date(2025, 3, 1))


def test_a_published_catalogue_is_adjusted_before_adding_items(client, tree, catalogue):
    actions.add_decision(org=tree.township, by=tree.township_handler, catalogue=catalogue, kind="major",
                         category="policy", title="甲")
    actions.approve_catalogue(catalogue, by=tree.township_head, approval_body="会议", approved_on=dt.date(2025, 3, 1))
    actions.publish_catalogue(catalogue, by=tree.township_head, published_on=dt.date(2025, 3, 2))
    add = reverse("decisions:catalogue_add", args=[catalogue.pk])
    assert post(client, tree.township_handler, add, ITEM).status_code == 400
    adjust = reverse("decisions:catalogue_adjust", args=[catalogue.pk])
    assert post(client, tree.township_handler, adjust, {"reason": "增加事项"}).status_code == 403
    assert post(client, tree.township_head, adjust, {"reason": "新增农贸市场项目"}).status_code == 302
    catalogue.refresh_from_db()
    assert catalogue.status == "draft" and "新增农贸市场项目" in catalogue.adjustment_note
    assert post(client, tree.township_handler, add, ITEM).status_code == 302


def test_the_catalogue_document_opens_as_docx(client, tree, catalogue):
    import io

    from docx import Document

    actions.add_decision(org=tree.township, by=tree.township_handler, catalogue=catalogue, kind="major",
                         category="project", title="农贸市场提升改造", undertaking_unit="经发办", planned="第三季度")
    client.force_login(tree.township_handler)
    response = client.get(reverse("decisions:catalogue_docx", args=[catalogue.pk]))
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "关于公布2025年度重大行政决策事项目录的公告" in text
    cells = [c.text for c in document.tables[0].rows[1].cells]
    assert cells[1] == "农贸市场提升改造" and cells[3] == "经发办"


def test_a_triple_matter_is_registered_outside_the_catalogue(client, tree, today):
    response = post(client, tree.township_handler, reverse("decisions:decision_create"),
                    {**ITEM, "kind": "triple", "category": "triple_funds", "title": "社区服务中心改造资金128万元"})
    decision = Decision.objects.get()
    assert response.status_code == 302 and decision.kind == "triple" and decision.catalogue is None
    assert decision.steps.count() == 5
    assert post(client, tree.reviewer, reverse("decisions:decision_create"), ITEM).status_code == 403
