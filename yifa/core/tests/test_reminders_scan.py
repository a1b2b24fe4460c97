"""scan_deadlines: reminders N working days before, on the day and overdue; a second run sends nothing."""

import datetime as dt
from io import StringIO

import time_machine
from django.core import mail
from django.core.management import call_command

from yifa.core import deadlines
from yifa.core.models import Reminder

D = dt.date
CST = dt.timezone(dt.timedelta(hours=8))


def test_scan_twice_sends_once(tree, settings):
    settings.YIFA_REMIND_WORKDAYS = 3
    tree.township_handler.email = "handler@example.cn"
    tree.township_handler.save()
    soon = deadlines.start(tree.township, "petitions.objection", start=D(2025, 3, 10), by=tree.township_handler)
    today = deadlines.start(tree.sibling, "petitions.objection", start=D(2025, 3, 7), by=tree.sibling_handler)
    late = deadlines.start(tree.other_township, "petitions.objection", start=D(2025, 3, 3), by=tree.other_handler)
    far = deadlines.start(tree.township, "petitions.handle", start=D(2025, 3, 3), by=tree.township_handler)
    assert (soon.due_on, today.due_on, late.due_on) == (D(2025, 3, 17), D(2025, 3, 14), D(2025, 3, 10))
    with time_machine.travel(dt.datetime(2025, 3, 14, 7, 30, tzinfo=CST), tick=False):
        out = StringIO()
        call_command("scan_deadlines", stdout=out)
        assert "新提醒3条" in out.getvalue()
        kinds = dict(Reminder.objects.values_list("deadline_id", "kind"))
        assert kinds == {soon.pk: "due_soon", today.pk: "due_today", late.pk: "overdue"}
        assert far.pk not in kinds
        assert len(mail.outbox) == 1 and mail.outbox[0].to == ["handler@example.cn"]
        assert "还剩1个工作日到期" in mail.outbox[0].body and "第二十三条" in mail.outbox[0].body
        out = StringIO()
        call_command("scan_deadlines", stdout=out)
        assert "新提醒0条" in out.getvalue()
        assert Reminder.objects.count() == 3 and len(mail.outbox) == 1


def test_the_next_day_brings_only_what_changed(tree):
    d = deadlines.start(tree.township, "petitions.objection", start=D(2025, 3, 10), by=tree.township_handler)
    deadlines.scan(on=D(2025, 3, 14))
    deadlines.scan(on=D(2025, 3, 17))
    deadlines.scan(on=D(2025, 3, 18))
    deadlines.scan(on=D(2025, 3, 19))
    assert sorted(d.reminders.values_list("kind", flat=True)) == ["due_soon", "due_today", "overdue"]


def test_paused_completed_and_minimum_periods_are_not_reminded(tree):
    paused = deadlines.start(tree.township, "disclosure.reply", start=D(2025, 3, 3), by=tree.township_handler)
    deadlines.pause(tree.township, "disclosure.reply", on=D(2025, 3, 4), by=tree.township_handler, reason="补正")
    deadlines.start(tree.township, "decisions.public_comment", start=D(2025, 2, 1), by=tree.township_handler)
    deadlines.start(tree.sibling, "petitions.objection", start=D(2025, 3, 3), by=tree.sibling_handler)
    deadlines.complete(tree.sibling, "petitions.objection", on=D(2025, 3, 5), by=tree.sibling_handler)
    assert deadlines.scan(on=D(2025, 6, 1)).created == []
    assert not paused.reminders.exists()
