"""View helpers of the decision-and-rule modules: the acting unit, a matter's history, pages. The action
runner (``perform``, ``require``) is core's ``yifa.core.actionviews``; .docx downloads are
``yifa.core.officialdoc.docx_response``.
"""

from django.core.paginator import Paginator
from django.db.models import Q

from yifa.core.audit import target_label
from yifa.core.models import AuditEntry

__all__ = ["acting_org", "history", "paginate", "year_param"]


def history(*objs):
    """The audit entries of a matter (and of its parts: steps, meetings), oldest first: the page's timeline."""
    q = Q(pk__in=[])
    for obj in objs:
        target_type, target_id, _ = target_label(obj)
        q |= Q(target_type=target_type, target_id=target_id)
    return AuditEntry.objects.filter(q).order_by("seq")


def paginate(request, queryset, per_page: int = 30):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def year_param(request, default: int) -> int:
    try:
        year = int(request.GET.get("year", default))
    except (TypeError, ValueError):
        return default
    return year if 2000 <= year <= 2100 else default


def acting_org(request):
    """The unit new records are created in: the one chosen in the unit switcher."""
    membership = getattr(request.user, "active_membership", None)
    return membership.org if membership else None

