"""工作台 items of 行政执法: the next step of each case for its officers, reviews for the 审核人,
decisions and extension approvals for the 负责人, certificates about to expire, decisions to publish,
先行登记保存 to approve or decide, and the unit's yearly 执法数据 to compile and publish.

Running statutory deadlines themselves are listed by core; these items name the step the user owes.
"""

from django.urls import reverse

from yifa.core import deadlines
from yifa.core.models import Role
from yifa.core.registry import WorkItem
from yifa.core.scope import has_role_over

from .models import AnnualData, CaseExtension, EnforcementCase, EvidencePreservation, Inspection, LegalReview, Officer

Case = EnforcementCase
MODULE = "行政执法"
NEXT_STEP = {
    Case.Status.INVESTIGATING: "调查取证，完成后告知或提请法制审核",
    Case.Status.REVIEWED: "法制审核已通过，待告知或提请决定",
    Case.Status.INFORMED: "已告知，待当事人陈述申辩或申请听证",
    Case.Status.HEARING: "听证程序",
    Case.Status.DECIDED: "待送达决定书",
    Case.Status.SERVED: "待登记执行情况或结案",
    Case.Status.EXECUTED: "待结案",
}


def _due(case, code):
    return next((d for d in deadlines.of(case) if d.rule.code == code and d.status in ("open", "paused")), None)


def _ready_for_decision(case, today) -> bool:
    """Every step the law puts before a 处罚决定 is done (actions.decision_gate passes)."""
    from django.core.exceptions import ValidationError

    from .actions import decision_gate, running_pause

    if running_pause(case) is not None:
        return False
    try:
        decision_gate(case, decision_kind=Case.DecisionKind.PENALTY, today=today)
    except ValidationError:
        return False
    return True


def items(user) -> list[WorkItem]:
    if not getattr(user, "is_authenticated", False):
        return []
    today = deadlines.today()
    result: list[WorkItem] = []
    mine = (Case.objects.visible_to(user).filter(officers__user=user, status__in=NEXT_STEP).distinct()
            .select_related("power")[:50])
    for case in mine:
        # The step owed, with the earliest clock running on the case (90日, 送达, 公示): one line per case.
        clocks = [d for d in deadlines.of(case) if d.status in ("open", "paused") and d.rule.kind == "deadline"]
        state = NEXT_STEP[case.status]
        if any(d.rule.code == "enforcement.publicity" for d in clocks):
            state += "；处罚决定待公示"
        first = min(clocks, key=lambda d: d.due_on) if clocks else None
        result.append(WorkItem(MODULE, f"{case.number} {case.cause}", reverse("enforcement:case_detail", args=[case.pk]),
                               state=_with_clock(state, first), due_on=first.due_on if first else None,
                               basis=first.basis if first else ""))
    for review in LegalReview.objects.visible_to(user).filter(reviewer__user=user,
                                                             status=LegalReview.Status.PENDING).select_related("case"):
        result.append(WorkItem(MODULE, f"{review.case.number} {review.case.cause}",
                               reverse("enforcement:review_detail", args=[review.pk]), state="待法制审核",
                               basis="《行政处罚法》第五十八条"))
    heads = [case for case in Case.objects.visible_to(user).filter(
        status__in=(Case.Status.INFORMED, Case.Status.HEARING, Case.Status.REVIEWED)).select_related("org", "power")[:100]
        if has_role_over(user, case.org, Role.HEAD) and _ready_for_decision(case, today)]
    for case in heads:
        result.append(WorkItem(MODULE, f"{case.number} {case.cause}", reverse("enforcement:case_detail", args=[case.pk]),
                               state="待负责人审查决定", basis="《行政处罚法》第五十七条"))
    for ext in CaseExtension.objects.visible_to(user).filter(status=CaseExtension.Status.PENDING).select_related(
            "case", "case__org"):
        if has_role_over(user, ext.case.org, Role.HEAD):
            result.append(WorkItem(MODULE, f"{ext.case.number} 申请延长办案期限",
                                   reverse("enforcement:case_detail", args=[ext.case_id]), state="待批准延期"))
    result += _preservation_items(user)
    result += _annual_items(user)
    for inspection in Inspection.objects.visible_to(user).filter(officers__user=user,
                                                                 status=Inspection.Status.PENDING).select_related(
            "target", "draw"):
        result.append(WorkItem(MODULE, f"检查 {inspection.target.name}",
                               reverse("enforcement:inspection_detail", args=[inspection.pk]), state="待检查",
                               due_on=inspection.draw.planned_end if inspection.draw else inspection.planned_on))
    managed = [o for o in Officer.objects.visible_to(user).filter(status=Officer.Status.ACTIVE).exclude(cert_number="")
               .select_related("org") if o.expires_soon(today) or (o.expires_on and o.expires_on < today)]
    for officer in managed:
        if officer.user_id == user.pk or has_role_over(user, officer.org, Role.HEAD, Role.ADMIN):
            expired = officer.expires_on < today
            result.append(WorkItem(MODULE, f"执法证：{officer.name}（{officer.cert_number}）",
                                   reverse("enforcement:officer_edit", args=[officer.pk]),
                                   state="执法证已过期，不得执法" if expired else "执法证即将到期，请及时换证",
                                   due_on=officer.expires_on))
    return result


def _with_clock(state: str, clock) -> str:
    """The step owed, with where its clock stands (已逾期N日 / 还剩N个工作日)."""
    return f"{state} · {clock.state_text}" if clock is not None else state


def _preservation_items(user) -> list[WorkItem]:
    """先行登记保存: the 负责人 approves (第五十六条); the officers implement it and decide within 7 working days."""
    result = []
    P = EvidencePreservation.Status
    rows = (EvidencePreservation.objects.visible_to(user).filter(status__in=(P.REQUESTED, P.APPROVED, P.PRESERVED))
            .select_related("case", "case__org"))
    for p in rows:
        url = p.get_absolute_url()
        title = f"{p.case.number} 先行登记保存"
        if p.status == P.REQUESTED and has_role_over(user, p.case.org, Role.HEAD):
            result.append(WorkItem(MODULE, title, url, state="待负责人批准", basis="《行政处罚法》第五十六条"))
        elif p.status != P.REQUESTED and p.case.officers.filter(user=user).exists():
            clock = _due(p, "enforcement.evidence_decision")
            state = "已批准，待实施" if p.status == P.APPROVED else "待作出处理决定"
            result.append(WorkItem(MODULE, title, url, state=_with_clock(state, clock),
                                   due_on=clock.due_on if clock else None,
                                   basis=clock.basis if clock else "《行政处罚法》第五十六条"))
    return result


def _annual_items(user) -> list[WorkItem]:
    """The unit's yearly 执法数据 (国办发〔2018〕118号): compiled by its 经办人, published by its 负责人.

    Last year's record and clock are opened here on first need (the daily ``scan_deadlines`` does it too).
    """
    from .actions import open_annual_data_for

    open_annual_data_for(user)
    result = []
    S = AnnualData.Status
    waiting = {S.PENDING: "待编制：生成数据草稿", S.DRAFT: "草稿待负责人审核公开", S.WITHDRAWN: "已撤回，待更正后重新公开"}
    for record in AnnualData.objects.visible_to(user).filter(status__in=waiting).select_related("org"):
        if not has_role_over(user, record.org, Role.HANDLER, Role.HEAD):
            continue
        clock = _due(record, "enforcement.annual_data")
        state = waiting[record.status] if record.status != S.DRAFT or not record.history else "更正稿待负责人审核公开"
        result.append(WorkItem(MODULE, str(record), record.get_absolute_url(), state=_with_clock(state, clock),
                               due_on=clock.due_on if clock else None,
                               basis=clock.basis if clock else "国办发〔2018〕118号"))
    return result
