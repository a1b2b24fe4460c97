"""行政规范性文件: about 4 documents a year in an average 乡镇/街道, published and filed (报备) within 30 days."""

import datetime as dt

from django.apps import apps

from ..context import Context

APP = "yifa.normative_docs"
PER_TOWN_YEAR = 4


def generate(ctx: Context):
    Document = apps.get_model("normative_docs", "NormativeDocument")
    Filing = apps.get_model("normative_docs", "Filing")
    rng = ctx.rng("normative_docs")
    w = ctx.writer
    until = ctx.until
    for town in ctx.towns:
        clerk = town.users["handler"][0]
        for i, day in enumerate(ctx.days(rng, PER_TOWN_YEAR, 1.0 / ctx.scale.factor, "even")):
            title = f"{town.name}关于{rng.choice(('农村宅基地管理', '殡葬管理', '门前三包', '公共资源交易'))}的实施办法"
            published = day <= until - dt.timedelta(days=2)
            pk = w.add(Document, org_id=town.id, title=title, status="published" if published else "drafting",
                       created_by_id=clerk, _at=ctx.at(day, rng))
            if not published:
                continue
            due = ctx.due("normative.filing", day)
            filed = day + dt.timedelta(days=rng.randint(3, 35))
            if filed <= until:
                w.add(Filing, document_id=pk, filed_to_id=town.parent.id, filed_on=filed, due_on=due,
                      on_time=filed <= due, report="报备材料齐全。", status="passed", _at=ctx.at(filed, rng))
            ctx.deadline(target=Document, target_id=pk, target_repr=title,
                         url=ctx.url("normative_docs:document_detail", pk), org=town.id,
                         rule_code="normative.filing", started_on=day, done_on=filed if filed <= until else None,
                         by=clerk, due_on=due)
