"""学法考试: 任前 and yearly exams, scores, pass rate (缺考 excluded) and attendance rate."""

import datetime as dt

from django.urls import reverse

from yifa.core.models import AuditEntry
from yifa.training import actions, indicators
from yifa.training.models import ExamResult, LawExam

YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def _exam(tree, **fields):
    return actions.schedule_exam(by=tree.township_handler, org=tree.township, **{
        "kind": "annual", "title": "2025年度学法考试", "held_on": dt.date(2025, 11, 1), "full_score": 100,
        "pass_score": 60, **fields})


def test_scores_are_recorded_and_the_pass_rate_leaves_out_the_absent(tree, cadres, client):
    exam = _exam(tree)
    client.force_login(tree.township_handler)
    response = client.post(reverse("training:exam_scores", args=[exam.pk]),
                           {f"c{cadres[0].pk}": "92", f"c{cadres[1].pk}": "58", f"c{cadres[2].pk}": "缺考"})
    assert response.status_code == 302
    exam.refresh_from_db()
    assert exam.status == LawExam.Status.GRADED
    assert sorted((r.cadre.name, r.passed) for r in ExamResult.objects.all()) == [
        ("孙强", False), ("李晓燕", False), ("陈卫东", True)]
    f = indicators.by_code([tree.township], YEAR)
    assert (f["exam_pass_rate"].numerator, f["exam_pass_rate"].denominator, f["exam_pass_rate"].value) == (1, 2, 50.0)
    assert f["exam_attendance_rate"].value == 66.7
    assert AuditEntry.objects.filter(action="training.record_scores", target_id=str(exam.pk)).exists()


def test_a_score_above_the_full_mark_is_refused_and_nothing_saved(tree, cadres, client):
    exam = _exam(tree)
    client.force_login(tree.township_handler)
    response = client.post(reverse("training:exam_scores", args=[exam.pk]), {f"c{cadres[0].pk}": "120"})
    assert "分数应在0至100之间" in response.content.decode()
    assert not ExamResult.objects.exists()


def test_a_pre_appointment_exam_counts_separately(tree, cadres):
    exam = _exam(tree, kind="pre_appointment", title="任前法律知识考试", pass_score=80)
    actions.record_scores(exam, by=tree.township_handler, scores={cadres[1]: 85})
    assert indicators.by_code([tree.township], YEAR)["pre_appointment_exams"].value == 1


def test_a_pass_mark_above_the_full_mark_is_refused(tree, client):
    client.force_login(tree.township_handler)
    response = client.post(reverse("training:exam_create"), {
        "kind": "annual", "title": "考试", "held_on": "2025-11-01", "full_score": "100", "pass_score": "120"})
    assert "合格分不能高于满分" in response.content.decode() and not LawExam.objects.exists()
