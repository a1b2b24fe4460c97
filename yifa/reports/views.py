"""Staff pages of the yearly report: drafting and sign-off, the 报送情况 board, and the machine review.

Each write view: scope lookup (404 outside scope) → permission (403) → one action → redirect with a
Chinese message; a refused step re-renders the page with its reason and saves nothing.
"""

import datetime as dt
import html

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from yifa.core import deadlines
from yifa.core.audit import target_label
from yifa.core.models import AuditEntry, Org, Role
from yifa.core.scope import get_visible_or_404, has_role_over, scope_paths
from yifa.core.workflow import InvalidTransition

from . import actions, forms
from . import permissions as can
from .builder import default_intro
from .models import PARTS, AnnualReport, ReportReview
from .review import SECTION_LABELS

NO_PERMISSION = "您没有执行此操作的权限。"


def require(allowed: bool, message: str = NO_PERMISSION) -> None:
    if not allowed:
        raise PermissionDenied(message)


def acting_org(request):
    membership = getattr(request.user, "active_membership", None)
    return membership.org if membership else None


def history(obj):
    target_type, target_id, _ = target_label(obj)
    return AuditEntry.objects.filter(target_type=target_type, target_id=target_id).order_by("seq")


def year_param(request, default: int) -> int:
    try:
        year = int(request.GET.get("year", default))
    except (TypeError, ValueError):
        return default
    return year if 2000 <= year <= 2100 else default


def rule_due(code: str, year: int) -> dict | None:
    """The statutory date for the report on ``year`` (from the core rule table), with its basis."""
    try:
        computation = deadlines.compute(code, dt.date(year, 12, 31))
    except deadlines.DeadlineError:
        return None
    rule = computation.rule
    return {"name": rule.name, "due_on": computation.due_on, "basis": rule.basis, "period": rule.period_label,
            "local": rule.is_local, "note": rule.note}


def _report(request, pk) -> AnnualReport:
    return get_visible_or_404(AnnualReport.objects.select_related("org", "org__parent", "document"), request.user,
                              pk=pk)


# ---------------------------------------------------------------- the unit's reports


@login_required
def report_list(request):
    org = acting_org(request)
    reports = AnnualReport.objects.visible_to(request.user).select_related("org").order_by("-year", "org__path")
    if org is not None:
        reports = reports.filter(org__path__startswith=org.path)
    page = Paginator(reports, 30).get_page(request.GET.get("page"))
    last_year = deadlines.today().year - 1
    return render(request, "reports/report_list.html", {
        "page": page, "org": org, "can_draft": can.can_draft(request.user, org), "draft_form": forms.DraftForm(),
        "submit_rule": rule_due(actions.RULE_SUBMIT, last_year), "publish_rule": rule_due(actions.RULE_PUBLISH, last_year),
        "last_year": last_year, "can_board": can.can_view_board(request.user),
    })


@login_required
@require_POST
def report_create(request):
    org = acting_org(request)
    require(can.can_draft(request.user, org), "只有本单位经办人或负责人可以生成年度报告。")
    form = forms.DraftForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择报告年度。")
        return redirect("reports:list")
    try:
        report = actions.draft_report(org, form.cleaned_data["year"], by=request.user)
    except (ValidationError, InvalidTransition) as error:
        messages.error(request, _message(error))
        existing = AnnualReport.objects.filter(org=org, year=form.cleaned_data["year"]).first()
        return redirect(existing.get_absolute_url() if existing else "reports:list")
    messages.success(request, f"已根据台账数据生成“{report.title}”草稿。")
    return redirect(report.get_absolute_url())


def _message(error) -> str:
    if isinstance(error, ValidationError):
        return "；".join(error.messages)
    return str(error)


def _detail(request, report, *, forms_bound=None, status=200):
    user = request.user
    bound = forms_bound or {}
    parts = []
    for key, label in PARTS:
        computed = report.computed(key)
        narrative = report.narrative(key)
        if key == "other" and not narrative:
            continue
        parts.append({"key": key, "label": label, "computed": computed, "narrative": narrative,
                      "empty": key != "other" and not computed and not narrative.strip()})
    context = {
        "report": report, "parts": parts, "history": history(report), "deadlines": deadlines.of(report),
        "reviews": report.reviews.order_by("-pk")[:10],
        "skipped": (report.figures or {}).get("skipped", []),
        "can": {
            "edit": can.can_edit(user, report), "finalize": can.can_finalize(user, report),
            "reopen": can.can_reopen(user, report), "submit": can.can_submit(user, report),
            "publish": can.can_publish(user, report), "return": can.can_return(user, report),
            "review": can.can_review(user, report),
        },
        "reopen_form": bound.get("reopen") or forms.ReasonForm(),
        "return_form": bound.get("return") or forms.ReturnForm(),
        "publish_form": bound.get("publish") or forms.PublishForm(),
        "publish_rule": rule_due(actions.RULE_PUBLISH, report.year),
        "submit_rule": rule_due(actions.RULE_SUBMIT, report.year),
    }
    return render(request, "reports/report_detail.html", context, status=status)


@login_required
def report_detail(request, pk):
    return _detail(request, _report(request, pk))


@login_required
def report_edit(request, pk):
    report = _report(request, pk)
    require(can.can_edit(request.user, report, state=False), "只有本单位经办人或负责人可以修改年度报告。")
    if not report.is_editable:
        messages.error(request, f"“{report.title}”{report.get_status_display()}，不能修改；如需修改，请先退回修改。")
        return redirect(report.get_absolute_url())
    initial = {} if report.intro else {"intro": default_intro(report.org, report.year)}
    form = forms.NarrativeForm(request.POST or None, instance=AnnualReport.objects.get(pk=report.pk), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.edit_narrative(report, by=request.user, **form.cleaned_data)
        except (ValidationError, InvalidTransition) as error:
            messages.error(request, _message(error))
        else:
            messages.success(request, "已保存，报告文件已按新的文字重新排版。")
            return redirect(report.get_absolute_url())
    return render(request, "reports/report_form.html", {"report": report, "form": form},
                  status=400 if request.method == "POST" else 200)


def _simple_action(request, pk, predicate, call, success, *, form_class=None, form_key=None):
    """The shape of every sign-off step: scope → role → (form) → action → redirect."""
    report = _report(request, pk)
    require(predicate(request.user, report, state=False))
    data = {}
    if form_class is not None:
        form = form_class(request.POST)
        if not form.is_valid():
            return _detail(request, report, forms_bound={form_key: form}, status=400)
        data = form.cleaned_data
    try:
        call(report, data)
    except InvalidTransition as error:
        messages.error(request, str(error))
        return _detail(request, _report(request, pk), status=409)
    except ValidationError as error:
        messages.error(request, _message(error))
        return _detail(request, _report(request, pk), status=400)
    messages.success(request, success)
    return redirect(report.get_absolute_url())


@login_required
@require_POST
def report_regenerate(request, pk):
    return _simple_action(request, pk, can.can_edit,
                          lambda r, d: actions.draft_report(r.org, r.year, by=request.user),
                          "已按最新台账数据重新生成，文字部分保持不变。")


@login_required
@require_POST
def report_finalize(request, pk):
    return _simple_action(request, pk, can.can_finalize, lambda r, d: actions.finalize(r, by=request.user),
                          "已定稿，定稿文件已生成。")


@login_required
@require_POST
def report_reopen(request, pk):
    return _simple_action(request, pk, can.can_reopen,
                          lambda r, d: actions.reopen(r, by=request.user, reason=d["reason"]),
                          "已退回修改，报告回到草稿状态。", form_class=forms.ReasonForm, form_key="reopen")


@login_required
@require_POST
def report_submit(request, pk):
    return _simple_action(request, pk, can.can_submit, lambda r, d: actions.submit(r, by=request.user),
                          "已报送上一级党委和政府。")


@login_required
@require_POST
def report_return(request, pk):
    return _simple_action(request, pk, can.can_return,
                          lambda r, d: actions.return_report(r, by=request.user, reason=d["reason"]),
                          "已退回，报告单位修改后须重新报送。", form_class=forms.ReturnForm, form_key="return")


@login_required
@require_POST
def report_publish(request, pk):
    return _simple_action(request, pk, can.can_publish,
                          lambda r, d: actions.publish(r, by=request.user,
                                                       secrecy_checked_by=d["secrecy_checked_by"]),
                          "已在门户网站公开。", form_class=forms.PublishForm, form_key="publish")


@login_required
def report_download(request, pk):
    report = _report(request, pk)
    if report.document is None:
        raise Http404("报告文件尚未生成。")
    return _file_response(report.document)


def _file_response(attachment):
    handle = default_storage.open(attachment.stored_name, "rb")
    return FileResponse(handle, as_attachment=True, filename=attachment.original_name,
                        content_type=attachment.content_type)


# ---------------------------------------------------------------- 报送情况 (overseer)


def _units_below(user, root: Org):
    return (Org.objects.visible_to(user).filter(path__startswith=root.path, is_active=True,
                                                kind__in=Org.GRASSROOTS).select_related("parent").order_by("path"))


@login_required
def board(request):
    require(can.can_view_board(request.user), "只有督察或负责人可以查看报送情况。")
    year = year_param(request, deadlines.today().year - 1)
    root = acting_org(request)
    if root is None:
        paths = scope_paths(request.user)
        root = Org.objects.filter(path=paths[0]).first() if paths else None
    units = list(_units_below(request.user, root)) if root else []
    reports = {r.org_id: r for r in AnnualReport.objects.visible_to(request.user)
               .filter(year=year, org__in=units).select_related("document")}
    rows = []
    for unit in units:
        report = reports.get(unit.pk)
        rows.append({"unit": unit, "report": report,
                     "submitted": bool(report and report.submitted_on),
                     "published": bool(report and report.published_on),
                     "can_review": bool(report and report.text and can.can_review(request.user, report))})
    submitted = sum(1 for r in rows if r["submitted"])
    published = sum(1 for r in rows if r["published"])
    return render(request, "reports/board.html", {
        "year": year, "root": root, "rows": rows, "submitted": submitted, "published": published,
        "missing": [r["unit"] for r in rows if not r["submitted"]],
        "years": range(deadlines.today().year, deadlines.today().year - 6, -1),
        "submit_rule": rule_due(actions.RULE_SUBMIT, year), "publish_rule": rule_due(actions.RULE_PUBLISH, year),
        "today": deadlines.today(),
    })


# ---------------------------------------------------------------- machine review


@login_required
def review_list(request):
    require(can.can_upload_review(request.user), "您没有审查年度报告的权限。")
    form = forms.UploadReviewForm(user=request.user)
    reviews = ReportReview.objects.visible_to(request.user).select_related("org").order_by("-reviewed_at", "-pk")
    submitted = (AnnualReport.objects.visible_to(request.user).filter(submitted_on__isnull=False)
                 .select_related("org").order_by("-year", "-submitted_on"))
    submitted = [r for r in submitted[:100] if can.can_review(request.user, r)]
    return render(request, "reports/review_list.html", {
        "form": form, "page": Paginator(reviews, 30).get_page(request.GET.get("page")), "submitted": submitted,
    })


@login_required
@require_POST
def review_upload(request):
    require(can.can_upload_review(request.user), "您没有审查年度报告的权限。")
    form = forms.UploadReviewForm(request.POST, request.FILES, user=request.user)
    if form.is_valid():
        org = form.cleaned_data["org"]
        require(can.can_upload_review(request.user, org), "您不能为该单位审查报告。")
        try:
            reviewed = actions.review_upload(form.cleaned_data["file"], org=org, by=request.user,
                                             year=form.cleaned_data["year"])
        except ValidationError as error:
            form.add_error("file", error.messages)
        else:
            messages.success(request, "已完成机器审查，审查记录和报告文件已保存。")
            return redirect(reviewed.get_absolute_url())
    reviews = ReportReview.objects.visible_to(request.user).select_related("org")
    return render(request, "reports/review_list.html", {
        "form": form, "page": Paginator(reviews, 30).get_page(1), "submitted": []}, status=400)


@login_required
@require_POST
def report_review(request, pk):
    report = _report(request, pk)
    require(can.can_review(request.user, report), "您没有审查该报告的权限。")
    try:
        reviewed = actions.review_report(report, by=request.user, own_unit=can.is_own_unit(request.user, report))
    except ValidationError as error:
        messages.error(request, _message(error))
        return redirect(report.get_absolute_url())
    messages.success(request, "已完成机器审查。")
    return redirect(reviewed.get_absolute_url())


@login_required
def review_detail(request, pk):
    reviewed = get_visible_or_404(ReportReview.objects.select_related("org", "report", "file"), request.user, pk=pk)
    result = reviewed.result
    sections = [{"key": k, "label": label, "present": result.get("sections", {}).get(k, False)}
                for k, label in SECTION_LABELS.items()]
    checks = {(c["start"], c["end"]): c for c in reviewed.crosscheck}
    return render(request, "reports/review_detail.html", {
        "reviewed": reviewed, "sections": sections, "figures": result.get("figures", []),
        "repeated": result.get("repeated_passages", []), "shared": reviewed.shared,
        "checks": reviewed.crosscheck, "mismatches": reviewed.contradictions,
        "marked_text": marked_text(reviewed.text, result.get("figures", []), result.get("repeated_passages", []),
                                   checks),
        "history": history(reviewed.report or reviewed),
    })


def marked_text(text: str, figures: list[dict], repeated: list[dict], checks: dict) -> str:
    """The report's text as HTML paragraphs, each figure in a <mark> carrying its parsed value, repeated
    passages underlined. Everything else is escaped; tags never cross a paragraph and always nest."""
    repeats = []
    for index, passage in enumerate(repeated, start=1):
        for start, end in passage["occurrences"]:
            # A figure straddling the passage's edge is taken in whole, so that the tags nest.
            for figure in figures:
                if figure["start"] < start < figure["end"]:
                    start = figure["start"]
                if figure["start"] < end < figure["end"]:
                    end = figure["end"]
            repeats.append((start, end, index))
    out, offset = [], 0
    for line in text.split("\n"):
        line_end = offset + len(line)
        events = []  # (position, 0 close / 1 open, nesting order, tag)
        for start, end, index in repeats:
            s, e = max(start, offset), min(end, line_end)
            if s < e:
                events += [(s, 1, 0, f'<span class="repeat" title="重复段落{index}">'), (e, 0, 1, "</span>")]
        for index, figure in enumerate(figures, start=1):
            if not (offset <= figure["start"] and figure["end"] <= line_end):
                continue
            check = checks.get((figure["start"], figure["end"]))
            css = "figure" + (f" {check['verdict']}" if check else "")
            tip = f"{figure['indicator']}：{figure['value']:g}{figure['unit']}" + \
                (f"（{figure['qualifier']}）" if figure["qualifier"] else "")
            if check and check["verdict"] == "mismatch":
                tip += f"；台账为{check['register']:g}"
            value = f"{figure['value']:g}{figure['unit']}" + (f"（{figure['qualifier']}）" if figure["qualifier"] else "")
            events += [(figure["start"], 1, 1, f'<mark class="{css}" id="fig-{index}" title="{html.escape(tip)}">'),
                       (figure["end"], 0, 0, f'<sup class="fig-no">{index}：{html.escape(value)}</sup></mark>')]
        events.sort(key=lambda e: (e[0], e[1], e[2]))
        pieces, cursor = [], offset
        for position, _, _, tag in events:
            pieces.append(html.escape(text[cursor:position]))
            pieces.append(tag)
            cursor = position
        pieces.append(html.escape(text[cursor:line_end]))
        body = "".join(pieces)
        out.append(f"<p>{body}</p>" if line.strip() else "")
        offset = line_end + 1
    return mark_safe("".join(out))
