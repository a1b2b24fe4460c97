"""学法与普法: cadres' study of law, and public legal education.

- 学法: 国家工作人员学法用法制度 — sessions (会前学法, 专题讲座, 理论学习中心组集体学法, 旁听庭审…), each
  person's hours against the unit's yearly target (commonly 不少于60学时), 任前 and yearly 学法考试 with scores;
  the leadership's 专题会议 on 法治建设 and 述法 (《党政主要负责人履行推进法治建设第一责任人职责规定》).
- 普法: activities under the "八五"普法规划 and the 谁执法谁普法 responsibility system (each department's
  duty list), the 法律明白人 / 法治带头人 of each 村/社区, and 菜单式普法: residents pick a topic from the
  unit's menu on the portal and each request is tracked to delivery.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from yifa.core.identity import mask_phone
from yifa.core.models import Org
from yifa.core.scope import ScopedManager

DEFAULT_HOURS_TARGET = 60


class StudyTarget(models.Model):
    """年度学法目标 of a unit: hours per person and number of collective sessions (a local setting)."""

    org = models.ForeignKey(Org, verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    hours_per_person = models.DecimalField("人均学法学时不少于", max_digits=5, decimal_places=1,
                                           default=DEFAULT_HOURS_TARGET)
    sessions = models.PositiveSmallIntegerField("集体学法活动不少于（次）", default=6)
    pass_rate = models.PositiveSmallIntegerField("学法考试合格率目标（%）", default=100,
                                                 validators=[MaxValueValidator(100)])

    objects = ScopedManager()

    class Meta:
        verbose_name = "年度学法目标"
        verbose_name_plural = "年度学法目标"
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="training_target_unique")]

    def __str__(self) -> str:
        return f"{self.org} {self.year}年学法目标"


class Cadre(models.Model):
    """学法人员: a civil servant or staff member of the unit whose study hours are counted."""

    class Category(models.TextChoices):
        LEADER = "leader", "领导干部"
        STAFF = "staff", "一般干部"

    org = models.ForeignKey(Org, verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    name = models.CharField("姓名", max_length=40)
    position = models.CharField("职务", max_length=60, blank=True)
    category = models.CharField("类别", max_length=10, choices=Category, default=Category.STAFF)
    is_principal = models.BooleanField("党政主要负责人", default=False)
    enforcement_officer = models.BooleanField("行政执法人员", default=False)
    active = models.BooleanField("在岗", default=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "学法人员"
        verbose_name_plural = "学法人员"
        ordering = ["org", "category", "name"]  # 领导干部 first
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="training_cadre_unique")]

    def __str__(self) -> str:
        return self.name


class StudySession(models.Model):
    """学法活动: a collective study session; attendance gives each person its hours."""

    class Kind(models.TextChoices):
        PRE_MEETING = "pre_meeting", "会前学法"
        LECTURE = "lecture", "专题讲座"
        CENTRAL_GROUP = "central_group", "理论学习中心组集体学法"
        COLLECTIVE = "collective", "集体学法"
        TRAINING = "training", "法治培训班"
        COURT_OBSERVATION = "court_observation", "旁听庭审"
        ONLINE = "online", "网上学法"

    class Status(models.TextChoices):
        PLANNED = "planned", "计划"
        HELD = "held", "已举办"
        CANCELLED = "cancelled", "已取消"

    TRANSITIONS = {
        "hold": ({Status.PLANNED}, Status.HELD),
        "cancel": ({Status.PLANNED}, Status.CANCELLED),
    }
    ACTION_LABELS = {"hold": "登记举办和出勤", "cancel": "取消"}

    org = models.ForeignKey(Org, verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("形式", max_length=20, choices=Kind)
    title = models.CharField("主题", max_length=200)
    planned_on = models.DateField("计划日期", null=True, blank=True)
    held_on = models.DateField("举办日期", null=True, blank=True)
    hours = models.DecimalField("学时", max_digits=4, decimal_places=1,
                                validators=[MinValueValidator(0.5), MaxValueValidator(40)])
    place = models.CharField("地点", max_length=100, blank=True)
    speaker = models.CharField("主讲人", max_length=100, blank=True)
    content = models.TextField("学习内容", blank=True, help_text="学习的法律法规、讲授要点")
    status = models.CharField("状态", max_length=20, choices=Status, default=Status.PLANNED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "学法活动"
        verbose_name_plural = "学法活动"
        ordering = ["-held_on", "-planned_on", "-pk"]
        indexes = [models.Index(fields=["org", "held_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.title}"

    def get_absolute_url(self) -> str:
        return reverse("training:session_detail", args=[self.pk])

    @property
    def date(self):
        return self.held_on or self.planned_on


class Attendance(models.Model):
    """One person's presence at a session, with the hours credited."""

    session = models.ForeignKey(StudySession, verbose_name="学法活动", on_delete=models.CASCADE,
                                related_name="attendances")
    cadre = models.ForeignKey(Cadre, verbose_name="学法人员", on_delete=models.PROTECT, related_name="attendances")
    hours = models.DecimalField("学时", max_digits=4, decimal_places=1)

    class Meta:
        verbose_name = "出勤"
        verbose_name_plural = "出勤"
        constraints = [models.UniqueConstraint(fields=["session", "cadre"], name="training_attendance_unique")]

    def __str__(self) -> str:
        return f"{self.cadre} · {self.session}"


class LawExam(models.Model):
    """学法考试: 任前法律知识考试, 年度学法考试 or 学法抽考, with each person's score."""

    class Kind(models.TextChoices):
        PRE_APPOINTMENT = "pre_appointment", "任前法律知识考试"
        ANNUAL = "annual", "年度学法考试"
        SPOT = "spot", "学法抽考"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "待考试"
        GRADED = "graded", "已登记成绩"

    TRANSITIONS = {"record_scores": ({Status.SCHEDULED}, Status.GRADED)}
    ACTION_LABELS = {"record_scores": "登记成绩"}

    org = models.ForeignKey(Org, verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("类别", max_length=20, choices=Kind)
    title = models.CharField("名称", max_length=200)
    held_on = models.DateField("考试日期")
    organiser = models.CharField("组织单位", max_length=80, blank=True, help_text="如“区委组织部、区司法局”")
    full_score = models.PositiveSmallIntegerField("满分", default=100)
    pass_score = models.PositiveSmallIntegerField("合格分", default=60)
    status = models.CharField("状态", max_length=20, choices=Status, default=Status.SCHEDULED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "学法考试"
        verbose_name_plural = "学法考试"
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.title}"

    def get_absolute_url(self) -> str:
        return reverse("training:exam_detail", args=[self.pk])


class ExamResult(models.Model):
    exam = models.ForeignKey(LawExam, verbose_name="考试", on_delete=models.CASCADE, related_name="results")
    cadre = models.ForeignKey(Cadre, verbose_name="考生", on_delete=models.PROTECT, related_name="exam_results")
    score = models.DecimalField("成绩", max_digits=5, decimal_places=1, null=True, blank=True)
    absent = models.BooleanField("缺考", default=False)

    class Meta:
        verbose_name = "考试成绩"
        verbose_name_plural = "考试成绩"
        constraints = [models.UniqueConstraint(fields=["exam", "cadre"], name="training_result_unique")]

    def __str__(self) -> str:
        return f"{self.cadre} {self.score if self.score is not None else '缺考'}"

    @property
    def passed(self) -> bool:
        return not self.absent and self.score is not None and self.score >= self.exam.pass_score


class LeadershipMeeting(models.Model):
    """党委（党工委）、政府（办事处）研究法治建设的专题会议, and the principal leaders' 述法: the record of the
    第一责任人 duty (《党政主要负责人履行推进法治建设第一责任人职责规定》)."""

    class Kind(models.TextChoices):
        PARTY = "party", "党委（党工委）会议专题研究法治建设"
        GOVERNMENT = "government", "政府（办事处）常务会议专题研究法治建设"
        COMMITTEE = "committee", "法治建设领导小组会议"
        REPORT = "report", "党政主要负责人述法"

    org = models.ForeignKey(Org, verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("类别", max_length=20, choices=Kind)
    held_on = models.DateField("日期")
    chaired_by = models.CharField("主持人（述法人）", max_length=40)
    principal_chaired = models.BooleanField("由党政主要负责人主持（述法）", default=True)
    topics = models.TextField("议题")
    decisions = models.TextField("研究确定的事项", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "法治建设专题会议"
        verbose_name_plural = "法治建设专题会议和述法"
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.get_kind_display()}"


class DutyItem(models.Model):
    """谁执法谁普法 责任清单: what each department teaches, to whom, how (普法责任制)."""

    org = models.ForeignKey(Org, verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    department = models.CharField("责任部门", max_length=60)
    laws = models.CharField("重点普及的法律法规", max_length=300)
    audience = models.CharField("普法对象", max_length=120)
    measures = models.TextField("普法措施")
    responsible = models.CharField("责任人", max_length=40, blank=True)
    active = models.BooleanField("有效", default=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "普法责任清单事项"
        verbose_name_plural = "谁执法谁普法责任清单"
        ordering = ["-year", "department", "pk"]

    def __str__(self) -> str:
        return f"{self.year}年 {self.department}"


class OutreachActivity(models.Model):
    """普法活动: theme, date, place, audience, materials handed out, consultations received."""

    class Form(models.TextChoices):
        CAMPAIGN = "campaign", "集中宣传"
        LECTURE = "lecture", "法治讲座"
        CASE_TEACHING = "case_teaching", "以案释法"
        CONSULTATION = "consultation", "法律咨询"
        PERFORMANCE = "performance", "法治文艺"
        ONLINE = "online", "新媒体普法"
        OTHER = "other", "其他"

    class Venue(models.TextChoices):
        AGENCY = "agency", "进机关"
        COMMUNITY = "community", "进社区"
        VILLAGE = "village", "进农村"
        SCHOOL = "school", "进学校"
        ENTERPRISE = "enterprise", "进企业"
        UNIT = "unit", "进单位"
        ONLINE = "online", "网络"

    class Status(models.TextChoices):
        PLANNED = "planned", "计划"
        HELD = "held", "已开展"
        CANCELLED = "cancelled", "已取消"

    TRANSITIONS = {
        "hold": ({Status.PLANNED}, Status.HELD),
        "cancel": ({Status.PLANNED}, Status.CANCELLED),
    }
    ACTION_LABELS = {"hold": "登记开展情况", "cancel": "取消"}

    org = models.ForeignKey(Org, verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    theme = models.CharField("主题", max_length=200)
    form = models.CharField("形式", max_length=20, choices=Form, default=Form.CAMPAIGN)
    venue = models.CharField("阵地", max_length=20, choices=Venue, default=Venue.COMMUNITY)
    department = models.CharField("责任部门", max_length=60, blank=True, help_text="谁执法谁普法：由哪个部门开展")
    planned_on = models.DateField("计划日期", null=True, blank=True)
    held_on = models.DateField("开展日期", null=True, blank=True)
    place = models.CharField("地点", max_length=100, blank=True)
    audience = models.PositiveIntegerField("受众人数", default=0)
    materials = models.PositiveIntegerField("发放宣传资料（份）", default=0)
    consultations = models.PositiveIntegerField("接受法律咨询（人次）", default=0)
    summary = models.TextField("活动情况", blank=True)
    status = models.CharField("状态", max_length=20, choices=Status, default=Status.PLANNED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "普法活动"
        verbose_name_plural = "普法活动"
        ordering = ["-held_on", "-planned_on", "-pk"]
        indexes = [models.Index(fields=["org", "held_on"])]

    def __str__(self) -> str:
        return self.theme

    def get_absolute_url(self) -> str:
        return reverse("training:activity_detail", args=[self.pk])

    @property
    def date(self):
        return self.held_on or self.planned_on


class LegalLiaison(models.Model):
    """法律明白人 / 法治带头人 of a 村/社区 (the 法律明白人培养工程)."""

    class Kind(models.TextChoices):
        LIAISON = "liaison", "法律明白人"
        LEADER = "leader", "法治带头人"

    class Status(models.TextChoices):
        ACTIVE = "active", "在册"
        RETIRED = "retired", "已退出"

    TRANSITIONS = {"retire": ({Status.ACTIVE}, Status.RETIRED)}
    ACTION_LABELS = {"retire": "退出名册"}

    org = models.ForeignKey(Org, verbose_name="村（社区）", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("类别", max_length=10, choices=Kind, default=Kind.LIAISON)
    name = models.CharField("姓名", max_length=40)
    gender = models.CharField("性别", max_length=2, choices=[("男", "男"), ("女", "女")], blank=True)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    identity = models.CharField("身份", max_length=60, blank=True, help_text="如村干部、网格员、人民调解员、党员、乡贤")
    trained_on = models.DateField("培训上岗日期", null=True, blank=True)
    certificate_no = models.CharField("证书编号", max_length=40, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status, default=Status.ACTIVE)
    retired_reason = models.CharField("退出原因", max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "法律明白人（法治带头人）"
        verbose_name_plural = "法律明白人和法治带头人"
        ordering = ["org", "kind", "name"]

    def __str__(self) -> str:
        return f"{self.org} {self.get_kind_display()} {self.name}"

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)


class OutreachTopic(models.Model):
    """菜单式普法 menu item a unit offers residents: a topic and the forms it can be delivered in."""

    org = models.ForeignKey(Org, verbose_name="提供单位", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("主题", max_length=100)
    description = models.TextField("内容简介")
    forms = models.CharField("可选方式", max_length=100, default="上门讲座、法律咨询、发放资料",
                             help_text="如“上门讲座、法律咨询、发放资料”")
    department = models.CharField("承办部门", max_length=60, blank=True)
    active = models.BooleanField("在菜单上", default=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "普法菜单主题"
        verbose_name_plural = "普法菜单"
        ordering = ["org", "pk"]

    def __str__(self) -> str:
        return self.title


CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_PREFIX = "PF"


def new_tracking_code() -> str:
    return CODE_PREFIX + "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


class OutreachRequest(models.Model):
    """菜单式普法 request from a resident or a 村/社区, 学校, 企业: tracked from submission to delivery."""

    class RequesterKind(models.TextChoices):
        PERSON = "person", "个人"
        COMMUNITY = "community", "村（社区）"
        SCHOOL = "school", "学校"
        ENTERPRISE = "enterprise", "企业"
        OTHER = "other", "其他单位"

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "已提交，待受理"
        ACCEPTED = "accepted", "已受理，安排中"
        DELIVERED = "delivered", "已送法上门"
        DECLINED = "declined", "不予安排"

    TRANSITIONS = {
        "accept": ({Status.SUBMITTED}, Status.ACCEPTED),
        "deliver": ({Status.ACCEPTED}, Status.DELIVERED),
        "decline": ({Status.SUBMITTED, Status.ACCEPTED}, Status.DECLINED),
    }
    ACTION_LABELS = {"accept": "受理", "deliver": "登记送达", "decline": "不予安排"}

    class Rating(models.TextChoices):
        SATISFIED = "satisfied", "满意"
        BASIC = "basic", "基本满意"
        UNSATISFIED = "unsatisfied", "不满意"

    org = models.ForeignKey(Org, verbose_name="受理单位", on_delete=models.PROTECT, related_name="+")
    topic = models.ForeignKey(OutreachTopic, verbose_name="普法主题", on_delete=models.PROTECT,
                              related_name="requests")
    code = models.CharField("查询码", max_length=12, unique=True, default=new_tracking_code)
    requester_kind = models.CharField("申请人类型", max_length=20, choices=RequesterKind, default=RequesterKind.PERSON)
    requester = models.CharField("联系人", max_length=40)
    organisation = models.CharField("单位（村、社区）名称", max_length=100, blank=True)
    phone = models.CharField("联系电话", max_length=20)
    preferred_form = models.CharField("希望的方式", max_length=40, blank=True)
    preferred_on = models.DateField("希望的日期", null=True, blank=True)
    place = models.CharField("地点", max_length=100, blank=True)
    expected_audience = models.PositiveIntegerField("预计参加人数", null=True, blank=True)
    note = models.TextField("具体需求", blank=True)
    status = models.CharField("状态", max_length=20, choices=Status, default=Status.SUBMITTED)
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    assignee = models.CharField("承办人（部门）", max_length=60, blank=True)
    scheduled_on = models.DateField("安排日期", null=True, blank=True)
    activity = models.OneToOneField(OutreachActivity, verbose_name="开展的普法活动", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="request")
    delivered_on = models.DateField("送达日期", null=True, blank=True)
    declined_reason = models.CharField("不予安排的原因", max_length=300, blank=True)
    rating = models.CharField("评价", max_length=20, choices=Rating, blank=True)
    rating_comment = models.CharField("评价意见", max_length=300, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "菜单式普法申请"
        verbose_name_plural = "菜单式普法申请"
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.code} {self.topic}"

    def get_absolute_url(self) -> str:
        return reverse("training:request_detail", args=[self.pk])

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)
