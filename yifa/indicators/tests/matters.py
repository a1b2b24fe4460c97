"""Matters of every module made through the modules' own actions, for the persona tree (today frozen at
2025年11月20日): what the figures' tests count. Each builder returns what it made."""

import datetime as dt
from decimal import Decimal

D = dt.date


def mediation_cases(tree):
    """Township: agreed, failed, still mediating; sibling: agreed."""
    from yifa.mediation.tests.helpers import build, make_case

    w = build(tree)
    return {"agreed": make_case(w, "agreed", title="张三与李四相邻通行纠纷"),
            "failed": make_case(w, "failed", title="王五与赵六借款纠纷"),
            "open": make_case(w, "mediating", title="钱七与孙八物业纠纷"),
            "sibling": make_case(w, "agreed", org=tree.sibling, title="西镇的纠纷")}


def petitions(tree):
    """Township: one answered on time, one late, one still open."""
    from yifa.petitions import actions
    from yifa.petitions.models import Petition

    def petition(received_on):
        return actions.register(by=h, org=tree.township, received_on=received_on, channel=Petition.Channel.VISIT,
                                petitioner_name="沈国强", petitioner_id_number="330502196805123416",
                                petitioner_phone="13957201234", petitioner_address="湖州市吴兴区环渚街道龙溪社区8幢",
                                title="地下车库积水", content="车库每逢下雨即积水。", category=Petition.Category.CLAIM,
                                subject=Petition.Subject.PROPERTY)

    h = tree.township_handler
    on_time = petition(D(2025, 1, 6))
    actions.accept(on_time, by=h, on=D(2025, 1, 10))
    actions.reply(on_time, by=h, on=D(2025, 2, 20), opinion="support", opinion_text="支持")
    late = petition(D(2025, 2, 3))
    actions.accept(late, by=h, on=D(2025, 2, 5))
    actions.reply(late, by=h, on=D(2025, 5, 6), opinion="reject", opinion_text="不予支持")
    return {"on_time": on_time, "late": late, "open": petition(D(2025, 6, 3))}


def legal_reviews(tree):
    """Two opinions of the township (one adopted), a second 村 and an adviser serving in the first."""
    from yifa.core.testing import make_org
    from yifa.legal_review import actions

    def issue(title, adoption):
        review = actions.request_review(org=tree.township, by=tree.township_handler, subject="contract", title=title,
                                        materials="材料", counterpart="相对方")
        actions.assign(review, by=tree.reviewer, reviewer=tree.reviewer)
        actions.issue_opinion(review, by=tree.reviewer, conclusion="lawful", opinion="意见", basis="依据")
        actions.record_adoption(review, by=tree.township_handler, adoption=adoption,
                                note="" if adoption == "adopted" else "理由")
        return review

    adopted, refused = issue("采购合同", "adopted"), issue("租赁合同", "not_adopted")
    second_village = make_org("东二村", "village", tree.township)
    actions.add_adviser(org=tree.village, by=tree.township_handler, name="沈律师", firm="律所",
                        serves_from=D(2025, 1, 1))
    return {"adopted": adopted, "refused": refused, "second_village": second_village}


def decision(tree):
    """A catalogue decision of the township, through every step, decided today."""
    from yifa.decisions import actions
    from yifa.decisions.tests.conftest import VIEWS, finish_expert_and_risk, finish_legality, finish_participation

    catalogue = actions.create_catalogue(org=tree.township, by=tree.township_handler, year=2025)
    made = actions.add_decision(org=tree.township, by=tree.township_handler, kind="major", category="project",
                                title="东街道老旧小区改造方案", catalogue=catalogue, undertaking_unit="城建办")
    actions.start(made, by=tree.township_handler, undertaking_unit="城建办")
    actions.update_draft(made, by=tree.township_handler, draft_text="一、改造范围", draft_notes="入户调查",
                         basis="《国务院办公厅关于全面推进城镇老旧小区改造工作的指导意见》")
    finish_participation(made, tree)
    finish_expert_and_risk(made, tree)
    finish_legality(made, tree)
    actions.record_collective_decision(
        made, by=tree.township_handler, kind="office", held_on=D(2025, 11, 20), presided_by="陈主任",
        attendees="陈主任、刘副主任、张副主任、吴部长", views=VIEWS, outcome="approved", minutes="同意实施。",
        decision_text="同意实施改造方案。")
    return made


def normative_documents(tree):
    """Two documents of the township published in 2025, one filed (and ordered corrected)."""
    from yifa.normative_docs import actions
    from yifa.normative_docs.tests.conftest import published

    def draft(title):
        return actions.create_document(org=tree.township, by=tree.township_handler, title=title, drafting_unit="党政办",
                                       basis="《浙江省动物防疫条例》", draft_text="第一条 为规范养犬行为，制定本规定。",
                                       drafting_notes="回应群众反映。")

    filed = published(draft("东街道文明养犬管理规定"), tree)
    unfiled = published(draft("东街道门前三包管理办法"), tree, on=D(2025, 3, 10))
    filing = actions.file(filed, by=tree.township_handler, filed_on=D(2025, 2, 20), report="报备")
    actions.order_correction(filing, by=tree.district_overseer, problem="第三条超出上位法", requirement="删除第三条")
    return {"filed": filed, "unfiled": unfiled}


def disclosure(tree):
    """Township: a request answered on time, one late, a publication; sibling: a request still open."""
    from yifa.disclosure import actions
    from yifa.disclosure.tests.conftest import make_publication, make_request

    h = tree.township_handler
    on_time = make_request(tree.township, h, received_on=D(2025, 8, 18))
    actions.reply(on_time, by=h, on=D(2025, 9, 1), outcome="disclosed", reason="provided", reply_text="现邮寄提供。")
    late = make_request(tree.township, h, received_on=D(2025, 6, 2))
    actions.reply(late, by=h, on=D(2025, 9, 1), outcome="disclosed", reason="provided", reply_text="现邮寄提供。")
    make_request(tree.sibling, tree.sibling_handler, received_on=D(2025, 8, 20))
    publication = make_publication(tree.township, h)
    actions.publish(publication, by=h, on=D(2025, 8, 8))
    return {"on_time": on_time, "late": late, "publication": publication}


def enforcement(tree):
    """Township officers (one without a certificate), two cases filed, one decided after its legal review and
    published."""
    from yifa.enforcement import actions
    from yifa.enforcement.tests.helpers import build, file, record, reviewed

    w = build(tree)
    actions.create_officer(by=tree.township_head, org=tree.township, name="周无证", cert_number="",
                           domains="城市管理")
    for day in (D(2025, 10, 8), D(2025, 11, 3)):
        file(w, filed_on=day)
    case = file(w, power=w.review_power, filed_on=D(2025, 10, 20))
    record(w, case)
    actions.inform(case, by=w.handler, informed_on=D(2025, 11, 3), proposed_penalty="罚款 150 元",
                   proposed_fine=Decimal("150"), hearing_offered=False)
    case = reviewed(w, case)
    actions.decide(case, by=w.head, decision_kind=case.DecisionKind.PENALTY, decided_on=D(2025, 11, 20),
                   penalty_content="罚款 150 元", fine_amount=Decimal("150"),
                   discretion_level=w.review_power.levels.first())
    actions.publish(case, by=w.handler, on=D(2025, 11, 20))
    return w


def lawsuits(tree):
    """Township: three 行政诉讼 (one lost, heard with its head appearing; one won; one withdrawn), a 复议 case and a
    司法建议 answered."""
    from yifa.oversight import actions

    by, cases = tree.township_handler, []
    base = {"body": "甲区人民法院", "claimant": "周某某", "disputed_act": "《责令限期拆除违法建筑决定书》",
            "act_category": "coercion"}
    for number, outcome, appearance in [("1", "revoked", "head"), ("2", "claim_rejected", "staff"),
                                        ("3", "withdrawn", None)]:
        case = actions.register_case(by=by, org=tree.township, kind="litigation", case_no=f"（2025）甲行初{number}号",
                                     received_on=D(2025, 6, 2), **base)
        actions.reply_case(case, by=by, replied_on=D(2025, 6, 10), summary="答辩", evidence="证据")
        if appearance:
            actions.record_hearing(case, by=by, kind="court", held_on=D(2025, 7, 15), appearance=appearance,
                                   head_name="陈卫东" if appearance == "head" else "", staff="李晓燕",
                                   absence_reason="" if appearance == "head" else "official_duty")
        actions.conclude(case, by=by, outcome=outcome, decided_on=D(2025, 8, 20))
        cases.append(case)
    letter = actions.receive_letter(cases[0], by=by, kind="judicial_suggestion", received_on=D(2025, 8, 25),
                                    issued_by="甲区人民法院",
                                    content="建议规范拆违程序")
    actions.answer_letter(letter, by=by, answered_on=D(2025, 9, 10), answer="已整改")
    reconsideration = actions.register_case(by=tree.sibling_handler, org=tree.sibling, kind="reconsideration",
                                            case_no="甲政复〔2025〕15号", received_on=D(2025, 9, 26),
                                            **{**base, "body": "甲区人民政府"})
    return {"cases": cases, "letter": letter, "reconsideration": reconsideration}


def study(tree):
    """学法: three cadres of the township (one reaching 60 学时), sessions in March and September (hours within the limit of 40 a session), an exam in
    November (one passed, one failed, one absent); one cadre of the sibling with a session."""
    from yifa.training import actions

    def cadres(org, by, names):
        return [actions.add_cadre(by=by, org=org, name=name, position="干部", category="staff") for name in names]

    t, s = tree.township_handler, tree.sibling_handler
    chen, li, sun = cadres(tree.township, t, ["陈卫东", "李晓燕", "孙强"])
    for held_on, attendees, hours in [(D(2025, 3, 12), [chen, li, sun], Decimal(30)),
                                      (D(2025, 9, 3), [chen], Decimal(30)), (D(2025, 9, 4), [li], Decimal(8))]:
        actions.record_session(by=t, org=tree.township, attendees=attendees, kind="lecture", title="专题讲座",
                               held_on=held_on, hours=hours)
    [wang] = cadres(tree.sibling, s, ["王芳"])
    for held_on in (D(2025, 5, 6), D(2025, 6, 6)):
        actions.record_session(by=s, org=tree.sibling, attendees=[wang], kind="lecture", title="专题讲座",
                               held_on=held_on, hours=Decimal(32))
    exam = actions.schedule_exam(by=t, org=tree.township, kind="annual", title="2025年度学法考试", held_on=D(2025, 11, 1),
                                 full_score=100, pass_score=60)
    actions.record_scores(exam, by=t, scores={chen: 85, li: 52, sun: None})
    for org, by, day in [(tree.township, t, D(2025, 3, 15)), (tree.sibling, s, D(2025, 5, 4))]:
        actions.record_activity(by=by, org=org, theme="民法典进社区", held_on=day, place="文化礼堂", audience=80)
    return {"cadres": [chen, li, sun, wang], "exam": exam}


BUILDERS = [mediation_cases, petitions, legal_reviews, decision, normative_documents, disclosure, enforcement,
            lawsuits, study]
