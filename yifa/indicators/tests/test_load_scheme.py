"""Loading a scheme edition from its data file: checked, versioned, audited; only the top administrator may."""

import json

import pytest

from yifa.indicators import actions, registry
from yifa.indicators.models import IndicatorNode, IndicatorScheme

from .conftest import audit_actions


def default_data() -> dict:
    return json.loads(actions.shipped_file(actions.DEFAULT_FILE).read_bytes())


def raw(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode()


def test_the_2021_demonstration_scheme_is_installed_and_in_force(db):
    scheme = IndicatorScheme.objects.get(code="sfzb-2021")
    assert scheme.is_active and scheme.version == 1 and scheme.edition == "2021年版"
    tops = list(scheme.nodes.filter(level=1).order_by("sort_order").values_list("title", flat=True))
    assert len(tops) == 8 and tops[0] == "政府职能依法全面履行" and tops[1] == "依法行政制度体系完善"
    assert scheme.nodes.filter(level=3).count() >= 40
    leaves = scheme.nodes.exclude(kind=IndicatorNode.Kind.GROUP)
    assert sum(n.points for n in leaves) == 100
    quantitative = leaves.filter(kind=IndicatorNode.Kind.QUANTITATIVE)
    assert quantitative.count() >= 25
    assert all(n.indicator in registry.INDICATORS and n.target is not None for n in quantitative)
    assert leaves.filter(kind=IndicatorNode.Kind.QUALITATIVE).exists()


def test_the_administrator_loads_another_edition_as_a_new_scheme_not_yet_in_force(tree):
    scheme = actions.load_shipped("town-assessment-2025.json", by=tree.admin)
    assert (scheme.code, scheme.version, scheme.status) == ("town-assessment", 1, IndicatorScheme.Status.LOADED)
    assert scheme.level_names == ["考核项目", "考核内容"]
    assert scheme.nodes.filter(level=1).count() == 3 and scheme.nodes.filter(level=2).count() == 9
    assert scheme.loaded_by == tree.admin and len(scheme.checksum) == 64
    assert audit_actions(scheme) == ["indicators.load_scheme"]
    assert IndicatorScheme.objects.get(code="sfzb-2021").is_active  # the one in force is untouched


def test_a_changed_file_becomes_the_next_version_and_the_same_file_is_refused(tree):
    data = default_data()
    data["nodes"][5]["children"][1]["children"][0]["target"] = 98  # 调解成功率 target changed locally
    scheme = actions.load_scheme(raw(data), by=tree.admin, source="local.json")
    assert scheme.version == 2
    node = scheme.nodes.get(indicator="mediation.success_rate")
    assert node.target == 98
    with pytest.raises(actions.SchemeError, match="内容相同"):
        actions.load_scheme(raw(data), by=tree.admin, source="local.json")
    assert IndicatorScheme.objects.filter(code="sfzb-2021").count() == 2


@pytest.mark.parametrize("change, message", [
    (lambda d: d["nodes"][0]["children"][0]["children"].append(
        {"number": "99", "title": "虚构指标", "kind": "quantitative", "indicator": "nowhere.rate", "target": 1,
         "points": 1}), "指标代码“nowhere.rate”不在平台指标目录中"),
    (lambda d: d["nodes"][0]["children"][0].update(children=[{"number": "x", "title": "多出的一级", "children": [
        {"number": "y", "title": "第四级", "kind": "qualitative", "points": 1}]}]), "层级超过 levels 所列的3级"),
    (lambda d: d.update(code="Bad Code"), "体系代码 code"),
    (lambda d: d["nodes"][5]["children"][1]["children"][0].update(rule="deduct"), "扣分规则 deduct 须给出每单位扣分"),
    (lambda d: d["nodes"][5]["children"][1]["children"][0].update(target=120), "比率指标的目标值不能超过100"),
])
def test_a_faulty_file_is_refused_naming_the_node_and_nothing_is_saved(tree, change, message):
    data = default_data()
    change(data)
    before = IndicatorNode.objects.count()
    with pytest.raises(actions.SchemeError) as refused:
        actions.load_scheme(raw(data), by=tree.admin)
    assert any(message in m for m in refused.value.messages)
    assert IndicatorNode.objects.count() == before
    assert "indicators.load_scheme" not in audit_actions()


def test_a_file_that_is_not_json_gets_a_chinese_message(tree):
    with pytest.raises(actions.SchemeError, match="不是有效的 UTF-8 JSON"):
        actions.load_scheme(b"\xff\xfe not json", by=tree.admin)


def test_the_page_loads_a_shipped_file_and_an_uploaded_one(tree, client):
    client.force_login(tree.admin)
    response = client.post("/indicators/schemes/load/", {"file": "town-assessment-2025.json"})
    scheme = IndicatorScheme.objects.get(code="town-assessment")
    assert response.status_code == 302 and response["Location"] == scheme.get_absolute_url()
    data = default_data()
    data["edition"] = "2021年版（本市修订）"
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("本市.json", raw(data), content_type="application/json")
    client.post("/indicators/schemes/load/", {"upload": upload})
    assert IndicatorScheme.objects.get(code="sfzb-2021", version=2).edition == "2021年版（本市修订）"


def test_the_page_shows_the_problems_of_a_faulty_upload(tree, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(tree.admin)
    response = client.post("/indicators/schemes/load/", {"upload": SimpleUploadedFile("x.json", b"[]")}, follow=True)
    assert "未能载入：文件内容应为一个 JSON 对象。" in response.content.decode()


def test_loading_refuses_get(tree, client):
    client.force_login(tree.admin)
    assert client.get("/indicators/schemes/load/").status_code == 405


@pytest.mark.parametrize("persona", ["district_overseer", "township_head", "township_handler"])
def test_only_the_top_administrator_may_load(tree, client, persona):
    client.force_login(getattr(tree, persona))
    response = client.post("/indicators/schemes/load/", {"file": "town-assessment-2025.json"})
    assert response.status_code == 403
    assert not IndicatorScheme.objects.filter(code="town-assessment").exists()


def test_an_unknown_shipped_file_is_refused(tree, client):
    client.force_login(tree.admin)
    response = client.post("/indicators/schemes/load/", {"file": "../../config/settings.py"}, follow=True)
    assert "找不到随平台提供的指标体系文件" in response.content.decode()
