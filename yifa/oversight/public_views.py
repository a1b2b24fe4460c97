"""建议提案办理结果公开 on the portal: the handling of 代表建议 and 政协提案 is made public (代表法 第五十一条第三款).

Only answered suggestions of units, with the representative's name (a public office) and the reply; no
phone numbers, no internal notes.
"""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .models import Suggestion

PUBLIC = (Suggestion.Status.REPLIED, Suggestion.Status.CLOSED)


def _published():
    return (Suggestion.objects.filter(status__in=PUBLIC, our_role=Suggestion.Part.LEAD, org__is_active=True)
            .select_related("org").order_by("-replied_on", "-pk"))


@require_GET
def results(request):
    qs = _published()
    kind = request.GET.get("kind", "")
    if kind in Suggestion.Kind.values:
        qs = qs.filter(kind=kind)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "oversight/public/results.html", {"page": page, "kind": kind,
                                                             "kinds": Suggestion.Kind.choices})


@require_GET
def result(request, pk):
    s = get_object_or_404(_published(), pk=pk)
    return render(request, "oversight/public/result.html", {"s": s})
