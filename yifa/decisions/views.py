"""Staff pages of 重大行政决策: catalogues, the decision with its five steps, and its file.

Each action view: scope lookup (404 outside scope) → permission (403) → one action → redirect.
"""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
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

from . import actions, forms, ledger
from . import permissions as can
from .documents import adoption_document, catalogue_document, notice_document
from .models import Decision, DecisionCatalogue, DecisionStep, PublicComment

K = DecisionStep.Kind

# ---------------------------------------------------------------- lists

def _decisions(request):
    qs = (Decision.objects.visible_to(request.user).select_related("org", "catalogue")
          .prefetch_related("steps").order_by("-created_at"))
    params = request.GET
    if params.get("status") in Decision.Status.values:
        qs = qs.filter(status=params["status"])
    if params.get("kind") in Decision.Kind.values:
        qs = qs.filter(kind=params["kind"])
    if params.get("year", "").isdigit():
        year = int(params["year"])
        qs = qs.filter(Q(catalogue__year=year) | Q(catalogue__isnull=True, created_at__year=year))
    if params.get("q", "").strip():
        qs = qs.filter(title__icontains=params["q"].strip())
    return qs


@login_required
def decision_list(request):
    qs = _decisions(request)
    if request.GET.get("export") == "xlsx":
        rows = (ledger.export_row(d) for d in qs.iterator(chunk_size=500))
        return export_response(ledger.EXPORT_COLUMNS, rows, title=LEDGER_TITLE,
                               filename=f"{LEDGER_TITLE}-{deadlines.today():%Y%m%d}.xlsx")
    org = acting_org(request)
    return render(request, "decisions/decision_list.html", {
        "page": paginate(request, qs), "statuses": Decision.Status.choices, "kinds": Decision.Kind.choices,
        "filters": request.GET, "can_create": can.can_create(request.user, org), "step_kinds": K.choices,
    })


LEDGER_TITLE = "重大行政决策台账"


LEDGER = imports.Ledger(
    title=LEDGER_TITLE, columns=ledger.COLUMNS, check=ledger.check, save=actions.import_ledger,
    permission=can.can_create, denied="只有乡镇（街道）的经办人或负责人可以导入决策台账。", noun="件决策事项",
    template_url="decisions:decision_template", list_url="decisions:decision_list", list_label="重大行政决策",
    notes=("填写了“目录年度”的事项列入本单位该年度的决策事项目录；本单位还没有该年度目录的，导入时建立（编制中），"
           "请随后登记党委同意并公布。",
           "每个程序填待办理、办理中、已完成或依法不适用；仍在公开征求意见的事项自动开始计算征求意见期限；"
           "合法性审查正在进行的，请填“待办理”，导入后在本系统送审。"))


@login_required
def decision_import(request):
    """导入重大行政决策台账 into the acting unit (core's import page: every row checked, all or nothing)."""
    return imports.run(request, LEDGER)


@login_required
def decision_template(request):
    return template_response(ledger.COLUMNS, title=LEDGER_TITLE, filename=f"{LEDGER_TITLE}-导入模板.xlsx")


@login_required
def decision_create(request):
    """Register a "三重一大" item, or a decision outside the catalogue."""
    org = acting_org(request)
    require(can.can_create(request.user, org), "只有乡镇（街道）的经办人或负责人可以登记决策事项。")
    form = forms.DecisionForm(request.POST or None, initial={"kind": request.GET.get("kind", "triple")})
    if request.method == "POST":
        return perform(request, form, lambda d: actions.add_decision(org=org, by=request.user, **d),
                       success="已登记决策事项。", then=lambda d: reverse("decisions:decision_detail", args=[d.pk]),
                       rerender=lambda f, status: render(request, "decisions/decision_form.html",
                                                         {"form": f, "org": org}, status=status))
    return render(request, "decisions/decision_form.html", {"form": form, "org": org})


# ---------------------------------------------------------------- catalogues


@login_required
def catalogue_list(request):
    catalogues = (DecisionCatalogue.objects.visible_to(request.user).select_related("org")
                  .annotate(items=Count("decisions", filter=~Q(decisions__status=Decision.Status.WITHDRAWN)))
                  .order_by("-year", "org__path"))
    org = acting_org(request)
    return render(request, "decisions/catalogue_list.html", {
        "catalogues": catalogues, "can_create": can.can_create(request.user, org),
        "form": forms.CatalogueForm(initial={"year": deadlines.today().year + (1 if deadlines.today().month >= 11 else 0)}),
    })


@require_POST
@login_required
def catalogue_create(request):
    org = acting_org(request)
    require(can.can_create(request.user, org), "只有乡镇（街道）的经办人或负责人可以编制决策事项目录。")
    form = forms.CatalogueForm(request.POST)

    def rerender(f, status):
        catalogues = DecisionCatalogue.objects.visible_to(request.user).select_related("org")
        return render(request, "decisions/catalogue_list.html",
                      {"catalogues": catalogues, "can_create": True, "form": f}, status=status)

    return perform(request, form, lambda d: actions.create_catalogue(org=org, by=request.user, **d),
                   success="已建立决策事项目录。", then=lambda c: reverse("decisions:catalogue_detail", args=[c.pk]),
                   rerender=rerender)


def _catalogue(request, pk):
    return get_visible_or_404(DecisionCatalogue.objects.select_related("org"), request.user, pk=pk)


def _catalogue_page(request, catalogue, bound=None, status=200):
    bound = bound or {}
    user = request.user
    return render(request, "decisions/catalogue_detail.html", {
        "catalogue": catalogue,
        "decisions": catalogue.decisions.order_by("pk").prefetch_related("steps"),
        "history": history(catalogue),
        "can": {"edit": can.can_edit_catalogue(user, catalogue), "approve": can.can_approve_catalogue(user, catalogue),
                "publish": can.can_publish_catalogue(user, catalogue), "adjust": can.can_adjust_catalogue(user, catalogue)},
        "add_form": bound.get("add") or forms.DecisionForm(initial={"kind": "major"}),
        "approve_form": bound.get("approve") or forms.ApproveCatalogueForm(initial={"approved_on": deadlines.today()}),
        "publish_form": bound.get("publish") or forms.PublishCatalogueForm(initial={"published_on": deadlines.today()}),
        "adjust_form": bound.get("adjust") or forms.ReasonForm(),
    }, status=status)


@login_required
def catalogue_detail(request, pk):
    return _catalogue_page(request, _catalogue(request, pk))


def _catalogue_act(request, pk, *, name, predicate, form_class, call, success):
    catalogue = _catalogue(request, pk)
    require(predicate(request.user, catalogue, state=False))
    return perform(request, form_class(request.POST), lambda d: call(catalogue, d), success=success,
                   then=reverse("decisions:catalogue_detail", args=[catalogue.pk]),
                   rerender=lambda f, status: _catalogue_page(request, catalogue, {name: f}, status))


@require_POST
@login_required
def catalogue_add(request, pk):
    return _catalogue_act(request, pk, name="add", predicate=can.can_edit_catalogue, form_class=forms.DecisionForm,
                          success="已列入目录。",
                          call=lambda c, d: actions.add_decision(org=c.org, by=request.user, catalogue=c, **d))


@require_POST
@login_required
def catalogue_approve(request, pk):
    return _catalogue_act(request, pk, name="approve", predicate=can.can_approve_catalogue,
                          form_class=forms.ApproveCatalogueForm, success="已登记党委同意。",
                          call=lambda c, d: actions.approve_catalogue(c, by=request.user, **d))


@require_POST
@login_required
def catalogue_publish(request, pk):
    return _catalogue_act(request, pk, name="publish", predicate=can.can_publish_catalogue,
                          form_class=forms.PublishCatalogueForm, success="目录已向社会公布，门户可见。",
                          call=lambda c, d: actions.publish_catalogue(c, by=request.user, **d))


@require_POST
@login_required
def catalogue_adjust(request, pk):
    return _catalogue_act(request, pk, name="adjust", predicate=can.can_adjust_catalogue, form_class=forms.ReasonForm,
                          success="目录已退回编制中，调整后须重新报党委同意并公布。",
                          call=lambda c, d: actions.adjust_catalogue(c, by=request.user, reason=d["reason"]))


@login_required
def catalogue_docx(request, pk):
    catalogue = _catalogue(request, pk)
    return docx_response(catalogue_document(catalogue), f"{catalogue.title}.docx")


# ---------------------------------------------------------------- one decision

PAGES = {"overview": "decisions/decision_detail.html", "draft": "decisions/draft_form.html",
         K.PARTICIPATION: "decisions/step_participation.html", K.EXPERT: "decisions/step_expert.html",
         K.RISK: "decisions/step_risk.html", K.LEGALITY: "decisions/step_legality.html",
         K.COLLECTIVE: "decisions/step_collective.html", "follow_up": "decisions/follow_up.html"}


def _decision(request, pk):
    return get_visible_or_404(Decision.objects.select_related("org", "catalogue"), request.user, pk=pk)


def _page(request, decision, page="overview", bound=None, status=200):
    """Render one page of the decision (overview, draft, a step, follow-up) with any bound form."""
    bound = bound or {}
    user = request.user
    today = deadlines.today()
    steps = list(DecisionStep.objects.filter(decision=decision))
    steps.sort(key=lambda s: DecisionStep.ORDER.index(s.kind))
    by_kind = {s.kind: s for s in steps}
    context = {
        "decision": decision, "steps": steps, "page": page, "today": today,
        "step": by_kind.get(page), "deadlines": deadlines.of(decision),
        "can": {
            "work": can.can_work(user, decision), "start": can.can_start(user, decision),
            "procedure": can.can_in_procedure(user, decision), "publish": can.can_publish(user, decision),
            "follow_up": can.can_follow_up(user, decision), "archive": can.can_archive(user, decision),
            "withdraw": can.can_withdraw(user, decision),
            "waive": {s.kind: can.can_waive(user, s) for s in steps},
            "reinstate": {s.kind: can.can_reinstate(user, s) for s in steps},
        },
        "step_pages": [(s, reverse("decisions:decision_step", args=[decision.pk, s.kind])) for s in steps],
    }

    def form(name, factory):
        context[f"{name}_form"] = bound.get(name) or factory()

    if page == "overview":
        context.update(open_steps=actions.open_steps(decision) if decision.status in Decision.IN_PROCEDURE else [],
                       checklist=actions.archive_checklist(decision), history=history(decision, *steps))
        form("start", lambda: forms.StartForm(initial={"undertaking_unit": decision.undertaking_unit}))
        form("publish", lambda: forms.PublishForm(initial={"published_on": today}))
        form("archive", forms.ConfirmForm)
        form("withdraw", forms.ReasonForm)
    elif page == "draft":
        form("draft", lambda: forms.DraftForm(initial={k: getattr(decision, k) for k in actions.DRAFT_FIELDS}))
    elif page == K.PARTICIPATION:
        comments = decision.comments.all()
        context.update(comments=comments, counts=actions.comment_counts(decision),
                       comment_open=decision.comment_is_open(today), comment_ended=decision.comment_has_ended(today),
                       earliest_close=None)
        context["answer_forms"] = {c.pk: (bound.get(f"answer-{c.pk}") or
                                          forms.AnswerForm(initial={"disposition": c.disposition, "reply": c.reply},
                                                           prefix=f"c{c.pk}")) for c in comments}
        form("open_comment", lambda: forms.OpenCommentForm(initial={"opens_on": today}))
        form("adoption", lambda: forms.AdoptionForm(initial={"summary": decision.adoption_summary}))
        form("hearing", forms.HearingForm)
        form("waive", forms.ReasonForm)
    elif page == K.EXPERT:
        context["opinions"] = decision.expert_opinions.all()
        form("expert", lambda: forms.ExpertOpinionForm(initial={"given_on": today}))
        form("expert_done", forms.ExpertDoneForm)
        form("waive", forms.ReasonForm)
    elif page == K.RISK:
        context["assessments"] = decision.risk_assessments.all()
        form("risk", lambda: forms.RiskForm(initial={"assessed_on": today, "controllable": True}))
        form("waive", forms.ReasonForm)
    elif page == K.LEGALITY:
        context["review"] = review_outcome(by_kind[K.LEGALITY].review_request_id)
        form("legality", forms.LegalityForm)
    elif page == K.COLLECTIVE:
        context.update(meetings=decision.meetings.prefetch_related("views"),
                       open_steps=actions.open_steps(decision) if decision.status in Decision.IN_PROCEDURE else [])
        form("meeting", lambda: forms.MeetingForm(initial={"held_on": today}))
        context["views_formset"] = bound.get("views") or forms.ViewFormSet(prefix="views")
    elif page == "follow_up":
        context.update(notes=decision.implementation_notes.all(), evaluations=decision.evaluations.all())
        form("implementation", lambda: forms.ImplementationForm(initial={"noted_on": today,
                                                                        "unit": decision.undertaking_unit}))
        form("evaluation", lambda: forms.EvaluationForm(initial={"evaluated_on": today}))
    return render(request, PAGES[page], context, status=status)


@login_required
def decision_detail(request, pk):
    return _page(request, _decision(request, pk))


@login_required
def decision_step(request, pk, kind):
    decision = _decision(request, pk)
    if kind not in K.values:
        from django.http import Http404

        raise Http404("没有这个程序。")
    return _page(request, decision, kind)


@login_required
def follow_up(request, pk):
    return _page(request, _decision(request, pk), "follow_up")


@login_required
def decision_draft(request, pk):
    decision = _decision(request, pk)
    require(can.can_work(request.user, decision, state=False))
    if request.method == "POST":
        return perform(request, forms.DraftForm(request.POST),
                       lambda d: actions.update_draft(decision, by=request.user, **d), success="决策草案已保存。",
                       then=reverse("decisions:decision_detail", args=[decision.pk]),
                       rerender=lambda f, status: _page(request, decision, "draft", {"draft": f}, status))
    return _page(request, decision, "draft")


def _act(request, pk, *, page, name, predicate, form_class, call, success, form_kwargs=None):
    decision = _decision(request, pk)
    require(predicate(request.user, decision, state=False))
    form = form_class(request.POST, **(form_kwargs or {}))
    then = (reverse("decisions:decision_detail", args=[pk]) if page == "overview" else
            reverse("decisions:follow_up", args=[pk]) if page == "follow_up" else
            reverse("decisions:decision_step", args=[pk, page]))
    return perform(request, form, lambda d: call(decision, d), success=success, then=then,
                   rerender=lambda f, status: _page(request, decision, page, {name: f}, status))


@require_POST
@login_required
def decision_start(request, pk):
    return _act(request, pk, page="overview", name="start", predicate=can.can_start, form_class=forms.StartForm,
                success="已启动决策程序。",
                call=lambda dec, d: actions.start(dec, by=request.user, undertaking_unit=d["undertaking_unit"]))


@require_POST
@login_required
def step_waive(request, pk, kind):
    decision = _decision(request, pk)
    step = get_visible_or_404(DecisionStep, request.user, decision=decision, kind=kind)
    require(can.can_waive(request.user, step, state=False), "只有负责人可以认定决策程序不适用。")
    return perform(request, forms.ReasonForm(request.POST),
                   lambda d: actions.waive_step(step, by=request.user, reason=d["reason"]),
                   success=f"已认定{step.get_kind_display()}不适用，理由已记录。",
                   then=reverse("decisions:decision_detail", args=[pk]),
                   rerender=lambda f, status: _page(request, decision, kind if kind in PAGES else "overview",
                                                    {"waive": f}, status))


@require_POST
@login_required
def step_reinstate(request, pk, kind):
    decision = _decision(request, pk)
    step = get_visible_or_404(DecisionStep, request.user, decision=decision, kind=kind)
    require(can.can_reinstate(request.user, step, state=False), "只有负责人可以调整决策程序。")
    return perform(request, forms.ConfirmForm(request.POST), lambda d: actions.reinstate_step(step, by=request.user),
                   success=f"{step.get_kind_display()}已恢复为必经程序。",
                   then=reverse("decisions:decision_detail", args=[pk]),
                   rerender=lambda f, status: _page(request, decision, "overview", {}, status))


@require_POST
@login_required
def comment_open(request, pk):
    return _act(request, pk, page=K.PARTICIPATION, name="open_comment", predicate=can.can_in_procedure,
                form_class=forms.OpenCommentForm, success="已公开征求意见，门户“决策预公开”栏目可见。",
                call=lambda dec, d: actions.open_comment(dec, by=request.user, **d))


@require_POST
@login_required
def comment_answer(request, pk, comment_pk):
    decision = _decision(request, pk)
    comment = get_visible_or_404(PublicComment, request.user, pk=comment_pk, decision=decision)
    require(can.can_work(request.user, decision, state=False))
    return perform(request, forms.AnswerForm(request.POST, prefix=f"c{comment.pk}"),
                   lambda d: actions.answer_comment(comment, by=request.user, **d), success="已记录处理结果。",
                   then=reverse("decisions:decision_step", args=[pk, K.PARTICIPATION]) + f"#c{comment.pk}",
                   rerender=lambda f, status: _page(request, decision, K.PARTICIPATION,
                                                    {f"answer-{comment.pk}": f}, status))


@require_POST
@login_required
def adoption_publish(request, pk):
    return _act(request, pk, page=K.PARTICIPATION, name="adoption", predicate=can.can_in_procedure,
                form_class=forms.AdoptionForm, success="意见采纳情况已公布，公众参与程序完成。",
                call=lambda dec, d: actions.publish_adoption(dec, by=request.user, summary=d["summary"]))


@require_POST
@login_required
def hearing_record(request, pk):
    return _act(request, pk, page=K.PARTICIPATION, name="hearing", predicate=can.can_in_procedure,
                form_class=forms.HearingForm, success="已登记听证会。",
                call=lambda dec, d: actions.record_hearing(dec, by=request.user, **d))


@require_POST
@login_required
def expert_add(request, pk):
    return _act(request, pk, page=K.EXPERT, name="expert", predicate=can.can_in_procedure,
                form_class=forms.ExpertOpinionForm, success="已登记专家论证意见。",
                call=lambda dec, d: actions.add_expert_opinion(dec, by=request.user, **d))


@require_POST
@login_required
def expert_done(request, pk):
    return _act(request, pk, page=K.EXPERT, name="expert_done", predicate=can.can_in_procedure,
                form_class=forms.ExpertDoneForm, success="专家论证已完成。",
                call=lambda dec, d: actions.complete_expert_review(dec, by=request.user, result=d["result"]))


@require_POST
@login_required
def risk_record(request, pk):
    return _act(request, pk, page=K.RISK, name="risk", predicate=can.can_in_procedure, form_class=forms.RiskForm,
                success="已登记风险评估。", call=lambda dec, d: actions.record_risk_assessment(dec, by=request.user, **d))


@require_POST
@login_required
def legality_request(request, pk):
    return _act(request, pk, page=K.LEGALITY, name="legality", predicate=can.can_in_procedure,
                form_class=forms.LegalityForm, success="已送请合法性审查。",
                call=lambda dec, d: actions.request_legality_review(dec, by=request.user, note=d["note"]))


@require_POST
@login_required
def meeting_record(request, pk):
    decision = _decision(request, pk)
    require(can.can_in_procedure(request.user, decision, state=False))
    form = forms.MeetingForm(request.POST)
    formset = forms.ViewFormSet(request.POST, prefix="views")

    def call(data):
        if not formset.is_valid():
            from django.core.exceptions import ValidationError

            raise ValidationError("发言记录填写有误，请检查。")
        views = [actions.View(member_name=row.get("member_name", ""), position=row.get("position", ""),
                              view=row.get("view", ""), is_head=row.get("is_head", False), remarks=row.get("remarks", ""))
                 for row in formset.cleaned_data if row.get("member_name")]
        return actions.record_collective_decision(decision, by=request.user, views=views, **data)

    return perform(request, form, call, success="已登记集体讨论决定。",
                   then=reverse("decisions:decision_detail", args=[pk]),
                   rerender=lambda f, status: _page(request, decision, K.COLLECTIVE, {"meeting": f, "views": formset},
                                                    status))


@require_POST
@login_required
def decision_publish(request, pk):
    return _act(request, pk, page="overview", name="publish", predicate=can.can_publish, form_class=forms.PublishForm,
                success="决策已公布。", call=lambda dec, d: actions.publish(dec, by=request.user, **d))


@require_POST
@login_required
def implementation_add(request, pk):
    return _act(request, pk, page="follow_up", name="implementation", predicate=can.can_follow_up,
                form_class=forms.ImplementationForm, success="已登记执行情况。",
                call=lambda dec, d: actions.add_implementation_note(dec, by=request.user, **d))


@require_POST
@login_required
def evaluation_add(request, pk):
    return _act(request, pk, page="follow_up", name="evaluation", predicate=can.can_follow_up,
                form_class=forms.EvaluationForm, success="已登记决策后评估。",
                call=lambda dec, d: actions.record_evaluation(dec, by=request.user, **d))


@require_POST
@login_required
def decision_archive(request, pk):
    return _act(request, pk, page="overview", name="archive", predicate=can.can_archive, form_class=forms.ConfirmForm,
                success="决策档案已归档。", call=lambda dec, d: actions.archive(dec, by=request.user))


@require_POST
@login_required
def decision_withdraw(request, pk):
    return _act(request, pk, page="overview", name="withdraw", predicate=can.can_withdraw, form_class=forms.ReasonForm,
                success="决策事项已调出目录。", call=lambda dec, d: actions.withdraw(dec, by=request.user, reason=d["reason"]))


@login_required
def notice_docx(request, pk):
    decision = _decision(request, pk)
    require(bool(decision.comment_opens_on), "尚未公开征求意见。")
    return docx_response(notice_document(decision), f"{decision.title} 征求意见公告.docx")


@login_required
def adoption_docx(request, pk):
    decision = _decision(request, pk)
    require(bool(decision.adoption_published_on), "采纳情况尚未公布。")
    return docx_response(adoption_document(decision), f"{decision.title} 意见采纳情况说明.docx")
