import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from .helpers import TODAY, build


@pytest.fixture(autouse=True)
def frozen():
    """Every enforcement test runs on 2026年3月2日 (a Monday), 10:00 Asia/Shanghai."""
    with time_machine.travel(dt.datetime.combine(TODAY, dt.time(10, 0), tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


@pytest.fixture
def w(tree):
    return build(tree)
