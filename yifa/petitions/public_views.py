"""网上信访 on the public portal: a resident writes to the 乡镇/街道 and tracks the matter by its 查询码.

No login; nothing personal is shown back (the tracking page shows dates and steps only).
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from yifa.core.models import Org

from yifa.core import antispam

from . import actions
from .forms import PublicPetitionForm
from .models import Petition


def grassroots_units():
    return Org.objects.filter(kind__in=Org.GRASSROOTS, is_active=True).order_by("path")


def petition_form(request):
    form = PublicPetitionForm(request.POST or None, orgs=grassroots_units())
    if request.method == "POST" and form.is_valid():
        address = antispam.address_hash(request)
        if antispam.is_robot(form):
            return redirect("portal:home")
        if antispam.over_limit(Petition.objects.all(), address, field="source_hash", at_field="created_at"):
            form.add_error(None, antispam.TOO_MANY)
        else:
            try:
                petition = actions.submit_online(**form.public_data(), source_hash=address)
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                request.session["petition_code"] = petition.tracking_code
                return redirect("petitions:public_done", petition.tracking_code)
    return render(request, "petitions/public_form.html", {"form": form})


def petition_done(request, code):
    """The 查询码, shown once to the person who just submitted (kept in their session only)."""
    if request.session.get("petition_code") != code:
        raise Http404
    petition = Petition.objects.select_related("org").filter(tracking_code=code).first()
    if petition is None:
        raise Http404
    return render(request, "petitions/public_done.html", {"code": code, "org": petition.org})


def track(code: str) -> dict | None:
    """进度查询 for the portal: status and dated steps, no personal data."""
    petition = Petition.objects.select_related("org").filter(tracking_code=code).first()
    if petition is None:
        return None
    P = Petition
    steps = [(petition.received_on, f"{petition.org.name}收到您的网上信访。")]
    if petition.status == P.Status.DISCARDED:
        steps.append((petition.updated_at.date(), f"不予登记：{petition.closing_note}"))
    if petition.number:
        steps.append((petition.received_on, f"已登记，信访编号 {petition.number}。"))
    if petition.notified_on:
        outcome = {P.Status.NOT_ACCEPTED: "告知不予受理", P.Status.TRANSFERRED: f"已转送{petition.transferred_to}",
                   P.Status.MEDIATION: "转人民调解"}.get(petition.status, "告知受理")
        steps.append((petition.notified_on, outcome + "。"))
    if petition.replied_on:
        steps.append((petition.replied_on, f"出具处理意见书（{petition.get_opinion_display()}），办结。"))
    if petition.review_requested_on:
        steps.append((petition.review_requested_on, "申请复查。"))
    if petition.review_decided_on:
        steps.append((petition.review_decided_on, f"复查意见：{petition.get_review_result_display()}。"))
    if petition.recheck_requested_on:
        steps.append((petition.recheck_requested_on, "申请复核。"))
    if petition.recheck_decided_on:
        steps.append((petition.recheck_decided_on, f"复核意见：{petition.get_recheck_result_display()}。"))
    return {"title": f"网上信访（{petition.org.name}）", "status": petition.get_status_display(), "steps": steps}
