"""The staff top bar kept per user, 任职 and unit acted in (core/templatetags/layout.py): a changed 任职, unit name,
role or acting unit shows at once; each page gets its own CSRF token and path."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from yifa.core.models import Membership, Role
from yifa.core.templatetags.layout import _topbars, forget_topbars

pytestmark = pytest.mark.django_db
WORKBENCH = reverse("core:workbench")


@pytest.fixture(autouse=True)
def nothing_kept():
    forget_topbars()
    yield
    forget_topbars()


def topbar(client, url: str = WORKBENCH) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return re.search(r'<header class="topbar".*?</header>', response.content.decode(), re.S).group(0)


def test_the_bar_names_the_user_and_the_unit_and_role_acted_in(tree, client):
    client.force_login(tree.township_handler)
    bar = topbar(client)
    assert "东街道 · 经办人" in bar and "handler" in bar and 'id="unit-switch"' not in bar
    without_token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert without_token.sub("", topbar(client)) == without_token.sub("", bar) and len(_topbars) == 1
    client.force_login(tree.sibling_handler)
    assert "西镇 · 经办人" in topbar(client)


def test_a_new_membership_a_renamed_unit_and_a_switch_show_at_once(tree, client):
    client.force_login(tree.township_handler)
    assert 'id="unit-switch"' not in topbar(client)
    sibling = Membership.objects.create(user=tree.township_handler, org=tree.sibling, role=Role.MEDIATOR)
    bar = topbar(client)
    assert 'id="unit-switch"' in bar and "西镇 · 调解员" in bar
    tree.sibling.name = "西城镇"
    tree.sibling.save()
    assert "西城镇 · 调解员" in topbar(client)
    client.post(reverse("core:switch_unit"), {"membership": sibling.pk, "next": WORKBENCH})
    assert f'value="{sibling.pk}" selected' in topbar(client)
    sibling.role = Role.HEAD
    sibling.save()
    assert "西城镇 · 负责人" in topbar(client)


def test_each_page_gets_its_own_path_escaped(tree, client):
    Membership.objects.create(user=tree.township_handler, org=tree.sibling, role=Role.HANDLER)
    client.force_login(tree.township_handler)
    assert 'name="next" value="/workbench/"' in topbar(client)
    bar = topbar(client, WORKBENCH + '?a=1&b="x"<y>')
    assert 'name="next" value="/workbench/?a=1&amp;b=%22x%22%3Cy%3E"' in bar


def test_the_forms_carry_the_pages_own_csrf_token_which_the_server_accepts(tree):
    client = Client(enforce_csrf_checks=True)
    Membership.objects.create(user=tree.township_handler, org=tree.sibling, role=Role.HANDLER)
    client.force_login(tree.township_handler)
    first, second = topbar(client), topbar(client)
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', first)
    assert len(tokens) == 2 and "\x00" not in first
    assert tokens != re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', second)  # masked anew on each page
    sibling = Membership.objects.get(user=tree.township_handler, org=tree.sibling)
    response = client.post(reverse("core:switch_unit"),
                           {"membership": sibling.pk, "next": WORKBENCH, "csrfmiddlewaretoken": tokens[0]})
    assert response.status_code == 302
    assert client.post(reverse("logout"), {"csrfmiddlewaretoken": tokens[1]}).status_code == 302
    assert client.get(WORKBENCH).status_code == 302  # signed out
