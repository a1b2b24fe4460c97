from django.urls import reverse

from yifa.core.models import AuditEntry
from yifa.decisions import actions
from yifa.decisions.models import Decision

from .conftest import at, meeting_post, post

PUBLISH = {"party_reported_on": "2025-03-03", "published_on": "2025-03-03", "channel": "区政府门户网站",
           "interpretation": "采纳了居民停车位建议。"}


def decided(client, tree, ready):
    post(client, tree.township_handler, reverse("decisions:meeting_record", args=[ready.pk]), meeting_post())
    ready.refresh_from_db()
    return ready


def test_publication_follows_the_report_to_the_party_committee(client, tree, ready):
    d = decided(client, tree, ready)
    url = reverse("decisions:decision_publish", args=[d.pk])
    client.force_login(tree.township_handler)
    assert client.get(url).status_code == 405
    assert post(client, tree.reviewer, url, PUBLISH).status_code == 403
    assert post(client, tree.sibling_handler, url, PUBLISH).status_code == 404
    with at(2025, 3, 10):
        response = post(client, tree.township_handler, url, {**PUBLISH, "party_reported_on": "2025-03-08",
                                                             "published_on": "2025-03-05"})
        assert response.status_code == 400 and "第三十一条" in response.content.decode()
        assert post(client, tree.township_handler, url, {**PUBLISH, "published_on": "2025-03-06"}).status_code == 302
    d.refresh_from_db()
    assert d.status == Decision.Status.PUBLISHED and d.publication_channel == "区政府门户网站"
    assert post(client, tree.township_handler, url, PUBLISH).status_code == 409
    page = client.get(reverse("decisions:public_decision", args=[d.pk])).content.decode()
    assert "同意实施改造方案。" in page and "采纳了居民停车位建议。" in page


def test_the_archive_check_lists_what_the_file_lacks(client, tree, ready):
    d = decided(client, tree, ready)
    with at(2025, 3, 10):
        actions.publish(d, by=tree.township_handler, party_reported_on=d.decided_on, published_on=d.decided_on,
                        channel="网站", interpretation="解读")
        archive = reverse("decisions:decision_archive", args=[d.pk])
        client.force_login(tree.township_handler)
        assert client.get(archive).status_code == 405
        assert post(client, tree.reviewer, archive).status_code == 403
        assert post(client, tree.sibling_handler, archive).status_code == 404
        response = post(client, tree.township_handler, archive)
        assert response.status_code == 400
        assert "决策档案不完整，缺少：决策执行情况（《重大行政决策程序暂行条例》第三十三条）" in response.content.decode()
        implementation = reverse("decisions:implementation_add", args=[d.pk])
        assert post(client, tree.reviewer, implementation, {}).status_code == 403
        assert post(client, tree.township_handler, implementation,
                    {"noted_on": "2025-03-08", "kind": "progress", "unit": "", "text": "首批小区开工"}).status_code == 302
        assert post(client, tree.township_handler, archive).status_code == 302
    d.refresh_from_db()
    assert d.status == Decision.Status.ARCHIVED and str(d.archived_on) == "2025-03-10"
    assert AuditEntry.objects.filter(action="decisions.archive").exists()


def test_the_checklist_names_missing_items_for_a_bare_decision(tree, decision):
    missing = [i.label for i in actions.archive_checklist(decision) if not i.present]
    assert missing == ["征求意见公告、公众意见及采纳情况说明", "专家论证意见", "风险评估报告", "合法性审查意见书",
                       "集体讨论会议纪要及发言记录", "向同级党委请示报告记录", "决策公布及政策解读", "决策执行情况"]


def test_a_post_evaluation_may_not_be_done_by_the_pre_decision_assessor(client, tree, ready):
    d = decided(client, tree, ready)
    with at(2025, 6, 10):
        actions.publish(d, by=tree.township_handler, party_reported_on=d.decided_on, published_on=d.decided_on,
                        channel="网站", interpretation="解读")
        url = reverse("decisions:evaluation_add", args=[d.pk])
        data = {"evaluated_on": "2025-06-01", "evaluator": "平安办", "third_party": "on", "trigger": "objections",
                "findings": "效果良好", "recommendation": "continue"}
        response = post(client, tree.township_handler, url, data)
        assert response.status_code == 400 and "第三十六条" in response.content.decode()
        assert post(client, tree.township_handler, url, {**data, "evaluator": "湖州市社会科学院"}).status_code == 302
        assert post(client, tree.reviewer, url, data).status_code == 403
    assert d.evaluations.get().evaluator == "湖州市社会科学院"


def test_follow_up_is_refused_before_publication(client, tree, decision):
    response = post(client, tree.township_handler, reverse("decisions:implementation_add", args=[decision.pk]),
                    {"noted_on": "2025-03-03", "kind": "progress", "text": "x"})
    assert response.status_code == 409
