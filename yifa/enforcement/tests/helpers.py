"""Builders for the enforcement tests: a unit with its powers list, officers and reviewer, and cases at each stage.

Everything is made through ``actions``, as a user would; time is frozen by the package conftest.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from yifa.core.audit import target_label
from yifa.core.identity import id_number_check_char, uscc_check_char
from yifa.core.models import AuditEntry
from yifa.core.testing import make_user
from yifa.enforcement import actions
from yifa.enforcement.models import EnforcementCase, LegalReview, Officer, Power

Case = EnforcementCase
TODAY = dt.date(2026, 3, 2)  # a Monday
D = Decimal


def id_number(first17: str = "33050219800101123") -> str:
    return first17 + id_number_check_char(first17)


def uscc(body: str = "91330502MA2B3C4D5") -> str:
    return body + uscc_check_char(body)


@dataclass
class World:
    tree: object
    org: object
    handler: object          # 经办人, registered 执法人员 with a valid certificate
    partner: Officer         # a second certified officer without an account
    officer: Officer         # the handler's officer record
    expired: Officer         # a certificate that ran out last month
    colleague: object        # another handler with a certificate (for wrong-officer tests)
    colleague_officer: Officer
    head: object
    reviewer_user: object
    reviewer: object         # LegalReviewer of the township
    power: Power             # 处罚 power with 裁量基准
    review_power: Power      # 处罚 power on the 法制审核目录 (and the 音像记录清单)
    inspection_power: Power
    sibling_power: Power


def officer(org, name, cert, *, user=None, expires=TODAY + dt.timedelta(days=400), issued=dt.date(2022, 3, 1)):
    return Officer.objects.create(org=org, user=user, name=name, cert_number=cert, issuing_body="浙江省人民政府",
                                  issued_on=issued, expires_on=expires, domains="城市管理")


def build(tree) -> World:
    org = tree.township
    handler = tree.township_handler
    colleague = make_user("colleague", org, full_name="钱同事")
    power = actions.create_power(by=tree.township_head, org=org, kind=Power.Kind.PENALTY, name="对占道经营的处罚",
                                 domain="城市管理", basis_law="城市市容和环境卫生管理条例", basis_article="第三十六条")
    for order, (circ, low, high, other) in enumerate([("minor", None, None, "警告"), ("ordinary", D("50"), D("200"), ""),
                                                      ("serious", D("200"), D("1000"), "")], start=1):
        actions.add_level(power, by=tree.township_head, circumstance=circ, condition=f"情形{order}", fine_min=low,
                          fine_max=high, other_penalty=other)
    review_power = actions.create_power(by=tree.township_head, org=org, kind=Power.Kind.PENALTY,
                                        name="对未取得乡村建设规划许可证建设的处罚", domain="规划",
                                        basis_law="城乡规划法", basis_article="第六十五条",
                                        requires_legal_review=True)
    inspection_power = actions.create_power(by=tree.township_head, org=org, kind=Power.Kind.INSPECTION,
                                            name="油烟排放检查", domain="生态环境", basis_law="大气污染防治法",
                                            basis_article="第二十九条")
    sibling_power = actions.create_power(by=tree.sibling_handler, org=tree.sibling, kind=Power.Kind.PENALTY,
                                         name="西镇的处罚事项", domain="城市管理", basis_law="城市市容和环境卫生管理条例",
                                         basis_article="第三十六条")
    reviewer = actions.create_reviewer(by=tree.township_head, org=org, user=tree.reviewer, name="赵审核",
                                       qualification="legal_profession", qualification_number="A2015330502")
    return World(
        tree=tree, org=org, handler=handler, head=tree.township_head, reviewer_user=tree.reviewer, reviewer=reviewer,
        officer=officer(org, "孙执法", "33050220210015", user=handler),
        partner=officer(org, "钱执法", "33050220210016"),
        expired=officer(org, "吴过期", "33050220180009", expires=TODAY - dt.timedelta(days=30),
                        issued=dt.date(2018, 1, 1)),
        colleague=colleague, colleague_officer=officer(org, "钱同事", "33050220210020", user=colleague),
        power=power, review_power=review_power, inspection_power=inspection_power, sibling_power=sibling_power,
    )


def file(w: World, *, power=None, days_ago=10, person=True, **extra) -> Case:
    fields = dict(
        cause="张三丰占道经营案", source=Case.Source.PATROL,
        party_kind=Case.PartyKind.PERSON if person else Case.PartyKind.ENTITY,
        party_name="张三丰" if person else "湖州某某餐饮有限公司",
        party_id_number=id_number() if person else uscc(), party_phone="13857201234",
        party_address="湖州市吴兴区环渚街道义皋村12组", facts="当事人张三丰在人行道上摆摊经营，占道约10平方米。",
        officers=[w.officer, w.partner], filed_on=TODAY - dt.timedelta(days=days_ago),
    )
    fields.update(extra)
    return actions.file_case(by=w.handler, org=w.org, power=power or w.power, **fields)


def record(w: World, case: Case, *, kind="site", upload=None, **extra) -> object:
    fields = dict(stage="investigation", title="现场检查笔录", content="出示执法证件，现场检查。",
                  occurred_at=timezone.make_aware(dt.datetime.combine(case.filed_on, dt.time(10, 0))),
                  officers=[w.officer, w.partner])
    if kind == "inquiry":
        fields["interviewee"] = "张三丰"
    fields.update(extra)
    return actions.add_record(case, by=w.handler, kind=kind, upload=upload, **fields)


def video(name="执法记录仪.mp4") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"\x00\x00\x00\x18ftypmp42" + name.encode() + b"\x00" * 32)


def photo(name="现场照片.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"\x89PNG\r\n\x1a\n" + name.encode() + b"\x00" * 32)


def investigated(w: World, **extra) -> Case:
    case = file(w, **extra)
    record(w, case)
    return case


def informed(w: World, *, days_ago=8, fine=D("150"), hearing=False, **extra) -> Case:
    extra.setdefault("days_ago", max(10, days_ago + 2))
    case = investigated(w, **extra)
    return actions.inform(case, by=w.handler, informed_on=TODAY - dt.timedelta(days=days_ago),
                          proposed_penalty=f"罚款 {fine} 元", proposed_fine=fine, hearing_offered=hearing)


def reviewed(w: World, case: Case) -> Case:
    review = actions.submit_review(case, by=w.handler, reviewer=w.reviewer, materials="调查终结报告")
    actions.review_case(review, by=w.reviewer_user, outcome=LegalReview.Outcome.AGREE, opinion="同意。")
    case.refresh_from_db()
    return case


def decided(w: World, *, fine=D("150"), **extra) -> Case:
    case = informed(w, fine=fine, **extra)
    return actions.decide(case, by=w.head, decision_kind=Case.DecisionKind.PENALTY, decided_on=TODAY,
                          penalty_content=f"罚款 {fine} 元", fine_amount=fine,
                          discretion_level=w.power.levels.get(circumstance="ordinary"))


def served(w: World, **extra) -> Case:
    return actions.serve(decided(w, **extra), by=w.handler, served_on=TODAY, method=Case.Service.DIRECT)


def audit_actions(obj) -> list[str]:
    target_type, target_id, _ = target_label(obj)
    return list(AuditEntry.objects.filter(target_type=target_type, target_id=target_id).order_by("seq")
                .values_list("action", flat=True))


def deadline(case, code):
    from yifa.core import deadlines

    return next((d for d in deadlines.of(case) if d.rule.code == code), None)
