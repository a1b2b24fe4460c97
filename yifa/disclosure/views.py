"""政府信息公开 pages for staff: 依申请公开 requests, 主动公开 publications, the 台账 in and out and the
statistics tables of the yearly 政府信息公开工作年度报告.
"""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.encoding import escape_uri_path
from django.views.decorators.http import require_GET, require_POST

from yifa.core import attachments, deadlines, excel, imports
from yifa.core.forms import AttachmentForm
from yifa.core.identity import mask_address, mask_id, mask_name, mask_phone
from yifa.core.models import Org
from yifa.core.pagination import keyset_page
from yifa.core.scope import get_visible_or_404
from yifa.petitions.views import history
from yifa.core.actionviews import form_errors, run_action

from . import actions, documents, indicators, ledger, permissions, report
from .forms import (ConsultForm, CorrectionForm, ExtendForm, OnForm, OpinionForm, PublicationFilterForm,
                    PublicationForm, PublishForm, ReasonForm, RemedyForm, ReplyForm, RequestFilterForm, RequestForm,
                    WithdrawForm, WithdrawPublicationForm)
from .models import InfoRequest, ProactiveDisclosure

R, PUB = InfoRequest, ProactiveDisclosure
HANDLER_ONLY = "只有本单位的经办人或负责人可以办理政府信息公开事项。"
EXTEND_DENIED = "延长答复期限须经政府信息公开工作机构负责人同意（《政府信息公开条例》第三十三条）。"


def _active_org(request):
    membership = getattr(request.user, "active_membership", None)
    return membership.org if membership else None


def _year_period(year: int):
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _year(request) -> int:
    today = deadlines.today()
    try:
        return int(request.GET.get("year") or today.year)
    except ValueError:
        return today.year


# ---------------------------------------------------------------- 依申请公开: list, register


def _within_org(request, qs):
    """Narrow to one unit's subtree when the drill-down names one (``?org=``)."""
    org_id = request.GET.get("org", "")
    if org_id.isdigit():
        org = get_visible_or_404(Org, request.user, pk=int(org_id))
        qs = qs.filter(org__path__startswith=org.path)
    return qs


def filtered_requests(request):
    form = RequestFilterForm(request.GET or None)
    qs = _within_org(request, InfoRequest.objects.visible_to(request.user).select_related("org"))
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            qs = qs.filter(Q(number__icontains=data["q"]) | Q(applicant_name__icontains=data["q"])
                           | Q(description__icontains=data["q"]))
        for field in ("status", "outcome"):
            if data[field]:
                qs = qs.filter(**{field: data[field]})
        if data["cell"] and data["year"]:
            try:
                qs = indicators.request_records(qs, data["cell"], _year_period(data["year"]))
            except KeyError:
                qs = qs.none()
        elif data["year"]:
            qs = qs.filter(received_on__year=data["year"])
        today = deadlines.today()
        if data["due"] == "overdue":
            qs = qs.filter(status__in=R.OPEN, reply_due_on__lt=today)
        elif data["due"] == "soon":
            qs = qs.filter(status__in=R.OPEN, reply_due_on__gte=today, reply_due_on__lte=today + dt.timedelta(days=7))
    return form, qs


def applicant(user, req) -> dict:
    """The applicant's particulars, whole for those handling the request, masked for everyone else."""
    if permissions.can_see_personal(user, req):
        return {"name": req.applicant_name, "id_number": req.id_number, "phone": req.phone, "address": req.address,
                "email": req.email, "masked": False}
    name = req.applicant_name if req.is_organisation else mask_name(req.applicant_name)
    return {"name": name, "id_number": mask_id(req.id_number), "phone": mask_phone(req.phone),
            "address": mask_address(req.address), "email": "", "masked": True}


@login_required
def request_list(request):
    form, qs = filtered_requests(request)
    page = keyset_page(request, qs, order=("-received_on", "-pk"), per_page=30)  # on inforequest_received_idx
    for req in page:
        req.shown_name = applicant(request.user, req)["name"]
    org = _active_org(request)
    return render(request, "disclosure/request_list.html", {
        "form": form, "page": page, "today": deadlines.today(), "query": request.GET.urlencode(),
        "can_register": permissions.can_register(request.user, org),
    })


@login_required
def request_create(request):
    org = _active_org(request)
    if not permissions.can_register(request.user, org):
        raise PermissionDenied("只有本单位的经办人或负责人可以登记政府信息公开申请。")
    form = RequestForm(request.POST or None, initial={"received_on": deadlines.today(), "source": R.Source.IN_PERSON})
    if request.method == "POST" and form.is_valid():
        try:
            req = actions.register_request(by=request.user, org=org, **form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, f"已登记：{req.number}，查询码 {req.tracking_code}。"
                                      "请在20个工作日内答复（《政府信息公开条例》第三十三条）。")
            return redirect("disclosure:request_detail", req.pk)
    return render(request, "disclosure/request_form.html", {"form": form, "org": org})


AUDIT_LABELS = {
    "core.deadline_start": "期限起算", "core.deadline_complete": "期限完成", "core.deadline_cancel": "期限撤销",
    "core.deadline_extend": "期限延长", "core.deadline_pause": "暂停计时", "core.deadline_resume": "恢复计时",
    "core.attach": "上传附件", "register_request": "登记申请", "submit_online": "网上提交申请",
    "create_publication": "登记主动公开信息", "import_row": "台账导入",
}


@login_required
def request_detail(request, pk):
    req = get_visible_or_404(InfoRequest.objects.select_related("org", "extension_approved_by"), request.user, pk=pk)
    today = deadlines.today()
    can = permissions.available_actions(request.user, req)
    on = {"on": today}
    return render(request, "disclosure/request_detail.html", {
        "r": req, "can": can, "has_actions": any(can.values()), "person": applicant(request.user, req),
        "deadline_list": deadlines.of(req), "history": history(req, {**AUDIT_LABELS, **R.ACTION_LABELS}),
        "files": attachments.attachments_of(req), "can_attach": permissions.handles(request.user, req.org),
        "forms": {
            "register_submission": OnForm(initial=on), "void": ReasonForm(),
            "request_correction": CorrectionForm(initial={**on, "deadline": today + dt.timedelta(days=15)}),
            "receive_correction": OnForm(initial=on), "close_without_correction": OnForm(initial=on),
            "consult_third_party": ConsultForm(initial=on), "receive_third_party_opinion": OpinionForm(initial=on),
            "reply": ReplyForm(initial=on), "withdraw": WithdrawForm(initial=on), "extend": ExtendForm(),
            "record_remedy": RemedyForm(initial={"reconsideration": req.reconsideration,
                                                 "litigation": req.litigation,
                                                 "litigation_result": req.litigation_result}),
            "attach": AttachmentForm(),
        },
    })


def _on(fn):
    return lambda u, r, d: fn(r, by=u, **d)


REQUEST_ACTIONS = {
    "register_submission": (OnForm, _on(actions.register_submission), "已确认收到，答复期限自今日起算。"),
    "void": (ReasonForm, _on(actions.void), "已作为无效提交处理。"),
    "request_correction": (CorrectionForm, _on(actions.request_correction), "已告知补正，答复期限暂停计算。"),
    "receive_correction": (OnForm, _on(actions.receive_correction), "已登记收到补正，答复期限自收到补正之日起重新计算。"),
    "close_without_correction": (OnForm, _on(actions.close_without_correction), "已按逾期未补正终止办理。"),
    "consult_third_party": (ConsultForm, _on(actions.consult_third_party), "已登记征求第三方意见，答复期限暂停计算。"),
    "receive_third_party_opinion": (OpinionForm, _on(actions.receive_third_party_opinion), "已登记第三方意见，答复期限恢复计算。"),
    "reply": (ReplyForm, _on(actions.reply), "已答复，答复书已编号，可下载。"),
    "withdraw": (WithdrawForm, _on(actions.withdraw), "已登记申请人撤回申请。"),
    "extend": (ExtendForm, _on(actions.extend), "已批准延长答复期限20个工作日，请书面告知申请人。"),
    "record_remedy": (RemedyForm, _on(actions.record_remedy), "已登记复议诉讼情况。"),
}
REFUSAL_NEEDS = {
    "reply": "须先收到补正或第三方意见，办理中的申请才能答复",
    "receive_correction": "须先告知补正（第三十条）",
    "close_without_correction": "须先告知补正，且补正期限届满（第三十条）",
    "receive_third_party_opinion": "须先书面征求第三方意见（第三十二条）",
    "record_remedy": "须先答复",
    "request_correction": "补正应在收到申请之日起7个工作日内一次性告知（第三十条）",
}


def refusal(req, action: str) -> str:
    if action == "extend" and req.is_extended:
        return "答复期限已延长过一次，不能再次延长（《政府信息公开条例》第三十三条）。"
    label = R.ACTION_LABELS.get(action, "执行此操作")
    tail = f"：{REFUSAL_NEEDS[action]}" if action in REFUSAL_NEEDS else ""
    return f"当前状态为“{req.get_status_display()}”，不能{label}{tail}。"


@require_POST
@login_required
def request_act(request, pk, action):
    if action not in REQUEST_ACTIONS:
        raise Http404("没有这个操作。")
    form_class, do, done = REQUEST_ACTIONS[action]
    req = get_visible_or_404(InfoRequest, request.user, pk=pk)
    if action == "extend" and not permissions.can_approve(request.user, req.org):
        raise PermissionDenied(EXTEND_DENIED)
    return run_action(request, req, permission=lambda u, r: permissions.can(u, r, action),
                      handles=permissions.handles, form_class=form_class, do=do, done=done,
                      back=reverse("disclosure:request_detail", args=[req.pk]),
                      refusal=lambda r: refusal(r, action), denied=HANDLER_ONLY)


@require_GET
@login_required
def reply_docx(request, pk):
    req = get_visible_or_404(InfoRequest.objects.select_related("org", "org__parent"), request.user, pk=pk)
    if not permissions.can_download_reply(request.user, req):
        raise PermissionDenied("该申请尚未答复，没有答复书。")
    response = HttpResponse(documents.reply_letter(req), content_type=documents.DOCX)
    filename = f"政府信息公开申请答复书-{req.reply_number}.docx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(filename)}"
    return response


@require_POST
@login_required
def attach(request, pk, kind):
    model = {"request": InfoRequest, "publication": ProactiveDisclosure}.get(kind)
    if model is None:
        raise Http404
    obj = get_visible_or_404(model, request.user, pk=pk)
    if not permissions.handles(request.user, obj.org):
        raise PermissionDenied(HANDLER_ONLY)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachments.attach(form.cleaned_data["file"], org=obj.org, by=request.user, target=obj,
                               description=form.cleaned_data["description"])
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        else:
            messages.success(request, "附件已上传。")
    else:
        messages.error(request, "请选择要上传的文件。")
    return redirect(obj.get_absolute_url())


# ---------------------------------------------------------------- 主动公开


def filtered_publications(request):
    form = PublicationFilterForm(request.GET or None)
    qs = _within_org(request, ProactiveDisclosure.objects.visible_to(request.user).select_related("org"))
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            qs = qs.filter(Q(title__icontains=data["q"]) | Q(document_number__icontains=data["q"])
                           | Q(index_number__icontains=data["q"]))
        for field in ("category", "status"):
            if data[field]:
                qs = qs.filter(**{field: data[field]})
        if data["cell"] and data["year"]:
            try:
                qs = indicators.publication_records(qs, data["cell"], _year_period(data["year"]))
            except KeyError:
                qs = qs.none()
        elif data["year"]:
            qs = qs.filter(Q(published_on__year=data["year"]) | Q(published_on=None, formed_on__year=data["year"]))
    return form, qs


@login_required
def publication_list(request):
    form, qs = filtered_publications(request)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    org = _active_org(request)
    return render(request, "disclosure/publication_list.html", {
        "form": form, "page": page, "query": request.GET.urlencode(),
        "can_register": permissions.can_register(request.user, org),
    })


@login_required
def publication_create(request):
    org = _active_org(request)
    if not permissions.can_register(request.user, org):
        raise PermissionDenied("只有本单位的经办人或负责人可以登记主动公开信息。")
    form = PublicationForm(request.POST or None, initial={"formed_on": deadlines.today(),
                                                          "published_on": deadlines.today()})
    if request.method == "POST" and form.is_valid():
        try:
            pub = actions.create_publication(by=request.user, org=org, **form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, "已公开。" if pub.published_on else
                             "已登记为待公开，请在信息形成之日起20个工作日内公开（《政府信息公开条例》第二十六条）。")
            return redirect("disclosure:publication_detail", pub.pk)
    return render(request, "disclosure/publication_form.html", {"form": form, "org": org})


@login_required
def publication_detail(request, pk):
    pub = get_visible_or_404(ProactiveDisclosure.objects.select_related("org"), request.user, pk=pk)
    today = deadlines.today()
    return render(request, "disclosure/publication_detail.html", {
        "p": pub, "deadline_list": deadlines.of(pub),
        "can_publish": permissions.can_publish(request.user, pub),
        "can_withdraw": permissions.can_withdraw_publication(request.user, pub),
        "publish_form": PublishForm(initial={"on": today}), "withdraw_form": WithdrawPublicationForm(initial={"on": today}),
        "history": history(pub, {**AUDIT_LABELS, **PUB.ACTION_LABELS}), "files": attachments.attachments_of(pub),
        "can_attach": permissions.handles(request.user, pub.org), "attach_form": AttachmentForm(),
    })


PUBLICATION_ACTIONS = {
    "publish": (permissions.can_publish, PublishForm, _on(actions.publish), "已公开。"),
    "withdraw": (permissions.can_withdraw_publication, WithdrawPublicationForm, _on(actions.withdraw_publication),
                 "已撤回，门户不再显示该信息。"),
}


@require_POST
@login_required
def publication_act(request, pk, action):
    if action not in PUBLICATION_ACTIONS:
        raise Http404("没有这个操作。")
    permission, form_class, do, done = PUBLICATION_ACTIONS[action]
    pub = get_visible_or_404(ProactiveDisclosure, request.user, pk=pk)
    return run_action(request, pub, permission=permission, handles=permissions.handles, form_class=form_class,
                      do=do, done=done, back=reverse("disclosure:publication_detail", args=[pub.pk]),
                      refusal=lambda p: f"当前状态为“{p.get_status_display()}”，不能{PUB.ACTION_LABELS[action]}。",
                      denied=HANDLER_ONLY)


# ---------------------------------------------------------------- 台账 in and out

LEDGERS = {
    "requests": ("依申请公开台账", ledger.REQUEST_COLUMNS, ledger.export_request, filtered_requests),
    "publications": ("主动公开台账", ledger.PUBLICATION_COLUMNS, ledger.export_publication, filtered_publications),
}
IMPORTS = {
    "requests": imports.Ledger(
        title="依申请公开台账", columns=ledger.REQUEST_COLUMNS, check=ledger.check_requests, save=actions.save_requests,
        permission=permissions.can_register, denied="只有本单位的经办人或负责人可以导入依申请公开台账。",
        template_url=lambda: reverse("disclosure:ledger_template", args=["requests"]),
        list_url="disclosure:request_list", list_label="依申请公开", noun="件依申请公开",
        notes=("登记编号、答复书文号留空的，按年度自动编号；仍在办理的申请自动起算答复期限，补正和征求第三方意见的期间不计入。",)),
    "publications": imports.Ledger(
        title="主动公开台账", columns=ledger.PUBLICATION_COLUMNS, check=ledger.check_publications,
        save=actions.save_publications, permission=permissions.can_register,
        denied="只有本单位的经办人或负责人可以导入主动公开台账。",
        template_url=lambda: reverse("disclosure:ledger_template", args=["publications"]),
        list_url="disclosure:publication_list", list_label="主动公开", noun="条主动公开信息",
        notes=("已公开而索引号留空的，按公开年度自动编号；尚未公开的自动起算 20 个工作日的公开期限。",)),
}


def _ledger(kind):
    if kind not in LEDGERS:
        raise Http404
    return LEDGERS[kind]


@require_GET
@login_required
def ledger_template(request, kind):
    title, columns, *_ = _ledger(kind)
    return excel.template_response(columns, title=title, filename=f"{title}导入模板.xlsx")


@require_GET
@login_required
def ledger_export(request, kind):
    title, columns, export_row, filtered, *_ = _ledger(kind)
    _form, qs = filtered(request)
    if kind == "requests":
        qs = indicators.received(qs)
    rows = (export_row(obj) for obj in qs.iterator(chunk_size=1000))
    return excel.export_response(columns, rows, title=title, filename=f"{title}-{deadlines.today():%Y%m%d}.xlsx")


@login_required
def ledger_import(request, kind):
    if kind not in IMPORTS:
        raise Http404
    return imports.run(request, IMPORTS[kind])


# ---------------------------------------------------------------- 年度报告统计


@login_required
def annual(request):
    """政府信息公开工作年度报告的统计表 for the chosen unit and year, computed from the registers."""
    year = _year(request)
    period = _year_period(year)
    orgs = Org.objects.visible_to(request.user).filter(kind__in=Org.GRASSROOTS + (Org.Kind.COUNTY,))
    org = None
    if request.GET.get("org"):
        org = get_visible_or_404(Org, request.user, pk=request.GET["org"])
    reqs = InfoRequest.objects.visible_to(request.user)
    pubs = ProactiveDisclosure.objects.visible_to(request.user)
    if org is not None:
        reqs = reqs.filter(org__path__startswith=org.path)
        pubs = pubs.filter(org__path__startswith=org.path)
    today = deadlines.today()
    return render(request, "disclosure/annual.html", {
        "year": year, "years": range(today.year, today.year - 6, -1), "orgs": orgs, "org": org,
        "t2": indicators.table_two(pubs, period), "t3": indicators.table_three(reqs, period),
        "t4": indicators.table_four(reqs, period), "summary": indicators.publication_summary(pubs, period),
        "balanced": indicators.check_balance(reqs, period), "sentences": report.sentences_for(pubs, reqs, period),
        "org_query": f"&org={org.pk}" if org else "", "applicant_types": R.ApplicantType.choices,
    })
