"""Demo: the district overseer has scored some qualitative items of last year and this year, so the score
pages show both kinds of item. The scheme itself is loaded by migration 0002."""

from decimal import Decimal

from yifa.core import deadlines

from . import actions
from .models import IndicatorNode
from .values import active_scheme

# (unit key, item title starts with, score share of the points, reason)
SCORES = [
    ("huanzhu", "党政主要负责人履行", 1, "年内召开党工委会议专题研究法治政府建设2次，述法报告已报区委依法治区办。"),
    ("huanzhu", "法治政府建设年度报告", 1, "年度报告3月1日前报送，3月28日在门户网站公开。"),
    ("huanzhu", "矛盾纠纷排查常态化", Decimal("0.5"), "排查台账完整，但有1起重大纠纷预警后未及时报告，扣1分。"),
    ("zhili", "党政主要负责人履行", Decimal("0.5"), "专题研究法治政府建设1次，未按要求开展年终述法，扣1分。"),
    ("zhili", "法治政府建设年度报告", 1, "年度报告按时报送并公开。"),
]


def seed(context) -> None:
    scheme = active_scheme()
    overseer = context.users.get("wuxing.ducha")
    if scheme is None or overseer is None:
        return
    year = deadlines.today().year
    for unit_key, starts, share, note in SCORES:
        node = scheme.nodes.filter(kind=IndicatorNode.Kind.QUALITATIVE, title__startswith=starts).first()
        org = context.orgs.get(unit_key)
        if node is None or org is None:
            continue
        for y in (year - 1, year):
            actions.score_item(node, org, y, by=overseer, score=node.points * share, note=note)
