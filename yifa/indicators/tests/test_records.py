"""明细: the rows behind a figure, for the user's units only."""

from yifa.indicators import registry


def url(code, org, period="2025"):
    return f"/indicators/records/{code}/?org={org.pk}&period={period}"


def test_a_rate_lists_its_denominator_and_marks_what_counts(tree, suggestions, client):
    client.force_login(tree.township_handler)
    page = client.get(url("oversight.suggestion_on_time_rate", tree.township)).content.decode()
    first, second, third, not_due = suggestions["township"]
    for counted in (first, second, third):
        assert f"/oversight/suggestions/{counted.pk}/" in page
    assert f"/oversight/suggestions/{not_due.pk}/" not in page
    assert page.count('<span class="badge ok">计入</span>') == 1
    assert page.count('<span class="badge grey">不计入</span>') == 2
    assert "33.3%" in page and "计入 <strong>1</strong> 件，共 <strong>3</strong> 件" in page
    assert "/oversight/suggestions/?" in page  # the module's own filtered list


def test_the_rows_can_be_narrowed_to_those_not_counted(tree, suggestions, client):
    client.force_login(tree.township_handler)
    page = client.get(url("oversight.suggestion_on_time_rate", tree.township) + "&only=out").content.decode()
    first, second, third, _ = suggestions["township"]
    assert f"/oversight/suggestions/{first.pk}/" not in page
    assert f"/oversight/suggestions/{second.pk}/" in page and f"/oversight/suggestions/{third.pk}/" in page


def test_deadline_records_link_to_how_each_was_computed(tree, suggestions, client):
    client.force_login(tree.district_overseer)
    page = client.get(url("core.deadline_overdue", tree.township)).content.decode()
    overdue = registry.INDICATORS["core.deadline_overdue"].records([tree.township], None).get()
    assert f"/deadlines/{overdue.pk}/" in page and "已逾期" in page and "代表法" in page
    assert "到督办页面" in page


def test_the_overseer_drills_into_a_unit_below(tree, suggestions, client):
    client.force_login(tree.district_overseer)
    response = client.get(url("oversight.suggestion_on_time_rate", tree.sibling))
    assert response.status_code == 200 and "100%" in response.content.decode()


def test_a_sibling_units_records_answer_404(tree, suggestions, client):
    client.force_login(tree.township_handler)
    assert client.get(url("oversight.suggestion_on_time_rate", tree.sibling)).status_code == 404
    assert client.get(url("core.deadline_overdue", tree.other_township)).status_code == 404


def test_an_unknown_or_unavailable_figure_answers_404(tree, client, monkeypatch):
    monkeypatch.setitem(registry.INDICATORS, "core.pending", registry.Indicator("尚无计算的指标", "件"))
    client.force_login(tree.township_handler)
    assert client.get(url("nowhere.rate", tree.township)).status_code == 404
    assert client.get(url("core.pending", tree.township)).status_code == 404


def test_a_figure_without_records_of_its_own_goes_to_the_modules_list(tree, client):
    client.force_login(tree.township_handler)
    response = client.get(url("training.activities", tree.township))
    assert response.status_code == 302 and response["Location"].startswith("/training/activities/?")


def test_the_records_export_to_excel_with_the_counted_column(tree, suggestions, client):
    import io

    from openpyxl import load_workbook

    client.force_login(tree.township_handler)
    response = client.get(url("oversight.suggestion_on_time_rate", tree.township) + "&export=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "事项" and rows[0][-1] == "计入"
    assert sorted(r[-1] for r in rows[1:]) == ["不计入", "不计入", "计入"]


def test_the_overseer_exports_the_scores_of_the_units_below(tree, suggestions, client):
    import io

    from openpyxl import load_workbook

    client.force_login(tree.district_overseer)
    response = client.get(f"/indicators/units/?org={tree.district.pk}&period=2025&export=xlsx")
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:3] == ["排名", "单位", "得分"] and rows[0][6].startswith("一、")
    assert [r[1] for r in rows[1:]] == ["西镇", "东街道"]
