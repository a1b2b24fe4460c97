"""Pages for 代表建议/政协提案 and 行政复议/应诉: scope lookup (404) → permission (403) → one action → redirect."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from yifa.core import deadlines, excel, imports
from yifa.core.actionviews import form_errors, perform, require
from yifa.core.deadlines import fmt
from yifa.core.models import AuditEntry, Org
from yifa.core.scope import get_visible_or_404

from . import actions, indicators, ledgers
from .report import sections
from . import permissions as perm
from .forms import (AnswerLetterForm, AppealForm, AssignForm, CaseCorrectForm, CaseForm, CaseReplyForm, CloseForm,
                    ConcludeForm, ContactForm, CoOpinionForm, HearingForm, LetterForm, PerformanceForm,
                    ReasonForm, ReplyForm, SuggestionCorrectForm, SuggestionForm)
from .models import FollowUpLetter, RespondentCase, Suggestion

PAGE_SIZE = 50


DENIED = "您在该单位没有办理此事项的权限。"


STEP_LABELS = {
    "correct_suggestion": "更正", "correct_case": "更正",
    "register_suggestion": "登记交办", "record_contact": "与代表沟通", "record_co_opinion": "协办意见",
    "register_case": "登记案件", "record_hearing": "开庭（听证）", "record_performance": "履行（纠错）",
    "appeal": "上诉", "receive_letter": "收到", "reply": "答复", "import_row": "台账导入",
}


def _history(obj) -> list[tuple]:
    """The matter's audit entries with a Chinese name for each step."""
    labels = {**STEP_LABELS, **getattr(obj, "ACTION_LABELS", {})}
    entries = AuditEntry.objects.filter(target_type=obj._meta.label_lower, target_id=str(obj.pk)).order_by("seq")
    return [(e, labels.get(e.action.split(".", 1)[1], e.action)) for e in entries]


# ---------------------------------------------------------------- list filters shared by the registers


def _period(request) -> tuple[dt.date, dt.date] | None:
    try:
        start = dt.date.fromisoformat(request.GET.get("from", ""))
        end = dt.date.fromisoformat(request.GET.get("to", ""))
    except ValueError:
        year = request.GET.get("year", "")
        if year.isdigit() and 2000 <= int(year) <= 2100:
            return dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)
        return None
    return start, end


def _orgs(request) -> list[Org]:
    ids = [int(i) for i in request.GET.getlist("org") if i.isdigit()]
    return list(Org.objects.visible_to(request.user).filter(pk__in=ids)) if ids else []


def _filtered(request, model, date_field: str, search: tuple[str, ...]):
    """The list's queryset from the GET filters; a ``figure`` parameter drills into an indicator's records."""
    qs = model.objects.visible_to(request.user)
    period, orgs = _period(request), _orgs(request)
    code = request.GET.get("figure", "")
    if code in indicators.COUNTS and period:
        scope = orgs or [m.org for m in getattr(request.user, "all_memberships", [])]
        qs = qs.filter(pk__in=indicators.records(code, scope, period).values("pk"))
    else:
        if period:
            qs = qs.filter(**{f"{date_field}__range": period})
        if orgs:
            q = Q(pk__in=[])
            for org in orgs:
                q |= Q(org__path__startswith=org.path)
            qs = qs.filter(q)
    for key in ("status", "kind"):
        value = request.GET.get(key, "")
        if value:
            qs = qs.filter(**{key: value})
    if request.GET.get("overdue") == "1":
        qs = qs.filter(due_on__lt=deadlines.today()).exclude(status__in=model.DONE)
    text = request.GET.get("q", "").strip()
    if text:
        q = Q(pk__in=[])
        for field in search:
            q |= Q(**{f"{field}__icontains": text})
        qs = qs.filter(q)
    return qs.select_related("org")


def _units(user):
    """The units a reader may filter a list by (区县 and 乡镇/街道 in scope)."""
    return Org.objects.visible_to(user).filter(
        kind__in=[Org.Kind.COUNTY, Org.Kind.TOWNSHIP, Org.Kind.SUBDISTRICT]).order_by("path")


def _list_context(request, qs, model, exportable: bool = True) -> dict:
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    code = request.GET.get("figure", "")
    units = _units(request.user)
    return {
        "units": units if len(units) > 1 else [],
        "page": page,
        "status_choices": model.Status.choices,
        "kind_choices": getattr(model, "Kind").choices,
        "filters": request.GET,
        "org_ids": request.GET.getlist("org"),
        "exportable": exportable,
        "figure_label": indicators.COUNTS[code][0] if code in indicators.COUNTS else "",
        "many_units": len({m.org_id for m in getattr(request.user, "all_memberships", [])}) > 1
        or any(m.role == "overseer" for m in getattr(request.user, "all_memberships", [])),
        "can_register": perm.can_register(request.user),
        "today": deadlines.today(),
        "years": range(deadlines.today().year, deadlines.today().year - 6, -1),
    }


def _export(columns, rows, title: str):
    return excel.export_response(columns, rows, title=title, filename=f"{title}-{deadlines.today():%Y%m%d}.xlsx")


def _active_org(request):
    membership = getattr(request.user, "active_membership", None)
    return membership.org if membership else None


def _ledger(title: str, **spec) -> imports.Ledger:
    """A 台账 import of this module (``core.imports``): 经办人 or 负责人 of the acting unit."""
    return imports.Ledger(title=title, permission=lambda user, org: perm.can_register(user),
                          denied="只有经办人或负责人可以导入台账。", **spec)


SUGGESTION_IMPORT = _ledger(
    "代表建议和政协提案台账", columns=ledgers.SUGGESTION_COLUMNS, check=ledgers.check_suggestions,
    save=actions.save_suggestions, template_url="oversight:suggestion_template", list_url="oversight:suggestion_list",
    noun="件代表建议（政协提案）",
    notes=("同一届次会议的编号不能重复，也不能与本单位已登记的重复；已答复的须填写答复类别。",
           "尚未答复的建议自动开始计算答复期限（交办之日起三个月，涉及面广、难度大的六个月）。"))
CASE_IMPORT = _ledger(
    "行政复议和行政应诉台账", columns=ledgers.CASE_COLUMNS, check=ledgers.check_cases, save=actions.save_cases,
    template_url="oversight:case_template", list_url="oversight:case_list", noun="件行政复议、应诉案件",
    notes=("填写了开庭（听证）日期的，同时登记出庭情况；负责人未出庭的，事由记为“台账导入，未载明事由”。",
           "尚未答复（答辩）的案件自动开始计算答复（答辩）期限，自收到答复通知书或起诉状副本之日起算。"))

LETTER_IMPORT = _ledger(
    "复议意见书和司法建议台账", columns=ledgers.LETTER_COLUMNS, check=ledgers.check_letters, save=actions.save_letters,
    template_url="oversight:letter_template", list_url="oversight:letter_list", noun="份复议意见书、司法建议",
    notes=("每行须针对本单位已登记的行政复议、应诉案件（先导入案件台账，再导入本台账）。填写了案号的，按案号查找案件；"
           "案件没有案号的，案号留空，按“申请人（原告）”和“案件收到日期”查找，"
           "同一申请人同一天有几件案件的，须填写案号区分。三列都填的，申请人和日期须与案号对应的案件一致。",
           "行政复议意见书只针对行政复议案件。回复期限为收到之日起60日；尚未回复的自动开始计算回复期限，"
           "已回复的须填写回复日期和整改（采纳）情况。"))



# ---------------------------------------------------------------- 代表建议 / 政协提案


@login_required
def suggestion_list(request):
    qs = _filtered(request, Suggestion, "assigned_on", ("title", "proposer", "serial_no", "session"))
    if request.GET.get("export") == "xlsx":
        qs = qs.order_by("assigned_on", "pk")
        return _export(ledgers.SUGGESTION_EXPORT_COLUMNS, (ledgers.suggestion_row(s) for s in qs.iterator()),
                       "代表建议和政协提案台账")
    return render(request, "oversight/suggestion_list.html", _list_context(request, qs, Suggestion))


def _create(request, form, action, done, template: str):
    """登记: the new matter belongs to the acting unit; a refusal becomes a form error."""
    require(perm.can_register(request.user), "只有经办人或负责人可以登记。")
    if request.method == "POST" and form.is_valid():
        try:
            obj = action(by=request.user, org=_active_org(request), **form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, done(obj))
            return redirect(obj.get_absolute_url())
    return render(request, template, {"form": form, "org": _active_org(request)})


@login_required
def suggestion_create(request):
    return _create(request, SuggestionForm(request.POST or None), actions.register_suggestion,
                   lambda s: f"已登记，答复期限为{fmt(s.due_on)}。", "oversight/suggestion_form.html")


def _correct(request, model, pk, form_class, action, template: str):
    """更正登记信息 of a matter: 404 outside scope, 403 without a handling role, changes audited."""
    obj = get_visible_or_404(model, request.user, pk=pk)
    require(perm.can_handle(request.user, obj), DENIED)
    form = form_class(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        try:
            action(obj, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, "已更正登记信息。")
            return redirect(obj.get_absolute_url())
    return render(request, template, {"form": form, "org": obj.org, "obj": obj, "correcting": True})


@login_required
def suggestion_correct(request, pk):
    return _correct(request, Suggestion, pk, SuggestionCorrectForm, actions.correct_suggestion,
                    "oversight/suggestion_form.html")


@login_required
def case_correct(request, pk):
    return _correct(request, RespondentCase, pk, CaseCorrectForm, actions.correct_case, "oversight/case_form.html")


def _suggestion_page(request, s, bound=None):
    bound = bound or {}
    user = request.user
    context = {
        "s": s,
        "deadlines": deadlines.of(s),
        "history": _history(s),
        "co_handlers": list(s.co_handlers.all()),
        "may": {
            "assign": perm.can_assign(user, s), "contact": perm.can_record_contact(user, s),
            "co_opinion": perm.can_reply(user, s) and bool(s.pending_co_handlers()),
            "reply": perm.can_reply(user, s), "close": perm.can_close(user, s), "reopen": perm.can_reopen(user, s),
            "correct": perm.can_handle(user, s),
        },
        "assign_form": bound.get("assign") or AssignForm(org=s.org, initial={
            "lead_department": s.lead_department, "handler": s.handler_id}),
        "contact_form": bound.get("contact") or ContactForm(),
        "co_form": bound.get("co_opinion") or CoOpinionForm(suggestion=s),
        "reply_form": bound.get("reply") or ReplyForm(),
        "close_form": bound.get("close") or CloseForm(),
        "reopen_form": bound.get("reopen") or ReasonForm(),
        "open_form": next(iter(bound), ""),
    }
    return render(request, "oversight/suggestion_detail.html", context)


@login_required
def suggestion_detail(request, pk):
    return _suggestion_page(request, get_visible_or_404(Suggestion, request.user, pk=pk))


def _suggestion_action(request, pk, key, make_form, call, done):
    """404 → 403 → the one step (``perform``): bad input shows the page with the form's errors; a step the rules
    refuse comes back to the matter with the reason."""
    s = get_visible_or_404(Suggestion, request.user, pk=pk)
    require(perm.can_handle(request.user, s), DENIED)
    back = s.get_absolute_url()
    return perform(request, make_form(s), lambda data: call(s, by=request.user, **data), success=done, then=back,
                   rerender=lambda form, _status: _suggestion_page(request, s, {key: form}) if form.errors
                   else redirect(back))


@require_POST
@login_required
def suggestion_assign(request, pk):
    return _suggestion_action(request, pk, "assign", lambda s: AssignForm(request.POST, org=s.org), actions.assign,
                              "已分办。")


@require_POST
@login_required
def suggestion_contact(request, pk):
    return _suggestion_action(request, pk, "contact", lambda s: ContactForm(request.POST), actions.record_contact,
                              "已记录与代表的沟通。")


@require_POST
@login_required
def suggestion_co_opinion(request, pk):
    def call(s, *, by, co_handler, **data):
        return actions.record_co_opinion(co_handler, by=by, **data)

    return _suggestion_action(request, pk, "co_opinion", lambda s: CoOpinionForm(request.POST, suggestion=s), call,
                              "已登记协办意见。")


@require_POST
@login_required
def suggestion_reply(request, pk):
    return _suggestion_action(request, pk, "reply", lambda s: ReplyForm(request.POST), actions.reply,
                              "已答复，期限计时已停止。")


@require_POST
@login_required
def suggestion_close(request, pk):
    return _suggestion_action(request, pk, "close", lambda s: CloseForm(request.POST), actions.close, "已办结。")


@require_POST
@login_required
def suggestion_reopen(request, pk):
    return _suggestion_action(request, pk, "reopen", lambda s: ReasonForm(request.POST), actions.reopen,
                              "已转入重新办理。")


@login_required
def suggestion_import(request):
    return imports.run(request, SUGGESTION_IMPORT)


@login_required
def suggestion_template(request):
    return excel.template_response(ledgers.SUGGESTION_COLUMNS, title="代表建议台账",
                                   filename="代表建议和政协提案台账-导入模板.xlsx")


# ---------------------------------------------------------------- 行政复议 / 行政诉讼


@login_required
def case_list(request):
    qs = _filtered(request, RespondentCase, "received_on", ("case_no", "claimant", "disputed_act", "body"))
    outcome = request.GET.get("outcome", "")
    if outcome == "loss":
        qs = qs.filter(outcome__in=list(RespondentCase.LOSSES))
    if request.GET.get("export") == "xlsx":
        qs = qs.order_by("received_on", "pk").prefetch_related("hearings")
        return _export(ledgers.CASE_EXPORT_COLUMNS, (ledgers.case_row(c) for c in qs), "行政复议和行政应诉台账")
    context = _list_context(request, qs.prefetch_related("hearings"), RespondentCase)
    return render(request, "oversight/case_list.html", context)


@login_required
def case_create(request):
    form = CaseForm(request.POST or None, initial={"kind": request.GET.get("kind", "")})
    return _create(request, form, actions.register_case, lambda c: f"已登记，答复（答辩）期限为{fmt(c.due_on)}。",
                   "oversight/case_form.html")


def _case_page(request, case, bound=None):
    bound = bound or {}
    user = request.user
    letters = list(case.letters.all())
    clocks = deadlines.of(case) + [d for letter in letters for d in deadlines.of(letter)]
    context = {
        "case": case,
        "deadlines": clocks,
        "history": _history(case),
        "hearings": list(case.hearings.all()),
        "letters": letters,
        "next_instance": RespondentCase.objects.filter(previous=case).first(),
        "may": {
            "reply": perm.can_reply_case(user, case), "hearing": perm.can_record_hearing(user, case),
            "conclude": perm.can_conclude(user, case), "performance": perm.can_record_performance(user, case),
            "appeal": perm.can_appeal(user, case), "letter": perm.can_receive_letter(user, case),
            "answer": perm.can_handle(user, case), "correct": perm.can_handle(user, case),
        },
        "reply_form": bound.get("reply") or CaseReplyForm(),
        "hearing_form": bound.get("hearing") or HearingForm(initial={
            "kind": "court" if case.is_litigation else "hearing"}),
        "conclude_form": bound.get("conclude") or ConcludeForm(case=case),
        "performance_form": bound.get("performance") or PerformanceForm(),
        "appeal_form": bound.get("appeal") or AppealForm(),
        "letter_form": bound.get("letter") or LetterForm(initial={
            "kind": "judicial_suggestion" if case.is_litigation else "opinion_letter"}),
        "answer_form": bound.get("answer") or AnswerLetterForm(),
        "answer_letter_id": bound.get("answer_letter_id"),
        "open_form": next(iter(bound), ""),
    }
    return render(request, "oversight/case_detail.html", context)


@login_required
def case_detail(request, pk):
    return _case_page(request, get_visible_or_404(RespondentCase, request.user, pk=pk))


def _case_action(request, pk, form_class, key, call, done, with_case=False):
    """As ``_suggestion_action``, for a case."""
    case = get_visible_or_404(RespondentCase, request.user, pk=pk)
    require(perm.can_handle(request.user, case), DENIED)
    form = form_class(request.POST, case=case) if with_case else form_class(request.POST)
    back = case.get_absolute_url()
    return perform(request, form, lambda data: call(case, by=request.user, **data), success=done, then=back,
                   rerender=lambda form, _status: _case_page(request, case, {key: form}) if form.errors
                   else redirect(back))


@require_POST
@login_required
def case_reply(request, pk):
    return _case_action(request, pk, CaseReplyForm, "reply", actions.reply_case, "已登记答复（答辩），期限计时已停止。")


@require_POST
@login_required
def case_hearing(request, pk):
    return _case_action(request, pk, HearingForm, "hearing", actions.record_hearing, "已登记开庭（听证）情况。")


@require_POST
@login_required
def case_conclude(request, pk):
    return _case_action(request, pk, ConcludeForm, "conclude", actions.conclude, "已登记审结结果。", with_case=True)


@require_POST
@login_required
def case_performance(request, pk):
    return _case_action(request, pk, PerformanceForm, "performance", actions.record_performance, "已登记履行情况。")


@require_POST
@login_required
def case_appeal(request, pk):
    case = get_visible_or_404(RespondentCase, request.user, pk=pk)
    require(perm.can_handle(request.user, case), DENIED)
    form = AppealForm(request.POST)
    if form.is_valid():
        try:
            second = actions.appeal(case, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(case.get_absolute_url())
        messages.success(request, f"已登记二审，答辩期限为{fmt(second.due_on)}。")
        return redirect(second.get_absolute_url())
    return _case_page(request, case, {"appeal": form})


@require_POST
@login_required
def case_letter(request, pk):
    return _case_action(request, pk, LetterForm, "letter", actions.receive_letter, "已登记，回复期限60日。")


@require_POST
@login_required
def letter_answer(request, pk):
    letter = get_visible_or_404(FollowUpLetter, request.user, pk=pk)
    require(perm.can_handle(request.user, letter), DENIED)
    back = letter.case.get_absolute_url()
    return perform(request, AnswerLetterForm(request.POST),
                   lambda data: actions.answer_letter(letter, by=request.user, **data), success="已登记回复情况。",
                   then=back, rerender=lambda form, _status: _case_page(
                       request, letter.case, {"answer": form, "answer_letter_id": letter.pk}) if form.errors
                   else redirect(back))


@login_required
def letter_list(request):
    qs = _filtered(request, FollowUpLetter, "received_on",
                   ("letter_no", "issued_by", "content", "case__case_no", "case__claimant"))
    if request.GET.get("export") == "xlsx":
        qs = qs.select_related("case").order_by("received_on", "pk")
        return _export(ledgers.LETTER_EXPORT_COLUMNS, (ledgers.letter_row(x) for x in qs.iterator()),
                       "复议意见书和司法建议台账")
    return render(request, "oversight/letter_list.html", _list_context(request, qs.select_related("case"),
                                                                         FollowUpLetter))


@login_required
def letter_import(request):
    return imports.run(request, LETTER_IMPORT)


@login_required
def letter_template(request):
    return excel.template_response(ledgers.LETTER_COLUMNS, title="意见书和司法建议台账",
                                   filename="复议意见书和司法建议台账-导入模板.xlsx")


@login_required
def case_import(request):
    return imports.run(request, CASE_IMPORT)


@login_required
def case_template(request):
    return excel.template_response(ledgers.CASE_COLUMNS, title="复议应诉台账", filename="行政复议和行政应诉台账-导入模板.xlsx")


# ---------------------------------------------------------------- 统计


@login_required
def figures(request):
    """本单位（或辖区）的办理统计, each figure linking to its records."""
    today = deadlines.today()
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else today.year
    orgs = _orgs(request) or [m.org for m in getattr(request.user, "all_memberships", [])]
    period = (dt.date(year, 1, 1), dt.date(year, 12, 31))
    by_code = {f.code: f for f in indicators.figures(orgs, period)}
    groups = [
        ("代表建议和政协提案", ["npc_suggestions", "cppcc_proposals", "suggestions_due", "suggestions_on_time",
                        "suggestion_on_time_rate", "suggestion_satisfaction_rate"]),
        ("行政复议", ["reconsiderations", "reconsideration_reply_rate", "reconsiderations_concluded",
                  "reconsiderations_corrected", "reconsideration_correction_rate"]),
        ("行政应诉", ["litigations", "litigation_reply_rate", "litigations_concluded", "litigations_lost",
                  "litigation_loss_rate", "litigations_heard", "litigations_head_appeared", "head_appearance_rate"]),
        ("复议意见书和司法建议", ["letters", "letters_on_time", "letter_on_time_rate"]),
    ]
    return render(request, "oversight/figures.html", {
        "figure_groups": [(title, [by_code[c] for c in codes]) for title, codes in groups],
        "units": _units(request.user),
        "year": year, "years": range(today.year, today.year - 6, -1), "orgs": orgs,
        "sentences": sections(orgs, period)["measures"],
    })
