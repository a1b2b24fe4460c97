"""办理过程 by business date: one list of steps for the case page and, without names, for the portal."""

import datetime as dt

from .models import DisputeCase, FollowUp, Session


def steps(case: DisputeCase, *, public: bool) -> list[tuple[dt.date, str]]:
    """(date, text) for every step taken, oldest first. ``public`` leaves out every name and the contents."""
    first = (f"网上提交人民调解申请，由{case.origin_org.name}人民调解委员会接收。" if public else
             f"{case.origin_org.name}登记（{case.get_channel_display()}）")
    out = [(case.registered_on, first)]
    if case.rejected_on:
        out.append((case.rejected_on, f"不予受理。原因：{case.get_reject_reason_display()}。"
                    + ("如有疑问可到调委会咨询，也可以通过其他途径解决纠纷。" if public else case.reject_note)))
    if case.accepted_on:
        out.append((case.accepted_on, "已受理，一般在一个月内调结（《人民调解工作若干规定》第三十三条）。"))
    for escalation in case.escalations.select_related("from_org", "to_org"):
        out.append((escalation.escalated_on, f"转由{escalation.to_org.name}调解。" if public else
                    f"由{escalation.from_org.name}上报{escalation.to_org.name}：{escalation.reason}"))
    if case.assigned_on:
        out.append((case.assigned_on, "已指派调解员，调解员将与您联系。" if public else
                    f"指派{case.committee.name if case.committee_id else ''}调解员"
                    + "、".join(m.name for m in case.mediators())))
    held = Session.objects.filter(case=case, is_held=True).prefetch_related("mediators").order_by("held_on", "pk")
    for i, session in enumerate(held, 1):
        out.append((session.held_on, f"进行第{i}次调解。" if public else f"第{i}次调解（{session.place}）"))
    if case.is_success:
        out.append((case.outcome_on, "调解成功，双方达成调解协议。" if public else case.get_outcome_display()))
    elif case.outcome == DisputeCase.Outcome.FAILED:
        routes = "、".join(case.failure_route_labels())
        out.append((case.outcome_on, f"调解不成，已终止调解。您可以通过{routes}等途径依法维护自己的权利。" if public else
                    f"调解不成，终止调解，告知当事人：{routes}"))
    if case.confirmation_applied_on:
        out.append((case.confirmation_applied_on, "双方已向人民法院申请司法确认。" if public else
                    f"当事人向{case.confirmation_court}申请司法确认" + (f"，{case.confirmation_result}"
                                                                    if case.confirmation_result else "")))
    for visit in FollowUp.objects.filter(case=case).order_by("visited_on", "pk"):
        out.append((visit.visited_on, "调委会进行了回访。" if public else
                    f"回访（{visit.get_method_display()}，{visit.visitor}）：{visit.get_performance_display()}"))
    if case.closed_on:
        if public:
            out.append((case.closed_on, "已结案。" + ("感谢您的评价。" if case.rating else
                                                    "欢迎在“人民调解”栏目用查询码对本次服务作出评价。")))
        else:
            out.append((case.closed_on, "结案归档"))
    out.sort(key=lambda step: step[0])
    return out
