"""政府信息公开台账 in Excel: the 依申请公开 register and the 主动公开 register.

The same columns make the template, check the import and write the export; an exported sheet imports
again to the same records.
"""

from django.core.exceptions import ValidationError

from yifa.core.excel import Column, parse_amount, parse_date, parse_int, parse_text
from yifa.core.identity import validate_id_number, validate_phone, validate_uscc
from yifa.petitions.ledger import check_rows

from .models import InfoRequest, ProactiveDisclosure

R, PUB = InfoRequest, ProactiveDisclosure


def _labels(choices) -> dict[str, str]:
    return {label: value for value, label in choices.choices}


def _email(value) -> str:
    from django.core.validators import validate_email

    value = str(value).strip()
    validate_email(value)
    return value


REQUEST_STATES = [R.Status.REGISTERED, R.Status.CORRECTION, R.Status.CONSULTING, R.Status.REPLIED, R.Status.CLOSED]

REQUEST_COLUMNS = [
    Column("number", "登记编号", parse=parse_text(60), width=20, help="留空则自动编号"),
    Column("received_on", "收到申请日期", required=True, parse=parse_date, width=13),
    Column("source", "申请方式", required=True, choices=_labels(R.Source), width=12),
    Column("applicant_type", "申请人类型", required=True, choices=_labels(R.ApplicantType), width=12),
    Column("applicant_name", "申请人姓名或名称", required=True, parse=parse_text(100), width=18),
    Column("id_number", "身份证号", parse=lambda v: validate_id_number(str(v)), width=21),
    Column("credit_code", "统一社会信用代码", parse=lambda v: validate_uscc(str(v)), width=21),
    Column("phone", "联系电话", parse=lambda v: validate_phone(str(v)), width=14),
    Column("email", "电子邮箱", parse=_email, width=20),
    Column("address", "通信地址", parse=parse_text(200), width=24),
    Column("description", "所需信息描述", required=True, parse=parse_text(5000), width=36),
    Column("status", "办理状态", required=True, choices={R.Status(s).label: s for s in REQUEST_STATES}, width=10),
    Column("correction_notice_on", "补正告知日期", parse=parse_date, width=13),
    Column("correction_received_on", "收到补正日期", parse=parse_date, width=13),
    Column("third_party", "征求意见的第三方", parse=parse_text(100), width=16),
    Column("consult_sent_on", "征求意见日期", parse=parse_date, width=13),
    Column("consult_answered_on", "收到第三方意见日期", parse=parse_date, width=13),
    Column("outcome", "办理结果", choices=_labels(R.Outcome), width=12),
    Column("reason", "具体情形", choices=_labels(R.Reason), width=24,
           help="如“属于国家秘密”“本机关不掌握相关政府信息”“重复申请”；予以公开的填“向申请人提供”或“已主动公开，告知获取方式和途径”"),
    Column("replied_on", "答复日期", parse=parse_date, width=13),
    Column("reply_number", "答复书编号", parse=parse_text(60), width=20),
    Column("reply_text", "答复内容", parse=parse_text(5000), width=30),
    Column("reconsideration", "行政复议", choices=_labels(R.Remedy), width=12),
    Column("litigation", "行政诉讼", choices=_labels(R.Litigation), width=14),
    Column("litigation_result", "诉讼结果", choices=_labels(R.Remedy), width=12),
]
REQUEST_HEADERS = {c.key: c.header for c in REQUEST_COLUMNS}
REQUEST_DATES = ["received_on", "correction_notice_on", "correction_received_on", "replied_on"]


def _order(values, fields, headers, today) -> list[tuple[str, str]]:
    problems, previous = [], None
    for field in fields:
        value = values.get(field)
        if not value:
            continue
        if value > today:
            problems.append((headers[field], "日期不能晚于今天。"))
        if previous and value < values[previous]:
            problems.append((headers[field], f"不能早于{headers[previous]}。"))
        previous = field
    return problems


def check_request_row(values: dict, *, today) -> list[tuple[str, str]]:
    h = REQUEST_HEADERS
    problems = _order(values, REQUEST_DATES, h, today)
    problems += [p for p in _order(values, ["received_on", "consult_sent_on", "consult_answered_on"], h, today)
                 if p not in problems]
    status, outcome, reason = values.get("status"), values.get("outcome"), values.get("reason")
    if status in (R.Status.REPLIED, R.Status.CLOSED):
        for field in ("outcome", "reason", "replied_on"):
            if not values.get(field):
                problems.append((h[field], f"办理状态为“{R.Status(status).label}”时必填。"))
    if status in R.OPEN and (outcome or values.get("replied_on")):
        problems.append((h["outcome"], "尚未答复的申请不应填写办理结果和答复日期。"))
    if status == R.Status.CORRECTION and (not values.get("correction_notice_on") or values.get("correction_received_on")):
        problems.append((h["correction_notice_on"], "待补正的申请须填写补正告知日期，且不填收到补正日期。"))
    if status == R.Status.CONSULTING and (not values.get("consult_sent_on") or values.get("consult_answered_on")):
        problems.append((h["consult_sent_on"], "征求第三方意见中的申请须填写征求意见日期，且不填收到意见日期。"))
    if status == R.Status.CLOSED and outcome and outcome != R.Outcome.OTHER:
        problems.append((h["outcome"], "已终止的申请（撤回、逾期未补正）办理结果应为“其他处理”。"))
    if outcome and reason and reason not in R.REASONS[outcome]:
        problems.append((h["reason"], f"与办理结果“{R.Outcome(outcome).label}”不符，应为：" +
                         "、".join(R.Reason(r).label for r in R.REASONS[outcome]) + "。"))
    if values.get("correction_received_on") and not values.get("correction_notice_on"):
        problems.append((h["correction_notice_on"], "填写了收到补正日期的，须填写补正告知日期。"))
    if values.get("consult_sent_on") and not values.get("third_party"):
        problems.append((h["third_party"], "填写了征求意见日期的，须填写第三方。"))
    if not (values.get("phone") or values.get("email") or values.get("address")):
        problems.append((h["phone"], "联系电话、电子邮箱、通信地址至少填写一项。"))
    if values.get("litigation") and not values.get("litigation_result"):
        problems.append((h["litigation_result"], "填写了行政诉讼的，须填写诉讼结果。"))
    return problems


PUBLICATION_COLUMNS = [
    Column("index_number", "索引号", parse=parse_text(40), width=20, help="留空则自动生成"),
    Column("title", "标题", required=True, parse=parse_text(200), width=36),
    Column("category", "公开类别", required=True, choices=_labels(PUB.Category), width=18),
    Column("document_number", "文号", parse=parse_text(60), width=18),
    Column("formed_on", "形成或变更日期", required=True, parse=parse_date, width=14),
    Column("published_on", "公开日期", parse=parse_date, width=13, help="留空表示尚未公开"),
    Column("channel", "公开渠道", required=True, choices=_labels(PUB.Channel), width=14),
    Column("url", "网址", parse=parse_text(200), width=30),
    Column("summary", "内容概述", parse=parse_text(5000), width=30),
    Column("normative_change", "规范性文件制发或废止", choices=_labels(PUB.NormativeChange), width=12),
    Column("decision_count", "所含处理决定数", parse=parse_int, width=10),
    Column("fee_amount", "收费金额（元）", parse=parse_amount, width=12),
]
PUBLICATION_HEADERS = {c.key: c.header for c in PUBLICATION_COLUMNS}


def check_publication_row(values: dict, *, today) -> list[tuple[str, str]]:
    h = PUBLICATION_HEADERS
    problems = _order(values, ["formed_on", "published_on"], h, today)
    if values.get("category") == PUB.Category.NORMATIVE and not values.get("normative_change"):
        problems.append((h["normative_change"], "行政规范性文件类须填写“制发”或“废止”。"))
    if values.get("category") != PUB.Category.NORMATIVE and values.get("normative_change"):
        problems.append((h["normative_change"], "只有行政规范性文件类填写。"))
    if values.get("url"):
        from django.core.validators import URLValidator

        try:
            URLValidator()(values["url"])
        except ValidationError:
            problems.append((h["url"], "不是有效网址（应以 http:// 或 https:// 开头）。"))
    return problems


def check_requests(result, org, today) -> None:
    """The request import's cross-row checks (``core.imports``): each row's procedure; 登记编号 neither used in
    the unit nor repeated in the sheet."""
    taken = set(InfoRequest.objects.filter(org=org).exclude(number="").values_list("number", flat=True))
    check_rows(result, check_request_row, today=today, taken=taken, number_key="number",
               number_header=REQUEST_HEADERS["number"])


def check_publications(result, org, today) -> None:
    """The publication import's cross-row checks: each row's dates and category; 索引号 unique in the unit."""
    taken = set(ProactiveDisclosure.objects.filter(org=org).exclude(index_number="")
                .values_list("index_number", flat=True))
    check_rows(result, check_publication_row, today=today, taken=taken, number_key="index_number",
               number_header=PUBLICATION_HEADERS["index_number"])


def export_request(req: InfoRequest) -> dict:
    return {c.key: getattr(req, c.key) for c in REQUEST_COLUMNS}


def export_publication(pub: ProactiveDisclosure) -> dict:
    return {c.key: getattr(pub, c.key) for c in PUBLICATION_COLUMNS}
