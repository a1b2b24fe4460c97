"""Pages for statutory time: a deadline and how it was computed, the holiday calendar, the rule table, 督办.

Each view: scope lookup (404) → permission (403) → one action → redirect with a Chinese message.
"""

import datetime as dt
from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from . import deadlines
from .forms_deadlines import (CalendarDayForm, CalendarYearForm, RuleForm, SupervisionAnswerForm,
                              SupervisionForm)
from .models import AuditEntry, Org
from .models.deadlines import CalendarDay, CalendarYear, Deadline, StatutoryRule, SupervisionNotice, Unit
from .scope import get_visible_or_404

AUDIT_LABELS = {
    "core.deadline_start": "起算", "core.deadline_pause": "暂停计时", "core.deadline_resume": "恢复计时",
    "core.deadline_extend": "延长期限", "core.deadline_complete": "办结", "core.deadline_cancel": "撤销期限",
    "core.deadline_recompute": "因节假日日历修改重新计算",
}
CALENDAR_ADMIN_ONLY = "只有最上级单位的管理员可以修改节假日日历和本地设定的期限规则。"


def _errors(form, error: ValidationError) -> None:
    form.add_error(None, error.messages)


def _require_calendar_admin(user) -> None:
    if not deadlines.can_manage_calendar(user):
        raise PermissionDenied(CALENDAR_ADMIN_ONLY)


# ---------------------------------------------------------------- deadlines


@login_required
def deadline_detail(request, pk):
    deadline = get_visible_or_404(Deadline.objects.select_related("rule", "org"), request.user, pk=pk)
    deadlines.annotate([deadline])
    history = list(AuditEntry.objects.filter(target_type="core.deadline", target_id=str(deadline.pk)).order_by("seq"))
    for entry in history:
        entry.label = AUDIT_LABELS.get(entry.action, entry.action)
    return render(request, "core/deadline_detail.html", {
        "d": deadline, "pauses": deadline.pauses.all(), "extension_rows": deadline.extension_rows.all(),
        "reminders": deadline.reminders.all(), "history": history,
        "supervisions": deadline.supervisions.select_related("issued_by_org"),
        "can_supervise": deadline.is_active and deadlines.can_supervise(request.user, deadline.org),
    })


@login_required
def deadline_list(request):
    """期限一览: running deadlines in the user's scope, most urgent first."""
    qs = deadlines.open_for(request.user)
    show = request.GET.get("show", "")
    today = deadlines.today()
    if show == "overdue":
        qs = qs.filter(status=Deadline.Status.OPEN, rule__kind=StatutoryRule.Kind.DEADLINE, due_on__lt=today)
    elif show == "soon":
        horizon = deadlines.due_date(today, deadlines.remind_workdays(), Unit.WORKDAY)
        qs = qs.filter(status=Deadline.Status.OPEN, due_on__gte=today, due_on__lte=horizon)
    elif show == "nodata":
        qs = qs.filter(no_calendar_data=True)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    deadlines.annotate(list(page.object_list))
    return render(request, "core/deadline_list.html", {"page": page, "show": show})


# ---------------------------------------------------------------- calendar


@login_required
def calendar_view(request, year=None):
    """节假日日历: the year's holidays and 调休上班日 as runs of days; every signed-in user may read it."""
    year = year or deadlines.today().year
    if not 1990 <= year <= 2100:
        raise Http404("年份超出范围。")
    days = list(CalendarDay.objects.filter(day__year=year))
    coverage = CalendarYear.objects.filter(year=year).select_related("entered_by").first()
    years = list(CalendarYear.objects.order_by("year").values_list("year", flat=True))
    return render(request, "core/calendar_year.html", {
        "year": year, "runs": _runs(days), "coverage": coverage,
        "first_year": years[0] if years else None, "last_year": years[-1] if years else None,
        "rest_count": sum(1 for d in days if not d.is_workday and d.day.weekday() < 5),
        "work_count": sum(1 for d in days if d.is_workday),
        "can_edit": deadlines.can_manage_calendar(request.user),
    })


def _runs(days: list[CalendarDay]) -> list[dict]:
    """Consecutive days of the same kind grouped: 10月1日至10月8日 放假 国庆节、中秋节 (8天)."""
    runs: list[dict] = []
    for day in sorted(days, key=lambda d: d.day):
        last = runs[-1] if runs else None
        if last and last["is_workday"] == day.is_workday and (day.day - last["last"]).days == 1:
            last["last"] = day.day
            last["count"] += 1
            if day.note not in last["notes"]:
                last["notes"].append(day.note)
        else:
            runs.append({"first": day.day, "last": day.day, "is_workday": day.is_workday, "count": 1,
                         "notes": [day.note]})
    for run in runs:
        run["note"] = "、".join(n for n in run["notes"] if n)
        run["first_label"] = deadlines.fmt(run["first"], True)
        run["last_label"] = deadlines.fmt(run["last"], True)
    return runs


@login_required
def calendar_day_edit(request):
    _require_calendar_admin(request.user)
    initial = {}
    raw = request.GET.get("day", "")
    if raw:
        try:
            day = dt.date.fromisoformat(raw)
            row = CalendarDay.objects.filter(day=day).first()
            initial = {"day": day, "kind": ("work" if row.is_workday else "rest") if row else "normal",
                       "note": row.note if row else ""}
        except ValueError:
            pass
    form = CalendarDayForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            changed = deadlines.set_calendar_day(by=request.user, day=data["day"], kind=data["kind"],
                                                 note=data.get("note", ""))
            tail = f"，{len(changed)}个期限已重新计算" if changed else ""
            messages.success(request, f"已保存{deadlines.fmt(data['day'], True)}{tail}。")
            return redirect("core:calendar_year", year=data["day"].year)
        except ValidationError as error:
            _errors(form, error)
    return render(request, "core/calendar_day_form.html", {"form": form})


@login_required
def calendar_year_enter(request):
    """录入全年放假安排 from the State Council notice."""
    _require_calendar_admin(request.user)
    initial = {"year": request.GET.get("year") or deadlines.today().year + 1}
    form = CalendarYearForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            changed = deadlines.enter_year(by=request.user, year=data["year"], notice=data["notice"],
                                           holidays=data["holiday_ranges"], makeup_days=data["makeups"])
            tail = f"，{len(changed)}个期限已重新计算" if changed else ""
            messages.success(request, f"已录入{data['year']}年放假安排：{len(data['holiday_ranges'])}个放假时段、"
                                      f"{len(data['makeups'])}个调休上班日{tail}。")
            return redirect("core:calendar_year", year=data["year"])
        except ValidationError as error:
            _errors(form, error)
    return render(request, "core/calendar_year_form.html", {"form": form})


# ---------------------------------------------------------------- rules


@login_required
def rule_list(request):
    """法定期限规则: every period with its article, for legal staff to review on one screen."""
    rules = list(StatutoryRule.objects.all())
    groups = defaultdict(list)
    for rule in rules:
        groups[rule.code.split(".")[0]].append(rule)
    order = ["mediation", "enforcement", "decisions", "normative", "petitions", "disclosure", "oversight", "reports",
             "supervision"]
    named = [(RULE_GROUPS.get(key, key), groups[key]) for key in order if key in groups]
    named += [(RULE_GROUPS.get(key, key), items) for key, items in groups.items() if key not in order]
    return render(request, "core/rule_list.html", {
        "rule_groups": named, "can_edit": deadlines.can_manage_calendar(request.user),
        "local_count": sum(1 for r in rules if r.is_local), "total": len(rules),
    })


RULE_GROUPS = {
    "mediation": "人民调解", "enforcement": "行政执法", "decisions": "重大行政决策", "normative": "行政规范性文件",
    "petitions": "信访", "disclosure": "政府信息公开", "oversight": "监督与应诉", "reports": "法治政府建设年度报告",
    "supervision": "督办",
}


@login_required
def rule_edit(request, pk):
    rule = StatutoryRule.objects.filter(pk=pk).first()
    if rule is None:
        raise Http404("没有这条规则。")
    _require_calendar_admin(request.user)
    if not deadlines.can_edit_rule(request.user, rule):
        raise PermissionDenied(f"“{rule.name}”依据{rule.basis}，已核实，不能在本地修改。")
    form = RuleForm(request.POST or None, instance=StatutoryRule.objects.get(pk=rule.pk))
    if request.method == "POST" and form.is_valid():
        values = {f: form.cleaned_data[f] for f in form.Meta.fields}
        try:
            deadlines.update_rule(rule, by=request.user, **values)
            messages.success(request, f"已保存“{rule.name}”。已在计时的期限仍按起算时的期间计算。")
            return redirect(reverse("core:rule_list") + f"#rule-{rule.pk}")
        except ValidationError as error:
            _errors(form, error)
    return render(request, "core/rule_form.html", {"form": form, "rule": rule})


# ---------------------------------------------------------------- 督办


@login_required
def supervision_board(request):
    """督办: overdue and due-soon deadlines per unit below the overseer, and the notices sent and received."""
    if not deadlines.can_view_supervision_board(request.user):
        raise PermissionDenied("只有督察和负责人可以查看督办。")
    today = deadlines.today()
    horizon = deadlines.due_date(today, deadlines.remind_workdays(), Unit.WORKDAY)
    items = list(deadlines.supervised_deadlines(request.user)
                 .filter(status=Deadline.Status.OPEN, rule__kind=StatutoryRule.Kind.DEADLINE, due_on__lte=horizon))
    deadlines.annotate(items)
    by_org = defaultdict(lambda: {"overdue": [], "soon": []})
    for d in items:
        by_org[d.org]["overdue" if d.due_on < today else "soon"].append(d)
    units = sorted(by_org.items(), key=lambda kv: (-len(kv[1]["overdue"]), kv[0].path))
    notices = (SupervisionNotice.objects.visible_to(request.user)
               .select_related("org", "issued_by_org", "issued_by").order_by("-issued_at")[:50])
    return render(request, "core/deadline_supervision.html", {
        "units": units, "notices": notices, "horizon": horizon,
        "overdue_total": sum(len(v["overdue"]) for _o, v in units),
        "soon_total": sum(len(v["soon"]) for _o, v in units),
    })


@login_required
def supervision_new(request, org_pk):
    org = get_visible_or_404(Org, request.user, pk=org_pk)
    if not deadlines.can_supervise(request.user, org):
        raise PermissionDenied("只有上级单位的督察或负责人可以督办。")
    today = deadlines.today()
    horizon = deadlines.due_date(today, deadlines.remind_workdays(), Unit.WORKDAY)
    qs = (Deadline.objects.filter(org__path__startswith=org.path, status__in=Deadline.ACTIVE, due_on__lte=horizon)
          .select_related("rule").order_by("due_on"))
    preselected = [int(x) for x in request.GET.getlist("d") if x.isdigit()]
    form = SupervisionForm(request.POST or None, deadline_qs=qs,
                           initial={"deadlines": preselected or [d.pk for d in qs if d.due_on < today]})
    if request.method == "POST" and form.is_valid():
        try:
            notice = deadlines.issue_supervision(org, by=request.user, message=form.cleaned_data["message"],
                                                 deadlines=form.cleaned_data["deadlines"])
            messages.success(request, f"已向{org.name}发出督办通知。")
            return redirect("core:supervision_detail", pk=notice.pk)
        except ValidationError as error:
            _errors(form, error)
    return render(request, "core/deadline_supervision_form.html", {"form": form, "org": org})


@login_required
def supervision_detail(request, pk):
    notice = get_visible_or_404(SupervisionNotice.objects.select_related("org", "issued_by", "issued_by_org",
                                                                         "answered_by"), request.user, pk=pk)
    items = list(notice.deadlines.select_related("rule"))
    deadlines.annotate(items)
    reply = deadlines.of(notice)
    return render(request, "core/deadline_supervision_detail.html", {
        "notice": notice, "items": items, "reply_deadlines": reply,
        "can_answer": deadlines.can_answer_supervision(request.user, notice),
        "form": SupervisionAnswerForm(),
    })


@require_POST
@login_required
def supervision_answer(request, pk):
    notice = get_visible_or_404(SupervisionNotice, request.user, pk=pk)
    if not deadlines.can_answer_supervision(request.user, notice):
        if notice.status != SupervisionNotice.Status.ISSUED:
            messages.error(request, "该督办已经答复。")
            return redirect("core:supervision_detail", pk=notice.pk)
        raise PermissionDenied("只有被督办单位的负责人或经办人可以答复督办。")
    form = SupervisionAnswerForm(request.POST)
    if form.is_valid():
        try:
            deadlines.answer_supervision(notice, by=request.user, answer=form.cleaned_data["answer"])
            messages.success(request, "已答复督办。")
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
    else:
        messages.error(request, "请填写答复内容。")
    return redirect("core:supervision_detail", pk=notice.pk)

