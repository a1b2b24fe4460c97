"""调解协议书: drafting, the .docx with the contents of 人民调解法第二十九条, signing, oral agreements."""

import datetime as dt
import io

import docx
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from yifa.core import deadlines
from yifa.core.workflow import InvalidTransition

from .. import actions
from ..docx import agreement_docx
from ..models import Agreement, DisputeCase, Party
from .helpers import AGREEMENT, TODAY, audit_actions, id_number, party

pytestmark = pytest.mark.django_db


def text_of(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for p in document.paragraphs)


def test_drafting_numbers_the_agreement(w):
    case = w.case("mediating")
    agreement = actions.draft_agreement(case, by=w.mediator_user, **AGREEMENT)
    assert agreement.number == "东街调协〔2025〕1号" and not agreement.is_effective
    assert DisputeCase.objects.get(pk=case.pk).status == DisputeCase.Status.MEDIATING
    actions.draft_agreement(case, by=w.mediator_user, **{**AGREEMENT, "terms": "一、李四当日清除建材。"})
    assert Agreement.objects.get(case=case).terms == "一、李四当日清除建材。"
    assert Agreement.objects.get(case=case).number == "东街调协〔2025〕1号"
    assert audit_actions(case)[-2:] == ["mediation.draft_agreement", "mediation.update_agreement"]


def test_the_docx_holds_every_element_article_29_requires(w):
    case = w.case("mediating", parties=[
        party("张三", gender="male", ethnicity="汉族", occupation="个体户", id_number=id_number("19800101", "123")),
        party("湖州测试物业有限公司", Party.Side.RESPONDENT, kind=Party.Kind.ORGANISATION, gender="",
              id_number="91330502MA2B3C4D5" + __import__("yifa.core.identity", fromlist=["x"]).uscc_check_char(
                  "91330502MA2B3C4D5"), legal_rep="王经理"),
    ])
    agreement = actions.draft_agreement(case, by=w.mediator_user, **AGREEMENT)
    text = text_of(agreement_docx(agreement))
    assert "东街道人民调解委员会" in text and "人民调解协议书" in text
    assert "编号：东街调协〔2025〕1号" in text
    # (一) 当事人的基本情况
    assert f"申请人：张三，男，1980年1月1日出生，汉族，个体户，住浙江省湖州市测试路" in text
    assert f"身份证号{id_number('19800101', '123')}" in text
    assert "被申请人：湖州测试物业有限公司" in text and "法定代表人（负责人）王经理" in text
    assert "统一社会信用代码91330502MA2B3C4D5" in text
    # (二) 纠纷的主要事实、争议事项以及各方当事人的责任
    assert "纠纷的主要事实：李四在通道上堆放建材，张三出入不便。" in text
    assert "争议事项：通道是否应当清理。" in text
    assert "三、各方当事人的责任\n李四占用共用通道，应负主要责任。" in text
    # (三) 协议内容，履行的方式、期限
    assert "一、李四于三日内清除建材。\n二、双方共同维护通道畅通。" in text
    assert "履行方式：李四自行清理，调委会现场确认。" in text
    assert "履行期限：2025年3月13日前履行完毕。" in text
    # 生效条件、份数、司法确认、签名栏
    assert "签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效" in text
    assert "本协议书一式3份，当事人各执一份，人民调解委员会留存一份。" in text
    assert "三十日内共同向人民法院申请司法确认" in text
    assert "人民调解员（签名）" in text and "人民调解委员会（印章）" in text
    document = docx.Document(io.BytesIO(agreement_docx(agreement)))
    assert document.core_properties.title == "人民调解协议书 东街调协〔2025〕1号"


def test_the_docx_downloads_for_the_handler_only(client, w):
    case = w.case("drafted")
    url = reverse("mediation:agreement_download", args=[case.pk])
    client.force_login(w.mediator_user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "%E5%BE%85%E7%AD%BE%E7%BD%B2" in response["Content-Disposition"]  # （待签署）
    assert "编号：东街调协〔2025〕1号" in text_of(response.content)
    client.force_login(w.tree.district_overseer)
    assert client.get(url).status_code == 403
    client.force_login(w.tree.sibling_handler)
    assert client.get(url).status_code == 404


def test_drafting_needs_the_parties_particulars(w):
    case = w.case("mediating", parties=[party("张三"), party("李四", Party.Side.RESPONDENT, id_number="", address="")])
    with pytest.raises(ValidationError) as error:
        actions.draft_agreement(case, by=w.mediator_user, **AGREEMENT)
    assert "李四缺身份证号、住址" in str(error.value) and "第二十九条" in str(error.value)
    assert not Agreement.objects.exists()


def test_drafting_needs_both_sides_and_every_content_item(w):
    one_sided = w.case("mediating", parties=[party("张三")])
    with pytest.raises(ValidationError, match="至少应有双方当事人"):
        actions.draft_agreement(one_sided, by=w.mediator_user, **AGREEMENT)
    case = w.case("mediating")
    with pytest.raises(ValidationError, match="请填写各方当事人的责任"):
        actions.draft_agreement(case, by=w.mediator_user, **{**AGREEMENT, "responsibilities": ""})
    with pytest.raises(ValidationError, match="至少 3 份"):
        actions.draft_agreement(case, by=w.mediator_user, **{**AGREEMENT, "copies": 2})
    assert not Agreement.objects.exists()


def test_an_agreement_without_every_signature_is_refused_and_nothing_saved(w):
    case = w.case("drafted")
    first = case.parties.first()
    with pytest.raises(ValidationError) as error:
        actions.sign_agreement(case, by=w.mediator_user, signed_party_ids=[first.pk], mediator_signed=False,
                               sealed=False, signing_mediator=w.chair)
    message = str(error.value)
    assert "当事人李四尚未签名、盖章或按指印" in message and "调解员尚未签名" in message
    assert "尚未加盖人民调解委员会印章" in message and "人民调解法第二十九条" in message
    case.refresh_from_db()
    assert case.status == DisputeCase.Status.MEDIATING and not Agreement.objects.get(case=case).is_effective
    assert len(deadlines.of(case)) == 1


def test_signing_makes_it_effective_and_starts_the_confirmation_and_follow_up_clocks(w):
    case = w.case("drafted")
    actions.sign_agreement(case, by=w.mediator_user, signed_party_ids=[p.pk for p in case.parties.all()],
                           mediator_signed=True, sealed=True, signing_mediator=w.chair, effective_on=TODAY)
    case.refresh_from_db()
    assert case.status == DisputeCase.Status.AGREED
    assert (case.outcome, case.outcome_on) == (DisputeCase.Outcome.WRITTEN, TODAY)
    clocks = {d.rule.code: d for d in deadlines.of(case)}
    assert clocks["mediation.resolve"].status == "met"
    assert clocks["mediation.judicial_confirmation"].due_on == dt.date(2025, 4, 9)
    assert clocks["mediation.judicial_confirmation"].basis == "《人民调解法》第三十三条"
    assert clocks["mediation.follow_up"].status == "open"
    assert audit_actions(case)[-1] == "mediation.record_success"
    with pytest.raises(InvalidTransition, match="已经生效"):
        actions.sign_agreement(case, by=w.mediator_user, signed_party_ids=[], mediator_signed=True, sealed=True,
                               signing_mediator=w.chair)


def test_parties_who_decline_confirmation_get_no_reminder(w):
    case = w.case("drafted")
    actions.sign_agreement(case, by=w.mediator_user, signed_party_ids=[p.pk for p in case.parties.all()],
                           mediator_signed=True, sealed=True, signing_mediator=w.chair, wants_confirmation=False)
    assert "mediation.judicial_confirmation" not in {d.rule.code for d in deadlines.of(case)}


def test_the_sign_form_names_the_missing_signatures(client, w):
    case = w.case("drafted")
    client.force_login(w.mediator_user)
    response = client.post(reverse("mediation:sign", args=[case.pk]), {
        "sign-mediator_signed": "on", "sign-signing_mediator": w.chair.pk, "sign-effective_on": "2025-03-10",
        "sign-wants_confirmation": "undecided"})
    page = response.content.decode()
    assert response.status_code == 200 and "当事人张三尚未签名、盖章或按指印" in page
    assert "尚未加盖人民调解委员会印章" in page
    assert DisputeCase.objects.get(pk=case.pk).status == DisputeCase.Status.MEDIATING


def test_an_oral_agreement_is_recorded_and_effective_at_once(w):
    case = w.case("mediating")
    agreement = actions.record_oral(case, by=w.mediator_user, terms="李四当日清除建材。", performance_method="自行清理。",
                                    agreed_on=TODAY)
    case.refresh_from_db()
    assert agreement.kind == Agreement.Kind.ORAL and agreement.effective_on == TODAY and agreement.number == ""
    assert case.status == DisputeCase.Status.AGREED and case.outcome == DisputeCase.Outcome.ORAL
    assert {d.rule.code for d in deadlines.of(case) if d.status == "open"} == {"mediation.follow_up"}
    with pytest.raises(ValidationError):
        actions.record_oral(w.case("mediating"), by=w.mediator_user, terms="", performance_method="x")


def test_the_agreement_page_drafts_from_the_form(client, w):
    case = w.case("mediating")
    client.force_login(w.mediator_user)
    url = reverse("mediation:agreement_edit", args=[case.pk])
    page = client.get(url).content.decode()
    assert "人民调解法》第二十九条" in page and "李四在两家之间的通道上堆放建材" in page
    data = {k: v for k, v in AGREEMENT.items()}
    data["performance_deadline"] = "2025-03-13"
    response = client.post(url, data)
    assert response.status_code == 302
    assert Agreement.objects.get(case=case).number == "东街调协〔2025〕1号"
