"""合法性审查与法律顾问: a 法律顾问 for every 村/社区 and 乡镇/街道, about 30 services and 20 合法性审查 a year."""

import datetime as dt

from django.apps import apps

from .. import names
from ..context import Context

APP = "yifa.legal_review"
SERVICES_PER_TOWN_YEAR = 30
REVIEWS_PER_TOWN_YEAR = 20


def generate(ctx: Context):
    Adviser = apps.get_model("legal_review", "LegalAdviser")
    Service = apps.get_model("legal_review", "AdviserService")
    Review = apps.get_model("legal_review", "ReviewRequest")
    rng = ctx.rng("legal_review")
    w = ctx.writer
    until = ctx.until
    for town in ctx.towns:
        clerk = town.users["handler"][0]
        advisers = {}
        for unit in [town, *town.children]:
            if unit is not town and rng.random() < 0.05:
                continue  # a few 村 still without one: coverage below 100%
            advisers[unit.id] = w.add(Adviser, org_id=unit.id, name=names.person(rng), firm="江南律师事务所",
                                      phone=names.phone(rng), serves_from=ctx.first, _at=ctx.at(ctx.first))
        units = [u for u in [town, *town.children] if u.id in advisers]
        for day in ctx.days(rng, SERVICES_PER_TOWN_YEAR, town.weight ** 0.5, "even"):
            unit = rng.choice(units)
            w.add(Service, adviser_id=advisers[unit.id], org_id=unit.id, served_on=day,
                  kind=ctx.pick(rng, {"consultation": 40, "dispute": 20, "meeting": 15, "education": 15, "review": 10}),
                  description="提供法律咨询服务。", recorded_by_id=clerk, _at=ctx.at(day, rng))
        for i, day in enumerate(ctx.days(rng, REVIEWS_PER_TOWN_YEAR, town.weight ** 0.5, "even")):
            issued = day + dt.timedelta(days=rng.randint(2, 12))
            issued = issued if issued <= until else None
            title = f"关于{rng.choice(('租赁合同', '采购合同', '征收补偿协议', '村规民约', '行政处罚决定'))}的合法性审查"
            pk = w.add(Review, org_id=town.id, subject=ctx.pick(rng, {"contract": 50, "decision": 20, "normative": 10,
                                                                     "enforcement": 15, "other": 5}),
                       title=title, materials="送审稿及起草说明。", submitted_on=day, submitted_by_id=clerk,
                       status=("closed" if rng.random() < 0.7 else "issued") if issued else "reviewing",
                       adviser_id=advisers[town.id], issued_on=issued,
                       opinion_number=ctx.number(town, "legal_review.opinion", issued.year, "{abbr}法审〔{year}〕{n}号")
                       if issued else "",
                       conclusion=ctx.pick(rng, {"lawful": 60, "with_changes": 35, "unlawful": 5}) if issued else "",
                       adoption=ctx.pick(rng, {"adopted": 80, "partly": 15, "not_adopted": 5}) if issued else "",
                       _at=ctx.at(day, rng))
            ctx.audit("legal_review.submit", target=Review, target_id=pk, target_repr=title, org=town,
                      at=ctx.at(day, rng), actor=clerk)
