"""Every write of the decisions module: one transaction each, each audited, each citing its basis.

《重大行政决策程序暂行条例》 is cited as 条例 below; 乡级人民政府 follow it 参照 (第四十二条),
and a 街道's "三重一大" matters go through the same steps.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from yifa.core import audit, deadlines
from yifa.core.deadlines import fmt
from yifa.core.models import Org
from yifa.core.workflow import InvalidTransition, transition
from yifa.legal_review import actions as legal_review
from yifa.legal_review.actionkit import PUBLIC, require_state, required
from yifa.legal_review.interface import ReviewOutcome

from .models import (ACT, Decision, DecisionCatalogue, DecisionMeeting, DecisionStep, ExpertOpinion,
                     ImplementationNote, MeetingView, PostEvaluation, PublicComment, RiskAssessment)

K = DecisionStep.Kind
S = DecisionStep.Status
COMMENT_RULE = "decisions.public_comment"
HEARING_RULE = "decisions.hearing_materials"
LEGALITY_RULE = "decisions.legality_review"
TRIPLE_CATEGORIES = {Decision.Category.TRIPLE_MATTER, Decision.Category.TRIPLE_CADRE,
                     Decision.Category.TRIPLE_PROJECT, Decision.Category.TRIPLE_FUNDS}


def _in_procedure(decision: Decision, doing: str) -> None:
    if decision.status != Decision.Status.DRAFTING:
        if decision.status == Decision.Status.LISTED:
            raise InvalidTransition(f"请先启动决策程序，再{doing}。")
        raise InvalidTransition(f"当前状态为“{decision.get_status_display()}”，不能{doing}。")


def steps_of(decision: Decision) -> dict[str, DecisionStep]:
    return {step.kind: step for step in DecisionStep.objects.filter(decision=decision)}


# ---------------------------------------------------------------- 决策事项目录


@transaction.atomic
def create_catalogue(*, org: Org, by, year: int, title: str = "") -> DecisionCatalogue:
    """编制年度决策事项目录 (条例第三条第三款)."""
    if DecisionCatalogue.objects.filter(org=org, year=year).exists():
        raise ValidationError(f"{org.name}{year}年度的决策事项目录已经建立。")
    catalogue = DecisionCatalogue.objects.create(
        org=org, year=year, title=(title or "").strip() or f"{org.name}{year}年度重大行政决策事项目录")
    audit.record("decisions.create_catalogue", catalogue, by=by, org=org, note=catalogue.title,
                 changes={"year": [None, year]})
    return catalogue


@transaction.atomic
def add_decision(*, org: Org, by, kind: str, category: str, title: str, catalogue: DecisionCatalogue | None = None,
                 summary: str = "", undertaking_unit: str = "", planned: str = "", source: str = "",
                 basis: str = "") -> Decision:
    """列入目录 (or register a "三重一大" item): the matter and its five step rows, all required at first."""
    if kind not in Decision.Kind.values or category not in Decision.Category.values:
        raise ValidationError("请选择类别和事项类型。")
    if (category in TRIPLE_CATEGORIES) != (kind == Decision.Kind.TRIPLE):
        raise ValidationError("事项类型与类别不符：“三重一大”事项请选择重大事项决策、重要干部任免、重大项目安排或大额度资金运作。")
    if catalogue is not None:
        if catalogue.org_id != org.pk:
            raise ValidationError("只能列入本单位的决策事项目录。")
        if catalogue.status != DecisionCatalogue.Status.DRAFT:
            raise ValidationError("目录已经党委同意或已公布；增加事项须先“调整目录”，再重新报党委同意。")
    decision = Decision.objects.create(
        org=org, catalogue=catalogue, kind=kind, category=category, title=required(title, "请填写决策事项名称。")[:200],
        summary=summary.strip(), undertaking_unit=undertaking_unit.strip()[:100], planned=planned.strip()[:50],
        source=source.strip()[:100], basis=basis.strip(), created_by=by)
    DecisionStep.objects.bulk_create([DecisionStep(decision=decision, kind=kind) for kind in DecisionStep.ORDER])
    audit.record("decisions.add_decision", decision, by=by, org=org,
                 note=f"{decision.get_kind_display()}：{decision.title}" + (f"（列入{catalogue.title}）" if catalogue else ""),
                 changes={"status": [None, decision.status], "catalogue": [None, catalogue.pk if catalogue else None]})
    return decision


@transaction.atomic
def approve_catalogue(catalogue: DecisionCatalogue, *, by, approval_body: str, approved_on: dt.date) -> DecisionCatalogue:
    """登记党委同意: the catalogue may be published only once the party committee has agreed (条例第三条第三款)."""
    require_state(catalogue, "approve_catalogue")
    if not catalogue.decisions.exclude(status=Decision.Status.WITHDRAWN).exists():
        raise ValidationError("目录中还没有决策事项。")
    if approved_on > deadlines.today():
        raise ValidationError("党委同意日期不能晚于今天。")
    catalogue.approval_body = required(approval_body, "请填写同意目录的党委会议。")[:100]
    catalogue.approved_on = approved_on
    transition(catalogue, "approve_catalogue", by=by, note=f"{catalogue.approval_body}（{fmt(approved_on)}）同意",
               extra_fields=["approval_body", "approved_on"])
    return catalogue


@transaction.atomic
def publish_catalogue(catalogue: DecisionCatalogue, *, by, published_on: dt.date) -> DecisionCatalogue:
    """向社会公布 the approved catalogue; it appears on the portal (决策事项目录)."""
    require_state(catalogue, "publish_catalogue")
    if published_on < catalogue.approved_on:
        raise ValidationError("公布日期不能早于党委同意日期。")
    if published_on > deadlines.today():
        raise ValidationError("公布日期不能晚于今天。")
    catalogue.published_on = published_on
    transition(catalogue, "publish_catalogue", by=by, note=f"{fmt(published_on)}向社会公布",
               extra_fields=["published_on"])
    return catalogue


@transaction.atomic
def adjust_catalogue(catalogue: DecisionCatalogue, *, by, reason: str) -> DecisionCatalogue:
    """调整目录: reopened for changes; it must be agreed by the party committee and published again."""
    require_state(catalogue, "adjust_catalogue")
    reason = required(reason, "请说明调整目录的原因。")
    stamp = deadlines.today().strftime("%Y-%m-%d")
    catalogue.adjustment_note = f"{catalogue.adjustment_note}\n【{stamp}】{reason}".strip()
    transition(catalogue, "adjust_catalogue", by=by, note=reason, extra_fields=["adjustment_note"])
    return catalogue


# ---------------------------------------------------------------- 启动与草案


@transaction.atomic
def start(decision: Decision, *, by, undertaking_unit: str) -> Decision:
    """启动决策程序: names the 承办单位 (条例第十一条)."""
    require_state(decision, "start")
    old = decision.undertaking_unit
    decision.undertaking_unit = required(undertaking_unit, "请填写决策承办单位（条例第十一条）。")[:100]
    transition(decision, "start", by=by, note=f"承办单位：{decision.undertaking_unit}",
               changes={"undertaking_unit": [old, decision.undertaking_unit]}, extra_fields=["undertaking_unit"])
    return decision


DRAFT_FIELDS = ("summary", "basis", "draft_text", "draft_notes", "undertaking_unit", "planned", "source")


@transaction.atomic
def update_draft(decision: Decision, *, by, **fields) -> Decision:
    """拟订、修改决策草案 (条例第十二条). A draft changed after its legality review must be reviewed again."""
    if decision.status not in Decision.IN_PROCEDURE:
        raise InvalidTransition(f"当前状态为“{decision.get_status_display()}”，不能修改决策草案。")
    changes = {}
    for key in DRAFT_FIELDS:
        if key in fields and (fields[key] or "").strip() != getattr(decision, key):
            value = (fields[key] or "").strip()
            changes[key] = [getattr(decision, key)[:50], value[:50]]
            setattr(decision, key, value)
    if not changes:
        return decision
    fields = list(changes)
    if "draft_text" in changes:
        decision.draft_revised_at = timezone.now()
        fields.append("draft_revised_at")
    decision.save(update_fields=[*fields, "updated_at"])  # only what changed: never a stale status
    audit.record("decisions.update_draft", decision, by=by, note="修改：" + "、".join(
        Decision._meta.get_field(k).verbose_name for k in changes), changes=changes)
    legality = steps_of(decision)[K.LEGALITY]
    if "draft_text" in changes and legality.status == S.DONE:
        legality.result = f"决策草案于{fmt(deadlines.today())}修改，原审查意见书{legality.opinion_number}不再适用，需重新送审。"
        legality.review_request_id, legality.opinion_number, legality.conclusion = None, "", ""
        transition(legality, "reopen_step", by=by, note=legality.result,
                   extra_fields=["result", "review_request_id", "opinion_number", "conclusion"])
    return decision


# ---------------------------------------------------------------- 程序认定


@transaction.atomic
def waive_step(step: DecisionStep, *, by, reason: str) -> DecisionStep:
    """认定某一程序不适用: only on its lawful ground, with the reason recorded. 合法性审查 and 集体讨论决定 never."""
    if step.decision.status not in Decision.IN_PROCEDURE:
        raise InvalidTransition(f"当前状态为“{step.decision.get_status_display()}”，不能调整决策程序。")
    if not step.waivable:
        raise ValidationError(f"{step.get_kind_display()}是必经程序，不能认定不适用（{step.article}）。")
    if step.kind == K.PARTICIPATION and step.decision.comment_opens_on:
        raise ValidationError("已经公开征求意见，不能再认定公众参与不适用。")
    step.waiver_ground = DecisionStep.WAIVER_GROUNDS[step.kind][:200]
    step.waiver_reason = required(reason, "请写明不适用的具体理由。")
    step.required = False
    transition(step, "waive_step", by=by, note=f"{step.get_kind_display()}不适用：{step.waiver_ground}；{step.waiver_reason}",
               extra_fields=["waiver_ground", "waiver_reason", "required"])
    return step


@transaction.atomic
def reinstate_step(step: DecisionStep, *, by) -> DecisionStep:
    """恢复为必经程序: undoes a waiver."""
    if step.decision.status not in Decision.IN_PROCEDURE:
        raise InvalidTransition(f"当前状态为“{step.decision.get_status_display()}”，不能调整决策程序。")
    step.required, step.waiver_ground, step.waiver_reason = True, "", ""
    transition(step, "reinstate_step", by=by, note=f"{step.get_kind_display()}恢复为必经程序",
               extra_fields=["required", "waiver_ground", "waiver_reason"])
    return step


def _begin(step: DecisionStep, *, by, note: str) -> None:
    if step.status == S.PENDING:
        transition(step, "begin_step", by=by, note=note)


def _complete(step: DecisionStep, *, by, on: dt.date, result: str, extra=()) -> None:
    step.completed_on, step.result = on, result
    transition(step, "complete_step", by=by, note=f"{step.get_kind_display()}完成：{result}",
               extra_fields=["completed_on", "result", *extra])


def _open_step(decision: Decision, kind: str) -> DecisionStep:
    step = steps_of(decision)[kind]
    if step.status == S.WAIVED:
        raise ValidationError(f"{step.get_kind_display()}已认定不适用；如需办理，请先恢复为必经程序。")
    if step.status == S.DONE:
        raise ValidationError(f"{step.get_kind_display()}已经完成。")
    return step


# ---------------------------------------------------------------- 公众参与


def comment_minimum(opens_on: dt.date) -> dt.date:
    """The earliest lawful closing day of a comment period opening on ``opens_on`` (条例第十五条: 不少于30日)."""
    return deadlines.compute(COMMENT_RULE, opens_on).due_on


@transaction.atomic
def open_comment(decision: Decision, *, by, opens_on: dt.date, closes_on: dt.date, notice: str,
                 short_reason: str = "") -> Decision:
    """公开征求意见: the draft goes on the portal for comment for at least 30 days (条例第十五条).

    A shorter period is lawful only with a stated reason (情况紧急等), published with the notice.
    """
    _in_procedure(decision, "公开征求意见")
    step = _open_step(decision, K.PARTICIPATION)
    if decision.comment_opens_on:
        raise ValidationError("本事项已经公开征求过意见。")
    if not decision.draft_text.strip():
        raise ValidationError("请先填写决策草案，再公开征求意见。")
    if closes_on <= opens_on:
        raise ValidationError("截止日期应晚于开始日期。")
    earliest = comment_minimum(opens_on)
    reason = (short_reason or "").strip()
    if closes_on < earliest and not reason:
        raise ValidationError(
            f"征求意见期限不足：{ACT}第十五条规定公开征求意见的期限一般不少于30日，自{fmt(opens_on)}开始的，"
            f"截止日期不得早于{fmt(earliest)}。因情况紧急等原因确需缩短的，应当说明理由。")
    decision.comment_opens_on, decision.comment_closes_on = opens_on, closes_on
    decision.comment_notice = required(notice, "请填写征求意见公告（意见提交方式、联系人等）。")
    decision.comment_short_reason = reason[:200] if closes_on < earliest else ""
    decision.save(update_fields=["comment_opens_on", "comment_closes_on", "comment_notice", "comment_short_reason",
                                 "updated_at"])
    deadlines.start(decision, COMMENT_RULE, start=opens_on, by=by, org=decision.org, note="公开征求意见")
    audit.record("decisions.open_comment", decision, by=by,
                 note=f"公开征求意见：{fmt(opens_on)}至{fmt(closes_on)}" + (f"（缩短理由：{reason}）" if decision.comment_short_reason else ""),
                 changes={"comment_opens_on": [None, opens_on], "comment_closes_on": [None, closes_on]})
    _begin(step, by=by, note="公开征求意见")
    return decision


@transaction.atomic
def submit_comment(decision: Decision, *, body: str, name: str = "", contact: str = "",
                   address_hash: str) -> PublicComment:
    """公众提交意见 on the portal, without an account; kept as sent (shown escaped wherever it appears)."""
    if not decision.comment_is_open(deadlines.today()):
        raise ValidationError("该事项目前不在征求意见期内。")
    body = required(body, "请填写意见内容。")
    if len(body) < 5:
        raise ValidationError("意见内容太短，请写明您的具体意见。")
    if len(body) > 3000:
        raise ValidationError(f"意见内容不能超过3000字（现有{len(body)}字）。")
    comment = PublicComment.objects.create(decision=decision, body=body, name=(name or "").strip()[:50],
                                           contact=(contact or "").strip()[:50], address_hash=address_hash)
    audit.record("decisions.submit_comment", comment, by=PUBLIC, org=decision.org,
                 note=f"收到公众意见（{len(body)}字）：{decision.title}")
    return comment


@transaction.atomic
def answer_comment(comment: PublicComment, *, by, disposition: str, reply: str) -> PublicComment:
    """研究处理公众意见 (条例第十八条): adopted or not, with the reason; fixed once the 采纳情况 is published."""
    decision = comment.decision
    if decision.adoption_published_on:
        raise ValidationError("采纳情况已经公布，不能再修改意见的处理结果。")
    if disposition not in PublicComment.Disposition.values:
        raise ValidationError("请选择处理结果。")
    reply = (reply or "").strip()
    if disposition != PublicComment.Disposition.ADOPTED and not reply:
        raise ValidationError("部分采纳、不予采纳或不属于征求意见范围的，请说明理由。")
    old = comment.disposition
    comment.disposition, comment.reply, comment.replied_at = disposition, reply, timezone.now()
    comment.save(update_fields=["disposition", "reply", "replied_at"])
    audit.record("decisions.answer_comment", comment, by=by, org=decision.org,
                 note=f"意见#{comment.pk}：{comment.get_disposition_display()}", changes={"disposition": [old, disposition]})
    return comment


@transaction.atomic
def publish_adoption(decision: Decision, *, by, summary: str, published_on: dt.date | None = None) -> Decision:
    """公布意见采纳情况 before the decision (条例第十八条); completes 公众参与.

    ``published_on`` (default today) records a publication already made, e.g. on the government website.
    """
    _in_procedure(decision, "公布采纳情况")
    step = _open_step(decision, K.PARTICIPATION)
    today = published_on or deadlines.today()
    if not decision.comment_opens_on:
        raise ValidationError("还没有公开征求意见。")
    if today > deadlines.today():
        raise ValidationError("公布日期不能晚于今天。")
    if not decision.comment_has_ended(today):
        raise ValidationError(f"征求意见期尚未届满（截止于{fmt(decision.comment_closes_on)}），期满后才能公布采纳情况。")
    unanswered = decision.comments.filter(disposition="").count()
    if unanswered:
        raise ValidationError(f"还有{unanswered}条公众意见没有研究处理，请逐条写明是否采纳及理由。")
    decision.adoption_summary = required(summary, "请填写意见采纳情况说明。")
    decision.adoption_published_on = today
    decision.save(update_fields=["adoption_summary", "adoption_published_on", "updated_at"])
    deadlines.complete(decision, COMMENT_RULE, on=decision.comment_closes_on, by=by)
    counts = comment_counts(decision)
    _complete(step, by=by, on=today,
              result=f"征求意见{fmt(decision.comment_opens_on)}至{fmt(decision.comment_closes_on)}，收到意见{counts['total']}条，"
                     f"采纳{counts['adopted']}条、部分采纳{counts['partly']}条；采纳情况已于{fmt(today)}公布")
    return decision


def comment_counts(decision: Decision) -> dict[str, int]:
    counts = {"total": 0, **{value: 0 for value in PublicComment.Disposition.values}}
    for disposition in decision.comments.values_list("disposition", flat=True):
        counts["total"] += 1
        if disposition:
            counts[disposition] += 1
    return counts


@transaction.atomic
def record_hearing(decision: Decision, *, by, held_on: dt.date, place: str, materials_sent_on: dt.date,
                   summary: str) -> Decision:
    """听证会 (条例第十六、十七条): the materials must reach the participants 7 days before the hearing."""
    _in_procedure(decision, "登记听证会")
    _open_step(decision, K.PARTICIPATION)
    earliest = deadlines.compute(HEARING_RULE, materials_sent_on).due_on
    if held_on < earliest:
        raise ValidationError(
            f"听证材料送达过晚：{ACT}第十六条规定听证材料应当于听证会7日前送达听证参加人；"
            f"{fmt(materials_sent_on)}送达的，听证会不得早于{fmt(earliest)}举行。")
    if held_on > deadlines.today():
        raise ValidationError("听证会日期不能晚于今天；请在会后登记。")
    decision.hearing_held_on, decision.hearing_materials_sent_on = held_on, materials_sent_on
    decision.hearing_place = required(place, "请填写听证地点。")[:100]
    decision.hearing_summary = required(summary, "请填写听证情况（参加人、主要意见、记录确认签字情况）。")
    decision.save(update_fields=["hearing_held_on", "hearing_materials_sent_on", "hearing_place", "hearing_summary",
                                 "updated_at"])
    audit.record("decisions.record_hearing", decision, by=by, note=f"听证会：{fmt(held_on)}，{decision.hearing_place}",
                 changes={"hearing_held_on": [None, held_on]})
    return decision


# ---------------------------------------------------------------- 专家论证、风险评估


@transaction.atomic
def add_expert_opinion(decision: Decision, *, by, expert_name: str, given_on: dt.date, opinion: str,
                       expert_title: str = "", field: str = "", signed: bool = False,
                       no_interest: bool = False) -> ExpertOpinion:
    """登记专家论证意见 (条例第十九至二十一条)."""
    _in_procedure(decision, "登记专家论证意见")
    step = _open_step(decision, K.EXPERT)
    if not no_interest:
        raise ValidationError(f"不得选择与决策事项有直接利害关系的专家、专业机构（{ACT}第二十一条）；请确认已作出无利害关系声明。")
    if given_on > deadlines.today():
        raise ValidationError("论证日期不能晚于今天。")
    record = ExpertOpinion.objects.create(
        decision=decision, expert_name=required(expert_name, "请填写专家姓名或专业机构。")[:100],
        expert_title=expert_title.strip()[:100], field=field.strip()[:50], given_on=given_on,
        opinion=required(opinion, "请填写论证意见。"), signed=signed, no_interest=no_interest)
    audit.record("decisions.add_expert_opinion", decision, by=by, note=f"专家论证意见：{record.expert_name}",
                 changes={"expert_opinion": [None, record.pk]})
    _begin(step, by=by, note="开始专家论证")
    return record


@transaction.atomic
def complete_expert_review(decision: Decision, *, by, result: str) -> DecisionStep:
    """专家论证完成: written opinions, each 署名、盖章 (条例第二十条)."""
    _in_procedure(decision, "完成专家论证")
    step = _open_step(decision, K.EXPERT)
    opinions = list(decision.expert_opinions.all())
    if not opinions:
        raise ValidationError("还没有登记专家论证意见。")
    unsigned = [o.expert_name for o in opinions if not o.signed]
    if unsigned:
        raise ValidationError(f"专家提供书面论证意见的，应当署名、盖章（{ACT}第二十条）；尚未署名盖章：{'、'.join(unsigned)}。")
    _complete(step, by=by, on=deadlines.today(), result=required(result, "请概述论证结论及采纳情况。"))
    return step


@transaction.atomic
def record_risk_assessment(decision: Decision, *, by, assessed_on: dt.date, assessor: str, risk_points: str,
                           measures: str, level: str, controllable: bool, method: str = "") -> RiskAssessment:
    """风险评估报告 (条例第二十二、二十三条). Controllable risk completes the step; otherwise the draft must change."""
    _in_procedure(decision, "登记风险评估")
    step = _open_step(decision, K.RISK)
    if level not in RiskAssessment.Level.values:
        raise ValidationError("请选择风险等级。")
    if assessed_on > deadlines.today():
        raise ValidationError("评估日期不能晚于今天。")
    report = RiskAssessment.objects.create(
        decision=decision, assessed_on=assessed_on, assessor=required(assessor, "请填写评估主体。")[:100],
        method=method.strip()[:200], risk_points=required(risk_points, "请列明风险点。"),
        measures=required(measures, "请填写防范措施和处置预案。"), level=level, controllable=controllable)
    audit.record("decisions.record_risk_assessment", decision, by=by,
                 note=f"风险评估：{report.get_level_display()}，{'风险可控' if controllable else '风险不可控'}",
                 changes={"risk_assessment": [None, report.pk]})
    if controllable:
        _complete(step, by=by, on=assessed_on,
                  result=f"{report.assessor}评估为{report.get_level_display()}，风险可控")
    else:
        _begin(step, by=by, note=f"风险评估认为风险不可控：应当调整决策草案或者采取调整措施后重新评估（{ACT}第二十三条）")
    return report


# ---------------------------------------------------------------- 合法性审查


@transaction.atomic
def request_legality_review(decision: Decision, *, by, note: str = "", submitted_on: dt.date | None = None) -> DecisionStep:
    """送请合法性审查 through the legality-review module (条例第二十五至二十七条).

    The materials name the draft, its legal basis and the state of every other step, as
    第二十七条 requires. The review time is at least 7 working days (第二十六条).
    """
    _in_procedure(decision, "送请合法性审查")
    step = _open_step(decision, K.LEGALITY)
    if step.status == S.IN_PROGRESS:
        raise ValidationError("合法性审查正在进行中。")
    if not decision.draft_text.strip():
        raise ValidationError("请先填写决策草案，再送请合法性审查。")
    if not decision.basis.strip():
        raise ValidationError(f"请先梳理决策的法律政策依据（{ACT}第十二条），送审材料应当包括依据（第二十七条）。")
    others = [s for s in DecisionStep.objects.filter(decision=decision).exclude(kind__in=[K.LEGALITY, K.COLLECTIVE])]
    steps_text = "；".join(
        f"{s.get_kind_display()}：{s.get_status_display()}" + (f"（{s.waiver_ground}）" if s.status == S.WAIVED else "")
        for s in others)
    materials = (f"决策草案：{decision.title}\n起草说明：{decision.draft_notes or '无'}\n法律政策依据：{decision.basis}\n"
                 f"履行决策程序情况：{steps_text}" + (f"\n{note.strip()}" if note.strip() else ""))
    review = legal_review.request_review(
        org=decision.org, by=by, subject="decision", title=f"{decision.title}（决策草案）", materials=materials,
        source_app="decisions", source_id=decision.pk, source_label=decision.title,
        source_url=reverse("decisions:decision_detail", args=[decision.pk]), rule_code=LEGALITY_RULE,
        submitted_on=submitted_on)
    step.review_request_id, step.conclusion, step.opinion_number = review.pk, "", ""
    step.save(update_fields=["review_request_id", "conclusion", "opinion_number", "updated_at"])
    _begin(step, by=by, note="送请合法性审查")
    return step


@transaction.atomic
def record_legality_outcome(outcome: ReviewOutcome, *, by) -> DecisionStep | None:
    """合法性审查结果回到决策 (called by the legality-review module when it issues, returns or withdraws).

    A lawful opinion completes the step; an unlawful one reopens it: the draft may not be
    submitted for decision until it is changed and reviewed again (条例第二十五条).
    """
    step = DecisionStep.objects.select_for_update().filter(decision_id=outcome.source_id, kind=K.LEGALITY).first()
    if step is None or step.review_request_id != outcome.request_id:
        return None  # a review superseded by a newer one: nothing to do
    if outcome.status in ("issued", "closed") and step.status != S.DONE:
        step.opinion_number, step.conclusion = outcome.opinion_number, outcome.conclusion_label
        if outcome.passed:
            _complete(step, by=by, on=outcome.issued_on,
                      result=f"{outcome.opinion_number}：{outcome.conclusion_label}", extra=("opinion_number", "conclusion"))
        else:
            step.result = (f"{outcome.opinion_number}认为不合法：应当修改决策草案后重新送审，"
                           f"在此之前不得提交讨论（{ACT}第二十五条）")
            transition(step, "reopen_step", by=by, note=step.result, extra_fields=["opinion_number", "conclusion", "result"])
    elif outcome.status == "returned":
        audit.record("decisions.legality_returned", step.decision, by=by, note="合法性审查机构退回补充材料")
    elif outcome.status == "withdrawn" and step.status == S.IN_PROGRESS:
        step.review_request_id = None
        transition(step, "reopen_step", by=by, note="合法性审查已撤回", extra_fields=["review_request_id"])
    return step


# ---------------------------------------------------------------- 集体讨论决定


def open_steps(decision: Decision) -> list[str]:
    """The required steps not yet done, each with the article that requires it: why a decision would be refused."""
    problems = []
    steps = steps_of(decision)
    for kind in DecisionStep.ORDER:
        step = steps[kind]
        if kind == K.COLLECTIVE or step.is_settled:
            continue
        label = step.get_kind_display()
        if kind == K.PARTICIPATION and decision.comment_opens_on and not decision.adoption_published_on:
            problems.append(f"公众参与尚未完成：征求意见采纳情况尚未公布（{ACT}第十四条、第十八条）")
        elif kind == K.RISK and decision.risk_assessments.filter(controllable=False).exists():
            problems.append(f"风险评估认为风险不可控，应当调整决策草案后重新评估（{ACT}第二十三条）")
        elif kind == K.LEGALITY and step.conclusion == "不合法":
            problems.append(f"合法性审查认为不合法，不得提交讨论（{ACT}第二十五条）")
        elif kind == K.LEGALITY:
            problems.append(f"合法性审查尚未完成：未经合法性审查的，不得提交决策机关讨论（{ACT}第二十五条）")
        else:
            problems.append(f"{label}尚未完成（{step.article}）")
    return problems


@dataclass
class View:
    member_name: str
    position: str
    view: str
    is_head: bool = False
    remarks: str = ""


def _check_views(views: list[View], outcome: str, head_reasons: str) -> list[View]:
    views = [v for v in views if (v.member_name or "").strip()]
    if len(views) < 2:
        raise ValidationError("请按发言顺序登记参加讨论的每位会议组成人员的意见（至少两人）。")
    heads = [i for i, v in enumerate(views) if v.is_head]
    if len(heads) != 1:
        raise ValidationError("请标明行政首长（有且只有一人）。")
    if heads[0] != len(views) - 1:
        raise ValidationError(f"行政首长应当最后发表意见（{ACT}第三十条）；按登记的发言顺序，"
                              f"{views[heads[0]].member_name}之后还有其他人员发言。")
    for v in views:
        if v.view not in MeetingView.View.values:
            raise ValidationError(f"请选择{v.member_name}的意见。")
    members = views[:-1]
    agree = sum(1 for v in members if v.view == MeetingView.View.AGREE)
    majority_agrees = agree * 2 > len(members)
    majority_against = (len(members) - agree) * 2 > len(members)
    approves = outcome in (DecisionMeeting.Outcome.APPROVED, DecisionMeeting.Outcome.APPROVED_WITH_CHANGES)
    rejects = outcome == DecisionMeeting.Outcome.REJECTED
    if ((approves and majority_against) or (rejects and majority_agrees)) and not (head_reasons or "").strip():
        raise ValidationError(f"行政首长拟作出的决定与会议组成人员多数人的意见不一致的，应当在会上说明理由（{ACT}第三十条）；请登记理由。")
    return views


@transaction.atomic
def record_collective_decision(decision: Decision, *, by, kind: str, held_on: dt.date, presided_by: str,
                               attendees: str, views: list[View], outcome: str, minutes: str, place: str = "",
                               absentees: str = "", head_reasons: str = "", decision_text: str = "") -> DecisionMeeting:
    """集体讨论决定 (条例第二十九、三十条).

    Refused while any required step is open (each named with its article). Records every
    member's view in speaking order (the head last), dissent truthfully, and the head's
    reasons where the decision goes against the majority.
    """
    require_state(decision, "decide")
    problems = open_steps(decision)
    if problems:
        raise ValidationError(["不能提交集体讨论决定，以下必经程序尚未完成："] + problems)
    if kind not in DecisionMeeting.Kind.values or outcome not in DecisionMeeting.Outcome.values:
        raise ValidationError("请选择会议类型和决定结果。")
    if held_on > deadlines.today():
        raise ValidationError("会议日期不能晚于今天；请在会后登记。")
    if decision.adoption_published_on and held_on < decision.adoption_published_on:
        raise ValidationError(f"公众意见采纳情况于{fmt(decision.adoption_published_on)}公布，应在公布后再作出决定。")
    legality = steps_of(decision)[K.LEGALITY]
    if legality.completed_on and held_on < legality.completed_on:
        raise ValidationError(f"合法性审查意见于{fmt(legality.completed_on)}出具，会议不能早于该日期。")
    views = _check_views(views, outcome, head_reasons)
    approves = outcome in (DecisionMeeting.Outcome.APPROVED, DecisionMeeting.Outcome.APPROVED_WITH_CHANGES)
    if approves:
        decision_text = required(decision_text, "请填写决定内容。")
    meeting = DecisionMeeting.objects.create(
        decision=decision, kind=kind, held_on=held_on, place=place.strip()[:100],
        presided_by=required(presided_by, "请填写主持人。")[:50], attendees=required(attendees, "请填写出席人员。"),
        absentees=absentees.strip()[:200], outcome=outcome, head_reasons=(head_reasons or "").strip(),
        minutes=required(minutes, "请填写会议纪要。"), recorded_by=by)
    MeetingView.objects.bulk_create([
        MeetingView(meeting=meeting, order=i, member_name=v.member_name.strip()[:50], position=v.position.strip()[:50],
                    is_head=v.is_head, view=v.view, remarks=(v.remarks or "").strip())
        for i, v in enumerate(views, start=1)])
    dissent = [f"{v.member_name}（{MeetingView.View(v.view).label}）" for v in views if v.view in MeetingView.DISSENTING]
    audit.record("decisions.record_meeting", decision, by=by,
                 note=f"{meeting.get_kind_display()}（{fmt(held_on)}）：{meeting.get_outcome_display()}"
                      + (f"；不同意见：{'、'.join(dissent)}" if dissent else "；无不同意见"),
                 changes={"meeting": [None, meeting.pk], "outcome": [None, outcome]})
    step = steps_of(decision)[K.COLLECTIVE]
    if outcome == DecisionMeeting.Outcome.DEFERRED:
        _begin(step, by=by, note="会议决定暂缓，待再次讨论")
        return meeting
    _complete(step, by=by, on=held_on, result=f"{meeting.get_kind_display()}{meeting.get_outcome_display()}")
    if approves:
        decision.decided_on, decision.decision_text = held_on, decision_text
        transition(decision, "decide", by=by, note=f"{meeting.get_kind_display()}{meeting.get_outcome_display()}",
                   extra_fields=["decided_on", "decision_text"])
    else:
        transition(decision, "not_adopt", by=by, note=f"{meeting.get_kind_display()}不予通过")
    return meeting


# ---------------------------------------------------------------- 公布、执行、后评估、归档


@transaction.atomic
def publish(decision: Decision, *, by, published_on: dt.date, channel: str, party_reported_on: dt.date,
            interpretation: str) -> Decision:
    """公布决策 (条例第三十一、三十二条): after reporting to the party committee; with the 解读 and adoption of views."""
    require_state(decision, "publish")
    if party_reported_on > published_on:
        raise ValidationError(f"重大行政决策出台前应当向同级党委请示报告（{ACT}第三十一条）：请示报告日期不能晚于公布日期。")
    if party_reported_on < decision.decided_on:
        raise ValidationError("请示报告日期不能早于决定日期。")
    if published_on > deadlines.today():
        raise ValidationError("公布日期不能晚于今天。")
    decision.published_on, decision.party_reported_on = published_on, party_reported_on
    decision.publication_channel = required(channel, "请填写公布渠道（政府网站、公报、公示栏等）。")[:100]
    decision.interpretation = required(interpretation, f"请填写政策解读，说明公众意见、专家论证意见的采纳情况（{ACT}第三十二条）。")
    transition(decision, "publish", by=by, note=f"{fmt(published_on)}通过{decision.publication_channel}公布",
               extra_fields=["published_on", "party_reported_on", "publication_channel", "interpretation"])
    return decision


@transaction.atomic
def add_implementation_note(decision: Decision, *, by, noted_on: dt.date, kind: str, text: str,
                            unit: str = "") -> ImplementationNote:
    """决策执行情况 (条例第三十四、三十五条): the executing unit reports progress, problems, proposals."""
    if decision.status != Decision.Status.PUBLISHED:
        raise InvalidTransition(f"当前状态为“{decision.get_status_display()}”，不能登记执行情况。")
    if kind not in ImplementationNote.Kind.values:
        raise ValidationError("请选择类型。")
    if noted_on > deadlines.today() or noted_on < decision.published_on:
        raise ValidationError("日期应在决策公布之后、今天之前。")
    note = ImplementationNote.objects.create(decision=decision, noted_on=noted_on, kind=kind,
                                             unit=unit.strip()[:100] or decision.undertaking_unit,
                                             text=required(text, "请填写内容。"), recorded_by=by)
    audit.record("decisions.add_implementation_note", decision, by=by, note=f"{note.get_kind_display()}：{note.text[:60]}",
                 changes={"implementation_note": [None, note.pk]})
    return note


@transaction.atomic
def record_evaluation(decision: Decision, *, by, evaluated_on: dt.date, evaluator: str, third_party: bool,
                      trigger: str, findings: str, recommendation: str) -> PostEvaluation:
    """决策后评估 (条例第三十六条). A third party that did the main pre-decision assessment may not do it."""
    if decision.status not in (Decision.Status.PUBLISHED, Decision.Status.ARCHIVED):
        raise InvalidTransition(f"当前状态为“{decision.get_status_display()}”，不能登记决策后评估。")
    if trigger not in PostEvaluation.Trigger.values or recommendation not in PostEvaluation.Recommendation.values:
        raise ValidationError("请选择评估原因和评估建议。")
    evaluator = required(evaluator, "请填写评估主体。")[:100]
    if third_party:
        before = {r.assessor for r in decision.risk_assessments.all()} | {o.expert_name for o in decision.expert_opinions.all()}
        if evaluator in before:
            raise ValidationError(f"{evaluator}在决策作出前承担了论证评估工作，不能承担决策后评估（{ACT}第三十六条）。")
    if evaluated_on > deadlines.today() or evaluated_on < decision.published_on:
        raise ValidationError("评估日期应在决策公布之后、今天之前。")
    evaluation = PostEvaluation.objects.create(
        decision=decision, evaluated_on=evaluated_on, evaluator=evaluator, third_party=third_party, trigger=trigger,
        findings=required(findings, "请填写评估结论。"), recommendation=recommendation)
    audit.record("decisions.record_evaluation", decision, by=by,
                 note=f"决策后评估：{evaluation.get_recommendation_display()}", changes={"evaluation": [None, evaluation.pk]})
    return evaluation


@dataclass(frozen=True)
class ArchiveItem:
    label: str
    present: bool
    detail: str = ""


def archive_checklist(decision: Decision) -> list[ArchiveItem]:
    """决策档案 (条例第三十三条): what the file must hold, and whether it does."""
    steps = steps_of(decision)
    items = [
        ArchiveItem("决策草案及起草说明", bool(decision.draft_text.strip() and decision.draft_notes.strip())),
        ArchiveItem("法律政策依据", bool(decision.basis.strip())),
    ]

    def step_item(kind, label, present, detail=""):
        step = steps[kind]
        if step.status == S.WAIVED:
            return ArchiveItem(f"{label}（不适用的认定及理由）", bool(step.waiver_reason), step.waiver_ground)
        return ArchiveItem(label, present, detail)

    items.append(step_item(K.PARTICIPATION, "征求意见公告、公众意见及采纳情况说明",
                           bool(decision.comment_opens_on and decision.adoption_published_on)))
    items.append(step_item(K.EXPERT, "专家论证意见", steps[K.EXPERT].status == S.DONE))
    items.append(step_item(K.RISK, "风险评估报告", steps[K.RISK].status == S.DONE))
    items.append(ArchiveItem("合法性审查意见书", steps[K.LEGALITY].status == S.DONE, steps[K.LEGALITY].opinion_number))
    meeting = decision.meetings.exclude(outcome=DecisionMeeting.Outcome.DEFERRED).last()
    items.append(ArchiveItem("集体讨论会议纪要及发言记录", bool(meeting and meeting.views.exists())))
    if decision.status != Decision.Status.NOT_ADOPTED:
        items += [
            ArchiveItem("向同级党委请示报告记录", bool(decision.party_reported_on)),
            ArchiveItem("决策公布及政策解读", bool(decision.published_on and decision.interpretation)),
            ArchiveItem("决策执行情况", decision.implementation_notes.exists()),
        ]
    return items


@transaction.atomic
def archive(decision: Decision, *, by) -> Decision:
    """决策档案归档 (条例第三十三条): refused while the file lacks any item, each named."""
    require_state(decision, "archive")
    missing = [item.label for item in archive_checklist(decision) if not item.present]
    if missing:
        raise ValidationError(f"决策档案不完整，缺少：{'、'.join(missing)}（{ACT}第三十三条）。")
    decision.archived_on = deadlines.today()
    transition(decision, "archive", by=by, note="决策档案完整，已归档", extra_fields=["archived_on"])
    return decision


@transaction.atomic
def withdraw(decision: Decision, *, by, reason: str) -> Decision:
    """调出目录 / 终止: the matter will not be decided; open clocks and reviews are cancelled."""
    require_state(decision, "withdraw")
    reason = required(reason, "请说明原因。")
    legality = steps_of(decision)[K.LEGALITY]
    if legality.review_request_id and legality.status == S.IN_PROGRESS:
        legal_review.withdraw_for_source(legality.review_request_id, by=by, reason=f"决策事项终止：{reason}")
    for clock in deadlines.of(decision):
        if clock.status in ("open", "paused"):
            deadlines.cancel(decision, clock.rule.code, by=by, reason=reason)
    transition(decision, "withdraw", by=by, note=reason)
    return decision


# ---------------------------------------------------------------- 台账导入

IMPORTED_FIELDS = ("kind", "category", "title", "undertaking_unit", "planned", "source", "basis", "summary", "status",
                   "comment_opens_on", "comment_closes_on", "comment_short_reason", "adoption_published_on",
                   "party_reported_on", "published_on", "publication_channel", "archived_on")


@transaction.atomic
def import_ledger(rows: list[dict], *, by, org: Org) -> list[Decision]:
    """导入重大行政决策台账: rows already checked (``ledger.check``); all saved or none.

    Each decision is created in ``org``, audited, with its five steps as the ledger records them (a step found
    not to apply keeps its statutory ground, 条例第十四、十九、二十二条) and linked to the unit's catalogue of
    its year (created 编制中 when the unit has none, to be agreed and published as usual). A decision whose
    comment period is still under way gets the 征求意见 clock (条例第十五条); finished steps get none.
    """
    from .ledger import STEP_KEYS, adopted

    catalogues = {c.year: c for c in DecisionCatalogue.objects.filter(org=org)}
    for year in sorted({row["year"] for row in rows if row.get("year")} - set(catalogues)):
        catalogues[year] = create_catalogue(org=org, by=by, year=year)
    decisions = []
    for row in rows:
        fields = {key: row[key] if row.get(key) is not None else (None if key.endswith("_on") else "")
                  for key in IMPORTED_FIELDS}
        decisions.append(Decision(org=org, catalogue=catalogues.get(row.get("year")), created_by=by,
                                  decided_on=row["decided_on"] if adopted(row) else None, **fields))
    Decision.objects.bulk_create(decisions, batch_size=500)
    steps = []
    for decision, row in zip(decisions, rows):
        for kind, key in STEP_KEYS.items():
            state = row.get(key) or S.PENDING
            step = DecisionStep(decision=decision, kind=kind, status=state, required=state != S.WAIVED)
            if state == S.WAIVED:
                step.waiver_ground = DecisionStep.WAIVER_GROUNDS[kind][:200]
                step.waiver_reason = "台账导入：原台账载明依法不适用。"
            if state == S.DONE:
                step.completed_on = {K.PARTICIPATION: row.get("adoption_published_on"),
                                     K.COLLECTIVE: row.get("decided_on")}.get(kind)
                step.result = "台账导入"
            if kind == K.LEGALITY and state == S.DONE:
                step.opinion_number = row["opinion_number"]
                step.result = f"{row['opinion_number']}（台账导入）"
            steps.append(step)
    DecisionStep.objects.bulk_create(steps, batch_size=1000)
    audit.record_many("decisions.import_decision", decisions, by=by, org=org,
                      note=lambda d: f"台账导入：{d.get_kind_display()}“{d.title}”（{d.get_status_display()}）",
                      changes=lambda d: {"status": [None, d.status], "catalogue": [None, d.catalogue_id]})
    deadlines.start_many([
        deadlines.Clock(decision, COMMENT_RULE, decision.comment_opens_on, note="台账导入：公开征求意见")
        for decision, row in zip(decisions, rows)
        if decision.status == Decision.Status.DRAFTING and row.get("participation") == S.IN_PROGRESS], by=by, org=org)
    return decisions
