"""Who may do what with yearly reports: role × scope × state. Templates use the same predicates.

- The unit's 经办人 and 负责人 draft and edit; only the 负责人 signs off (定稿, 报送, 公开, 退回修改).
- The 督察 of a unit above sees its reports, reviews them by machine and sends a submitted one back.
- Anyone on the staff may run the machine review on a report file for a unit in their scope.

Predicates take ``state=False`` when a view decides 403 (wrong role); the action then refuses a wrong
state with its own Chinese message.
"""

from yifa.core.models import Role
from yifa.core.scope import can_see_org, has_role_anywhere, has_role_over

from .actions import REPORTING_KINDS
from .models import AnnualReport

S = AnnualReport.Status
DRAFTERS = (Role.HANDLER, Role.HEAD)
OVERSEERS = (Role.OVERSEER, Role.ADMIN)


def can_draft(user, org) -> bool:
    """生成草稿: the unit's 经办人 or 负责人, for a unit that reports (乡镇、街道; 区县、市)."""
    return org is not None and org.kind in REPORTING_KINDS and has_role_over(user, org, *DRAFTERS)


def can_edit(user, report: AnnualReport, *, state: bool = True) -> bool:
    """修改文字 / 重新生成: while a draft."""
    return (not state or report.status == S.DRAFT) and has_role_over(user, report.org, *DRAFTERS)


def can_finalize(user, report: AnnualReport, *, state: bool = True) -> bool:
    return (not state or report.status == S.DRAFT) and has_role_over(user, report.org, Role.HEAD)


def can_reopen(user, report: AnnualReport, *, state: bool = True) -> bool:
    return (not state or report.status == S.FINAL) and has_role_over(user, report.org, Role.HEAD)


def can_submit(user, report: AnnualReport, *, state: bool = True) -> bool:
    in_state = report.status == S.FINAL or (report.status == S.PUBLISHED and not report.submitted_on)
    return (not state or in_state) and report.org.parent_id is not None and has_role_over(user, report.org, Role.HEAD)


def can_publish(user, report: AnnualReport, *, state: bool = True) -> bool:
    return (not state or report.status in (S.FINAL, S.SUBMITTED)) and has_role_over(user, report.org, Role.HEAD)


def can_return(user, report: AnnualReport, *, state: bool = True) -> bool:
    """退回重报: the 督察 above, for a report submitted to it."""
    return ((not state or report.status == S.SUBMITTED) and report.org.parent_id is not None
            and has_role_over(user, report.org.parent, *OVERSEERS))


def can_review(user, report: AnnualReport) -> bool:
    """机器审查 of a report: the 督察 above, or the unit itself (自查)."""
    return has_role_over(user, report.org, *OVERSEERS, *DRAFTERS)


def is_own_unit(user, report: AnnualReport) -> bool:
    return has_role_over(user, report.org, *DRAFTERS) and not has_role_over(user, report.org, *OVERSEERS)


def can_upload_review(user, org=None) -> bool:
    """上传报告审查: staff who may act for ``org`` (or, without one, for some unit)."""
    roles = (*OVERSEERS, *DRAFTERS, Role.REVIEWER)
    if org is None:
        return has_role_anywhere(user, *roles)
    return can_see_org(user, org) and has_role_over(user, org, *roles)


def can_view_board(user) -> bool:
    """报送情况: who has and has not submitted, for the units below."""
    return user.is_superuser or has_role_anywhere(user, *OVERSEERS, Role.HEAD)
