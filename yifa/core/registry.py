"""What modules contribute to the shells, found on their AppConfig (core imports no module).

A module's AppConfig may define:
- ``nav``: list of ``NavItem`` for the staff navigation;
- ``workbench_items(user) -> list[WorkItem]``: pending and due items for the 工作台;
- ``portal_sections``: list of ``PortalSection`` for the public portal home.
"""

import datetime as dt
from dataclasses import dataclass, field, replace

from django.apps import apps
from django.urls import NoReverseMatch, reverse


DEADLINE_MODULE = "期限"  # the module label core's running-deadline items carry


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: tuple[str, ...] = ()  # empty: every signed-in user
    group: str = "业务"


@dataclass(frozen=True)
class WorkItem:
    """One line on the 工作台: something waiting for the user, with its due date if it has one."""

    module: str
    title: str
    url: str
    state: str = ""
    due_on: dt.date | None = None
    basis: str = ""  # the article behind the due date


@dataclass(frozen=True)
class PortalSection:
    title: str
    url_name: str
    description: str = ""
    order: int = 100
    links: tuple = field(default_factory=tuple)


def _configs():
    return [config for config in apps.get_app_configs() if config.name.startswith("yifa.")]


def nav_items(user, roles: set[str]) -> list[tuple[NavItem, str]]:
    items = []
    for config in _configs():
        for item in getattr(config, "nav", ()):
            if item.roles and not (set(item.roles) & roles) and not user.is_superuser:
                continue
            try:
                items.append((item, reverse(item.url_name)))
            except NoReverseMatch:
                continue
    return items


def workbench_items(user) -> list[WorkItem]:
    """Every module's items; a matter listed both by its module and by a running deadline appears once,
    as the module's item carrying the deadline's date and article."""
    items: list[WorkItem] = []
    for config in _configs():
        provider = getattr(config, "workbench_items", None)
        if provider:
            items.extend(provider(user))
    by_url: dict[str, WorkItem] = {}
    merged: list[WorkItem] = []
    for item in sorted(items, key=lambda i: i.module == DEADLINE_MODULE):  # module items first
        first = by_url.get(item.url)
        if first is None:
            by_url[item.url] = item
            merged.append(item)
        elif item.module == DEADLINE_MODULE and (first.due_on is None or item.due_on < first.due_on):
            index = merged.index(first)
            merged[index] = by_url[item.url] = replace(first, due_on=item.due_on, basis=item.basis,
                                                      state=f"{first.state} · {item.state}" if first.state else item.state)
    return sorted(merged, key=lambda i: (i.due_on is None, i.due_on or dt.date.max, i.title))


def portal_sections() -> list[PortalSection]:
    sections = [s for config in _configs() for s in getattr(config, "portal_sections", ())]
    return sorted(sections, key=lambda s: s.order)


def track_application(code: str) -> dict | None:
    """Ask each module whether ``code`` is one of its tracking codes (查询码); the first answer wins.

    An answer is {"title", "status", "steps": [(date, text)], optional "link": (label, url)} with no
    personal data; "link" offers the next thing the applicant can do (e.g. rate the service).
    """
    code = (code or "").strip().upper()
    if not code:
        return None
    for config in _configs():
        tracker = getattr(config, "track_application", None)
        if tracker:
            found = tracker(code)
            if found:
                return found
    return None
