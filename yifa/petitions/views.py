"""信访 pages for staff: the register, a matter with its clocks and actions, the 台账 in and out, the figures.

Each action view: scope lookup (404) → permission (403) → one action → redirect with a message.
"""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.encoding import escape_uri_path
from django.views.decorators.http import require_GET, require_POST

from yifa.core import attachments, deadlines, excel, imports
from yifa.core.forms import AttachmentForm
from yifa.core.identity import mask_address, mask_id, mask_name, mask_phone
from yifa.core.models import AuditEntry
from yifa.core.pagination import keyset_page
from yifa.core.scope import get_visible_or_404

from . import actions, documents, indicators, ledger, permissions, report
from yifa.core.actionviews import form_errors, run_action
from .forms import (DecideForm, ExtendForm, FilterForm, MediationForm, NotifyForm, ObjectForm,
                    ReasonForm, RegisterForm, ReplyForm, RequestForm, SatisfactionForm, SubmissionForm)
from .models import Petition

P = Petition
XLSX_IMPORT_TITLE = "信访台账"


def _active_org(request):
    membership = getattr(request.user, "active_membership", None)
    return membership.org if membership else None


def filtered(request):
    """The register as the user filtered it (shared by the list and the export)."""
    form = FilterForm(request.GET or None)
    qs = Petition.objects.visible_to(request.user).select_related("org")
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            qs = qs.filter(Q(number__icontains=data["q"]) | Q(title__icontains=data["q"])
                           | Q(petitioner_name__icontains=data["q"]))
        for field in ("status", "channel", "category"):
            if data[field]:
                qs = qs.filter(**{field: data[field]})
        if data["cell"] and data["year"]:
            # Drill-down from the figures page: the records behind one figure of that year.
            try:
                qs = indicators.records(qs, data["cell"], (dt.date(data["year"], 1, 1), dt.date(data["year"], 12, 31)))
            except KeyError:
                qs = qs.none()
        elif data["year"]:
            qs = qs.filter(received_on__year=data["year"])
        today = deadlines.today()
        if data["due"] == "overdue":
            qs = qs.filter(status__in=P.OPEN, due_on__lt=today)
        elif data["due"] == "soon":
            qs = qs.filter(status__in=P.OPEN, due_on__gte=today, due_on__lte=today + dt.timedelta(days=7))
    return form, qs


@login_required
def petition_list(request):
    form, qs = filtered(request)
    page = keyset_page(request, qs, order=("-received_on", "-pk"), per_page=30)  # on petition_received_idx
    for petition in page:
        petition.shown_name = personal(request.user, petition)["name"]
    org = _active_org(request)
    return render(request, "petitions/petition_list.html", {
        "form": form, "page": page, "today": deadlines.today(), "query": request.GET.urlencode(),
        "can_register": permissions.can_register(request.user, org),
        "can_import": permissions.can_import(request.user, org),
    })


@login_required
def petition_create(request):
    org = _active_org(request)
    if not permissions.can_register(request.user, org):
        raise PermissionDenied("只有本单位的经办人或负责人可以登记信访事项。")
    form = RegisterForm(request.POST or None, initial={"received_on": deadlines.today(), "headcount": 1})
    if request.method == "POST" and form.is_valid():
        try:
            petition = actions.register(by=request.user, org=org, **form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, f"已登记：{petition.number}。请在15日内告知信访人是否受理（《信访工作条例》第二十三条）。")
            return redirect("petitions:detail", petition.pk)
    return render(request, "petitions/petition_form.html", {"form": form, "org": org})


AUDIT_LABELS = {
    "core.deadline_start": "期限起算", "core.deadline_complete": "期限完成", "core.deadline_cancel": "期限撤销",
    "core.deadline_extend": "期限延长", "core.deadline_pause": "暂停计时", "core.deadline_resume": "恢复计时",
    "core.attach": "上传附件", "petitions.register": "登记", "petitions.submit_online": "网上提交",
    "petitions.import_row": "台账导入",
}


def history(obj, labels: dict) -> list[dict]:
    """办理过程: the audit entries on this matter, oldest first, with Chinese labels."""
    entries = AuditEntry.objects.filter(target_type=obj._meta.label_lower, target_id=str(obj.pk)).order_by("seq")
    app = obj._meta.app_label
    return [{"at": e.at, "who": e.actor_name, "org": e.actor_org_name, "note": e.note,
             "label": labels.get(e.action) or labels.get(e.action.removeprefix(app + ".")) or e.action}
            for e in entries]


def personal(user, petition) -> dict:
    """The petitioner's particulars, whole for those handling the matter, masked for everyone else."""
    if permissions.can_see_personal(user, petition):
        return {"name": petition.petitioner_name, "id_number": petition.petitioner_id_number,
                "phone": petition.petitioner_phone, "address": petition.petitioner_address, "masked": False}
    return {"name": mask_name(petition.petitioner_name), "id_number": mask_id(petition.petitioner_id_number),
            "phone": mask_phone(petition.petitioner_phone), "address": mask_address(petition.petitioner_address),
            "masked": True}


def mediation_url(petition) -> str:
    """The mediation case this matter was handed to (its module's page), when there is one."""
    if not petition.mediation_case_id:
        return ""
    try:
        return reverse("mediation:case_detail", args=[petition.mediation_case_id])
    except NoReverseMatch:
        return ""


@login_required
def petition_detail(request, pk):
    petition = get_visible_or_404(Petition.objects.select_related("org", "extension_approved_by"), request.user,
                                  pk=pk)
    today = deadlines.today()
    can = permissions.available_actions(request.user, petition)
    initial = {"on": today}
    return render(request, "petitions/petition_detail.html", {
        "p": petition, "can": can, "has_actions": any(can.values()), "today": today,
        "person": personal(request.user, petition),
        "mediation_url": mediation_url(petition),
        "deadline_list": deadlines.of(petition),
        "window": actions.request_window(petition),
        "history": history(petition, {**AUDIT_LABELS, **P.ACTION_LABELS}),
        "files": attachments.attachments_of(petition),
        "can_attach": permissions.handles(request.user, petition.org),
        "forms": {
            "notify": NotifyForm(initial=initial), "object": ObjectForm(initial=initial),
            "extend": ExtendForm(), "reply": ReplyForm(initial=initial),
            "request_review": RequestForm(initial=initial), "decide_review": DecideForm(initial=initial),
            "request_recheck": RequestForm(initial=initial), "decide_recheck": DecideForm(initial=initial),
            "record_satisfaction": SatisfactionForm(initial=initial), "hand_to_mediation": MediationForm(initial=initial),
            "register_submission": SubmissionForm(initial={"category": petition.category,
                                                          "subject": petition.subject}),
            "discard": ReasonForm(), "attach": AttachmentForm(),
        },
    })


def _notify(user, p, d):
    if d["decision"] == "accept":
        actions.accept(p, by=user, on=d["on"], notice_text=d["notice_text"])
    elif d["decision"] == "refuse":
        actions.refuse(p, by=user, on=d["on"], notice_text=d["notice_text"])
    else:
        actions.transfer(p, by=user, on=d["on"], transferred_to=d["transferred_to"], notice_text=d["notice_text"])


HANDLER_ONLY = "只有本单位的经办人或负责人可以办理信访事项。"
# action name in the URL -> (permission, form, what it does, message when done)
ACTIONS = {
    "register_submission": (permissions.can_register_submission, SubmissionForm,
                            lambda u, p, d: actions.register_submission(p, by=u, **d),
                            "已登记。请在15日内告知信访人是否受理（《信访工作条例》第二十三条）。"),
    "discard": (permissions.can_discard, ReasonForm, lambda u, p, d: actions.discard(p, by=u, reason=d["reason"]),
                "已不予登记。"),
    "notify": (permissions.can_notify, NotifyForm, _notify, "已登记告知。"),
    "object": (permissions.can_object, ObjectForm,
               lambda u, p, d: actions.object_to_assignment(p, by=u, on=d["on"], reason=d["reason"]),
               "已登记异议，事项退回交办机关。"),
    "extend": (permissions.can_extend, ExtendForm, lambda u, p, d: actions.extend(p, by=u, reason=d["reason"]),
               "已批准延长办理期限，请告知信访人延期理由。"),
    "reply": (permissions.can_reply, ReplyForm, lambda u, p, d: actions.reply(p, by=u, **d),
              "已出具处理意见书，事项办结。"),
    "request_review": (permissions.can_request_review, RequestForm,
                       lambda u, p, d: actions.request_review(p, by=u, **d), "已登记复查申请。"),
    "decide_review": (permissions.can_decide_review, DecideForm, lambda u, p, d: actions.decide_review(p, by=u, **d),
                      "已登记复查意见。"),
    "request_recheck": (permissions.can_request_recheck, RequestForm,
                        lambda u, p, d: actions.request_recheck(p, by=u, **d), "已登记复核申请。"),
    "decide_recheck": (permissions.can_decide_recheck, DecideForm,
                       lambda u, p, d: actions.decide_recheck(p, by=u, **d), "已登记复核意见，该信访事项终结。"),
    "record_satisfaction": (permissions.can_record_satisfaction, SatisfactionForm,
                            lambda u, p, d: actions.record_satisfaction(p, by=u, **d), "已登记满意度。"),
    "hand_to_mediation": (permissions.can_hand_to_mediation, MediationForm,
                          lambda u, p, d: actions.hand_to_mediation(p, by=u, **d), "已转人民调解，调解案件已建立。"),
}
EXTEND_DENIED = "延长办理期限须经负责人批准（《信访工作条例》第三十四条）。"


@require_POST
@login_required
def act(request, pk, action):
    """One action on one matter (see ``yifa.core.actionviews.run_action``)."""
    if action not in ACTIONS:
        raise Http404("没有这个操作。")
    permission, form_class, do, done = ACTIONS[action]
    petition = get_visible_or_404(Petition, request.user, pk=pk)
    if action == "extend" and not permissions.can_approve(request.user, petition.org):
        raise PermissionDenied(EXTEND_DENIED)
    return run_action(request, petition, permission=permission, handles=permissions.handles, form_class=form_class,
                      do=do, done=done, back=reverse("petitions:detail", args=[petition.pk]),
                      refusal=lambda p: refusal(p, action), denied=HANDLER_ONLY)


def refusal(petition, action: str) -> str:
    """Why the step is not open now, naming what must come first and its basis."""
    status = petition.get_status_display()
    if action == "extend" and petition.is_extended:
        return "办理期限已延长过一次，不能再次延长（《信访工作条例》第三十四条：延长不超过30日）。"
    needs = {
        "reply": "须先告知受理（第二十三条）",
        "request_review": "须先出具处理意见书（第三十五条）",
        "decide_review": "须先登记复查申请（第三十五条）",
        "request_recheck": "须先登记复查意见（第三十六条）",
        "decide_recheck": "须先登记复核申请（第三十六条）",
        "record_satisfaction": "须先办结（出具处理意见书、复查或复核意见）",
        "object": "只有待告知的上级转送交办事项才能提出异议（第二十三条）",
    }
    label = P.ACTION_LABELS.get(action, "执行此操作")
    tail = f"：{needs[action]}" if action in needs else ""
    return f"当前状态为“{status}”，不能{label}{tail}。"


@require_POST
@login_required
def attach(request, pk):
    petition = get_visible_or_404(Petition, request.user, pk=pk)
    if not permissions.handles(request.user, petition.org):
        raise PermissionDenied(HANDLER_ONLY)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachments.attach(form.cleaned_data["file"], org=petition.org, by=request.user, target=petition,
                               description=form.cleaned_data["description"])
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        else:
            messages.success(request, "附件已上传。")
    else:
        messages.error(request, "请选择要上传的文件。")
    return redirect("petitions:detail", petition.pk)


@require_GET
@login_required
def opinion_docx(request, pk):
    petition = get_visible_or_404(Petition.objects.select_related("org"), request.user, pk=pk)
    if not permissions.can_download_opinion(request.user, petition):
        raise PermissionDenied("该事项尚未出具处理意见书。")
    content = documents.opinion_letter(petition)
    response = HttpResponse(content, content_type=documents.DOCX)
    filename = f"信访事项处理意见书-{petition.opinion_number}.docx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(filename)}"
    return response


# ---------------------------------------------------------------- 台账 in and out


@require_GET
@login_required
def ledger_template(request):
    return excel.template_response(ledger.COLUMNS, title=XLSX_IMPORT_TITLE, filename="信访台账导入模板.xlsx")


@require_GET
@login_required
def ledger_export(request):
    _form, qs = filtered(request)
    rows = (ledger.export_row(p) for p in qs.iterator(chunk_size=1000))
    return excel.export_response(ledger.COLUMNS, rows, title=XLSX_IMPORT_TITLE,
                                 filename=f"信访台账-{deadlines.today():%Y%m%d}.xlsx")


LEDGER = imports.Ledger(
    title="信访台账", columns=ledger.COLUMNS, check=ledger.check_import, save=actions.save_ledger,
    permission=permissions.can_import, denied="只有本单位的经办人或负责人可以导入信访台账。",
    template_url="petitions:ledger_template", list_url=lambda: reverse("petitions:list") + "?imported=1",
    list_label="信访事项", noun="条信访事项",
    notes=("信访编号留空的，按收到年度自动编号；已在本单位使用的编号不能再导入。",
           "办理状态决定必填的列（如“已办结”须填告知日期、处理意见和办结日期）；仍在办理的事项自动起算告知或办理期限。"),
)


@login_required
def ledger_import(request):
    return imports.run(request, LEDGER)


# ---------------------------------------------------------------- 年度数据


@login_required
def figures(request):
    """信访工作数据: the yearly figures a report quotes, each a link to the records behind it."""
    today = deadlines.today()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    period = (dt.date(year, 1, 1), dt.date(year, 12, 31))
    visible = Petition.objects.visible_to(request.user)
    table = indicators.table(visible, period)
    return render(request, "petitions/figures.html", {
        "year": year, "years": range(today.year, today.year - 6, -1), "table": table,
        "sentences": report.sentences_for(visible, period),
    })
