"""Staff pages of 行政执法: scope lookup (404) → permission (403) → one action → redirect."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from yifa.core import audit, deadlines, imports
from yifa.core.actionviews import form_errors
from yifa.core.attachments import attachments_of
from yifa.core.audit import target_label
from yifa.core.models import AuditEntry, Org, Role, User
from yifa.core.models.deadlines import Deadline
from yifa.core.officialdoc import docx_response
from yifa.core.pagination import keyset_page
from yifa.core.scope import get_visible_or_404, has_role_over
from yifa.core.workflow import InvalidTransition

from . import actions, documents, forms, indicators, ledgers, permissions as perm, report
from .masking import case_secrets, mask_case_for_display, mask_text
from .models import (CASE_PAUSE_BASIS, AnnualData, CaseExtension, DiscretionLevel, EnforcementCase,
                     EvidencePreservation, Inspection, InspectionTarget, LegalReview, LegalReviewer, Officer, Power,
                     PowerStep, RandomDraw)

Case = EnforcementCase


# ---------------------------------------------------------------- helpers


def _unit(request):
    """The 执法主体 new records belong to: the unit chosen in the unit switcher."""
    membership = getattr(request.user, "active_membership", None)
    if membership is None:
        raise PermissionDenied("您还没有任何单位的任职。")
    return perm.enforcement_unit(membership.org)


def _managed_unit(request, what: str):
    """The acting unit, if the user keeps its registers (经办人、负责人、管理员); else 403 naming the task."""
    org = _unit(request)
    if not perm.may_manage_registers(request.user, org):
        _deny(f"只有本单位经办人、负责人或管理员可以{what}。")
    return org


def _deny(message: str):
    raise PermissionDenied(message)


def _org_filter(request, qs, field: str = "org"):
    """``?org=<pk>`` (repeatable): only those units' subtrees, as the indicator drill-downs link (scope still applies)."""
    pks = [int(v) for v in request.GET.getlist("org") if v.isdigit()]
    if not pks:
        return qs
    q = Q(pk__in=[])
    for org in Org.objects.visible_to(request.user).filter(pk__in=pks):
        q |= Q(**{f"{field}__path__startswith": org.path})
    return qs.filter(q)


def _date_range(request, qs, field: str, notes: list | None = None, label: str = ""):
    """``?start=``/``?end=`` (or ``from``/``to``) on ``field``, inclusive."""
    for keys, lookup, words in ((("start", "from"), "gte", "不早于"), (("end", "to"), "lte", "不晚于")):
        raw = next((request.GET[k] for k in keys if request.GET.get(k)), "")
        try:
            day = dt.date.fromisoformat(raw)
        except ValueError:
            continue
        qs = qs.filter(**{f"{field}__{lookup}": day})
        if notes is not None:
            notes.append(f"{label}{words}{actions.fmt_date(day)}")
    return qs


def _unit_officers(org):
    return Officer.objects.filter(org__path__startswith=org.path, status=Officer.Status.ACTIVE).order_by("name")


def _penalty_powers(org):
    """处罚 items the unit may apply: its own 权责清单 and those of the levels above (第二十四条)."""
    return Power.objects.filter(org__in=[org, *org.ancestors()], kind=Power.Kind.PENALTY, is_active=True)


def _unit_users(org):
    return User.objects.filter(memberships__org__path__startswith=org.path, is_active=True).distinct().order_by(
        "username")


# ---------------------------------------------------------------- overview


@login_required
def overview(request):
    year = deadlines.today().year
    orgs = indicators.orgs_of(request.user)
    figures = indicators.figures(orgs, (dt.date(year, 1, 1), dt.date(year, 12, 31)))
    open_cases = Case.objects.visible_to(request.user).filter(status__in=Case.OPEN_STATUSES).select_related(
        "power", "org").order_by("filed_on")[:10]
    pending_reviews = LegalReview.objects.visible_to(request.user).filter(
        status=LegalReview.Status.PENDING, reviewer__user=request.user).select_related("case")
    return render(request, "enforcement/overview.html", {
        "figures": figures, "year": year, "open_cases": open_cases, "pending_reviews": pending_reviews,
        "sentences": report.sentences(orgs, (dt.date(year, 1, 1), dt.date(year, 12, 31))),
    })


# ---------------------------------------------------------------- cases


@login_required
def case_list(request):
    cases = Case.objects.visible_to(request.user).select_related("power", "org")
    status = request.GET.get("status", "")
    if status == "open":
        cases = cases.filter(status__in=Case.OPEN_STATUSES)
    elif status in Case.Status.values:
        cases = cases.filter(status=status)
    procedure = request.GET.get("procedure", "")
    if procedure in Case.Procedure.values:
        cases = cases.filter(procedure=procedure)
    domain = request.GET.get("domain", "").strip()
    if domain:
        cases = cases.filter(power__domain=domain)
    power = request.GET.get("power", "")
    if power.isdigit():
        cases = cases.filter(power_id=int(power))
    year = request.GET.get("year", "")
    if year.isdigit():
        cases = cases.filter(filed_on__year=int(year))
    date_field = "decided_on" if request.GET.get("date") == "decided" else "filed_on"
    notes = []
    cases = _org_filter(request, cases)
    cases = _date_range(request, cases, date_field, notes, "决定日期" if date_field == "decided_on" else "立案日期")
    flag = request.GET.get("flag", "")
    flags = {
        "reviewed": ("经法制审核（同意）", Q(reviews__status=LegalReview.Status.DONE, reviews__outcome="agree")
                     | Q(ledger_reviewed=True)),
        "penalty": ("作出行政处罚决定", Q(decision_kind=Case.DecisionKind.PENALTY) & ~Q(status=Case.Status.REVOKED)),
        "fined": ("有罚款", Q(fine_amount__gt=0) & ~Q(status=Case.Status.REVOKED)),
    }
    if flag in flags:
        notes.append(flags[flag][0])
        cases = cases.filter(flags[flag][1]).distinct()
    elif flag in ("late", "overdue"):
        clocks = Deadline.objects.filter(target_type=Case._meta.label_lower, rule__code=actions.CASE_LIMIT)
        clocks = clocks.filter(status=Deadline.Status.LATE) if flag == "late" else clocks.filter(
            status__in=Deadline.ACTIVE, due_on__lt=deadlines.today())
        notes.append("逾期办结" if flag == "late" else "超过办案期限未决定")
        cases = cases.filter(pk__in=[int(pk) for pk in clocks.values_list("target_id", flat=True)])
    query = request.GET.get("q", "").strip()
    if query:
        cases = cases.filter(Q(number__icontains=query) | Q(cause__icontains=query) | Q(party_name__icontains=query))
    if request.GET.get("export") == "xlsx":
        return _export_cases(request, cases.order_by("filed_on", "pk"))
    # Keyset pages and an estimated count (yifa.core.pagination), on the index of this order.
    page = keyset_page(request, cases, order=("-filed_on", "-pk"), per_page=30)
    full_by_org: dict[int, bool] = {}
    for case in page:
        if case.org_id not in full_by_org:
            full_by_org[case.org_id] = _sees_personal_data(request.user, case)
        if not full_by_org[case.org_id]:
            mask_case_for_display(case)
            case.party_name = case.party_name if case.party_kind == Case.PartyKind.ENTITY else mask_text(
                case.party_name, [case.party_name])
    can_file = perm.may_file_case(request.user, _unit(request)) if request.user.active_membership else False
    can_import = perm.may_import_cases(request.user, _unit(request)) if request.user.active_membership else False
    return render(request, "enforcement/case_list.html", {
        "page": page, "status": status, "procedure": procedure, "query": query, "year": year, "flag": flag,
        "filter_note": "；".join(notes),
        "statuses": Case.Status.choices, "can_file": can_file, "can_import": can_import,
        "domains": Power.objects.visible_to(request.user).values_list("domain", flat=True).distinct().order_by(
            "domain"), "domain": domain,
    })


def _export_cases(request, cases):
    """导出台账; ``?full=1``: with whole ID numbers, for moving the records (re-import), to those who may import
    the unit's cases, each such export audited. Cases of units whose personal data the user may not see stay masked."""
    if request.GET.get("full") != "1":
        return ledgers.export_cases(cases)
    org = _unit(request)
    if not perm.may_import_cases(request.user, org):
        _deny("只有登记为本单位执法人员的经办人可以导出完整台账。")
    seen: dict[int, bool] = {}

    def full(case) -> bool:
        if case.org_id not in seen:
            seen[case.org_id] = _sees_personal_data(request.user, case)
        return seen[case.org_id]

    with transaction.atomic():
        audit.record("enforcement.export_cases_full", org, by=request.user, org=org,
                     note=f"导出完整行政处罚案件台账（含完整证件号码）{cases.count()} 件")
    return ledgers.export_cases(cases, full=full)


@login_required
def case_new(request):
    org = _unit(request)
    if not perm.may_file_case(request.user, org):
        _deny("只有登记为本单位执法人员的经办人可以立案。")
    initial = {"filed_on": deadlines.today(), "officers": Officer.objects.filter(user=request.user)}
    form = forms.CaseFileForm(request.POST or None, initial=initial, powers=_penalty_powers(org),
                              officers=_unit_officers(org))
    if request.method == "POST" and form.is_valid():
        try:
            case = actions.file_case(by=request.user, org=org, **form.cleaned_data)
            messages.success(request, f"已立案：{case.number}。办案期限自立案之日起计算（《行政处罚法》第六十条）。")
            return redirect("enforcement:case_detail", pk=case.pk)
        except ValidationError as error:
            form_errors(form, error)
    return render(request, "enforcement/case_form.html", {"form": form, "title": "立案", "simple": False})


@login_required
def case_simple_new(request):
    org = _unit(request)
    if not perm.may_file_case(request.user, org):
        _deny("只有登记为本单位执法人员的经办人可以当场处罚。")
    powers = _penalty_powers(org)
    form = forms.SimpleCaseForm(request.POST or None, initial={"decided_on": deadlines.today(),
                                                               "officers": Officer.objects.filter(user=request.user)},
                                powers=powers, officers=_unit_officers(org),
                                levels=DiscretionLevel.objects.filter(power__in=powers).select_related("power"))
    if request.method == "POST" and form.is_valid():
        try:
            case = actions.decide_on_the_spot(by=request.user, org=org, **form.cleaned_data)
            messages.success(request, f"已登记当场处罚决定 {case.decision_number}，并报所属行政机关备案。")
            return redirect("enforcement:case_detail", pk=case.pk)
        except ValidationError as error:
            form_errors(form, error)
    return render(request, "enforcement/case_form.html", {"form": form, "title": "简易程序（当场处罚）", "simple": True})


def _sees_personal_data(user, case) -> bool:
    return user.is_superuser or has_role_over(user, case.org, Role.HANDLER, Role.HEAD, Role.REVIEWER)


TIMELINE_LABELS = {
    **Case.ACTION_LABELS, **Inspection.ACTION_LABELS,
    "file_case": "立案", "update_case_facts": "补充违法事实", "change_officers": "更换承办人员",
    "add_record": "登记全过程记录", "record_statement": "记录陈述申辩", "schedule_hearing": "安排听证",
    "record_hearing": "登记听证笔录", "publish": "公示处罚决定", "withdraw_publication": "撤回公示",
    "request_extension": "申请延长办案期限", "decide_extension": "批示延期申请", "decide_on_the_spot": "当场处罚",
    "create_inspection": "安排检查", "attach": "上传附件",
    "pause_case_clock": "办案期限暂停计时", "resume_case_clock": "办案期限恢复计时",
    "request_preservation": "申请先行登记保存", **EvidencePreservation.ACTION_LABELS, **AnnualData.ACTION_LABELS,
    "open_annual_data": "起算年度执法数据公开期限",
}


def timeline(obj, *related):
    """The audit entries of the object (and of ``related`` objects), oldest first, each with a Chinese label."""
    q = Q(pk__in=[])
    for item in (obj, *related):
        target_type, target_id, _ = target_label(item)
        q |= Q(target_type=target_type, target_id=target_id)
    entries = list(AuditEntry.objects.filter(q).order_by("seq"))
    for entry in entries:
        entry.label = TIMELINE_LABELS.get(entry.action.split(".", 1)[-1], entry.action)
    return entries


def case_timeline(case) -> list[dict]:
    """全过程 on one line of time: each step and record at the date it happened (oldest first)."""
    events = []

    def add(when, title, detail="", who="", stage=""):
        if when is None:
            return
        moment = when if isinstance(when, dt.datetime) else dt.datetime.combine(when, dt.time(0, 0))
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment).replace(tzinfo=None)
        events.append({"at": moment, "has_time": isinstance(when, dt.datetime), "title": title, "detail": detail,
                       "who": who, "stage": stage})

    add(case.filed_on, "立案" if case.procedure == Case.Procedure.NORMAL else "当场处罚", case.cause,
        case.filed_by.display_name if case.filed_by else "")
    for r in case.records.select_related("attachment", "created_by"):
        detail = r.attachment.original_name if r.attachment else ""
        add(r.occurred_at, f"{r.get_kind_display()}：{r.title}", detail,
            r.created_by.display_name if r.created_by else "", r.get_stage_display())
    for review in case.reviews.select_related("reviewer"):
        add(review.submitted_at, "提请法制审核", f"审核人员 {review.reviewer.name}")
        if review.reviewed_at:
            add(review.reviewed_at, f"法制审核：{review.get_outcome_display()}", review.opinion[:80], review.reviewer.name)
    for p in case.preservations.select_related("requested_by", "approved_by"):
        add(p.requested_at, "申请先行登记保存", p.items[:80], p.requested_by.display_name if p.requested_by else "")
        if p.approved_at:
            add(p.approved_at, "负责人批准先行登记保存" if p.status != p.Status.REFUSED else "负责人不予批准先行登记保存",
                p.approval_note, p.approved_by.display_name if p.approved_by else "")
        if p.decided_on:
            add(p.decided_on, f"先行登记保存处理决定：{p.get_outcome_display()}", p.decision_content[:80])
    for pause in case.pauses.all():
        add(pause.paused_on, f"办案期限暂停计时（{pause.get_ground_display()}）",
            f"{pause.detail}；依据{pause.basis}（本地设定）")
        if pause.resumed_on:
            add(pause.resumed_on, f"办案期限恢复计时（{pause.get_ground_display()}期间结束）", pause.resume_note)
    add(case.informed_on, "告知拟处罚及陈述、申辩、听证权利" if case.hearing_offered else "告知拟处罚及陈述、申辩权利",
        case.proposed_penalty)
    add(case.hearing_requested_on, "当事人申请听证")
    add(case.hearing_notified_on, "通知听证", f"{case.hearing_on:%Y-%m-%d} {case.hearing_place}" if case.hearing_on else "")
    add(case.hearing_held_on, "举行听证", case.hearing_summary[:80], case.hearing_chair)
    for ext in case.extensions.select_related("requested_by", "decided_by"):
        add(ext.requested_at, "申请延长办案期限", ext.reason, ext.requested_by.display_name if ext.requested_by else "")
        if ext.decided_at:
            add(ext.decided_at, f"延期申请{ext.get_status_display()}", ext.decision_note,
                ext.decided_by.display_name if ext.decided_by else "")
    if case.procedure == Case.Procedure.NORMAL:
        add(case.decided_on, f"决定：{case.get_decision_kind_display()}" if case.decision_kind else "决定",
            f"{case.decision_number} {case.penalty_content}", case.decided_by.display_name if case.decided_by else "")
    add(case.served_on, f"送达（{case.get_service_method_display()}）" if case.service_method else "送达")
    add(case.executed_on, f"执行（{case.get_execution_method_display()}）" if case.execution_method else "执行")
    if perm.hasattr_publication(case):
        add(case.publication.published_on, "门户公示", case.publication.decision_number)
        add(case.publication.withdrawn_on, "撤回公示", case.publication.withdraw_reason)
    add(case.revoked_on, f"决定被{case.get_revocation_kind_display()}" if case.revocation_kind else "", case.revocation_reason)
    add(case.closed_on, "结案", case.closing_summary[:80])
    return sorted(events, key=lambda e: e["at"])


def _stage_states(case) -> list[tuple[str, str, str]]:
    """(code, label, done|current|todo|skipped) for the stepper on the case page."""
    s = Case.Status
    reached = {
        "filing": True,
        "investigation": True,
        "review": bool(case.reviews.filter(status=LegalReview.Status.DONE, outcome="agree").exists()),
        "notice": case.informed_on is not None,
        "hearing": case.hearing_held_on is not None,
        "decision": case.decided_on is not None,
        "service": case.served_on is not None,
        "execution": case.executed_on is not None,
        "closing": case.closed_on is not None,
    }
    current = {
        s.INVESTIGATING: "investigation", s.REVIEWING: "review", s.REVIEWED: "notice" if not case.informed_on
        else "decision", s.INFORMED: "decision", s.HEARING: "hearing", s.DECIDED: "service", s.SERVED: "execution",
        s.EXECUTED: "closing",
    }.get(case.status)
    states = []
    for code, label in Case.STAGES:
        if code == current:
            state = "current"
        elif reached[code]:
            state = "done"
        elif code == "review" and not case.requires_legal_review:
            state = "skipped"
        elif code == "hearing" and not case.hearing_requested_on:
            state = "skipped"
        else:
            state = "todo"
        states.append((code, label, state))
    return states


CASE_FORMS = {
    "facts": forms.CaseFactsForm, "officers": forms.OfficersForm, "record": forms.RecordForm,
    "submit_review": forms.SubmitReviewForm, "inform": forms.InformForm, "statement": forms.StatementForm,
    "request_hearing": forms.HearingRequestForm, "schedule_hearing": forms.HearingScheduleForm,
    "record_hearing": forms.HearingRecordForm, "decide": forms.DecideForm, "serve": forms.ServeForm,
    "execute": forms.ExecuteForm, "close": forms.CloseForm, "drop": forms.ReasonForm, "revoke": forms.RevokeForm,
    "extension": forms.ReasonForm, "publish": None, "pause": forms.PauseClockForm, "resume": forms.ResumeClockForm,
    "preservation": forms.PreservationRequestForm,
}
PRESERVATION_FORMS = {"approve": forms.PreservationApprovalForm, "preserve": forms.PreserveForm,
                      "decide": forms.PreservationDecisionForm}


def _form_kwargs(name, case):
    if name in ("officers", "record"):
        return {"officers": _unit_officers(case.org)}
    if name == "submit_review":
        ancestors = [case.org, *case.org.ancestors()]
        reviewers = LegalReviewer.objects.filter(Q(org__in=ancestors) | Q(org__path__startswith=case.org.path),
                                                 is_active=True).exclude(user_id__in=case.handler_users)
        return {"reviewers": reviewers.select_related("org")}
    if name == "decide":
        return {"levels": case.power.levels.all()}
    return {}


def _initial(name, case):
    today = deadlines.today()
    return {
        "facts": {"facts": case.facts, "place": case.place, "occurred_on": case.occurred_on},
        "officers": {"officers": case.officers.all()},
        "inform": {"informed_on": today, "proposed_fine": case.proposed_fine, "hearing_offered": case.is_large_fine_case},
        "request_hearing": {"requested_on": today},
        "schedule_hearing": {"notified_on": today},
        "record_hearing": {"held_on": case.hearing_on},
        "decide": {"decided_on": today, "decision_kind": "penalty", "penalty_content": case.proposed_penalty,
                   "fine_amount": case.proposed_fine},
        "serve": {"served_on": today},
        "execute": {"executed_on": today, "paid_amount": case.fine_amount},
        "close": {"closed_on": today},
        "revoke": {"revoked_on": today},
        "submit_review": {"grounds": case.review_grounds},
        "pause": ({"ground": "hearing", "paused_on": case.hearing_requested_on,
                   "detail": "当事人申请听证", "basis": CASE_PAUSE_BASIS.get("hearing", "")}
                  if case.hearing_requested_on and not case.hearing_held_on else {"paused_on": today}),
        "resume": {"resumed_on": today},
    }.get(name, {})


def _available(user, case) -> dict[str, bool]:
    work = perm.may_work_case(user, case)
    s = Case.Status
    return {
        "facts": work and case.is_open,
        "officers": work and case.is_open,
        "record": perm.can_add_record(user, case),
        "submit_review": perm.can_work_case(user, case, "submit_review") and not (
            case.status == s.HEARING and not case.hearing_held_on),
        "inform": perm.can_work_case(user, case, "inform"),
        "statement": work and case.status in (s.INFORMED, s.HEARING, s.REVIEWED) and bool(case.informed_on),
        "request_hearing": perm.can_work_case(user, case, "request_hearing") and case.hearing_offered,
        "schedule_hearing": work and case.status == s.HEARING and not case.hearing_held_on,
        "record_hearing": work and case.status == s.HEARING and bool(case.hearing_on) and not case.hearing_held_on,
        "decide": perm.can_decide(user, case),
        "serve": perm.can_work_case(user, case, "serve"),
        "execute": perm.can_work_case(user, case, "execute"),
        "close": perm.can_work_case(user, case, "close"),
        "drop": perm.may_decide(user, case) and case.is_open and case.status != s.REVIEWING,
        "revoke": perm.can_revoke(user, case),
        "extension": perm.can_request_extension(user, case),
        "publish": perm.can_publish(user, case),
        "pause": perm.can_pause_clock(user, case),
        "resume": perm.can_resume_clock(user, case),
        "preservation": perm.can_request_preservation(user, case),
    }


def _preservation_forms(user, case, bound) -> list[dict]:
    """Each 先行登记保存 of the case with the step the user may take on it now (and its form)."""
    rows = []
    for p in case.preservations.select_related("approved_by", "requested_by", "record__attachment",
                                               "decision_record__attachment"):
        step = None
        if perm.can_approve_preservation(user, p):
            step = "approve"
        elif perm.can_preserve(user, p):
            step = "preserve"
        elif perm.can_decide_preservation(user, p):
            step = "decide"
        form = None
        if step:
            kwargs = {"officers": _unit_officers(case.org)} if step == "preserve" else {}
            initial = {"decided_on": deadlines.today()} if step == "decide" else {}
            form = bound.get((p.pk, step)) or PRESERVATION_FORMS[step](initial=initial, auto_id=f"p{p.pk}-{step}-%s",
                                                                      **kwargs)
        clock = next((d for d in deadlines.of(p) if d.rule.code == actions.EVIDENCE_DECISION), None)
        rows.append({"p": p, "step": step, "form": form, "clock": clock, "open": (p.pk, step) in bound})
    return rows


def _case_page(request, case, bound: dict | None = None, status: int = 200, preservation_bound: dict | None = None):
    bound = bound or {}
    available = _available(request.user, case)
    action_forms = {}
    for name, cls in CASE_FORMS.items():
        if not available.get(name) or cls is None:
            continue
        action_forms[name] = bound.get(name) or cls(initial=_initial(name, case), auto_id=f"{name}-%s",
                                                     **_form_kwargs(name, case))
    records = list(case.records.select_related("attachment", "created_by").prefetch_related("officers"))
    full = _sees_personal_data(request.user, case)
    preservations = list(case.preservations.all())
    audit_entries = timeline(case, *preservations)
    if not full:
        secrets = case_secrets(case)
        mask_case_for_display(case, records)
        for entry in audit_entries:
            entry.note = mask_text(entry.note, secrets)
    pending_ext = case.extensions.filter(status=CaseExtension.Status.PENDING).first()
    publication = getattr(case, "publication", None) if perm.hasattr_publication(case) else None
    return render(request, "enforcement/case_detail.html", {
        "case": case, "forms": action_forms, "available": available, "records": records,
        "reviews": case.reviews.select_related("reviewer").order_by("submitted_at"),
        "deadlines": sorted(deadlines.of(case) + [d for p in preservations for d in deadlines.of(p)],
                            key=lambda d: (d.started_on, d.pk)),
        "timeline": audit_entries, "events": case_timeline(case), "stages": _stage_states(case),
        "preservations": _preservation_forms(request.user, case, preservation_bound or {}),
        "pauses": case.pauses.all(), "running_pause": actions.running_pause(case),
        "decision_doc": documents.has_document(case) and perm.may_download_decision(request.user, case),
        "decision_title": documents.decision_title(case) if case.decided_on else "",
        "files": attachments_of(case), "pending_ext": pending_ext, "publication": publication,
        "can_approve_ext": pending_ext is not None and perm.may_approve_extension(request.user, case),
        "ext_form": forms.ExtensionDecisionForm(), "open_form": next(iter(bound), ""),
        "full": full, "levels": case.power.levels.all(),
    }, status=status)


@login_required
def case_detail(request, pk):
    case = get_visible_or_404(Case.objects.select_related("power", "org", "discretion_level"), request.user, pk=pk)
    return _case_page(request, case)


def _call(name, case, user, data, request):
    """Run the action ``name`` with the cleaned form ``data``."""
    a = actions
    if name == "facts":
        return a.update_case_facts(case, by=user, **data)
    if name == "officers":
        return a.change_officers(case, by=user, **data)
    if name == "record":
        upload = data.pop("file", None)
        return a.add_record(case, by=user, upload=upload, **data)
    if name == "submit_review":
        return a.submit_review(case, by=user, **data)
    if name == "inform":
        return a.inform(case, by=user, **data)
    if name == "statement":
        return a.record_statement(case, by=user, **data)
    if name == "request_hearing":
        return a.request_hearing(case, by=user, **data)
    if name == "schedule_hearing":
        return a.schedule_hearing(case, by=user, **data)
    if name == "record_hearing":
        return a.record_hearing(case, by=user, **data)
    if name == "decide":
        return a.decide(case, by=user, **data)
    if name == "serve":
        return a.serve(case, by=user, **data)
    if name == "execute":
        return a.execute(case, by=user, **data)
    if name == "close":
        return a.close(case, by=user, **data)
    if name == "drop":
        return a.drop(case, by=user, **data)
    if name == "revoke":
        return a.revoke(case, by=user, **data)
    if name == "extension":
        return a.request_extension(case, by=user, **data)
    if name == "publish":
        return a.publish(case, by=user)
    if name == "pause":
        return a.pause_case_clock(case, by=user, **data)
    if name == "resume":
        return a.resume_case_clock(case, by=user, **data)
    if name == "preservation":
        return a.request_preservation(case, by=user, **data)
    raise ValueError(name)


DONE_MESSAGES = {
    "facts": "已保存案件事实。", "officers": "已更换承办人员。", "record": "已登记全过程记录。",
    "submit_review": "已提请法制审核。", "inform": "已登记告知。", "statement": "已记录陈述申辩。",
    "request_hearing": "已登记听证申请。", "schedule_hearing": "已安排听证并通知当事人。",
    "record_hearing": "已登记听证笔录。", "decide": "已作出决定。", "serve": "已登记送达。", "execute": "已登记执行。",
    "close": "已结案。", "drop": "已撤销立案。", "revoke": "已登记撤销（变更），公示已撤回。",
    "extension": "已提交延期申请，待负责人批准。", "publish": "已在门户公示（当事人个人信息已去标识化）。",
    "pause": "已暂停办案期限计时，届满日将按暂停的天数顺延。", "resume": "已恢复办案期限计时，届满日已重新计算。",
    "preservation": "已申请先行登记保存，待行政机关负责人批准（《行政处罚法》第五十六条）。",
}


def _may(name, user, case) -> bool:
    if name in ("decide", "drop"):
        return perm.may_decide(user, case)
    if name == "revoke":
        return perm.may_revoke(user, case)
    return perm.may_work_case(user, case)


@require_POST
@login_required
def case_action(request, pk, name):
    if name not in CASE_FORMS:
        raise PermissionDenied("没有这个操作。")
    case = get_visible_or_404(Case.objects.select_related("power", "org"), request.user, pk=pk)
    if not _may(name, request.user, case):
        if name in ("decide", "drop", "revoke"):
            _deny("这一步由行政机关负责人决定（《行政处罚法》第五十七条）。")
        _deny("只有本案承办的执法人员可以办理这一步。")
    cls = CASE_FORMS[name]
    form = None
    data = {}
    if cls is not None:
        form = cls(request.POST, request.FILES, auto_id=f"{name}-%s", **_form_kwargs(name, case))
        if not form.is_valid():
            messages.error(request, "请按提示修改后重新提交。")
            return _case_page(request, case, {name: form})
        data = dict(form.cleaned_data)
    try:
        _call(name, case, request.user, data, request)
    except InvalidTransition as error:
        messages.error(request, str(error))
        return redirect("enforcement:case_detail", pk=case.pk)
    except ValidationError as error:
        if form is None:
            messages.error(request, "；".join(error.messages))
            return redirect("enforcement:case_detail", pk=case.pk)
        form_errors(form, error)
        messages.error(request, "；".join(error.messages))
        return _case_page(request, Case.objects.get(pk=case.pk), {name: form})
    messages.success(request, DONE_MESSAGES[name])
    return redirect("enforcement:case_detail", pk=case.pk)


PRESERVATION_DONE = {
    "approve": "已批示先行登记保存申请。",
    "preserve": "已登记实施先行登记保存，须在七个工作日内作出处理决定（《行政处罚法》第五十六条）。",
    "decide": "已登记先行登记保存的处理决定。",
}


@require_POST
@login_required
def preservation_action(request, pk, name):
    """批准、实施先行登记保存 and its 处理决定: scope (404) → role (403) → the action → back to the case."""
    if name not in PRESERVATION_FORMS:
        raise PermissionDenied("没有这个操作。")
    preservation = get_visible_or_404(EvidencePreservation.objects.select_related("case", "case__org",
                                                                                   "case__power"),
                                      request.user, pk=pk)
    case = preservation.case
    if name == "approve" and not perm.may_approve_preservation(request.user, preservation):
        _deny("先行登记保存须经行政机关负责人批准（《行政处罚法》第五十六条）。")
    if name != "approve" and not perm.may_work_preservation(request.user, preservation):
        _deny("只有本案承办的执法人员可以办理这一步。")
    kwargs = {"officers": _unit_officers(case.org)} if name == "preserve" else {}
    form = PRESERVATION_FORMS[name](request.POST, request.FILES, auto_id=f"p{pk}-{name}-%s", **kwargs)
    if not form.is_valid():
        messages.error(request, "请按提示修改后重新提交。")
        return _case_page(request, case, preservation_bound={(pk, name): form})
    data = dict(form.cleaned_data)
    try:
        if name == "approve":
            actions.approve_preservation(preservation, by=request.user, **data)
        elif name == "preserve":
            actions.preserve_evidence(preservation, by=request.user, upload=data.pop("file", None), **data)
        else:
            actions.decide_preservation(preservation, by=request.user, upload=data.pop("file", None), **data)
    except InvalidTransition as error:
        messages.error(request, str(error))
        return redirect(preservation.get_absolute_url())
    except ValidationError as error:
        form_errors(form, error)
        messages.error(request, "；".join(error.messages))
        return _case_page(request, Case.objects.get(pk=case.pk), preservation_bound={(pk, name): form})
    messages.success(request, PRESERVATION_DONE[name])
    return redirect(preservation.get_absolute_url())


@require_GET
@login_required
def case_decision_docx(request, pk):
    """The 行政处罚决定书 (.docx), once decided, for those who handle the unit's cases (it names the party in full)."""
    case = get_visible_or_404(Case.objects.select_related("org", "org__parent", "power", "discretion_level"),
                              request.user, pk=pk)
    if not perm.may_download_decision(request.user, case):
        _deny("决定书载有当事人完整信息，只有本单位经办人、负责人或审核人可以下载。")
    if not documents.has_document(case):
        raise Http404("本案尚未作出行政处罚（不予处罚）决定，没有决定书。")
    return docx_response(documents.decision_document(case), documents.decision_filename(case))


@require_POST
@login_required
def extension_decide(request, pk):
    ext = get_visible_or_404(CaseExtension.objects.select_related("case"), request.user, pk=pk)
    if not perm.may_approve_extension(request.user, ext.case):
        _deny("延长办案期限须经行政机关负责人批准。")
    form = forms.ExtensionDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择批准或不予批准。")
        return redirect("enforcement:case_detail", pk=ext.case_id)
    try:
        actions.decide_extension(ext, by=request.user, **form.cleaned_data)
        messages.success(request, "已批示延期申请。")
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    return redirect("enforcement:case_detail", pk=ext.case_id)


# ---------------------------------------------------------------- 法制审核


@login_required
def review_list(request):
    reviews = _org_filter(request, LegalReview.objects.visible_to(request.user), "case__org").select_related(
        "case", "reviewer", "case__org")
    reviews = _date_range(request, reviews, "submitted_at__date")
    mine = request.GET.get("mine", "1" if LegalReviewer.objects.filter(user=request.user).exists() else "")
    if mine == "1":
        reviews = reviews.filter(reviewer__user=request.user)
    page = Paginator(reviews.order_by("status", "-submitted_at"), 30).get_page(request.GET.get("page"))
    return render(request, "enforcement/review_list.html", {"page": page, "mine": mine})


@login_required
def review_detail(request, pk):
    review = get_visible_or_404(LegalReview.objects.select_related("case", "reviewer", "case__power"),
                                request.user, pk=pk)
    case = review.case
    form = forms.ReviewForm(request.POST or None)
    if request.method == "POST":
        if not perm.may_review(request.user, review):
            _deny("只有被指定的法制审核人员可以审核，且本案承办人员不得审核本案。")
        if form.is_valid():
            try:
                actions.review_case(review, by=request.user, outcome=form.cleaned_data["outcome"],
                                    opinion=form.cleaned_data["opinion"], checklist=form.checklist())
                messages.success(request, "已出具法制审核意见。")
                return redirect("enforcement:review_detail", pk=review.pk)
            except ValidationError as error:
                form_errors(form, error)
    return render(request, "enforcement/review_detail.html", {
        "review": review, "case": case, "form": form, "can_review": perm.can_review(request.user, review),
        "records": case.records.select_related("attachment"), "checklist": LegalReview.CHECKLIST,
        "full": True, "levels": case.power.levels.all(),
    })


# ---------------------------------------------------------------- 权责清单


@login_required
def power_list(request):
    powers = Power.objects.visible_to(request.user).select_related("org")
    kind = request.GET.get("kind", "")
    if kind in Power.Kind.values:
        powers = powers.filter(kind=kind)
    if request.GET.get("export") == "xlsx":
        return ledgers.export_powers(sorted(powers, key=Power.listing_key))
    can_manage = bool(request.user.active_membership) and perm.may_manage_registers(request.user, _unit(request))
    return render(request, "enforcement/power_list.html", {
        "powers": sorted(powers, key=Power.listing_key), "kind": kind, "kinds": Power.Kind.choices,
        "can_manage": can_manage})


@login_required
def power_new(request):
    org = _managed_unit(request, "维护权责清单")
    form = forms.PowerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        power = actions.create_power(by=request.user, org=org, **form.cleaned_data)
        messages.success(request, "已新增权责事项；已按职权类别填入标准流程环节，请核对并补充裁量基准。")
        return redirect("enforcement:power_detail", pk=power.pk)
    return render(request, "enforcement/form_page.html", {
        "form": form, "title": "新增权责事项", "back": reverse("enforcement:power_list")})


@login_required
def power_detail(request, pk):
    power = get_visible_or_404(Power.objects.select_related("org"), request.user, pk=pk)
    can_manage = perm.may_manage_registers(request.user, power.org)
    return render(request, "enforcement/power_detail.html", {
        "power": power, "steps": power.steps.all(), "levels": power.levels.all(), "can_manage": can_manage,
        "step_form": forms.StepForm(), "level_form": forms.LevelForm(), "withdraw_form": forms.WithdrawPowerForm(),
    })


def _managed_power(request, pk) -> Power:
    power = get_visible_or_404(Power, request.user, pk=pk)
    if not perm.may_manage_registers(request.user, power.org):
        _deny("只有本单位经办人、负责人或管理员可以维护权责清单。")
    return power


@login_required
def power_edit(request, pk):
    power = _managed_power(request, pk)
    form = forms.PowerEditForm(request.POST or None, instance=Power.objects.get(pk=power.pk))
    if request.method == "POST" and form.is_valid():
        actions.update_power(power, by=request.user, **form.cleaned_data)
        messages.success(request, "已保存。")
        return redirect("enforcement:power_detail", pk=power.pk)
    return render(request, "enforcement/form_page.html", {
        "form": form, "title": f"修改：{power.name}", "back": reverse("enforcement:power_detail", args=[power.pk])})


@require_POST
@login_required
def power_command(request, pk, name):
    power = _managed_power(request, pk)
    form_cls = {"step": forms.StepForm, "level": forms.LevelForm, "withdraw": forms.WithdrawPowerForm}.get(name)
    form = form_cls(request.POST) if form_cls else None
    try:
        if form is not None and not form.is_valid():
            raise ValidationError([f"{form.fields[f].label if f in form.fields else ''}{'：' if f in form.fields else ''}{e}"
                                   for f, errs in form.errors.items() for e in errs])
        if name == "publish":
            actions.publish_power(power, by=request.user)
            messages.success(request, "已在门户公开（事前公开）。")
        elif name == "withdraw":
            actions.withdraw_power(power, by=request.user, **form.cleaned_data)
            messages.success(request, "已撤下公开。")
        elif name == "step":
            actions.add_step(power, by=request.user, **form.cleaned_data)
            messages.success(request, "已添加流程环节。")
        elif name == "remove_step":
            step = PowerStep.objects.filter(power=power, pk=request.POST.get("step")).first()
            if step is None:
                raise ValidationError("没有这个环节。")
            actions.remove_step(step, by=request.user)
            messages.success(request, "已删除流程环节。")
        elif name == "level":
            actions.add_level(power, by=request.user, **form.cleaned_data)
            messages.success(request, "已添加裁量基准。")
        else:
            raise PermissionDenied("没有这个操作。")
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    return redirect("enforcement:power_detail", pk=power.pk)


# ---------------------------------------------------------------- 执法人员 and 法制审核人员


@login_required
def officer_list(request):
    today = deadlines.today()
    officers = _org_filter(request, Officer.objects.visible_to(request.user).select_related("org", "user"))
    show = request.GET.get("show", "")
    listed = list(officers.order_by("org__path", "name"))
    if show == "expiring":
        listed = [o for o in listed if o.expires_soon(today)]
    elif show == "invalid":
        listed = [o for o in listed if o.status == Officer.Status.ACTIVE and not o.certified_on(today)]
    if request.GET.get("export") == "xlsx":
        return ledgers.export_officers(listed, today)
    for officer in listed:
        officer.state = officer.cert_state(today)
    rate = indicators.certification(officers, today)
    can_manage = bool(request.user.active_membership) and perm.may_manage_registers(request.user, _unit(request))
    return render(request, "enforcement/officer_list.html", {
        "officers": listed, "today": today, "rate": rate, "show": show, "can_manage": can_manage,
        "reviewers": _org_filter(request, LegalReviewer.objects.visible_to(request.user).select_related("org", "user")),
    })


@login_required
def officer_edit(request, pk=None):
    if pk:
        officer = get_visible_or_404(Officer, request.user, pk=pk)
        org = officer.org
    else:
        officer, org = None, _unit(request)
    if not perm.may_manage_registers(request.user, org):
        _deny("只有本单位经办人、负责人或管理员可以维护执法人员名录。")
    instance = Officer.objects.get(pk=officer.pk) if officer else None
    form = forms.OfficerForm(request.POST or None, instance=instance, users=_unit_users(org))
    if request.method == "POST" and form.is_valid():
        try:
            if officer is None:
                officer = actions.create_officer(by=request.user, org=org, **form.cleaned_data)
            else:
                actions.update_officer(officer, by=request.user, **form.cleaned_data)
            messages.success(request, f"已保存执法人员 {officer.name}。")
            return redirect("enforcement:officer_list")
        except ValidationError as error:
            form_errors(form, error)
    return render(request, "enforcement/form_page.html", {
        "form": form, "title": f"执法人员：{officer.name}" if officer else "登记执法人员",
        "back": reverse("enforcement:officer_list"), "officer": officer})


@login_required
def reviewer_new(request):
    org = _managed_unit(request, "维护法制审核人员名录")
    reviewers = User.objects.filter(memberships__role=Role.REVIEWER,
                                    memberships__org__path__startswith=org.path).distinct()
    form = forms.ReviewerForm(request.POST or None, users=reviewers)
    if request.method == "POST" and form.is_valid():
        try:
            actions.create_reviewer(by=request.user, org=org, **form.cleaned_data)
            messages.success(request, "已登记法制审核人员。")
            return redirect("enforcement:officer_list")
        except ValidationError as error:
            form_errors(form, error)
    return render(request, "enforcement/form_page.html", {
        "form": form, "title": "登记法制审核人员", "back": reverse("enforcement:officer_list"),
        "note": "法制审核人员须在平台上具有“审核人”角色；本案承办人员不能审核本案。"})


# ---------------------------------------------------------------- 检查对象名录


@login_required
def target_list(request):
    targets = _org_filter(request, InspectionTarget.objects.visible_to(request.user).select_related("org"))
    query = request.GET.get("q", "").strip()
    if query:
        targets = targets.filter(Q(name__icontains=query) | Q(uscc__icontains=query) | Q(industry__icontains=query))
    if request.GET.get("export") == "xlsx":
        return ledgers.export_targets(targets.order_by("uscc"))
    page = Paginator(targets.order_by("org__path", "uscc"), 50).get_page(request.GET.get("page"))
    can_manage = bool(request.user.active_membership) and perm.may_manage_registers(request.user, _unit(request))
    return render(request, "enforcement/target_list.html", {
        "page": page, "query": query, "can_manage": can_manage})


@login_required
def target_new(request):
    org = _managed_unit(request, "维护检查对象名录")
    form = forms.TargetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.create_target(by=request.user, org=org, **form.cleaned_data)
            messages.success(request, "已登记检查对象。")
            return redirect("enforcement:target_list")
        except ValidationError as error:
            form_errors(form, error)
    return render(request, "enforcement/form_page.html", {
        "form": form, "title": "登记检查对象", "back": reverse("enforcement:target_list")})


def _register_ledger(kind: str, title: str, **spec) -> imports.Ledger:
    """A register's 台账 import (``core.imports``), into the acting 执法主体 (never a unit named in the request), by
    those who keep its registers (or, for cases and inspections, by those who may 立案)."""
    spec.setdefault("permission", perm.may_manage_registers)
    spec.setdefault("denied", f"只有本单位经办人、负责人或管理员可以导入{title}。")
    return imports.Ledger(
        title=title, org=_unit, template_url=lambda: reverse(f"enforcement:{kind}_import") + "?template=1",
        list_url=f"enforcement:{kind}_list", **spec)


CASE_IMPORT_DENIED = "只有登记为本单位执法人员的经办人可以导入{}。"


IMPORTS = {
    "officers": (ledgers.officer_template, _register_ledger(
        "officer", "执法人员名录", columns=ledgers.OFFICER_COLUMNS, check=ledgers.check_officers,
        save=actions.save_officers, list_label="执法人员", noun="名执法人员",
        notes=("填写执法证号的，须同时填写发证机关和有效期；执法证号不能与已登记的重复。",))),
    "targets": (ledgers.target_template, _register_ledger(
        "target", "检查对象名录", columns=ledgers.TARGET_COLUMNS, check=ledgers.check_targets,
        save=actions.save_targets, list_label="检查对象", noun="个检查对象",
        notes=("统一社会信用代码按 GB 32100 校验位检查，不能与本单位名录中已有的重复。",))),
    "powers": (ledgers.power_template, _register_ledger(
        "power", "权责清单", columns=ledgers.POWER_COLUMNS, check=ledgers.check_powers, save=actions.save_powers,
        list_label="权责清单", noun="项权责事项",
        notes=("导入本单位的权责事项；事项编码、同一职权类别内的事项名称不能与本单位有效事项重复。",
               "表中没有流程环节和裁量基准：行政处罚、行政检查事项导入后先填入标准环节；导入的事项不公开，"
               "请在各事项页面核对流程、补充裁量基准后逐项点“公开”。",
               "“实施单位”列只在导出时注明，导入时不读。"))),
    "cases": (ledgers.case_template, _register_ledger(
        "case", "行政处罚案件台账", columns=ledgers.CASE_COLUMNS, check=ledgers.check_cases, save=actions.save_cases,
        permission=perm.may_import_cases, denied=CASE_IMPORT_DENIED.format("行政处罚案件台账"),
        list_label="行政处罚案件", noun="件行政处罚案件",
        notes=("导入的是已办理的案件记录：可导入的状态为调查取证、已决定、已送达、已执行、已结案和已撤销立案；"
               "法制审核、告知、听证阶段的案件请导入为“调查取证”，再在系统中继续办理。",
               "处罚事项按权责清单中的名称或编码对应；承办人员按本单位执法人员名录中的姓名或执法证号对应，不少于两人。",
               "案号、决定书文号留空的按本单位编号规则自动编号；已填写的本单位编号，系统今后编号从其后继续。",
               "普通程序案件的办案期限按台账记载计入（已决定的以决定日期办结）；调查取证中的案件自立案日期起计时。"))),
    "inspections": (ledgers.inspection_template, _register_ledger(
        "inspection", "执法检查台账", columns=ledgers.INSPECTION_COLUMNS, check=ledgers.check_inspections,
        save=actions.save_inspections, permission=perm.may_import_cases,
        denied=CASE_IMPORT_DENIED.format("执法检查台账"), list_label="执法检查", noun="条执法检查",
        notes=("导入的是已完成的检查（须有检查日期和检查结果）；检查对象名录中没有的对象按名称和统一社会信用代码自动登记。",
               "检查人员按本单位执法人员名录中的姓名或执法证号对应，不少于两人；立案查处的须填写本单位已有案件的案号"
               "（请先导入行政处罚案件台账）。"))),
}


@login_required
def register_import(request, kind):
    """Excel 台账导入 of a register (``core.imports``); GET ?template=1 gives the template."""
    template, ledger = IMPORTS[kind]
    if request.method == "GET" and request.GET.get("template"):
        if not ledger.permission(request.user, _unit(request)):
            _deny(ledger.denied)
        return template()
    return imports.run(request, ledger)


# ---------------------------------------------------------------- 双随机抽查 and 执法检查


@login_required
def draw_list(request):
    draws = _org_filter(request, RandomDraw.objects.visible_to(request.user).select_related("org", "power"))
    draws = _date_range(request, draws, "planned_start")
    page = Paginator(draws, 30).get_page(request.GET.get("page"))
    can_manage = bool(request.user.active_membership) and perm.may_manage_registers(request.user, _unit(request))
    return render(request, "enforcement/draw_list.html", {"page": page, "can_manage": can_manage})


@login_required
def draw_new(request):
    org = _managed_unit(request, "制定抽查任务")
    powers = Power.objects.filter(org__in=[org, *org.ancestors()], kind=Power.Kind.INSPECTION, is_active=True)
    form = forms.DrawForm(request.POST or None, powers=powers)
    if request.method == "POST" and form.is_valid():
        try:
            d = actions.create_draw(by=request.user, org=org, **form.cleaned_data)
            messages.success(request, f"已制定抽查任务 {d.number}。")
            return redirect("enforcement:draw_detail", pk=d.pk)
        except ValidationError as error:
            form_errors(form, error)
    return render(request, "enforcement/form_page.html", {
        "form": form, "title": "制定双随机抽查任务", "back": reverse("enforcement:draw_list")})


@login_required
def draw_detail(request, pk):
    d = get_visible_or_404(RandomDraw.objects.select_related("org", "power"), request.user, pk=pk)
    from . import draw as drawing

    verified = drawing.rerun(d)[0] if d.seed else None
    pools = actions.draw_pools(d) if d.status == RandomDraw.Status.PLANNED else None
    return render(request, "enforcement/draw_detail.html", {
        "draw": d, "inspections": d.inspections.select_related("target", "case").prefetch_related("officers"),
        "can_run": perm.can_run_draw(request.user, d), "can_publish": perm.can_publish_results(request.user, d),
        "run_form": forms.RunDrawForm(), "verified": verified, "pools": pools, "deadlines": deadlines.of(d),
    })


@require_POST
@login_required
def draw_command(request, pk, name):
    d = get_visible_or_404(RandomDraw, request.user, pk=pk)
    if not perm.may_run_draw(request.user, d):
        _deny("只有本单位经办人、负责人或管理员可以抽取或公示。")
    try:
        if name == "run":
            form = forms.RunDrawForm(request.POST)
            seed = form.cleaned_data["seed"] if form.is_valid() else ""
            actions.run_draw(d, by=request.user, seed=seed)
            messages.success(request, "已抽取。随机种子、名录和结果已在门户公布，任何人可以复核。")
        elif name == "publish":
            actions.publish_results(d, by=request.user)
            messages.success(request, "已公示抽查结果。")
        else:
            raise PermissionDenied("没有这个操作。")
    except (ValidationError, InvalidTransition) as error:
        messages.error(request, "；".join(getattr(error, "messages", [str(error)])))
    return redirect("enforcement:draw_detail", pk=d.pk)


@login_required
def inspection_list(request):
    inspections = _org_filter(request, Inspection.objects.visible_to(request.user)).select_related(
        "target", "draw", "case")
    inspections = _date_range(request, inspections, "inspected_on")
    result = request.GET.get("result", "")
    if result in Inspection.Result.values:
        inspections = inspections.filter(result=result)
    elif result == "pending":
        inspections = inspections.filter(status=Inspection.Status.PENDING)
    year = request.GET.get("year", "")
    if year.isdigit():
        inspections = inspections.filter(Q(inspected_on__year=int(year)) | Q(inspected_on__isnull=True,
                                                                           planned_on__year=int(year)))
    if request.GET.get("export") == "xlsx":
        return ledgers.export_inspections(inspections.order_by("inspected_on", "pk"))
    page = Paginator(inspections.order_by("status", "-inspected_on", "-pk"), 30).get_page(request.GET.get("page"))
    can_manage = bool(request.user.active_membership) and perm.may_manage_registers(request.user, _unit(request))
    can_import = bool(request.user.active_membership) and perm.may_import_cases(request.user, _unit(request))
    return render(request, "enforcement/inspection_list.html", {
        "page": page, "result": result, "results": Inspection.Result.choices, "can_manage": can_manage,
        "can_import": can_import, "year": year})


@login_required
def inspection_new(request):
    org = _managed_unit(request, "安排检查")
    form = forms.InspectionForm(
        request.POST or None, initial={"planned_on": deadlines.today()},
        targets=InspectionTarget.objects.filter(org__path__startswith=org.path, is_active=True),
        powers=Power.objects.filter(org__in=[org, *org.ancestors()], kind=Power.Kind.INSPECTION),
        officers=_unit_officers(org))
    if request.method == "POST" and form.is_valid():
        try:
            inspection = actions.create_inspection(by=request.user, org=org, **form.cleaned_data)
            messages.success(request, "已安排检查。")
            return redirect("enforcement:inspection_detail", pk=inspection.pk)
        except ValidationError as error:
            form_errors(form, error)
    return render(request, "enforcement/form_page.html", {
        "form": form, "title": "安排执法检查", "back": reverse("enforcement:inspection_list")})


@login_required
def inspection_detail(request, pk):
    inspection = get_visible_or_404(Inspection.objects.select_related("target", "draw", "case", "power"),
                                    request.user, pk=pk)
    powers = _penalty_powers(inspection.org)
    form = forms.InspectionResultForm(request.POST or None, initial={"inspected_on": deadlines.today()},
                                      powers=powers)
    if request.method == "POST":
        if not perm.may_record_inspection(request.user, inspection):
            _deny("只有本次检查的执法人员可以登记检查结果。")
        if form.is_valid():
            try:
                actions.record_inspection(inspection, by=request.user, **form.cleaned_data)
                messages.success(request, "已登记检查结果。" + ("已立案，请在案件中继续调查取证。"
                                                          if form.cleaned_data["result"] == "case" else ""))
                return redirect("enforcement:inspection_detail", pk=inspection.pk)
            except InvalidTransition as error:
                messages.error(request, str(error))
                return redirect("enforcement:inspection_detail", pk=inspection.pk)
            except ValidationError as error:
                form_errors(form, error)
    return render(request, "enforcement/inspection_detail.html", {
        "inspection": inspection, "form": form, "officers": inspection.officers.all(),
        "can_record": perm.can_record_inspection(request.user, inspection),
        "timeline": timeline(inspection),
    })


# ---------------------------------------------------------------- figures and reports


def _period(request):
    today = deadlines.today()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    quarter = request.GET.get("quarter", "")
    if quarter in {"1", "2", "3", "4"}:
        q = int(quarter)
        start = dt.date(year, 3 * q - 2, 1)
        end = (dt.date(year + (q == 4), (3 * q) % 12 + 1, 1)) - dt.timedelta(days=1)
    else:
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return year, quarter, (start, end)


@login_required
def figures(request):
    year, quarter, period = _period(request)
    orgs = indicators.orgs_of(request.user)
    org_pk = request.GET.get("org", "")
    if org_pk.isdigit():
        orgs = [o for o in orgs if o.pk == int(org_pk)] or orgs
    return render(request, "enforcement/figures.html", {
        "figures": indicators.figures(orgs, period), "sentences": report.sentences(orgs, period), "year": year,
        "quarter": quarter, "period": period, "orgs": indicators.orgs_of(request.user), "org_pk": org_pk,
        "years": range(deadlines.today().year, deadlines.today().year - 5, -1),
    })


@login_required
def report_docx(request, kind):
    year, quarter, period = _period(request)
    orgs = indicators.orgs_of(request.user)
    org_pk = request.GET.get("org", "")
    if org_pk.isdigit():
        orgs = [o for o in orgs if o.pk == int(org_pk)] or orgs
    if not orgs:
        _deny("您没有可出具报告的单位。")
    if kind == "quarterly":
        if not quarter:
            quarter = str((deadlines.today().month - 1) // 3 + 1)
            return redirect(f"{reverse('enforcement:report', args=['quarterly'])}?year={year}&quarter={quarter}"
                            + (f"&org={org_pk}" if org_pk else ""))
        content, name = report.quarterly_docx(orgs, period, year=year, quarter=int(quarter))
    elif kind == "yearly":
        content, name = report.yearly_docx(orgs, (dt.date(year, 1, 1), dt.date(year, 12, 31)), year=year)
    else:
        raise PermissionDenied("没有这种报告。")
    from django.utils.encoding import escape_uri_path

    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument."
                                                  "wordprocessingml.document")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(name)}"
    return response



# ---------------------------------------------------------------- 年度执法数据 (国办发〔2018〕118号)


def _annual_clocks(records) -> dict[int, Deadline]:
    """The 1月31日 clock of each record, with its state, in one query."""
    clocks = list(Deadline.objects.filter(target_type=AnnualData._meta.label_lower, rule__code=actions.ANNUAL_DATA,
                                          target_id__in=[str(r.pk) for r in records])
                  .select_related("rule").order_by("pk"))
    deadlines.annotate(clocks)
    by_record = {}
    for clock in clocks:
        by_record[int(clock.target_id)] = clock  # the latest clock of the record wins
    return by_record


@login_required
def annual_list(request):
    actions.open_annual_data_for(request.user)
    records = _org_filter(request, AnnualData.objects.visible_to(request.user).select_related("org"))
    page = Paginator(records.order_by("-year", "org__path"), 30).get_page(request.GET.get("page"))
    clocks = _annual_clocks(list(page))
    for record in page:
        record.clock = clocks.get(record.pk)
    return render(request, "enforcement/annual_list.html", {"page": page})


ANNUAL_FORMS = {"prepare": forms.AnnualPrepareForm, "publish": forms.AnnualPublishForm,
                "withdraw": forms.AnnualReasonForm, "correct": forms.AnnualReasonForm}
ANNUAL_DONE = {
    "prepare": "已生成数据草稿，请核对后由负责人审核公开。",
    "publish": "已在门户公开（数据已固定，不随台账变化）。",
    "withdraw": "已撤回公开，门户已注明撤回理由。",
    "correct": "已按当前台账重新生成数据草稿，审核后重新公开。",
}


def _annual_available(user, record) -> dict[str, bool]:
    return {"prepare": perm.can_prepare_annual_data(user, record),
            "publish": perm.can_publish_annual_data(user, record),
            "withdraw": perm.can_withdraw_annual_data(user, record),
            "correct": perm.can_correct_annual_data(user, record)}


def _annual_page(request, record, bound: dict | None = None, status: int = 200):
    bound = bound or {}
    available = _annual_available(request.user, record)
    action_forms = {}
    for name, allowed_now in available.items():
        if allowed_now:
            initial = {"note": record.note} if name == "prepare" else {}
            action_forms[name] = bound.get(name) or ANNUAL_FORMS[name](initial=initial, auto_id=f"{name}-%s")
    from yifa.core.models import Attachment

    earlier = {a.pk: a for a in Attachment.objects.filter(pk__in=[h.get("document") for h in record.history])}
    history = [{**h, "attachment": earlier.get(h.get("document"))} for h in record.history]
    return render(request, "enforcement/annual_detail.html", {
        "record": record, "forms": action_forms, "deadlines": deadlines.of(record), "timeline": timeline(record),
        "history": history, "open_form": next(iter(bound), ""),
    }, status=status)


@login_required
def annual_detail(request, pk):
    record = get_visible_or_404(AnnualData.objects.select_related("org", "document"), request.user, pk=pk)
    return _annual_page(request, record)


@require_POST
@login_required
def annual_action(request, pk, name):
    if name not in ANNUAL_FORMS:
        raise PermissionDenied("没有这个操作。")
    record = get_visible_or_404(AnnualData.objects.select_related("org"), request.user, pk=pk)
    if name == "prepare" and not perm.may_prepare_annual_data(request.user, record):
        _deny("只有本单位经办人或负责人可以编制年度执法数据。")
    if name != "prepare" and not perm.may_publish_annual_data(request.user, record):
        _deny("年度执法数据由本单位负责人审核后公开、撤回或更正。")
    form = ANNUAL_FORMS[name](request.POST, auto_id=f"{name}-%s")
    if not form.is_valid():
        messages.error(request, "请按提示修改后重新提交。")
        return _annual_page(request, record, {name: form})
    call = {"prepare": actions.prepare_annual_data, "publish": actions.publish_annual_data,
            "withdraw": actions.withdraw_annual_data, "correct": actions.correct_annual_data}[name]
    try:
        call(record, by=request.user, **form.cleaned_data)
    except InvalidTransition as error:
        messages.error(request, str(error))
        return redirect("enforcement:annual_detail", pk=record.pk)
    except ValidationError as error:
        form_errors(form, error)
        messages.error(request, "；".join(error.messages))
        return _annual_page(request, AnnualData.objects.get(pk=record.pk), {name: form})
    messages.success(request, ANNUAL_DONE[name])
    return redirect("enforcement:annual_detail", pk=record.pk)
