"""Staff pages of 行政规范性文件: the register, one document through its procedure, 备案审查, 清理.

Each action view: scope lookup (404 outside scope) → permission (403) → one action → redirect.
"""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from yifa.core import deadlines, imports
from yifa.core.excel import export_response, template_response
from yifa.core.scope import get_visible_or_404
from yifa.legal_review.interface import outcome as review_outcome
from yifa.core.actionviews import perform, require
from yifa.core.officialdoc import docx_response
from yifa.legal_review.viewkit import acting_org, history, paginate

from . import actions, forms, indicators, ledger
from . import permissions as can
from .documents import filing_report, notice_document, official_text
from .models import Cleanup, CleanupItem, DocumentComment, Filing, NormativeDocument

S = NormativeDocument.Status
V = NormativeDocument.Validity

LEDGER_TITLE = "行政规范性文件台账"


def _documents(request):
    today = deadlines.today()
    qs = NormativeDocument.objects.visible_to(request.user).select_related("org").order_by("-published_on", "-created_at")
    params = request.GET
    if params.get("status") in S.values:
        qs = qs.filter(status=params["status"])
    if params.get("validity") == V.EXPIRED:
        qs = qs.filter(Q(validity=V.EXPIRED) | Q(validity__in=[V.VALID, V.AMENDED], expires_on__lt=today),
                       status=S.PUBLISHED)
    elif params.get("validity") in (V.VALID, V.AMENDED):
        qs = qs.filter(validity=params["validity"], status=S.PUBLISHED, expires_on__gte=today)
    elif params.get("validity") in V.values:
        qs = qs.filter(validity=params["validity"], status=S.PUBLISHED)
    if params.get("expiring"):
        qs = qs.filter(status=S.PUBLISHED, validity=V.VALID, expires_on__gte=today,
                       expires_on__lte=deadlines.add_months(today, 6))
    if params.get("q", "").strip():
        q = params["q"].strip()
        qs = qs.filter(Q(title__icontains=q) | Q(number__icontains=q))
    return qs


@login_required
def document_list(request):
    today = deadlines.today()
    qs = _documents(request)
    if request.GET.get("export") == "xlsx":
        filings = {f.document_id: f for f in Filing.objects.filter(document__in=qs)}
        rows = (ledger.export_row(d, filings.get(d.pk), today) for d in qs.iterator(chunk_size=500))
        return export_response(ledger.EXPORT_COLUMNS, rows, title=LEDGER_TITLE,
                               filename=f"{LEDGER_TITLE}-{today:%Y%m%d}.xlsx")
    page = paginate(request, qs)
    for d in page:
        d.validity_now = d.current_validity(today)
    org = acting_org(request)
    return render(request, "normative_docs/document_list.html", {
        "page": page, "statuses": S.choices, "validities": V.choices, "filters": request.GET, "today": today,
        "can_create": can.can_create(request.user, org),
    })


LEDGER = imports.Ledger(
    title=LEDGER_TITLE, columns=ledger.COLUMNS, check=ledger.check, save=actions.import_ledger,
    permission=can.can_create, denied="只有乡镇（街道）的经办人或负责人可以导入规范性文件台账。", noun="件规范性文件",
    template_url="normative_docs:document_template", list_url="normative_docs:document_list",
    list_label="行政规范性文件",
    notes=("按状态填写已经过的各环节（征求意见、合法性审核、集体审议、登记编号、公布）的日期，尚未经过的环节留空。",
           "已公布的文件按施行日期和有效期（月）计算有效期至；填写了报备日期的同时登记备案（按公布日期判断是否按时报备），"
           "未报备的自动开始计算报备期限。",
           "正在公开征求意见的文件自动开始计算征求意见期限；合法性审核中的，请按“意见已研究处理”导入，导入后在本系统送审。"))


@login_required
def document_import(request):
    """导入行政规范性文件台账 into the acting unit (core's import page: every row checked, all or nothing)."""
    return imports.run(request, LEDGER)


@login_required
def document_template(request):
    return template_response(ledger.COLUMNS, title=LEDGER_TITLE, filename=f"{LEDGER_TITLE}-导入模板.xlsx")


@login_required
def document_create(request):
    org = acting_org(request)
    require(can.can_create(request.user, org), "只有乡镇（街道）的经办人或负责人可以起草规范性文件。")
    form = forms.DocumentForm(request.POST or None)
    if request.method == "POST":
        return perform(request, form, lambda d: actions.create_document(org=org, by=request.user, **d),
                       success="已登记文件草案。", then=lambda doc: reverse("normative_docs:document_detail", args=[doc.pk]),
                       rerender=lambda f, status: render(request, "normative_docs/document_form.html",
                                                         {"form": f, "org": org}, status=status))
    return render(request, "normative_docs/document_form.html", {"form": form, "org": org})


def _document(request, pk):
    return get_visible_or_404(NormativeDocument.objects.select_related("org"), request.user, pk=pk)


def _detail(request, document, bound=None, status=200):
    bound = bound or {}
    user = request.user
    today = deadlines.today()
    filing = Filing.objects.filter(document=document).first()
    comments = list(document.comments.all())
    context = {
        "document": document, "today": today, "filing": filing, "comments": comments,
        "validity_now": document.current_validity(today) if document.status == S.PUBLISHED else "",
        "deadlines": deadlines.of(document) + (deadlines.of(filing) if filing else []),
        "review": review_outcome(document.review_request_id),
        "history": history(document), "cleanup_items": document.cleanup_items.select_related("cleanup"),
        "comment_open": document.comment_is_open(today),
        "can": {"edit": can.can_edit(user, document), "open_comment": can.can_open_comment(user, document),
                "comments": can.can_handle_comments(user, document), "review": can.can_request_review(user, document),
                "deliberate": can.can_deliberate(user, document), "register": can.can_register(user, document),
                "publish": can.can_publish(user, document), "file": can.can_file(user, document),
                "withdraw": can.can_withdraw(user, document)},
        "answer_forms": {c.pk: bound.get(f"answer-{c.pk}") or forms.AnswerForm(
            initial={"disposition": c.disposition, "reply": c.reply}, prefix=f"c{c.pk}") for c in comments},
    }
    factories = {
        "open_comment": lambda: forms.OpenCommentForm(initial={"opens_on": today}),
        "close_comment": forms.SummaryForm, "review": forms.NoteForm,
        "deliberate": lambda: forms.DeliberateForm(initial={"held_on": today}),
        "register": lambda: forms.RegisterForm(initial={"registered_on": today}),
        "publish": lambda: forms.PublishForm(initial={"published_on": today, "effective_on": today}),
        "file": lambda: forms.FileForm(initial={"filed_on": today}), "withdraw": forms.ReasonForm,
    }
    for name, factory in factories.items():
        context[f"{name}_form"] = bound.get(name) or factory()
    return render(request, "normative_docs/document_detail.html", context, status=status)


@login_required
def document_detail(request, pk):
    return _detail(request, _document(request, pk))


@login_required
def document_edit(request, pk):
    document = _document(request, pk)
    require(can.can_edit(request.user, document, state=False))
    initial = {k: getattr(document, k) for k in actions.DRAFT_FIELDS}
    if request.method == "POST":
        return perform(request, forms.DocumentForm(request.POST),
                       lambda d: actions.update_document(document, by=request.user, **d), success="草案已保存。",
                       then=reverse("normative_docs:document_detail", args=[pk]),
                       rerender=lambda f, status: render(request, "normative_docs/document_form.html",
                                                         {"form": f, "document": document}, status=status))
    return render(request, "normative_docs/document_form.html",
                  {"form": forms.DocumentForm(initial=initial), "document": document})


def _act(request, pk, *, name, predicate, form_class, call, success):
    document = _document(request, pk)
    require(predicate(request.user, document, state=False))
    return perform(request, form_class(request.POST), lambda d: call(document, d), success=success,
                   then=reverse("normative_docs:document_detail", args=[pk]),
                   rerender=lambda f, status: _detail(request, document, {name: f}, status))


@require_POST
@login_required
def comment_open(request, pk):
    return _act(request, pk, name="open_comment", predicate=can.can_open_comment, form_class=forms.OpenCommentForm,
                success="已公开征求意见，门户“规范性文件”栏目可见。",
                call=lambda doc, d: actions.open_comment(doc, by=request.user, **d))


@require_POST
@login_required
def comment_answer(request, pk, comment_pk):
    document = _document(request, pk)
    comment = get_visible_or_404(DocumentComment, request.user, pk=comment_pk, document=document)
    require(can.can_handle_comments(request.user, document, state=False))
    return perform(request, forms.AnswerForm(request.POST, prefix=f"c{comment.pk}"),
                   lambda d: actions.answer_comment(comment, by=request.user, **d), success="已记录处理结果。",
                   then=reverse("normative_docs:document_detail", args=[pk]) + f"#c{comment.pk}",
                   rerender=lambda f, status: _detail(request, document, {f"answer-{comment.pk}": f}, status))


@require_POST
@login_required
def comment_close(request, pk):
    return _act(request, pk, name="close_comment", predicate=can.can_handle_comments, form_class=forms.SummaryForm,
                success="征求意见已结束，采纳情况已公布。",
                call=lambda doc, d: actions.close_comment(doc, by=request.user, summary=d["summary"]))


@require_POST
@login_required
def review_request(request, pk):
    return _act(request, pk, name="review", predicate=can.can_request_review, form_class=forms.NoteForm,
                success="已送请合法性审核。",
                call=lambda doc, d: actions.request_legality_review(doc, by=request.user, note=d["note"]))


@require_POST
@login_required
def deliberate(request, pk):
    return _act(request, pk, name="deliberate", predicate=can.can_deliberate, form_class=forms.DeliberateForm,
                success="已登记集体审议。", call=lambda doc, d: actions.deliberate(doc, by=request.user, **d))


@require_POST
@login_required
def register(request, pk):
    return _act(request, pk, name="register", predicate=can.can_register, form_class=forms.RegisterForm,
                success="已统一登记编号。", call=lambda doc, d: actions.register(doc, by=request.user, **d))


@require_POST
@login_required
def publish(request, pk):
    return _act(request, pk, name="publish", predicate=can.can_publish, form_class=forms.PublishForm,
                success="文件已公布，报备期限开始计算。", call=lambda doc, d: actions.publish(doc, by=request.user, **d))


@require_POST
@login_required
def file(request, pk):
    return _act(request, pk, name="file", predicate=can.can_file, form_class=forms.FileForm,
                success="已报送备案。", call=lambda doc, d: actions.file(doc, by=request.user, **d))


@require_POST
@login_required
def withdraw(request, pk):
    return _act(request, pk, name="withdraw", predicate=can.can_withdraw, form_class=forms.ReasonForm,
                success="已终止制定。", call=lambda doc, d: actions.withdraw(doc, by=request.user, reason=d["reason"]))


@login_required
def notice_docx(request, pk):
    document = _document(request, pk)
    require(bool(document.comment_opens_on), "尚未公开征求意见。")
    return docx_response(notice_document(document), f"{document.title} 征求意见公告.docx")


@login_required
def text_docx(request, pk):
    document = _document(request, pk)
    require(bool(document.number), "文件尚未登记编号。")
    return docx_response(official_text(document), f"{document.number} {document.title}.docx")


# ---------------------------------------------------------------- 备案审查


@login_required
def filing_list(request):
    today = deadlines.today()
    qs = Filing.objects.visible_to(request.user).select_related("document", "document__org", "filed_to")
    if request.GET.get("status") in Filing.Status.values:
        qs = qs.filter(status=request.GET["status"])
    orgs = _scope_orgs(request)
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else today.year
    period = (dt.date(year, 1, 1), dt.date(year, 12, 31))
    unfiled = list(NormativeDocument.objects.visible_to(request.user).filter(status=S.PUBLISHED, filing__isnull=True)
                   .select_related("org").order_by("published_on"))
    for document in unfiled:
        document.filing_clock = next((d for d in deadlines.of(document) if d.rule.code == actions.FILING_RULE), None)
    return render(request, "normative_docs/filing_list.html", {
        "page": paginate(request, qs), "statuses": Filing.Status.choices, "filters": request.GET, "year": year,
        "figures": indicators.figures(orgs, period), "today": today, "unfiled": unfiled,
    })


def _scope_orgs(request):
    from yifa.core.scope import scope_paths
    from yifa.core.models import Org

    return list(Org.objects.filter(path__in=scope_paths(request.user))) if not request.user.is_superuser else \
        list(Org.objects.filter(parent__isnull=True))


def _filing(request, pk):
    return get_visible_or_404(Filing.objects.select_related("document", "document__org", "filed_to"), request.user, pk=pk)


def _filing_page(request, filing, bound=None, status=200):
    bound = bound or {}
    user = request.user
    return render(request, "normative_docs/filing_detail.html", {
        "filing": filing, "document": filing.document, "deadlines": deadlines.of(filing) + deadlines.of(filing.document),
        "history": history(filing),
        "can": {"review": can.can_review_filing(user, filing), "answer": can.can_answer_correction(user, filing)},
        "pass_form": bound.get("pass") or forms.OpinionForm(), "correction_form": bound.get("correction") or forms.CorrectionForm(),
        "answer_form": bound.get("answer") or forms.AnswerCorrectionForm(),
    }, status=status)


@login_required
def filing_detail(request, pk):
    return _filing_page(request, _filing(request, pk))


def _filing_act(request, pk, *, name, predicate, form_class, call, success):
    filing = _filing(request, pk)
    require(predicate(request.user, filing, state=False))
    return perform(request, form_class(request.POST), lambda d: call(filing, d), success=success,
                   then=reverse("normative_docs:filing_detail", args=[pk]),
                   rerender=lambda f, status: _filing_page(request, filing, {name: f}, status))


@require_POST
@login_required
def filing_pass(request, pk):
    return _filing_act(request, pk, name="pass", predicate=can.can_review_filing, form_class=forms.OpinionForm,
                       success="备案审查通过。",
                       call=lambda f, d: actions.pass_review(f, by=request.user, opinion=d["opinion"]))


@require_POST
@login_required
def filing_correct(request, pk):
    return _filing_act(request, pk, name="correction", predicate=can.can_review_filing, form_class=forms.CorrectionForm,
                       success="已责令纠正，纠正期限开始计算。",
                       call=lambda f, d: actions.order_correction(f, by=request.user, **d))


@require_POST
@login_required
def filing_answer(request, pk):
    return _filing_act(request, pk, name="answer", predicate=can.can_answer_correction,
                       form_class=forms.AnswerCorrectionForm, success="已报告纠正情况。",
                       call=lambda f, d: actions.answer_correction(f, by=request.user, **d))


@login_required
def filing_docx(request, pk):
    filing = _filing(request, pk)
    return docx_response(filing_report(filing), f"{filing.document.title} 备案报告.docx")


# ---------------------------------------------------------------- 清理


@login_required
def cleanup_list(request):
    org = acting_org(request)
    cleanups = Cleanup.objects.visible_to(request.user).select_related("org")
    today = deadlines.today()
    expiring = (NormativeDocument.objects.visible_to(request.user)
                .filter(status=S.PUBLISHED, validity=V.VALID, expires_on__gte=today,
                        expires_on__lte=deadlines.add_months(today, 6)).select_related("org").order_by("expires_on"))
    clocks = [d for d in deadlines.open_for(request.user) if d.rule.code == actions.CLEANUP_RULE]
    return render(request, "normative_docs/cleanup_list.html", {
        "cleanups": cleanups, "expiring": expiring, "clocks": clocks, "today": today,
        "can_create": can.can_create(request.user, org),
        "form": forms.CleanupForm(initial={"title": f"{org.name if org else ''}{today.year}年度行政规范性文件清理"}),
    })


@require_POST
@login_required
def cleanup_create(request):
    org = acting_org(request)
    require(can.can_create(request.user, org), "只有乡镇（街道）的经办人或负责人可以开展清理。")
    return perform(request, forms.CleanupForm(request.POST),
                   lambda d: actions.start_cleanup(org=org, by=request.user, **d), success="已开始清理。",
                   then=lambda c: reverse("normative_docs:cleanup_detail", args=[c.pk]),
                   rerender=lambda f, status: render(request, "normative_docs/cleanup_list.html", {
                       "cleanups": Cleanup.objects.visible_to(request.user), "form": f, "can_create": True,
                       "expiring": [], "clocks": []}, status=status))


def _cleanup(request, pk):
    return get_visible_or_404(Cleanup.objects.select_related("org"), request.user, pk=pk)


def _cleanup_page(request, cleanup, bound=None, status=200):
    bound = bound or {}
    items = list(cleanup.items.select_related("document"))
    return render(request, "normative_docs/cleanup_detail.html", {
        "cleanup": cleanup, "items": items, "summary": actions.summary_of(cleanup), "history": history(cleanup),
        "can": {"manage": can.can_manage_cleanup(request.user, cleanup),
                "conclude": can.can_conclude_cleanup(request.user, cleanup)},
        "item_forms": {i.pk: bound.get(f"item-{i.pk}") or forms.CleanupResultForm(
            initial={"result": i.result or "keep", "reason": i.reason}, prefix=f"i{i.pk}") for i in items},
        "conclude_form": bound.get("conclude") or forms.ConcludeForm(),
    }, status=status)


@login_required
def cleanup_detail(request, pk):
    return _cleanup_page(request, _cleanup(request, pk))


@require_POST
@login_required
def cleanup_item(request, pk, item_pk):
    cleanup = _cleanup(request, pk)
    item = get_visible_or_404(CleanupItem, request.user, pk=item_pk, cleanup=cleanup)
    require(can.can_manage_cleanup(request.user, cleanup, state=False))
    return perform(request, forms.CleanupResultForm(request.POST, prefix=f"i{item.pk}"),
                   lambda d: actions.set_cleanup_result(item, by=request.user, **d), success="已记录清理意见。",
                   then=reverse("normative_docs:cleanup_detail", args=[pk]),
                   rerender=lambda f, status: _cleanup_page(request, cleanup, {f"item-{item.pk}": f}, status))


@require_POST
@login_required
def cleanup_conclude(request, pk):
    cleanup = _cleanup(request, pk)
    require(can.can_conclude_cleanup(request.user, cleanup, state=False), "只有负责人可以公布清理结果。")
    return perform(request, forms.ConcludeForm(request.POST),
                   lambda d: actions.conclude_cleanup(cleanup, by=request.user, decision=d["decision"]),
                   success="清理结果已公布，文件效力已更新。", then=reverse("normative_docs:cleanup_detail", args=[pk]),
                   rerender=lambda f, status: _cleanup_page(request, cleanup, {"conclude": f}, status))
