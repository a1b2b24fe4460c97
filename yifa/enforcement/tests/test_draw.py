"""双随机: the draw is reproducible from its seed, published, and anyone can re-run it."""

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from yifa.enforcement import actions, draw as drawing
from yifa.enforcement.models import Inspection, RandomDraw

from .helpers import TODAY, audit_actions, uscc


def targets(w, n=8):
    return [actions.create_target(by=w.handler, org=w.org, name=f"餐馆{i}", uscc=uscc(f"92330502MA2B3C{i:03d}"),
                                  kind="individual_business", industry="餐饮") for i in range(n)]


def planned(w, count=3):
    return actions.create_draw(by=w.handler, org=w.org, title="油烟排放抽查", power=w.inspection_power,
                               target_count=count, planned_start=TODAY, planned_end=TODAY + dt.timedelta(days=30))


def test_the_same_seed_and_lists_give_the_same_result():
    pool, inspectors = [f"T{i:02d}" for i in range(30)], [f"C{i}" for i in range(6)]
    first = drawing.run("公开摇号-0302", pool, inspectors, 5, 2)
    assert first == drawing.run("公开摇号-0302", list(reversed(pool)), inspectors, 5, 2)
    assert first != drawing.run("公开摇号-0303", pool, inspectors, 5, 2)
    assert len({r["target"] for r in first}) == 5
    assert all(len(set(r["inspectors"])) == 2 for r in first)


def test_pick_is_a_permutation_prefix_with_every_item_reachable():
    seen = {tuple(drawing.pick(f"s{i}", "targets", "ABCD", 2)) for i in range(200)}
    assert {a for a, _ in seen} == set("ABCD")
    assert all(a != b for a, b in seen)


def test_running_a_draw_freezes_the_lists_and_creates_the_inspections(w):
    targets(w)
    d = actions.run_draw(planned(w), by=w.handler, seed="20260302")
    assert d.status == RandomDraw.Status.DRAWN and d.seed == "20260302" and d.algorithm == "yifa-draw-v1"
    assert len(d.target_pool) == 8
    # The expired officer is not in the inspector pool.
    assert sorted(c for c, _ in d.inspector_pool) == sorted([w.officer.cert_number, w.partner.cert_number,
                                                             w.colleague_officer.cert_number])
    assert d.inspections.count() == 3
    for row in d.result:
        inspection = d.inspections.get(target__uscc=row["target"])
        assert sorted(o.cert_number for o in inspection.officers.all()) == sorted(row["inspectors"])
    assert audit_actions(d)[-1] == "enforcement.run_draw"


def test_a_published_draw_re_runs_from_its_downloaded_data_with_the_published_code(w, client):
    targets(w)
    d = actions.run_draw(planned(w), by=w.handler)
    data = client.get(reverse("enforcement_public:draw_json", args=[d.pk])).content
    # Anyone: save draw.json, run the program printed on the public page.
    page = client.get(reverse("enforcement_public:draw_detail", args=[d.pk])).content.decode()
    assert d.seed in page and "hashlib.sha256" in page
    printed = []
    env = {"open": lambda *a, **k: __import__("io").StringIO(data.decode()), "print": printed.append}
    exec(drawing.REFERENCE_CODE, env)
    assert printed == [True]
    assert json.loads(data)["result"] == d.result


def test_the_portal_re_runs_the_draw_and_says_so(w, client):
    targets(w)
    d = actions.run_draw(planned(w), by=w.handler)
    page = client.get(reverse("enforcement_public:draw_detail", args=[d.pk]) + "?verify=1").content.decode()
    assert "重新抽取的结果与公布结果完全一致" in page
    RandomDraw.objects.filter(pk=d.pk).update(result=list(reversed(d.result)))
    page = client.get(reverse("enforcement_public:draw_detail", args=[d.pk]) + "?verify=1").content.decode()
    assert "不一致" in page


def test_a_draw_needs_enough_certified_inspectors(w):
    targets(w)
    d = actions.create_draw(by=w.handler, org=w.org, title="抽查", target_count=2, inspectors_per_target=4,
                            planned_start=TODAY, planned_end=TODAY + dt.timedelta(days=10))
    with pytest.raises(ValidationError, match="第四十二条"):
        actions.run_draw(d, by=w.handler)


def test_fewer_than_two_inspectors_per_target_is_refused(w):
    with pytest.raises(ValidationError, match="不得少于两人"):
        actions.create_draw(by=w.handler, org=w.org, title="抽查", target_count=2, inspectors_per_target=1,
                            planned_start=TODAY, planned_end=TODAY)


def test_an_unpublished_draw_is_not_on_the_portal(w, client):
    d = planned(w)
    assert client.get(reverse("enforcement_public:draw_detail", args=[d.pk])).status_code == 404


def test_draw_commands_refuse_get_other_units_and_wrong_roles(w, client):
    targets(w)
    d = planned(w)
    url = reverse("enforcement:draw_command", args=[d.pk, "run"])
    client.force_login(w.handler)
    assert client.get(url).status_code == 405
    client.force_login(w.tree.sibling_handler)
    assert client.post(url).status_code == 404
    client.force_login(w.reviewer_user)
    assert client.post(url).status_code == 403
    client.force_login(w.handler)
    assert client.post(url, {"seed": "abc"}).status_code == 302
    d.refresh_from_db()
    assert d.seed == "abc"
    response = client.post(url, follow=True)  # wrong state: drawn already
    assert "不能执行“抽取”" in response.content.decode()


def test_recording_every_result_starts_the_twenty_workday_publicity_and_publishing_meets_it(w):
    from .helpers import deadline

    targets(w, 3)
    d = actions.run_draw(planned(w, 2), by=w.handler, seed="x")
    for inspection in d.inspections.all():
        inspection.officers.set([w.officer, w.partner])
        actions.record_inspection(inspection, by=w.handler, inspected_on=TODAY, result=Inspection.Result.PASSED,
                                  findings="未发现问题")
    clock = deadline(d, "enforcement.publicity_other")
    assert clock.status == "open" and clock.due_on == dt.date(2026, 3, 30)
    actions.publish_results(d, by=w.handler)
    assert d.status == RandomDraw.Status.RESULTS_PUBLISHED
    assert deadline(d, "enforcement.publicity_other").status == "met"
