import io

from django.urls import reverse
from openpyxl import load_workbook

from yifa.normative_docs import actions, indicators, report

from .conftest import D

YEAR = (D(2025, 1, 1), D(2025, 12, 31))


def test_the_report_and_figures_of_a_township(client, tree, live_doc):
    actions.file(live_doc, by=tree.township_handler, filed_on=D(2025, 2, 20), report="报备")
    assert str(indicators.filing_rate([tree.township], YEAR)) == "100.0"
    assert str(indicators.legality_review_rate([tree.township], YEAR)) == "100.0"
    assert str(indicators.comment_rate([tree.township], YEAR)) == "100.0"
    assert report.sentences([tree.township], YEAR)[0] == (
        "全年制定公布行政规范性文件1件，均经公开征求意见、合法性审核和集体审议，统一登记、统一编号、统一公布，"
        "按规定报送备案1件，报备率100%、报备及时率100%。")
    for item in indicators.INDICATORS:
        item["compute"]([tree.township], YEAR)
        item["records"]([tree.township], YEAR).count()
    client.force_login(tree.district_overseer)
    page = client.get(reverse("normative_docs:filing_list") + "?year=2025").content.decode()
    assert "100%" in page and "审查纠错数" in page


def test_the_register_exports_to_excel(client, tree, live_doc):
    client.force_login(tree.township_handler)
    sheet = load_workbook(io.BytesIO(client.get(reverse("normative_docs:document_list") + "?export=xlsx").getvalue())).active
    row = dict(zip([c.value.replace(" *", "") for c in sheet[1]], [c.value for c in sheet[2]]))
    assert row["文号"] == "东街规〔2025〕1号" and row["现行效力"] == "有效" and row["效力状态"] == "有效"
    assert row["合法性审核意见书编号"] == "东街法审〔2025〕1号" and row["合法性审核结论"] == "合法"
