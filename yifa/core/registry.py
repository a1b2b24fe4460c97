"""What modules contribute to the shells, found on their AppConfig (core imports no module).

A module's AppConfig may define:
- ``nav``: list of ``NavItem`` for the staff navigation;
- ``workbench_items(user) -> list[WorkItem]``: pending and due items for the 工作台;
- ``portal_sections``: list of ``PortalSection`` for the public portal home;
- ``open_periodic_clocks(on) -> list[str]``: open the clocks that start on a date rather than on an act
  (e.g. last year's 执法数据, due 1月31日), idempotently; one line per kind opened, for the daily scan's output.
"""

import datetime as dt
from dataclasses import dataclass, field, replace
from itertools import groupby

from django.apps import apps
from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse


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


_NAV_CATALOGUES: dict = {}


def _nav_catalogue() -> list[tuple[NavItem, frozenset, str]]:
    """Every module's nav items with their URLs, reversed once per URLconf (not on every page view)."""
    key = (get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    catalogue = _NAV_CATALOGUES.get(key)
    if catalogue is None:
        catalogue = []
        for config in _configs():
            for item in getattr(config, "nav", ()):
                try:
                    catalogue.append((item, frozenset(item.roles), reverse(item.url_name)))
                except NoReverseMatch:
                    continue
        _NAV_CATALOGUES[key] = catalogue
    return catalogue


def nav_items(user, roles: set[str]) -> list[tuple[NavItem, str]]:
    everything = user.is_superuser
    return [(item, url) for item, allowed, url in _nav_catalogue()
            if everything or not allowed or allowed & roles]


_NAV_HTML: dict = {}


def nav_html(user, roles: set[str], path: str) -> str:
    """The staff navigation as HTML (``core/_nav.html``), rendered once per combination of roles and current page
    and then reused: it depends on nothing else, and through the template engine it cost more than a list's rows."""
    catalogue = _nav_catalogue()
    current = path if any(url == path for _item, _allowed, url in catalogue) else ""
    key = (id(catalogue), frozenset(roles), bool(user.is_superuser), current)
    html = _NAV_HTML.get(key)
    if html is None:
        from django.template.loader import render_to_string

        items = nav_items(user, roles)
        groups = [(group, [(item, url, url == current) for item, url in entries])
                  for group, entries in groupby(items, key=lambda entry: entry[0].group)]
        html = _NAV_HTML[key] = render_to_string("core/_nav.html", {"groups": groups})
    return html


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


def open_periodic_clocks(on: dt.date) -> list[str]:
    """Every module's date-started clocks, opened before the daily deadline scan (``scan_deadlines``), so one
    scheduled command keeps them all."""
    lines: list[str] = []
    for config in _configs():
        opener = getattr(config, "open_periodic_clocks", None)
        if opener:
            lines.extend(opener(on))
    return lines


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
