"""Portal: the 规范性文件 library — every published document with its current validity (有效 / 失效 /
已废止 / 已修改), searchable — and the drafts open for comment (no account needed)."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from yifa.core import antispam, deadlines
from yifa.core.models import Org

from . import actions
from .forms import PublicCommentForm
from .models import DocumentComment, NormativeDocument

S = NormativeDocument.Status
V = NormativeDocument.Validity


@require_GET
def library(request):
    today = deadlines.today()
    qs = NormativeDocument.objects.filter(status=S.PUBLISHED).select_related("org").order_by("-published_on", "-pk")
    query = request.GET.get("q", "").strip()[:50]
    if query:
        qs = qs.filter(Q(title__icontains=query) | Q(number__icontains=query) | Q(draft_text__icontains=query))
    validity = request.GET.get("validity", "")
    if validity == V.EXPIRED:
        qs = qs.filter(Q(validity=V.EXPIRED) | Q(validity__in=[V.VALID, V.AMENDED], expires_on__lt=today))
    elif validity in (V.VALID, V.AMENDED):
        qs = qs.filter(validity=validity, expires_on__gte=today)
    elif validity in V.values:
        qs = qs.filter(validity=validity)
    org_id = request.GET.get("org", "")
    if org_id.isdigit():
        qs = qs.filter(org_id=int(org_id))
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    for document in page:
        document.validity_now = document.current_validity(today)
    units = Org.objects.filter(pk__in=NormativeDocument.objects.filter(status=S.PUBLISHED).values("org_id"))
    drafts = NormativeDocument.objects.filter(status=S.COMMENTING, comment_opens_on__lte=today,
                                              comment_closes_on__gte=today).select_related("org")
    return render(request, "normative_docs/public_library.html", {
        "page": page, "query": query, "validity": validity, "validities": V.choices, "units": units,
        "org_id": org_id, "drafts": drafts, "today": today,
    })


def _public(pk) -> NormativeDocument:
    document = (NormativeDocument.objects.select_related("org")
                .filter(pk=pk).filter(Q(status=S.PUBLISHED) | Q(comment_opens_on__isnull=False))
                .exclude(status=S.WITHDRAWN).first())
    if document is None:
        raise Http404("该文件不存在或尚未公开。")
    return document


def _page(request, document, form=None, status=200):
    today = deadlines.today()
    is_open = document.comment_is_open(today)
    return render(request, "normative_docs/public_document.html", {
        "document": document, "today": today, "comment_open": is_open,
        "form": form or (PublicCommentForm() if is_open else None),
        "validity_now": document.current_validity(today) if document.status == S.PUBLISHED else "",
        "comment_count": document.comments.count(),
        "comments": document.comments.all() if document.comment_closed_on else [],
        "history": document.cleanup_items.select_related("cleanup").filter(cleanup__status="concluded"),
    }, status=status)


@require_GET
def document(request, pk):
    return _page(request, _public(pk))


@require_POST
def comment(request, pk):
    """提交意见 on a draft: no account; honeypot, time-to-submit and a per-address limit keep scripts out."""
    document = _public(pk)
    return antispam.receive(
        request, PublicCommentForm(request.POST), submissions=DocumentComment.objects.all(),
        submit=lambda data, address: actions.submit_comment(
            document, body=data["body"], name=data["name"], contact=data["contact"],
            is_business=data["is_business"], address_hash=address),
        rerender=lambda form, status: _page(request, document, form, status=status),
        success="您的意见已提交，感谢您的参与。意见采纳情况将在征求意见结束后在本页公布。",
        then=reverse("normative_docs:public_document", args=[document.pk]))
