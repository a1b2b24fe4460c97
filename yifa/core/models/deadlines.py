"""Statutory time limits: the working-day calendar, the rule table, deadlines on matters, reminders and 督办.

- ``CalendarDay`` holds only the exceptions to Monday–Friday: 法定节假日 and 调休放假日
  (``is_workday=False``) and 调休上班日 on weekends (``is_workday=True``). Holidays that fall on
  a weekend are stored too, so an explanation can say "国庆节" rather than "周六".
  ``CalendarYear`` records which years have data; a computation reaching any other year
  counts weekends only and is flagged (全国年节及纪念日放假办法 第二、六、七条; 国务院办公厅
  每年《关于部分节假日安排的通知》).
- ``StatutoryRule`` is one statutory period with its citation and confidence tag
  (see docs/deadlines.md and RULES.md). [M]/[NV] rows are 本地设定, editable by an administrator.
- ``Deadline`` is one period running on any module's matter (generic target, like ``AuditEntry``).
  Its ``due_on`` is stored; "due soon" and "overdue" are derived. Only ``core.deadlines`` writes it.
- ``Reminder`` is one in-app notification per (deadline, kind); ``SupervisionNotice`` is a 督办通知
  from an overseer to a unit, which the unit answers.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property

from ..scope import ScopedManager


class Unit(models.TextChoices):
    """期间单位."""

    DAY = "day", "日（自然日）"
    WORKDAY = "workday", "个工作日"
    MONTH = "month", "个月"
    FIXED = "fixed", "固定日期"


class CalendarYear(models.Model):
    """一年的节假日数据已录入: the years the calendar covers."""

    class Source(models.TextChoices):
        PACKAGE = "package", "chinesecalendar 数据包"
        NOTICE = "notice", "国务院办公厅通知（人工录入）"

    year = models.PositiveSmallIntegerField("年份", unique=True)
    source = models.CharField("来源", max_length=20, choices=Source, default=Source.NOTICE)
    notice = models.CharField("通知名称及文号", max_length=200, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    entered_at = models.DateTimeField("录入时间", auto_now=True)

    class Meta:
        verbose_name = "日历年度"
        verbose_name_plural = "日历年度"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年"


class CalendarDay(models.Model):
    """工作日历中的例外日: a holiday on a weekday, or a 调休上班日 on a weekend."""

    day = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("上班", default=False)
    note = models.CharField("说明", max_length=60, blank=True, help_text="如“国庆节”“春节调休上班”")

    class Meta:
        verbose_name = "节假日/调休日"
        verbose_name_plural = "节假日日历"
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {'上班' if self.is_workday else '放假'} {self.note}"


class StatutoryRule(models.Model):
    """法定期限规则: one period from a national instrument, with its article and confidence tag."""

    class Kind(models.TextChoices):
        DEADLINE = "deadline", "办理时限（须在期限内完成）"
        MINIMUM = "minimum", "最短期间（不得早于期满结束）"

    class Confidence(models.TextChoices):
        TEXT = "T", "已核对法规全文"
        PAGE = "P", "据官方网页"
        MEMORY = "M", "待核实（本地设定）"
        LOCAL = "NV", "无全国规定（本地设定）"

    LOCAL_CONFIDENCE = (Confidence.MEMORY, Confidence.LOCAL)

    code = models.CharField("规则代码", max_length=60, unique=True)
    name = models.CharField("名称", max_length=100)
    trigger = models.CharField("起算事件", max_length=200)
    count = models.PositiveIntegerField("期间长度")
    unit = models.CharField("单位", max_length=10, choices=Unit)
    kind = models.CharField("性质", max_length=10, choices=Kind, default=Kind.DEADLINE)
    fixed_month = models.PositiveSmallIntegerField("固定月", null=True, blank=True)
    fixed_day = models.PositiveSmallIntegerField("固定日", null=True, blank=True)
    fixed_exclusive = models.BooleanField("“之前”不含当日", default=True,
                                          help_text="“4月1日之前”按3月31日届满")
    extension_count = models.PositiveIntegerField("每次可延长", default=0)
    extension_unit = models.CharField("延长单位", max_length=10, choices=Unit, blank=True)
    extension_max_times = models.PositiveSmallIntegerField("最多延长次数", default=0)
    extension_basis = models.CharField("延长条件", max_length=200, blank=True)
    pausable_by = models.CharField("不计入期间的情形", max_length=200, blank=True)
    instrument = models.CharField("法规名称", max_length=100)
    article = models.CharField("条款", max_length=60, blank=True)
    confidence = models.CharField("可信度", max_length=2, choices=Confidence)
    note = models.TextField("说明", blank=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "法定期限规则"
        verbose_name_plural = "法定期限规则"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_local(self) -> bool:
        """本地设定: [M]/[NV] rules are defaults an administrator may change for the deployment."""
        return self.confidence in self.LOCAL_CONFIDENCE

    @property
    def basis(self) -> str:
        instrument = self.instrument if self.instrument.startswith("《") or "〔" in self.instrument else f"《{self.instrument}》"
        return f"{instrument}{self.article}"

    @property
    def period_label(self) -> str:
        if self.unit == Unit.FIXED:
            tail = "之前" if self.fixed_exclusive else "（含当日）"
            return f"每年{self.fixed_month}月{self.fixed_day}日{tail}"
        return period_text(self.count, self.unit)

    @property
    def extension_label(self) -> str:
        if not self.extension_max_times:
            return "不可延长"
        times = "一次" if self.extension_max_times == 1 else f"至多{self.extension_max_times}次"
        return f"可延长{period_text(self.extension_count, self.extension_unit)}，{times}"


def period_text(count: int, unit: str) -> str:
    if unit == Unit.DAY:
        return f"{count}日"
    if unit == Unit.WORKDAY:
        return f"{count}个工作日"
    if unit == Unit.MONTH:
        return f"{count}个月"
    return str(count)


class Deadline(models.Model):
    """期限: one statutory period running on a matter of any module (generic target)."""

    class Status(models.TextChoices):
        OPEN = "open", "计时中"
        PAUSED = "paused", "暂停计时"
        MET = "met", "按期完成"
        LATE = "late", "逾期完成"
        SHORT = "short", "未满法定期间即结束"
        CANCELLED = "cancelled", "已撤销"

    ACTIVE = (Status.OPEN, Status.PAUSED)

    org = models.ForeignKey("core.Org", verbose_name="单位", on_delete=models.PROTECT, related_name="deadlines")
    target_type = models.CharField("对象类型", max_length=64)
    target_id = models.CharField("对象编号", max_length=64)
    target_repr = models.CharField("事项", max_length=200)
    target_url = models.CharField("事项链接", max_length=300, blank=True)
    rule = models.ForeignKey(StatutoryRule, verbose_name="规则", on_delete=models.PROTECT, related_name="deadlines")
    count = models.PositiveIntegerField("期间长度")  # snapshot of the rule when the clock started
    unit = models.CharField("单位", max_length=10, choices=Unit)
    started_on = models.DateField("起算日")
    due_on = models.DateField("届满日", db_index=True)
    status = models.CharField("状态", max_length=12, choices=Status, default=Status.OPEN, db_index=True)
    completed_on = models.DateField("完成日", null=True, blank=True)
    extensions = models.PositiveSmallIntegerField("已延长次数", default=0)
    no_calendar_data = models.BooleanField("缺节假日数据", default=False)
    note = models.CharField("备注", max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="起算人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "期限"
        verbose_name_plural = "期限"
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="deadline_target_idx")]
        constraints = [
            models.UniqueConstraint(fields=["target_type", "target_id", "rule"],
                                    condition=Q(status__in=["open", "paused"]), name="deadline_one_running_per_rule"),
        ]

    def __str__(self) -> str:
        return f"{self.target_repr} · {self.rule.name}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def basis(self) -> str:
        return self.rule.basis

    @property
    def is_overdue(self) -> bool:
        from ..deadlines import today

        return self.status == self.Status.OPEN and self.rule.kind == StatutoryRule.Kind.DEADLINE \
            and self.due_on < today()

    @property
    def days_left(self) -> int:
        """Calendar days from today to the due date (negative: days overdue)."""
        from ..deadlines import today

        return (self.due_on - today()).days

    @cached_property
    def workdays_left(self) -> int:
        """Working days from today (not counted) to the due date; negative when past. ``annotate()`` fills it in bulk."""
        from ..deadlines import workdays_between

        return workdays_between(self.due_on)

    @cached_property
    def state(self) -> tuple[str, str]:
        """(badge class, Chinese words): 已逾期3日 / 今日到期 / 还剩2个工作日 / 暂停计时 / 按期完成…"""
        from ..deadlines import state_of

        return state_of(self)

    @property
    def state_badge(self) -> str:
        return self.state[0]

    @property
    def state_text(self) -> str:
        return self.state[1]

    def explain(self) -> list[str]:
        from ..deadlines import explain_deadline

        return explain_deadline(self)


class DeadlinePause(models.Model):
    """暂停计时: a span not counted (补正, 第三方意见, 中止, 鉴定…). The pause day is counted; counting resumes
    the day after ``resumed_on``."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="pauses")
    paused_on = models.DateField("暂停日")
    resumed_on = models.DateField("恢复日", null=True, blank=True)
    reason = models.CharField("原因", max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name = "暂停计时"
        verbose_name_plural = "暂停计时"
        ordering = ["paused_on", "pk"]


class DeadlineExtension(models.Model):
    """延长期限: counted from the end of the period it extends."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="extension_rows")
    count = models.PositiveIntegerField("延长")
    unit = models.CharField("单位", max_length=10, choices=Unit)
    reason = models.CharField("理由", max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "延长期限"
        verbose_name_plural = "延长期限"
        ordering = ["pk"]


class Reminder(models.Model):
    """到期提醒: one per (deadline, kind), so a second scan sends nothing new."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "即将到期"
        DUE_TODAY = "due_today", "今日到期"
        OVERDUE = "overdue", "已逾期"

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField("类型", max_length=12, choices=Kind)
    due_on = models.DateField("届满日")
    message = models.CharField("内容", max_length=300)
    emailed_to = models.TextField("已发邮件", blank=True)
    created_at = models.DateTimeField("提醒时间", auto_now_add=True)

    scope_org_field = "deadline__org"
    objects = ScopedManager()

    class Meta:
        verbose_name = "到期提醒"
        verbose_name_plural = "到期提醒"
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["deadline", "kind", "due_on"], name="reminder_once")]


class SupervisionNotice(models.Model):
    """督办通知: an overseer tells a unit to deal with its overdue or due-soon items; the unit must answer."""

    class Status(models.TextChoices):
        ISSUED = "issued", "待答复"
        ANSWERED = "answered", "已答复"

    TRANSITIONS = {"answer_supervision": ({Status.ISSUED}, Status.ANSWERED)}
    ACTION_LABELS = {"answer_supervision": "答复督办"}

    org = models.ForeignKey("core.Org", verbose_name="被督办单位", on_delete=models.PROTECT,
                            related_name="supervision_notices")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="督办人", on_delete=models.PROTECT,
                                  related_name="+")
    issued_by_org = models.ForeignKey("core.Org", verbose_name="督办单位", on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField("督办时间", auto_now_add=True)
    message = models.TextField("督办要求")
    deadlines = models.ManyToManyField(Deadline, verbose_name="督办事项", blank=True, related_name="supervisions")
    status = models.CharField("状态", max_length=12, choices=Status, default=Status.ISSUED)
    answer = models.TextField("答复内容", blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="答复人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "督办通知"
        verbose_name_plural = "督办通知"
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"督办 {self.org} {self.issued_at:%Y-%m-%d}" if self.issued_at else f"督办 {self.org}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("core:supervision_detail", args=[self.pk])


def weekday_label(day: dt.date) -> str:
    return "周" + "一二三四五六日"[day.weekday()]
