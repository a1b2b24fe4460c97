"""Staff pages for the 学法 and 普法 ledgers: scope lookup (404) → permission (403) → one action → redirect."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from yifa.core import deadlines, excel, imports
from yifa.core.actionviews import perform, require
from yifa.core.models import AuditEntry, Org
from yifa.core.scope import get_visible_or_404, has_role_over
from yifa.core.workflow import InvalidTransition

from . import actions, indicators, ledgers
from . import permissions as perm
from .forms import (AcceptForm, ActivityCorrectForm, ActivityForm, CadreForm, DeliverForm, DutyForm, ExamForm, HoldActivityForm,
                    HoldSessionForm, LiaisonForm, MeetingForm, ReasonForm, ScoresForm, SessionForm,
                    TargetForm, TopicForm)
from .models import (Attendance, Cadre, DutyItem, ExamResult, LawExam, LeadershipMeeting, LegalLiaison,
                     OutreachActivity, OutreachRequest, OutreachTopic, StudySession)
from .report import sections

PAGE_SIZE = 50


DENIED = "您在该单位没有登记台账的权限。"


def _org(request):
    membership = getattr(request.user, "active_membership", None)
    return membership.org if membership else None


STEP_LABELS = {
    "record_session": "登记", "plan_session": "列入计划", "schedule_exam": "登记考试", "plan_activity": "列入计划",
    "record_activity": "登记", "submit_request": "群众点单", "rate_request": "群众评价", "update_activity": "更正",
    "import_row": "台账导入",
}


def _history(obj) -> list[tuple]:
    """The record's audit entries with a Chinese name for each step."""
    labels = {**STEP_LABELS, **getattr(obj, "ACTION_LABELS", {})}
    entries = AuditEntry.objects.filter(target_type=obj._meta.label_lower, target_id=str(obj.pk)).order_by("seq")
    return [(e, labels.get(e.action.split(".", 1)[1], e.action)) for e in entries]


def _year(request) -> int:
    year = request.GET.get("year", "")
    return int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else deadlines.today().year


def _period(request) -> tuple[dt.date, dt.date] | None:
    try:
        return dt.date.fromisoformat(request.GET["from"]), dt.date.fromisoformat(request.GET["to"])
    except (KeyError, ValueError):
        year = request.GET.get("year", "")
        return (dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)) if year.isdigit() and len(year) == 4 else None


def _scope_orgs(request) -> list[Org]:
    ids = [int(i) for i in request.GET.getlist("org") if i.isdigit()]
    if ids:
        return list(Org.objects.visible_to(request.user).filter(pk__in=ids))
    return [m.org for m in getattr(request.user, "all_memberships", [])]


def _filter(request, qs, *, date_field: str | None, search=(), keys=("kind", "status")):
    """Apply the list filters: period (from/to or year), units (org), kind/status and a text search."""
    period = _period(request)
    if period and date_field:
        qs = qs.filter(**{f"{date_field}__range": period})
    ids = [int(i) for i in request.GET.getlist("org") if i.isdigit()]
    if ids:
        q = Q(pk__in=[])
        for org in Org.objects.visible_to(request.user).filter(pk__in=ids):
            q |= Q(org__path__startswith=org.path)
        qs = qs.filter(q)
    for key in keys:
        if request.GET.get(key):
            qs = qs.filter(**{key: request.GET[key]})
    text = request.GET.get("q", "").strip()
    if text and search:
        q = Q(pk__in=[])
        for field in search:
            q |= Q(**{f"{field}__icontains": text})
        qs = qs.filter(q)
    return qs


def _units(user):
    """The units a reader may filter a list by (区县 and 乡镇/街道 in scope)."""
    return Org.objects.visible_to(user).filter(
        kind__in=[Org.Kind.COUNTY, Org.Kind.TOWNSHIP, Org.Kind.SUBDISTRICT]).order_by("path")


def _list(request, template, qs, **extra):
    today = deadlines.today()
    units = _units(request.user)
    context = {
        "units": units if len(units) > 1 else [],
        "page": Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page")),
        "filters": request.GET, "org_ids": request.GET.getlist("org"), "today": today,
        "years": range(today.year, today.year - 6, -1),
        "can_register": perm.can_register(request.user),
        "many_units": len({m.org_id for m in getattr(request.user, "all_memberships", [])}) > 1
        or any(m.role == "overseer" for m in getattr(request.user, "all_memberships", [])),
        **extra,
    }
    return render(request, template, context)


def _form_page(request, form, *, title: str, back: str, back_label: str, intro: str = "", button: str = "保存",
               save=None):
    """A registration or correction page. ``save`` is (call, success message, where to go): on POST the one action
    runs through ``perform``, and bad input or a refusal shows the page again with the reason."""

    def page(form, _status=None):
        return render(request, "training/form.html", {"form": form, "title": title, "back": back,
                                                      "back_label": back_label, "intro": intro, "button": button,
                                                      "org": _org(request)})

    if save is not None and request.method == "POST":
        call, success, then = save
        return perform(request, form, call, success=success, then=then, rerender=page)
    return page(form)


def _step_view(request, model, pk, make_form, action, done: str, page):
    """404 outside scope → 403 without a handling role → the one action from the POSTed form (``perform``): bad
    input shows the record's page with the form's errors; a step the rules refuse comes back to the record with
    the reason as a message."""
    obj = get_visible_or_404(model, request.user, pk=pk)
    require(perm.can_handle(request.user, obj), DENIED)
    back = obj.get_absolute_url()
    return perform(request, make_form(obj), lambda data: action(obj, by=request.user, **data), success=done,
                   then=back, rerender=lambda form, _status: page(request, obj, form) if form.errors else redirect(back))


def _export(columns, rows, title):
    return excel.export_response(columns, rows, title=title, filename=f"{title}-{deadlines.today():%Y%m%d}.xlsx")


def _ledger(title: str, **spec) -> imports.Ledger:
    """A 台账 import of this module (``core.imports``): 经办人 or 负责人 of the acting unit."""
    return imports.Ledger(title=title, permission=lambda user, org: perm.can_register(user),
                          denied="只有经办人或负责人可以导入台账。", **spec)


SESSION_IMPORT = _ledger(
    "学法台账", columns=ledgers.ATTENDANCE_COLUMNS, check=ledgers.check_attendance, save=actions.save_attendance,
    template_url="training:session_template", list_url="training:session_list", noun="条学法记录",
    notes=("一行是一人参加一次学法：同一日期、形式和主题的各行归为一次学法活动，没有登记过的人员自动加入学法人员名册。",))
ACTIVITY_IMPORT = _ledger(
    "普法活动台账", columns=ledgers.ACTIVITY_COLUMNS, check=ledgers.check_activities, save=actions.save_activities,
    template_url="training:activity_template", list_url="training:activity_list", noun="场普法活动",
    notes=("每行一场已开展的普法活动；同一天同一主题的活动不能重复导入。",))


def _import_org(request):
    """The unit a ledger goes to: the acting unit, or one in the user's scope named by ``?org=`` (404 outside it)."""
    chosen = request.GET.get("org", "")
    if chosen:
        return get_visible_or_404(Org, request.user, pk=int(chosen) if chosen.isdigit() else 0)
    return _org(request)


def _unit_ledger(title: str, denied: str = "只有本单位（或上级单位）的经办人或负责人可以导入台账。",
                 **spec) -> imports.Ledger:
    """A 台账 import into the acting unit or one in the user's scope (``?org=``, 404 outside it), by its 经办人 or
    负责人 (or those of a unit above it)."""
    return imports.Ledger(title=title, org=_import_org, denied=denied,
                          permission=lambda user, org: has_role_over(user, org, *perm.HANDLING_ROLES), **spec)


EXAM_IMPORT = _unit_ledger(
    "学法考试成绩台账", columns=ledgers.EXAM_COLUMNS, check=ledgers.check_exam_results,
    save=actions.save_exam_results, denied="只有本单位（或上级单位）的经办人或负责人可以导入考试成绩。",
    template_url="training:exam_template", list_url="training:exam_list", list_label="学法考试", noun="条考试成绩",
    notes=("一行是一人一次考试的成绩：同一考试日期、类别和名称的各行归为一次考试。本单位已安排、尚未登记成绩的考试直接登记成绩；"
           "没有安排过的，新建为已登记成绩的考试。",
           "“姓名”须是本单位学法人员名册中的人员；名册中有同名人员（如“张伟（综治办）”）时，写完整姓名或填写职务加以区分。",
           "“是否合格”可不填；填写的须与成绩和合格分一致。缺考的不计入合格率。"))
LIAISON_IMPORT = _ledger(
    "法律明白人名册", columns=ledgers.LIAISON_COLUMNS, check=ledgers.check_liaisons, save=actions.save_liaisons,
    template_url="training:liaison_template", list_url="training:liaison_list", noun="名法律明白人、法治带头人",
    notes=("“村（社区）”一列须写本单位下的村或社区名称。",))


DUTY_IMPORT = _unit_ledger(
    "谁执法谁普法责任清单", columns=ledgers.DUTY_COLUMNS, check=ledgers.check_duties, save=actions.save_duties,
    template_url="training:duty_template", list_url="training:duty_list", noun="项责任清单事项",
    notes=("每行一项：同一年度、责任部门和重点普及的法律法规的事项不能重复导入。“状态”不填为有效。",))
MEETING_IMPORT = _unit_ledger(
    "专题会议和述法台账", columns=ledgers.MEETING_COLUMNS, check=ledgers.check_meetings, save=actions.save_meetings,
    template_url="training:meeting_template", list_url="training:meeting_list", list_label="专题会议和述法",
    noun="条专题会议和述法记录",
    notes=("每行一次党委（党工委）、政府（办事处）专题研究法治建设的会议、法治建设领导小组会议或党政主要负责人述法，"
           "计入年度报告“第一责任人职责”部分。同一日期、类别和议题的记录不能重复导入。",))


# ---------------------------------------------------------------- 学法活动


@login_required
def session_list(request):
    qs = _filter(request, StudySession.objects.visible_to(request.user), date_field="held_on",
                 search=("title", "speaker", "content"))
    if request.GET.get("export") == "xlsx":
        rows = Attendance.objects.filter(session__in=qs).select_related("session", "cadre").order_by(
            "session__held_on", "session_id", "cadre__name")
        return _export(ledgers.ATTENDANCE_COLUMNS, (ledgers.attendance_row(a) for a in rows), "学法台账")
    qs = qs.select_related("org").annotate(people=Count("attendances")).order_by(
        Coalesce("held_on", "planned_on").desc(), "-pk")
    return _list(request, "training/session_list.html", qs, kind_choices=StudySession.Kind.choices,
                 status_choices=StudySession.Status.choices)


@login_required
def session_create(request):
    require(perm.can_register(request.user), DENIED)
    org = _org(request)
    form = SessionForm(request.POST or None, org=org)

    def record(data):
        data = dict(data)
        attendees = list(data.pop("attendees") or [])
        if data.get("held_on"):
            data.pop("planned_on")
            return actions.record_session(by=request.user, org=org, attendees=attendees, **data)
        data.pop("held_on")
        return actions.plan_session(by=request.user, org=org, **data)

    return _form_page(request, form, title="登记学法活动", back="training:session_list", back_label="学法活动",
                      intro="没有名单里的人员？请先在“学法人员”中添加。", button="登记",
                      save=(record, "已登记学法活动。", lambda session: session.get_absolute_url()))


def _session_page(request, session, hold_form=None):
    may_hold = perm.can_do(request.user, session, "hold")
    return render(request, "training/session_detail.html", {
        "session": session, "attendances": session.attendances.select_related("cadre").order_by("cadre__name"),
        "history": _history(session), "may_hold": may_hold, "may_cancel": perm.can_do(request.user, session, "cancel"),
        "hold_form": hold_form or HoldSessionForm(org=session.org, initial={"hours": session.hours}),
        "cancel_form": ReasonForm(),
    })


@login_required
def session_detail(request, pk):
    return _session_page(request, get_visible_or_404(StudySession, request.user, pk=pk))


@require_POST
@login_required
def session_hold(request, pk):
    return _step_view(request, StudySession, pk, lambda s: HoldSessionForm(request.POST, org=s.org),
                      actions.hold_session, "已登记举办和出勤。", _session_page)


@require_POST
@login_required
def session_cancel(request, pk):
    return _step_view(request, StudySession, pk, lambda s: ReasonForm(request.POST), actions.cancel_session,
                      "已取消。", lambda r, o, f: _session_page(r, o))


@login_required
def session_import(request):
    return imports.run(request, SESSION_IMPORT)


@login_required
def session_template(request):
    return excel.template_response(ledgers.ATTENDANCE_COLUMNS, title="学法台账", filename="学法台账-导入模板.xlsx")


# ---------------------------------------------------------------- 学时 and 名册


@login_required
def hours(request):
    """学时统计: each person's hours this year against the unit's target."""
    year = _year(request)
    period = _period(request) or (dt.date(year, 1, 1), dt.date(year, 12, 31))
    orgs = _scope_orgs(request)
    rows = indicators.hours_by_cadre(orgs, period)
    if request.GET.get("below") == "1":
        rows = [r for r in rows if not r["met"]]
    org = _org(request)
    target = indicators.target_for(org, period[1].year) if org else None
    can_set = org is not None and perm.can_register(request.user)
    return render(request, "training/hours.html", {
        "rows": rows, "year": period[1].year, "period": period, "target": target, "can_set": can_set,
        "target_form": TargetForm(instance=target) if can_set else None, "below": request.GET.get("below") == "1",
        "years": range(deadlines.today().year, deadlines.today().year - 6, -1), "org": org,
    })


@require_POST
@login_required
def set_target(request):
    require(perm.can_register(request.user), "只有经办人或负责人可以设定学法目标。")
    org, year = _org(request), _year(request)
    form = TargetForm(request.POST)
    if form.is_valid():
        actions.set_target(by=request.user, org=org, year=year, **form.cleaned_data)
        messages.success(request, f"已设定{year}年学法目标。")
    else:
        messages.error(request, "学法目标填写有误：" + "；".join(e for errs in form.errors.values() for e in errs))
    return redirect(reverse("training:hours") + f"?year={year}")


@login_required
def cadre_list(request):
    qs = _filter(request, Cadre.objects.visible_to(request.user), date_field=None, search=("name", "position"),
                 keys=("category",)).select_related("org").order_by("org__path", "category", "name")
    if request.GET.get("all") != "1":
        qs = qs.filter(active=True)
    return _list(request, "training/cadre_list.html", qs)


@login_required
def cadre_edit(request, pk=None):
    cadre = get_visible_or_404(Cadre, request.user, pk=pk) if pk else None
    require(perm.can_handle(request.user, cadre) if cadre else perm.can_register(request.user), DENIED)
    form = CadreForm(request.POST or None, instance=cadre)
    if cadre:
        save = (lambda d: actions.update_cadre(cadre, by=request.user, **d), "已保存。", "training:cadre_list")
    else:
        save = (lambda d: actions.add_cadre(by=request.user, org=_org(request), **d), "已加入学法人员名册。",
                "training:cadre_list")
    return _form_page(request, form, title=f"修改：{cadre.name}" if cadre else "添加学法人员",
                      back="training:cadre_list", back_label="学法人员", save=save)


# ---------------------------------------------------------------- 学法考试


@login_required
def exam_list(request):
    qs = _filter(request, LawExam.objects.visible_to(request.user), date_field="held_on", search=("title",))
    if request.GET.get("export") == "xlsx":
        rows = ExamResult.objects.filter(exam__in=qs).select_related("exam", "cadre").order_by(
            "exam__held_on", "exam_id", "cadre__name")
        return _export(ledgers.EXAM_COLUMNS, (ledgers.exam_result_row(r) for r in rows.iterator()), "学法考试成绩台账")
    qs = qs.select_related("org").annotate(
        enrolled=Count("results"), sat=Count("results", filter=Q(results__absent=False)),
        passed=Count("results", filter=Q(results__absent=False, results__score__gte=F("pass_score")))
    ).order_by("-held_on", "-pk")
    return _list(request, "training/exam_list.html", qs, kind_choices=LawExam.Kind.choices,
                 status_choices=LawExam.Status.choices)


@login_required
def exam_create(request):
    require(perm.can_register(request.user), DENIED)
    form = ExamForm(request.POST or None)
    return _form_page(request, form, title="登记学法考试", back="training:exam_list", back_label="学法考试",
                      save=(lambda d: actions.schedule_exam(by=request.user, org=_org(request), **d),
                            "已登记考试，请登记成绩。", lambda exam: exam.get_absolute_url()))


@login_required
def exam_import(request):
    return imports.run(request, EXAM_IMPORT)


@login_required
def exam_template(request):
    return excel.template_response(ledgers.EXAM_COLUMNS, title="学法考试成绩台账", filename="学法考试成绩台账-导入模板.xlsx")


def _exam_page(request, exam, form=None):
    may = perm.can_do(request.user, exam, "record_scores")
    results = list(exam.results.select_related("cadre").order_by("cadre__name"))
    sat = [r for r in results if not r.absent]
    return render(request, "training/exam_detail.html", {
        "exam": exam, "results": results, "history": _history(exam), "may_score": may,
        "score_form": form or (ScoresForm(exam=exam) if may else None),
        "sat": len(sat), "passed": sum(1 for r in sat if r.passed),
        "pass_rate": indicators.rate(sum(1 for r in sat if r.passed), len(sat)),
    })


@login_required
def exam_detail(request, pk):
    return _exam_page(request, get_visible_or_404(LawExam, request.user, pk=pk))


@require_POST
@login_required
def exam_scores(request, pk):
    def record(exam, *, by, scores, **_fields):
        return actions.record_scores(exam, by=by, scores=scores)

    return _step_view(request, LawExam, pk, lambda e: ScoresForm(request.POST, exam=e), record, "已登记成绩。",
                      _exam_page)


# ---------------------------------------------------------------- 专题会议 / 述法


@login_required
def meeting_list(request):
    qs = _filter(request, LeadershipMeeting.objects.visible_to(request.user), date_field="held_on",
                 search=("topics", "decisions", "chaired_by"), keys=("kind",)).select_related("org")
    if request.GET.get("export") == "xlsx":
        return _export(ledgers.MEETING_COLUMNS, (ledgers.meeting_row(m) for m in qs.order_by("held_on", "pk").iterator()),
                       "专题会议和述法台账")
    return _list(request, "training/meeting_list.html", qs, kind_choices=LeadershipMeeting.Kind.choices)


@login_required
def meeting_import(request):
    return imports.run(request, MEETING_IMPORT)


@login_required
def meeting_template(request):
    return excel.template_response(ledgers.MEETING_COLUMNS, title="专题会议和述法台账",
                                   filename="专题会议和述法台账-导入模板.xlsx")


@login_required
def meeting_edit(request, pk=None):
    meeting = get_visible_or_404(LeadershipMeeting, request.user, pk=pk) if pk else None
    require(perm.can_handle(request.user, meeting) if meeting else perm.can_register(request.user), DENIED)
    form = MeetingForm(request.POST or None, instance=meeting)
    if meeting:
        call = lambda d: actions.update_meeting(meeting, by=request.user, **d)  # noqa: E731
    else:
        call = lambda d: actions.record_meeting(by=request.user, org=_org(request), **d)  # noqa: E731
    return _form_page(request, form, title="更正会议记录" if meeting else "登记法治建设专题会议或述法",
                      back="training:meeting_list",
                      back_label="专题会议和述法",
                      intro="党政主要负责人主持研究法治建设的会议和年终述法，计入年度报告“第一责任人职责”部分。",
                      save=(call, "已保存。", "training:meeting_list"))


# ---------------------------------------------------------------- 谁执法谁普法 责任清单


@login_required
def duty_list(request):
    year = _year(request)
    qs = DutyItem.objects.visible_to(request.user).filter(year=year).select_related("org")
    if request.GET.get("all") != "1":
        qs = qs.filter(active=True)
    if request.GET.get("export") == "xlsx":
        return _export(ledgers.DUTY_COLUMNS, (ledgers.duty_row(d) for d in qs.order_by("org__path", "department", "pk")),
                       f"{year}年谁执法谁普法责任清单")
    held = {}
    for row in (OutreachActivity.objects.visible_to(request.user)
                .filter(status=OutreachActivity.Status.HELD, held_on__year=year)
                .values("org_id", "department").annotate(n=Count("pk"), people=Sum("audience"))):
        held[(row["org_id"], row["department"])] = row
    items = [(item, held.get((item.org_id, item.department))) for item in qs]
    return render(request, "training/duty_list.html", {
        "items": items, "year": year, "show_all": request.GET.get("all") == "1", "years": range(deadlines.today().year + 1, deadlines.today().year - 5, -1),
        "can_register": perm.can_register(request.user)})


@login_required
def duty_edit(request, pk=None):
    item = get_visible_or_404(DutyItem, request.user, pk=pk) if pk else None
    require(perm.can_handle(request.user, item) if item else perm.can_register(request.user), DENIED)
    form = DutyForm(request.POST or None, instance=item, initial=None if item else {"year": deadlines.today().year})
    if item:
        save = (lambda d: actions.update_duty(item, by=request.user, **d), "已保存。", "training:duty_list")
    else:
        save = (lambda d: actions.add_duty(by=request.user, org=_org(request), **d), "已列入责任清单。",
                "training:duty_list")
    return _form_page(request, form, title="修改责任清单事项" if item else "添加责任清单事项", back="training:duty_list",
                      back_label="谁执法谁普法责任清单", save=save)


@login_required
def duty_import(request):
    return imports.run(request, DUTY_IMPORT)


@login_required
def duty_template(request):
    return excel.template_response(ledgers.DUTY_COLUMNS, title="谁执法谁普法责任清单",
                                   filename="谁执法谁普法责任清单-导入模板.xlsx")


# ---------------------------------------------------------------- 普法活动


@login_required
def activity_list(request):
    qs = _filter(request, OutreachActivity.objects.visible_to(request.user), date_field="held_on",
                 search=("theme", "place", "department"), keys=("form", "venue", "status")).select_related("org").order_by(
        Coalesce("held_on", "planned_on").desc(), "-pk")
    if request.GET.get("export") == "xlsx":
        qs = qs.filter(status=OutreachActivity.Status.HELD).order_by("held_on", "pk")
        return _export(ledgers.ACTIVITY_COLUMNS, (ledgers.activity_row(a) for a in qs.iterator()), "普法活动台账")
    totals = qs.filter(status=OutreachActivity.Status.HELD).aggregate(
        n=Count("pk"), audience=Sum("audience"), materials=Sum("materials"), consultations=Sum("consultations"))
    return _list(request, "training/activity_list.html", qs, totals=totals,
                 form_choices=OutreachActivity.Form.choices, status_choices=OutreachActivity.Status.choices)


@login_required
def activity_create(request):
    require(perm.can_register(request.user), DENIED)
    org = _org(request)
    form = ActivityForm(request.POST or None)

    def record(data):
        data = dict(data)
        if data.get("held_on"):
            data.pop("planned_on")
            return actions.record_activity(by=request.user, org=org, **data)
        data.pop("held_on")
        return actions.plan_activity(by=request.user, org=org, **data)

    return _form_page(request, form, title="登记普法活动", back="training:activity_list", back_label="普法活动",
                      intro="已开展的填开展日期和受众、资料、咨询数；尚未开展的只填计划日期，开展后再登记。",
                      save=(record, "已登记普法活动。", lambda a: a.get_absolute_url()))


@login_required
def activity_correct(request, pk):
    activity = get_visible_or_404(OutreachActivity, request.user, pk=pk)
    require(perm.can_handle(request.user, activity), DENIED)
    form = ActivityCorrectForm(request.POST or None, instance=activity)
    return _form_page(request, form, title=f"更正：{activity.theme}", back="training:activity_list",
                      back_label="普法活动", intro="更正的内容记入活动记录。",
                      save=(lambda d: actions.update_activity(activity, by=request.user, **d), "已更正。",
                            lambda a: a.get_absolute_url()))


def _activity_page(request, activity, hold_form=None):
    return render(request, "training/activity_detail.html", {
        "a": activity, "history": _history(activity),
        "may_hold": perm.can_do(request.user, activity, "hold"), "may_correct": perm.can_handle(request.user, activity),
        "may_cancel": perm.can_do(request.user, activity, "cancel"),
        "hold_form": hold_form or HoldActivityForm(initial={"place": activity.place}), "cancel_form": ReasonForm(),
        "source": getattr(activity, "request", None),
    })


@login_required
def activity_detail(request, pk):
    return _activity_page(request, get_visible_or_404(OutreachActivity, request.user, pk=pk))


@require_POST
@login_required
def activity_hold(request, pk):
    return _step_view(request, OutreachActivity, pk, lambda a: HoldActivityForm(request.POST), actions.hold_activity,
                      "已登记开展情况。", _activity_page)


@require_POST
@login_required
def activity_cancel(request, pk):
    return _step_view(request, OutreachActivity, pk, lambda a: ReasonForm(request.POST), actions.cancel_activity,
                      "已取消。", lambda r, o, f: _activity_page(r, o))


@login_required
def activity_import(request):
    return imports.run(request, ACTIVITY_IMPORT)


@login_required
def activity_template(request):
    return excel.template_response(ledgers.ACTIVITY_COLUMNS, title="普法活动台账", filename="普法活动台账-导入模板.xlsx")


# ---------------------------------------------------------------- 法律明白人


@login_required
def liaison_list(request):
    qs = _filter(request, LegalLiaison.objects.visible_to(request.user), date_field=None,
                 search=("name", "identity", "org__name"), keys=("kind", "status")).select_related("org")
    if not request.GET.get("status"):
        qs = qs.filter(status=LegalLiaison.Status.ACTIVE)
    if request.GET.get("export") == "xlsx":
        return _export(ledgers.LIAISON_COLUMNS, (ledgers.liaison_row(x) for x in qs.order_by("org__path", "pk")),
                       "法律明白人名册")
    counts = dict(LegalLiaison.objects.visible_to(request.user).filter(status=LegalLiaison.Status.ACTIVE)
                  .values_list("org").annotate(n=Count("pk")).values_list("org", "n"))
    places = [(place, counts.get(place.pk, 0)) for place in indicators.villages(_scope_orgs(request)).order_by("path")]
    return _list(request, "training/liaison_list.html", qs, kind_choices=LegalLiaison.Kind.choices,
                 status_choices=LegalLiaison.Status.choices, places=places)


@login_required
def liaison_create(request):
    require(perm.can_register(request.user), DENIED)
    org = _org(request)
    form = LiaisonForm(request.POST or None, org=org)

    def enrol(data):
        data = dict(data)
        return actions.enrol_liaison(by=request.user, org=data.pop("village"), **data)

    return _form_page(request, form, title="登记法律明白人（法治带头人）", back="training:liaison_list",
                      back_label="法律明白人", save=(enrol, "已登记。", "training:liaison_list"))


@require_POST
@login_required
def liaison_retire(request, pk):
    liaison = get_visible_or_404(LegalLiaison, request.user, pk=pk)
    require(perm.can_handle(request.user, liaison), DENIED)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写退出原因。")
    else:
        try:
            actions.retire_liaison(liaison, by=request.user, reason=form.cleaned_data["reason"])
        except InvalidTransition as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{liaison.name}已退出名册。")
    return redirect("training:liaison_list")


@login_required
def liaison_import(request):
    return imports.run(request, LIAISON_IMPORT)


@login_required
def liaison_template(request):
    return excel.template_response(ledgers.LIAISON_COLUMNS, title="法律明白人名册", filename="法律明白人名册-导入模板.xlsx")


# ---------------------------------------------------------------- 菜单式普法


@login_required
def topic_list(request):
    qs = (OutreachTopic.objects.visible_to(request.user).select_related("org").annotate(n=Count("requests"))
          .order_by("org__path", "pk"))
    return _list(request, "training/topic_list.html", qs)


@login_required
def topic_edit(request, pk=None):
    topic = get_visible_or_404(OutreachTopic, request.user, pk=pk) if pk else None
    require(perm.can_handle(request.user, topic) if topic else perm.can_register(request.user), DENIED)
    form = TopicForm(request.POST or None, instance=topic)
    if topic:
        save = (lambda d: actions.update_topic(topic, by=request.user, **d), "已保存。", "training:topic_list")
    else:
        save = (lambda d: actions.add_topic(by=request.user, org=_org(request), **d), "已放上普法菜单。",
                "training:topic_list")
    return _form_page(request, form, title="修改普法菜单主题" if topic else "添加普法菜单主题",
                      back="training:topic_list", back_label="普法菜单", intro="菜单上的主题在门户“菜单式普法”栏目公开，群众可以点单。",
                      save=save)


@login_required
def request_list(request):
    qs = _filter(request, OutreachRequest.objects.visible_to(request.user), date_field="submitted_at__date",
                 search=("code", "requester", "organisation", "topic__title"), keys=("status",))
    if request.GET.get("export") == "xlsx":
        rows = qs.select_related("org", "topic").order_by("submitted_at", "pk")
        return _export(ledgers.REQUEST_COLUMNS, (ledgers.request_row(r) for r in rows.iterator()), "菜单式普法点单")
    return _list(request, "training/request_list.html", qs.select_related("org", "topic"),
                 status_choices=OutreachRequest.Status.choices)


def _request_page(request, req, bound=None):
    bound = bound or {}
    user = request.user
    return render(request, "training/request_detail.html", {
        "r": req, "history": _history(req),
        "may": {a: perm.can_do(user, req, a) for a in ("accept", "deliver", "decline")},
        "accept_form": bound.get("accept") or AcceptForm(initial={"accepted_on": deadlines.today(),
                                                                  "assignee": req.topic.department}),
        "deliver_form": bound.get("deliver") or DeliverForm(initial={"place": req.place}),
        "decline_form": bound.get("decline") or ReasonForm(),
        "open_form": next(iter(bound), ""),
    })


@login_required
def request_detail(request, pk):
    return _request_page(request, get_visible_or_404(OutreachRequest, request.user, pk=pk))


def _request_step(request, pk, key, form_class, action, done):
    return _step_view(request, OutreachRequest, pk, lambda r: form_class(request.POST), action, done,
                      lambda r, o, f: _request_page(r, o, {key: f}))


@require_POST
@login_required
def request_accept(request, pk):
    return _request_step(request, pk, "accept", AcceptForm, actions.accept_request, "已受理。")


@require_POST
@login_required
def request_deliver(request, pk):
    return _request_step(request, pk, "deliver", DeliverForm, actions.deliver_request, "已登记送法上门，并计入普法活动。")


@require_POST
@login_required
def request_decline(request, pk):
    return _request_step(request, pk, "decline", ReasonForm, actions.decline_request, "已答复不予安排。")


# ---------------------------------------------------------------- 统计


@login_required
def figures(request):
    """学法普法统计 for the user's units (or the chosen ones), each figure linking to its records."""
    year = _year(request)
    orgs = _scope_orgs(request)
    period = (dt.date(year, 1, 1), dt.date(year, 12, 31))
    report = sections(orgs, period)
    return render(request, "training/figures.html", {
        "figure_groups": [("学法", indicators.study_figures(orgs, period)), ("普法", indicators.outreach_figures(orgs, period))],
        "units": _units(request.user),
        "year": year, "years": range(deadlines.today().year, deadlines.today().year - 6, -1), "orgs": orgs,
        "measures": report["measures"], "first_responsible": report["first_responsible"],
    })
