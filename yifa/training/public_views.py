"""菜单式普法 on the public portal: the menu, the order form, the tracking code, the rating. No login, no
personal data shown back (the requester's name and phone are kept for the staff who arrange the visit)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from yifa.core.models import Org

from . import actions
from .forms import PublicRequestForm, RatingForm
from .models import OutreachRequest, OutreachTopic

SESSION_KEY = "pufa_code"


@require_GET
def menu(request):
    """普法菜单: topics offered by each 乡镇/街道, grouped by unit."""
    topics = OutreachTopic.objects.filter(active=True, org__is_active=True).select_related("org").order_by(
        "org__path", "pk")
    units: dict[Org, list] = {}
    for topic in topics:
        units.setdefault(topic.org, []).append(topic)
    return render(request, "training/public/menu.html", {"units": list(units.items())})


def order(request, pk):
    """点单: the request form for one topic."""
    topic = get_object_or_404(OutreachTopic, pk=pk, active=True, org__is_active=True)
    form = PublicRequestForm(request.POST or None, topic=topic)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "consent"}
        try:
            created = actions.submit_request(topic, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session[SESSION_KEY] = created.code
            return redirect("pufa:done")
    return render(request, "training/public/order.html", {"topic": topic, "form": form})


@require_GET
def done(request):
    code = request.session.get(SESSION_KEY)
    if not code:
        return redirect("pufa:menu")
    req = OutreachRequest.objects.select_related("topic", "org").get(code=code)
    return render(request, "training/public/done.html", {"code": code, "req": req})


def rate(request):
    """好差评: after the visit, the requester rates it with the tracking code."""
    code = (request.POST.get("code") or request.GET.get("code") or "").strip().upper()
    req = OutreachRequest.objects.filter(code=code).first() if code else None
    form = RatingForm(request.POST or None)
    error = ""
    if request.method == "POST":
        if req is None:
            error = "没有找到这个查询码对应的点单，请核对后重试。"
        elif form.is_valid():
            try:
                actions.rate_request(req, **form.cleaned_data)
            except ValidationError as problem:
                error = "；".join(problem.messages)
            else:
                messages.success(request, "感谢您的评价！")
                return redirect("pufa:menu")
    return render(request, "training/public/rate.html", {"code": code, "req": req, "form": form, "error": error})


def track(code: str) -> dict | None:
    """凭查询码查询 (portal tracking): the request's stage and dates, no personal data."""
    req = OutreachRequest.objects.filter(code=code).select_related("topic", "org").first()
    if req is None:
        return None
    steps = [(req.submitted_at.date(), f"提交点单：{req.topic.title}（{req.org.name}）")]
    if req.accepted_on:
        text = "已受理，正在安排"
        if req.scheduled_on:
            text += f"，预计{req.scheduled_on.year}年{req.scheduled_on.month}月{req.scheduled_on.day}日送法上门"
        steps.append((req.accepted_on, text))
    if req.status == OutreachRequest.Status.DELIVERED:
        steps.append((req.delivered_on, "已送法上门。欢迎在“菜单式普法”栏目凭查询码评价。"))
    if req.status == OutreachRequest.Status.DECLINED:
        steps.append((req.updated_at.date(), f"不予安排：{req.declined_reason}"))
    return {"title": f"菜单式普法：{req.topic.title}", "status": req.get_status_display(), "steps": steps}
