"""The 工作台: online applications to confirm and expired 补正 periods; clocks come once, from core.deadlines."""

import datetime as dt

import time_machine

from yifa.core import registry
from yifa.disclosure import actions

from .conftest import CST


def test_what_waits_without_a_clock_is_on_the_workbench(tree, request_, frozen):
    actions.submit_online(org=tree.township, applicant_type="person", applicant_name="林晓华",
                          id_number="330502199201014423", phone="13905721234", description="路灯维修预算",
                          medium="electronic", delivery="online")
    actions.request_correction(request_, by=tree.township_handler, on=dt.date(2025, 8, 20), items="写明年度",
                               deadline=dt.date(2025, 9, 5))
    with time_machine.travel(dt.datetime(2025, 9, 8, 9, tzinfo=CST), tick=False):
        items = registry.workbench_items(tree.township_handler)
    states = sorted(i.state for i in items if i.module == "依申请公开")
    assert states[0].startswith("待确认收到") and states[1].startswith("补正期限已过，可终止办理")
    assert all("路灯维修预算" not in i.title for i in registry.workbench_items(tree.sibling_handler))
