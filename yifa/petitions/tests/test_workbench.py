"""The 工作台 shows what waits without a clock; the running clocks come from core.deadlines (no double entries)."""

import datetime as dt

from yifa.core import registry
from yifa.petitions import actions

from .conftest import make_petition


def test_online_submissions_and_unclear_petitioners_wait_on_the_workbench(tree, registered, frozen):
    actions.submit_online(org=tree.township, petitioner_name="林晓华", petitioner_phone="13905721234",
                          title="路灯损坏", content="路灯损坏")
    make_petition(tree.township, tree.township_handler, received_on=dt.date(2025, 6, 10), petitioner_name="匿名",
                  petitioner_id_number="", contact_unclear=True, title="匿名反映")
    items = registry.workbench_items(tree.township_handler)
    mine = [i.title for i in items if i.module == "信访"]
    assert any("路灯损坏" in t for t in mine) and any("匿名反映" in t for t in mine)
    clocks = [i.title for i in items if registered.number in i.title]
    assert len(clocks) == 1 and "信访事项书面告知" in clocks[0]  # the registered one: once, from its clock
    assert registry.workbench_items(tree.sibling_handler) == [] or all(
        "路灯损坏" not in i.title for i in registry.workbench_items(tree.sibling_handler))
