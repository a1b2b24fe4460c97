"""Portal: 决策预公开 — the published catalogues, drafts open for comment (no account needed),
the 采纳情况 published before each decision, and the decisions themselves.

Only what the unit has made public is shown; comment senders appear by surname at most,
their contact details never.
"""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from yifa.core import antispam, deadlines

from . import actions
from .forms import PublicCommentForm
from .models import Decision, DecisionCatalogue, DecisionStep, PublicComment

PUBLISHED = DecisionCatalogue.Status.PUBLISHED


def _public_decisions():
    return (Decision.objects.exclude(status=Decision.Status.WITHDRAWN)
            .filter(Q(catalogue__status=PUBLISHED) | Q(comment_opens_on__isnull=False) | Q(published_on__isnull=False))
            .select_related("org", "catalogue"))


@require_GET
def index(request):
    today = deadlines.today()
    query = request.GET.get("q", "").strip()[:50]
    decisions = _public_decisions()
    if query:
        decisions = decisions.filter(Q(title__icontains=query) | Q(org__name__icontains=query))
    open_now = [(d, (d.comment_closes_on - today).days) for d in decisions.filter(
        comment_opens_on__lte=today, comment_closes_on__gte=today, status__in=Decision.IN_PROCEDURE
    ).order_by("comment_closes_on")]
    adoption = decisions.filter(adoption_published_on__isnull=False).order_by("-adoption_published_on")[:20]
    published = decisions.filter(published_on__isnull=False).order_by("-published_on")[:20]
    catalogues = (DecisionCatalogue.objects.filter(status=PUBLISHED).select_related("org")
                  .order_by("-year", "org__path"))
    if query:
        catalogues = catalogues.filter(Q(org__name__icontains=query) | Q(title__icontains=query))
    return render(request, "decisions/public_index.html", {
        "open_now": open_now, "adoption": adoption, "published": published, "catalogues": catalogues[:30],
        "query": query, "today": today,
    })


@require_GET
def catalogue(request, pk):
    item = DecisionCatalogue.objects.select_related("org").filter(pk=pk, status=PUBLISHED).first()
    if item is None:
        raise Http404("目录不存在或尚未公布。")
    decisions = item.decisions.exclude(status=Decision.Status.WITHDRAWN).order_by("pk").prefetch_related("steps")
    return render(request, "decisions/public_catalogue.html", {"catalogue": item, "decisions": decisions})


def _public(pk) -> Decision:
    decision = _public_decisions().filter(pk=pk).first()
    if decision is None:
        raise Http404("该决策事项不存在或尚未公开。")
    return decision


def _decision_page(request, decision, form=None, status=200):
    today = deadlines.today()
    steps = sorted(DecisionStep.objects.filter(decision=decision), key=lambda s: DecisionStep.ORDER.index(s.kind))
    is_open = decision.comment_is_open(today)
    show_comments = bool(decision.adoption_published_on)
    return render(request, "decisions/public_decision.html", {
        "decision": decision, "steps": steps, "today": today, "comment_open": is_open,
        "form": form or (PublicCommentForm() if is_open else None),
        "comment_count": decision.comments.count(),
        "comments": decision.comments.order_by("submitted_at", "pk") if show_comments else [],
        "counts": actions.comment_counts(decision) if show_comments else None,
        "meeting": decision.meetings.exclude(outcome="deferred").last() if decision.published_on else None,
    }, status=status)


@require_GET
def decision(request, pk):
    return _decision_page(request, _public(pk))


@require_POST
def comment(request, pk):
    """提交意见: no account; honeypot, time-to-submit and a per-address limit keep scripts out."""
    decision = _public(pk)
    return antispam.receive(
        request, PublicCommentForm(request.POST), submissions=PublicComment.objects.all(),
        submit=lambda data, address: actions.submit_comment(decision, body=data["body"], name=data["name"],
                                                           contact=data["contact"], address_hash=address),
        rerender=lambda form, status: _decision_page(request, decision, form, status=status),
        success="您的意见已提交，感谢您的参与。意见的采纳情况将在决策作出前在本页公布。",
        then=reverse("decisions:public_decision", args=[decision.pk]))
