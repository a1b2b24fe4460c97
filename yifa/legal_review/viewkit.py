"""The shape every action view of the decision-and-rule modules shares.

scope lookup (404) → role predicate (403) → form → one action → redirect with a
Chinese message; bad input or a refused step re-renders the page with the reason
and saves nothing (the action is one transaction).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect

from yifa.core import officialdoc
from yifa.core.audit import target_label
from yifa.core.models import AuditEntry
from yifa.core.workflow import InvalidTransition

NO_PERMISSION = "您没有执行此操作的权限。"


def require(allowed: bool, message: str = NO_PERMISSION) -> None:
    if not allowed:
        raise PermissionDenied(message)


def add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def perform(request, form, call, *, success: str, then, rerender):
    """Run ``call(cleaned_data)`` when the form is valid; redirect to ``then`` or re-render with the reason.

    ``then`` is a URL or URL name, or a callable given the action's result (the new record) returning one.

    ``rerender(form, status)`` shows the page again: 400 for bad input, 409 when the
    matter's state does not allow the step (the message names it).
    """
    status = 400
    if form.is_valid():
        try:
            result = call(form.cleaned_data)
        except InvalidTransition as error:
            # The step's form may not even be on the page in this state: say it at the top.
            messages.error(request, str(error))
            status = 409
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                add_errors(form, error)
            else:
                # A refusal by the rules (a gate, a minimum period): always at the top of the page,
                # whether or not the step's form is shown in the matter's current state.
                for message in error.messages:
                    messages.error(request, message)
        else:
            messages.success(request, success)
            return redirect(then(result) if callable(then) else then)
    return rerender(form, status)


def history(*objs):
    """The audit entries of a matter (and of its parts: steps, meetings), oldest first: the page's timeline."""
    q = Q(pk__in=[])
    for obj in objs:
        target_type, target_id, _ = target_label(obj)
        q |= Q(target_type=target_type, target_id=target_id)
    return AuditEntry.objects.filter(q).order_by("seq")


def paginate(request, queryset, per_page: int = 30):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def docx(document: "officialdoc.OfficialDocument", filename: str):
    return officialdoc.docx_response(document, filename)


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


__all__ = ["require", "add_errors", "perform", "history", "paginate", "docx", "year_param", "acting_org",
           "redirect"]
