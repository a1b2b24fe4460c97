import pytest
from django.urls import reverse

from yifa.core.models import AuditEntry
from yifa.legal_review.models import ReviewRequest

URL = reverse("legal_review:request_create")
DATA = {"subject": "contract", "title": "东街道物业服务合同", "counterpart": "乙物业公司", "amount": "486000",
        "materials": "合同草案、招标文件", "question": "违约责任条款是否完备"}


def test_a_handler_submits_a_contract_for_review(client, tree, today):
    client.force_login(tree.township_handler)
    response = client.post(URL, DATA)
    review = ReviewRequest.objects.get()
    assert response.status_code == 302 and response.url == reverse("legal_review:request_detail", args=[review.pk])
    assert review.status == ReviewRequest.Status.SUBMITTED
    assert review.org == tree.township and review.submitted_on == today
    assert str(review.amount) == "486000.00"
    entry = AuditEntry.objects.get(action="legal_review.request_review")
    assert entry.actor == tree.township_handler and entry.target_id == str(review.pk)


def test_the_form_is_shown_on_get(client, tree):
    client.force_login(tree.township_handler)
    response = client.get(URL)
    assert response.status_code == 200 and "提交送审" in response.content.decode()


def test_a_contract_without_counterpart_is_refused_and_nothing_saved(client, tree, today):
    client.force_login(tree.township_handler)
    response = client.post(URL, {**DATA, "counterpart": ""})
    assert response.status_code == 400
    assert "合同审查请填写合同相对方" in response.content.decode()
    assert not ReviewRequest.objects.exists()
    assert not AuditEntry.objects.filter(action="legal_review.request_review").exists()


def test_a_reviewer_cannot_submit(client, tree):
    client.force_login(tree.reviewer)
    assert client.post(URL, DATA).status_code == 403


def test_a_decision_review_starts_its_minimum_clock(tree, today):
    from yifa.legal_review import actions

    review = actions.request_review(org=tree.township, by=tree.township_handler, subject="decision",
                                    title="决策草案", materials="草案", rule_code="decisions.legality_review")
    # 7 working days after Monday 3 March 2025: Wednesday 12 March.
    assert str(review.earliest_issue_on) == "2025-03-12"


def test_another_unit_cannot_see_the_request(client, tree, review):
    client.force_login(tree.sibling_handler)
    assert client.get(reverse("legal_review:request_detail", args=[review.pk])).status_code == 404
    client.force_login(tree.district_overseer)
    assert client.get(reverse("legal_review:request_detail", args=[review.pk])).status_code == 200


def test_the_register_lists_only_what_the_user_may_see(client, tree, review):
    client.force_login(tree.sibling_handler)
    assert review.title not in client.get(reverse("legal_review:request_list")).content.decode()
    client.force_login(tree.township_handler)
    assert review.title in client.get(reverse("legal_review:request_list")).content.decode()


def test_the_register_exports_to_excel(client, tree, review):
    import io

    from openpyxl import load_workbook

    client.force_login(tree.township_handler)
    response = client.get(reverse("legal_review:request_list") + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    assert [c.value for c in sheet[1]][:4] == ["送审单位", "送审日期 *", "类别 *", "送审事项 *"]
    assert [c.value for c in sheet[2]][3] == "东街道保洁服务合同"


@pytest.mark.parametrize("field", ["title", "materials"])
def test_required_fields_are_required(client, tree, field):
    client.force_login(tree.township_handler)
    assert client.post(URL, {**DATA, field: ""}).status_code == 400
    assert not ReviewRequest.objects.exists()
