"""The shape every action view of 信访 and 政府信息公开 shares:
404 outside scope → 403 without the role → the form → one action → back to the matter with a message.

A handler asking for a step the state does not allow gets the reason on the page and nothing changes.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect

from yifa.core.workflow import InvalidTransition


def form_errors(form, error: ValidationError) -> None:
    """Put an action's ValidationError on the form, field by field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def run_action(request, obj, *, permission, handles, form_class, do, done: str, back: str, refusal, denied: str):
    """Run one action on ``obj``; ``refusal(obj)`` explains a refused step to someone who handles the matter."""
    if not permission(request.user, obj):
        if not handles(request.user, obj.org):
            raise PermissionDenied(denied)
        messages.error(request, refusal(obj))
        return redirect(back)
    form = form_class(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for e in errors:
                messages.error(request, f"{label}：{e}" if label else e)
        return redirect(back)
    try:
        do(request.user, obj, form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    except InvalidTransition as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect(back)
