"""Every write in 政府信息公开. One transaction each; status moves through ``core.workflow.transition``
(audited ``disclosure.<action>``); the statutory clocks live in ``core.deadlines``:

- ``disclosure.reply`` (20个工作日 from receipt, +20 once with approval, 第三十三条), paused while a 补正 is
  awaited and while a third party is consulted. The 补正 pause starts on the day of receipt, so that counting
  starts again from the corrected request (第三十条: "答复期限自行政机关收到补正的申请之日起计算");
- ``disclosure.correction_notice`` (7个工作日 to ask for the 补正, 第三十条);
- ``disclosure.third_party`` (15个工作日 for the third party's opinion, 第三十二条);
- ``disclosure.proactive`` (20个工作日 from the information's formation to its publication, 第二十六条).
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction

from yifa.core import audit, deadlines, imports, numbering
from yifa.core.identity import validate_id_number, validate_phone, validate_uscc
from yifa.core.workflow import InvalidTransition, transition

from .models import InfoRequest, ProactiveDisclosure

R, PUB = InfoRequest, ProactiveDisclosure
REPLY, CORRECTION, THIRD_PARTY, PROACTIVE = (
    "disclosure.reply", "disclosure.correction_notice", "disclosure.third_party", "disclosure.proactive")
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
REQUEST_NUMBER = "{abbr}依申〔{year}〕{n}号"
REPLY_NUMBER = "{abbr}公复〔{year}〕{n}号"
INDEX_NUMBER = "{abbr}/{year}-{n:05d}"


def today():
    return deadlines.today()


def _not_future(value, label: str, field: str = "on"):
    if value and value > today():
        raise ValidationError({field: f"{label}不能晚于今天。"})


def _not_before(value, earlier, label: str, earlier_label: str, field: str = "on"):
    if value and earlier and value < earlier:
        raise ValidationError({field: f"{label}不能早于{earlier_label}（{earlier.year}年{earlier.month}月{earlier.day}日）。"})


def _take(model, org, year: int, kind: str, fmt: str, field: str, taken: set | None = None) -> str:
    """The next free number of ``kind``; skips numbers already used by records imported from an old 台账."""
    while True:
        text = numbering.next_number(org, kind, year, fmt=fmt).text
        exists = text in taken if taken is not None else model.objects.filter(org=org, **{field: text}).exists()
        if not exists:
            if taken is not None:
                taken.add(text)
            return text


# ---------------------------------------------------------------- 主动公开


def _follow_publication(pub: ProactiveDisclosure, *, by) -> None:
    deadlines.start(pub, PROACTIVE, start=pub.formed_on, by=by, org=pub.org)


def _check_publication(values: dict) -> None:
    errors = {}
    if values.get("category") != ProactiveDisclosure.Category.NORMATIVE and values.get("normative_change"):
        errors["normative_change"] = ["只有行政规范性文件类信息填写制发或废止。"]
    if values.get("category") == ProactiveDisclosure.Category.NORMATIVE and not values.get("normative_change"):
        errors["normative_change"] = ["行政规范性文件类信息请选择“制发”或“废止”（年度报告统计用）。"]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_publication(*, by, org, published_on=None, **values) -> ProactiveDisclosure:
    """登记主动公开信息. The 20个工作日 clock runs from the day the information was formed or changed
    (第二十六条); when ``published_on`` is given it is published in the same step."""
    _check_publication(values)
    _not_future(values.get("formed_on"), "形成日期", "formed_on")
    pub = ProactiveDisclosure(org=org, created_by=by, **values)
    pub.full_clean(exclude=["org", "created_by"])
    pub.save()
    audit.record("disclosure.create_publication", pub, by=by, note=pub.title,
                 changes={"category": [None, pub.category]})
    _follow_publication(pub, by=by)
    if published_on:
        publish(pub, by=by, on=published_on)
    return pub


@transaction.atomic
def publish(pub: ProactiveDisclosure, *, by, on) -> ProactiveDisclosure:
    """公开: gives the 索引号 and records whether it was within 20个工作日 (第二十六条)."""
    _not_future(on, "公开日期")
    _not_before(on, pub.formed_on, "公开日期", "形成日期")
    pub.published_on = on
    pub.index_number = _take(PUB, pub.org, on.year, "disclosure.publication", INDEX_NUMBER, "index_number")
    transition(pub, "publish", by=by, changes={"published_on": [None, str(on)], "index_number": [None, pub.index_number]},
               extra_fields=["published_on", "index_number"])
    deadlines.complete(pub, PROACTIVE, on=on, by=by)
    return pub


@transaction.atomic
def withdraw_publication(pub: ProactiveDisclosure, *, by, on, reason: str) -> ProactiveDisclosure:
    """撤回 a publication found wrong or no longer valid; the reason is kept (and the portal stops showing it)."""
    _not_future(on, "撤回日期")
    _not_before(on, pub.published_on, "撤回日期", "公开日期")
    if not reason.strip():
        raise ValidationError({"reason": "请写明撤回理由。"})
    pub.withdrawn_on, pub.withdraw_reason = on, reason.strip()
    transition(pub, "withdraw", by=by, note=pub.withdraw_reason, extra_fields=["withdrawn_on", "withdraw_reason"])
    return pub


# ---------------------------------------------------------------- 依申请公开: receipt


def new_tracking_code() -> str:
    """查询码: "GK" and eight characters without look-alikes (0/O, 1/I)."""
    while True:
        code = "GK" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
        if not InfoRequest.objects.filter(tracking_code=code).exists():
            return code


def clean_applicant(values: dict) -> dict:
    """身份证号 (GB 11643) for a person, 统一社会信用代码 (GB 32100) for an organisation, a way to reach them."""
    errors = {}
    person = values.get("applicant_type", R.ApplicantType.PERSON) == R.ApplicantType.PERSON
    if values.get("id_number"):
        try:
            values["id_number"] = validate_id_number(values["id_number"])
        except ValidationError as error:
            errors["id_number"] = error.messages
    if values.get("credit_code"):
        try:
            values["credit_code"] = validate_uscc(values["credit_code"])
        except ValidationError as error:
            errors["credit_code"] = error.messages
    elif not person and values.get("_require_identity"):
        errors["credit_code"] = ["法人或其他组织申请的，请填写统一社会信用代码。"]
    if values.get("phone"):
        try:
            values["phone"] = validate_phone(values["phone"])
        except ValidationError as error:
            errors["phone"] = error.messages
    if not (values.get("phone") or values.get("email") or values.get("address")):
        errors["phone"] = ["请至少填写一种联系方式（电话、电子邮箱或通信地址），以便送达答复（第二十九条）。"]
    values.pop("_require_identity", None)
    if errors:
        raise ValidationError(errors)
    return values


def _start_clocks(req: InfoRequest, *, by) -> None:
    deadlines.start(req, CORRECTION, start=req.received_on, by=by, org=req.org)
    req.reply_due_on = deadlines.start(req, REPLY, start=req.received_on, by=by, org=req.org).due_on


@transaction.atomic
def register_request(*, by, org, **values) -> InfoRequest:
    """登记 a request received on paper, in person, by letter, fax or e-mail (第二十九条、第三十一条).

    The reply clock (20个工作日) and the 补正 clock (7个工作日) start from the day of receipt; the
    applicant gets a 查询码 on the 回执.
    """
    values = clean_applicant(dict(values))
    _not_future(values.get("received_on"), "收到申请日期", "received_on")
    req = InfoRequest(org=org, status=R.Status.REGISTERED, created_by=by, tracking_code=new_tracking_code(),
                      **values)
    req.number = _take(InfoRequest, org, req.received_on.year, "disclosure.request", REQUEST_NUMBER, "number")
    req.full_clean(exclude=["org", "created_by", "extension_approved_by"])
    req.save()
    audit.record("disclosure.register_request", req, by=by, note=f"{req.get_source_display()}：{req.applicant_name}",
                 changes={"status": [None, req.status], "number": [None, req.number]})
    _start_clocks(req, by=by)
    req.save(update_fields=["reply_due_on"])
    return req


@transaction.atomic
def submit_online(*, org, source_hash: str = "", **values) -> InfoRequest:
    """网上申请 from the portal: waits for staff to confirm receipt, which is the day of receipt (第三十一条)."""
    values = clean_applicant({**values, "_require_identity": True})
    req = InfoRequest(org=org, status=R.Status.SUBMITTED, source=R.Source.ONLINE, received_on=today(),
                      tracking_code=new_tracking_code(), source_hash=source_hash, **values)
    req.full_clean(exclude=["org", "created_by", "extension_approved_by"])
    req.save()
    audit.record("disclosure.submit_online", req, by=None, org=org, note="公众在线提交政府信息公开申请",
                 changes={"status": [None, req.status]})
    return req


@transaction.atomic
def register_submission(req: InfoRequest, *, by, on) -> InfoRequest:
    """确认收到网上申请: the day both sides confirm is the day of receipt (第三十一条第（三）项); clocks start."""
    _not_future(on, "确认日期")
    _not_before(on, req.received_on, "确认日期", "提交日期")
    req.received_on = on
    req.number = _take(InfoRequest, req.org, on.year, "disclosure.request", REQUEST_NUMBER, "number")
    req.created_by = by
    transition(req, "register_submission", by=by, changes={"number": [None, req.number]},
               extra_fields=["received_on", "number", "created_by"])
    _start_clocks(req, by=by)
    req.save(update_fields=["reply_due_on"])
    return req


@transaction.atomic
def void(req: InfoRequest, *, by, reason: str) -> InfoRequest:
    """作为无效提交处理: a blank, test or duplicate online submission (not a request to be answered)."""
    if not reason.strip():
        raise ValidationError({"reason": "请说明理由。"})
    transition(req, "void", by=by, note=reason.strip())
    return req


# ---------------------------------------------------------------- 补正 (第三十条)


@transaction.atomic
def request_correction(req: InfoRequest, *, by, on, items: str, deadline) -> InfoRequest:
    """告知补正: once, in one notice, within 7个工作日 of receipt (第三十条). The reply period is paused from the
    day of receipt and runs again from the day the corrected request arrives."""
    if req.correction_notice_on:
        raise InvalidTransition("补正应当一次性告知，本申请已告知过补正（《政府信息公开条例》第三十条）。")
    if req.consult_sent_on:
        raise InvalidTransition("已征求第三方意见的申请不能再告知补正：补正应在收到申请之日起7个工作日内一次性告知"
                                "（《政府信息公开条例》第三十条）。")
    _not_future(on, "告知日期")
    _not_before(on, req.received_on, "告知日期", "收到申请日期")
    if not items.strip():
        raise ValidationError({"items": "请写明需要补正的事项（一次性告知）。"})
    if not deadline or deadline <= on:
        raise ValidationError({"deadline": "请确定晚于告知日期的合理补正期限。"})
    req.correction_notice_on, req.correction_items, req.correction_deadline = on, items.strip(), deadline
    transition(req, "request_correction", by=by, note=req.correction_items,
               extra_fields=["correction_notice_on", "correction_items", "correction_deadline"])
    deadlines.complete(req, CORRECTION, on=on, by=by)
    req.reply_due_on = deadlines.pause(req, REPLY, on=req.received_on, by=by,
                                       reason="补正：答复期限自收到补正后的申请之日起计算（第三十条）").due_on
    req.save(update_fields=["reply_due_on"])
    return req


@transaction.atomic
def receive_correction(req: InfoRequest, *, by, on) -> InfoRequest:
    """登记收到补正: the reply period counts again from the day after ``on``."""
    _not_future(on, "收到补正日期")
    _not_before(on, req.correction_notice_on, "收到补正日期", "补正告知日期")
    req.correction_received_on = on
    transition(req, "receive_correction", by=by, extra_fields=["correction_received_on"])
    req.reply_due_on = deadlines.resume(req, REPLY, on=on, by=by).due_on
    req.save(update_fields=["reply_due_on"])
    return req


@transaction.atomic
def close_without_correction(req: InfoRequest, *, by, on) -> InfoRequest:
    """逾期未补正: the request is treated as withdrawn (第三十条); counted as 其他处理 in the statistics."""
    _not_future(on, "终止日期")
    if req.correction_deadline and on <= req.correction_deadline:
        d = req.correction_deadline
        raise ValidationError({"on": f"补正期限至{d.year}年{d.month}月{d.day}日，期满后才能按逾期未补正处理"
                                     "（《政府信息公开条例》第三十条）。"})
    req.outcome, req.reason, req.replied_on = R.Outcome.OTHER, R.Reason.NO_CORRECTION, on
    transition(req, "close_without_correction", by=by, note="申请人无正当理由逾期不补正，视为放弃申请",
               extra_fields=["outcome", "reason", "replied_on"])
    deadlines.cancel(req, REPLY, by=by, reason="逾期未补正，视为放弃申请（第三十条）")
    req.reply_due_on = None
    req.save(update_fields=["reply_due_on"])
    return req


# ---------------------------------------------------------------- 第三方意见 (第三十二条)


@transaction.atomic
def consult_third_party(req: InfoRequest, *, by, on, third_party: str) -> InfoRequest:
    """书面征求第三方意见: the third party has 15个工作日; the time is not counted in the reply period."""
    _not_future(on, "征求意见日期")
    _not_before(on, req.correction_received_on or req.received_on, "征求意见日期", "收到申请日期")
    if not third_party.strip():
        raise ValidationError({"third_party": "请填写被征求意见的第三方。"})
    req.third_party, req.consult_sent_on = third_party.strip(), on
    req.third_party_opinion, req.consult_answered_on = "", None
    transition(req, "consult_third_party", by=by, note=f"征求{req.third_party}意见",
               extra_fields=["third_party", "consult_sent_on", "third_party_opinion", "consult_answered_on"])
    req.reply_due_on = deadlines.pause(req, REPLY, on=on, by=by,
                                       reason=f"征求第三方（{req.third_party}）意见（第三十二条）").due_on
    deadlines.start(req, THIRD_PARTY, start=on, by=by, org=req.org, note=req.third_party)
    req.save(update_fields=["reply_due_on"])
    return req


@transaction.atomic
def receive_third_party_opinion(req: InfoRequest, *, by, on, opinion: str) -> InfoRequest:
    """登记第三方意见 (or its silence once its 15个工作日 have passed); the reply period counts again."""
    _not_future(on, "收到意见日期")
    _not_before(on, req.consult_sent_on, "收到意见日期", "征求意见日期")
    if opinion not in R.ThirdPartyOpinion.values:
        raise ValidationError({"opinion": "请选择第三方意见。"})
    if opinion == R.ThirdPartyOpinion.SILENT:
        due = deadlines.compute(THIRD_PARTY, req.consult_sent_on).due_on
        if on <= due:
            raise ValidationError({"on": f"第三方提出意见的期限至{due.year}年{due.month}月{due.day}日，期满后才能按逾期未提出意见"
                                         "登记（《政府信息公开条例》第三十二条）。"})
    req.third_party_opinion, req.consult_answered_on = opinion, on
    transition(req, "receive_third_party_opinion", by=by, note=req.get_third_party_opinion_display(),
               extra_fields=["third_party_opinion", "consult_answered_on"])
    deadlines.complete(req, THIRD_PARTY, on=on, by=by)
    req.reply_due_on = deadlines.resume(req, REPLY, on=on, by=by).due_on
    req.save(update_fields=["reply_due_on"])
    return req


# ---------------------------------------------------------------- 延期, 答复


@transaction.atomic
def extend(req: InfoRequest, *, by, reason: str) -> InfoRequest:
    """延长答复期限 by 20个工作日, once, with the approval of the 政府信息公开工作机构负责人 and notice to the
    applicant (第三十三条第二款)."""
    if req.status not in (R.Status.REGISTERED, R.Status.CORRECTION, R.Status.CONSULTING):
        raise InvalidTransition(f"当前状态为“{req.get_status_display()}”，不能延长答复期限。")
    if req.is_extended:
        raise InvalidTransition("答复期限已延长过一次，不能再次延长（《政府信息公开条例》第三十三条：延长的期限最长不得超过20个工作日）。")
    if not reason.strip():
        raise ValidationError({"reason": "请写明延期理由，并告知申请人。"})
    deadline = deadlines.extend(req, REPLY, by=by, reason=reason.strip())
    req.extension_reason, req.extension_approved_by, req.reply_due_on = reason.strip(), by, deadline.due_on
    req.save(update_fields=["extension_reason", "extension_approved_by", "reply_due_on", "updated_at"])
    audit.record("disclosure.extend", req, by=by, note=req.extension_reason,
                 changes={"reply_due_on": [None, str(deadline.due_on)]})
    return req


def check_reply(outcome: str, reason: str, reply_text: str, referred_agency: str = "") -> None:
    """A reply names a type of 第三十六条 and, where the statistics nest one, its specific case, with reasons."""
    errors = {}
    if outcome not in R.Outcome.values:
        errors["outcome"] = ["请选择办理结果。"]
    elif reason not in R.REASONS[outcome]:
        allowed = "、".join(R.Reason(r).label for r in R.REASONS[outcome])
        errors["reason"] = [f"“{R.Outcome(outcome).label}”的具体情形应为：{allowed}。"]
    elif reason == R.Reason.NO_CORRECTION:
        errors["reason"] = ["逾期未补正的申请请用“逾期未补正，终止办理”登记。"]
    if outcome in (R.Outcome.PARTLY, R.Outcome.WITHHELD, R.Outcome.NOT_HANDLED) and not reply_text.strip():
        errors["reply_text"] = ["不予公开、部分公开和不予处理的，应当说明理由（第三十六条第（三）项）。"]
    if outcome == R.Outcome.DISCLOSED and reason == R.Reason.ALREADY_PUBLIC and not reply_text.strip():
        errors["reply_text"] = ["已主动公开的，应当告知获取该政府信息的方式和途径（第三十六条第（一）项）。"]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def reply(req: InfoRequest, *, by, on, outcome: str, reason: str, reply_text: str = "",
          referred_agency: str = "") -> InfoRequest:
    """答复 (第三十六条): numbered 答复书; the reply clock records 按期 or 逾期."""
    _not_future(on, "答复日期")
    _not_before(on, req.correction_received_on or req.received_on, "答复日期", "收到申请日期")
    check_reply(outcome, reason, reply_text, referred_agency)
    req.outcome, req.reason, req.reply_text, req.referred_agency = outcome, reason, reply_text.strip(), \
        referred_agency.strip()
    req.replied_on = on
    req.reply_number = _take(InfoRequest, req.org, on.year, "disclosure.reply", REPLY_NUMBER, "reply_number")
    transition(req, "reply", by=by, note=f"{req.get_outcome_display()}（{req.get_reason_display()}）：{req.reply_number}",
               changes={"reply_number": [None, req.reply_number]},
               extra_fields=["outcome", "reason", "reply_text", "referred_agency", "replied_on", "reply_number"])
    deadlines.complete(req, REPLY, on=on, by=by)
    req.reply_due_on = None
    req.save(update_fields=["reply_due_on"])
    return req


@transaction.atomic
def withdraw(req: InfoRequest, *, by, on, note: str = "") -> InfoRequest:
    """申请人撤回申请: counted as 其他处理; the clocks stop."""
    _not_future(on, "撤回日期")
    _not_before(on, req.received_on, "撤回日期", "收到申请日期")
    req.outcome, req.reason, req.replied_on = R.Outcome.OTHER, R.Reason.OTHERWISE, on
    req.reply_text = f"申请人撤回申请。{note.strip()}".strip()
    transition(req, "withdraw", by=by, note=req.reply_text, extra_fields=["outcome", "reason", "replied_on", "reply_text"])
    for code in (REPLY, CORRECTION, THIRD_PARTY):
        if any(d.rule.code == code and d.is_active for d in deadlines.of(req)):
            deadlines.cancel(req, code, by=by, reason="申请人撤回申请")
    req.reply_due_on = None
    req.save(update_fields=["reply_due_on"])
    return req


@transaction.atomic
def record_remedy(req: InfoRequest, *, by, reconsideration: str = "", litigation: str = "",
                  litigation_result: str = "") -> InfoRequest:
    """登记 the 行政复议 and 行政诉讼 brought over this request, for table 四 of the yearly report."""
    if req.status not in R.FINISHED:
        raise InvalidTransition(f"当前状态为“{req.get_status_display()}”，答复后才能登记复议诉讼情况。")
    if litigation and not litigation_result:
        raise ValidationError({"litigation_result": "请选择诉讼结果（尚未审结的选“尚未审结”）。"})
    if litigation_result and not litigation:
        raise ValidationError({"litigation": "请选择起诉方式。"})
    if litigation == R.Litigation.AFTER_REVIEW and not reconsideration:
        raise ValidationError({"reconsideration": "复议后起诉的，请同时登记行政复议结果。"})
    before = {"reconsideration": req.reconsideration, "litigation": req.litigation,
              "litigation_result": req.litigation_result}
    req.reconsideration, req.litigation, req.litigation_result = reconsideration, litigation, litigation_result
    req.save(update_fields=["reconsideration", "litigation", "litigation_result", "updated_at"])
    changes = {k: [v, getattr(req, k)] for k, v in before.items() if v != getattr(req, k)}
    audit.record("disclosure.record_remedy", req, by=by, changes=changes)
    return req


# ---------------------------------------------------------------- 台账导入


def save_requests(rows: list[dict], *, by, org):
    """导入依申请公开台账 (rows checked by ``ledger.check_requests``): all saved in the caller's transaction, in
    bulk. Unnumbered requests (and replies) take the unit's next numbers; every request gets a 查询码 and a
    ``disclosure.import_row`` audit entry; an open one gets its reply clock with the pauses its dates show (补正
    from receipt to the corrected request, 第三十条; the third party's consultation, 第三十二条) and, while the third
    party has not answered, that party's clock. A generator for ``core.imports``: yields rows saved, returns them.
    """
    taken = set(InfoRequest.objects.filter(org=org).exclude(number="").values_list("number", flat=True))
    taken |= {row["number"] for row in rows if row.get("number")}
    taken_replies = set(InfoRequest.objects.filter(org=org).exclude(reply_number="")
                        .values_list("reply_number", flat=True))
    taken_replies |= {row["reply_number"] for row in rows if row.get("reply_number")}
    requests = imports.build(InfoRequest, rows, org=org, created_by=by, imported=True)
    unnumbered, unreplied = {}, {}
    for req, code in zip(requests, _tracking_codes(len(rows))):
        req.tracking_code = code
        if not req.number:
            unnumbered.setdefault(req.received_on.year, []).append(req)
        if req.status == R.Status.REPLIED and not req.reply_number:
            unreplied.setdefault(req.replied_on.year, []).append(req)
    for year, group in sorted(unnumbered.items()):
        for req, text in zip(group, numbering.next_numbers(org, "disclosure.request", year, len(group),
                                                         fmt=REQUEST_NUMBER, taken=taken)):
            req.number = text
    for year, group in sorted(unreplied.items()):
        for req, text in zip(group, numbering.next_numbers(org, "disclosure.reply", year, len(group),
                                                         fmt=REPLY_NUMBER, taken=taken_replies)):
            req.reply_number = text
    clocks = [clock for req in requests if req.is_open for clock in _import_clocks(req)]
    due = deadlines.DueDates(clock.start for clock in clocks)
    for clock in clocks:
        if clock.rule == REPLY:
            clock.target.reply_due_on = due(REPLY, clock.start, clock.pauses)[0]
    yield from imports.save_records(InfoRequest, requests, by=by, org=org, action="disclosure.import_row",
                                    changes=lambda r: {"status": [None, r.status], "number": [None, r.number]})
    deadlines.start_many(clocks, by=by, org=org, due=due)
    audit.record("disclosure.import_requests", None, by=by, org=org, note=f"导入依申请公开台账 {len(requests)} 条",
                 changes={"count": [0, len(requests)]})
    yield len(requests)
    return requests


@transaction.atomic
def import_requests(rows: list[dict], *, by, org) -> list[InfoRequest]:
    """``save_requests`` in one transaction, for scripts and tests (the import page streams its progress)."""
    return imports.drain(save_requests(rows, by=by, org=org))


def _tracking_codes(count: int) -> list[str]:
    """``count`` new 查询码, checked against those in use in one query (and against each other)."""
    codes: set[str] = set()
    while len(codes) < count:
        batch = {"GK" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(8)) for _ in range(count - len(codes))}
        batch -= set(InfoRequest.objects.filter(tracking_code__in=batch).values_list("tracking_code", flat=True))
        codes |= batch
    return list(codes)


def _import_clocks(req: InfoRequest) -> list[deadlines.Clock]:
    """An open request from an old 台账: its reply clock with the pauses its dates show, and the third party's."""
    pauses = []
    if req.correction_notice_on:
        pauses.append((req.received_on, req.correction_received_on, "补正（台账导入）"))
    if req.consult_sent_on:
        pauses.append((req.consult_sent_on, req.consult_answered_on, f"征求{req.third_party}意见（台账导入）"))
    clocks = [deadlines.Clock(req, REPLY, req.received_on, pauses=tuple(pauses))]
    if req.consult_sent_on and not req.consult_answered_on:
        clocks.append(deadlines.Clock(req, THIRD_PARTY, req.consult_sent_on, note=req.third_party or "台账导入"))
    return clocks


def save_publications(rows: list[dict], *, by, org):
    """导入主动公开台账 (rows checked by ``ledger.check_publications``): published rows without an 索引号 get the
    unit's next ones; drafts get their 20个工作日 clock from the day the information was formed (第二十六条). A
    generator for ``core.imports``: yields rows saved, returns them."""
    taken = set(ProactiveDisclosure.objects.filter(org=org).exclude(index_number="")
                .values_list("index_number", flat=True))
    taken |= {row["index_number"] for row in rows if row.get("index_number")}
    pubs = imports.build(ProactiveDisclosure, rows, org=org, created_by=by, imported=True)
    unnumbered = {}
    for pub in pubs:
        pub.status = PUB.Status.PUBLISHED if pub.published_on else PUB.Status.DRAFT
        if pub.published_on and not pub.index_number:
            unnumbered.setdefault(pub.published_on.year, []).append(pub)
    for year, group in sorted(unnumbered.items()):
        for pub, text in zip(group, numbering.next_numbers(org, "disclosure.publication", year, len(group),
                                                         fmt=INDEX_NUMBER, taken=taken)):
            pub.index_number = text
    yield from imports.save_records(
        ProactiveDisclosure, pubs, by=by, org=org, action="disclosure.import_row",
        changes=lambda p: {"status": [None, p.status], "index_number": [None, p.index_number]})
    deadlines.start_many([deadlines.Clock(pub, PROACTIVE, pub.formed_on) for pub in pubs
                          if pub.status == PUB.Status.DRAFT], by=by, org=org)
    audit.record("disclosure.import_publications", None, by=by, org=org, note=f"导入主动公开台账 {len(pubs)} 条",
                 changes={"count": [0, len(pubs)]})
    yield len(pubs)
    return pubs


@transaction.atomic
def import_publications(rows: list[dict], *, by, org) -> list[ProactiveDisclosure]:
    """``save_publications`` in one transaction, for scripts and tests."""
    return imports.drain(save_publications(rows, by=by, org=org))
