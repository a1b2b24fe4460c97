"""信访: about 120 items a year in an average 乡镇/街道, each with its 告知 and 办理 clocks."""

import datetime as dt

from yifa.petitions.models import Petition

from .. import names
from ..context import Context

APP = "yifa.petitions"
PER_TOWN_YEAR = 120
NUMBER = "{abbr}信〔{year}〕{n}号"
S, P = Petition.Status, Petition

CHANNELS = {P.Channel.VISIT: 35, P.Channel.LETTER: 15, P.Channel.ONLINE: 25, P.Channel.PHONE: 12,
            P.Channel.REFERRED: 10, P.Channel.MAILBOX: 3}
SUBJECTS = {P.Subject.LAND: 18, P.Subject.LABOUR: 14, P.Subject.CONSTRUCTION: 16, P.Subject.ENVIRONMENT: 10,
            P.Subject.AGRICULTURE: 8, P.Subject.NEIGHBOUR: 12, P.Subject.PROPERTY: 10, P.Subject.CONDUCT: 4,
            P.Subject.OTHER: 8}


def generate(ctx: Context):
    rng = ctx.rng("petitions")
    w = ctx.writer
    until = ctx.until
    for town in ctx.towns:
        clerk = town.users["handler"][-1]
        for day in ctx.days(rng, PER_TOWN_YEAR, town.weight, "petitions"):
            pk = w.reserve(Petition)
            number = ctx.number(town, "petition", day.year, NUMBER)
            subject = ctx.pick(rng, SUBJECTS)
            channel = ctx.pick(rng, CHANNELS)
            label = P.Subject(subject).label
            title = f"反映{label}问题"
            age = (until - day).days
            fields = dict(
                org_id=town.id, number=number, channel=channel, received_on=day,
                referred_by="区信访局" if channel == P.Channel.REFERRED else "",
                petitioner_name=names.person(rng), petitioner_id_number=names.id_number(rng),
                petitioner_phone=names.phone(rng), petitioner_address=names.address(rng, town.name),
                headcount=1 if rng.random() < 0.93 else rng.randint(2, 5), title=title,
                content=f"信访人反映{label}方面的问题，请求依法处理。", category=ctx.pick(
                    rng, {P.Category.CLAIM: 80, P.Category.SUGGESTION: 12, P.Category.ACCUSATION: 8}),
                subject=subject, created_by_id=clerk, _at=ctx.at(day, rng))
            status, notified, accepted, replied, due_on, due_rule = S.REGISTERED, None, None, None, None, ""
            notify_due = ctx.due("petitions.notify", day)
            if age > 3 or rng.random() < 0.3:
                notified = min(day + dt.timedelta(days=int(rng.triangular(0, 18, 4))), until)
                r = rng.random()
                if r < 0.06:
                    status = S.NOT_ACCEPTED
                    fields["closing_note"] = "已经或者依法应当通过诉讼、仲裁、行政复议等法定途径解决。"
                elif r < 0.10:
                    status, fields["transferred_to"] = S.TRANSFERRED, "区住房和城乡建设局"
                else:
                    accepted = notified
                    took = int(rng.triangular(5, 75, 25))
                    done = accepted + dt.timedelta(days=took)
                    if done <= until and rng.random() > 0.003:
                        replied, status = done, S.REPLIED
                        fields.update(opinion=ctx.pick(rng, {"support": 35, "explain": 50, "reject": 15}),
                                      opinion_text="经调查核实，依据有关规定作出处理。",
                                      opinion_number=ctx.number(town, "petition.opinion", done.year,
                                                                "{abbr}信意〔{year}〕{n}号"))
                        if rng.random() < 0.7 and done + dt.timedelta(days=10) <= until:
                            fields.update(satisfaction=ctx.pick(rng, {"satisfied": 72, "basic": 20, "dissatisfied": 8}),
                                          satisfaction_on=done + dt.timedelta(days=rng.randint(1, 10)))
                        if rng.random() < 0.03 and (until - done).days > 60:
                            status = S.REVIEWED
                            fields.update(review_organ="区人民政府", review_requested_on=done + dt.timedelta(days=20),
                                          review_result="upheld", review_decided_on=done + dt.timedelta(days=45))
                    else:
                        status, due_rule = S.ACCEPTED, "petitions.handle"
                        due_on = ctx.due("petitions.handle", accepted)
                fields.update(notified_on=notified, notice_text="已书面告知信访人。", accepted_on=accepted,
                              replied_on=replied)
            else:
                due_on, due_rule = notify_due, "petitions.notify"
            w.add(Petition, id=pk, status=status, due_on=due_on, due_rule=due_rule,
                  updated_at=ctx.at(min(replied or notified or day, until)), **fields)
            repr_ = f"{number} {title}"
            url = ctx.url("petitions:detail", pk)
            ctx.audit("petitions.register", target=Petition, target_id=pk, target_repr=repr_, org=town,
                      at=fields["_at"], actor=clerk)
            ctx.deadline(target=Petition, target_id=pk, target_repr=repr_, url=url, org=town.id,
                         rule_code="petitions.notify", started_on=day, done_on=notified, by=clerk, due_on=notify_due)
            if accepted:
                ctx.deadline(target=Petition, target_id=pk, target_repr=repr_, url=url, org=town.id,
                             rule_code="petitions.handle", started_on=accepted, done_on=replied, by=clerk)
