"""菜单式普法点单 export: the filtered list to .xlsx, with the phone masked as on the list and a resident's own place
masked too; another unit's requests stay out; only staff of the unit (or above) can have it."""

import datetime as dt
import io

from django.urls import reverse
from openpyxl import load_workbook

from yifa.training import actions, ledgers
from yifa.training.models import OutreachRequest

LIST = reverse("training:request_list")


def _export(client, user, query=""):
    client.force_login(user)
    response = client.get(f"{LIST}?{query}&export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    return [[c.value for c in sheet[1]]] + [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]


def _by_code(rows, code):
    header = rows[0]
    return next(dict(zip(header, r)) for r in rows[1:] if r[0] == code)


def test_the_export_masks_phones_and_a_resident_s_place_and_keeps_each_step(topic, tree, client):
    person = actions.submit_request(topic, requester="王小明", phone="13905721234", place="东街道幸福路18号3幢2单元501室",
                                    preferred_form="上门讲座", preferred_on=dt.date(2025, 12, 5), expected_audience=12,
                                    note="家里老人常接到诈骗电话")
    school = actions.submit_request(topic, requester_kind="school", requester="周老师", organisation="东街道中心小学",
                                    phone="13805720000", place="东街道中心小学报告厅", expected_audience=300)
    actions.accept_request(school, by=tree.township_handler, accepted_on=dt.date(2025, 11, 20), assignee="平安办",
                           scheduled_on=dt.date(2025, 11, 28))
    actions.decline_request(person, by=tree.township_handler, reason="请到社区集中讲座参加")
    rows = _export(client, tree.township_handler)
    assert rows[0] == [c.header for c in ledgers.REQUEST_COLUMNS]
    mine = _by_code(rows, person.code)
    assert mine["联系电话"] == "139****1234" and "13905721234" not in str(rows)
    assert mine["地点"] == "东街道幸福路****" and "501室" not in str(rows)
    assert (mine["申请人类型"], mine["联系人"], mine["状态"], mine["不予安排的原因"], mine["预计参加人数"]) == \
        ("个人", "王小明", "不予安排", "请到社区集中讲座参加", 12)
    assert mine["希望的日期"] == dt.datetime(2025, 12, 5) and mine["提交日期"] == dt.datetime(2025, 11, 20)
    assert "家里老人" not in str(rows)  # the request's own words stay on its page
    theirs = _by_code(rows, school.code)
    assert (theirs["单位（村、社区）名称"], theirs["地点"], theirs["联系电话"], theirs["状态"], theirs["承办人（部门）"],
            theirs["安排日期"], theirs["受理单位"]) == \
        ("东街道中心小学", "东街道中心小学报告厅", "138****0000", "已受理，安排中", "平安办", dt.datetime(2025, 11, 28),
         tree.township.name)


def test_the_export_follows_the_list_s_filters(topic, tree, client):
    first = actions.submit_request(topic, requester="甲", phone="13905721234")
    actions.submit_request(topic, requester="乙", organisation="东一社区", phone="13905725678")
    actions.decline_request(first, by=tree.township_handler, reason="重复点单")
    assert [r[0] for r in _export(client, tree.township_handler, "status=declined")[1:]] == [first.code]
    assert [r[5] for r in _export(client, tree.township_handler, "q=东一社区")[1:]] == ["乙"]


def test_another_unit_s_requests_stay_out_of_its_export_and_pages(topic, tree, client):
    req = actions.submit_request(topic, requester="王小明", phone="13905721234")
    assert len(_export(client, tree.sibling_handler)) == 1
    assert client.get(req.get_absolute_url()).status_code == 404
    assert len(_export(client, tree.district_overseer)) == 2  # the district sees its townships' requests


def test_someone_outside_the_staff_cannot_have_it(topic, client):
    actions.submit_request(topic, requester="王小明", phone="13905721234")
    response = client.get(f"{LIST}?export=xlsx")
    assert response.status_code == 302 and "login" in response.url
    assert OutreachRequest.objects.count() == 1
