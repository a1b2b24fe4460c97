"""Every write of the legality-review module. Each action is one transaction and leaves an audit entry."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from yifa.core import audit, deadlines, numbering
from yifa.core.models import Org, Role
from yifa.core.numbering import next_number
from yifa.core.scope import has_role_over
from yifa.core.workflow import InvalidTransition, transition

from .actionkit import required
from .interface import notify_source
from .models import AdviserService, LegalAdviser, ReviewRequest

OPINION_NUMBER = "{abbr}法审〔{year}〕{n}号"
OPINION_KIND = "legal_opinion"




# ---------------------------------------------------------------- review requests


@transaction.atomic
def request_review(*, org: Org, by, subject: str, title: str, materials: str, question: str = "",
                   counterpart: str = "", amount=None, submitted_on: dt.date | None = None,
                   source_app: str = "", source_id: int | None = None, source_label: str = "",
                   source_url: str = "", rule_code: str = "") -> ReviewRequest:
    """送审: a unit asks for the legality review of a contract, decision, document or other matter.

    Other modules call this for their review step (``source_app``/``source_id`` name the
    matter; ``rule_code`` its statutory review time, e.g. ``decisions.legality_review``:
    《重大行政决策程序暂行条例》第二十六条, 一般不少于7个工作日). The rule's clock starts on
    the submission day; a minimum period gives the earliest day the opinion may be issued.
    """
    if subject not in ReviewRequest.Subject.values:
        raise ValidationError("请选择审查事项类别。")
    review = ReviewRequest(
        org=org, subject=subject, title=required(title, "请填写送审事项。")[:200],
        materials=required(materials, "请说明送审材料（草案文本、起草说明、法律依据等）。"),
        question=(question or "").strip(), counterpart=(counterpart or "").strip()[:100], amount=amount,
        submitted_by=by, submitted_on=submitted_on or deadlines.today(), source_app=source_app,
        source_id=source_id, source_label=source_label[:200], source_url=source_url[:200], rule_code=rule_code,
    )
    if review.subject == ReviewRequest.Subject.CONTRACT and not review.counterpart:
        raise ValidationError("合同审查请填写合同相对方。")
    review.save()
    if rule_code:
        clock = deadlines.start(review, rule_code, start=review.submitted_on, by=by, org=org,
                                note="合法性审查送审")
        if clock.rule.kind == "minimum":
            review.earliest_issue_on = clock.due_on
            review.save(update_fields=["earliest_issue_on"])
    audit.record("legal_review.request_review", review, by=by, org=org,
                 note=f"送审：{review.title}" + (f"（来自{source_label}）" if source_label else ""),
                 changes={"subject": [None, review.subject], "status": [None, review.status]})
    return review


def _check_reviewer(review: ReviewRequest, reviewer) -> None:
    if reviewer is None:
        return
    if reviewer.pk == review.submitted_by_id:
        raise ValidationError("审查人不能是送审人本人。")
    if not has_role_over(reviewer, review.org, Role.REVIEWER, Role.HEAD):
        raise ValidationError(f"{reviewer.display_name}不是本单位或上级单位的审核人员，不能分派审查。")


def _check_adviser(review: ReviewRequest, adviser: LegalAdviser | None, on: dt.date) -> None:
    if adviser is None:
        return
    related = adviser.org.is_within(review.org) or review.org.is_within(adviser.org)
    if not related:
        raise ValidationError(f"{adviser.name}不是本单位或辖区的法律顾问。")
    if not adviser.serves_on(on):
        raise ValidationError(f"{adviser.name}不在聘期内，不能分派审查。")


@transaction.atomic
def assign(review: ReviewRequest, *, by, reviewer=None, adviser: LegalAdviser | None = None) -> ReviewRequest:
    """分派: give the review to 司法所 staff (a 审核人) and/or a 法律顾问 or 公职律师.

    《重大行政决策程序暂行条例》第二十八条: 法律顾问、公职律师 take part in the review.
    Re-assigning a review already under way is allowed and recorded.
    """
    if reviewer is None and adviser is None:
        raise ValidationError("请选择审查人或法律顾问。")
    today = deadlines.today()
    _check_reviewer(review, reviewer)
    _check_adviser(review, adviser, today)
    old = [review.reviewer_id, review.adviser_id]
    review.reviewer, review.adviser, review.assigned_on = reviewer, adviser, today
    transition(review, "assign", by=by, note=f"分派给：{review.reviewer_label}",
               changes={"reviewer_adviser": [old, [review.reviewer_id, review.adviser_id]]},
               extra_fields=["reviewer", "adviser", "assigned_on"])
    return review


@transaction.atomic
def return_for_materials(review: ReviewRequest, *, by, reason: str) -> ReviewRequest:
    """退回补充材料: the materials are incomplete (条例第二十七条); the review time starts again on resubmission."""
    review.return_reason = required(reason, "请写明需要补充的材料。")
    transition(review, "return_for_materials", by=by, note=review.return_reason, extra_fields=["return_reason"])
    notify_source(review, by=by)
    return review


@transaction.atomic
def resubmit(review: ReviewRequest, *, by, materials: str) -> ReviewRequest:
    """补充材料后重新提交: the review time is counted again from the day the complete materials arrive."""
    added = required(materials, "请说明补充了哪些材料。")
    today = deadlines.today()
    review.materials = f"{review.materials}\n【{today:%Y-%m-%d} 补充】{added}"
    if review.rule_code:
        clock = deadlines.start(review, review.rule_code, start=today, by=by, org=review.org,
                                note="补充材料后重新起算")
        review.earliest_issue_on = clock.due_on if clock.rule.kind == "minimum" else None
    transition(review, "resubmit", by=by, note=added, extra_fields=["materials", "earliest_issue_on"])
    notify_source(review, by=by)
    return review


@transaction.atomic
def issue_opinion(review: ReviewRequest, *, by, conclusion: str, opinion: str, basis: str,
                  issued_on: dt.date | None = None, short_review_reason: str = "") -> ReviewRequest:
    """出具审查意见书: numbered in the unit's 法审 series; tells the asking module the outcome.

    The review may not be cut short of its statutory minimum (条例第二十六条: 一般不少于7个
    工作日) unless a reason is recorded. The opinion covers 权限、程序、内容 (第二十七条).
    """
    if conclusion not in ReviewRequest.Conclusion.values:
        raise ValidationError("请选择审查结论。")
    review.opinion = required(opinion, "请填写审查意见。")
    review.basis = required(basis, "请填写审查依据（法律、法规、规章和政策）。")
    issued_on = issued_on or deadlines.today()
    if issued_on > deadlines.today():
        raise ValidationError("出具日期不能晚于今天。")
    reason = (short_review_reason or "").strip()
    if review.earliest_issue_on and issued_on < review.earliest_issue_on and not reason:
        raise ValidationError(
            f"审查时间不足：{minimum_words(review)}，本件最早可于{review.earliest_issue_on:%Y年%-m月%-d日}出具。"
            "确需缩短的，请填写缩短理由。")
    review.conclusion, review.issued_on, review.short_review_reason = conclusion, issued_on, reason[:200]
    review.issued_by_name = getattr(by, "display_name", str(by))[:100]
    number = next_number(review.org, OPINION_KIND, issued_on.year, fmt=OPINION_NUMBER)
    review.opinion_number = number.text
    if review.rule_code:
        deadlines.complete(review, review.rule_code, on=issued_on, by=by)
    transition(review, "issue_opinion", by=by, note=f"{review.opinion_number}：{review.get_conclusion_display()}",
               changes={"conclusion": [None, conclusion], "opinion_number": [None, review.opinion_number]},
               extra_fields=["opinion", "basis", "conclusion", "issued_on", "short_review_reason",
                             "issued_by_name", "opinion_number"])
    notify_source(review, by=by)
    return review


def minimum_words(review: ReviewRequest) -> str:
    """'《…》第…条规定审查时间一般不少于7个工作日': the rule behind the earliest issue day, in words."""
    clock = next((d for d in deadlines.of(review) if d.rule.code == review.rule_code), None)
    if clock is None:
        return "有关规定对审查时间有最短要求"
    return f"{clock.basis}规定审查时间一般不少于{clock.rule.period_label}"


@transaction.atomic
def record_adoption(review: ReviewRequest, *, by, adoption: str, note: str = "") -> ReviewRequest:
    """登记采纳情况: the requesting side says whether it adopted the opinion, and why not where it did not."""
    if adoption not in ReviewRequest.Adoption.values:
        raise ValidationError("请选择采纳情况。")
    note = (note or "").strip()
    if adoption != ReviewRequest.Adoption.ADOPTED and not note:
        raise ValidationError("未采纳或部分采纳的，请说明理由。")
    review.adoption, review.adoption_note, review.adoption_on = adoption, note, deadlines.today()
    transition(review, "record_adoption", by=by, note=f"{review.get_adoption_display()} {note}".strip(),
               changes={"adoption": [None, adoption]}, extra_fields=["adoption", "adoption_note", "adoption_on"])
    return review


@transaction.atomic
def withdraw(review: ReviewRequest, *, by, reason: str) -> ReviewRequest:
    """撤回: the requesting side withdraws the request (the matter was dropped or redrafted)."""
    reason = required(reason, "请说明撤回理由。")
    if review.rule_code:
        deadlines.cancel(review, review.rule_code, by=by, reason=reason)
    transition(review, "withdraw", by=by, note=reason)
    notify_source(review, by=by)
    return review


# ---------------------------------------------------------------- advisers


ADVISER_FIELDS = ("org", "kind", "name", "firm", "license_no", "phone", "service_phone", "user", "serves_from",
                  "serves_until", "note")


def _clean_adviser(adviser: LegalAdviser) -> None:
    if not adviser.name.strip():
        raise ValidationError("请填写姓名。")
    if adviser.serves_until and adviser.serves_until < adviser.serves_from:
        raise ValidationError("聘期届满日不能早于聘期开始日。")
    if adviser.phone:
        from yifa.core.identity import validate_phone

        validate_phone(adviser.phone)


@transaction.atomic
def add_adviser(*, org: Org, by, **fields) -> LegalAdviser:
    """登记法律顾问/公职律师 for a unit or a 村/社区 (一村（社区）一法律顾问)."""
    adviser = LegalAdviser(org=org, **{k: v for k, v in fields.items() if k in ADVISER_FIELDS})
    _clean_adviser(adviser)
    adviser.save()
    audit.record("legal_review.add_adviser", adviser, by=by, org=None,
                 note=f"{adviser.get_kind_display()} {adviser.name}，服务{org.name}",
                 changes={"org": [None, org.pk], "serves_from": [None, adviser.serves_from]})
    return adviser


@transaction.atomic
def update_adviser(adviser: LegalAdviser, *, by, **fields) -> LegalAdviser:
    """修改法律顾问信息 (服务单位, 聘期, 联系方式…); the changes are audited, the phone number masked."""
    changes = {}
    for key, value in fields.items():
        if key in ADVISER_FIELDS and getattr(adviser, key) != value:
            old = getattr(adviser, key)
            changes[key] = [getattr(old, "pk", old), getattr(value, "pk", value)]
            setattr(adviser, key, value)
    _clean_adviser(adviser)
    if not changes:
        return adviser
    adviser.save(update_fields=list(changes))
    if "phone" in changes:
        changes["phone"] = ["***", "***"]  # the audit log is read widely; it does not need the number
    audit.record("legal_review.update_adviser", adviser, by=by, changes=changes)
    return adviser


@transaction.atomic
def end_service(adviser: LegalAdviser, *, by, on: dt.date, reason: str) -> LegalAdviser:
    """解聘/聘期届满: the adviser stops serving; the roster and coverage rate change from that day."""
    if not adviser.is_active:
        raise InvalidTransition("该法律顾问已不在聘。")
    if on < adviser.serves_from:
        raise ValidationError("结束日期不能早于聘期开始日。")
    reason = required(reason, "请说明原因（聘期届满、解聘、调离等）。")
    old = adviser.serves_until
    adviser.serves_until, adviser.is_active = on, False
    adviser.note = reason[:200]
    adviser.save(update_fields=["serves_until", "is_active", "note"])
    audit.record("legal_review.end_service", adviser, by=by, note=reason,
                 changes={"serves_until": [old, on], "is_active": [True, False]})
    return adviser


@transaction.atomic
def log_service(adviser: LegalAdviser, *, by, served_on: dt.date, kind: str, description: str,
                count: int = 1, org: Org | None = None) -> AdviserService:
    """服务记录: a meeting joined, a dispute helped with, a suggestion given, a lecture held."""
    if not adviser.is_active:
        raise InvalidTransition("该法律顾问已不在聘，不能再登记服务记录。")
    if kind not in AdviserService.Kind.values:
        raise ValidationError("请选择服务类型。")
    if served_on > deadlines.today():
        raise ValidationError("服务日期不能晚于今天。")
    if count < 1:
        raise ValidationError("次数/条数至少为 1。")
    service = AdviserService.objects.create(
        adviser=adviser, org=org or adviser.org, served_on=served_on, kind=kind, count=count,
        description=required(description, "请填写服务内容。"), recorded_by=by)
    audit.record("legal_review.log_service", service, by=by, org=None,
                 note=f"{adviser.name} {service.get_kind_display()} {count}",
                 changes={"kind": [None, kind], "count": [None, count]})
    return service


@transaction.atomic
def withdraw_for_source(request_id: int, *, by, reason: str) -> ReviewRequest | None:
    """撤回 asked by the module whose matter the review was for (the matter was dropped or redrafted).

    Returns None when the review is no longer open (already issued, closed or withdrawn).
    """
    review = ReviewRequest.objects.select_for_update().filter(pk=request_id).first()
    if review is None or not review.is_open:
        return None
    return withdraw(review, by=by, reason=reason)


# ---------------------------------------------------------------- 台账导入


@transaction.atomic
def import_reviews(rows: list[dict], *, by, org: Org) -> list[ReviewRequest]:
    """导入合法性审查台账: rows already checked (``ledger.check_reviews``); all saved or none.

    Each review is created in ``org`` as a standalone request (送审人 not known from a ledger, so any of the
    unit's reviewers may take an open one), audited, its 意见书编号 kept: the unit's 法审 series moves past the
    numbers brought in, so the next opinion never repeats one. A standalone request has no statutory review clock
    (the clocks of 重大行政决策 and 规范性文件 start when those modules send their drafts), so none is started.
    """
    from .ledger import UNKNOWN_MATERIALS

    reviews = []
    for row in rows:
        fields = {key: value for key, value in row.items() if value is not None}
        fields.setdefault("materials", UNKNOWN_MATERIALS)
        reviews.append(ReviewRequest(org=org, submitted_by=None, **fields))
    ReviewRequest.objects.bulk_create(reviews, batch_size=500)
    numbering.reserve_past(org, OPINION_KIND, OPINION_NUMBER, [r.opinion_number for r in reviews])
    audit.record_many("legal_review.import_review", reviews, by=by, org=org,
                      note=lambda r: f"台账导入：{r.get_subject_display()}“{r.title}”（{r.get_status_display()}"
                                     + (f"，{r.opinion_number}" if r.opinion_number else "") + "）",
                      changes=lambda r: {"status": [None, r.status], "opinion_number": [None, r.opinion_number or None]})
    return reviews


@transaction.atomic
def import_advisers(rows: list[dict], *, by, org: Org) -> list[LegalAdviser]:
    """导入法律顾问名册: rows already checked (``ledger.check_advisers``: each 服务单位 is the acting unit or a
    村（社区） below it that the importer may manage); all saved or none, each audited (phone numbers masked)."""
    advisers = []
    for row in rows:
        fields = {key: value for key, value in row.items() if value is not None}
        fields.setdefault("is_active", True)
        advisers.append(LegalAdviser(**fields))
    LegalAdviser.objects.bulk_create(advisers, batch_size=500)
    audit.record_many("legal_review.import_adviser", advisers, by=by, org=org,
                      note=lambda a: f"台账导入：{a.get_kind_display()} {a.name}，服务{a.org.name}",
                      changes=lambda a: {"org": [None, a.org_id], "serves_from": [None, a.serves_from],
                                         "is_active": [None, a.is_active]})
    return advisers


@transaction.atomic
def import_services(rows: list[dict], *, by, org: Org) -> list[AdviserService]:
    """导入法律顾问服务记录: rows already checked (``ledger.check_services``: each names an adviser of the unit's
    roster serving on that day); all saved or none, each audited."""
    services = []
    for row in rows:
        adviser = row["adviser"]
        services.append(AdviserService(adviser=adviser, org=row.get("org") or adviser.org, served_on=row["served_on"],
                                       kind=row["kind"], count=row.get("count") or 1, description=row["description"],
                                       recorded_by=by))
    AdviserService.objects.bulk_create(services, batch_size=500)
    audit.record_many("legal_review.import_service", services, by=by, org=org,
                      note=lambda s: f"台账导入：{s.adviser.name} {s.get_kind_display()} {s.count}",
                      changes=lambda s: {"kind": [None, s.kind], "count": [None, s.count]})
    return services
