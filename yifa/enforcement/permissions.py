"""Who may do what in 行政执法: role × scope × state.

``may_<action>(user, obj)`` is role × scope: a view answers 403 when it is false.
``can_<action>(user, obj)`` adds the state: templates show a button only when it is true,
and the action itself refuses a wrong state with a message.
"""

from yifa.core.models import Role
from yifa.core.scope import can_see_org, has_role_over
from yifa.core.workflow import allowed

from .models import AnnualData, EnforcementCase, EvidencePreservation, LegalReview, RandomDraw

R = Role
Case = EnforcementCase


def enforcement_unit(org):
    """The 执法主体 for records created from ``org``: an internal department acts in its unit's name."""
    if org is not None and org.kind == org.Kind.DEPARTMENT and org.parent_id:
        return org.parent
    return org


# ---------------------------------------------------------------- registers


def may_manage_registers(user, org) -> bool:
    """权责清单、裁量基准、执法人员、法制审核人员、检查对象名录: kept by the unit's handlers, head or admin."""
    return user.is_superuser or has_role_over(user, org, R.HANDLER, R.HEAD, R.ADMIN)


def may_read(user, org) -> bool:
    return user.is_superuser or can_see_org(user, org)


# ---------------------------------------------------------------- inspections


def may_run_draw(user, draw: RandomDraw) -> bool:
    return may_manage_registers(user, draw.org)


def can_run_draw(user, draw: RandomDraw) -> bool:
    return may_run_draw(user, draw) and allowed(draw, "run_draw")


def can_publish_results(user, draw: RandomDraw) -> bool:
    return may_run_draw(user, draw) and allowed(draw, "publish_results") and draw.all_recorded


def is_officer_of(user, officers) -> bool:
    return any(o.user_id == user.pk for o in officers)


def may_record_inspection(user, inspection) -> bool:
    """Only an inspector on the inspection records its result (the officers who were there)."""
    return (has_role_over(user, inspection.org, R.HANDLER) or user.is_superuser) and (
        user.is_superuser or is_officer_of(user, inspection.officers.all()))


def can_record_inspection(user, inspection) -> bool:
    return may_record_inspection(user, inspection) and allowed(inspection, "record_inspection")


# ---------------------------------------------------------------- cases


def may_file_case(user, org) -> bool:
    """立案: a handler of the unit who is registered as an 执法人员 there."""
    return has_role_over(user, org, R.HANDLER) and user.enforcement_officers.filter(
        org__path__startswith=org.path).exists()


def may_import_cases(user, org) -> bool:
    """导入案件台账、检查台账 (past work of the unit): those who may 立案 there."""
    return user.is_superuser or may_file_case(user, org)


def may_work_case(user, case: Case) -> bool:
    """调查取证、告知、送达、执行、结案…: a handler who is one of the case's officers."""
    return has_role_over(user, case.org, R.HANDLER) and is_officer_of(user, case.officers.all())


def can_work_case(user, case: Case, action: str) -> bool:
    return may_work_case(user, case) and allowed(case, action)


def can_add_record(user, case: Case) -> bool:
    return may_work_case(user, case) and case.status not in (Case.Status.DROPPED,)


def may_decide(user, case: Case) -> bool:
    """第五十七条: the 行政机关负责人 decides."""
    return has_role_over(user, case.org, R.HEAD)


def can_decide(user, case: Case) -> bool:
    return may_decide(user, case) and allowed(case, "decide")


def may_revoke(user, case: Case) -> bool:
    return has_role_over(user, case.org, R.HEAD)


def can_revoke(user, case: Case) -> bool:
    return may_revoke(user, case) and allowed(case, "revoke")


def may_approve_extension(user, case: Case) -> bool:
    return has_role_over(user, case.org, R.HEAD)


def can_request_extension(user, case: Case) -> bool:
    return may_work_case(user, case) and case.is_open and not case.extensions.filter(
        status="pending").exists()


def can_publish(user, case: Case) -> bool:
    return (may_work_case(user, case) and case.decided_on is not None
            and case.decision_kind == Case.DecisionKind.PENALTY
            and case.status in (Case.Status.DECIDED, Case.Status.SERVED, Case.Status.EXECUTED, Case.Status.CLOSED)
            and not hasattr_publication(case))


def hasattr_publication(case: Case) -> bool:
    try:
        return case.publication is not None
    except Case.publication.RelatedObjectDoesNotExist:
        return False


def may_download_decision(user, case: Case) -> bool:
    """The 决定书 names the party in full: only those handling the unit's cases (经办人、负责人、审核人)."""
    return user.is_superuser or has_role_over(user, case.org, R.HANDLER, R.HEAD, R.REVIEWER)


# ---------------------------------------------------------------- 办案期限暂停计时


def _clock_running(case: Case) -> bool:
    return case.procedure == Case.Procedure.NORMAL and case.is_open


def can_pause_clock(user, case: Case) -> bool:
    return may_work_case(user, case) and _clock_running(case) and not case.pauses.filter(
        resumed_on__isnull=True).exists()


def can_resume_clock(user, case: Case) -> bool:
    return may_work_case(user, case) and _clock_running(case) and case.pauses.filter(
        resumed_on__isnull=True).exists()


# ---------------------------------------------------------------- 先行登记保存


P = EvidencePreservation.Status


def can_request_preservation(user, case: Case) -> bool:
    return may_work_case(user, case) and _clock_running(case)


def may_approve_preservation(user, preservation: EvidencePreservation) -> bool:
    """第五十六条: 经行政机关负责人批准."""
    return has_role_over(user, preservation.case.org, R.HEAD)


def can_approve_preservation(user, preservation: EvidencePreservation) -> bool:
    return (may_approve_preservation(user, preservation) and preservation.status == P.REQUESTED
            and preservation.case.is_open)


def may_work_preservation(user, preservation: EvidencePreservation) -> bool:
    return may_work_case(user, preservation.case)


def can_preserve(user, preservation: EvidencePreservation) -> bool:
    return may_work_preservation(user, preservation) and preservation.status == P.APPROVED and preservation.case.is_open


def can_decide_preservation(user, preservation: EvidencePreservation) -> bool:
    return may_work_preservation(user, preservation) and preservation.status == P.PRESERVED


# ---------------------------------------------------------------- 年度执法数据


def may_prepare_annual_data(user, record: AnnualData) -> bool:
    """The unit's 经办人 or 负责人 compiles the draft."""
    return user.is_superuser or has_role_over(user, record.org, R.HANDLER, R.HEAD)


def may_publish_annual_data(user, record: AnnualData) -> bool:
    """The unit's 负责人 reviews and publishes, withdraws or corrects what the unit publishes."""
    return user.is_superuser or has_role_over(user, record.org, R.HEAD)


def can_prepare_annual_data(user, record: AnnualData) -> bool:
    return may_prepare_annual_data(user, record) and allowed(record, "prepare_annual_data")


def can_publish_annual_data(user, record: AnnualData) -> bool:
    return may_publish_annual_data(user, record) and allowed(record, "publish_annual_data")


def can_withdraw_annual_data(user, record: AnnualData) -> bool:
    return may_publish_annual_data(user, record) and allowed(record, "withdraw_annual_data")


def can_correct_annual_data(user, record: AnnualData) -> bool:
    return may_publish_annual_data(user, record) and allowed(record, "correct_annual_data")


# ---------------------------------------------------------------- 法制审核


def is_case_handler(user, case: Case) -> bool:
    return user.pk in case.handler_users


def may_review(user, review: LegalReview) -> bool:
    """The assigned 法制审核人员 only, holding the reviewer role, and never a handler of the case."""
    return (has_role_over(user, review.case.org, R.REVIEWER) and review.reviewer.user_id == user.pk
            and not is_case_handler(user, review.case))


def can_review(user, review: LegalReview) -> bool:
    return may_review(user, review) and review.status == LegalReview.Status.PENDING


def may_see_reports(user, org) -> bool:
    return user.is_superuser or has_role_over(user, org, R.HEAD, R.OVERSEER, R.ADMIN, R.HANDLER, R.REVIEWER)
