"""法治政府建设年度报告 and its machine review.

《法治政府建设与责任落实督察工作规定》(厅字〔2019〕28号): every year the 乡镇 government reports on
its 法治政府建设 to the level above (by the local deadline, 3月1日 by default) and makes the report
public before 4月1日 (第二十四条). The report has its mandated parts: 主要举措和成效; 党政主要负责人
履行推进法治建设第一责任人职责情况; 存在的不足和原因; 下一年度工作安排; 其他需要报告的情况.

``AnnualReport`` is one unit's report for one year: figures computed from the registers (kept as a
snapshot at each generation), the narrative the unit writes (kept across regenerations), the
generated .docx (an ``Attachment``), and its way through 定稿, 报送 and 公开.
``ReportReview`` is one machine review of a report (uploaded, or submitted from below), kept with
the text it read and everything it found.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse

from yifa.core.scope import ScopedManager

# The mandated parts, in the order of the report. "other" is optional.
PARTS = [
    ("measures", "主要举措和成效"),
    ("first_responsible", "党政主要负责人履行推进法治建设第一责任人职责情况"),
    ("shortcomings", "存在的不足和原因"),
    ("next_year", "下一年度工作安排"),
    ("other", "其他需要报告的情况"),
]
MANDATED = ("measures", "first_responsible", "shortcomings", "next_year")
BASIS = "《法治政府建设与责任落实督察工作规定》"


class AnnualReport(models.Model):
    """法治政府建设年度报告 of one 乡镇/街道 for one year."""

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        FINAL = "final", "已定稿"
        SUBMITTED = "submitted", "已报送"
        PUBLISHED = "published", "已公开"

    TRANSITIONS = {
        "finalize": ({Status.DRAFT}, Status.FINAL),
        "reopen": ({Status.FINAL}, Status.DRAFT),
        "submit": ({Status.FINAL}, Status.SUBMITTED),
        "return_report": ({Status.SUBMITTED}, Status.DRAFT),
        "publish": ({Status.FINAL, Status.SUBMITTED}, Status.PUBLISHED),
    }
    ACTION_LABELS = {"finalize": "定稿", "reopen": "退回修改", "submit": "报送上级", "return_report": "退回重报",
                     "publish": "向社会公开"}

    org = models.ForeignKey("core.Org", verbose_name="单位", on_delete=models.PROTECT, related_name="annual_reports")
    year = models.PositiveSmallIntegerField("报告年度")
    title = models.CharField("标题", max_length=120)
    status = models.CharField("状态", max_length=12, choices=Status, default=Status.DRAFT, db_index=True)

    intro = models.TextField("开头", blank=True, help_text="留空则使用默认开头语。")
    narrative_measures = models.TextField("主要举措和成效（文字部分）", blank=True)
    narrative_first_responsible = models.TextField("第一责任人职责履行情况", blank=True)
    narrative_shortcomings = models.TextField("存在的不足和原因", blank=True)
    narrative_next_year = models.TextField("下一年度工作安排", blank=True)
    narrative_other = models.TextField("其他需要报告的情况", blank=True)

    figures = models.JSONField("数据快照", default=dict, blank=True,
                               help_text="最近一次生成时从各业务台账计算出的段落，按部分、按模块保存")
    generated_at = models.DateTimeField("生成时间", null=True, blank=True)
    text = models.TextField("报告全文", blank=True, help_text="生成的 .docx 逐段读出的文字，供审查和查重")
    document = models.ForeignKey("core.Attachment", verbose_name="报告文件", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")

    finalized_on = models.DateField("定稿日期", null=True, blank=True)
    submitted_on = models.DateField("报送日期", null=True, blank=True)
    submitted_to = models.ForeignKey("core.Org", verbose_name="报送单位", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    published_on = models.DateField("公开日期", null=True, blank=True)
    secrecy_checked_by = models.CharField("保密审查人", max_length=50, blank=True)
    return_note = models.TextField("退回意见", blank=True)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="创建人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "法治政府建设年度报告"
        verbose_name_plural = "法治政府建设年度报告"
        ordering = ["-year", "org__path"]
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="annual_report_one_per_year")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", args=[self.pk])

    @property
    def year_end(self):
        import datetime as dt

        return dt.date(self.year, 12, 31)

    def computed_all(self) -> list[list[dict]]:
        return list((self.figures or {}).get("parts", {}).values())

    def narrative(self, part: str) -> str:
        return getattr(self, f"narrative_{part}")

    def computed(self, part: str) -> list[dict]:
        """The paragraphs computed from the registers for ``part``: [{app, label, heading, paragraphs}]."""
        return (self.figures or {}).get("parts", {}).get(part, [])

    def missing_parts(self) -> list[str]:
        """Mandated parts with nothing in them (no computed paragraph and no narrative)."""
        return [label for key, label in PARTS if key in MANDATED
                and not self.narrative(key).strip() and not self.computed(key)]

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class ReportReview(models.Model):
    """机器审查记录: one machine review of a yearly report, kept with the text it read and its findings."""

    class Source(models.TextChoices):
        UPLOAD = "upload", "上传文件"
        SUBMITTED = "submitted", "下级报送"
        SELF = "self", "本单位自查"

    org = models.ForeignKey("core.Org", verbose_name="报告单位", on_delete=models.PROTECT, related_name="+")
    report = models.ForeignKey(AnnualReport, verbose_name="年度报告", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="reviews")
    source = models.CharField("来源", max_length=12, choices=Source)
    title = models.CharField("报告名称", max_length=200)
    year = models.PositiveSmallIntegerField("报告年度", null=True, blank=True)
    file = models.ForeignKey("core.Attachment", verbose_name="报告文件", null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    text = models.TextField("审查文本")
    result = models.JSONField("审查结果", default=dict)
    crosscheck = models.JSONField("与台账核对", default=list, blank=True)
    shared = models.JSONField("与其他报告雷同段落", default=list, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审查人", null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    reviewed_by_name = models.CharField("审查人姓名", max_length=150)
    reviewed_at = models.DateTimeField("审查时间", auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "年度报告机器审查"
        verbose_name_plural = "年度报告机器审查"
        ordering = ["-reviewed_at", "-pk"]

    def __str__(self) -> str:
        return f"审查：{self.title}"

    def get_absolute_url(self) -> str:
        return reverse("reports:review_detail", args=[self.pk])

    @property
    def missing_sections(self) -> list[str]:
        from .review import SECTION_LABELS

        sections = self.result.get("sections", {})
        return [label for key, label in SECTION_LABELS.items() if not sections.get(key)]

    @property
    def contradictions(self) -> list[dict]:
        return [c for c in self.crosscheck if c.get("verdict") == "mismatch"]
