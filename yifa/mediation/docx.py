"""人民调解协议书 as .docx, with the contents 人民调解法 第二十九条 requires.

第二十九条: 调解协议书可以载明下列事项: (一) 当事人的基本情况; (二) 纠纷的主要事实、争议事项以及各方
当事人的责任; (三) 当事人达成调解协议的内容，履行的方式、期限. 调解协议书自各方当事人签名、盖章或者按指印，
人民调解员签名并加盖人民调解委员会印章之日起生效. 调解协议书由当事人各执一份，人民调解委员会留存一份.
The 司法确认 notice follows 第三十三条.
"""

from yifa.core.officialdoc import CENTER, HEADING1_FONT, RIGHT, SIZE_2, SIZE_4, TITLE_FONT, OfficialDocument, day_text

from .models import Agreement, Party

CN_NUMERALS = "一二三四五六七八九十"


def _date(day) -> str:
    return day_text(day, blank="    年  月  日")


def party_lines(party: Party) -> str:
    """当事人的基本情况, one line per party as written in practice."""
    if party.is_person:
        bits = [party.name]
        if party.gender:
            bits.append(party.get_gender_display())
        if party.birth_date:
            bits.append(f"{_date(party.birth_date)}出生")
        bits += [x for x in (party.ethnicity, party.occupation) if x]
        if party.address:
            bits.append(f"住{party.address}")
        if party.id_number:
            bits.append(f"身份证号{party.id_number}")
    else:
        bits = [party.name]
        if party.address:
            bits.append(f"住所地{party.address}")
        if party.id_number:
            bits.append(f"统一社会信用代码{party.id_number}")
        if party.legal_rep:
            bits.append(f"法定代表人（负责人）{party.legal_rep}")
    if party.phone:
        bits.append(f"联系电话{party.phone}")
    return f"{party.get_side_display()}：" + "，".join(bits) + "。"


def _numbered(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def agreement_docx(agreement: Agreement) -> bytes:
    """Build the 协议书; the same function serves the draft (for printing and signing) and the archived copy."""
    case = agreement.case
    committee = case.committee
    parties = list(case.parties.all())
    doc = OfficialDocument()
    doc.line(committee.name if committee else f"{case.org.name}人民调解委员会", font=HEADING1_FONT, align=CENTER)
    doc.line("人民调解协议书", font=TITLE_FONT, size=SIZE_2, align=CENTER)
    doc.line(f"编号：{agreement.number}", size=SIZE_4, align=RIGHT)

    doc.heading("一、当事人的基本情况")
    for party in parties:
        doc.para(party_lines(party))

    doc.heading("二、纠纷的主要事实、争议事项")
    doc.para(f"纠纷的主要事实：{agreement.facts}")
    doc.para(f"争议事项：{agreement.issues}")
    doc.heading("三、各方当事人的责任")
    for line in _numbered(agreement.responsibilities):
        doc.para(line)

    mediators = "、".join(m.name for m in case.mediators()) or "人民调解员"
    doc.heading("四、协议内容")
    doc.para(f"经{committee.name if committee else '本委员会'}调解员{mediators}主持调解，各方当事人在平等协商、"
             "自愿的基础上，达成如下协议：")
    for line in _numbered(agreement.terms):
        doc.para(line)

    doc.heading("五、履行方式、期限")
    doc.para(f"履行方式：{agreement.performance_method}")
    if agreement.performance_place:
        doc.para(f"履行地点：{agreement.performance_place}")
    doc.para(f"履行期限：{_date(agreement.performance_deadline)}前履行完毕。")

    doc.heading("六、其他")
    doc.para("本协议经人民调解委员会调解达成，具有法律约束力，当事人应当按照约定履行（《中华人民共和国人民调解法》"
             "第三十一条）。")
    doc.para("本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效（第二十九条）。")
    doc.para("双方当事人认为有必要的，可以自本协议生效之日起三十日内共同向人民法院申请司法确认（第三十三条）。")
    doc.para(f"本协议书一式{agreement.copies}份，当事人各执一份，人民调解委员会留存一份。")

    doc.blank()
    doc.para("当事人（签名、盖章或者按指印）：", indent=False)
    for party in parties:
        doc.para(f"{party.get_side_display()}：{party.name}            日期：{_date(agreement.effective_on)}",
                 indent=False)
    signer = agreement.signing_mediator.name if agreement.signing_mediator_id else ""
    doc.para(f"人民调解员（签名）：{signer}", indent=False)
    doc.line("人民调解委员会（印章）", align=RIGHT)
    doc.line(_date(agreement.effective_on), align=RIGHT)

    doc.doc.core_properties.title = f"人民调解协议书 {agreement.number}"
    doc.doc.core_properties.author = committee.name if committee else case.org.name
    return doc.to_bytes()
