import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from yifa.reports import actions

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Generated and uploaded files go to a temporary folder, not the checkout's var/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def today():
    """Tuesday 10 February 2026, 10:00 in Shanghai: the 2025 reports are being written."""
    with time_machine.travel(dt.datetime(2026, 2, 10, 10, 0, tzinfo=SHANGHAI), tick=False):
        yield dt.date(2026, 2, 10)


NARRATIVE = {
    "narrative_measures": "坚持把法治政府建设摆在重要位置。",
    "narrative_first_responsible": "街道党工委书记、办事处主任带头述法，主持召开专题会议研究法治建设工作。",
    "narrative_shortcomings": "一是部分干部法治意识不强。二是执法力量薄弱。",
    "narrative_next_year": "一是深化学法用法。二是规范行政执法。",
}


@pytest.fixture
def draft(tree, today):
    """The township's 2025 report, drafted by its handler, narrative written."""
    report = actions.draft_report(tree.township, 2025, by=tree.township_handler)
    return actions.edit_narrative(report, by=tree.township_handler, **NARRATIVE)


@pytest.fixture
def final(draft, tree):
    return actions.finalize(draft, by=tree.township_head)


@pytest.fixture
def submitted(final, tree):
    return actions.submit(final, by=tree.township_head)
