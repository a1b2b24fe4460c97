"""Sentences for the yearly 法治政府建设年度报告, written from the figures (pure reads).

``sections(orgs, period)`` answers ``{"measures": [...], "first_responsible": [...]}``: 学法 and 普法 belong
to 主要举措和成效; the leadership's 专题会议, 述法 and their own study to the 第一责任人 part. Nothing is said
about a ledger with no records.
"""

from . import indicators


def _v(f) -> str:
    return f"{f.value:g}"


def study_sentence(f: dict) -> str:
    kinds = [("lectures", "举办法治专题讲座{}场"), ("central_group", "开展理论学习中心组集体学法{}次"),
             ("pre_meeting", "落实会前学法{}次"), ("court_observation", "组织旁听庭审{}次")]
    parts = [text.format(_v(f[code])) for code, text in kinds if f[code].value]
    if not f["study_sessions"].value:
        return ""
    text = f"全年组织学法活动{_v(f['study_sessions'])}次" + ("，其中" + "、".join(parts) if parts else "")
    if f["hours_per_person"].value is not None:
        text += f"；{_v(f['cadres'])}名干部人均学法{_v(f['hours_per_person'])}学时"
        if f["hours_target_rate"].value == 100:
            text += "，全部达到年度学时要求"
        elif f["hours_target_rate"].value is not None:
            text += f"，{f['hours_target_rate'].numerator}人达到年度学时要求"
    return text + "。"


def exam_sentence(f: dict) -> str:
    if not f["exam_takers"].value:
        return ""
    text = f"组织学法考试{_v(f['exam_takers'])}人次"
    if f["pre_appointment_exams"].value:
        text += f"（其中任前法律知识考试{_v(f['pre_appointment_exams'])}人次）"
    if f["exam_pass_rate"].value is not None:
        text += f"，考试合格率{_v(f['exam_pass_rate'])}%"
    return text + "。"


def outreach_sentence(f: dict) -> str:
    if not f["activities"].value:
        return ""
    text = f"坚持“谁执法谁普法”，开展普法活动{_v(f['activities'])}场，受众{_v(f['audience'])}人次"
    if f["materials"].value:
        text += f"，发放宣传资料{_v(f['materials'])}份"
    if f["consultations"].value:
        text += f"，接受群众法律咨询{_v(f['consultations'])}人次"
    return text + "。"


def liaison_sentence(f: dict) -> str:
    if not f["liaisons"].value and not f["rule_of_law_leaders"].value:
        return ""
    text = f"培育在册法律明白人{_v(f['liaisons'])}名"
    if f["rule_of_law_leaders"].value:
        text += f"、法治带头人{_v(f['rule_of_law_leaders'])}名"
    if f["liaison_coverage"].value is not None:
        text += f"，村（社区）覆盖率{_v(f['liaison_coverage'])}%"
    return text + "。"


def menu_sentence(f: dict) -> str:
    if not f["menu_requests"].value:
        return ""
    text = f"推行“菜单式”普法，受理群众点单{_v(f['menu_requests'])}件，送法上门{_v(f['menu_delivered'])}件"
    if f["menu_satisfaction"].value is not None:
        text += f"，群众满意率{_v(f['menu_satisfaction'])}%"
    return text + "。"


def first_responsible_sentence(f: dict) -> list[str]:
    sentences = []
    if f["leadership_meetings"].value:
        sentences.append(f"党政主要负责人切实履行推进法治建设第一责任人职责，召开专题会议研究法治建设工作"
                         f"{_v(f['leadership_meetings'])}次。")
    if f["law_reports"].value:
        sentences.append(f"党政主要负责人年终述法{_v(f['law_reports'])}次。")
    if f["central_group"].value:
        sentences.append(f"带头学法，主持理论学习中心组集体学法{_v(f['central_group'])}次。")
    return sentences


def sections(orgs, period) -> dict[str, list[str]]:
    f = indicators.by_code(orgs, period)
    measures = [study_sentence(f), exam_sentence(f), outreach_sentence(f), liaison_sentence(f), menu_sentence(f)]
    return {"measures": [s for s in measures if s], "first_responsible": first_responsible_sentence(f)}
