"""信访事项处理意见书 as .docx (GB/T 9704 layout, see ``yifa.core.officialdoc``).

Contents required by 《信访工作条例》第三十二条: the petitioner's request, the facts and reasons,
the handling opinion and its basis; plus the 复查 route of 第三十五条.
"""

from yifa.core.officialdoc import DOCX, OfficialDocument, chinese_date, day_text

__all__ = ["DOCX", "opinion_letter"]


def opinion_letter(petition) -> bytes:
    """信访事项处理意见书 for a matter that has one."""
    org = petition.org
    doc = OfficialDocument(title=f"{org.name}\n信访事项处理意见书", number=petition.opinion_number)
    doc.addressee(petition.petitioner_name)
    doc.para(f"你（们）于{chinese_date(petition.received_on)}以{petition.get_channel_display()}形式反映的"
             f"“{petition.title}”信访事项（信访编号：{petition.number}），本机关已于{day_text(petition.accepted_on)}"
             "依法受理。现将处理意见告知如下：")
    doc.heading("一、信访请求、事实和理由")
    doc.para(petition.content)
    doc.heading(f"二、处理意见及依据（{petition.get_opinion_display()}）")
    doc.para(petition.opinion_text)
    doc.heading("三、救济途径")
    doc.para("如对本处理意见不服，可以自收到本意见书之日起30日内，向本机关的上一级行政机关请求复查"
             "（《信访工作条例》第三十五条）。")
    doc.signature(org.name, petition.replied_on)
    return doc.to_bytes()
