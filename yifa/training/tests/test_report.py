"""Report sentences from the 学法 and 普法 ledgers, in the mandated parts of the yearly report."""

import datetime as dt
from decimal import Decimal

from yifa.training import actions, report

YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def test_the_sentences_carry_the_figures(tree, cadres, make_session, topic):
    by, org = tree.township_handler, tree.township
    for day in (3, 5, 8):
        make_session(cadres, kind="lecture", title=f"专题讲座{day}", held_on=dt.date(2025, day, 10), hours=Decimal(20))
    make_session(cadres[:1], kind="central_group", title="中心组学法", held_on=dt.date(2025, 4, 1), hours=Decimal(3))
    for theme, materials, consultations in [("民法典宣传月", 1800, 120), ("反诈宣传", 1230, 104)]:
        actions.record_activity(by=by, org=org, theme=theme, held_on=dt.date(2025, 6, 1), audience=100,
                                materials=materials, consultations=consultations)
    actions.record_meeting(by=by, org=org, kind="party", held_on=dt.date(2025, 3, 1), chaired_by="王志强",
                           topics="研究法治建设")
    actions.record_meeting(by=by, org=org, kind="report", held_on=dt.date(2025, 1, 20), chaired_by="王志强",
                           topics="年终述法")
    parts = report.sections([org], YEAR)
    assert parts["measures"][0] == ("全年组织学法活动4次，其中举办法治专题讲座3场、开展理论学习中心组集体学法1次；"
                                    "3名干部人均学法61学时，全部达到年度学时要求。")
    assert parts["measures"][1] == "坚持“谁执法谁普法”，开展普法活动2场，受众200人次，发放宣传资料3030份，接受群众法律咨询224人次。"
    assert parts["first_responsible"] == [
        "党政主要负责人切实履行推进法治建设第一责任人职责，召开专题会议研究法治建设工作1次。",
        "党政主要负责人年终述法1次。", "带头学法，主持理论学习中心组集体学法1次。"]


def test_nothing_is_said_about_empty_ledgers(tree):
    assert report.sections([tree.township], YEAR) == {"measures": [], "first_responsible": []}
