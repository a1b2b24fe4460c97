"""The public face of 政府信息公开: 主动公开 by category, 依申请公开 online with a 查询码, and the
statistics of the yearly report. No login; no personal data shown.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from yifa.core import antispam, deadlines
from yifa.petitions.public_views import grassroots_units

from . import actions, indicators, report
from .forms import PublicRequestForm
from .models import InfoRequest, ProactiveDisclosure

R, PUB = InfoRequest, ProactiveDisclosure


def public_publications():
    return ProactiveDisclosure.objects.filter(status=PUB.Status.PUBLISHED).select_related("org")


def index(request):
    """主动公开目录: by unit and category, newest first."""
    qs = public_publications()
    units = grassroots_units()
    org = None
    if request.GET.get("org", "").isdigit():
        org = get_object_or_404(units, pk=int(request.GET["org"]))
        qs = qs.filter(org__path__startswith=org.path)
    category = request.GET.get("category", "")
    counts = {row["category"]: row["n"] for row in qs.values("category").annotate(n=Count("pk"))}
    categories = [(value, label, counts.get(value, 0)) for value, label in PUB.Category.choices if counts.get(value)]
    if category in PUB.Category.values:
        qs = qs.filter(category=category)
    q = request.GET.get("q", "").strip()[:50]
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(document_number__icontains=q))
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(request, "disclosure/public_index.html", {
        "page": page, "units": units, "org": org, "category": category, "categories": categories, "q": q,
        "category_label": PUB.Category(category).label if category in PUB.Category.values else "",
    })


def publication(request, pk):
    pub = get_object_or_404(public_publications(), pk=pk)
    return render(request, "disclosure/public_publication.html", {"p": pub})


def apply(request):
    """依申请公开 online (第二十九条). The day of receipt is the day staff confirm it (第三十一条)."""
    form = PublicRequestForm(request.POST or None, orgs=grassroots_units())
    if request.method == "POST" and form.is_valid():
        address = antispam.address_hash(request)
        if antispam.is_robot(form):
            return redirect("portal:home")
        if antispam.over_limit(InfoRequest.objects.all(), address, field="source_hash", at_field="created_at"):
            form.add_error(None, antispam.TOO_MANY)
        else:
            try:
                req = actions.submit_online(**form.public_data(), source_hash=address)
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                request.session["disclosure_code"] = req.tracking_code
                return redirect("disclosure:public_done", req.tracking_code)
    return render(request, "disclosure/public_apply.html", {"form": form})


def done(request, code):
    if request.session.get("disclosure_code") != code:
        raise Http404
    req = InfoRequest.objects.select_related("org").filter(tracking_code=code).first()
    if req is None:
        raise Http404
    return render(request, "disclosure/public_done.html", {"code": code, "org": req.org})


def annual(request):
    """年度报告统计 of one unit, as published (the national tables; no personal data)."""
    units = grassroots_units()
    today = deadlines.today()
    try:
        year = int(request.GET.get("year") or today.year - 1)
    except ValueError:
        year = today.year - 1
    org = None
    if request.GET.get("org", "").isdigit():
        org = get_object_or_404(units, pk=int(request.GET["org"]))
    context = {"units": units, "org": org, "year": year, "years": range(today.year, today.year - 6, -1)}
    if org is not None:
        period = (dt.date(year, 1, 1), dt.date(year, 12, 31))
        pubs = ProactiveDisclosure.objects.filter(org__path__startswith=org.path)
        reqs = InfoRequest.objects.filter(org__path__startswith=org.path)
        context.update(t2=indicators.table_two(pubs, period), t3=indicators.table_three(reqs, period),
                       t4=indicators.table_four(reqs, period), summary=indicators.publication_summary(pubs, period),
                       sentences=report.sentences_for(pubs, reqs, period), applicant_types=R.ApplicantType.choices,
                       public=True)
    return render(request, "disclosure/public_annual.html", context)


def track(code: str) -> dict | None:
    """进度查询: status and dated steps, no personal data, no content of the request."""
    req = InfoRequest.objects.select_related("org").filter(tracking_code=code).first()
    if req is None:
        return None
    steps = [(req.created_at.date() if req.source == R.Source.ONLINE else req.received_on,
              f"{req.org.name}收到您的政府信息公开申请。")]
    if req.status == R.Status.VOIDED:
        steps.append((req.updated_at.date(), "经核实为无效提交，未作为政府信息公开申请办理。"))
    if req.number:
        steps.append((req.received_on, f"已登记，登记编号 {req.number}；答复期限自该日起算。"))
    if req.correction_notice_on:
        steps.append((req.correction_notice_on, "告知补正申请内容，答复期限自收到补正后的申请之日起计算。"))
    if req.correction_received_on:
        steps.append((req.correction_received_on, "收到补正后的申请。"))
    if req.consult_sent_on:
        steps.append((req.consult_sent_on, "书面征求第三方意见，所需时间不计入答复期限。"))
    if req.consult_answered_on:
        steps.append((req.consult_answered_on, "第三方意见已收到。"))
    if req.replied_on:
        text = f"已答复：{req.get_outcome_display()}" if req.status == R.Status.REPLIED else \
            f"已终止办理：{req.get_reason_display() if req.reason != R.Reason.OTHERWISE else '申请人撤回申请'}"
        steps.append((req.replied_on, text + "。"))
    status = req.get_status_display()
    if req.status == R.Status.REGISTERED and req.reply_due_on:
        due = req.reply_due_on
        status += f"（答复期限至{due.year}年{due.month}月{due.day}日）"
    return {"title": f"政府信息公开申请（{req.org.name}）", "status": status, "steps": steps}
