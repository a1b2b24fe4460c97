import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from .helpers import TODAY, build


@pytest.fixture(autouse=True)
def frozen(request):
    """Every mediation test runs on 2025年3月10日 (a Monday), 10:00 Asia/Shanghai; browser tests let the clock tick."""
    tick = request.node.get_closest_marker("browser") is not None
    with time_machine.travel(dt.datetime.combine(TODAY, dt.time(10, 0), tzinfo=ZoneInfo("Asia/Shanghai")), tick=tick):
        yield


@pytest.fixture
def w(tree):
    return build(tree)
