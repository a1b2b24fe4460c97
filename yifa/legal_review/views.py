"""Staff pages of legality review and the adviser roster.

Each view: scope lookup (404 outside scope) → permission (403) → one action → redirect.
"""

from django.contrib.auth.decorators import login_required
from django.db.models import Q, Sum
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from yifa.core import deadlines, imports
from yifa.core.excel import export_response, template_response
from yifa.core.models import Org, Role, User
from yifa.core.scope import get_visible_or_404

from . import actions, forms, indicators, ledger
from . import permissions as can
from .documents import opinion_document
from .models import AdviserService, LegalAdviser, ReviewRequest
from yifa.core.actionviews import perform, require
from yifa.core.officialdoc import docx_response
from .viewkit import acting_org, history, paginate, year_param

# ---------------------------------------------------------------- review requests

REVIEW_LEDGER = "合法性审查台账"
ROSTER = "法律顾问名册"
SERVICE_LEDGER = "法律顾问服务记录"


def _export(columns, rows, title: str):
    return export_response(columns, rows, title=title, filename=f"{title}-{deadlines.today():%Y%m%d}.xlsx")


def _template(columns, title: str):
    return template_response(columns, title=title, filename=f"{title}-导入模板.xlsx")


def _filtered_requests(request):
    qs = (ReviewRequest.objects.visible_to(request.user).select_related("org", "reviewer", "adviser")
          .order_by("-submitted_on", "-pk"))
    params = request.GET
    if params.get("status") in ReviewRequest.Status.values:
        qs = qs.filter(status=params["status"])
    if params.get("subject") in ReviewRequest.Subject.values:
        qs = qs.filter(subject=params["subject"])
    if params.get("year", "").isdigit():
        qs = qs.filter(submitted_on__year=int(params["year"]))
    if params.get("q", "").strip():
        q = params["q"].strip()
        qs = qs.filter(Q(title__icontains=q) | Q(opinion_number__icontains=q) | Q(counterpart__icontains=q))
    return qs


@login_required
def request_list(request):
    qs = _filtered_requests(request)
    if request.GET.get("export") == "xlsx":
        return _export(ledger.REVIEW_EXPORT_COLUMNS, (ledger.review_row(r) for r in qs.iterator(chunk_size=500)),
                       REVIEW_LEDGER)
    org = acting_org(request)
    return render(request, "legal_review/request_list.html", {
        "page": paginate(request, qs), "statuses": ReviewRequest.Status.choices,
        "subjects": ReviewRequest.Subject.choices, "can_create": can.can_request(request.user, org),
        "filters": request.GET,
    })


REVIEW_IMPORT = imports.Ledger(
    title=REVIEW_LEDGER, columns=ledger.REVIEW_COLUMNS, check=ledger.check_reviews, save=actions.import_reviews,
    permission=can.can_request, denied="只有本单位经办人或负责人可以导入审查台账。", noun="件审查事项",
    template_url="legal_review:request_template", list_url="legal_review:request_list", list_label="合法性审查",
    notes=("导入的事项作为本单位的送审事项登记；尚未出具意见的，由本单位审核人员分派、审查。",
           "审查意见书编号沿用台账中的编号，此后出具的意见书接续编号，不会重复。"))
ROSTER_IMPORT = imports.Ledger(
    title=ROSTER, columns=ledger.ADVISER_COLUMNS, check=ledger.check_advisers, save=actions.import_advisers,
    permission=can.can_manage_advisers, denied="只有本单位工作人员可以导入法律顾问名册。", noun="名法律顾问",
    template_url="legal_review:adviser_template", list_url="legal_review:adviser_list", list_label="法律顾问",
    notes=("“服务单位”填写本单位或下属村（社区）的名称；同一单位同一聘期开始日已登记的同名法律顾问不会重复导入。",))
SERVICE_IMPORT = imports.Ledger(
    title=SERVICE_LEDGER, columns=ledger.SERVICE_COLUMNS, check=ledger.check_services, save=actions.import_services,
    permission=can.can_manage_advisers, denied="只有本单位工作人员可以导入法律顾问服务记录。", noun="条服务记录",
    template_url="legal_review:service_template", list_url="legal_review:service_list",
    notes=("“法律顾问”填写名册中的姓名（须先导入或登记名册）；服务日期须在其聘期内。",))


@login_required
def request_import(request):
    """导入合法性审查台账 into the acting unit (core's import page: every row checked, all or nothing)."""
    return imports.run(request, REVIEW_IMPORT)


@login_required
def request_template(request):
    return _template(ledger.REVIEW_COLUMNS, REVIEW_LEDGER)


@login_required
def request_create(request):
    org = acting_org(request)
    require(can.can_request(request.user, org), "只有本单位经办人或负责人可以送审。")
    form = forms.ReviewRequestForm(request.POST or None)
    if request.method == "POST":
        return perform(request, form, lambda data: actions.request_review(org=org, by=request.user, **data),
                       success="已送审，等待分派审查人。", then=lambda review: review_url(review),
                       rerender=lambda f, status: render(request, "legal_review/request_form.html",
                                                         {"form": f, "org": org}, status=status))
    return render(request, "legal_review/request_form.html", {"form": form, "org": org})


def _detail(request, review, bound=None, status=200):
    user = request.user
    bound = bound or {}
    today = deadlines.today()
    context = {
        "review": review,
        "deadlines": deadlines.of(review),
        "history": history(review),
        "can": {
            "assign": can.can_assign(user, review), "review": can.can_review(user, review),
            "resubmit": can.can_resubmit(user, review), "adoption": can.can_record_adoption(user, review),
            "withdraw": can.can_withdraw(user, review), "download": can.can_download_opinion(user, review),
        },
        "assign_form": bound.get("assign") or forms.AssignForm(review=review),
        "return_form": bound.get("return") or forms.ReturnForm(),
        "resubmit_form": bound.get("resubmit") or forms.ResubmitForm(),
        "opinion_form": bound.get("opinion") or forms.OpinionForm(initial={"issued_on": today}),
        "adoption_form": bound.get("adoption") or forms.AdoptionForm(),
        "withdraw_form": bound.get("withdraw") or forms.WithdrawForm(),
        "early": bool(review.earliest_issue_on and today < review.earliest_issue_on),
    }
    return render(request, "legal_review/request_detail.html", context, status=status)


def review_url(review) -> str:
    return reverse("legal_review:request_detail", args=[review.pk])


def _review(request, pk):
    return get_visible_or_404(ReviewRequest.objects.select_related("org", "reviewer", "adviser"), request.user, pk=pk)


@login_required
def request_detail(request, pk):
    return _detail(request, _review(request, pk))


def _act(request, pk, *, name, predicate, form_class, call, success, form_kwargs=None):
    review = _review(request, pk)
    require(predicate(request.user, review, state=False))
    form = form_class(request.POST, **(form_kwargs(review) if form_kwargs else {}))
    return perform(request, form, lambda data: call(review, data), success=success,
                   then=reverse("legal_review:request_detail", args=[review.pk]),
                   rerender=lambda f, status: _detail(request, review, {name: f}, status))


@require_POST
@login_required
def request_assign(request, pk):
    return _act(request, pk, name="assign", predicate=can.can_assign, form_class=forms.AssignForm,
                form_kwargs=lambda r: {"review": r}, success="已分派审查。",
                call=lambda r, d: actions.assign(r, by=request.user, reviewer=d["reviewer"], adviser=d["adviser"]))


@require_POST
@login_required
def request_return(request, pk):
    return _act(request, pk, name="return", predicate=can.can_review, form_class=forms.ReturnForm,
                success="已退回补充材料；补充后审查时间重新计算。",
                call=lambda r, d: actions.return_for_materials(r, by=request.user, reason=d["reason"]))


@require_POST
@login_required
def request_resubmit(request, pk):
    return _act(request, pk, name="resubmit", predicate=can.can_resubmit, form_class=forms.ResubmitForm,
                success="已补充材料并重新提交。",
                call=lambda r, d: actions.resubmit(r, by=request.user, materials=d["materials"]))


@require_POST
@login_required
def request_issue(request, pk):
    return _act(request, pk, name="opinion", predicate=can.can_review, form_class=forms.OpinionForm,
                success="审查意见书已出具。",
                call=lambda r, d: actions.issue_opinion(r, by=request.user, **d))


@require_POST
@login_required
def request_adoption(request, pk):
    return _act(request, pk, name="adoption", predicate=can.can_record_adoption, form_class=forms.AdoptionForm,
                success="已登记采纳情况。",
                call=lambda r, d: actions.record_adoption(r, by=request.user, **d))


@require_POST
@login_required
def request_withdraw(request, pk):
    return _act(request, pk, name="withdraw", predicate=can.can_withdraw, form_class=forms.WithdrawForm,
                success="已撤回送审。", call=lambda r, d: actions.withdraw(r, by=request.user, reason=d["reason"]))


@login_required
def opinion_docx(request, pk):
    review = _review(request, pk)
    require(can.can_download_opinion(request.user, review), "审查意见书尚未出具。")
    return docx_response(opinion_document(review), f"合法性审查意见书 {review.opinion_number}.docx")


# ---------------------------------------------------------------- advisers

def _manageable_orgs(user):
    return Org.objects.visible_to(user).filter(kind__in=[
        Org.Kind.TOWNSHIP, Org.Kind.SUBDISTRICT, Org.Kind.VILLAGE, Org.Kind.COMMUNITY, Org.Kind.COUNTY])


@login_required
def adviser_list(request):
    today = deadlines.today()
    qs = LegalAdviser.objects.visible_to(request.user).select_related("org").order_by("org__path", "name")
    if request.GET.get("active") != "all":
        qs = qs.filter(is_active=True)
    if request.GET.get("q", "").strip():
        q = request.GET["q"].strip()
        qs = qs.filter(Q(name__icontains=q) | Q(firm__icontains=q) | Q(org__name__icontains=q))
    if request.GET.get("export") == "xlsx":
        # The phone whole for those who keep the unit's roster (so the sheet imports again), masked for the rest.
        keeps: dict[int, bool] = {}

        def whole(org) -> bool:
            if org.pk not in keeps:
                keeps[org.pk] = can.can_manage_advisers(request.user, org)
            return keeps[org.pk]

        rows = (ledger.adviser_row(a, whole_phone=whole(a.org)) for a in qs.iterator(chunk_size=500))
        return _export(ledger.ADVISER_COLUMNS, rows, ROSTER)
    grassroots = Org.objects.visible_to(request.user).filter(kind__in=Org.GRASSROOTS)
    coverage = [indicators.coverage_of(org, today) for org in grassroots]
    org = acting_org(request)
    return render(request, "legal_review/adviser_list.html", {
        "advisers": qs, "coverage": coverage, "today": today, "filters": request.GET,
        "can_add": can.can_manage_advisers(request.user, org),
    })


def _adviser_form(request, data=None, instance=None):
    orgs = _manageable_orgs(request.user)
    users = User.objects.filter(is_active=True, memberships__org__in=Org.objects.visible_to(request.user),
                                memberships__role=Role.REVIEWER).distinct()
    return forms.AdviserForm(data, instance=instance, orgs=orgs, users=users)


@login_required
def adviser_import(request):
    """导入法律顾问名册: each row's 服务单位 is the acting unit or a 村（社区） below it."""
    return imports.run(request, ROSTER_IMPORT)


@login_required
def adviser_template(request):
    return _template(ledger.ADVISER_COLUMNS, ROSTER)


@login_required
def adviser_create(request):
    require(can.can_manage_advisers(request.user, acting_org(request)), "只有本单位工作人员可以登记法律顾问。")
    form = _adviser_form(request, request.POST or None)
    if request.method == "POST":
        def call(data):
            org = data.pop("org")
            require(can.can_manage_advisers(request.user, org), "您不能为该单位登记法律顾问。")
            return actions.add_adviser(org=org, by=request.user, **data)

        return perform(request, form, call, success="已登记法律顾问。",
                       then=lambda adviser: reverse("legal_review:adviser_detail", args=[adviser.pk]),
                       rerender=lambda f, status: render(request, "legal_review/adviser_form.html",
                                                         {"form": f}, status=status))
    return render(request, "legal_review/adviser_form.html", {"form": form})


def _adviser(request, pk):
    return get_visible_or_404(LegalAdviser.objects.select_related("org", "user"), request.user, pk=pk)


def _adviser_detail(request, adviser, bound=None, status=200):
    bound = bound or {}
    services = adviser.services.select_related("org").order_by("-served_on", "-pk")
    totals = {row["kind"]: row["n"] for row in services.values("kind").annotate(n=Sum("count"))}
    return render(request, "legal_review/adviser_detail.html", {
        "adviser": adviser, "services": paginate(request, services, 20),
        "totals": [(label, totals.get(value, 0)) for value, label in AdviserService.Kind.choices],
        "reviews": adviser.reviews.select_related("org").order_by("-submitted_on")[:20],
        "history": history(adviser), "today": deadlines.today(),
        "can": {"edit": can.can_edit_adviser(request.user, adviser),
                "end": can.can_end_service(request.user, adviser),
                "log": can.can_log_service(request.user, adviser)},
        "service_form": bound.get("service") or forms.ServiceForm(initial={"served_on": deadlines.today()}),
        "end_form": bound.get("end") or forms.EndServiceForm(initial={"on": deadlines.today()}),
    }, status=status)


@login_required
def adviser_detail(request, pk):
    return _adviser_detail(request, _adviser(request, pk))


@login_required
def adviser_edit(request, pk):
    adviser = _adviser(request, pk)
    require(can.can_edit_adviser(request.user, adviser))
    form = _adviser_form(request, request.POST or None, instance=adviser)
    if request.method == "POST":
        def call(data):
            current = LegalAdviser.objects.get(pk=adviser.pk)  # the ModelForm already changed ``adviser`` in memory
            if data["org"] != current.org:
                require(can.can_manage_advisers(request.user, data["org"]), "您不能把法律顾问调到该单位。")
            return actions.update_adviser(current, by=request.user, **data)

        return perform(request, form, call, success="已保存。", then=reverse("legal_review:adviser_detail", args=[pk]),
                       rerender=lambda f, status: render(request, "legal_review/adviser_form.html",
                                                         {"form": f, "adviser": adviser}, status=status))
    return render(request, "legal_review/adviser_form.html", {"form": form, "adviser": adviser})


@require_POST
@login_required
def adviser_end(request, pk):
    adviser = _adviser(request, pk)
    require(can.can_end_service(request.user, adviser, state=False))
    return perform(request, forms.EndServiceForm(request.POST),
                   lambda d: actions.end_service(adviser, by=request.user, **d), success="已登记聘期结束。",
                   then=reverse("legal_review:adviser_detail", args=[pk]),
                   rerender=lambda f, status: _adviser_detail(request, adviser, {"end": f}, status))


@require_POST
@login_required
def service_log(request, pk):
    adviser = _adviser(request, pk)
    require(can.can_log_service(request.user, adviser, state=False))
    return perform(request, forms.ServiceForm(request.POST),
                   lambda d: actions.log_service(adviser, by=request.user, **d), success="已登记服务记录。",
                   then=reverse("legal_review:adviser_detail", args=[pk]),
                   rerender=lambda f, status: _adviser_detail(request, adviser, {"service": f}, status))


@login_required
def service_list(request):
    year = year_param(request, deadlines.today().year)
    qs = (AdviserService.objects.visible_to(request.user).select_related("adviser", "org")
          .filter(served_on__year=year).order_by("-served_on", "-pk"))
    if request.GET.get("kind") in AdviserService.Kind.values:
        qs = qs.filter(kind=request.GET["kind"])
    if request.GET.get("export") == "xlsx":
        return export_response(ledger.SERVICE_COLUMNS, (ledger.service_row(s) for s in qs.iterator(chunk_size=500)),
                               title=SERVICE_LEDGER, filename=f"{SERVICE_LEDGER}{year}.xlsx")
    totals = {row["kind"]: row["n"] for row in qs.values("kind").annotate(n=Sum("count"))}
    return render(request, "legal_review/service_list.html", {
        "page": paginate(request, qs), "year": year, "kinds": AdviserService.Kind.choices, "filters": request.GET,
        "totals": [(label, totals.get(value, 0)) for value, label in AdviserService.Kind.choices],
        "can_import": can.can_manage_advisers(request.user, acting_org(request)),
    })


@login_required
def service_import(request):
    """导入法律顾问服务记录: each row names an adviser of the unit's roster serving on that day."""
    return imports.run(request, SERVICE_IMPORT)


@login_required
def service_template(request):
    return _template(ledger.SERVICE_COLUMNS, SERVICE_LEDGER)
