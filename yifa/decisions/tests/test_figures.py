import datetime as dt

from django.urls import reverse

from yifa.decisions import actions, indicators, report

from .conftest import meeting_post, post

YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def test_figures_and_sentences_come_from_the_register(client, tree, ready, catalogue):
    actions.approve_catalogue(catalogue, by=tree.township_head, approval_body="党工委会议", approved_on=dt.date(2025, 2, 20))
    actions.publish_catalogue(catalogue, by=tree.township_head, published_on=dt.date(2025, 3, 1))
    post(client, tree.township_handler, reverse("decisions:meeting_record", args=[ready.pk]), meeting_post())
    assert indicators.catalogues_published([tree.township], YEAR) == 1
    assert indicators.decisions_made([tree.township], YEAR) == 1
    assert str(indicators.legality_review_rate([tree.township], YEAR)) == "100.0"
    assert indicators.decisions_made([tree.sibling], YEAR) == 0
    lines = report.sentences([tree.township], YEAR)
    assert lines[0] == "2025年度重大行政决策事项目录经党委同意后于3月1日向社会公布，列入决策事项1项。"
    assert lines[1] == ("全年作出重大行政决策1项，均依法履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序，"
                        "合法性审查率100%。")
    assert lines[2] == "决策草案公开征求意见1次，收到公众意见0条，采纳或部分采纳0条。"
    for item in indicators.INDICATORS:
        item["compute"]([tree.township], YEAR)


def test_the_register_exports_with_each_step(client, tree, ready):
    import io

    from openpyxl import load_workbook

    client.force_login(tree.township_handler)
    sheet = load_workbook(io.BytesIO(client.get(reverse("decisions:decision_list") + "?export=xlsx").getvalue())).active
    header = [c.value.replace(" *", "") for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]]))
    assert row["决策事项"] == "东街道老旧小区改造方案" and row["合法性审查"] == "已完成"
    assert row["审查意见书编号"] == "东街法审〔2025〕1号"
    assert row["集体讨论决定"] == "待办理"
