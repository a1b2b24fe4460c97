"""人民调解协议书 as .docx, with the contents 人民调解法 第二十九条 requires.

第二十九条: 调解协议书可以载明下列事项: (一) 当事人的基本情况; (二) 纠纷的主要事实、争议事项以及各方
当事人的责任; (三) 当事人达成调解协议的内容，履行的方式、期限. 调解协议书自各方当事人签名、盖章或者按指印，
人民调解员签名并加盖人民调解委员会印章之日起生效. 调解协议书由当事人各执一份，人民调解委员会留存一份.
The 司法确认 notice follows 第三十三条.
"""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .models import Agreement, Party

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
CN_NUMERALS = "一二三四五六七八九十"


def _font(run, name: str, size: float, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _para(doc, text: str = "", *, font=BODY_FONT, size=16, bold=False, align=None, indent=True):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    fmt = p.paragraph_format
    fmt.line_spacing = Pt(28)
    fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if text:
        _font(p.add_run(text), font, size, bold)
    return p


def _date(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "    年  月  日"


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
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)

    _para(doc, committee.name if committee else f"{case.org.name}人民调解委员会", font=HEADING_FONT, size=16,
          align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _para(doc, "人民调解协议书", font=TITLE_FONT, size=22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _para(doc, f"编号：{agreement.number}", size=14, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)

    _para(doc, "一、当事人的基本情况", font=HEADING_FONT)
    for party in parties:
        _para(doc, party_lines(party))

    _para(doc, "二、纠纷的主要事实、争议事项", font=HEADING_FONT)
    _para(doc, f"纠纷的主要事实：{agreement.facts}")
    _para(doc, f"争议事项：{agreement.issues}")
    _para(doc, "三、各方当事人的责任", font=HEADING_FONT)
    for line in _numbered(agreement.responsibilities):
        _para(doc, line)

    mediators = "、".join(m.name for m in case.mediators()) or "人民调解员"
    _para(doc, "四、协议内容", font=HEADING_FONT)
    _para(doc, f"经{committee.name if committee else '本委员会'}调解员{mediators}主持调解，各方当事人在平等协商、"
               "自愿的基础上，达成如下协议：")
    for line in _numbered(agreement.terms):
        _para(doc, line)

    _para(doc, "五、履行方式、期限", font=HEADING_FONT)
    _para(doc, f"履行方式：{agreement.performance_method}")
    if agreement.performance_place:
        _para(doc, f"履行地点：{agreement.performance_place}")
    _para(doc, f"履行期限：{_date(agreement.performance_deadline)}前履行完毕。")

    _para(doc, "六、其他", font=HEADING_FONT)
    _para(doc, "本协议经人民调解委员会调解达成，具有法律约束力，当事人应当按照约定履行（《中华人民共和国人民调解法》"
               "第三十一条）。")
    _para(doc, "本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效（第二十九条）。")
    _para(doc, "双方当事人认为有必要的，可以自本协议生效之日起三十日内共同向人民法院申请司法确认（第三十三条）。")
    _para(doc, f"本协议书一式{agreement.copies}份，当事人各执一份，人民调解委员会留存一份。")

    _para(doc)
    _para(doc, "当事人（签名、盖章或者按指印）：", indent=False)
    for party in parties:
        _para(doc, f"{party.get_side_display()}：{party.name}            日期：{_date(agreement.effective_on)}",
              indent=False)
    signer = agreement.signing_mediator.name if agreement.signing_mediator_id else ""
    _para(doc, f"人民调解员（签名）：{signer}", indent=False)
    _para(doc, "人民调解委员会（印章）", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    _para(doc, _date(agreement.effective_on), align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)

    doc.core_properties.title = f"人民调解协议书 {agreement.number}"
    doc.core_properties.author = committee.name if committee else case.org.name
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
