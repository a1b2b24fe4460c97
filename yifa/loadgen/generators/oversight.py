"""建议提案、复议应诉: about 8 代表建议/政协提案 and 3 行政复议 or 行政诉讼 cases a year in an average 乡镇/街道."""

import datetime as dt

from yifa.oversight.models import RespondentCase, Suggestion

from .. import names
from ..context import Context

APP = "yifa.oversight"
SUGGESTIONS_PER_TOWN_YEAR = 8
CASES_PER_TOWN_YEAR = 3
TOPICS = ("农村道路提档升级", "老旧小区加装电梯", "农贸市场改造", "学校周边交通安全", "河道综合治理", "养老服务中心建设",
          "垃圾分类设施", "停车难问题", "农村供水保障", "文化礼堂建设")


def generate(ctx: Context):
    rng = ctx.rng("oversight")
    w = ctx.writer
    until = ctx.until
    for town in ctx.towns:
        clerk = town.users["handler"][0]
        for i, day in enumerate(ctx.days(rng, SUGGESTIONS_PER_TOWN_YEAR, town.weight ** 0.5, "even")):
            pk = w.reserve(Suggestion)
            difficult = rng.random() < 0.1
            kind = "npc" if rng.random() < 0.65 else "cppcc"
            rule = Suggestion.RULES[(kind, difficult)]
            due = ctx.due(rule, day)
            replied = day + dt.timedelta(days=int(rng.triangular(20, 110, 60)))
            replied = replied if replied <= until else None
            status = "closed" if replied and (until - replied).days > 20 else "replied" if replied else "handling"
            title = f"关于{rng.choice(TOPICS)}的建议"
            w.add(Suggestion, id=pk, org_id=town.id, kind=kind, serial_no=f"第{i % 300 + 1}号",
                  session=f"{town.parent.name}人大第{day.year - 2000 - 15}次会议", title=title,
                  proposer=names.person(rng), content="建议加大投入，加快推进。",
                  assigned_by="区人大常委会代表工作委员会" if kind == "npc" else "区政协提案委员会",
                  assigned_on=day, difficult=difficult, lead_department="党政办", handler_id=clerk, status=status,
                  due_on=due, replied_on=replied, reply_no=f"{town.abbr}复〔{day.year}〕{i + 1}号" if replied else "",
                  reply_category=ctx.pick(rng, {"A": 55, "B": 35, "C": 10}) if replied else "",
                  satisfaction=ctx.pick(rng, {"satisfied": 85, "basic": 13, "unsatisfied": 2})
                  if status == "closed" else "",
                  feedback_on=replied + dt.timedelta(days=10) if status == "closed" else None,
                  created_by_id=clerk, _at=ctx.at(day, rng))
            repr_ = f"{title}"
            ctx.audit("oversight.register_suggestion", target=Suggestion, target_id=pk, target_repr=repr_, org=town,
                      at=ctx.at(day, rng), actor=clerk)
            ctx.deadline(target=Suggestion, target_id=pk, target_repr=repr_,
                         url=ctx.url("oversight:suggestion_detail", pk), org=town.id, rule_code=rule, started_on=day,
                         done_on=replied, by=clerk, due_on=due)
        for i, day in enumerate(ctx.days(rng, CASES_PER_TOWN_YEAR, town.weight ** 0.5, "even")):
            pk = w.reserve(RespondentCase)
            litigation = rng.random() < 0.35
            rule = "oversight.litigation_reply" if litigation else "oversight.reconsideration_reply"
            due = ctx.due(rule, day)
            replied = day + dt.timedelta(days=rng.randint(3, 16))
            replied = replied if replied <= until else None
            decided = day + dt.timedelta(days=rng.randint(45, 180))
            decided = decided if decided <= until and replied else None
            claimant = names.person(rng)
            w.add(RespondentCase, id=pk, org_id=town.id, kind="litigation" if litigation else "reconsideration",
                  instance="first" if litigation else "",
                  case_no=f"（{day.year}）江{town.id:04d}行{'初' if litigation else '复'}{i + 1}号",
                  body=f"{town.parent.name}人民法院" if litigation else f"{town.parent.name}人民政府",
                  claimant=claimant, act_category=ctx.pick(rng, {"penalty": 40, "expropriation": 20, "disclosure": 15,
                                                                 "inaction": 15, "other": 10}),
                  disputed_act="行政处罚决定", received_on=day, due_on=due, agent=names.person(rng),
                  status="concluded" if decided else "replied" if replied else "received", replied_on=replied,
                  outcome=ctx.pick(rng, {"claim_rejected" if litigation else "upheld": 75, "revoked": 8,
                                         "withdrawn": 12, "illegal": 5}) if decided else "",
                  decided_on=decided, created_by_id=clerk, _at=ctx.at(day, rng))
            repr_ = f"{claimant}诉行政处罚决定"
            ctx.audit("oversight.register_case", target=RespondentCase, target_id=pk, target_repr=repr_, org=town,
                      at=ctx.at(day, rng), actor=clerk)
            ctx.deadline(target=RespondentCase, target_id=pk, target_repr=repr_,
                         url=ctx.url("oversight:case_detail", pk), org=town.id, rule_code=rule, started_on=day,
                         done_on=replied, by=clerk, due_on=due)
