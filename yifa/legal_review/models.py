"""合法性审查 (legality review) and 法律顾问 (legal advisers).

- ``ReviewRequest``: a request to review a contract, a 重大行政决策 draft, a 行政规范性文件
  draft, an enforcement decision or another matter, made standalone or by another
  module through ``actions.request_review``. It is assigned to a reviewer (司法所
  staff) or a 法律顾问, answered with a numbered 审查意见书 (.docx), and the
  requesting side records whether the opinion was adopted.
  Basis: 《重大行政决策程序暂行条例》第二十五至二十八条 (review mandatory, 一般不少于7个工作日,
  法律顾问、公职律师 give opinions); 国办发〔2018〕115号 (规范性文件合法性审核);
  《法治政府建设实施纲要（2021—2025年）》 on 合同合法性审查.
- ``LegalAdviser``: the roster of 法律顾问 and 公职律师 per unit and per 村/社区
  ("一村（社区）一法律顾问"), with their service period.
- ``AdviserService``: the adviser's service log (meetings joined, disputes helped,
  suggestions given, reviews, lectures).
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse

from yifa.core.scope import ScopedManager


class LegalAdviser(models.Model):
    """法律顾问 / 公职律师 serving a unit (乡镇/街道) or a 村/社区."""

    class Kind(models.TextChoices):
        ADVISER = "adviser", "法律顾问"
        PUBLIC_LAWYER = "public_lawyer", "公职律师"

    org = models.ForeignKey("core.Org", verbose_name="服务单位", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("类别", max_length=20, choices=Kind, default=Kind.ADVISER)
    name = models.CharField("姓名", max_length=50)
    firm = models.CharField("执业机构或所在单位", max_length=100)
    license_no = models.CharField("执业证号", max_length=30, blank=True)
    phone = models.CharField("手机号", max_length=20, blank=True)
    service_phone = models.CharField("对外服务电话", max_length=30, blank=True,
                                     help_text="在门户“法律顾问”栏目公开，便于群众联系；不公开的请留空。")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="平台账户", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+",
                             help_text="有平台账户的法律顾问可以直接在平台上出具审查意见。")
    serves_from = models.DateField("聘期开始")
    serves_until = models.DateField("聘期届满", null=True, blank=True)
    is_active = models.BooleanField("在聘", default=True)
    note = models.CharField("备注", max_length=200, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "法律顾问"
        verbose_name_plural = "法律顾问与公职律师"
        ordering = ["org__path", "name"]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_kind_display()}，{self.org.name}）"

    def get_absolute_url(self) -> str:
        return reverse("legal_review:adviser_detail", args=[self.pk])

    def serves_on(self, day: dt.date) -> bool:
        return self.is_active and self.serves_from <= day and (self.serves_until is None or day <= self.serves_until)


class AdviserService(models.Model):
    """法律顾问服务记录: one entry of the adviser's service log."""

    class Kind(models.TextChoices):
        MEETING = "meeting", "列席会议"
        DISPUTE = "dispute", "参与矛盾纠纷调处"
        SUGGESTION = "suggestion", "提供法律建议"
        REVIEW = "review", "审查合同文件"
        LITIGATION = "litigation", "代理诉讼复议"
        EDUCATION = "education", "法治宣传讲座"
        CONSULTATION = "consultation", "法律咨询"

    adviser = models.ForeignKey(LegalAdviser, verbose_name="法律顾问", on_delete=models.PROTECT,
                                related_name="services")
    org = models.ForeignKey("core.Org", verbose_name="服务单位", on_delete=models.PROTECT, related_name="+")
    served_on = models.DateField("服务日期")
    kind = models.CharField("服务类型", max_length=20, choices=Kind)
    count = models.PositiveSmallIntegerField("次数/条数", default=1)
    description = models.TextField("服务内容")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "法律顾问服务记录"
        verbose_name_plural = "法律顾问服务记录"
        ordering = ["-served_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.adviser.name} {self.served_on} {self.get_kind_display()}"


class ReviewRequest(models.Model):
    """合法性审查申请 and its 审查意见书."""

    class Subject(models.TextChoices):
        CONTRACT = "contract", "合同"
        DECISION = "decision", "重大行政决策"
        NORMATIVE = "normative", "行政规范性文件"
        ENFORCEMENT = "enforcement", "行政执法决定"
        OTHER = "other", "其他事项"

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "待分派"
        REVIEWING = "reviewing", "审查中"
        RETURNED = "returned", "退回补充材料"
        ISSUED = "issued", "已出具意见"
        CLOSED = "closed", "已反馈采纳情况"
        WITHDRAWN = "withdrawn", "已撤回"

    class Conclusion(models.TextChoices):
        LAWFUL = "lawful", "合法"
        LAWFUL_WITH_CHANGES = "with_changes", "修改后合法"
        UNLAWFUL = "unlawful", "不合法"

    class Adoption(models.TextChoices):
        ADOPTED = "adopted", "采纳"
        PARTLY = "partly", "部分采纳"
        NOT_ADOPTED = "not_adopted", "未采纳"

    TRANSITIONS = {
        "assign": ({Status.SUBMITTED, Status.REVIEWING}, Status.REVIEWING),
        "return_for_materials": ({Status.REVIEWING}, Status.RETURNED),
        "resubmit": ({Status.RETURNED}, Status.REVIEWING),
        "issue_opinion": ({Status.REVIEWING}, Status.ISSUED),
        "record_adoption": ({Status.ISSUED}, Status.CLOSED),
        "withdraw": ({Status.SUBMITTED, Status.REVIEWING, Status.RETURNED}, Status.WITHDRAWN),
    }
    ACTION_LABELS = {
        "assign": "分派审查人", "return_for_materials": "退回补充材料", "resubmit": "补充材料后重新提交",
        "issue_opinion": "出具审查意见书", "record_adoption": "登记采纳情况", "withdraw": "撤回",
    }
    OPEN = (Status.SUBMITTED, Status.REVIEWING, Status.RETURNED)

    org = models.ForeignKey("core.Org", verbose_name="送审单位", on_delete=models.PROTECT, related_name="+")
    subject = models.CharField("审查事项类别", max_length=20, choices=Subject)
    title = models.CharField("送审事项", max_length=200)
    counterpart = models.CharField("合同相对方", max_length=100, blank=True)
    amount = models.DecimalField("合同金额（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    materials = models.TextField("送审材料", help_text="草案文本、起草说明、法律依据、已履行程序的说明等")
    question = models.TextField("需审查的问题", blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="送审人", null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    submitted_on = models.DateField("送审日期")
    # The module and matter this review was asked for, when another module asked (a decision, a document).
    source_app = models.CharField("来源模块", max_length=40, blank=True)
    source_id = models.PositiveBigIntegerField("来源事项编号", null=True, blank=True)
    source_label = models.CharField("来源事项", max_length=200, blank=True)
    source_url = models.CharField("来源事项链接", max_length=200, blank=True)
    rule_code = models.CharField("审查时间规则", max_length=60, blank=True)
    earliest_issue_on = models.DateField("最早出具日期", null=True, blank=True,
                                         help_text="审查时间一般不少于法定最短期限，早于此日出具须说明理由。")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审查人", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    adviser = models.ForeignKey(LegalAdviser, verbose_name="法律顾问", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="reviews")
    assigned_on = models.DateField("分派日期", null=True, blank=True)
    return_reason = models.TextField("退回理由", blank=True)
    opinion_number = models.CharField("审查意见书编号", max_length=60, blank=True, db_index=True)
    conclusion = models.CharField("审查结论", max_length=20, choices=Conclusion, blank=True)
    opinion = models.TextField("审查意见", blank=True)
    basis = models.TextField("审查依据", blank=True)
    short_review_reason = models.CharField("缩短审查时间的理由", max_length=200, blank=True)
    issued_by_name = models.CharField("出具人", max_length=100, blank=True)
    issued_on = models.DateField("出具日期", null=True, blank=True)
    adoption = models.CharField("采纳情况", max_length=20, choices=Adoption, blank=True)
    adoption_note = models.TextField("采纳情况说明", blank=True)
    adoption_on = models.DateField("反馈日期", null=True, blank=True)
    status = models.CharField("状态", max_length=20, choices=Status, default=Status.SUBMITTED, db_index=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "合法性审查"
        verbose_name_plural = "合法性审查"
        ordering = ["-submitted_on", "-pk"]
        indexes = [models.Index(fields=["source_app", "source_id"], name="review_source_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("legal_review:request_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def passed(self) -> bool:
        """The opinion lets the matter go on: lawful, or lawful once the changes it asks for are made."""
        return self.status in (self.Status.ISSUED, self.Status.CLOSED) and self.conclusion in (
            self.Conclusion.LAWFUL, self.Conclusion.LAWFUL_WITH_CHANGES)

    @property
    def reviewer_label(self) -> str:
        parts = []
        if self.reviewer_id:
            parts.append(self.reviewer.display_name)
        if self.adviser_id:
            parts.append(f"{self.adviser.name}（{self.adviser.get_kind_display()}）")
        return "、".join(parts)
