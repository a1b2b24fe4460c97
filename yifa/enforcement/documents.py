"""行政处罚决定书 as a .docx in the GB/T 9704 layout of the platform's other official documents.

Contents follow 《行政处罚法》第五十九条 (当事人; 违法事实和证据; 处罚种类和依据; 履行方式和期限; 申请行政复议、
提起行政诉讼的途径和期限; 作出决定的机关名称和日期; 加盖印章), with payment per 第六十七条 and 第七十二条 and the
remedies of 行政复议法 第二十条、第二十四条 (60日, to the 县级 government above a 乡镇/街道) and 行政诉讼法
第四十六条 (6个月). The party is named in full: the document is served on them (the portal shows a masked copy).
"""

from decimal import Decimal

from yifa.core.officialdoc import RIGHT, OfficialDocument, chinese_date, indent_chars

from .models import CaseRecord, EnforcementCase, LegalReview

Case = EnforcementCase
ACT = "《中华人民共和国行政处罚法》"
EVIDENCE_KINDS = (CaseRecord.Kind.EVIDENCE, CaseRecord.Kind.INQUIRY, CaseRecord.Kind.SITE, CaseRecord.Kind.AV,
                  CaseRecord.Kind.MEASURE)

DIGITS = "零壹贰叁肆伍陆柒捌玖"
UNITS = ["", "拾", "佰", "仟"]
SECTIONS = ["", "万", "亿", "万亿"]


def _group(number: int) -> str:
    """One group of four digits (0 < number < 10000) in capitals, inner zeros read once."""
    text, zero = "", False
    for position in (3, 2, 1, 0):
        digit = number // 10 ** position % 10
        if digit == 0:
            zero = zero or bool(text)
            continue
        if zero:
            text, zero = text + "零", False
        text += DIGITS[digit] + UNITS[position]
    return text


def rmb_upper(amount) -> str:
    """人民币大写, e.g. 15000.5 → 壹万伍仟元伍角 (as written on a 决定书 next to the figures)."""
    amount = Decimal(str(amount)).quantize(Decimal("0.01"))
    yuan, cents = divmod(int(amount * 100), 100)
    groups = []
    while yuan:
        groups.append(yuan % 10000)
        yuan //= 10000
    text, zero = "", False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            zero = zero or bool(text)
            continue
        if text and (zero or group < 1000):
            text += "零"
        text, zero = text + _group(group) + SECTIONS[index], False
    if not text and not cents:
        return "零元整"
    if text:
        text += "元"
    if not cents:
        return text + "整"
    jiao, fen = divmod(cents, 10)
    if jiao:
        text += DIGITS[jiao] + "角"
    elif text:
        text += "零"
    return text + (DIGITS[fen] + "分" if fen else "")


def _yuan(amount) -> str:
    return f"{Decimal(amount):,.2f}".rstrip("0").rstrip(".")


def superior_government(org) -> str:
    """The 行政复议机关 of a 乡镇/街道: the 县级 government above it (行政复议法 第二十四条)."""
    parent = org.parent
    if parent is None:
        return "上一级人民政府"
    return parent.name if parent.name.endswith("政府") else f"{parent.name}人民政府"


def court(org) -> str:
    """The 基层人民法院 where the organ sits (行政诉讼法 第十八条), named after the 区/县 above a 乡镇/街道."""
    parent = org.parent
    if parent is None or parent.kind != parent.Kind.COUNTY:
        return "有管辖权的人民法院"
    return f"{parent.name.removesuffix('人民政府')}人民法院"


def _party_lines(case: Case) -> list[str]:
    if case.party_kind == Case.PartyKind.PERSON:
        lines = [f"当事人：{case.party_name}", f"身份证号码：{case.party_id_number}"]
        if case.party_address:
            lines.append(f"住址：{case.party_address}")
    else:
        lines = [f"当事人：{case.party_name}", f"统一社会信用代码：{case.party_id_number}"]
        if case.party_legal_rep:
            lines.append(f"法定代表人（负责人）：{case.party_legal_rep}")
        if case.party_address:
            lines.append(f"地址：{case.party_address}")
    if case.party_phone:
        lines.append(f"联系电话：{case.party_phone}")
    return lines


def _evidence(case: Case) -> list[str]:
    items = []
    for record in case.records.filter(kind__in=EVIDENCE_KINDS).order_by("occurred_at", "pk"):
        kind = record.get_evidence_kind_display() if record.evidence_kind else record.get_kind_display()
        items.append(f"{record.title}（{kind}）")
    return items


def _procedure(case: Case) -> str:
    parts = []
    if case.informed_on:
        rights = "陈述、申辩和要求听证" if case.hearing_offered else "陈述、申辩"
        parts.append(f"本机关于{chinese_date(case.informed_on)}告知当事人拟作出行政处罚的内容及事实、理由、依据，"
                     f"并告知当事人依法享有{rights}的权利")
    if case.rights_waived:
        parts.append("当事人明确表示放弃陈述、申辩和听证的权利")
    elif case.statement:
        parts.append("当事人提出了陈述、申辩意见，本机关已进行复核")
    elif case.informed_on:
        parts.append("当事人在规定期限内未提出陈述、申辩意见")
    if case.hearing_held_on:
        parts.append(f"应当事人申请，本机关于{chinese_date(case.hearing_held_on)}依法举行了听证")
    review = case.reviews.filter(status=LegalReview.Status.DONE, outcome=LegalReview.Outcome.AGREE).order_by(
        "-reviewed_at").first()
    if review is not None:
        parts.append(f"本案经法制审核，审核意见为同意（{chinese_date(review.reviewed_at.date())}）")
    if case.collective_discussed_on:
        parts.append(f"经本机关负责人于{chinese_date(case.collective_discussed_on)}集体讨论决定")
    return "；".join(parts) + "。" if parts else ""


def _basis(case: Case) -> str:
    power = case.power
    text = f"依据{power.basis}"
    if power.basis_text:
        text += f"“{power.basis_text.strip().rstrip('。')}”"
    text += "的规定"
    level = case.discretion_level
    if level is not None:
        text += (f"，参照本机关行政处罚裁量基准（{level.get_circumstance_display()}情节：{level.condition}，"
                 f"{level.range_text}）")
    if case.outside_range_reason:
        text += f"，超出裁量基准的理由：{case.outside_range_reason.strip().rstrip('。')}"
    return text


def _seal(document: OfficialDocument) -> None:
    """The place of the 印章, over the 署名 and date (第五十九条: 加盖作出行政处罚决定的行政机关的印章)."""
    indent_chars(document.line("（加盖印章）", align=RIGHT), right=4)


def decision_title(case: Case) -> str:
    if case.decision_kind == Case.DecisionKind.NO_PENALTY:
        return "不予行政处罚决定书"
    if case.procedure == Case.Procedure.SIMPLE:
        return "当场行政处罚决定书"
    return "行政处罚决定书"


def has_document(case: Case) -> bool:
    """A 决定书 exists once a 处罚 or 不予处罚 decision is made (移送司法机关 has its own 移送书)."""
    return bool(case.decided_on and case.decision_kind in (Case.DecisionKind.PENALTY, Case.DecisionKind.NO_PENALTY))


def decision_document(case: Case) -> OfficialDocument:
    """行政处罚决定书 (第五十九条), or 不予行政处罚决定书, or 当场行政处罚决定书 (第五十二条)."""
    org = case.org
    title = decision_title(case)
    document = OfficialDocument(title=f"{org.name}\n{title}", number=case.decision_number)
    for line in _party_lines(case):
        document.para(line, indent=False)
    if case.procedure == Case.Procedure.NORMAL:
        document.para(f"本机关于{chinese_date(case.filed_on)}对当事人{case.cause}立案调查，现已调查终结。")
    document.para(f"经查，{case.facts.strip()}" if case.facts.strip() else "经查，当事人实施了上述违法行为。",
                  bold_lead="")
    if case.place or case.occurred_on:
        when = chinese_date(case.occurred_on) if case.occurred_on else ""
        document.para(f"违法行为发生{'时间：' + when if when else ''}{'，' if when and case.place else ''}"
                      f"{'地点：' + case.place if case.place else ''}。")
    evidence = _evidence(case)
    if evidence:
        document.para("以上事实有下列证据证明：")
        for number, item in enumerate(evidence, start=1):
            document.para(f"{number}. {item}；" if number < len(evidence) else f"{number}. {item}。")
    procedure = _procedure(case)
    if procedure:
        document.para(procedure)
    if case.decision_kind == Case.DecisionKind.NO_PENALTY:
        document.para(f"本机关认为，{case.penalty_content.strip().rstrip('。')}。根据{ACT}的有关规定，"
                      "本机关决定对当事人不予行政处罚。")
    else:
        document.para(f"本机关认为，当事人的上述行为违反了有关法律规定，事实清楚，证据确凿。{_basis(case)}，"
                      "本机关决定对当事人作出如下行政处罚：")
        document.para(case.penalty_content.strip(), bold_lead="处罚内容：")
        if case.fine_amount:
            document.para(f"人民币{rmb_upper(case.fine_amount)}（¥{_yuan(case.fine_amount)}元）。",
                          bold_lead="罚款金额：")
        if case.confiscation_amount:
            document.para(f"人民币{rmb_upper(case.confiscation_amount)}"
                          f"（¥{_yuan(case.confiscation_amount)}元）。", bold_lead="没收违法所得：")
        if case.fine_amount or case.confiscation_amount:
            document.para("当事人应当自收到本决定书之日起十五日内，到指定的银行或者通过电子支付系统缴纳罚没款"
                          f"（{ACT}第六十七条）。到期不缴纳罚款的，本机关可以每日按罚款数额的百分之三加处罚款，"
                          f"加处罚款的数额不超过罚款的数额（{ACT}第七十二条）。", bold_lead="履行方式和期限：")
        else:
            document.para("当事人应当自收到本决定书之日起按照上述处罚内容履行。", bold_lead="履行方式和期限：")
    document.para(f"当事人如不服本决定，可以在收到本决定书之日起六十日内向{superior_government(org)}申请行政复议"
                  f"（《中华人民共和国行政复议法》第二十条），或者在六个月内依法向{court(org)}提起行政诉讼"
                  "（《中华人民共和国行政诉讼法》第四十六条）。", bold_lead="救济途径和期限：")
    if case.decision_kind == Case.DecisionKind.PENALTY:
        document.para(f"当事人申请行政复议或者提起行政诉讼的，行政处罚不停止执行，法律另有规定的除外（{ACT}第七十三条）。"
                      "当事人逾期不申请行政复议、不提起行政诉讼，又不履行本决定的，本机关将依法申请人民法院强制执行"
                      f"（{ACT}第七十二条）。")
    officers = "、".join(f"{o.name}（执法证号{o.cert_number}）" for o in case.officers.order_by("pk"))
    if officers:
        document.para(f"执法人员：{officers}", indent=False)
    document.signature(org.name, case.decided_on)
    _seal(document)
    return document


def decision_filename(case: Case) -> str:
    return f"{case.decision_number}{decision_title(case)}.docx"

