"""行政处罚决定书 (.docx, 第五十九条): opened again with python-docx and read."""

import io
from decimal import Decimal

from django.urls import reverse
from docx import Document

from yifa.enforcement import actions
from yifa.enforcement.documents import rmb_upper
from yifa.enforcement.models import EnforcementCase as Case

from .helpers import TODAY, decided, file, id_number, informed, record

ID = id_number("33050219680315301")


def docx(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    doc = Document(io.BytesIO(response.content))
    return doc, "\n".join(p.text for p in doc.paragraphs)


def download(client, case):
    return client.get(reverse("enforcement:case_decision_docx", args=[case.pk]))


def test_the_decision_document_carries_everything_article_59_asks_for(w, client):
    case = informed(w, fine=Decimal("150"), party_name="张三丰", party_id_number=ID)
    record(w, case, kind="evidence", evidence_kind="documentary", title="现场照片3张")
    case = actions.decide(case, by=w.head, decision_kind=Case.DecisionKind.PENALTY, decided_on=TODAY,
                          penalty_content="罚款人民币150元", fine_amount=Decimal("150"),
                          discretion_level=w.power.levels.get(circumstance="ordinary"))
    client.force_login(w.handler)
    page = client.get(reverse("enforcement:case_detail", args=[case.pk])).content.decode()
    assert "下载行政处罚决定书（.docx）" in page
    response = download(client, case)
    assert "attachment" in response["Content-Disposition"]
    doc, text = docx(response)
    assert doc.paragraphs[0].text == "东街道" and doc.paragraphs[1].text == "行政处罚决定书"
    assert case.decision_number in text  # 东街综执罚决〔2026〕1号
    assert "当事人：张三丰" in text and f"身份证号码：{ID}" in text  # unmasked in the document itself
    assert "住址：湖州市吴兴区环渚街道义皋村12组" in text
    assert "经查，当事人张三丰在人行道上摆摊经营" in text
    assert "以上事实有下列证据证明" in text and "现场检查笔录（现场检查（勘验）笔录）" in text and "现场照片3张（书证）" in text
    assert "《城市市容和环境卫生管理条例》第三十六条" in text and "裁量基准（一般情节" in text
    assert "罚款金额：人民币壹佰伍拾元整（¥150元）" in text
    assert "收到本决定书之日起十五日内" in text and "第六十七条" in text and "百分之三" in text
    assert "六十日内向甲区人民政府申请行政复议" in text and "六个月内依法向甲区人民法院提起行政诉讼" in text
    assert "执法人员：孙执法（执法证号33050220210015）、钱执法（执法证号33050220210016）" in text
    tail = [p.text for p in doc.paragraphs if p.text][-3:]
    assert tail == ["东街道", "2026年3月2日", "（加盖印章）"]


def test_no_penalty_and_on_the_spot_decisions_have_their_own_titles(w, client):
    case = informed(w)
    actions.decide(case, by=w.head, decision_kind=Case.DecisionKind.NO_PENALTY, decided_on=TODAY,
                   penalty_content="违法行为轻微并及时改正，没有造成危害后果")
    simple = actions.decide_on_the_spot(by=w.handler, org=w.org, power=w.power, cause="王五占道经营",
                                       party_kind=Case.PartyKind.PERSON, party_name="王五",
                                       party_id_number=id_number("33050219900101002"), officers=[w.officer, w.partner],
                                       decided_on=TODAY, penalty_content="警告", facts="王五在人行道摆摊。",
                                       discretion_level=w.power.levels.get(circumstance="minor"))
    client.force_login(w.head)
    _doc, text = docx(download(client, case))
    assert "不予行政处罚决定书" in text and "决定对当事人不予行政处罚" in text and "十五日内" not in text
    _doc, text = docx(download(client, simple))
    assert "当场行政处罚决定书" in text and "当事人：王五" in text and "处罚内容：警告" in text


def test_there_is_no_document_before_the_decision(w, client):
    case = file(w)
    client.force_login(w.handler)
    assert download(client, case).status_code == 404
    assert "决定书（.docx）" not in client.get(reverse("enforcement:case_detail", args=[case.pk])).content.decode()


def test_only_those_handling_the_units_cases_download_it(w, client):
    case = decided(w)
    client.force_login(w.tree.district_overseer)  # sees the case, masked: not the full-name document
    assert client.get(reverse("enforcement:case_detail", args=[case.pk])).status_code == 200
    assert download(client, case).status_code == 403
    for user in (w.tree.sibling_handler, w.tree.other_handler):
        client.force_login(user)
        assert download(client, case).status_code == 404
    client.force_login(w.reviewer_user)
    assert download(client, case).status_code == 200


def test_post_is_refused(w, client):
    case = decided(w)
    client.force_login(w.handler)
    assert client.post(reverse("enforcement:case_decision_docx", args=[case.pk])).status_code == 405


def test_amounts_in_capitals():
    assert rmb_upper("15000") == "壹万伍仟元整"
    assert rmb_upper("10005") == "壹万零伍元整"
    assert rmb_upper("150.05") == "壹佰伍拾元零伍分"
    assert rmb_upper("1234567.89") == "壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"
    assert rmb_upper("100010000") == "壹亿零壹万元整"
