"""信访事项处理意见书 as .docx (GB/T 9704 layout, see ``officialdoc``).

Contents required by 《信访工作条例》第三十二条: the petitioner's request, the facts and reasons,
the handling opinion and its basis; plus the 复查 route of 第三十五条.
"""

from .officialdoc import DOCX, body, centred, day_text, heading, official_document, saved, signature

__all__ = ["DOCX", "opinion_letter"]


def opinion_letter(petition) -> bytes:
    """信访事项处理意见书 for a matter that has one."""
    org = petition.org
    doc = official_document()
    heading(doc, f"{org.name}\n信访事项处理意见书")
    centred(doc, petition.opinion_number)
    doc.add_paragraph()
    body(doc, f"{petition.petitioner_name}：", indent=False)
    body(doc, f"你（们）于{petition.received_on.year}年{petition.received_on.month}月{petition.received_on.day}日"
              f"以{petition.get_channel_display()}形式反映的“{petition.title}”信访事项"
              f"（信访编号：{petition.number}），本机关已于{day_text(petition.accepted_on)}依法受理。现将处理意见告知如下：")
    body(doc, "一、信访请求、事实和理由")
    body(doc, petition.content)
    body(doc, f"二、处理意见及依据（{petition.get_opinion_display()}）")
    body(doc, petition.opinion_text)
    body(doc, "三、救济途径")
    body(doc, "如对本处理意见不服，可以自收到本意见书之日起30日内，向本机关的上一级行政机关请求复查"
              "（《信访工作条例》第三十五条）。")
    signature(doc, org.name, petition.replied_on)
    return saved(doc)
