"""法定期限规则: one screen with every rule and its article; only 本地设定 rules are editable, by the top administrator."""

from yifa.core.models import AuditEntry, StatutoryRule

CONTRACT_CODES = """mediation.resolve mediation.judicial_confirmation mediation.follow_up enforcement.case
enforcement.hearing_request enforcement.hearing_notice enforcement.publicity enforcement.publicity_other
enforcement.publicity_withdraw decisions.public_comment decisions.hearing_materials decisions.legality_review
normative.comment normative.comment_business normative.legality_review normative.filing normative.correction
normative.validity normative.cleanup petitions.notify petitions.handle petitions.review_request petitions.review
petitions.recheck_request petitions.recheck petitions.objection disclosure.reply disclosure.correction_notice
disclosure.third_party disclosure.proactive oversight.suggestion oversight.suggestion_difficult
oversight.reconsideration_reply oversight.reconsideration_reply_simple oversight.litigation_reply
oversight.opinion_letter oversight.judicial_suggestion reports.publish reports.submit""".split()


def test_every_agreed_rule_is_seeded_with_its_citation(db):
    rules = {r.code: r for r in StatutoryRule.objects.all()}
    missing = [c for c in CONTRACT_CODES if c not in rules]
    assert missing == []
    for rule in rules.values():
        assert rule.instrument and rule.confidence in ("T", "P", "M", "NV")
    assert rules["petitions.handle"].extension_label == "可延长30日，一次"
    assert rules["disclosure.reply"].period_label == "20个工作日"
    assert rules["normative.validity"].is_local and not rules["enforcement.case"].is_local


def test_the_list_shows_every_rule_with_its_article_to_any_staff(client, tree):
    client.force_login(tree.township_handler)
    text = client.get("/system/rules/").content.decode()
    for rule in StatutoryRule.objects.all():
        assert rule.name in text
    assert "《行政处罚法》第六十条" in text and "本地设定" in text
    assert "修改</a>" not in text


def test_the_administrator_edits_a_local_rule_and_it_is_audited(client, tree):
    rule = StatutoryRule.objects.get(code="normative.filing")
    client.force_login(tree.admin)
    assert "修改</a>" in client.get("/system/rules/").content.decode()
    data = {"name": rule.name, "trigger": rule.trigger, "count": 15, "unit": "day", "fixed_exclusive": "on",
            "extension_count": 0, "extension_max_times": 0, "note": "本省规定15日"}
    response = client.post(f"/system/rules/{rule.pk}/", data)
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.count == 15
    entry = AuditEntry.objects.get(action="core.rule_update")
    assert entry.changes["count"] == [30, 15]


def test_bad_rule_input_is_refused_in_chinese(client, tree):
    rule = StatutoryRule.objects.get(code="normative.filing")
    client.force_login(tree.admin)
    data = {"name": rule.name, "trigger": rule.trigger, "count": 0, "unit": "day", "extension_count": 0,
            "extension_max_times": 2}
    text = client.post(f"/system/rules/{rule.pk}/", data).content.decode()
    assert "期间长度应大于零" in text and "请填写每次可延长的期间和单位" in text
    rule.refresh_from_db()
    assert rule.count == 30


def test_a_statutory_rule_cannot_be_edited_locally(client, tree):
    rule = StatutoryRule.objects.get(code="enforcement.case")
    client.force_login(tree.admin)
    assert client.get(f"/system/rules/{rule.pk}/").status_code == 403
    assert client.post(f"/system/rules/{rule.pk}/", {"count": 10}).status_code == 403
    rule.refresh_from_db()
    assert rule.count == 90


def test_other_roles_cannot_edit_rules(client, tree):
    rule = StatutoryRule.objects.get(code="normative.filing")
    client.force_login(tree.district_overseer)
    assert client.get(f"/system/rules/{rule.pk}/").status_code == 403
    assert client.get("/system/rules/999999/").status_code == 404
