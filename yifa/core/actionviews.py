"""The shape every action view shares: scope lookup (404) → permission (403) → the form → one action →
redirect with a Chinese message. Bad input or a refused step says why and saves nothing (the action is
one transaction).

Two ways a module's pages answer a POST:

- ``perform``: the step's form lives on the matter's page; bad input re-renders that page (400), a step
  the state does not allow answers 409 with the reason at the top.
- ``run_action``: the step's form posts and always comes back to the matter; errors are messages.
  Someone who handles the matter but may not take this step now is told why (``refusal``); anyone
  else gets 403.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect

from .workflow import InvalidTransition

NO_PERMISSION = "您没有执行此操作的权限。"


def require(allowed: bool, message: str = NO_PERMISSION) -> None:
    """403 with a Chinese reason unless ``allowed``."""
    if not allowed:
        raise PermissionDenied(message)


def form_errors(form, error: ValidationError) -> None:
    """Put an action's ValidationError on the form, field by field where it names one of the form's fields."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def perform(request, form, call, *, success: str, then, rerender):
    """Run ``call(cleaned_data)`` when the form is valid; redirect to ``then`` or re-render with the reason.

    ``then`` is a URL or URL name, or a callable given the action's result (the new record) returning one.
    ``rerender(form, status)`` shows the page again: 400 for bad input, 409 when the matter's state does
    not allow the step (the message names it).
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
                form_errors(form, error)
            else:
                # A refusal by the rules (a gate, a minimum period): always at the top of the page,
                # whether or not the step's form is shown in the matter's current state.
                for message in error.messages:
                    messages.error(request, message)
        else:
            messages.success(request, success)
            return redirect(then(result) if callable(then) else then)
    return rerender(form, status)


def run_action(request, obj, *, permission, handles, form_class, do, done: str, back: str, refusal, denied: str):
    """Run one action on ``obj`` from a posted ``form_class`` and come back to ``back``.

    ``permission(user, obj)`` may take the step now; ``handles(user, org)`` handles the matter at all
    (else 403 with ``denied``); ``refusal(obj)`` tells a handler why the step is not possible now;
    ``do(user, obj, cleaned_data)`` is the module's action.
    """
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
