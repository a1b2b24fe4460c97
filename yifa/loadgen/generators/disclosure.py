"""政府信息公开: about 150 主动公开 items and 12 依申请公开 requests a year in an average 乡镇/街道, with their
20-working-day clocks (政府信息公开条例 第二十六、三十三条)."""

import datetime as dt

from django.apps import apps

from .. import names
from ..context import Context

APP = "yifa.disclosure"
PROACTIVE_PER_TOWN_YEAR = 150
REQUESTS_PER_TOWN_YEAR = 12
CATEGORIES = {"organisation": 10, "planning": 10, "statistics": 8, "licensing": 15, "penalty": 20, "budget": 6,
              "fees": 4, "procurement": 8, "projects": 8, "welfare": 8, "emergency": 3}


def generate(ctx: Context):
    Proactive = apps.get_model("disclosure", "ProactiveDisclosure")
    Request = apps.get_model("disclosure", "InfoRequest")
    rng = ctx.rng("disclosure")
    w = ctx.writer
    until = ctx.until
    for town in ctx.towns:
        clerk = town.users["handler"][0]
        for i, day in enumerate(ctx.days(rng, PROACTIVE_PER_TOWN_YEAR, town.weight ** 0.5, "even")):
            category = ctx.pick(rng, CATEGORIES)
            published = day + dt.timedelta(days=int(rng.triangular(0, 40, 5)))
            published = published if published <= until else None
            title = f"{town.name}{Proactive.Category(category).label}信息（{day:%Y}年第{i + 1}号）"
            pk = w.add(Proactive, org_id=town.id, index_number=f"{town.id:04d}-{day:%Y}-{i + 1:05d}", title=title,
                       category=category, formed_on=day, summary="按规定主动公开。", status="published" if published
                       else "draft", published_on=published, created_by_id=clerk, _at=ctx.at(day, rng))
            ctx.deadline(target=Proactive, target_id=pk, target_repr=title,
                         url=ctx.url("disclosure:publication_detail", pk), org=town.id,
                         rule_code="disclosure.proactive", started_on=day, done_on=published, by=clerk)
        for i, day in enumerate(ctx.days(rng, REQUESTS_PER_TOWN_YEAR, town.weight, "even")):
            due = ctx.due("disclosure.reply", day)
            replied = day + dt.timedelta(days=int(rng.triangular(3, 35, 15)))
            replied = replied if replied <= until else None
            name = names.person(rng)
            number = ctx.number(town, "disclosure.request", day.year, "{abbr}依申〔{year}〕{n}号")
            pk = w.add(Request, org_id=town.id, number=number, status="closed" if replied else "registered",
                       source=ctx.pick(rng, {"online": 50, "in_person": 20, "letter": 25, "email": 5}),
                       received_on=day, applicant_name=name, id_number=names.id_number(rng), phone=names.phone(rng),
                       address=names.address(rng, town.name), description="申请公开本村土地征收补偿安置方案。",
                       outcome=ctx.pick(rng, {"disclosed": 55, "partly": 15, "not_held": 15, "already_public": 15})
                       if replied else "", replied_on=replied, reply_due_on=due, created_by_id=clerk,
                       _at=ctx.at(day, rng))
            ctx.audit("disclosure.register_request", target=Request, target_id=pk, target_repr=f"{number} {name}",
                      org=town, at=ctx.at(day, rng), actor=clerk)
            ctx.deadline(target=Request, target_id=pk, target_repr=f"{number} {name}",
                         url=ctx.url("disclosure:request_detail", pk), org=town.id, rule_code="disclosure.reply",
                         started_on=day, done_on=replied, by=clerk, due_on=due)
