"""重大行政决策: a yearly 决策事项目录 and about 3 decisions a year in an average 乡镇/街道, each with its
30-day public comment period."""

import datetime as dt

from django.apps import apps

from ..context import Context

APP = "yifa.decisions"
PER_TOWN_YEAR = 3


def generate(ctx: Context):
    Catalogue = apps.get_model("decisions", "DecisionCatalogue")
    Decision = apps.get_model("decisions", "Decision")
    rng = ctx.rng("decisions")
    w = ctx.writer
    until = ctx.until
    for town in ctx.towns:
        clerk = town.users["handler"][0]
        catalogues = {}
        for year in ctx.years:
            catalogues[year] = w.add(Catalogue, org_id=town.id, year=year, title=f"{town.name}{year}年度重大行政决策事项目录",
                                     status="published", _at=ctx.at(dt.date(year, 1, 1)))
        for day in ctx.days(rng, PER_TOWN_YEAR, 1.0 / ctx.scale.factor, "even"):
            decided = day + dt.timedelta(days=rng.randint(60, 200))
            status = "published" if decided <= until else "drafting"
            title = f"{town.name}{rng.choice(('老旧小区改造', '农贸市场迁建', '垃圾分类实施', '河道综合整治'))}方案"
            pk = w.add(Decision, org_id=town.id, catalogue_id=catalogues[day.year], category="project", title=title,
                       status=status, created_by_id=clerk, _at=ctx.at(day, rng))
            opens = day + dt.timedelta(days=20)
            if opens <= until:
                closes = ctx.due("decisions.public_comment", opens)
                ctx.deadline(target=Decision, target_id=pk, target_repr=title,
                             url=ctx.url("decisions:decision_detail", pk), org=town.id,
                             rule_code="decisions.public_comment", started_on=opens,
                             done_on=closes if closes <= until else None, by=clerk, due_on=closes)
