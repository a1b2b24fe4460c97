"""行政规范性文件 (normative documents): making, filing, review above, validity and cleanup.

国办发〔2018〕37号 (严格制发程序: 评估论证 → 公开征求意见 → 合法性审核 → 集体审议决定 → 向社会公开发布;
"未经合法性审核或者经审核不合法的，不得提交集体审议"; 统一登记、统一编号、统一公布), 国办发〔2018〕115号
(合法性审核), the 2021 示范指标体系 item 24 (征求意见 ≥7个工作日, ≥30日 where 市场主体 are concerned) and
item 27 (报备率、报备及时率、规范率), 《法规规章备案审查条例》 第三、二十五条 (有件必备、有备必审、有错必纠;
provinces set the filing of 规范性文件). Filing, correction, validity and cleanup periods are local ([NV]).

- ``NormativeDocument``: one document from 起草 to 公布, with its 文号 and its validity (有效/失效/已废止/已修改).
- ``DocumentComment``: comments sent on the portal during 征求意见.
- ``Filing``: the 备案 to the level above and that level's 备案审查; a problem found is ordered corrected and the
  unit must answer within the correction period.
- ``Cleanup`` / ``CleanupItem``: a 定期清理 round, each document kept, amended, repealed or declared expired.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse

from yifa.core.scope import ScopedManager

GB_37 = "国办发〔2018〕37号"


class NormativeDocument(models.Model):
    """行政规范性文件."""

    class Status(models.TextChoices):
        DRAFTING = "drafting", "起草中"
        COMMENTING = "commenting", "征求意见中"
        COMMENTED = "commented", "意见已研究处理"
        REVIEWING = "reviewing", "合法性审核中"
        REVIEWED = "reviewed", "已通过合法性审核"
        DELIBERATED = "deliberated", "已集体审议"
        REGISTERED = "registered", "已登记编号"
        PUBLISHED = "published", "已公布"
        WITHDRAWN = "withdrawn", "已终止制定"

    class Validity(models.TextChoices):
        VALID = "valid", "有效"
        EXPIRED = "expired", "失效"
        REPEALED = "repealed", "已废止"
        AMENDED = "amended", "已修改"

    TRANSITIONS = {
        "open_comment": ({Status.DRAFTING}, Status.COMMENTING),
        "close_comment": ({Status.COMMENTING}, Status.COMMENTED),
        "request_legality_review": ({Status.COMMENTED}, Status.REVIEWING),
        "legality_passed": ({Status.REVIEWING}, Status.REVIEWED),
        "legality_failed": ({Status.REVIEWING}, Status.COMMENTED),
        "deliberate": ({Status.REVIEWED}, Status.DELIBERATED),
        "register": ({Status.DELIBERATED}, Status.REGISTERED),
        "publish": ({Status.REGISTERED}, Status.PUBLISHED),
        "withdraw": ({Status.DRAFTING, Status.COMMENTING, Status.COMMENTED, Status.REVIEWING, Status.REVIEWED,
                      Status.DELIBERATED}, Status.WITHDRAWN),
    }
    ACTION_LABELS = {
        "open_comment": "公开征求意见", "close_comment": "结束征求意见并公布采纳情况",
        "request_legality_review": "送请合法性审核", "legality_passed": "合法性审核通过",
        "legality_failed": "合法性审核未通过", "deliberate": "集体审议", "register": "统一登记编号",
        "publish": "公布", "withdraw": "终止制定",
    }
    EDITABLE = (Status.DRAFTING, Status.COMMENTED)

    org = models.ForeignKey("core.Org", verbose_name="制定机关", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("文件名称", max_length=200)
    drafting_unit = models.CharField("起草单位", max_length=100, blank=True)
    touches_business = models.BooleanField("与市场主体生产经营活动密切相关", default=False,
                                           help_text="是的，征求意见期不少于30日")
    basis = models.TextField("制定依据", blank=True)
    draft_text = models.TextField("文件正文", blank=True)
    drafting_notes = models.TextField("起草说明", blank=True, help_text="制定必要性、评估论证情况、主要内容")
    comment_opens_on = models.DateField("征求意见开始", null=True, blank=True)
    comment_closes_on = models.DateField("征求意见截止", null=True, blank=True)
    comment_notice = models.TextField("征求意见公告", blank=True)
    adoption_summary = models.TextField("意见采纳情况", blank=True)
    comment_closed_on = models.DateField("采纳情况公布日期", null=True, blank=True)
    review_request_id = models.PositiveBigIntegerField("合法性审核编号", null=True, blank=True)
    review_opinion_number = models.CharField("合法性审核意见书编号", max_length=60, blank=True)
    review_conclusion = models.CharField("合法性审核结论", max_length=40, blank=True)
    reviewed_on = models.DateField("合法性审核日期", null=True, blank=True)
    deliberation_body = models.CharField("集体审议会议", max_length=100, blank=True)
    deliberated_on = models.DateField("集体审议日期", null=True, blank=True)
    deliberation_minutes = models.TextField("审议情况", blank=True)
    number = models.CharField("文号", max_length=60, blank=True, db_index=True)
    registered_on = models.DateField("登记日期", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True, db_index=True)
    publication_channel = models.CharField("公布渠道", max_length=100, blank=True)
    effective_on = models.DateField("施行日期", null=True, blank=True)
    validity_months = models.PositiveSmallIntegerField("有效期（月）", null=True, blank=True)
    expires_on = models.DateField("有效期至", null=True, blank=True, db_index=True)
    validity = models.CharField("效力状态", max_length=20, choices=Validity, default=Validity.VALID)
    validity_changed_on = models.DateField("效力变更日期", null=True, blank=True)
    validity_note = models.CharField("效力变更说明", max_length=200, blank=True)
    status = models.CharField("状态", max_length=20, choices=Status, default=Status.DRAFTING, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "行政规范性文件"
        verbose_name_plural = "行政规范性文件"
        ordering = ["-published_on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.title}（{self.number}）" if self.number else self.title

    def get_absolute_url(self) -> str:
        return reverse("normative_docs:document_detail", args=[self.pk])

    def current_validity(self, today: dt.date) -> str:
        """有效 (or 已修改) until the validity period ends, then 失效; 已废止 and a declared 失效 stay as they are."""
        in_force = (self.Validity.VALID, self.Validity.AMENDED)
        if self.validity in in_force and self.expires_on and today > self.expires_on:
            return self.Validity.EXPIRED
        return self.validity

    def current_validity_label(self, today: dt.date) -> str:
        return self.Validity(self.current_validity(today)).label

    def comment_is_open(self, today: dt.date) -> bool:
        return (self.status == self.Status.COMMENTING and self.comment_opens_on is not None
                and self.comment_opens_on <= today <= self.comment_closes_on)


class DocumentComment(models.Model):
    """公众意见 on a draft 规范性文件, sent on the portal, with the drafting unit's answer."""

    class Disposition(models.TextChoices):
        ADOPTED = "adopted", "采纳"
        PARTLY = "partly", "部分采纳"
        NOT_ADOPTED = "not_adopted", "不予采纳"
        OUT_OF_SCOPE = "out_of_scope", "不属于征求意见范围"

    document = models.ForeignKey(NormativeDocument, verbose_name="文件", on_delete=models.CASCADE,
                                 related_name="comments")
    body = models.TextField("意见内容")
    name = models.CharField("姓名或单位", max_length=50, blank=True)
    contact = models.CharField("联系方式", max_length=50, blank=True)
    is_business = models.BooleanField("企业或行业协会", default=False)
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)
    address_hash = models.CharField("来源标识", max_length=64, db_index=True, editable=False)
    disposition = models.CharField("处理结果", max_length=20, choices=Disposition, blank=True)
    reply = models.TextField("答复及理由", blank=True)

    scope_org_field = "document__org"
    objects = ScopedManager()

    class Meta:
        verbose_name = "规范性文件意见"
        verbose_name_plural = "规范性文件意见"
        ordering = ["submitted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.document.title} 意见#{self.pk}"


class Filing(models.Model):
    """备案 to the level above, and that level's 备案审查 (有件必备、有备必审、有错必纠)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "待审查"
        PASSED = "passed", "审查通过"
        CORRECTION = "correction", "责令纠正"
        ANSWERED = "answered", "已报告纠正情况"

    class AnswerKind(models.TextChoices):
        AMENDED = "amended", "已自行修改"
        REPEALED = "repealed", "已废止"
        SUSPENDED = "suspended", "已停止执行"
        EXPLAINED = "explained", "说明理由"

    TRANSITIONS = {
        "pass_review": ({Status.SUBMITTED, Status.ANSWERED}, Status.PASSED),
        "order_correction": ({Status.SUBMITTED, Status.ANSWERED}, Status.CORRECTION),
        "answer_correction": ({Status.CORRECTION}, Status.ANSWERED),
    }
    ACTION_LABELS = {"pass_review": "审查通过", "order_correction": "责令纠正", "answer_correction": "报告纠正情况"}

    document = models.OneToOneField(NormativeDocument, verbose_name="文件", on_delete=models.PROTECT,
                                    related_name="filing")
    filed_to = models.ForeignKey("core.Org", verbose_name="备案机关", on_delete=models.PROTECT, related_name="+")
    filed_on = models.DateField("报备日期")
    due_on = models.DateField("报备期限")
    on_time = models.BooleanField("按时报备")
    report = models.TextField("备案报告")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审查人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    reviewed_on = models.DateField("审查日期", null=True, blank=True)
    review_opinion = models.TextField("审查意见", blank=True)
    problem = models.TextField("发现的问题", blank=True)
    requirement = models.TextField("纠正要求", blank=True)
    ordered_on = models.DateField("责令纠正日期", null=True, blank=True)
    correction_due_on = models.DateField("纠正期限", null=True, blank=True)
    answer_kind = models.CharField("纠正情况", max_length=20, choices=AnswerKind, blank=True)
    answer = models.TextField("纠正情况说明", blank=True)
    answered_on = models.DateField("报告纠正情况日期", null=True, blank=True)
    answered_late = models.BooleanField("逾期报告", default=False)
    corrections = models.PositiveSmallIntegerField("纠错次数", default=0)
    status = models.CharField("状态", max_length=20, choices=Status, default=Status.SUBMITTED, db_index=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    scope_org_field = "document__org"
    objects = ScopedManager()

    class Meta:
        verbose_name = "规范性文件备案"
        verbose_name_plural = "规范性文件备案"
        ordering = ["-filed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.document.title} 备案"

    def get_absolute_url(self) -> str:
        return reverse("normative_docs:filing_detail", args=[self.pk])


class Cleanup(models.Model):
    """定期清理: a round in which every valid document of the unit is kept, amended, repealed or declared expired."""

    class Status(models.TextChoices):
        OPEN = "open", "清理中"
        CONCLUDED = "concluded", "已完成并公布"

    TRANSITIONS = {"conclude_cleanup": ({Status.OPEN}, Status.CONCLUDED)}
    ACTION_LABELS = {"conclude_cleanup": "公布清理结果"}

    org = models.ForeignKey("core.Org", verbose_name="制定机关", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("清理名称", max_length=200)
    reason = models.CharField("清理原因", max_length=200, help_text="定期清理，或上位法变化后的专项清理")
    started_on = models.DateField("开始日期")
    decision = models.CharField("清理决定", max_length=200, blank=True, help_text="审议清理结果的会议或决定文号")
    concluded_on = models.DateField("公布日期", null=True, blank=True)
    status = models.CharField("状态", max_length=20, choices=Status, default=Status.OPEN)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "规范性文件清理"
        verbose_name_plural = "规范性文件清理"
        ordering = ["-started_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("normative_docs:cleanup_detail", args=[self.pk])


class CleanupItem(models.Model):
    """One document's result in a cleanup round."""

    class Result(models.TextChoices):
        KEEP = "keep", "继续有效"
        AMEND = "amend", "修改"
        REPEAL = "repeal", "废止"
        EXPIRE = "expire", "宣布失效"

    cleanup = models.ForeignKey(Cleanup, verbose_name="清理", on_delete=models.CASCADE, related_name="items")
    document = models.ForeignKey(NormativeDocument, verbose_name="文件", on_delete=models.PROTECT,
                                 related_name="cleanup_items")
    result = models.CharField("清理结果", max_length=20, choices=Result, blank=True)
    reason = models.CharField("理由", max_length=200, blank=True)

    scope_org_field = "cleanup__org"
    objects = ScopedManager()

    class Meta:
        verbose_name = "清理结果"
        verbose_name_plural = "清理结果"
        ordering = ["cleanup", "document__published_on"]
        constraints = [models.UniqueConstraint(fields=["cleanup", "document"], name="cleanup_item_unique")]

    def __str__(self) -> str:
        return f"{self.document.title}：{self.get_result_display() or '待定'}"
