"""The mediation world of the tests: committees and mediators on the core test tree, cases in each state.

    district ─┬─ township (东街道) ── village (东一社区)
              └─ sibling (西镇)
"""

import datetime as dt
from dataclasses import dataclass

from yifa.core.identity import id_number_check_char, uscc_check_char
from yifa.core.models import AuditEntry, Role
from yifa.core.testing import make_user

from .. import actions
from ..models import Channel, Committee, DisputeCase, DisputeType, Mediator, Party

TODAY = dt.date(2025, 3, 10)  # a Monday; 清明 (4月4日–6日) and 劳动节 lie ahead


def id_number(birth: str = "19800101", seq: str = "123") -> str:
    first17 = "330502" + birth + seq
    return first17 + id_number_check_char(first17)


def uscc(body: str = "91330502MA2B3C4D5") -> str:
    return body + uscc_check_char(body)


def party(name: str, side: str = Party.Side.APPLICANT, **extra) -> dict:
    data = {"side": side, "kind": Party.Kind.PERSON, "name": name, "gender": "male",
            "id_number": id_number(seq=f"{sum(map(ord, name)) % 900 + 100}"), "phone": "13800001111",
            "address": f"浙江省湖州市测试路{sum(map(ord, name)) % 90 + 10}号"}
    data.update(extra)
    return data


@dataclass
class World:
    tree: object
    mediator_user: object       # 调解员 in the township, linked to the township committee's chair
    village_mediator_user: object
    committee: Committee        # the township's 调委会
    village_committee: Committee
    sibling_committee: Committee
    chair: Mediator
    member: Mediator
    adviser: Mediator
    village_chair: Mediator

    def case(self, state: str = "registered", *, org=None, by=None, **extra) -> DisputeCase:
        return make_case(self, state, org=org, by=by, **extra)


def build(tree) -> World:
    mediator_user = make_user("tiaojie", tree.township, Role.MEDIATOR, full_name="王调解")
    village_user = make_user("cun.tiaojie", tree.village, Role.MEDIATOR, full_name="李村调")
    committee = actions.create_committee(by=tree.township_head, org=tree.township, name="东街道人民调解委员会",
                                         term_start=dt.date(2024, 1, 1))
    chair = actions.add_mediator(committee, by=tree.township_head, name="王调解", gender="female",
                                 position=Mediator.Position.CHAIR, grade=Mediator.Grade.FIRST,
                                 specialities=[DisputeType.NEIGHBOUR], user=mediator_user)
    member = actions.add_mediator(committee, by=tree.township_head, name="赵委员", gender="male",
                                  position=Mediator.Position.MEMBER)
    actions.add_mediator(committee, by=tree.township_head, name="钱委员", gender="male",
                         position=Mediator.Position.MEMBER)
    adviser = actions.add_mediator(committee, by=tree.township_head, name="孙律师", gender="male",
                                   position=Mediator.Position.LEGAL_ADVISER, workplace="测试律师事务所")
    village_committee = actions.create_committee(by=tree.township_head, org=tree.village, name="东一社区人民调解委员会",
                                                 term_start=dt.date(2024, 1, 1))
    village_chair = actions.add_mediator(village_committee, by=tree.township_head, name="李村调", gender="female",
                                         position=Mediator.Position.CHAIR, user=village_user)
    sibling_committee = actions.create_committee(by=tree.sibling_handler, org=tree.sibling, name="西镇人民调解委员会",
                                                 term_start=dt.date(2024, 1, 1))
    actions.add_mediator(sibling_committee, by=tree.sibling_handler, name="周西", gender="female",
                         position=Mediator.Position.CHAIR)
    return World(tree, mediator_user, village_user, committee, village_committee, sibling_committee, chair, member,
                 adviser, village_chair)


AGREEMENT = {
    "facts": "李四在通道上堆放建材，张三出入不便。", "issues": "通道是否应当清理。",
    "responsibilities": "李四占用共用通道，应负主要责任。", "terms": "一、李四于三日内清除建材。\n二、双方共同维护通道畅通。",
    "performance_method": "李四自行清理，调委会现场确认。", "performance_deadline": TODAY + dt.timedelta(days=3),
    "performance_place": "东街道", "copies": 3,
}


def make_case(w: World, state: str = "registered", *, org=None, by=None, **extra) -> DisputeCase:
    """A case of the township (or ``org``) carried to ``state`` through the actions."""
    tree = w.tree
    org = org or tree.township
    by = by or (w.mediator_user if org == tree.township else w.village_mediator_user if org == tree.village
                else tree.sibling_handler)
    fields = {"title": "张三与李四相邻通行纠纷", "dispute_type": DisputeType.NEIGHBOUR, "channel": Channel.WALK_IN,
              "description": "李四在两家之间的通道上堆放建材，张三出入不便。", "claims": "清除堆放物。",
              "registered_on": TODAY,
              "parties": [party("张三"), party("李四", Party.Side.RESPONDENT)]}
    fields.update(extra)
    case = actions.register_case(by=by, org=org, **fields)
    if state == "registered":
        return case
    if state == "rejected":
        return actions.reject(case, by=by, reason=DisputeCase.RejectReason.PARTY_REFUSES)
    actions.accept(case, by=by, on=TODAY)
    if state == "accepted":
        return case
    committee = {tree.township: w.committee, tree.village: w.village_committee}.get(org, w.sibling_committee)
    lead = committee.people.filter(is_active=True).exclude(position=Mediator.Position.LEGAL_ADVISER).first()
    actions.assign(case, by=by, committee=committee, lead=lead, on=TODAY)
    if state == "mediating":
        return case
    if state in ("drafted", "agreed", "followed_up", "closed"):
        actions.draft_agreement(case, by=by, **AGREEMENT)
        if state == "drafted":
            return case
        actions.sign_agreement(case, by=by, signed_party_ids=[p.pk for p in case.parties.all()],
                               mediator_signed=True, sealed=True, signing_mediator=lead, effective_on=TODAY)
    elif state in ("failed", "failed_closed"):
        actions.record_failure(case, by=by, routes=[DisputeCase.Route.LITIGATION], note="双方分歧较大。", on=TODAY)
        if state == "failed_closed":
            actions.close(case, by=by, on=TODAY)
        return case
    if state == "agreed":
        return case
    actions.follow_up(case, by=by, visited_on=TODAY, method="phone", visitor="王调解", performance="done",
                      result="已履行。", satisfaction="satisfied")
    if state == "followed_up":
        return case
    return actions.close(case, by=by, on=TODAY)


def audit_actions(case) -> list[str]:
    return list(AuditEntry.objects.filter(target_type="mediation.disputecase", target_id=str(case.pk))
                .order_by("seq").values_list("action", flat=True))
