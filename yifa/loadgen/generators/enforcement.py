"""综合行政执法: each 乡镇/街道's powers list, officers with certificates, inspection targets, about 90
inspections and 50 penalty cases a year (most by 简易程序), case clocks and legal reviews."""

import datetime as dt
from decimal import Decimal

from yifa.enforcement.models import (EnforcementCase, Inspection, InspectionTarget, LegalReview, LegalReviewer, Officer,
                                     Power)

from .. import names
from ..context import Context

APP = "yifa.enforcement"
CASES_PER_TOWN_YEAR = 50
INSPECTIONS_PER_TOWN_YEAR = 90
CASE_NUMBER = "{abbr}综执立〔{year}〕{n}号"
DECISION_NUMBER = "{abbr}综执罚决〔{year}〕{n}号"
SIMPLE_NUMBER = "{abbr}综执简〔{year}〕{n}号"
C = EnforcementCase

POWERS = [
    ("擅自占用城市道路", "城市管理", "《城市道路管理条例》", "第四十二条"),
    ("占道经营", "城市管理", "《城市市容和环境卫生管理条例》", "第三十六条"),
    ("乱张贴乱涂写", "城市管理", "《城市市容和环境卫生管理条例》", "第三十四条"),
    ("未按规定倾倒建筑垃圾", "城市管理", "《城市建筑垃圾管理规定》", "第二十六条"),
    ("违法建设", "规划建设", "《城乡规划法》", "第六十五条"),
    ("露天焚烧秸秆", "生态环境", "《大气污染防治法》", "第一百一十九条"),
    ("餐饮油烟超标排放", "生态环境", "《大气污染防治法》", "第一百一十八条"),
    ("违法占用耕地建房", "自然资源", "《土地管理法》", "第七十八条"),
    ("未取得食品经营许可从事经营", "市场监管", "《食品安全法》", "第一百二十二条"),
    ("无证无照经营", "市场监管", "《无证无照经营查处办法》", "第十三条"),
    ("生产经营单位未进行安全生产教育培训", "安全生产", "《安全生产法》", "第九十七条"),
    ("违反消防安全规定", "消防", "《消防法》", "第六十条"),
]
INSPECTION_POWER = ("日常监督检查", "综合", "《行政处罚法》", "第五十四条")


def generate(ctx: Context):
    rng = ctx.rng("enforcement")
    w = ctx.writer
    until = ctx.until
    officers_through = EnforcementCase.officers.through
    inspection_officers = Inspection.officers.through
    for t, town in enumerate(ctx.towns, start=1):
        account = town.users["handler"][-1]
        reviewer_user = town.users["reviewer"][0]
        powers = []
        for i, (name, domain, law, article) in enumerate(POWERS):
            powers.append(w.add(Power, org_id=town.id, code=f"J{t:03d}{i:03d}", name=name, kind=Power.Kind.PENALTY,
                                domain=domain, basis_law=law, basis_article=article, department="综合行政执法队",
                                time_limit="立案之日起九十日内作出决定", requires_legal_review=i < 5,
                                is_published=True, published_on=ctx.first, sort_order=i, _at=ctx.at(ctx.first)))
        name, domain, law, article = INSPECTION_POWER
        inspection_power = w.add(Power, org_id=town.id, code=f"J{t:03d}900", name=name, kind=Power.Kind.INSPECTION,
                                 domain=domain, basis_law=law, basis_article=article, is_published=True,
                                 published_on=ctx.first, sort_order=99, _at=ctx.at(ctx.first))
        officers = []
        for i in range(max(4, int(8 * town.weight ** 0.5))):
            issued = ctx.first - dt.timedelta(days=rng.randint(0, 900))
            officers.append(w.add(
                Officer, org_id=town.id, user_id=account if i == 0 else None, name=names.person(rng), post="执法队员",
                cert_number=f"339{t:04d}{i:04d}", issuing_body="江南市人民政府", domains="综合行政执法",
                issued_on=issued, expires_on=issued + dt.timedelta(days=365 * 6 + rng.randint(-200, 400)),
                status=Officer.Status.ACTIVE if rng.random() < 0.95 else Officer.Status.LEFT,
                public_token=f"lg{t:04d}{i:04d}{rng.randrange(16 ** 6):06x}", _at=ctx.at(issued)))
        reviewer = w.add(LegalReviewer, org_id=town.id, user_id=reviewer_user, name=names.person(rng),
                         department="司法所", qualification=LegalReviewer.Qualification.LEGAL_PROFESSION,
                         qualification_number=f"A{t:05d}", is_active=True, _at=ctx.at(ctx.first))
        targets = []
        for i in range(max(10, int(40 * town.weight ** 0.5))):
            name, industry = names.company(rng, town.name)
            targets.append((w.add(InspectionTarget, org_id=town.id, name=f"{name}{i + 1}号", uscc=names.uscc(rng),
                                  industry=industry, address=names.address(rng, town.name),
                                  legal_rep=names.person(rng), phone=names.phone(rng), _at=ctx.at(ctx.first)), name))

        for day in ctx.days(rng, INSPECTIONS_PER_TOWN_YEAR, town.weight, "enforcement"):
            done = (until - day).days > 3 or rng.random() < 0.5
            target, _name = rng.choice(targets)
            result = ctx.pick(rng, {"passed": 75, "rectify": 22, "case": 3}) if done else ""
            pk = w.add(Inspection, org_id=town.id, kind=ctx.pick(rng, {"random": 40, "routine": 45, "complaint": 10,
                                                                        "special": 5}),
                       target_id=target, power_id=inspection_power, status="done" if done else "pending",
                       planned_on=day, inspected_on=day if done else None, result=result,
                       findings="现场检查，未发现明显问题。" if result == "passed" else "发现问题，已责令改正。" if done else "",
                       rectify_due=day + dt.timedelta(days=15) if result == "rectify" else None, _at=ctx.at(day, rng))
            for officer in rng.sample(officers, 2):
                w.add(inspection_officers, inspection_id=pk, officer_id=officer)

        for day in ctx.days(rng, CASES_PER_TOWN_YEAR, town.weight, "enforcement"):
            pk = w.reserve(EnforcementCase)
            simple = rng.random() < 0.6
            power_index = rng.randrange(len(powers))
            cause, _domain, _law, _article = POWERS[power_index]
            entity = rng.random() < 0.45
            party = names.company(rng, town.name)[0] if entity else names.person(rng)
            number = ctx.number(town, "enforcement.case", day.year, CASE_NUMBER)
            fields = dict(
                org_id=town.id, number=number, procedure="simple" if simple else "normal", power_id=powers[power_index],
                cause=f"{party}{cause}案", source=ctx.pick(rng, {"patrol": 55, "complaint": 25, "inspection": 12,
                                                                "referral": 5, "assigned": 3}),
                party_kind="entity" if entity else "person", party_name=party,
                party_id_number=names.uscc(rng) if entity else names.id_number(rng),
                party_legal_rep=names.person(rng) if entity else "", party_phone=names.phone(rng),
                party_address=names.address(rng, town.name), facts=f"经查，当事人存在{cause}的行为。",
                place=names.address(rng, town.name), occurred_on=day - dt.timedelta(days=rng.randint(0, 10)),
                filed_on=day, filed_by_id=account, filing_approved_by=names.person(rng), _at=ctx.at(day, rng))
            status, decided, closed = C.Status.INVESTIGATING, None, None
            if simple:
                fine = Decimal(rng.choice((50, 100, 200)) if not entity else rng.choice((500, 1000, 2000, 3000)))
                status, decided, closed = C.Status.CLOSED, day, day + dt.timedelta(days=rng.randint(0, 10))
                fields.update(decision_kind="penalty", decision_number=ctx.number(town, "enforcement.simple", day.year,
                                                                                  SIMPLE_NUMBER),
                              decided_on=day, decided_by_id=account, penalty_content=f"罚款{fine}元", fine_amount=fine,
                              served_on=day, service_method="on_the_spot", executed_on=day, execution_method="voluntary",
                              paid_amount=fine, closed_on=min(closed, until), filed_with_agency_on=min(closed, until))
                closed = min(closed, until)
            else:
                took = int(rng.triangular(20, 110, 55))
                decided_on = day + dt.timedelta(days=took)
                if decided_on <= until and rng.random() > 0.004:
                    fine = Decimal(rng.randint(10, 500) * 100)
                    decided = decided_on
                    served = decided_on + dt.timedelta(days=rng.randint(1, 7))
                    status = C.Status.DECIDED
                    fields.update(proposed_penalty=f"拟罚款{fine}元", proposed_fine=fine,
                                  informed_on=decided_on - dt.timedelta(days=8), hearing_offered=fine >= 10000,
                                  decision_kind="penalty" if rng.random() < 0.92 else "no_penalty",
                                  decision_number=ctx.number(town, "enforcement.decision", decided_on.year,
                                                             DECISION_NUMBER),
                                  decided_on=decided_on, decided_by_id=town.users["head"][0],
                                  penalty_content=f"罚款{fine}元", fine_amount=fine)
                    if served <= until:
                        status = C.Status.SERVED
                        fields.update(served_on=served, service_method="direct")
                        executed = served + dt.timedelta(days=rng.randint(3, 30))
                        if executed <= until:
                            closed = executed + dt.timedelta(days=rng.randint(1, 10))
                            status = C.Status.CLOSED if closed <= until else C.Status.EXECUTED
                            fields.update(executed_on=executed, execution_method="voluntary", paid_amount=fine,
                                          closed_on=closed if closed <= until else None,
                                          closing_summary="执行完毕，予以结案。" if closed <= until else "")
                            closed = closed if closed <= until else None
                elif rng.random() < 0.03 and (until - day).days > 30:
                    status = C.Status.DROPPED
                    fields["dropped_reason"] = "违法事实不能成立。"
            w.add(EnforcementCase, id=pk, status=status,
                  updated_at=ctx.at(min(closed or decided or day, until)), **fields)
            repr_ = f"{number} {fields['cause']}"
            ctx.audit("enforcement.file", target=EnforcementCase, target_id=pk, target_repr=repr_, org=town,
                      at=fields["_at"], actor=account)
            for officer in rng.sample(officers, 2):
                w.add(officers_through, enforcementcase_id=pk, officer_id=officer)
            if not simple and status != C.Status.DROPPED:
                ctx.deadline(target=EnforcementCase, target_id=pk, target_repr=repr_,
                             url=ctx.url("enforcement:case_detail", pk), org=town.id, rule_code="enforcement.case",
                             started_on=day, done_on=decided, by=account)
                if decided and power_index < 5:
                    at = ctx.at(decided - dt.timedelta(days=10), rng)
                    w.add(LegalReview, case_id=pk, reviewer_id=reviewer, status=LegalReview.Status.DONE,
                          outcome=LegalReview.Outcome.AGREE, materials="案件调查终结报告、证据材料、拟处罚决定书。",
                          submitted_by_id=account, submitted_at=at, reviewed_at=at,
                          opinion="事实清楚，证据确凿，适用依据正确，程序合法，同意。")
            if decided and rng.random() < 0.04:
                ctx.attach(target=EnforcementCase, target_id=pk, org=town, name=f"{number}现场照片.pdf",
                           text=f"{repr_} 现场检查笔录及照片", by=account, by_name="执法队员", at=ctx.at(day, rng),
                           description="现场检查笔录")
