"""The 工作台 merges what modules list with the running deadlines, without listing a matter twice."""

import time_machine
from django.urls import reverse

from yifa.core import registry
from yifa.core.deadlines import open_for
from yifa.core.models import Role
from yifa.core.testing import make_user
from yifa.mediation.tests.helpers import build


@time_machine.travel("2025-03-12 10:00 +0800")
def test_a_case_listed_by_its_module_and_by_its_deadline_appears_once_with_the_article(tree):
    world = build(tree)
    case = world.case("accepted")
    assert open_for(world.mediator_user).filter(target_id=str(case.pk)).exists()
    items = [i for i in registry.workbench_items(world.mediator_user) if i.url == case.get_absolute_url()]
    assert len(items) == 1
    assert items[0].module == "人民调解"
    assert items[0].due_on == case.resolve_due_on
    assert "第三十三条" in items[0].basis


@time_machine.travel("2025-03-12 10:00 +0800")
def test_a_reviewer_does_not_see_mediation_clocks_but_a_handler_does(tree, client):
    world = build(tree)
    world.case("accepted")
    reviewer = make_user("r2", tree.township, Role.REVIEWER)
    titles = [i.title for i in registry.workbench_items(reviewer)]
    assert not any("纠纷" in t for t in titles)
    client.force_login(tree.township_handler)
    page = client.get(reverse("core:workbench")).content.decode()
    assert "张三与李四相邻通行纠纷" in page
