"""The public side: apply for mediation online, follow it by 查询码, rate the service after 结案.

No login and no personal data: the tracking page shows dates and steps of the applicant's own case only,
never the other party, the mediators' phones or the case's contents.
"""

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from yifa.core import antispam
from yifa.core.security import client_ip
from yifa.core.workflow import InvalidTransition

from . import actions, timeline
from .forms import ApplicationForm, RatingForm
from .models import Channel, DisputeCase, DisputeType

SESSION_KEY = "mediation_tracking_code"
DAILY_LIMIT = 10  # online applications per address per day: enough for a family, not for a script


def home(request):
    return render(request, "mediation/public/home.html")


@never_cache
def apply(request):
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if antispam.is_robot(form):  # answer as if accepted, save nothing
            return redirect("mediation_public:applied")
        key = f"mediation-apply:{client_ip(request)}"
        if cache.get(key, 0) >= DAILY_LIMIT:
            form.add_error(None, "今天从您的网络提交的申请已较多，请明天再试，或直接到调委会现场申请。")
        else:
            d = form.cleaned_data
            try:
                case = actions.register_case(
                    by=None, org=d["org"], title=f"{d['name']}与{d['other_name']}{DisputeType(d['dispute_type']).label}"[:100],
                    dispute_type=d["dispute_type"], channel=Channel.ONLINE, description=d["description"],
                    claims=d["claims"], parties=form.parties(), with_tracking_code=True)
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                cache.set(key, cache.get(key, 0) + 1, 24 * 3600)
                request.session[SESSION_KEY] = case.tracking_code
                return redirect("mediation_public:applied")
    return render(request, "mediation/public/apply.html", {"form": form})


@never_cache
def applied(request):
    code = request.session.get(SESSION_KEY)
    case = DisputeCase.objects.filter(tracking_code=code).select_related("org").first() if code else None
    return render(request, "mediation/public/applied.html", {"code": code, "case": case})


@never_cache
def rate(request):
    code = (request.POST.get("code") or request.GET.get("code") or "").strip().upper()
    case = DisputeCase.objects.filter(tracking_code=code).first() if code and len(code) <= 16 else None
    form = RatingForm(request.POST or None)
    error = ""
    if code and case is None:
        error = "没有找到这个查询码对应的申请，请核对后重试。"
    elif case is not None and case.status != DisputeCase.Status.CLOSED:
        error = "这件申请还没有结案，结案后才能评价。"
    elif case is not None and case.rating:
        error = "这件申请已经评价过了，感谢您的反馈。"
    elif case is not None and request.method == "POST" and form.is_valid():
        try:
            actions.rate(case, rating=form.cleaned_data["rating"], comment=form.cleaned_data["comment"])
        except (ValidationError, InvalidTransition) as exc:
            error = "；".join(getattr(exc, "messages", [str(exc)]))
        else:
            messages.success(request, "评价已提交，感谢您对人民调解工作的支持！")
            return redirect(reverse("portal:track") + f"?code={code}")
    return render(request, "mediation/public/rate.html", {"code": code, "case": case, "form": form, "error": error})


PUBLIC_STATUS = {
    DisputeCase.Status.REGISTERED: "已收到申请，等待受理",
    DisputeCase.Status.ACCEPTED: "已受理，正在安排调解员",
    DisputeCase.Status.REJECTED: "不予受理",
    DisputeCase.Status.MEDIATING: "调解中",
    DisputeCase.Status.AGREED: "调解成功",
    DisputeCase.Status.FAILED: "调解不成",
    DisputeCase.Status.FOLLOWED_UP: "调解结束，已回访",
    DisputeCase.Status.CLOSED: "已结案",
}


def track(code: str) -> dict | None:
    """进度查询 for the portal: dates and steps only, nothing about the other party or the case contents."""
    case = (DisputeCase.objects.filter(tracking_code=code).select_related("org", "origin_org").first()
            if code.startswith("TJ") else None)
    if case is None:
        return None
    result = {"title": f"人民调解申请（{case.get_dispute_type_display()}）", "status": PUBLIC_STATUS[case.status],
              "steps": timeline.steps(case, public=True)}
    if case.status == DisputeCase.Status.CLOSED and not case.rating:
        result["link"] = ("评价本次调解服务", reverse("mediation_public:rate") + f"?code={case.tracking_code}")
    return result
