"""Every write of the yearly report: drafting, editing, 定稿, 报送, 公开, 退回, and the machine review.

Legal basis: 《法治政府建设与责任落实督察工作规定》(厅字〔2019〕28号): the report's contents (five
parts), its submission to the level above (乡镇党委和政府向上一级党委和政府报告; 3月1日 by default,
locally set) and its publication before 4月1日 (第二十四条). Each action is one transaction and
records its audit entry; every generated document is kept as an attachment (never overwritten).
"""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from yifa.core import audit, deadlines
from yifa.core.attachments import attach, check_upload
from yifa.core.models import Attachment, Org
from yifa.core.workflow import InvalidTransition, allowed, transition

from . import builder, crosscheck, registry, review
from .models import BASIS, AnnualReport, ReportReview

S = AnnualReport.Status
REPORTING_KINDS = (Org.Kind.TOWNSHIP, Org.Kind.SUBDISTRICT, Org.Kind.COUNTY, Org.Kind.CITY)
NARRATIVE_FIELDS = ("intro", "narrative_measures", "narrative_first_responsible", "narrative_shortcomings",
                    "narrative_next_year", "narrative_other")
RULE_SUBMIT, RULE_PUBLISH = "reports.submit", "reports.publish"


class ReportError(ValidationError):
    """A refused step, with the reason in Chinese."""


def _check(report: AnnualReport, action: str) -> None:
    """Refuse a step the report's state does not allow, before anything on it is changed."""
    if not allowed(report, action):
        raise InvalidTransition(f"当前状态为“{report.get_status_display()}”，不能执行“{report.ACTION_LABELS[action]}”。")


def _deadline_start(report, rule_code: str, by) -> None:
    """Start the statutory clock (the rule table is data: a deployment without the rule has no clock)."""
    try:
        deadlines.start(report, rule_code, start=report.year_end, by=by, org=report.org)
    except deadlines.DeadlineError:
        pass


def _deadline_done(report, rule_code: str, on, by) -> None:
    try:
        deadlines.complete(report, rule_code, on=on, by=by)
    except deadlines.DeadlineError:
        pass  # no running clock for this report (started before the rule existed, or already closed)


def _render(report: AnnualReport, *, by, final: bool = False) -> Attachment:
    """Build the .docx from the report as it stands, keep it as an attachment, keep its text."""
    data = builder.render_docx(builder.compose(report, final=final))
    name = f"{report.title}（{'定稿' if final else '草稿'}）.docx"
    document = attach(ContentFile(data, name=name), org=report.org, by=by, target=report,
                      description=f"{report.year}年度法治政府建设报告{'定稿' if final else '草稿'}")
    if by is None:
        Attachment.objects.filter(pk=document.pk).update(uploaded_by_name="系统（自动生成）")
    report.document = document
    report.text = review.docx_text(io.BytesIO(data))
    return document


@transaction.atomic
def draft_report(org: Org, year: int, *, by) -> AnnualReport:
    """生成（或重新生成）年度报告草稿: figures computed afresh from every module's register, the unit's
    narrative kept as it is. Starts the 报送 and 公开 clocks the first time. Audit ``reports.generate`` /
    ``reports.regenerate``."""
    if org.kind not in REPORTING_KINDS:
        raise ReportError(f"{org.name}是{org.get_kind_display()}，法治政府建设年度报告由乡镇人民政府、街道办事处"
                          f"（及区县、市人民政府）起草。")
    today = deadlines.today()
    if not 2000 <= year <= today.year:
        raise ReportError(f"报告年度应在2000年至{today.year}年之间。")
    report = AnnualReport.objects.select_for_update().filter(org=org, year=year).first()
    created = report is None
    if created:
        report = AnnualReport.objects.create(org=org, year=year, title=builder.default_title(org, year),
                                             created_by=by if getattr(by, "pk", None) else None)
    elif report.status != S.DRAFT:
        raise InvalidTransition(f"“{report.title}”{report.get_status_display()}，不能重新生成；如需修改，请先退回修改。")
    before = {part["label"] for parts in report.computed_all() for part in parts}
    report.figures = registry.collect([org], year)
    report.generated_at = timezone.now()
    _render(report, by=by)
    report.save()
    sources = sorted({c["label"] for parts in report.computed_all() for c in parts})
    audit.record("reports.generate" if created else "reports.regenerate", report, by=by, org=org,
                 note=f"数据来源：{'、'.join(sources) or '无'}；未接入：{'、'.join(report.figures['skipped']) or '无'}",
                 changes={"sources": [sorted(before), sources], "document": [None, report.document_id]})
    if created:
        _deadline_start(report, RULE_SUBMIT, by)
        _deadline_start(report, RULE_PUBLISH, by)
    return report


@transaction.atomic
def edit_narrative(report: AnnualReport, *, by, **fields) -> AnnualReport:
    """修改文字部分: the unit's own paragraphs of each part. Only a draft; the document is rebuilt with the
    figures of the last generation. Audit ``reports.edit`` with the changed parts."""
    if report.status != S.DRAFT:
        raise InvalidTransition(f"“{report.title}”{report.get_status_display()}，不能修改；如需修改，请先退回修改。")
    changes = {}
    for name in NARRATIVE_FIELDS:
        if name in fields:
            value = (fields[name] or "").strip()
            if value != getattr(report, name):
                changes[name] = [getattr(report, name), value]
                setattr(report, name, value)
    if "title" in fields and fields["title"].strip() and fields["title"].strip() != report.title:
        changes["title"] = [report.title, fields["title"].strip()]
        report.title = fields["title"].strip()
    if not changes:
        return report
    _render(report, by=by)
    report.save()
    labels = {name: AnnualReport._meta.get_field(name).verbose_name for name in changes}
    audit.record("reports.edit", report, by=by, note="修改：" + "、".join(labels.values()), changes=changes)
    return report


@transaction.atomic
def finalize(report: AnnualReport, *, by) -> AnnualReport:
    """定稿: every mandated part must say something; the final document carries the 成文日期.
    Audit ``reports.finalize``."""
    missing = report.missing_parts() if report.status == S.DRAFT else []
    if missing:
        raise ReportError(f"以下法定部分尚无内容，不能定稿：{'；'.join(missing)}。年度报告应当包括上述内容"
                          f"（{BASIS}关于年度报告内容的规定）。")
    if report.status == S.DRAFT:
        report.finalized_on = deadlines.today()
        report.return_note = ""
        _render(report, by=by, final=True)
    transition(report, "finalize", by=by, extra_fields=["finalized_on", "document", "text", "return_note"],
               changes={"finalized_on": [None, str(report.finalized_on)]})
    return report


@transaction.atomic
def reopen(report: AnnualReport, *, by, reason: str) -> AnnualReport:
    """退回修改 (定稿后发现问题): back to draft. Audit ``reports.reopen``."""
    if not reason.strip():
        raise ReportError("请填写退回修改的原因。")
    transition(report, "reopen", by=by, note=reason.strip())
    return report


@transaction.atomic
def submit(report: AnnualReport, *, by) -> AnnualReport:
    """报送上级: to the 党委 and 政府 of the level above; closes the 报送 clock. A report already public
    may still be submitted (its status stays 已公开). Audit ``reports.submit``."""
    today = deadlines.today()
    if report.submitted_on:
        raise InvalidTransition(f"“{report.title}”已于{deadlines.fmt(report.submitted_on)}报送。")
    if report.status != S.PUBLISHED:
        _check(report, "submit")
    report.submitted_on, report.submitted_to = today, report.org.parent
    if report.status == S.PUBLISHED:
        report.save(update_fields=["submitted_on", "submitted_to", "updated_at"])
        audit.record("reports.submit", report, by=by, note=f"报送{report.org.parent}",
                     changes={"submitted_on": [None, str(today)]})
    else:
        transition(report, "submit", by=by, note=f"报送{report.org.parent}", extra_fields=["submitted_on", "submitted_to"],
                   changes={"submitted_on": [None, str(today)]})
    _deadline_done(report, RULE_SUBMIT, today, by)
    return report


@transaction.atomic
def return_report(report: AnnualReport, *, by, reason: str) -> AnnualReport:
    """上级退回重报: the overseer sends a submitted report back with what to fix. Audit ``reports.return_report``."""
    _check(report, "return_report")
    if not reason.strip():
        raise ReportError("请写明退回的原因和需要修改的内容。")
    old = report.submitted_on
    report.return_note, report.submitted_on, report.submitted_to = reason.strip(), None, None
    transition(report, "return_report", by=by, note=reason.strip(),
               extra_fields=["return_note", "submitted_on", "submitted_to"],
               changes={"submitted_on": [str(old) if old else None, None]})
    return report


@transaction.atomic
def publish(report: AnnualReport, *, by, secrecy_checked_by: str) -> AnnualReport:
    """向社会公开 on the portal, after the 保密审查 (content touching 党和国家秘密 is not published,
    第二十四条). Closes the 公开 clock (4月1日之前). Audit ``reports.publish``."""
    _check(report, "publish")
    if not (secrecy_checked_by or "").strip():
        raise ReportError("公开前须经保密审查，请填写保密审查人。")
    today = deadlines.today()
    report.published_on, report.secrecy_checked_by = today, secrecy_checked_by.strip()
    transition(report, "publish", by=by, note=f"保密审查：{report.secrecy_checked_by}",
               extra_fields=["published_on", "secrecy_checked_by"], changes={"published_on": [None, str(today)]})
    _deadline_done(report, RULE_PUBLISH, today, by)
    return report


# ---------------------------------------------------------------- machine review


def _others(user, org):
    """Other units' report texts the reviewer may see: (kind, id, org name, title, text)."""
    for r in (AnnualReport.objects.visible_to(user).exclude(org=org).exclude(text="")
              .select_related("org").order_by("-year", "-pk")[:150]):
        yield "report", r.pk, r.org.name, r.title, r.text
    for r in (ReportReview.objects.visible_to(user).exclude(org=org).filter(report__isnull=True)
              .select_related("org").order_by("-pk")[:150]):
        yield "review", r.pk, r.org.name, r.title, r.text


def _review(text: str, *, org: Org, year, by, source: str, title: str, report=None, file=None) -> ReportReview:
    result = review.review(text)
    year = year or review.report_year(text)
    checks = crosscheck.check_figures(text, result["figures"], [org], year)
    shared = crosscheck.shared_with(text, _others(by, org), boilerplate=builder.default_intro(org, year or 0))
    reviewed = ReportReview.objects.create(
        org=org, report=report, source=source, title=title[:200], year=year, file=file, text=text, result=result,
        crosscheck=checks, shared=shared, reviewed_by=by if getattr(by, "pk", None) else None,
        reviewed_by_name=getattr(by, "display_name", "") or "系统")
    missing = [review.SECTION_LABELS[k] for k, v in result["sections"].items() if not v]
    mismatches = sum(1 for c in checks if c["verdict"] == "mismatch")
    audit.record("reports.review", report or reviewed, by=by,
                 note=(f"机器审查：缺少{len(missing)}个法定部分，数据{len(result['figures'])}项，与台账不一致{mismatches}项，"
                       f"内部重复{len(result['repeated_passages'])}处，与其他报告雷同{len(shared)}处"),
                 changes={"review": [None, reviewed.pk]})
    return reviewed


@transaction.atomic
def review_upload(upload, *, org: Org, by, year: int | None = None) -> ReportReview:
    """审查上传的报告 (.docx or .txt, also reports not written here): the file is kept, the text read,
    the review stored. Audit ``reports.review``."""
    try:
        extension = check_upload(upload)
    except ValidationError as error:
        raise ReportError(error.messages)
    if extension not in ("docx", "txt"):
        raise ReportError("请上传 .docx 或 .txt 格式的报告（.doc、.pdf 请先另存为 .docx）。")
    raw = upload.read()
    upload.seek(0)
    try:
        if extension == "docx":
            text = review.docx_text(io.BytesIO(raw))
        else:
            text = review.decode_text(raw)
    except Exception:
        raise ReportError("无法读取该文件，请确认是 Word（.docx）或文本（.txt）格式。")
    if not text.strip():
        raise ReportError("文件中没有读到文字。")
    file = attach(upload, org=org, by=by, description="上传审查的年度报告")
    if by is None:
        Attachment.objects.filter(pk=file.pk).update(uploaded_by_name="系统（命令行）")
    title = next((line.strip() for line in text.splitlines() if line.strip()), upload.name)[:120]
    return _review(text, org=org, year=year, by=by, source=ReportReview.Source.UPLOAD, title=title, file=file)


@transaction.atomic
def review_report(report: AnnualReport, *, by, own_unit: bool = False) -> ReportReview:
    """审查一份年度报告 (one submitted from below, or the unit's self-check of its draft). Audit ``reports.review``."""
    if not report.text.strip():
        raise ReportError("该报告还没有生成文件，无法审查。")
    source = ReportReview.Source.SELF if own_unit else ReportReview.Source.SUBMITTED
    return _review(report.text, org=report.org, year=report.year, by=by, source=source, title=report.title,
                   report=report, file=report.document)
