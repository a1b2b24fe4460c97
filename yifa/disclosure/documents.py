"""政府信息公开申请答复书 as .docx (GB/T 9704 layout), one text per reply type of 第三十六条, with the
facts of the procedure (补正, 第三方意见, 延期) and the remedies (行政复议 60日, 行政诉讼 6个月).
"""

from yifa.core.officialdoc import DOCX, OfficialDocument, day_text

from .models import InfoRequest

R = InfoRequest
ACT = "《中华人民共和国政府信息公开条例》"
__all__ = ["DOCX", "reply_letter"]


def _opening(req: InfoRequest) -> str:
    you = "您" if req.applicant_type == R.ApplicantType.PERSON else "贵单位"
    text = f"本机关于{day_text(req.received_on)}收到{you}提出的政府信息公开申请（登记编号：{req.number}），申请获取“{req.description}”。"
    if req.correction_received_on:
        text += f"本机关于{day_text(req.correction_notice_on)}告知补正，于{day_text(req.correction_received_on)}收到补正后的申请。"
    if req.consult_sent_on:
        text += f"本机关于{day_text(req.consult_sent_on)}书面征求了第三方意见，征求意见所需时间不计算在答复期限内。"
    if req.is_extended:
        text += "经本机关政府信息公开工作机构负责人同意，答复期限延长20个工作日。"
    return text + "经审查，现答复如下："


def _decision(req: InfoRequest) -> str:
    reason = req.get_reason_display()
    basis = f"{ACT}{R.REASON_BASIS.get(req.reason, '')}"
    delivery = f"以{req.get_medium_display()}形式、{req.get_delivery_display()}方式"
    texts = {
        "provided": f"您申请获取的政府信息属于公开范围。根据{basis}的规定，本机关{delivery}向您提供该政府信息。",
        "already_public": f"您申请获取的政府信息已经主动公开。根据{basis}的规定，告知您获取该政府信息的方式和途径如下。",
        "not_held": f"经检索，本机关未制作、获取您申请公开的政府信息。根据{basis}的规定，告知如下。",
        "needs_creation": f"您申请获取的政府信息需要本机关对现有政府信息进行加工、分析方能形成。根据{basis}的规定，本机关不予提供。",
        "still_unclear": f"经补正，您的申请内容仍不明确，无法确定您所需的政府信息。根据{basis}的规定，本机关无法提供。",
        "petition": f"您提出的申请实为信访、投诉、举报等诉求。根据{basis}的规定，本机关不作为政府信息公开申请处理，请通过相应渠道依法提出。",
        "repeated": f"本机关已就您申请公开的相同政府信息作出答复。根据{basis}的规定，不予重复处理。",
        "publication": f"您申请获取的是公开出版物。根据{basis}的规定，告知您获取的途径。",
        "excessive": f"您申请公开政府信息的数量、频次明显超过合理范围，经要求说明理由，理由不合理。根据{basis}的规定，不予处理。",
        "confirmation": f"您要求本机关确认或者重新出具已经获取的信息。根据{basis}的规定，本机关不作为政府信息公开申请处理。",
        "no_fee": f"您逾期未按收费通知要求缴纳信息处理费。根据{basis}的规定，本机关不再处理该政府信息公开申请。",
    }
    if req.outcome == R.Outcome.PARTLY:
        return (f"您申请获取的政府信息中，部分内容{reason}，不应当公开。根据{ACT}第三十七条及{R.REASON_BASIS[req.reason]}"
                f"的规定，本机关对该信息作区分处理，{delivery}向您提供可以公开的部分，不予公开的部分理由如下。")
    if req.outcome == R.Outcome.WITHHELD:
        return f"您申请获取的政府信息{reason}。根据{basis}的规定，本机关决定不予公开，理由如下。"
    return texts.get(req.reason, "")


def _superior(req: InfoRequest) -> str:
    parent = req.org.parent
    if parent is None:
        return "上一级行政机关"
    return parent.name if parent.name.endswith(("政府", "机关", "局")) else f"{parent.name}人民政府"


def reply_letter(req: InfoRequest) -> bytes:
    """政府信息公开申请答复书."""
    doc = OfficialDocument(title=f"{req.org.name}\n政府信息公开申请答复书", number=req.reply_number)
    doc.addressee(req.applicant_name)
    doc.para(_opening(req))
    decision = _decision(req)
    if decision:
        doc.para(decision)
    if req.reply_text:
        doc.para(req.reply_text)
    if req.referred_agency:
        doc.para(f"负责公开该政府信息的行政机关及联系方式：{req.referred_agency}。")
    doc.para(f"如对本答复不服，可以自收到本答复书之日起60日内向{_superior(req)}申请行政复议，"
             "或者自收到本答复书之日起6个月内依法向人民法院提起行政诉讼。")
    doc.signature(req.org.name, req.replied_on)
    return doc.to_bytes()
