"""Who may do what in 政府信息公开: role × scope × state; templates show buttons with the same predicates.

经办人 and 负责人 of the unit (or a unit above) register and answer; only a 负责人 approves an extension
(第三十三条: 经政府信息公开工作机构负责人同意). 督察 read.
"""

from yifa.core.models import Role
from yifa.core.scope import has_role_over
from yifa.core.workflow import allowed

from .models import InfoRequest, ProactiveDisclosure

R = InfoRequest


def handles(user, org) -> bool:
    return user.is_superuser or has_role_over(user, org, Role.HANDLER, Role.HEAD)


def can_approve(user, org) -> bool:
    return user.is_superuser or has_role_over(user, org, Role.HEAD)


def can_register(user, org) -> bool:
    return org is not None and handles(user, org)


def can_see_personal(user, req: InfoRequest) -> bool:
    return handles(user, req.org)


def _can(user, obj, action: str) -> bool:
    return allowed(obj, action) and handles(user, obj.org)


def can_publish(user, pub: ProactiveDisclosure) -> bool:
    return _can(user, pub, "publish")


def can_withdraw_publication(user, pub: ProactiveDisclosure) -> bool:
    return _can(user, pub, "withdraw")


def can_extend(user, req: InfoRequest) -> bool:
    return req.status in (R.Status.REGISTERED, R.Status.CORRECTION, R.Status.CONSULTING) and not req.is_extended \
        and can_approve(user, req.org)


def can_request_correction(user, req):
    return _can(user, req, "request_correction") and not req.correction_notice_on and not req.consult_sent_on


def can_record_remedy(user, req):
    return req.status in R.FINISHED and handles(user, req.org)


def can_download_reply(user, req):
    return bool(req.reply_number)


REQUEST_ACTIONS = ("register_submission", "void", "request_correction", "receive_correction",
                   "close_without_correction", "consult_third_party", "receive_third_party_opinion", "reply",
                   "withdraw", "extend", "record_remedy")


def can(user, req: InfoRequest, action: str) -> bool:
    if action == "extend":
        return can_extend(user, req)
    if action == "request_correction":
        return can_request_correction(user, req)
    if action == "record_remedy":
        return can_record_remedy(user, req)
    return _can(user, req, action)


def available_actions(user, req: InfoRequest) -> dict[str, bool]:
    return {action: can(user, req, action) for action in REQUEST_ACTIONS}
