"""Every write of the normative-documents module: one transaction each, audited, with its basis.

Gates: 征求意见 shorter than its minimum (7个工作日, or 30日 for documents closely tied to 市场主体,
示范指标体系 item 24) is refused; 集体审议 without a passed 合法性审核 is refused (国办发〔2018〕37号).
Filing, correction, validity and cleanup periods come from the rule table ([NV], set locally).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from yifa.core import audit, deadlines, numbering
from yifa.core.deadlines import fmt
from yifa.core.models import Org
from yifa.core.numbering import next_number
from yifa.core.workflow import InvalidTransition, transition
from yifa.legal_review import actions as legal_review
from yifa.legal_review.actionkit import PUBLIC, require_state, required
from yifa.legal_review.interface import ReviewOutcome

from .models import GB_37, Cleanup, CleanupItem, DocumentComment, Filing, NormativeDocument

S = NormativeDocument.Status
V = NormativeDocument.Validity
COMMENT_RULE, COMMENT_BUSINESS_RULE = "normative.comment", "normative.comment_business"
LEGALITY_RULE, FILING_RULE = "normative.legality_review", "normative.filing"
CORRECTION_RULE, VALIDITY_RULE, CLEANUP_RULE = "normative.correction", "normative.validity", "normative.cleanup"
NUMBER_FORMAT = "{abbr}规〔{year}〕{n}号"


def _not_future(day: dt.date, label: str) -> None:
    if day > deadlines.today():
        raise ValidationError(f"{label}不能晚于今天。")


# ---------------------------------------------------------------- 起草


DRAFT_FIELDS = ("title", "drafting_unit", "touches_business", "basis", "draft_text", "drafting_notes")


@transaction.atomic
def create_document(*, org: Org, by, title: str, drafting_unit: str = "", touches_business: bool = False,
                    basis: str = "", draft_text: str = "", drafting_notes: str = "") -> NormativeDocument:
    """起草: a 规范性文件 is made in the name of the unit (never of an internal office, 37号)."""
    if not org.is_grassroots and org.kind not in (Org.Kind.COUNTY, Org.Kind.CITY):
        raise ValidationError("规范性文件应当以行政机关名义制发，不得以内设机构名义发文（国办发〔2018〕37号）。")
    document = NormativeDocument.objects.create(
        org=org, title=required(title, "请填写文件名称。")[:200], drafting_unit=(drafting_unit or "").strip()[:100],
        touches_business=touches_business, basis=(basis or "").strip(), draft_text=(draft_text or "").strip(),
        drafting_notes=(drafting_notes or "").strip(), created_by=by)
    audit.record("normative_docs.create_document", document, by=by, org=org, note=f"起草：{document.title}",
                 changes={"status": [None, document.status], "touches_business": [None, touches_business]})
    return document


@transaction.atomic
def update_document(document: NormativeDocument, *, by, **fields) -> NormativeDocument:
    """修改草案, while drafting or after the comments were studied (e.g. once the review asked for changes)."""
    if document.status not in NormativeDocument.EDITABLE:
        raise InvalidTransition(f"当前状态为“{document.get_status_display()}”，不能修改草案。")
    changes = {}
    for key in DRAFT_FIELDS:
        if key in fields:
            value = fields[key] if isinstance(fields[key], bool) else (fields[key] or "").strip()
            if value != getattr(document, key):
                old = getattr(document, key)
                changes[key] = [old if isinstance(old, bool) else str(old)[:50], value if isinstance(value, bool)
                                else str(value)[:50]]
                setattr(document, key, value)
    if not document.title:
        raise ValidationError("请填写文件名称。")
    if changes:
        document.save(update_fields=[*changes, "updated_at"])  # only what changed: never a stale status
        audit.record("normative_docs.update_document", document, by=by, changes=changes,
                     note="修改：" + "、".join(NormativeDocument._meta.get_field(k).verbose_name for k in changes))
    return document


# ---------------------------------------------------------------- 征求意见


def comment_rule(document: NormativeDocument) -> str:
    return COMMENT_BUSINESS_RULE if document.touches_business else COMMENT_RULE


def comment_minimum(document: NormativeDocument, opens_on: dt.date) -> dt.date:
    return deadlines.compute(comment_rule(document), opens_on).due_on


@transaction.atomic
def open_comment(document: NormativeDocument, *, by, opens_on: dt.date, closes_on: dt.date,
                 notice: str) -> NormativeDocument:
    """公开征求意见 on the portal: at least 7 working days, or 30 days for documents tied to 市场主体."""
    require_state(document, "open_comment")
    if not document.draft_text.strip():
        raise ValidationError("请先填写文件正文，再公开征求意见。")
    if not document.drafting_notes.strip():
        raise ValidationError("请先填写起草说明（制定必要性、评估论证情况），与草案一同公开。")
    if closes_on <= opens_on:
        raise ValidationError("截止日期应晚于开始日期。")
    minimum = deadlines.compute(comment_rule(document), opens_on)
    rule, earliest = minimum.rule, minimum.due_on
    if closes_on < earliest:
        scope = "与市场主体生产经营活动密切相关的，" if document.touches_business else ""
        raise ValidationError(
            f"征求意见期限不足：{scope}公开征求意见的期限不少于{rule.period_label}（{rule.basis}），"
            f"自{fmt(opens_on)}开始的，截止日期不得早于{fmt(earliest)}。")
    document.comment_opens_on, document.comment_closes_on = opens_on, closes_on
    document.comment_notice = required(notice, "请填写征求意见公告（意见提交方式、联系人等）。")
    deadlines.start(document, rule.code, start=opens_on, by=by, org=document.org, note="公开征求意见")
    transition(document, "open_comment", by=by, note=f"公开征求意见：{fmt(opens_on)}至{fmt(closes_on)}",
               extra_fields=["comment_opens_on", "comment_closes_on", "comment_notice"])
    return document


@transaction.atomic
def submit_comment(document: NormativeDocument, *, body: str, address_hash: str, name: str = "",
                   contact: str = "", is_business: bool = False) -> DocumentComment:
    """公众提交意见 on the portal, without an account."""
    if not document.comment_is_open(deadlines.today()):
        raise ValidationError("该文件目前不在征求意见期内。")
    body = required(body, "请填写意见内容。")
    if len(body) < 5:
        raise ValidationError("意见内容太短，请写明您的具体意见。")
    if len(body) > 3000:
        raise ValidationError(f"意见内容不能超过3000字（现有{len(body)}字）。")
    comment = DocumentComment.objects.create(document=document, body=body, name=(name or "").strip()[:50],
                                             contact=(contact or "").strip()[:50], is_business=is_business,
                                             address_hash=address_hash)
    audit.record("normative_docs.submit_comment", comment, by=PUBLIC, org=document.org,
                 note=f"收到公众意见（{len(body)}字）：{document.title}")
    return comment


@transaction.atomic
def answer_comment(comment: DocumentComment, *, by, disposition: str, reply: str) -> DocumentComment:
    """研究处理意见: adopted or not, with the reason."""
    if comment.document.status != S.COMMENTING:
        raise InvalidTransition("征求意见已结束，处理结果不能再修改。")
    if disposition not in DocumentComment.Disposition.values:
        raise ValidationError("请选择处理结果。")
    reply = (reply or "").strip()
    if disposition != DocumentComment.Disposition.ADOPTED and not reply:
        raise ValidationError("部分采纳、不予采纳或不属于征求意见范围的，请说明理由。")
    old = comment.disposition
    comment.disposition, comment.reply = disposition, reply
    comment.save(update_fields=["disposition", "reply"])
    audit.record("normative_docs.answer_comment", comment, by=by, org=comment.document.org,
                 note=f"意见#{comment.pk}：{comment.get_disposition_display()}", changes={"disposition": [old, disposition]})
    return comment


@transaction.atomic
def close_comment(document: NormativeDocument, *, by, summary: str, closed_on: dt.date | None = None) -> NormativeDocument:
    """结束征求意见并公布采纳情况: after the period, with every comment answered."""
    require_state(document, "close_comment")
    today = closed_on or deadlines.today()
    _not_future(today, "公布日期")
    if today <= document.comment_closes_on:
        raise ValidationError(f"征求意见期尚未届满（截止于{fmt(document.comment_closes_on)}）。")
    unanswered = document.comments.filter(disposition="").count()
    if unanswered:
        raise ValidationError(f"还有{unanswered}条公众意见没有研究处理，请逐条写明是否采纳及理由。")
    document.adoption_summary = required(summary, "请填写意见采纳情况。")
    document.comment_closed_on = today
    deadlines.complete(document, comment_rule(document), on=document.comment_closes_on, by=by)
    transition(document, "close_comment", by=by, note=f"征求意见结束，收到意见{document.comments.count()}条",
               extra_fields=["adoption_summary", "comment_closed_on"])
    return document


# ---------------------------------------------------------------- 合法性审核


@transaction.atomic
def request_legality_review(document: NormativeDocument, *, by, note: str = "",
                            submitted_on: dt.date | None = None) -> NormativeDocument:
    """送请合法性审核 through the legality-review module (国办发〔2018〕115号; 审核时限 normative.legality_review)."""
    require_state(document, "request_legality_review")
    if not document.basis.strip():
        raise ValidationError("请先写明制定依据（法律、法规、规章和上级文件），审核时需逐条核对。")
    counts = document.comments.count()
    materials = (f"文件草案：{document.title}\n起草说明：{document.drafting_notes}\n制定依据：{document.basis}\n"
                 f"征求意见情况：{fmt(document.comment_opens_on)}至{fmt(document.comment_closes_on)}公开征求意见，"
                 f"收到意见{counts}条；{document.adoption_summary}" + (f"\n{note.strip()}" if note.strip() else ""))
    review = legal_review.request_review(
        org=document.org, by=by, subject="normative", title=f"{document.title}（送审稿）", materials=materials,
        source_app="normative_docs", source_id=document.pk, source_label=document.title,
        source_url=reverse("normative_docs:document_detail", args=[document.pk]), rule_code=LEGALITY_RULE,
        submitted_on=submitted_on)
    document.review_request_id, document.review_conclusion, document.review_opinion_number = review.pk, "", ""
    transition(document, "request_legality_review", by=by, note="送请合法性审核",
               extra_fields=["review_request_id", "review_conclusion", "review_opinion_number"])
    return document


@transaction.atomic
def record_legality_outcome(outcome: ReviewOutcome, *, by) -> NormativeDocument | None:
    """合法性审核结果 from the legality-review module: passed, failed (back for changes), returned, withdrawn."""
    document = NormativeDocument.objects.select_for_update().filter(pk=outcome.source_id).first()
    if document is None or document.review_request_id != outcome.request_id or document.status != S.REVIEWING:
        return None
    if outcome.status in ("issued", "closed"):
        document.review_opinion_number, document.review_conclusion = outcome.opinion_number, outcome.conclusion_label
        document.reviewed_on = outcome.issued_on
        fields = ["review_opinion_number", "review_conclusion", "reviewed_on"]
        if outcome.passed:
            transition(document, "legality_passed", by=by, note=f"{outcome.opinion_number}：{outcome.conclusion_label}",
                       extra_fields=fields)
        else:
            transition(document, "legality_failed", by=by,
                       note=f"{outcome.opinion_number}认为不合法：修改后重新送审，在此之前不得提交集体审议（{GB_37}）",
                       extra_fields=fields)
    elif outcome.status == "returned":
        audit.record("normative_docs.legality_returned", document, by=by, note="合法性审核机构退回补充材料")
    elif outcome.status == "withdrawn":
        document.review_request_id = None
        transition(document, "legality_failed", by=by, note="合法性审核已撤回", extra_fields=["review_request_id"])
    return document


# ---------------------------------------------------------------- 集体审议、登记、公布


@transaction.atomic
def deliberate(document: NormativeDocument, *, by, body: str, held_on: dt.date, minutes: str) -> NormativeDocument:
    """集体审议决定. Refused unless the 合法性审核 passed: 未经合法性审核或者经审核不合法的，不得提交集体审议."""
    if document.status in (S.DRAFTING, S.COMMENTING, S.COMMENTED, S.REVIEWING):
        missing = "合法性审核认为不合法" if document.review_conclusion == "不合法" else "尚未通过合法性审核"
        raise ValidationError(f"不能提交集体审议：{missing}。未经合法性审核或者经审核不合法的，不得提交集体审议（{GB_37}）。")
    require_state(document, "deliberate")
    _not_future(held_on, "审议日期")
    if document.reviewed_on and held_on < document.reviewed_on:
        raise ValidationError(f"合法性审核意见于{fmt(document.reviewed_on)}出具，审议不能早于该日期。")
    document.deliberation_body = required(body, "请填写审议会议（如：街道党工委会议、主任办公会议）。")[:100]
    document.deliberated_on = held_on
    document.deliberation_minutes = required(minutes, "请填写审议情况。")
    transition(document, "deliberate", by=by, note=f"{document.deliberation_body}（{fmt(held_on)}）审议通过",
               extra_fields=["deliberation_body", "deliberated_on", "deliberation_minutes"])
    return document


@transaction.atomic
def register(document: NormativeDocument, *, by, registered_on: dt.date | None = None) -> NormativeDocument:
    """统一登记、统一编号: the unit's 规范性文件 文号, gap-free per year."""
    require_state(document, "register")
    registered_on = registered_on or deadlines.today()
    _not_future(registered_on, "登记日期")
    document.number = next_number(document.org, "normative_doc", registered_on.year, fmt=NUMBER_FORMAT).text
    document.registered_on = registered_on
    transition(document, "register", by=by, note=f"登记编号：{document.number}", changes={"number": [None, document.number]},
               extra_fields=["number", "registered_on"])
    return document


@transaction.atomic
def publish(document: NormativeDocument, *, by, published_on: dt.date, channel: str, effective_on: dt.date,
            validity_months: int | None = None) -> NormativeDocument:
    """统一公布: the document takes effect and its validity period runs; the 备案 clock starts (normative.filing)."""
    require_state(document, "publish")
    _not_future(published_on, "公布日期")
    if published_on < document.registered_on:
        raise ValidationError("公布日期不能早于登记日期。")
    if effective_on < published_on:
        raise ValidationError("施行日期不能早于公布日期：未经公布的规范性文件不得作为行政管理依据。")
    rule = deadlines.compute(VALIDITY_RULE, effective_on).rule  # the locally set validity period (本地设定)
    months = validity_months or rule.count
    if months > rule.count:
        raise ValidationError(f"有效期一般不超过{rule.period_label}（{rule.basis or '本地规定'}）。")
    document.published_on, document.effective_on, document.validity_months = published_on, effective_on, months
    document.publication_channel = required(channel, "请填写公布渠道（政府网站、公报、公示栏等）。")[:100]
    document.expires_on = deadlines.add_months(effective_on, months) - dt.timedelta(days=1)
    document.validity = V.VALID
    deadlines.start(document, FILING_RULE, start=published_on, by=by, org=document.org, note="报送备案")
    transition(document, "publish", by=by, note=f"{fmt(published_on)}公布，{fmt(effective_on)}起施行，有效期至{fmt(document.expires_on)}",
               extra_fields=["published_on", "effective_on", "validity_months", "publication_channel", "expires_on",
                             "validity"])
    if not any(d.rule.code == CLEANUP_RULE and d.is_active for d in deadlines.of(document.org)):
        deadlines.start(document.org, CLEANUP_RULE, start=published_on, by=by, org=document.org, note="规范性文件定期清理")
    return document


@transaction.atomic
def withdraw(document: NormativeDocument, *, by, reason: str) -> NormativeDocument:
    """终止制定: the document will not be issued; its clocks and any open review are cancelled."""
    require_state(document, "withdraw")
    reason = required(reason, "请说明原因。")
    if document.status == S.REVIEWING and document.review_request_id:
        review_id, document.review_request_id = document.review_request_id, None
        document.save(update_fields=["review_request_id", "updated_at"])
        legal_review.withdraw_for_source(review_id, by=by, reason=f"终止制定：{reason}")
    for clock in deadlines.of(document):
        if clock.is_active:
            deadlines.cancel(document, clock.rule.code, by=by, reason=reason)
    transition(document, "withdraw", by=by, note=reason)
    return document


# ---------------------------------------------------------------- 备案与备案审查


def filing_authority(org: Org) -> Org:
    """The level a 乡镇/街道 files with: its 区县 (through the 司法局)."""
    if org.parent_id is None:
        raise ValidationError("本单位没有上级机关，无需报送备案。")
    return org.parent


@transaction.atomic
def file(document: NormativeDocument, *, by, report: str, filed_on: dt.date | None = None) -> Filing:
    """报送备案 to the level above, within the local period from publication (有件必备)."""
    if document.status != S.PUBLISHED:
        raise InvalidTransition(f"当前状态为“{document.get_status_display()}”，公布后才能报送备案。")
    if Filing.objects.filter(document=document).exists():
        raise InvalidTransition("该文件已经报送备案。")
    filed_on = filed_on or deadlines.today()
    _not_future(filed_on, "报备日期")
    if filed_on < document.published_on:
        raise ValidationError("报备日期不能早于公布日期。")
    if not document.review_opinion_number:
        raise ValidationError("备案材料应当包括合法性审核意见，本文件没有合法性审核意见书。")
    clock = deadlines.complete(document, FILING_RULE, on=filed_on, by=by)
    filing = Filing.objects.create(
        document=document, filed_to=filing_authority(document.org), filed_on=filed_on, due_on=clock.due_on,
        on_time=clock.status == clock.Status.MET, report=required(report, "请填写备案报告。"))
    audit.record("normative_docs.file", filing, by=by, org=document.org,
                 note=f"报送{filing.filed_to.name}备案" + ("" if filing.on_time else f"（逾期，报备期限{fmt(clock.due_on)}）"),
                 changes={"filed_on": [None, filed_on], "on_time": [None, filing.on_time]})
    return filing


@transaction.atomic
def pass_review(filing: Filing, *, by, opinion: str) -> Filing:
    """备案审查通过 (有备必审): no problem found, or the correction answered is accepted."""
    require_state(filing, "pass_review")
    filing.review_opinion = required(opinion, "请填写审查意见。")
    filing.reviewed_by, filing.reviewed_on = by, deadlines.today()
    transition(filing, "pass_review", by=by, note=filing.review_opinion[:200],
               extra_fields=["review_opinion", "reviewed_by", "reviewed_on"])
    return filing


@transaction.atomic
def order_correction(filing: Filing, *, by, problem: str, requirement: str,
                     ordered_on: dt.date | None = None) -> Filing:
    """责令纠正 (有错必纠): the problem and what the unit must do, answered within the correction period."""
    require_state(filing, "order_correction")
    filing.problem = required(problem, "请写明审查发现的问题（越权、与上位法抵触、违法设定许可处罚强制等）。")
    filing.requirement = required(requirement, "请写明纠正要求。")
    ordered_on = ordered_on or deadlines.today()
    _not_future(ordered_on, "责令纠正日期")
    filing.reviewed_by, filing.reviewed_on, filing.ordered_on = by, ordered_on, ordered_on
    filing.corrections += 1
    filing.answer_kind, filing.answer, filing.answered_on, filing.answered_late = "", "", None, False
    clock = deadlines.start(filing, CORRECTION_RULE, start=filing.ordered_on, by=by, org=filing.document.org,
                            note="备案审查纠正")
    filing.correction_due_on = clock.due_on
    transition(filing, "order_correction", by=by, note=f"责令纠正：{filing.problem[:120]}（{fmt(clock.due_on)}前报告）",
               extra_fields=["problem", "requirement", "reviewed_by", "reviewed_on", "ordered_on", "corrections",
                             "correction_due_on", "answer_kind", "answer", "answered_on", "answered_late"])
    return filing


@transaction.atomic
def answer_correction(filing: Filing, *, by, answer_kind: str, answer: str) -> Filing:
    """报告纠正情况: on time or late (recorded); an amended or repealed document changes its validity."""
    require_state(filing, "answer_correction")
    if answer_kind not in Filing.AnswerKind.values:
        raise ValidationError("请选择纠正情况。")
    today = deadlines.today()
    filing.answer_kind, filing.answer, filing.answered_on = answer_kind, required(answer, "请说明纠正情况。"), today
    clock = deadlines.complete(filing, CORRECTION_RULE, on=today, by=by)
    filing.answered_late = clock.status == clock.Status.LATE
    transition(filing, "answer_correction", by=by,
               note=f"{filing.get_answer_kind_display()}" + ("（逾期报告）" if filing.answered_late else ""),
               extra_fields=["answer_kind", "answer", "answered_on", "answered_late"])
    new_validity = {Filing.AnswerKind.AMENDED: V.AMENDED, Filing.AnswerKind.REPEALED: V.REPEALED}.get(answer_kind)
    if new_validity:
        _set_validity(filing.document, new_validity, by=by, on=today, note=f"备案审查纠正：{filing.get_answer_kind_display()}")
    return filing


def _set_validity(document: NormativeDocument, validity: str, *, by, on: dt.date, note: str) -> None:
    old = document.validity
    document.validity, document.validity_changed_on, document.validity_note = validity, on, note[:200]
    document.save(update_fields=["validity", "validity_changed_on", "validity_note", "updated_at"])
    audit.record("normative_docs.change_validity", document, by=by, note=note,
                 changes={"validity": [old, validity]})


# ---------------------------------------------------------------- 有效期与定期清理


@transaction.atomic
def start_cleanup(*, org: Org, by, title: str, reason: str, started_on: dt.date | None = None) -> Cleanup:
    """开展清理: every document of the unit still in force is listed for a decision."""
    if Cleanup.objects.filter(org=org, status=Cleanup.Status.OPEN).exists():
        raise ValidationError("上一轮清理尚未完成。")
    started_on = started_on or deadlines.today()
    in_force = [d for d in NormativeDocument.objects.filter(org=org, status=S.PUBLISHED)
                if d.current_validity(started_on) in (V.VALID, V.AMENDED)]
    if not in_force:
        raise ValidationError("本单位没有现行有效的规范性文件，无需清理。")
    cleanup = Cleanup.objects.create(org=org, title=required(title, "请填写清理名称。")[:200],
                                     reason=required(reason, "请填写清理原因。")[:200], started_on=started_on)
    CleanupItem.objects.bulk_create([CleanupItem(cleanup=cleanup, document=d) for d in in_force])
    audit.record("normative_docs.start_cleanup", cleanup, by=by, org=org, note=f"{cleanup.title}：{len(in_force)}件",
                 changes={"documents": [None, len(in_force)]})
    return cleanup


@transaction.atomic
def set_cleanup_result(item: CleanupItem, *, by, result: str, reason: str = "") -> CleanupItem:
    """清理意见 for one document: keep, amend, repeal or declare expired (a reason unless kept)."""
    if item.cleanup.status != Cleanup.Status.OPEN:
        raise InvalidTransition("清理结果已经公布，不能再修改。")
    if result not in CleanupItem.Result.values:
        raise ValidationError("请选择清理结果。")
    reason = (reason or "").strip()
    if result != CleanupItem.Result.KEEP and not reason:
        raise ValidationError("修改、废止或宣布失效的，请说明理由（如上位法已修改）。")
    old = item.result
    item.result, item.reason = result, reason[:200]
    item.save(update_fields=["result", "reason"])
    audit.record("normative_docs.set_cleanup_result", item.cleanup, by=by,
                 note=f"{item.document}：{item.get_result_display()}", changes={"result": [old, result]})
    return item


@transaction.atomic
def conclude_cleanup(cleanup: Cleanup, *, by, decision: str, concluded_on: dt.date | None = None) -> Cleanup:
    """公布清理结果: each result takes effect; the next periodic cleanup clock starts (normative.cleanup)."""
    require_state(cleanup, "conclude_cleanup")
    pending = cleanup.items.filter(result="").count()
    if pending:
        raise ValidationError(f"还有{pending}件文件没有清理结果。")
    concluded_on = concluded_on or deadlines.today()
    _not_future(concluded_on, "公布日期")
    cleanup.decision = required(decision, "请填写审议清理结果的会议或决定文号。")[:200]
    cleanup.concluded_on = concluded_on
    effects = {CleanupItem.Result.AMEND: V.AMENDED, CleanupItem.Result.REPEAL: V.REPEALED,
               CleanupItem.Result.EXPIRE: V.EXPIRED}
    for item in cleanup.items.select_related("document"):
        if item.result in effects:
            _set_validity(item.document, effects[item.result], by=by, on=concluded_on,
                          note=f"{cleanup.title}：{item.get_result_display()}（{item.reason}）")
    transition(cleanup, "conclude_cleanup", by=by, note=f"{cleanup.decision}；{summary_of(cleanup)}",
               extra_fields=["decision", "concluded_on"])
    if any(d.rule.code == CLEANUP_RULE and d.is_active for d in deadlines.of(cleanup.org)):
        deadlines.complete(cleanup.org, CLEANUP_RULE, on=concluded_on, by=by)
    deadlines.start(cleanup.org, CLEANUP_RULE, start=concluded_on, by=by, org=cleanup.org, note="下一轮定期清理")
    return cleanup


def summary_of(cleanup: Cleanup) -> str:
    counts = {value: 0 for value in CleanupItem.Result.values}
    for result in cleanup.items.values_list("result", flat=True):
        if result:
            counts[result] += 1
    parts = [f"{CleanupItem.Result(k).label}{n}件" for k, n in counts.items() if n]
    return f"清理文件{sum(counts.values())}件：" + "、".join(parts)


# ---------------------------------------------------------------- 台账导入

IMPORTED_TEXT = ("number", "title", "drafting_unit", "basis", "review_opinion_number", "review_conclusion",
                 "deliberation_body", "publication_channel", "validity_note")
IMPORTED_DATES = ("comment_opens_on", "comment_closes_on", "comment_closed_on", "reviewed_on", "deliberated_on",
                  "registered_on", "published_on", "effective_on", "validity_changed_on")


@transaction.atomic
def import_ledger(rows: list[dict], *, by, org: Org) -> list[NormativeDocument]:
    """导入行政规范性文件台账: rows already checked (``ledger.check``); all saved or none.

    Each document is created in ``org`` and audited, with its 文号 kept (the unit's 规范性文件 series moves past
    the numbers brought in, so 统一编号 never repeats one) and, once published, its validity period
    (normative.validity) and 备案 (due normative.filing from publication; on time or late as the dates say).
    Clocks as the module's actions leave them: a document in its comment period gets the 征求意见 clock, a
    published one not yet filed the 报备 clock, a filing ordered corrected and not yet answered the 纠正 clock
    (normative.correction), and the unit the 定期清理 clock if none runs; finished steps none.
    """
    validity = deadlines.get_rule(VALIDITY_RULE)
    due = deadlines.DueDates([row.get("published_on") for row in rows] + [row.get("ordered_on") for row in rows])
    documents = []
    for row in rows:
        document = NormativeDocument(
            org=org, created_by=by, status=row["status"], touches_business=bool(row.get("touches_business")),
            **{key: row.get(key) or "" for key in IMPORTED_TEXT}, **{key: row.get(key) for key in IMPORTED_DATES})
        if document.status == S.PUBLISHED:
            document.validity_months = row.get("validity_months") or validity.count
            document.expires_on = (deadlines.add_months(document.effective_on, document.validity_months)
                                   - dt.timedelta(days=1))
            document.validity = row.get("validity") or V.VALID
        documents.append(document)
    NormativeDocument.objects.bulk_create(documents, batch_size=500)
    numbering.reserve_past(org, "normative_doc", NUMBER_FORMAT, [d.number for d in documents])
    filings = {}
    for document, row in zip(documents, rows):
        if row.get("filed_on"):
            due_on = due(FILING_RULE, document.published_on)[0]
            filing = Filing(
                document=document, filed_to=filing_authority(org), filed_on=row["filed_on"], due_on=due_on,
                on_time=row["filed_on"] <= due_on, report="（台账导入）",
                status=row.get("filing_status") or Filing.Status.SUBMITTED, ordered_on=row.get("ordered_on"),
                answer_kind=row.get("answer_kind") or "", answered_on=row.get("answered_on"))
            if filing.ordered_on:
                filing.corrections, filing.reviewed_on = 1, filing.ordered_on
                filing.correction_due_on = due(CORRECTION_RULE, filing.ordered_on)[0]
                filing.answered_late = bool(filing.answered_on and filing.answered_on > filing.correction_due_on)
            filings[document.pk] = filing
    Filing.objects.bulk_create(filings.values(), batch_size=500)

    def note(document) -> str:
        filing = filings.get(document.pk)
        filed = (f"；{fmt(filing.filed_on)}报送{filing.filed_to.name}备案" + ("" if filing.on_time else "（逾期）")
                 if filing else "")
        return f"台账导入：{document}（{document.get_status_display()}）{filed}"

    audit.record_many("normative_docs.import_document", documents, by=by, org=org, note=note,
                      changes=lambda d: {"status": [None, d.status], "number": [None, d.number or None]})
    clocks = []
    for document in documents:
        filing = filings.get(document.pk)
        if document.status == S.COMMENTING:
            clocks.append(deadlines.Clock(document, comment_rule(document), document.comment_opens_on,
                                          note="台账导入：公开征求意见"))
        elif document.status == S.PUBLISHED and not filing:
            clocks.append(deadlines.Clock(document, FILING_RULE, document.published_on, note="台账导入：报送备案"))
        if filing and filing.status == Filing.Status.CORRECTION:
            clocks.append(deadlines.Clock(filing, CORRECTION_RULE, filing.ordered_on, note="台账导入：备案审查纠正"))
    deadlines.start_many(clocks, by=by, org=org, due=due)
    today = deadlines.today()
    in_force = [d.published_on for d in documents
                if d.status == S.PUBLISHED and d.current_validity(today) in (V.VALID, V.AMENDED)]
    if in_force and not any(d.rule.code == CLEANUP_RULE and d.is_active for d in deadlines.of(org)):
        deadlines.start(org, CLEANUP_RULE, start=min(in_force), by=by, org=org, note="台账导入：规范性文件定期清理")
    return documents
