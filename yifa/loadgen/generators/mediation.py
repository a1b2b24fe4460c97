"""人民调解: committees and mediators of every 乡镇/街道 and 村/社区, five years of disputes (about 450 a year in
an average 乡镇, most of them handled in the 村), their parties, sessions, agreements, follow-ups, clocks,
screening rounds, and scanned agreements as small attachments."""

import datetime as dt

from yifa.mediation.models import (Agreement, Committee, DisputeCase, DisputeType, Channel, Finding, FollowUp, Mediator,
                                   Party, ScreeningRound, Session)

from .. import names
from ..context import Context

APP = "yifa.mediation"
PER_TOWN_YEAR = 450
CASE_NUMBER = "{abbr}调〔{year}〕{n}号"
AGREEMENT_NUMBER = "{abbr}调协〔{year}〕{n}号"
S = DisputeCase.Status

TYPES = {DisputeType.NEIGHBOUR: 24, DisputeType.MARRIAGE_FAMILY: 20, DisputeType.HOUSING: 10, DisputeType.CONTRACT: 8,
         DisputeType.LABOUR: 8, DisputeType.DAMAGES: 8, DisputeType.PROPERTY_MGMT: 5, DisputeType.LAND: 4,
         DisputeType.TRAFFIC: 4, DisputeType.DEMOLITION: 2, DisputeType.CONSUMER: 2, DisputeType.MEDICAL: 1,
         DisputeType.BUSINESS: 2, DisputeType.ENVIRONMENT: 1, DisputeType.OTHER: 1}
CHANNELS = {Channel.WALK_IN: 44, Channel.GRID: 20, Channel.PHONE: 8, Channel.POLICE: 10, Channel.COURT: 5,
            Channel.PETITION: 3, Channel.ONLINE: 5, Channel.INITIATIVE: 5}
REFERRERS = {Channel.POLICE: "派出所", Channel.COURT: "人民法院", Channel.PETITION: "信访办"}
MONEY = {DisputeType.CONTRACT, DisputeType.LABOUR, DisputeType.DAMAGES, DisputeType.TRAFFIC, DisputeType.CONSUMER,
         DisputeType.MEDICAL, DisputeType.BUSINESS}


def _committees(ctx: Context, rng):
    """One committee per unit; 5 people in a 乡镇/街道 committee, 3 in a 村/社区 one. Returns unit id -> (committee,
    [mediator ids], {mediator id: user id})."""
    w = ctx.writer
    out = {}
    for town in ctx.towns:
        for unit in [town, *town.children]:
            big = unit is town
            term = dt.date(ctx.first.year - rng.randint(0, 2), rng.randint(1, 12), 1)
            committee = w.add(Committee, org_id=unit.id, name=f"{unit.name}人民调解委员会", term_start=term,
                              phone=names.phone(rng), address=f"{unit.name}便民服务中心", is_active=True,
                              _at=ctx.at(ctx.first))
            positions = ([Mediator.Position.CHAIR, Mediator.Position.VICE_CHAIR, Mediator.Position.MEMBER,
                          Mediator.Position.MEMBER, Mediator.Position.FULL_TIME] if big else
                         [Mediator.Position.CHAIR, Mediator.Position.MEMBER, Mediator.Position.MEMBER])
            people, accounts = [], {}
            account = (unit.users.get("mediator") or [None])[0]
            for i, position in enumerate(positions):
                user = account if position in (Mediator.Position.FULL_TIME, Mediator.Position.CHAIR) and \
                    account and account not in accounts.values() else None
                pk = w.add(Mediator, committee_id=committee, name=names.person(rng),
                           gender=Mediator.Gender.FEMALE if i == 1 or rng.random() < 0.35 else Mediator.Gender.MALE,
                           position=position, grade=rng.choice(("", "third", "fourth", "second")),
                           specialities=rng.sample(list(TYPES), 2), phone=names.phone(rng), user_id=user,
                           appointed_on=term, is_active=True)
                people.append(pk)
                if user:
                    accounts[pk] = user
            out[unit.id] = (committee, people, accounts)
    return out


def generate(ctx: Context):
    rng = ctx.rng("mediation")
    w = ctx.writer
    committees = _committees(ctx, rng)
    through = DisputeCase.co_mediators.through
    session_mediators = Session.mediators.through
    until = ctx.until
    for town in ctx.towns:
        units = [town, *town.children]
        weights = [1.6, *(v.weight for v in town.children)]
        registrar = town.users["handler"][0]
        for day in ctx.days(rng, PER_TOWN_YEAR, town.weight, "disputes"):
            unit = rng.choices(units, weights=weights)[0]
            committee, people, accounts = committees[unit.id]
            kind = ctx.pick(rng, TYPES)
            channel = ctx.pick(rng, CHANNELS)
            a, b = names.person(rng), names.person(rng)
            title = f"{a[0]}某与{b[0]}某{DisputeType(kind).label.removesuffix('纠纷')}纠纷"
            number = ctx.number(unit, "mediation.case", day.year, CASE_NUMBER)
            age = (until - day).days
            fields = dict(
                org_id=unit.id, origin_org_id=unit.id, number=number, title=title, dispute_type=kind, channel=channel,
                referral_from=(town.name + REFERRERS[channel]) if channel in REFERRERS else "",
                description=f"{a}与{b}因{DisputeType(kind).label}发生争执，申请调解。",
                claims="请求依法调解处理。", location=names.address(rng, unit.name),
                amount=rng.randint(5, 2000) * 100 if kind in MONEY else None,
                people_involved=2 if rng.random() < 0.9 else rng.randint(3, 30),
                registered_on=day, registered_by_id=registrar, _at=ctx.at(day, rng))
            pk = w.reserve(DisputeCase)
            status, outcome, outcome_on, closed_on, accepted_on, due = S.REGISTERED, "", None, None, None, None
            lead = None
            if rng.random() < 0.03 and age > 2:
                status = S.REJECTED
                fields.update(rejected_on=day + dt.timedelta(days=rng.randint(0, 2)),
                              reject_reason=DisputeCase.RejectReason.HANDLED_ELSEWHERE, reject_note="已由人民法院受理。")
            elif age > 2 or rng.random() < 0.5:
                accepted_on = min(day + dt.timedelta(days=rng.choice((0, 0, 0, 1, 1, 2))), until)
                due = ctx.due("mediation.resolve", accepted_on)
                lead = rng.choice(people)
                took = int(rng.lognormvariate(2.1, 0.8)) + 1  # median about 9 days; about 6 in 100 beyond a month
                done = accepted_on + dt.timedelta(days=took)
                stale = rng.random() < 0.004  # a few forgotten ones stay open: the overdue list
                if done <= until and not stale:
                    outcome = ctx.pick(rng, {DisputeCase.Outcome.WRITTEN: 64, DisputeCase.Outcome.ORAL: 28,
                                             DisputeCase.Outcome.FAILED: 8})
                    outcome_on = done
                    status = S.FAILED if outcome == DisputeCase.Outcome.FAILED else S.AGREED
                    if (until - done).days > 40 and rng.random() < 0.9:
                        status, closed_on = S.CLOSED, done + dt.timedelta(days=rng.randint(15, 40))
                    elif status == S.AGREED and (until - done).days > 15 and rng.random() < 0.6:
                        status = S.FOLLOWED_UP
                else:
                    status = S.MEDIATING if rng.random() < 0.85 else S.ACCEPTED
                    if status == S.ACCEPTED:
                        lead = None
                fields.update(accepted_on=accepted_on, resolve_due_on=due, committee_id=committee,
                              lead_mediator_id=lead, assigned_on=accepted_on if lead else None, outcome=outcome,
                              outcome_on=outcome_on, closed_on=closed_on,
                              failure_routes=["litigation"] if outcome == DisputeCase.Outcome.FAILED else [],
                              failure_note="双方分歧较大，已告知可向人民法院起诉。" if outcome == "failed" else "",
                              close_note="履行完毕，结案归档。" if closed_on else "")
                if outcome in (DisputeCase.Outcome.WRITTEN, DisputeCase.Outcome.ORAL) and rng.random() < 0.2:
                    fields["rating"] = ctx.pick(rng, {"good": 85, "fair": 12, "poor": 3})
            last = closed_on or outcome_on or accepted_on or day
            w.add(DisputeCase, id=pk, status=status, updated_at=ctx.at(min(last, until)), **fields)
            repr_ = f"{number} {title}"
            ctx.audit("mediation.register", target=DisputeCase, target_id=pk, target_repr=repr_, org=unit,
                      at=fields["_at"], actor=registrar)
            # parties
            sides = [("applicant", a), ("respondent", b)] + ([("third", names.person(rng))] if rng.random() < 0.08 else [])
            for order, (side, name) in enumerate(sides):
                company = side == "respondent" and rng.random() < 0.1
                if company:
                    name, _industry = names.company(rng, town.name)
                w.add(Party, case_id=pk, side=side, kind="organisation" if company else "person", name=name,
                      gender="" if company else rng.choice(("male", "female")),
                      id_number=names.uscc(rng) if company else names.id_number(rng),
                      legal_rep=names.person(rng) if company else "", phone=names.phone(rng),
                      address=names.address(rng, unit.name), sort_order=order)
            if accepted_on is None:
                continue
            if lead and rng.random() < 0.2:
                other = rng.choice(people)
                if other != lead:
                    w.add(through, disputecase_id=pk, mediator_id=other)
            ctx.deadline(target=DisputeCase, target_id=pk, target_repr=repr_, url=ctx.url("mediation:case_detail", pk),
                         org=unit.id, rule_code="mediation.resolve", started_on=accepted_on, done_on=outcome_on,
                         by=registrar, due_on=due)
            if lead:
                held = min(accepted_on + dt.timedelta(days=max(1, (outcome_on - accepted_on).days // 2)
                                                      if outcome_on else 3), until)
                session = w.add(Session, case_id=pk, held_on=held, place=f"{unit.name}人民调解室",
                                attendees=f"{a}、{b}", summary="双方陈述意见，调解员释法说理。", is_held=True,
                                recorded_by_id=accounts.get(lead), _at=ctx.at(held, rng))
                w.add(session_mediators, session_id=session, mediator_id=lead)
            if outcome in (DisputeCase.Outcome.WRITTEN, DisputeCase.Outcome.ORAL):
                written = outcome == DisputeCase.Outcome.WRITTEN
                w.add(Agreement, case_id=pk, kind=outcome,
                      number=ctx.number(unit, "mediation.agreement", outcome_on.year, AGREEMENT_NUMBER) if written else "",
                      terms=f"{b}于十五日内向{a}支付补偿款。" if kind in MONEY else "双方互谅互让，不再就此事发生争执。",
                      performance_deadline=outcome_on + dt.timedelta(days=15) if written else None,
                      effective_on=outcome_on, signing_mediator_id=lead, drafted_by_id=accounts.get(lead),
                      _at=ctx.at(outcome_on, rng))
                if written and rng.random() < 0.05:
                    ctx.attach(target=DisputeCase, target_id=pk, org=unit, name=f"{number}调解协议书.pdf",
                               text=f"{repr_} 调解协议书扫描件", by=registrar, by_name="经办人",
                               at=ctx.at(outcome_on, rng), description="调解协议书（签字盖章扫描件）")
            if status in (S.FOLLOWED_UP, S.CLOSED) and outcome_on:
                visited = outcome_on + dt.timedelta(days=rng.randint(7, 14))
                w.add(FollowUp, case_id=pk, visited_on=visited, method=rng.choice(("visit", "phone")),
                      visitor=names.person(rng), performance="done" if outcome != "failed" else "na",
                      result="协议已履行，双方无新的矛盾。" if outcome != "failed" else "已告知其他途径。",
                      satisfaction=ctx.pick(rng, {"satisfied": 80, "basic": 17, "dissatisfied": 3}),
                      _at=ctx.at(visited, rng))
        # 排查: each 村/社区 screens its grids every quarter.
        for village in town.children:
            for day in ctx.days(rng, 4, 1.0 / ctx.scale.factor if ctx.scale.factor < 1 else 1.0):
                done = (ctx.until - day).days > 7
                rnd = w.add(ScreeningRound, org_id=village.id, grid=f"{village.name}第{rng.randint(1, 6)}网格",
                            topic="矛盾纠纷集中排查", planned_on=day, held_on=day if done else None,
                            screeners=names.person(rng), households=rng.randint(20, 200) if done else None,
                            status="done" if done else "planned", created_by_id=registrar, _at=ctx.at(day, rng))
                if done and rng.random() < 0.4:
                    w.add(Finding, round_id=rnd, description="发现邻里之间因排水问题产生矛盾。",
                          dispute_type=DisputeType.NEIGHBOUR, party_names=f"{names.person(rng)}、{names.person(rng)}",
                          risk=ctx.pick(rng, {"low": 80, "medium": 17, "high": 3}), disposition="resolved",
                          resolution_note="当场化解。")
