"""人民调解 and 矛盾纠纷多元化解: the dispute register of a 乡镇/街道 and its 村/社区.

Legal frame: 《中华人民共和国人民调解法》(2010) and 《人民调解工作若干规定》(司法部令第75号).

- 人民调解委员会 (调委会, 第八–十条): 3–9 members, a 主任, at least one woman, a three-year term.
- 人民调解员 (第十三–十六条): members of the committee or persons it engages.
- A dispute (``DisputeCase``) is registered from any channel, accepted or refused, assigned to a committee
  and mediator(s), mediated in sessions (第十九–二十七条), and ends in a written 调解协议书 (第二十九条),
  a recorded oral agreement (第二十八条), or a failed mediation with the other routes advised (第二十六条).
  Agreements may be sent for 司法确认 within 30 days (第三十三条); the committee follows up on performance
  (第三十一条 监督履行, 回访).
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from yifa.core.identity import validate_id_number, validate_phone, validate_uscc
from yifa.core.scope import ScopedManager


class DisputeType(models.TextChoices):
    """纠纷类型, following the categories of the 人民调解 statistics."""

    MARRIAGE_FAMILY = "marriage_family", "婚姻家庭纠纷"
    NEIGHBOUR = "neighbour", "邻里纠纷"
    HOUSING = "housing", "房屋宅基地纠纷"
    CONTRACT = "contract", "合同纠纷"
    LABOUR = "labour", "劳动争议纠纷"
    DAMAGES = "damages", "损害赔偿纠纷"
    PROPERTY_MGMT = "property_mgmt", "物业纠纷"
    LAND = "land", "山林土地纠纷"
    DEMOLITION = "demolition", "征地拆迁纠纷"
    TRAFFIC = "traffic", "道路交通事故纠纷"
    MEDICAL = "medical", "医疗纠纷"
    BUSINESS = "business", "生产经营纠纷"
    CONSUMER = "consumer", "消费纠纷"
    ENVIRONMENT = "environment", "环境污染纠纷"
    OTHER = "other", "其他纠纷"


class Channel(models.TextChoices):
    """来源渠道: how the dispute reached the committee."""

    WALK_IN = "walk_in", "来访申请"
    PHONE = "phone", "来电申请"
    GRID = "grid", "网格员排查"
    ONLINE = "online", "网上申请"
    POLICE = "police", "警调对接（派出所移送）"
    COURT = "court", "诉调对接（法院委派）"
    PETITION = "petition", "访调对接（信访移送）"
    INITIATIVE = "initiative", "调委会主动调解"

    @classmethod
    def referrals(cls):
        return (cls.POLICE, cls.COURT, cls.PETITION)


class Committee(models.Model):
    """人民调解委员会 of a unit (乡镇/街道, 村/社区, or a 区 level committee).

    人民调解法 第八条: 村民委员会、居民委员会设立人民调解委员会; 乡镇、街道可以设立.
    第九条: 三至九人组成, 设主任一人, 必要时副主任若干; 应当有妇女成员; 每届任期三年.
    """

    org = models.ForeignKey("core.Org", verbose_name="所属单位", on_delete=models.PROTECT,
                            related_name="mediation_committees")
    name = models.CharField("名称", max_length=100)
    term_start = models.DateField("本届任期起始")
    phone = models.CharField("联系电话", max_length=20, blank=True)
    address = models.CharField("办公地点", max_length=200, blank=True)
    is_active = models.BooleanField("在用", default=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    TERM_YEARS = 3
    MIN_MEMBERS, MAX_MEMBERS = 3, 9

    objects = ScopedManager()

    class Meta:
        verbose_name = "人民调解委员会"
        verbose_name_plural = "人民调解委员会"
        ordering = ["org__path", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def term_end(self) -> dt.date:
        try:
            return self.term_start.replace(year=self.term_start.year + self.TERM_YEARS) - dt.timedelta(days=1)
        except ValueError:  # 29 February
            return self.term_start.replace(year=self.term_start.year + self.TERM_YEARS, day=28)

    def active_people(self):
        return self.people.filter(is_active=True)

    def composition_problems(self, today: dt.date) -> list[str]:
        """What the committee lacks under 人民调解法 第九条 (shown on its page, never blocking work)."""
        members = [p for p in self.active_people() if p.is_member]
        problems = []
        if not self.MIN_MEMBERS <= len(members) <= self.MAX_MEMBERS:
            problems.append(f"委员 {len(members)} 人，应为三至九人（人民调解法第九条）。")
        if sum(1 for p in members if p.position == Mediator.Position.CHAIR) != 1:
            problems.append("应设主任一人（人民调解法第九条）。")
        if not any(p.gender == Mediator.Gender.FEMALE for p in members):
            problems.append("委员中应当有妇女成员（人民调解法第九条）。")
        if today > self.term_end:
            problems.append(f"本届任期已于{self.term_end:%Y年%-m月%-d日}届满，应当换届（人民调解法第九条）。")
        return problems


class Mediator(models.Model):
    """人民调解员 / 调委会委员, and the 法律顾问 a committee may invite (人民调解法 第十三、二十条)."""

    class Position(models.TextChoices):
        CHAIR = "chair", "主任"
        VICE_CHAIR = "vice_chair", "副主任"
        MEMBER = "member", "委员"
        FULL_TIME = "full_time", "专职调解员"
        PART_TIME = "part_time", "兼职调解员"
        LEGAL_ADVISER = "legal_adviser", "法律顾问"

    class Grade(models.TextChoices):
        """人民调解员等级 (local 等级评定 schemes; 首席 to 四级)."""

        CHIEF = "chief", "首席人民调解员"
        FIRST = "first", "一级人民调解员"
        SECOND = "second", "二级人民调解员"
        THIRD = "third", "三级人民调解员"
        FOURTH = "fourth", "四级人民调解员"
        NONE = "", "未评定"

    class Gender(models.TextChoices):
        MALE = "male", "男"
        FEMALE = "female", "女"

    MEMBER_POSITIONS = (Position.CHAIR, Position.VICE_CHAIR, Position.MEMBER)

    committee = models.ForeignKey(Committee, verbose_name="调委会", on_delete=models.PROTECT, related_name="people")
    name = models.CharField("姓名", max_length=50)
    gender = models.CharField("性别", max_length=10, choices=Gender)
    position = models.CharField("职务", max_length=20, choices=Position)
    grade = models.CharField("等级", max_length=10, choices=Grade, blank=True, default="")
    specialities = models.JSONField("擅长纠纷类型", default=list, blank=True)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    workplace = models.CharField("工作单位", max_length=100, blank=True, help_text="法律顾问填写所在律师事务所")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="平台账户", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="mediator_roles")
    appointed_on = models.DateField("聘任/推选日期", null=True, blank=True)
    is_active = models.BooleanField("在任", default=True)

    scope_org_field = "committee__org"
    objects = ScopedManager()

    class Meta:
        verbose_name = "人民调解员"
        verbose_name_plural = "人民调解员"
        ordering = ["committee", "position", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_member(self) -> bool:
        return self.position in self.MEMBER_POSITIONS

    @property
    def is_legal_adviser(self) -> bool:
        return self.position == self.Position.LEGAL_ADVISER

    def speciality_labels(self) -> list[str]:
        return [DisputeType(code).label for code in self.specialities if code in DisputeType.values]


class DisputeCase(models.Model):
    """矛盾纠纷 / 人民调解案件: one dispute from 登记 to 结案.

    ``org`` is the unit holding the case; escalation (村 → 镇 → 区) moves it to the unit above.
    ``resolve_due_on`` mirrors the open ``mediation.resolve`` deadline (若干规定 第三十三条: 一般在一个月内调结)
    so that lists, early warning and the on-time rate can filter on it.
    """

    class Status(models.TextChoices):
        REGISTERED = "registered", "已登记待受理"
        ACCEPTED = "accepted", "已受理待指派"
        REJECTED = "rejected", "不予受理"
        MEDIATING = "mediating", "调解中"
        AGREED = "agreed", "调解成功待回访"
        FAILED = "failed", "调解不成"
        FOLLOWED_UP = "followed_up", "已回访"
        CLOSED = "closed", "已结案"

    class Outcome(models.TextChoices):
        WRITTEN = "written", "调解成功（书面协议）"
        ORAL = "oral", "调解成功（口头协议）"
        FAILED = "failed", "调解不成"

    class RejectReason(models.TextChoices):
        """不予受理 grounds (人民调解法 第十七、十八条; 若干规定 第二十二条)."""

        NOT_CIVIL = "not_civil", "不属于人民调解受理范围"
        HANDLED_ELSEWHERE = "handled_elsewhere", "已由人民法院、仲裁机构或行政机关受理或者解决"
        PARTY_REFUSES = "party_refuses", "一方当事人明确拒绝调解"
        OTHER = "other", "其他原因"

    class Route(models.TextChoices):
        """调解不成时告知的其他途径 (人民调解法 第二十六条)."""

        LITIGATION = "litigation", "向人民法院提起诉讼"
        ARBITRATION = "arbitration", "申请仲裁"
        ADMINISTRATIVE = "administrative", "向有关行政机关申请处理"
        LABOUR_ARBITRATION = "labour_arbitration", "申请劳动人事争议仲裁"
        OTHER = "other", "其他途径"

    class Rating(models.TextChoices):
        GOOD = "good", "好评"
        FAIR = "fair", "中评"
        POOR = "poor", "差评"

    TRANSITIONS = {
        "accept": ({Status.REGISTERED}, Status.ACCEPTED),
        "reject": ({Status.REGISTERED}, Status.REJECTED),
        "assign": ({Status.ACCEPTED, Status.MEDIATING}, Status.MEDIATING),
        "escalate": ({Status.ACCEPTED, Status.MEDIATING}, Status.ACCEPTED),
        "record_success": ({Status.MEDIATING}, Status.AGREED),
        "record_oral": ({Status.MEDIATING}, Status.AGREED),
        "record_failure": ({Status.MEDIATING}, Status.FAILED),
        "follow_up": ({Status.AGREED, Status.FAILED, Status.FOLLOWED_UP}, Status.FOLLOWED_UP),
        "close": ({Status.FOLLOWED_UP, Status.FAILED}, Status.CLOSED),
        # 台账导入 records history already concluded on paper.
        "import_success": ({Status.ACCEPTED}, Status.AGREED),
        "import_failure": ({Status.ACCEPTED}, Status.FAILED),
        "import_close": ({Status.AGREED, Status.FAILED}, Status.CLOSED),
    }
    ACTION_LABELS = {
        "accept": "受理", "reject": "不予受理", "assign": "指派调解员", "escalate": "上报上级调处",
        "record_success": "确认协议生效", "record_oral": "记录口头协议", "record_failure": "终止调解",
        "follow_up": "回访", "close": "结案",
        "import_success": "导入调解结果", "import_failure": "导入调解结果", "import_close": "导入结案",
    }
    OPEN = (Status.REGISTERED, Status.ACCEPTED, Status.MEDIATING)
    CONCLUDED = (Status.AGREED, Status.FAILED, Status.FOLLOWED_UP, Status.CLOSED)

    org = models.ForeignKey("core.Org", verbose_name="承办单位", on_delete=models.PROTECT,
                            related_name="dispute_cases")
    origin_org = models.ForeignKey("core.Org", verbose_name="登记单位", on_delete=models.PROTECT, related_name="+")
    number = models.CharField("登记编号", max_length=40, db_index=True)
    title = models.CharField("纠纷名称", max_length=100, help_text="如“张某与李某相邻通行纠纷”")
    dispute_type = models.CharField("纠纷类型", max_length=20, choices=DisputeType)
    channel = models.CharField("来源渠道", max_length=20, choices=Channel)
    referral_from = models.CharField("移送单位", max_length=100, blank=True, help_text="警调、诉调、访调对接时填写")
    referral_ref = models.CharField("移送文号", max_length=60, blank=True)
    description = models.TextField("纠纷简要情况")
    claims = models.TextField("当事人请求", blank=True)
    location = models.CharField("纠纷发生地", max_length=200, blank=True)
    amount = models.DecimalField("涉及金额（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    people_involved = models.PositiveIntegerField("涉及人数", default=2)
    status = models.CharField("状态", max_length=20, choices=Status, default=Status.REGISTERED)

    registered_on = models.DateField("登记日期")
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    rejected_on = models.DateField("不予受理日期", null=True, blank=True)
    reject_reason = models.CharField("不予受理原因", max_length=20, choices=RejectReason, blank=True)
    reject_note = models.TextField("不予受理说明", blank=True)
    resolve_due_on = models.DateField("调结期限", null=True, blank=True)
    extension_reason = models.TextField("延长调解期限理由", blank=True)

    committee = models.ForeignKey(Committee, verbose_name="承办调委会", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="cases")
    lead_mediator = models.ForeignKey(Mediator, verbose_name="主持调解员", null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="led_cases")
    co_mediators = models.ManyToManyField(Mediator, verbose_name="协同调解员", blank=True, related_name="co_cases")
    assigned_on = models.DateField("指派日期", null=True, blank=True)

    outcome = models.CharField("调解结果", max_length=10, choices=Outcome, blank=True)
    outcome_on = models.DateField("调结日期", null=True, blank=True)
    failure_routes = models.JSONField("告知的其他途径", default=list, blank=True)
    failure_note = models.TextField("调解不成情况", blank=True)

    wants_confirmation = models.BooleanField("当事人拟申请司法确认", null=True, blank=True)
    confirmation_applied_on = models.DateField("申请司法确认日期", null=True, blank=True)
    confirmation_court = models.CharField("受理法院", max_length=100, blank=True)
    confirmation_result = models.CharField("司法确认结果", max_length=100, blank=True)

    closed_on = models.DateField("结案日期", null=True, blank=True)
    close_note = models.TextField("结案说明", blank=True)

    tracking_code = models.CharField("查询码", max_length=16, null=True, blank=True, unique=True)
    rating = models.CharField("服务评价", max_length=10, choices=Rating, blank=True)
    rating_comment = models.CharField("评价意见", max_length=500, blank=True)
    rated_at = models.DateTimeField("评价时间", null=True, blank=True)

    imported = models.BooleanField("由台账导入", default=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "矛盾纠纷"
        verbose_name_plural = "矛盾纠纷"
        ordering = ["-registered_on", "-pk"]
        indexes = [
            models.Index(fields=["org", "status"], name="dispute_org_status_idx"),
            models.Index(fields=["org", "accepted_on"], name="dispute_org_accepted_idx"),
            models.Index(fields=["status", "resolve_due_on"], name="dispute_status_due_idx"),
            # The register's order (newest first): keyset pages read 30 index entries at any depth.
            models.Index(fields=["-registered_on", "-id"], name="dispute_registered_idx"),
            # The register filtered by status or by type, in the same order (a rare status, e.g. 调解中 among five
            # years of closed cases, no longer scans the whole order index for 30 rows).
            models.Index(fields=["status", "-registered_on", "-id"], name="dispute_status_registered_idx"),
            models.Index(fields=["dispute_type", "-registered_on", "-id"], name="dispute_type_registered_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("mediation:case_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def is_success(self) -> bool:
        return self.outcome in (self.Outcome.WRITTEN, self.Outcome.ORAL)

    @property
    def level_label(self) -> str:
        kind = self.org.kind
        if kind in ("village", "community"):
            return "村（社区）级"
        if kind in ("township", "subdistrict"):
            return "乡镇（街道）级"
        return "区县级"

    def failure_route_labels(self) -> list[str]:
        return [self.Route(code).label for code in self.failure_routes if code in self.Route.values]

    def mediators(self) -> list[Mediator]:
        people = [self.lead_mediator] if self.lead_mediator_id else []
        return people + [m for m in self.co_mediators.all() if m.pk != self.lead_mediator_id]

    def handled_by_user(self, user) -> bool:
        return any(m.user_id == user.pk for m in self.mediators())


class Party(models.Model):
    """当事人: a person (身份证号, GB 11643) or an organisation (统一社会信用代码, GB 32100)."""

    class Kind(models.TextChoices):
        PERSON = "person", "自然人"
        ORGANISATION = "organisation", "法人或其他组织"

    class Side(models.TextChoices):
        APPLICANT = "applicant", "申请人"
        RESPONDENT = "respondent", "被申请人"
        THIRD = "third", "第三人"

    case = models.ForeignKey(DisputeCase, verbose_name="纠纷", on_delete=models.CASCADE, related_name="parties")
    side = models.CharField("当事人类别", max_length=12, choices=Side, default=Side.APPLICANT)
    kind = models.CharField("类型", max_length=14, choices=Kind, default=Kind.PERSON)
    name = models.CharField("姓名或名称", max_length=100)
    gender = models.CharField("性别", max_length=10, choices=Mediator.Gender, blank=True)
    ethnicity = models.CharField("民族", max_length=20, blank=True)
    occupation = models.CharField("职业", max_length=50, blank=True)
    id_number = models.CharField("身份证号或统一社会信用代码", max_length=18, blank=True)
    legal_rep = models.CharField("法定代表人或负责人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    address = models.CharField("住址或住所", max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    scope_org_field = "case__org"
    objects = ScopedManager()

    class Meta:
        verbose_name = "当事人"
        verbose_name_plural = "当事人"
        ordering = ["case", "sort_order", "pk"]
        indexes = [models.Index(fields=["id_number"], name="party_id_number_idx")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """身份证号 (GB 11643) for a person, 统一社会信用代码 (GB 32100) for an organisation; phone format."""
        errors = {}
        self.name = (self.name or "").strip()
        if self.id_number:
            validate = validate_id_number if self.is_person else validate_uscc
            try:
                self.id_number = validate(self.id_number)
            except ValidationError as error:
                errors["id_number"] = error.messages
        if self.phone:
            try:
                self.phone = validate_phone(self.phone)
            except ValidationError as error:
                errors["phone"] = error.messages
        if self.is_person and self.legal_rep:
            errors["legal_rep"] = ["自然人当事人不填写法定代表人。"]
        if errors:
            raise ValidationError(errors)

    @property
    def is_person(self) -> bool:
        return self.kind == self.Kind.PERSON

    @property
    def birth_date(self) -> dt.date | None:
        if self.is_person and len(self.id_number) == 18:
            try:
                return dt.date(int(self.id_number[6:10]), int(self.id_number[10:12]), int(self.id_number[12:14]))
            except ValueError:
                return None
        return None

    @property
    def id_label(self) -> str:
        return "身份证号" if self.is_person else "统一社会信用代码"


class Session(models.Model):
    """调解记录 (人民调解法 第二十七条): a planned or held mediation meeting."""

    case = models.ForeignKey(DisputeCase, verbose_name="纠纷", on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField("日期")
    place = models.CharField("地点", max_length=200)
    mediators = models.ManyToManyField(Mediator, verbose_name="参加调解员", blank=True, related_name="sessions")
    attendees = models.CharField("参加人员", max_length=300, blank=True,
                                 help_text="到场的当事人、代理人及经当事人同意邀请的人员（第二十条）")
    summary = models.TextField("调解情况", blank=True)
    is_held = models.BooleanField("已召开", default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="记录人", null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    scope_org_field = "case__org"
    objects = ScopedManager()

    class Meta:
        verbose_name = "调解记录"
        verbose_name_plural = "调解记录"
        ordering = ["case", "held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.case.number} {self.held_on}"


class Agreement(models.Model):
    """调解协议 (人民调解法 第二十八–三十二条): a written 协议书 (numbered, .docx) or a recorded oral agreement.

    第二十九条 contents: 当事人的基本情况; 纠纷的主要事实、争议事项以及各方当事人的责任;
    当事人达成调解协议的内容，履行的方式、期限. Effective when every party has signed, sealed or
    thumb-printed, the mediator has signed and the committee's seal is applied; an oral agreement is
    effective when the parties reach it (第三十条).
    """

    class Kind(models.TextChoices):
        WRITTEN = "written", "书面调解协议书"
        ORAL = "oral", "口头调解协议"

    case = models.OneToOneField(DisputeCase, verbose_name="纠纷", on_delete=models.CASCADE, related_name="agreement")
    kind = models.CharField("形式", max_length=10, choices=Kind)
    number = models.CharField("协议书编号", max_length=40, blank=True)
    facts = models.TextField("纠纷的主要事实", blank=True)
    issues = models.TextField("争议事项", blank=True)
    responsibilities = models.TextField("各方当事人的责任", blank=True)
    terms = models.TextField("协议内容")
    performance_method = models.TextField("履行方式", blank=True)
    performance_deadline = models.DateField("履行期限", null=True, blank=True)
    performance_place = models.CharField("履行地点", max_length=200, blank=True)
    copies = models.PositiveSmallIntegerField("协议书份数", default=3)
    effective_on = models.DateField("生效日期", null=True, blank=True)
    signing_mediator = models.ForeignKey(Mediator, verbose_name="签名调解员", null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="+")
    signatures = models.JSONField("签署记录", default=dict, blank=True)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="起草人", null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("起草时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    scope_org_field = "case__org"
    objects = ScopedManager()

    class Meta:
        verbose_name = "调解协议"
        verbose_name_plural = "调解协议"

    def __str__(self) -> str:
        return self.number or f"{self.case.number} 口头协议"

    @property
    def is_effective(self) -> bool:
        return self.effective_on is not None


class FollowUp(models.Model):
    """回访: how the agreement is being performed (人民调解法 第三十一条; 若干规定 回访)."""

    class Method(models.TextChoices):
        VISIT = "visit", "上门回访"
        PHONE = "phone", "电话回访"
        OTHER = "other", "其他方式"

    class Performance(models.TextChoices):
        DONE = "done", "已全部履行"
        PARTLY = "partly", "部分履行"
        PENDING = "pending", "尚在履行期内"
        NOT_DONE = "not_done", "未履行"
        NA = "na", "不适用（调解不成）"

    class Satisfaction(models.TextChoices):
        SATISFIED = "satisfied", "满意"
        BASIC = "basic", "基本满意"
        DISSATISFIED = "dissatisfied", "不满意"

    case = models.ForeignKey(DisputeCase, verbose_name="纠纷", on_delete=models.CASCADE, related_name="follow_ups")
    visited_on = models.DateField("回访日期")
    method = models.CharField("方式", max_length=10, choices=Method)
    visitor = models.CharField("回访人", max_length=50)
    performance = models.CharField("履行情况", max_length=10, choices=Performance)
    result = models.TextField("回访情况")
    satisfaction = models.CharField("当事人满意度", max_length=12, choices=Satisfaction)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="记录人", null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    scope_org_field = "case__org"
    objects = ScopedManager()

    class Meta:
        verbose_name = "回访记录"
        verbose_name_plural = "回访记录"
        ordering = ["case", "visited_on", "pk"]

    def __str__(self) -> str:
        return f"{self.case.number} 回访 {self.visited_on}"

    @property
    def agreement_kept(self) -> bool:
        return self.performance == self.Performance.DONE


class Escalation(models.Model):
    """上报: a case moved to the unit above (村 → 镇 → 区, 小事不出村、大事不出镇)."""

    case = models.ForeignKey(DisputeCase, verbose_name="纠纷", on_delete=models.CASCADE, related_name="escalations")
    from_org = models.ForeignKey("core.Org", verbose_name="原承办单位", on_delete=models.PROTECT, related_name="+")
    to_org = models.ForeignKey("core.Org", verbose_name="上报至", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField("上报理由")
    escalated_on = models.DateField("上报日期")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上报人", null=True, on_delete=models.SET_NULL,
                           related_name="+")

    scope_org_field = "case__org"
    objects = ScopedManager()

    class Meta:
        verbose_name = "上报记录"
        verbose_name_plural = "上报记录"
        ordering = ["case", "escalated_on", "pk"]

    def __str__(self) -> str:
        return f"{self.from_org} → {self.to_org}"


class ScreeningRound(models.Model):
    """矛盾纠纷排查: one screening round of a 网格 or 村/社区, planned then carried out."""

    class Status(models.TextChoices):
        PLANNED = "planned", "已计划"
        DONE = "done", "已完成"

    org = models.ForeignKey("core.Org", verbose_name="排查单位", on_delete=models.PROTECT,
                            related_name="screening_rounds")
    grid = models.CharField("网格", max_length=60, blank=True, help_text="如“龙溪社区第3网格”；全村（社区）排查可不填")
    topic = models.CharField("排查主题", max_length=100, help_text="如“春节前矛盾纠纷集中排查”")
    planned_on = models.DateField("计划日期")
    held_on = models.DateField("实施日期", null=True, blank=True)
    screeners = models.CharField("排查人员", max_length=200, blank=True)
    households = models.PositiveIntegerField("走访户数", null=True, blank=True)
    notes = models.TextField("排查情况", blank=True)
    status = models.CharField("状态", max_length=10, choices=Status, default=Status.PLANNED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    TRANSITIONS = {"complete_round": ({Status.PLANNED}, Status.DONE)}
    ACTION_LABELS = {"complete_round": "完成排查"}

    objects = ScopedManager()

    class Meta:
        verbose_name = "排查"
        verbose_name_plural = "排查"
        ordering = ["-planned_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.org} {self.grid} {self.topic}".replace("  ", " ")


class Finding(models.Model):
    """排查发现: a dispute or risk found in a screening round; it may become a case in one click."""

    class Risk(models.TextChoices):
        LOW = "low", "一般"
        MEDIUM = "medium", "较大"
        HIGH = "high", "重大"

    class Disposition(models.TextChoices):
        OPEN = "open", "待处置"
        REGISTERED = "registered", "已转为纠纷案件"
        RESOLVED = "resolved", "当场化解"

    round = models.ForeignKey(ScreeningRound, verbose_name="排查", on_delete=models.CASCADE, related_name="findings")
    description = models.TextField("发现情况")
    dispute_type = models.CharField("纠纷类型", max_length=20, choices=DisputeType)
    party_names = models.CharField("涉及当事人", max_length=200, blank=True, help_text="多人用顿号或逗号分隔")
    location = models.CharField("地点", max_length=200, blank=True)
    risk = models.CharField("风险等级", max_length=10, choices=Risk, default=Risk.LOW)
    disposition = models.CharField("处置情况", max_length=12, choices=Disposition, default=Disposition.OPEN)
    resolution_note = models.TextField("处置说明", blank=True)
    case = models.OneToOneField(DisputeCase, verbose_name="转立的纠纷", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="finding")

    scope_org_field = "round__org"
    objects = ScopedManager()

    class Meta:
        verbose_name = "排查发现"
        verbose_name_plural = "排查发现"
        ordering = ["round", "pk"]

    def __str__(self) -> str:
        return self.description[:40]

    def names(self) -> list[str]:
        text = self.party_names
        for sep in "，,;；/ ":
            text = text.replace(sep, "、")
        return [n.strip() for n in text.split("、") if n.strip()]


class EarlyWarning(models.Model):
    """预警: a signal that a dispute may escalate, for the head to review and mark handled.

    Raised by ``warnings.scan``; one row per (case, kind, key) so a rescan never duplicates it.
    """

    class Kind(models.TextChoices):
        REPEAT_PARTY = "repeat_party", "当事人重复纠纷"
        REPEAT_ADDRESS = "repeat_address", "同一地址重复纠纷"
        OVERDUE = "overdue", "超过调结期限"
        RISK_WORDS = "risk_words", "激化风险用语"
        HIGH_RISK_FINDING = "high_risk", "排查发现重大风险"

    class Status(models.TextChoices):
        OPEN = "open", "待处理"
        HANDLED = "handled", "已处理"

    case = models.ForeignKey(DisputeCase, verbose_name="纠纷", on_delete=models.CASCADE, related_name="early_warnings")
    kind = models.CharField("预警类型", max_length=20, choices=Kind)
    key = models.CharField("识别键", max_length=100, blank=True)
    detail = models.CharField("预警内容", max_length=300)
    raised_on = models.DateField("预警日期")
    status = models.CharField("状态", max_length=10, choices=Status, default=Status.OPEN)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="处理人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    handled_on = models.DateField("处理日期", null=True, blank=True)
    handling_note = models.TextField("处理情况", blank=True)

    TRANSITIONS = {"handle_warning": ({Status.OPEN}, Status.HANDLED)}
    ACTION_LABELS = {"handle_warning": "标记已处理"}

    scope_org_field = "case__org"
    objects = ScopedManager()

    class Meta:
        verbose_name = "预警"
        verbose_name_plural = "预警"
        ordering = ["status", "-raised_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["case", "kind", "key"], name="mediation_warning_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.detail}"


def open_or_recent(since: dt.date) -> Q:
    """Cases still open, or concluded on or after ``since`` (for the repeat-dispute warnings)."""
    return Q(status__in=DisputeCase.OPEN) | Q(outcome_on__gte=since) | Q(closed_on__gte=since) | Q(
        registered_on__gte=since)
