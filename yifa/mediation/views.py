"""Staff pages of the mediation register.

Each view: scope lookup (404 outside the user's units) → role check (403) → one action → redirect with a
Chinese message. A refused step (wrong state, missing input) comes back with the reason, nothing saved.
"""

import datetime as dt
from html import escape

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.encoding import escape_uri_path
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_POST

from yifa.core import deadlines, excel, imports
from yifa.core.actionviews import form_errors
from yifa.core.attachments import attachments_of
from yifa.core.identity import mask_address, mask_id, mask_phone
from yifa.core.models import AuditEntry, Org
from yifa.core.pagination import (joined_text, keyset_page, list_key, related_column, select_options,
                                  unit_choices, unit_options)
from yifa.core.scope import get_visible_or_404, scope_paths
from yifa.core.workflow import InvalidTransition

from . import actions, forms, indicators, ledger, ledger_rosters, report, timeline
from . import permissions as perms
from .docx import agreement_docx
from .templatetags.mediation_tags import status_badge
from .models import (Agreement, Channel, Committee, DisputeCase, DisputeType, EarlyWarning, Finding, Mediator, Party,
                     ScreeningRound, Session)

NOT_A_WORKER = "只有本单位（或上级单位）的调解员、经办人或负责人可以办理人民调解案件。"
PAGE_SIZE = 30
LIST_ORDER = ("-registered_on", "-pk")  # served by the index dispute_registered_idx


# ------------------------------------------------------------------ helpers


def acting_org(request) -> Org | None:
    """The unit new records belong to: the one chosen in the unit switcher (a 内设机构 acts for its unit)."""
    membership = getattr(request.user, "active_membership", None)
    if membership is None:
        return None
    org = membership.org
    return org.parent if org.kind == Org.Kind.DEPARTMENT and org.parent_id else org


def _units(request) -> list[Org]:
    """Units in the user's scope that can hold mediation work (no 内设机构), for choosers."""
    q = Q(pk__in=[])
    for path in scope_paths(request.user):
        q |= Q(path__startswith=path)
    qs = Org.objects.all() if request.user.is_superuser else Org.objects.filter(q)
    return list(qs.filter(is_active=True).exclude(kind=Org.Kind.DEPARTMENT).order_by("path"))


def _filter_units(request) -> list[tuple[int, str, str]]:
    """The list's unit filter, (pk, name, path): the user's highest units and two levels below them. A city overseer
    chooses among its districts and 乡镇/街道 (not two thousand 村/社区), a 乡镇/街道 worker among its 村/社区."""
    return unit_choices(request.user, levels=2)


def _top_units(request) -> list[Org]:
    units = _units(request)
    paths = [u.path for u in units]
    return [u for u in units if not any(u.path.startswith(p) and u.path != p for p in paths)]


def _require(allowed: bool, message: str = NOT_A_WORKER) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _case(request, pk: int) -> DisputeCase:
    qs = DisputeCase.objects.select_related("org", "origin_org", "committee", "lead_mediator", "registered_by")
    return get_visible_or_404(qs, request.user, pk=pk)


def _parse_int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def party_display(party: Party, full: bool) -> dict:
    """A party as shown: whole personal data for those handling the case, masked for everyone else."""
    return {
        "party": party, "name": party.name,
        "id_number": party.id_number if full else mask_id(party.id_number),
        "phone": party.phone if full else mask_phone(party.phone),
        "address": party.address if full else mask_address(party.address),
    }


# ------------------------------------------------------------------ 纠纷台账 (list)


def _chosen_unit_path(request, units=()) -> str | None:
    """The path of the unit the list is filtered by (``?org=``), from ``units`` when it is there."""
    org = _parse_int(request.GET.get("org"))
    if not org:
        return None
    return next((path for pk, _name, path in units if pk == org), None) or \
        Org.objects.filter(pk=org).values_list("path", flat=True).first()


def _filtered_cases(request, units=()):
    """The register filtered as the query string asks. ``units``: (pk, name, path) already read for the unit filter,
    where the chosen unit's path is looked up before asking the database."""
    qs = DisputeCase.objects.visible_to(request.user).select_related("org")
    g = request.GET
    if g.get("status"):
        qs = qs.filter(status=g["status"])
    if g.get("type"):
        qs = qs.filter(dispute_type=g["type"])
    if g.get("channel"):
        qs = qs.filter(channel=g["channel"])
    path = _chosen_unit_path(request, units)
    if path:
        qs = qs.filter(org__path__startswith=path)
    if _parse_int(g.get("year")):
        qs = qs.filter(registered_on__year=int(g["year"]))
    if g.get("overdue"):
        qs = qs.filter(status__in=DisputeCase.OPEN, resolve_due_on__lt=deadlines.today())
    if g.get("mine"):
        qs = qs.filter(Q(lead_mediator__user=request.user) | Q(co_mediators__user=request.user)).distinct()
    text = g.get("q", "").strip()
    if text:
        qs = qs.filter(Q(number__icontains=text) | Q(title__icontains=text) | Q(parties__name__icontains=text)).distinct()
    return qs


# What a row of the register shows (the rest of a case, e.g. its description, is not read for the list), read as
# named tuples: 30 model instances with their unit cost more than the rest of the rows' work.
LIST_VALUES = ("pk", "number", "title", "dispute_type", "channel", "status", "registered_on", "resolve_due_on",
               "outcome_on", "closed_on", "org__name", "party_names", "first_phone")
STATUS_LABELS, TYPE_LABELS, CHANNEL_LABELS = (dict(c.choices) for c in (DisputeCase.Status, DisputeType, Channel))
# The same labels escaped once for the rows' HTML (the status with its badge's class).
TYPE_HTML, CHANNEL_HTML = ({value: escape(label) for value, label in labels.items()}
                           for labels in (TYPE_LABELS, CHANNEL_LABELS))
STATUS_HTML = {value: (status_badge(value), escape(label)) for value, label in STATUS_LABELS.items()}


def _cn_date(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


_PARTY_COLUMNS: dict = {}


def with_party_columns(qs):
    """The parties' names ("张三、李四") and the first party's phone as two columns of the list's own query, written
    once per database as SQL (``pagination.joined_text``, ``pagination.related_column``)."""
    columns = _PARTY_COLUMNS.get(qs.db)
    if columns is None:
        order = ("sort_order", "pk")
        columns = _PARTY_COLUMNS[qs.db] = {
            "party_names": joined_text(Party, "case", "name", "、", order_by=order, using=qs.db),
            "first_phone": related_column(Party, "case", "phone", order_by=order, using=qs.db),
        }
    return qs.annotate(**columns)


# One row of the register's table (mediation/_case_table.html prints the rows); the cells are escaped below.
ROW_HTML = (
    '<tr><td data-label="登记编号"><div><a class="nowrap" href="{url}">{number}</a>'
    '<div class="muted small">{registered}</div></div></td>'
    '<td data-label="纠纷名称">{title}</td>'
    '<td data-label="当事人"><div>{parties}{phone}</div></td>'
    '<td data-label="类型">{type}</td><td data-label="来源">{channel}</td><td data-label="承办单位">{unit}</td>'
    '<td data-label="状态"><span class="badge {badge}">{status}</span></td>'
    '<td data-label="期限或结案"><div>{overdue}{due}</div></td></tr>')
PHONE_HTML = '<div class="muted small">{}</div>'
OVERDUE_HTML = '<span class="badge danger">已逾期</span> '


def case_rows(cases) -> list[SafeString]:
    """The register's rows (named tuples of LIST_VALUES, see ``list_values``) as HTML, every text escaped. Made here
    rather than cell by cell in the template: 30 rows × 8 cells through the template engine (a lookup, a filter, an
    escape each) were a fifth of the page's time."""
    today = deadlines.today()
    detail = reverse("mediation:case_detail", args=[0])[:-2] + "{}/"
    rows = []
    for c in cases:
        overdue = ""
        status, due_on, closed_on, outcome_on = c.status, c.resolve_due_on, c.closed_on, c.outcome_on
        if status in DisputeCase.OPEN and due_on:
            due = f"{_cn_date(due_on)}前调结"
            overdue = OVERDUE_HTML if due_on < today else ""
        else:
            due = (f"{_cn_date(closed_on)}结案" if closed_on else
                   f"{_cn_date(outcome_on)}调结" if outcome_on else "—")
        phone, kind, channel = c.first_phone, c.dispute_type, c.channel
        badge, status_text = STATUS_HTML[status] if status in STATUS_HTML else (status_badge(status), escape(status))
        rows.append(SafeString(ROW_HTML.format(  # SafeString: what mark_safe gives for a str, without its lazy check
            url=detail.format(c.pk), number=escape(c.number), registered=_cn_date(c.registered_on),
            title=escape(c.title), parties=escape(c.party_names or ""),
            phone=PHONE_HTML.format(escape(mask_phone(phone))) if phone else "",
            type=TYPE_HTML[kind] if kind in TYPE_HTML else escape(kind),
            channel=CHANNEL_HTML[channel] if channel in CHANNEL_HTML else escape(channel), unit=escape(c.org__name),
            badge=badge, status=status_text, overdue=overdue, due=due)))
    return rows


def list_values(qs):
    """``qs`` (cases) as the register's rows: LIST_VALUES with the parties' columns."""
    return with_party_columns(qs).values_list(*LIST_VALUES, named=True)  # values_list reads no related objects


@login_required
def case_list(request):
    units = _filter_units(request)
    # Keyset pages and an estimated count: a city's register holds hundreds of thousands of disputes. The list's
    # statements are kept per filter, user, scope and day (list_key); the chosen unit's path is read here for the key.
    key = list_key(request, "mediation.case_list", _chosen_unit_path(request, units))
    page = keyset_page(request, lambda: list_values(_filtered_cases(request, units)), order=LIST_ORDER,
                       per_page=PAGE_SIZE, key=key)
    org = acting_org(request)
    g = request.GET
    return render(request, "mediation/case_list.html", {
        "page": page, "rows": case_rows(page),
        "status_options": select_options(DisputeCase.Status.choices, g.get("status")),
        "type_options": select_options(DisputeType.choices, g.get("type")),
        "channel_options": select_options(Channel.choices, g.get("channel")),
        "units": [(pk, name) for pk, name, _path in units],
        "unit_options": unit_options(units, g.get("org")) if len(units) > 1 else "",
        "can_register": perms.can_register(request.user, org), "can_import": perms.can_import(request.user, org),
        "query": g.urlencode(),
    })


# ------------------------------------------------------------------ 登记


@login_required
def case_create(request):
    org = acting_org(request)
    _require(perms.can_register(request.user, org), "请在调解员、经办人或负责人的任职下登记纠纷。")
    form = forms.CaseForm(request.POST or None, initial={"registered_on": deadlines.today(), "channel": Channel.WALK_IN})
    parties = forms.party_formset(request.POST or None)
    if request.method == "POST" and form.is_valid() & parties.is_valid():
        data = form.cleaned_data
        try:
            case = actions.register_case(by=request.user, org=org, parties=parties.party_dicts(), **data)
        except ValidationError as error:
            form_errors(form, error)
            if "parties" in getattr(error, "error_dict", {}):
                parties._non_form_errors = parties.error_class(error.message_dict["parties"])
        else:
            messages.success(request, f"已登记：{case.number}。")
            return redirect("mediation:case_detail", case.pk)
    return render(request, "mediation/case_form.html", {"form": form, "parties": parties, "org": org})


@login_required
def case_edit(request, pk):
    case = _case(request, pk)
    _require(perms.can_see_personal_data(request.user, case))
    form = forms.CaseEditForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_case(DisputeCase.objects.get(pk=case.pk), by=request.user,
                                **{f: form.cleaned_data[f] for f in forms.CaseEditForm.Meta.fields})
        except ValidationError as error:
            form_errors(form, error)
        except InvalidTransition as error:
            messages.error(request, str(error))
            return redirect("mediation:case_detail", case.pk)
        else:
            messages.success(request, "登记信息已修改。")
            return redirect("mediation:case_detail", case.pk)
    return render(request, "mediation/simple_form.html", {
        "form": form, "case": case, "title": "修改登记信息", "submit": "保存"})


@login_required
def party_add(request, pk):
    case = _case(request, pk)
    _require(perms.can_see_personal_data(request.user, case))
    form = forms.PartyForm(request.POST or None, initial={"side": Party.Side.RESPONDENT})
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_party(case, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        except InvalidTransition as error:
            messages.error(request, str(error))
            return redirect("mediation:case_detail", case.pk)
        else:
            messages.success(request, "当事人已补录。")
            return redirect("mediation:case_detail", case.pk)
    return render(request, "mediation/simple_form.html", {
        "form": form, "case": case, "title": "补录当事人", "submit": "保存"})


@login_required
def party_edit(request, pk):
    party = get_visible_or_404(Party.objects.select_related("case__org"), request.user, pk=pk)
    case = party.case
    _require(perms.can_see_personal_data(request.user, case))
    form = forms.PartyForm(request.POST or None, instance=Party.objects.get(pk=party.pk))
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_party(party, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
        except InvalidTransition as error:
            messages.error(request, str(error))
            return redirect("mediation:case_detail", case.pk)
        else:
            messages.success(request, "当事人信息已修改。")
            return redirect("mediation:case_detail", case.pk)
    return render(request, "mediation/simple_form.html", {
        "form": form, "case": case, "title": f"修改当事人：{party.name}", "submit": "保存"})


# ------------------------------------------------------------------ case page and its actions


def _action_forms(user, case: DisputeCase) -> dict:
    """The unbound form of every step the user may take now (same predicates as the buttons)."""
    f = {}
    if perms.can_accept(user, case):
        f["accept"] = forms.OnDateForm(prefix="accept", label="受理日期")
        f["reject"] = forms.RejectForm(prefix="reject")
    if perms.can_assign(user, case):
        f["assign"] = forms.AssignForm(prefix="assign", case=case)
    if perms.can_escalate(user, case):
        f["escalate"] = forms.ReasonForm(prefix="escalate", label="上报理由",
                                         help_text="如“涉及多村、标的较大，本级调解难以化解”")
    if perms.can_extend(user, case):
        f["extend"] = forms.ReasonForm(prefix="extend", label="延长理由", help_text="如“双方当事人同意继续调解”")
    if perms.can_mediate(user, case):
        f["session"] = forms.SessionForm(prefix="session", case=case)
        if not hasattr(case, "agreement"):
            f["oral"] = forms.OralForm(prefix="oral")
        f["failure"] = forms.FailureForm(prefix="failure")
    if perms.can_sign(user, case):
        f["sign"] = forms.SignForm(prefix="sign", case=case)
    if perms.can_record_confirmation(user, case):
        f["confirmation"] = forms.ConfirmationForm(prefix="confirmation")
    if perms.can_follow_up(user, case):
        f["follow_up"] = forms.FollowUpForm(prefix="follow_up", initial={
            "visited_on": deadlines.today(), "visitor": user.display_name, "method": "visit",
            "performance": "na" if case.outcome == DisputeCase.Outcome.FAILED else "done"})
    if perms.can_close(user, case):
        f["close"] = forms.OnDateForm(prefix="close", label="结案日期")
    return f


STEPS = ["登记", "受理", "指派", "调解", "调解结果", "回访", "结案"]
# For each status: how many steps are done, and which later steps do not apply.
PROGRESS = {
    "registered": (1, ()), "accepted": (2, ()), "mediating": (3, ()), "agreed": (5, ()),
    "failed": (5, ("回访",)), "followed_up": (6, ()), "closed": (7, ()), "rejected": (2, ("指派", "调解", "调解结果", "回访", "结案")),
}
ACTION_LABELS = {
    **{f"mediation.{k}": v for k, v in DisputeCase.ACTION_LABELS.items()},
    "mediation.register": "登记", "mediation.import_row": "台账导入", "mediation.update_case": "修改登记信息",
    "mediation.add_party": "补录当事人",
    "mediation.update_party": "修改当事人信息", "mediation.extend": "延长调解期限", "mediation.add_session": "调解记录",
    "mediation.record_session": "记录调解情况", "mediation.draft_agreement": "起草调解协议书",
    "mediation.update_agreement": "修改调解协议书", "mediation.record_confirmation": "司法确认情况",
    "mediation.rate": "群众评价", "mediation.register_from_finding": "由排查发现转立案件",
    "mediation.raise_warning": "系统预警", "mediation.import_outcome": "导入调解结果",
}


def _progress(case: DisputeCase) -> list[tuple[str, str]]:
    done, skipped = PROGRESS[case.status]
    steps = ["登记", "不予受理", *STEPS[2:]] if case.status == DisputeCase.Status.REJECTED else STEPS
    return [(label, "skip" if label in skipped else "done" if i < done else "current" if i == done else "")
            for i, label in enumerate(steps)]


def _timeline(case: DisputeCase) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(target_type=DisputeCase._meta.label_lower, target_id=str(case.pk))
                .order_by("seq"))


def _render_case(request, case: DisputeCase, bound: dict | None = None, status: int = 200):
    user = request.user
    full = perms.can_see_personal_data(user, case)
    action_forms = _action_forms(user, case)
    action_forms.update(bound or {})
    agreement = Agreement.objects.filter(case=case).select_related("signing_mediator").first()
    parties = [party_display(p, full) for p in case.parties.all()]
    signed = set((agreement.signatures or {}).get("parties", [])) if agreement else set()
    context = {
        "case": case, "parties": parties, "full": full, "forms": action_forms, "agreement": agreement,
        "signed_ids": signed,
        "sessions": case.sessions.prefetch_related("mediators").order_by("held_on", "pk"),
        "follow_ups": case.follow_ups.all(), "escalations": case.escalations.select_related("from_org", "to_org"),
        "warnings": case.early_warnings.filter(status=EarlyWarning.Status.OPEN),
        "deadline_list": deadlines.of(case), "steps": timeline.steps(case, public=False),
        "audit_entries": _timeline(case), "today": deadlines.today(),
        "progress": _progress(case), "action_labels": ACTION_LABELS,
        "finding": Finding.objects.filter(case=case).select_related("round").first(),
        "can_edit": perms.can_update_case(user, case) and full,
        "can_draft": perms.can_mediate(user, case) and (agreement is None or (
            agreement.kind == Agreement.Kind.WRITTEN and not agreement.is_effective)),
        "can_download": perms.can_download_agreement(user, case),
        "can_add_party": case.is_open and full,
        "attachments": attachments_of(case) if full else [],
        "file_form": (bound or {}).get("file") or forms.FileForm(prefix="file"),
    }
    return render(request, "mediation/case_detail.html", context, status=status)


@login_required
def case_detail(request, pk):
    return _render_case(request, _case(request, pk))


def _step(request, pk, key: str, make_form, run, done: str, role=perms.can_see_personal_data):
    """One POSTed step on the case page: form invalid or action refused → the page again with the reasons."""
    case = _case(request, pk)
    _require(role(request.user, case))
    form = make_form(case)
    if form.is_valid():
        try:
            run(case, form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
        except InvalidTransition as error:
            messages.error(request, str(error))
            return redirect("mediation:case_detail", case.pk)
        else:
            messages.success(request, done)
            return redirect(reverse("mediation:case_detail", args=[case.pk]) + f"#{key}")
    return _render_case(request, DisputeCase.objects.select_related("org").get(pk=case.pk), {key: form})


@require_POST
@login_required
def accept(request, pk):
    return _step(request, pk, "accept", lambda c: forms.OnDateForm(request.POST, prefix="accept", label="受理日期"),
                 lambda c, d: actions.accept(c, by=request.user, on=d["on"], note=d["note"]),
                 "已受理。调结期限已按《人民调解工作若干规定》第三十三条计算。")


@require_POST
@login_required
def reject(request, pk):
    return _step(request, pk, "reject", lambda c: forms.RejectForm(request.POST, prefix="reject"),
                 lambda c, d: actions.reject(c, by=request.user, reason=d["reason"], note=d["note"]),
                 "已决定不予受理，原因已记录。")


@require_POST
@login_required
def assign(request, pk):
    return _step(request, pk, "assign", lambda c: forms.AssignForm(request.POST, prefix="assign", case=c),
                 lambda c, d: actions.assign(c, by=request.user, committee=d["committee"], lead=d["lead"],
                                             co_mediators=list(d["co_mediators"]), on=d["on"]),
                 "已指派调解员。")


@require_POST
@login_required
def escalate(request, pk):
    return _step(request, pk, "escalate", lambda c: forms.ReasonForm(request.POST, prefix="escalate"),
                 lambda c, d: actions.escalate(c, by=request.user, reason=d["reason"]),
                 "已上报上级调处，由上级单位重新指派。")


@require_POST
@login_required
def extend(request, pk):
    return _step(request, pk, "extend", lambda c: forms.ReasonForm(request.POST, prefix="extend"),
                 lambda c, d: actions.extend(c, by=request.user, reason=d["reason"]),
                 "调解期限已延长，理由已记录。")


@require_POST
@login_required
def session_add(request, pk):
    return _step(request, pk, "session", lambda c: forms.SessionForm(request.POST, prefix="session", case=c),
                 lambda c, d: actions.add_session(c, by=request.user, held_on=d["held_on"], place=d["place"],
                                                  mediators=list(d["mediators"]), attendees=d["attendees"],
                                                  summary=d["summary"]),
                 "调解记录已保存。")


@require_POST
@login_required
def session_record(request, pk):
    session = get_visible_or_404(Session.objects.select_related("case__org"), request.user, pk=pk)
    _require(perms.can_see_personal_data(request.user, session.case))
    form = forms.RecordSessionForm(request.POST, prefix=f"record{session.pk}")
    if form.is_valid():
        try:
            actions.record_session(session, by=request.user, summary=form.cleaned_data["summary"],
                                   attendees=form.cleaned_data["attendees"])
        except (ValidationError, InvalidTransition) as error:
            messages.error(request, "；".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, "调解情况已记录。")
    else:
        messages.error(request, "请填写调解情况。")
    return redirect(reverse("mediation:case_detail", args=[session.case_id]) + "#sessions")


@require_POST
@login_required
def oral(request, pk):
    return _step(request, pk, "oral", lambda c: forms.OralForm(request.POST, prefix="oral"),
                 lambda c, d: actions.record_oral(c, by=request.user, **d),
                 "口头协议已记录，调解成功。请按期回访履行情况。")


@require_POST
@login_required
def failure(request, pk):
    return _step(request, pk, "failure", lambda c: forms.FailureForm(request.POST, prefix="failure"),
                 lambda c, d: actions.record_failure(c, by=request.user, routes=d["routes"], note=d["note"],
                                                     on=d["on"]),
                 "已终止调解，告知的其他途径已记录。")


@require_POST
@login_required
def sign(request, pk):
    return _step(request, pk, "sign", lambda c: forms.SignForm(request.POST, prefix="sign", case=c),
                 lambda c, d: actions.sign_agreement(
                     c, by=request.user, signed_party_ids=d["parties"], mediator_signed=d["mediator_signed"],
                     sealed=d["sealed"], signing_mediator=d["signing_mediator"], effective_on=d["effective_on"],
                     wants_confirmation=d["wants_confirmation"]),
                 "调解协议书已生效，调解成功。")


@require_POST
@login_required
def confirmation(request, pk):
    return _step(request, pk, "confirmation", lambda c: forms.ConfirmationForm(request.POST, prefix="confirmation"),
                 lambda c, d: actions.record_confirmation(c, by=request.user, declined=d["declined"],
                                                          applied_on=d["applied_on"], court=d["court"],
                                                          result=d["result"]),
                 "司法确认情况已记录。")


@require_POST
@login_required
def follow_up(request, pk):
    return _step(request, pk, "follow_up", lambda c: forms.FollowUpForm(request.POST, prefix="follow_up"),
                 lambda c, d: actions.follow_up(c, by=request.user, **d), "回访已记录。")


@require_POST
@login_required
def close(request, pk):
    return _step(request, pk, "close", lambda c: forms.OnDateForm(request.POST, prefix="close", label="结案日期"),
                 lambda c, d: actions.close(c, by=request.user, on=d["on"], note=d["note"]), "已结案归档。")


@require_POST
@login_required
def attachment_add(request, pk):
    """上传卷宗材料."""
    case = _case(request, pk)
    _require(perms.can_see_personal_data(request.user, case))
    form = forms.FileForm(request.POST, request.FILES, prefix="file")
    if form.is_valid():
        try:
            actions.attach_file(case, by=request.user, upload=form.cleaned_data["file"], kind=form.cleaned_data["kind"],
                                note=form.cleaned_data["note"])
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, "材料已归入卷宗。")
            return redirect(reverse("mediation:case_detail", args=[case.pk]) + "#files")
    return _render_case(request, case, {"file": form})


@login_required
def agreement_edit(request, pk):
    """起草或修改调解协议书 (GET shows the form; POST is the action)."""
    case = _case(request, pk)
    _require(perms.can_see_personal_data(request.user, case))
    agreement = Agreement.objects.filter(case=case).first()
    initial = {} if agreement else {"facts": case.description, "issues": case.claims,
                                    "copies": case.parties.count() + 1}
    form = forms.AgreementForm(request.POST or None, instance=agreement, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.draft_agreement(case, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
        except InvalidTransition as error:
            messages.error(request, str(error))
            return redirect("mediation:case_detail", case.pk)
        else:
            messages.success(request, "调解协议书已保存。请下载打印，各方签署后在案件页确认生效。")
            return redirect(reverse("mediation:case_detail", args=[case.pk]) + "#agreement")
    parties = [party_display(p, True) for p in case.parties.all()]
    return render(request, "mediation/agreement_form.html", {"form": form, "case": case, "agreement": agreement,
                                                             "parties": parties})


@login_required
def agreement_download(request, pk):
    case = _case(request, pk)
    _require(perms.can_see_personal_data(request.user, case), "只有承办本案的人员可以下载调解协议书。")
    agreement = get_visible_or_404(Agreement.objects.select_related("case__org", "case__committee"), request.user,
                                   case=case, kind=Agreement.Kind.WRITTEN)
    response = HttpResponse(agreement_docx(agreement), content_type=(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
    name = f"人民调解协议书{agreement.number}{'' if agreement.is_effective else '（待签署）'}.docx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{escape_uri_path(name)}"
    return response


# ------------------------------------------------------------------ 调委会 and 调解员


@login_required
def committee_list(request):
    committees = (Committee.objects.visible_to(request.user).select_related("org")
                  .prefetch_related("people"))
    today = deadlines.today()
    rows = [{"committee": c, "members": sum(1 for p in c.people.all() if p.is_active and p.is_member),
             "mediators": sum(1 for p in c.people.all() if p.is_active and not p.is_legal_adviser),
             "advisers": sum(1 for p in c.people.all() if p.is_active and p.is_legal_adviser),
             "problems": c.composition_problems(today)} for c in committees]
    return render(request, "mediation/committee_list.html", {
        "rows": rows, "can_create": perms.can_manage_committee(request.user, acting_org(request))
        if acting_org(request) else False})


@login_required
def committee_create(request):
    org = acting_org(request)
    _require(org is not None and perms.can_manage_committee(request.user, org), "只有经办人或负责人可以登记调委会。")
    units = [u for u in _units(request) if u.is_within(org) and perms.can_manage_committee(request.user, u)]
    form = forms.CommitteeForm(request.POST or None)
    form.fields["org"] = forms.forms.ModelChoiceField(label="所属单位", queryset=Org.objects.filter(
        pk__in=[u.pk for u in units]), initial=org)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            committee = actions.create_committee(by=request.user, org=d["org"], name=d["name"],
                                                 term_start=d["term_start"], phone=d["phone"], address=d["address"])
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, f"已登记{committee.name}，请录入委员和调解员。")
            return redirect("mediation:committee_detail", committee.pk)
    return render(request, "mediation/simple_form.html", {"form": form, "title": "登记调委会", "submit": "保存",
                                                          "back": reverse("mediation:committee_list")})


@login_required
def committee_detail(request, pk):
    committee = get_visible_or_404(Committee.objects.select_related("org"), request.user, pk=pk)
    can_manage = perms.can_manage_committee(request.user, committee.org)
    if request.method == "POST":
        _require(can_manage, "只有经办人或负责人可以修改调委会。")
        form = forms.CommitteeForm(request.POST, instance=Committee.objects.get(pk=committee.pk))
        if form.is_valid():
            try:
                actions.update_committee(committee, by=request.user,
                                         **{f: form.cleaned_data[f] for f in forms.CommitteeForm.Meta.fields})
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, "调委会信息已保存。")
                return redirect("mediation:committee_detail", committee.pk)
    else:
        form = forms.CommitteeForm(instance=committee)
    people = committee.people.select_related("user").order_by("-is_active", "position", "name")
    return render(request, "mediation/committee_detail.html", {
        "committee": committee, "people": people, "form": form, "can_manage": can_manage,
        "problems": committee.composition_problems(deadlines.today()),
        "person_form": forms.MediatorForm(committee=committee),
        "open_cases": committee.cases.filter(status__in=DisputeCase.OPEN).count(),
    })


@login_required
def mediator_add(request, pk):
    committee = get_visible_or_404(Committee.objects.select_related("org"), request.user, pk=pk)
    _require(perms.can_manage_committee(request.user, committee.org), "只有经办人或负责人可以增补调解员。")
    form = forms.MediatorForm(request.POST or None, committee=committee)
    if request.method == "POST" and form.is_valid():
        try:
            person = actions.add_mediator(committee, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, f"已录入{person.get_position_display()}{person.name}。")
            return redirect("mediation:committee_detail", committee.pk)
    return render(request, "mediation/simple_form.html", {
        "form": form, "title": f"{committee.name} · 录入人员", "submit": "保存",
        "back": reverse("mediation:committee_detail", args=[committee.pk])})


@login_required
def mediator_edit(request, pk):
    person = get_visible_or_404(Mediator.objects.select_related("committee__org"), request.user, pk=pk)
    committee = person.committee
    _require(perms.can_manage_committee(request.user, committee.org), "只有经办人或负责人可以修改调解员信息。")
    form = forms.MediatorForm(request.POST or None, instance=Mediator.objects.get(pk=person.pk), committee=committee)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_mediator(person, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, f"{person.name}的信息已保存。")
            return redirect("mediation:committee_detail", committee.pk)
    return render(request, "mediation/simple_form.html", {
        "form": form, "title": f"{committee.name} · {person.name}", "submit": "保存",
        "back": reverse("mediation:committee_detail", args=[committee.pk])})


# ------------------------------------------------------------------ 排查


@login_required
def round_list(request):
    qs = ScreeningRound.objects.visible_to(request.user).select_related("org")
    year = _parse_int(request.GET.get("year"))
    if year:
        qs = qs.filter(planned_on__year=year)
    if request.GET.get("status"):
        qs = qs.filter(status=request.GET["status"])
    if _parse_int(request.GET.get("org")):
        unit = Org.objects.filter(pk=int(request.GET["org"])).first()
        if unit:
            qs = qs.filter(org__path__startswith=unit.path)
    qs = qs.prefetch_related("findings")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    org = acting_org(request)
    return render(request, "mediation/round_list.html", {
        "page": page, "units": _units(request), "statuses": ScreeningRound.Status.choices,
        "can_create": perms.can_screen(request.user, org) if org else False})


@login_required
def round_create(request):
    org = acting_org(request)
    _require(org is not None and perms.can_screen(request.user, org), NOT_A_WORKER)
    units = [u for u in _units(request) if u.is_within(org)]
    form = forms.RoundForm(request.POST or None, orgs=units, initial={"org": org, "planned_on": deadlines.today()})
    if request.method == "POST" and form.is_valid():
        try:
            screening = actions.plan_round(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, "排查已登记。实施后请填写排查情况和发现的纠纷。")
            return redirect("mediation:round_detail", screening.pk)
    return render(request, "mediation/simple_form.html", {"form": form, "title": "安排排查", "submit": "保存",
                                                          "back": reverse("mediation:round_list")})


def _render_round(request, screening, complete_form=None, finding_form=None, status=200):
    user = request.user
    findings = list(screening.findings.select_related("case"))
    return render(request, "mediation/round_detail.html", {
        "round": screening, "findings": findings,
        "can_complete": perms.can_complete_round(user, screening),
        "can_add": perms.can_add_finding(user, screening),
        "complete_form": complete_form or forms.CompleteRoundForm(prefix="complete",
                                                                  initial={"screeners": screening.screeners}),
        "finding_form": finding_form or forms.FindingForm(prefix="finding"),
        "resolve_forms": {f.pk: forms.NoteForm(prefix=f"resolve{f.pk}", label="化解情况") for f in findings
                          if perms.can_dispose_finding(user, f)},
    }, status=status)


@login_required
def round_detail(request, pk):
    return _render_round(request, get_visible_or_404(ScreeningRound.objects.select_related("org"), request.user, pk=pk))


@require_POST
@login_required
def round_complete(request, pk):
    screening = get_visible_or_404(ScreeningRound.objects.select_related("org"), request.user, pk=pk)
    _require(perms.can_screen(request.user, screening.org))
    form = forms.CompleteRoundForm(request.POST, prefix="complete")
    if form.is_valid():
        try:
            actions.complete_round(screening, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
        except InvalidTransition as error:
            messages.error(request, str(error))
            return redirect("mediation:round_detail", screening.pk)
        else:
            messages.success(request, "排查情况已登记。")
            return redirect("mediation:round_detail", screening.pk)
    return _render_round(request, screening, complete_form=form)


@require_POST
@login_required
def finding_add(request, pk):
    screening = get_visible_or_404(ScreeningRound.objects.select_related("org"), request.user, pk=pk)
    _require(perms.can_add_finding(request.user, screening))
    form = forms.FindingForm(request.POST, prefix="finding")
    if form.is_valid():
        try:
            actions.add_finding(screening, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, "排查发现已登记。")
            return redirect(reverse("mediation:round_detail", args=[screening.pk]) + "#findings")
    return _render_round(request, screening, finding_form=form)


@require_POST
@login_required
def finding_register(request, pk):
    """一键转为纠纷案件."""
    finding = get_visible_or_404(Finding.objects.select_related("round__org"), request.user, pk=pk)
    _require(perms.can_screen(request.user, finding.round.org))
    try:
        case = actions.register_from_finding(finding, by=request.user)
    except (ValidationError, InvalidTransition) as error:
        messages.error(request, "；".join(getattr(error, "messages", [str(error)])))
        return redirect("mediation:round_detail", finding.round_id)
    messages.success(request, f"已转为纠纷案件 {case.number}，请补全当事人信息后受理。")
    return redirect("mediation:case_detail", case.pk)


@require_POST
@login_required
def finding_resolve(request, pk):
    finding = get_visible_or_404(Finding.objects.select_related("round__org"), request.user, pk=pk)
    _require(perms.can_screen(request.user, finding.round.org))
    form = forms.NoteForm(request.POST, prefix=f"resolve{finding.pk}")
    if not form.is_valid():
        messages.error(request, "请写明化解情况。")
        return redirect("mediation:round_detail", finding.round_id)
    try:
        actions.resolve_finding(finding, by=request.user, note=form.cleaned_data["note"])
    except (ValidationError, InvalidTransition) as error:
        messages.error(request, "；".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, "已记录当场化解。")
    return redirect(reverse("mediation:round_detail", args=[finding.round_id]) + "#findings")


# ------------------------------------------------------------------ 预警


@login_required
def warning_list(request):
    status = request.GET.get("status", EarlyWarning.Status.OPEN)
    qs = (EarlyWarning.objects.visible_to(request.user).select_related("case__org", "handled_by")
          .filter(status=status))
    if request.GET.get("kind"):
        qs = qs.filter(kind=request.GET["kind"])
    page = Paginator(qs.order_by("-raised_on", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    counts = dict(EarlyWarning.objects.visible_to(request.user).filter(status=EarlyWarning.Status.OPEN)
                  .values_list("kind").annotate(n=Count("pk"))
                  .values_list("kind", "n"))
    org = acting_org(request)
    return render(request, "mediation/warning_list.html", {
        "page": page, "status": status, "kinds": EarlyWarning.Kind.choices, "counts": counts,
        "handle": {w.pk: forms.NoteForm(prefix=f"w{w.pk}", compact=True) for w in page
                   if perms.can_handle_warning(request.user, w)},
        "can_scan": perms.can_scan_warnings(request.user, org),
    })


@require_POST
@login_required
def warning_handle(request, pk):
    warning = get_visible_or_404(EarlyWarning.objects.select_related("case__org"), request.user, pk=pk)
    _require(perms.can_review_warnings(request.user, warning.case.org), "预警由负责人审阅处理。")
    form = forms.NoteForm(request.POST, prefix=f"w{warning.pk}")
    if not form.is_valid():
        messages.error(request, "请写明处理情况。")
        return redirect("mediation:warning_list")
    try:
        actions.handle_warning(warning, by=request.user, note=form.cleaned_data["note"])
    except (ValidationError, InvalidTransition) as error:
        messages.error(request, "；".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, f"预警（{warning.case.number}）已标记处理。")
    return redirect("mediation:warning_list")


@require_POST
@login_required
def warning_scan(request):
    org = acting_org(request)
    _require(perms.can_scan_warnings(request.user, org), "只有负责人或经办人可以重新扫描预警。")
    raised = actions.scan_warnings(by=request.user, orgs=[org])
    messages.success(request, f"扫描完成，新增预警 {raised} 条。")
    return redirect("mediation:warning_list")


# ------------------------------------------------------------------ 统计


def _figures_scope(request):
    today = deadlines.today()
    year = _parse_int(request.GET.get("year"), today.year)
    units = _units(request)
    org_id = _parse_int(request.GET.get("org"))
    chosen = next((u for u in units if u.pk == org_id), None)
    orgs = [chosen] if chosen else _top_units(request)
    return year, orgs, units, chosen


@login_required
def figures(request):
    year, orgs, units, chosen = _figures_scope(request)
    start, end = indicators.year_period(year)
    headline = indicators.figures(orgs, start, end)
    tables = [(key, label, indicators.breakdown(orgs, start, end, key)) for key, label in indicators.BREAKDOWNS.items()]
    screenings = indicators.screening_by_month(orgs, start, end)
    for key, _label, rows in tables:
        if key == "month":
            for row in rows:
                row["screenings"] = screenings.get(row["key"], 0)
    today = deadlines.today()
    return render(request, "mediation/figures.html", {
        "year": year, "years": list(range(today.year, today.year - 6, -1)), "units": units, "chosen": chosen,
        "f": headline, "tables": tables, "sentences": report.sentences(orgs, year),
        "year_str": str(year), "org_str": str(chosen.pk) if chosen else "",
    })


@login_required
def figures_drill(request):
    """The records behind one figure."""
    year, orgs, _units_, chosen = _figures_scope(request)
    start, end = indicators.year_period(year)
    metric = request.GET.get("metric", "accepted")
    if metric == "screenings":
        return redirect(reverse("mediation:round_list") + f"?year={year}&status=done"
                        + (f"&org={chosen.pk}" if chosen else ""))
    if metric not in indicators.METRICS:
        metric = "accepted"
    qs = indicators.cases_for(metric, orgs, start, end)
    by, key = request.GET.get("by", ""), request.GET.get("key", "")
    if by in indicators.BREAKDOWNS and key:
        qs = indicators.drill_filter(qs, by, key)
    qs = qs.filter(pk__in=DisputeCase.objects.visible_to(request.user).values("pk")).select_related("org")
    page = Paginator(list_values(qs.order_by("-accepted_on", "-pk")), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "mediation/figures_drill.html", {
        "page": page, "metric": indicators.METRICS[metric], "year": year, "chosen": chosen,
        "rows": case_rows(page),
        "count": page.paginator.count,
    })


# ------------------------------------------------------------------ 台账 Excel


@login_required
def ledger_template(request):
    return excel.template_response(ledger.COLUMNS, title="矛盾纠纷调解台账", filename="矛盾纠纷调解台账导入模板.xlsx")


LEDGER = imports.Ledger(
    title="矛盾纠纷调解台账", columns=ledger.COLUMNS, check=ledger.check_rows,
    save=actions.save_ledger, permission=perms.can_import, denied="只有经办人或负责人可以导入台账。",
    template_url="mediation:ledger_template", list_url=lambda: reverse("mediation:case_list") + "?q=&year=",
    list_label="纠纷台账", noun="起纠纷",
    notes=("证件号码会校验：身份证号按 GB 11643 校验位，统一社会信用代码按 GB 32100 校验位。",
           "导入的纠纷登记在本单位，按登记年度编号；已受理的起算一个月的调解期限（已调结的记为按期或逾期）。"),
    org=acting_org)


@login_required
def ledger_import(request):
    return imports.run(request, LEDGER)


@login_required
def ledger_export(request):
    qs = _filtered_cases(request).prefetch_related("parties", "co_mediators").select_related("lead_mediator")

    def full(case):
        return perms.can_see_personal_data(request.user, case)

    # Streamed: a thousand cases (with their parties) at a time, each row written out as it comes, so a city-wide
    # export never holds the whole ledger in memory.
    rows = (row for case in qs[:20000].iterator(chunk_size=1000) for row in ledger.export_rows([case], full=full))
    stamp = deadlines.today().strftime("%Y%m%d")
    return excel.export_response(ledger.EXPORT_COLUMNS, rows, title="矛盾纠纷调解台账",
                                 filename=f"矛盾纠纷调解台账{stamp}.xlsx")


# ------------------------------------------------------------------ 调委会名册、调解员名册 (Excel)


def _roster_ledger(title, columns, check, save, template_url, noun, notes):
    return imports.Ledger(
        title=title, columns=columns, check=check, save=save, template_url=template_url,
        list_url="mediation:committee_list", list_label="调委会与调解员", noun=noun, notes=notes, org=acting_org,
        permission=perms.can_manage_committee, denied="只有经办人或负责人可以导入调委会和调解员名册。")


COMMITTEE_LEDGER = _roster_ledger(
    "调委会名册", ledger_rosters.COMMITTEE_COLUMNS, ledger_rosters.check_committees, ledger_rosters.save_committees,
    "mediation:committee_template", "个调委会",
    ("所属单位不填即本单位；可填本单位下辖的村（社区）名称。同一单位的调委会名称不能重复。",
     "导入后请在调委会页面核对组成情况（人民调解法第九条：委员三至九人，设主任一人，应当有妇女成员）。"))
MEDIATOR_LEDGER = _roster_ledger(
    "调解员名册", ledger_rosters.MEDIATOR_COLUMNS, ledger_rosters.check_mediators, ledger_rosters.save_mediators,
    "mediation:mediator_template", "名调委会委员、调解员和法律顾问",
    ("每行的调委会须是本单位或下辖单位已登记的调委会（先导入调委会名册，再导入本名册）。",
     "同一调委会中在任的同名同职务人员不能重复；平台账户的关联请在人员页面办理。"))


def _roster_full(request):
    """联系电话 in full for those who maintain the roster of that unit, masked for everyone else."""
    return lambda org: perms.can_manage_committee(request.user, org)


@login_required
def committee_export(request):
    full = _roster_full(request)
    qs = (Committee.objects.visible_to(request.user).select_related("org").prefetch_related("people")
          .order_by("org__path", "name", "pk"))
    rows = (ledger_rosters.committee_row(c, full=full(c.org)) for c in qs)
    return excel.export_response(ledger_rosters.COMMITTEE_EXPORT_COLUMNS, rows, title="调委会名册",
                                 filename=f"调委会名册{deadlines.today():%Y%m%d}.xlsx")


@login_required
def mediator_export(request):
    full = _roster_full(request)
    qs = (Mediator.objects.visible_to(request.user).select_related("committee__org")
          .order_by("committee__org__path", "committee__name", "-is_active", "position", "name", "pk"))
    rows = (ledger_rosters.mediator_row(p, full=full(p.committee.org)) for p in qs.iterator(chunk_size=1000))
    return excel.export_response(ledger_rosters.MEDIATOR_EXPORT_COLUMNS, rows, title="调解员名册",
                                 filename=f"调解员名册{deadlines.today():%Y%m%d}.xlsx")


@login_required
def committee_import(request):
    return imports.run(request, COMMITTEE_LEDGER)


@login_required
def mediator_import(request):
    return imports.run(request, MEDIATOR_LEDGER)


@login_required
def committee_template(request):
    return excel.template_response(ledger_rosters.COMMITTEE_COLUMNS, title="调委会名册", filename="调委会名册导入模板.xlsx")


@login_required
def mediator_template(request):
    return excel.template_response(ledger_rosters.MEDIATOR_COLUMNS, title="调解员名册", filename="调解员名册导入模板.xlsx")
