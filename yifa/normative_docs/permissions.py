"""Who may do what with normative documents: role × scope × state.

The unit's handlers and head make, file and answer; the 督察 of the level above reviews filings.
Views call predicates with ``state=False`` for 403; the action refuses a wrong state itself.
"""

from yifa.core.models import Role
from yifa.core.scope import has_role_over

from .models import Cleanup, Filing, NormativeDocument

WORKERS = (Role.HANDLER, Role.HEAD)
S = NormativeDocument.Status


def can_create(user, org) -> bool:
    return org is not None and org.is_grassroots and has_role_over(user, org, *WORKERS)


def can_work(user, document: NormativeDocument, *, state: bool = True, states=None) -> bool:
    return ((not state or states is None or document.status in states)
            and has_role_over(user, document.org, *WORKERS))


def can_edit(user, document, *, state=True):
    return can_work(user, document, state=state, states=NormativeDocument.EDITABLE)


def can_open_comment(user, document, *, state=True):
    return can_work(user, document, state=state, states=(S.DRAFTING,))


def can_handle_comments(user, document, *, state=True):
    return can_work(user, document, state=state, states=(S.COMMENTING,))


def can_request_review(user, document, *, state=True):
    return can_work(user, document, state=state, states=(S.COMMENTED,))


def can_deliberate(user, document, *, state=True):
    return can_work(user, document, state=state, states=(S.REVIEWED,))


def can_register(user, document, *, state=True):
    return can_work(user, document, state=state, states=(S.DELIBERATED,))


def can_publish(user, document, *, state=True):
    return can_work(user, document, state=state, states=(S.REGISTERED,))


def can_file(user, document, *, state=True):
    return ((not state or (document.status == S.PUBLISHED and not Filing.objects.filter(document=document).exists()))
            and has_role_over(user, document.org, *WORKERS))


def can_withdraw(user, document, *, state=True):
    return ((not state or document.status in NormativeDocument.TRANSITIONS["withdraw"][0])
            and has_role_over(user, document.org, Role.HEAD))


def can_review_filing(user, filing: Filing, *, state: bool = True) -> bool:
    """备案审查: the 督察 of the level the document was filed with (or above it), never the filing unit."""
    return ((not state or filing.status in (Filing.Status.SUBMITTED, Filing.Status.ANSWERED))
            and has_role_over(user, filing.filed_to, Role.OVERSEER))


def can_answer_correction(user, filing: Filing, *, state: bool = True) -> bool:
    return ((not state or filing.status == Filing.Status.CORRECTION)
            and has_role_over(user, filing.document.org, *WORKERS))


def can_manage_cleanup(user, cleanup: Cleanup, *, state: bool = True) -> bool:
    return (not state or cleanup.status == Cleanup.Status.OPEN) and has_role_over(user, cleanup.org, *WORKERS)


def can_conclude_cleanup(user, cleanup: Cleanup, *, state: bool = True) -> bool:
    return (not state or cleanup.status == Cleanup.Status.OPEN) and has_role_over(user, cleanup.org, Role.HEAD)
