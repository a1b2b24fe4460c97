"""Portal: the 法律顾问 of each 村/社区 and 乡镇/街道, so residents know whom to ask.

Only the name, the firm and the 对外服务电话 the unit chose to publish are shown;
the adviser's own mobile number never leaves the staff pages.
"""

from django.db.models import Q
from django.shortcuts import render
from django.views.decorators.http import require_GET

from yifa.core import deadlines
from yifa.core.models import Org

from .models import LegalAdviser


@require_GET
def advisers(request):
    today = deadlines.today()
    qs = (LegalAdviser.objects.filter(Q(serves_until__isnull=True) | Q(serves_until__gte=today),
                                      is_active=True, serves_from__lte=today)
          .select_related("org", "org__parent").order_by("org__path", "name"))
    query = request.GET.get("q", "").strip()[:50]
    if query:
        qs = qs.filter(Q(org__name__icontains=query) | Q(name__icontains=query) | Q(org__parent__name__icontains=query))
    groups: dict[Org, list] = {}
    for adviser in qs:
        unit = adviser.org if adviser.org.is_grassroots or not adviser.org.parent_id else adviser.org.parent
        groups.setdefault(unit, []).append(adviser)
    return render(request, "legal_review/public_advisers.html", {"groups": groups.items(), "query": query})
