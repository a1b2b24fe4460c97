"""学法与普法: each 乡镇/街道's cadres, about 12 collective study sessions a year with attendance, a yearly law
exam, and about 40 outreach activities a year (in its 村/社区 too), peaking in March, June and December."""

import datetime as dt
from decimal import Decimal

from yifa.training.models import (Attendance, Cadre, ExamResult, LawExam, LegalLiaison, OutreachActivity, StudySession,
                                  StudyTarget)

from .. import names
from ..context import Context

APP = "yifa.training"
SESSIONS_PER_YEAR = 12
ACTIVITIES_PER_TOWN_YEAR = 40
LAWS = ("宪法", "民法典", "行政处罚法", "行政复议法", "信访工作条例", "政府信息公开条例", "安全生产法", "土地管理法")
THEMES = ("宪法宣传周", "民法典进农村", "3·15消费者权益保护", "安全生产月", "防范电信网络诈骗", "反家庭暴力",
          "禁毒宣传", "平安建设")


def generate(ctx: Context):
    rng = ctx.rng("training")
    w = ctx.writer
    until = ctx.until
    for town in ctx.towns:
        clerk = town.users["handler"][0]
        cadres, used = [], set()
        for i in range(rng.randint(18, 40)):
            name = names.person(rng)
            while name in used:
                name = names.person(rng)
            used.add(name)
            cadres.append(w.add(Cadre, org_id=town.id, name=name, position="科员" if i > 4 else "领导班子成员",
                                category="leader" if i <= 4 else "staff", is_principal=i == 0,
                                enforcement_officer=rng.random() < 0.2, active=rng.random() < 0.95))
        for year in ctx.years:
            w.add(StudyTarget, org_id=town.id, year=year, hours_per_person=Decimal(60), sessions=6, pass_rate=100)
        for day in ctx.days(rng, SESSIONS_PER_YEAR, 1.0 / ctx.scale.factor, "even"):
            held = (until - day).days > 0
            hours = Decimal(rng.choice((2, 2, 3, 4, 8)))
            pk = w.add(StudySession, org_id=town.id, kind=ctx.pick(rng, {"pre_meeting": 40, "lecture": 25,
                                                                         "central_group": 15, "online": 20}),
                       title=f"学习《{rng.choice(LAWS)}》", planned_on=day, held_on=day if held else None, hours=hours,
                       place="镇政府会议室", speaker=names.person(rng), status="held" if held else "planned",
                       created_by_id=clerk, _at=ctx.at(day, rng))
            if held:
                for cadre in cadres:
                    if rng.random() < 0.8:
                        w.add(Attendance, session_id=pk, cadre_id=cadre, hours=hours)
        for year in ctx.years:
            day = dt.date(year, 11, 20)
            if day > until:
                continue
            exam = w.add(LawExam, org_id=town.id, kind="annual", title=f"{year}年度学法考试", held_on=day,
                         organiser="区委组织部、区司法局", status="graded", created_by_id=clerk, _at=ctx.at(day))
            for cadre in cadres:
                absent = rng.random() < 0.03
                w.add(ExamResult, exam_id=exam, cadre_id=cadre, absent=absent,
                      score=None if absent else Decimal(min(100, max(40, int(rng.gauss(84, 9))))))
        units = [town, *town.children]
        for day in ctx.days(rng, ACTIVITIES_PER_TOWN_YEAR, town.weight ** 0.5, "outreach"):
            held = (until - day).days > 0 and rng.random() > 0.02
            unit = rng.choice(units)
            w.add(OutreachActivity, org_id=unit.id, theme=rng.choice(THEMES),
                  form=ctx.pick(rng, {"campaign": 35, "lecture": 20, "case_teaching": 10, "consultation": 20,
                                      "online": 15}),
                  venue="village" if unit is not town else "agency", department="司法所", planned_on=day,
                  held_on=day if held else None, place=f"{unit.name}文化礼堂",
                  audience=rng.randint(30, 500) if held else 0, materials=rng.randint(50, 1000) if held else 0,
                  consultations=rng.randint(0, 40) if held else 0, status="held" if held else "planned",
                  created_by_id=clerk, _at=ctx.at(day, rng))
        for village in town.children:
            for k in range(2):
                w.add(LegalLiaison, org_id=village.id, kind="liaison" if k else "leader", name=names.person(rng),
                      gender=rng.choice(("男", "女")), phone=names.phone(rng), identity="村干部" if k else "网格员",
                      trained_on=ctx.first, created_by_id=clerk)
