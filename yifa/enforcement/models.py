"""行政执法 and the 三项制度 (国办发〔2018〕118号; 《行政处罚法》2021).

- ``Power``: an item of the unit's 权责清单 (处罚/检查/强制/许可/其他) with its legal basis,
  procedure steps (职权运行流程图) and, for 处罚 items, its 裁量基准 (``DiscretionLevel``).
- ``Officer``: a 行政执法人员 and their 行政执法证; ``LegalReviewer``: a 法制审核人员.
- ``InspectionTarget`` / ``RandomDraw`` / ``Inspection``: the 双随机、一公开 register, draw and results.
- ``EnforcementCase``: a 行政处罚案件 through 立案 → 调查取证 → 法制审核 → 告知 → 决定 → 送达 → 执行 → 结案
  (普通程序), or a 当场处罚 under the 简易程序 (第五十一条).
- ``CaseRecord``: 全过程记录 (第四十七条): every document, 笔录 and audio/video file, never replaced.
- ``LegalReview``: 重大执法决定法制审核 (第五十八条). ``CaseExtension``: approval to extend the 90日 limit.
- ``Publication``: 行政处罚决定公示 (事后公开), masked, withdrawn when the decision is revoked (第四十八条).
"""

import datetime as dt
import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse

from yifa.core.scope import ScopedManager

# Locally set values ([NV] in the research notes): provinces set them; a deployment may change them here.
CERT_WARNING_DAYS = 60  # 执法证到期前多少日起提醒
# 第六十三条 "较大数额罚款" is set by provinces; these are the defaults offered when informing of hearing rights.
LARGE_FINE_INDIVIDUAL = Decimal("10000")
LARGE_FINE_ENTITY = Decimal("100000")
# 第五十一条: 简易程序 (当场处罚) limits.
SIMPLE_LIMIT_INDIVIDUAL = Decimal("200")
SIMPLE_LIMIT_ENTITY = Decimal("3000")
MIN_OFFICERS = 2  # 第四十二条
AV_EXTENSIONS = ("mp3", "wav", "mp4")


def _token() -> str:
    return secrets.token_urlsafe(9)


class Power(models.Model):
    """权责清单事项: one power of the unit, with its basis (law + article), steps and time limit.

    Published on the portal (事前公开, 《行政处罚法》第三十九条). 处罚 items carry the
    裁量基准 for their offence; ``requires_legal_review`` puts the item on the unit's
    重大执法决定法制审核目录; ``requires_av`` on its 音像记录事项清单.
    """

    class Kind(models.TextChoices):
        PENALTY = "penalty", "行政处罚"
        INSPECTION = "inspection", "行政检查"
        COERCION = "coercion", "行政强制"
        PERMIT = "permit", "行政许可"
        OTHER = "other", "其他行政权力"

    org = models.ForeignKey("core.Org", verbose_name="实施单位", on_delete=models.PROTECT, related_name="+")
    code = models.CharField("事项编码", max_length=40, blank=True)
    name = models.CharField("事项名称", max_length=200)
    kind = models.CharField("职权类别", max_length=20, choices=Kind)
    domain = models.CharField("执法领域", max_length=50, help_text="如：城市管理、市场监管、安全生产、生态环境")
    basis_law = models.CharField("法律依据", max_length=200, help_text="法律、法规或规章的名称，如《城乡规划法》")
    basis_article = models.CharField("条款", max_length=100, help_text="如：第六十五条")
    basis_text = models.TextField("条文内容", blank=True)
    department = models.CharField("承办机构", max_length=100, blank=True)
    time_limit = models.CharField("办理时限", max_length=200, blank=True, help_text="如：立案之日起九十日内作出决定")
    remedy = models.CharField("救济途径", max_length=300, blank=True,
                              default="对决定不服的，可以在收到决定书之日起六十日内申请行政复议，或者六个月内提起行政诉讼。")
    requires_legal_review = models.BooleanField("列入重大执法决定法制审核目录", default=False)
    requires_av = models.BooleanField("列入音像记录事项清单（须全程音像记录）", default=False)
    is_published = models.BooleanField("已公开", default=False)
    published_on = models.DateField("公开日期", null=True, blank=True)
    is_active = models.BooleanField("有效", default=True)
    sort_order = models.PositiveIntegerField("排序", default=0)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "权责清单事项"
        verbose_name_plural = "权责清单"
        ordering = ["org", "kind", "sort_order", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def basis(self) -> str:
        law = self.basis_law if self.basis_law.startswith("《") else f"《{self.basis_law}》"
        return f"{law}{self.basis_article}"

    KIND_ORDER = {k: i for i, k in enumerate(("penalty", "inspection", "coercion", "permit", "other"))}

    @staticmethod
    def listing_key(power) -> tuple:
        """权责清单 order: by unit, then 处罚、检查、强制、许可、其他, then the unit's own order."""
        return (power.org.path, Power.KIND_ORDER.get(power.kind, 9), power.sort_order, power.pk)

    def level_for(self, amount: Decimal):
        return next((lvl for lvl in self.levels.all() if lvl.contains(amount)), None)


class PowerStep(models.Model):
    """职权运行流程的一步: what is done, by whom, within what time, on what basis."""

    power = models.ForeignKey(Power, verbose_name="权责事项", on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField("顺序")
    name = models.CharField("环节", max_length=50)
    actor = models.CharField("承办岗位", max_length=50, blank=True)
    time_limit = models.CharField("时限", max_length=100, blank=True)
    basis = models.CharField("依据", max_length=200, blank=True)
    description = models.CharField("说明", max_length=300, blank=True)
    optional = models.BooleanField("视情形进行", default=False, help_text="如听证：仅当事人申请时进行")

    scope_org_field = "power__org"
    objects = ScopedManager()

    class Meta:
        verbose_name = "流程环节"
        verbose_name_plural = "流程环节"
        ordering = ["power", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class DiscretionLevel(models.Model):
    """裁量基准: for one offence (a 处罚 power), the fine range for one circumstance (情节)."""

    class Circumstance(models.TextChoices):
        MINOR = "minor", "轻微"
        ORDINARY = "ordinary", "一般"
        SERIOUS = "serious", "较重"
        GRAVE = "grave", "严重"

    power = models.ForeignKey(Power, verbose_name="权责事项", on_delete=models.CASCADE, related_name="levels")
    circumstance = models.CharField("违法情节", max_length=20, choices=Circumstance)
    condition = models.CharField("适用情形", max_length=300)
    fine_min = models.DecimalField("罚款下限（元）", max_digits=12, decimal_places=2, null=True, blank=True)
    fine_max = models.DecimalField("罚款上限（元）", max_digits=12, decimal_places=2, null=True, blank=True)
    other_penalty = models.CharField("其他处罚", max_length=100, blank=True, help_text="如：警告；没收违法所得")
    order = models.PositiveSmallIntegerField("顺序", default=0)

    scope_org_field = "power__org"
    objects = ScopedManager()

    class Meta:
        verbose_name = "裁量基准"
        verbose_name_plural = "裁量基准"
        ordering = ["power", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.get_circumstance_display()}：{self.range_text}"

    @property
    def range_text(self) -> str:
        if self.fine_min is None and self.fine_max is None:
            return self.other_penalty or "不予罚款"
        low = f"{self.fine_min:,.0f}" if self.fine_min is not None else "0"
        high = f"{self.fine_max:,.0f}" if self.fine_max is not None else "—"
        text = f"罚款 {low} 元至 {high} 元"
        return f"{self.other_penalty}，{text}" if self.other_penalty else text

    def contains(self, amount: Decimal | None) -> bool:
        if amount is None:
            return False
        if self.fine_min is not None and amount < self.fine_min:
            return False
        if self.fine_max is not None and amount > self.fine_max:
            return False
        return self.fine_min is not None or self.fine_max is not None


class Officer(models.Model):
    """行政执法人员 and their 行政执法证 (《行政处罚法》第四十二条: 具有行政执法资格的执法人员, 不少于两人)."""

    class Status(models.TextChoices):
        ACTIVE = "active", "在岗"
        SUSPENDED = "suspended", "暂停执法"
        LEFT = "left", "已调离"

    org = models.ForeignKey("core.Org", verbose_name="所属单位", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="平台账户", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="enforcement_officers")
    name = models.CharField("姓名", max_length=50)
    post = models.CharField("职务", max_length=50, blank=True)
    cert_number = models.CharField("执法证号", max_length=40, blank=True)
    issuing_body = models.CharField("发证机关", max_length=100, blank=True)
    domains = models.CharField("执法领域", max_length=200, blank=True)
    issued_on = models.DateField("发证日期", null=True, blank=True)
    expires_on = models.DateField("有效期至", null=True, blank=True)
    status = models.CharField("状态", max_length=20, choices=Status, default=Status.ACTIVE)
    in_inspection_pool = models.BooleanField("列入执法检查人员名录（双随机）", default=True)
    public_token = models.CharField("公示码", max_length=20, unique=True, default=_token, editable=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "执法人员"
        verbose_name_plural = "执法人员"
        ordering = ["org", "name"]
        constraints = [
            models.UniqueConstraint(fields=["cert_number"], condition=~models.Q(cert_number=""),
                                    name="officer_cert_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def certified_on(self, day: dt.date) -> bool:
        """Holds a valid 执法证 on ``day`` and is in post."""
        return bool(self.status == self.Status.ACTIVE and self.cert_number and self.expires_on
                    and (self.issued_on is None or self.issued_on <= day) and day <= self.expires_on)

    def cert_problem(self, day: dt.date) -> str:
        """Why this officer may not act on ``day`` (Chinese), or ""."""
        if self.status != self.Status.ACTIVE:
            return f"执法人员{self.name}{self.get_status_display()}，不能从事执法活动"
        if not self.cert_number or not self.expires_on:
            return f"执法人员{self.name}未取得行政执法证，不能从事执法活动"
        if day > self.expires_on:
            return f"执法人员{self.name}的执法证（{self.cert_number}）已于{self.expires_on:%Y年%-m月%-d日}过期"
        if self.issued_on and day < self.issued_on:
            return f"执法人员{self.name}的执法证（{self.cert_number}）尚未生效"
        return ""

    def cert_state(self, day: dt.date) -> tuple[str, str]:
        """(badge class, label) of the certificate on ``day``."""
        if self.status != self.Status.ACTIVE:
            return "grey", self.get_status_display()
        if not self.cert_number or not self.expires_on:
            return "danger", "未持证"
        if day > self.expires_on:
            return "danger", "已过期"
        if self.expires_soon(day):
            return "warn", f"{(self.expires_on - day).days}日后到期"
        return "ok", "有效"

    def expires_soon(self, day: dt.date) -> bool:
        return self.certified_on(day) and (self.expires_on - day).days <= CERT_WARNING_DAYS


class LegalReviewer(models.Model):
    """法制审核人员 (《行政处罚法》第五十八条第二款: 初次从事法制审核的, 应当取得法律职业资格)."""

    class Qualification(models.TextChoices):
        LEGAL_PROFESSION = "legal_profession", "法律职业资格证书"
        LAWYER = "lawyer", "律师执业证"
        PUBLIC_LAWYER = "public_lawyer", "公职律师证"
        INCUMBENT = "incumbent", "2021年7月15日前已从事法制审核"

    org = models.ForeignKey("core.Org", verbose_name="所属单位", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="平台账户", on_delete=models.PROTECT,
                             related_name="enforcement_reviewers")
    name = models.CharField("姓名", max_length=50)
    department = models.CharField("所在机构", max_length=100, blank=True, help_text="如：司法所、法律顾问")
    qualification = models.CharField("资格", max_length=30, choices=Qualification)
    qualification_number = models.CharField("证书编号", max_length=40, blank=True)
    is_active = models.BooleanField("在岗", default=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "法制审核人员"
        verbose_name_plural = "法制审核人员"
        ordering = ["org", "name"]
        constraints = [models.UniqueConstraint(fields=["org", "user"], name="legalreviewer_unique")]

    def __str__(self) -> str:
        return self.name


class InspectionTarget(models.Model):
    """检查对象名录: a business or organisation that random inspections draw from."""

    class Kind(models.TextChoices):
        COMPANY = "company", "企业"
        INDIVIDUAL_BUSINESS = "individual_business", "个体工商户"
        COOPERATIVE = "cooperative", "农民专业合作社"
        OTHER = "other", "其他组织"

    org = models.ForeignKey("core.Org", verbose_name="所属单位", on_delete=models.PROTECT, related_name="+")
    name = models.CharField("名称", max_length=200)
    uscc = models.CharField("统一社会信用代码", max_length=18)
    kind = models.CharField("主体类型", max_length=30, choices=Kind, default=Kind.COMPANY)
    industry = models.CharField("行业", max_length=50, blank=True)
    address = models.CharField("经营地址", max_length=200, blank=True)
    legal_rep = models.CharField("法定代表人（负责人）", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    is_active = models.BooleanField("在册", default=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "检查对象"
        verbose_name_plural = "检查对象名录"
        ordering = ["org", "uscc"]
        constraints = [models.UniqueConstraint(fields=["org", "uscc"], name="inspectiontarget_unique")]

    def __str__(self) -> str:
        return self.name


class RandomDraw(models.Model):
    """双随机抽查: targets and inspectors drawn at random, reproducibly, from a recorded seed.

    The pools are frozen into the record at the moment of the draw, so anyone can
    re-run ``draw.run(seed, target_pool, inspector_pool, …)`` from what is published.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", "待抽取"
        DRAWN = "drawn", "已抽取并公布"
        RESULTS_PUBLISHED = "results_published", "结果已公示"

    TRANSITIONS = {
        "run_draw": ({Status.PLANNED}, Status.DRAWN),
        "publish_results": ({Status.DRAWN}, Status.RESULTS_PUBLISHED),
    }
    ACTION_LABELS = {"run_draw": "抽取", "publish_results": "公示抽查结果"}

    org = models.ForeignKey("core.Org", verbose_name="所属单位", on_delete=models.PROTECT, related_name="+")
    number = models.CharField("抽查编号", max_length=60, blank=True)
    title = models.CharField("抽查任务", max_length=200)
    power = models.ForeignKey(Power, verbose_name="抽查事项", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="draws")
    scope_note = models.CharField("抽查范围", max_length=200, blank=True, help_text="如：辖区全部餐饮服务单位")
    industry = models.CharField("限定行业", max_length=50, blank=True, help_text="留空则从全部在册对象中抽取")
    target_count = models.PositiveSmallIntegerField("抽取对象数")
    inspectors_per_target = models.PositiveSmallIntegerField("每户检查人员数", default=MIN_OFFICERS)
    planned_start = models.DateField("检查开始日期")
    planned_end = models.DateField("检查结束日期")
    status = models.CharField("状态", max_length=30, choices=Status, default=Status.PLANNED)
    seed = models.CharField("随机种子", max_length=64, blank=True)
    algorithm = models.CharField("抽取算法", max_length=30, blank=True)
    target_pool = models.JSONField("对象名录（抽取时）", default=list, blank=True)
    inspector_pool = models.JSONField("检查人员名录（抽取时）", default=list, blank=True)
    result = models.JSONField("抽取结果", default=list, blank=True)
    drawn_at = models.DateTimeField("抽取时间", null=True, blank=True)
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="抽取人", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    results_published_on = models.DateField("结果公示日期", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="创建人", null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "双随机抽查"
        verbose_name_plural = "双随机抽查"
        ordering = ["-planned_start", "-pk"]

    def __str__(self) -> str:
        return self.number or self.title

    def get_absolute_url(self) -> str:
        return reverse("enforcement:draw_detail", args=[self.pk])

    @property
    def all_recorded(self) -> bool:
        return self.status != self.Status.PLANNED and not self.inspections.filter(
            status=Inspection.Status.PENDING).exists()


class Inspection(models.Model):
    """执法检查: one target inspected by at least two certified officers, with its result."""

    class Status(models.TextChoices):
        PENDING = "pending", "待检查"
        DONE = "done", "已检查"

    class Kind(models.TextChoices):
        RANDOM = "random", "双随机抽查"
        ROUTINE = "routine", "日常巡查"
        COMPLAINT = "complaint", "投诉举报核查"
        SPECIAL = "special", "专项检查"

    class Result(models.TextChoices):
        PASSED = "passed", "合格"
        RECTIFY = "rectify", "责令整改"
        CASE = "case", "立案查处"

    TRANSITIONS = {"record_inspection": ({Status.PENDING}, Status.DONE)}
    ACTION_LABELS = {"record_inspection": "登记检查结果"}

    org = models.ForeignKey("core.Org", verbose_name="所属单位", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("检查类型", max_length=20, choices=Kind, default=Kind.RANDOM)
    draw = models.ForeignKey(RandomDraw, verbose_name="双随机抽查", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="inspections")
    target = models.ForeignKey(InspectionTarget, verbose_name="检查对象", on_delete=models.PROTECT,
                               related_name="inspections")
    power = models.ForeignKey(Power, verbose_name="检查事项", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    officers = models.ManyToManyField(Officer, verbose_name="检查人员", related_name="inspections")
    status = models.CharField("状态", max_length=20, choices=Status, default=Status.PENDING)
    planned_on = models.DateField("计划检查日期", null=True, blank=True)
    inspected_on = models.DateField("检查日期", null=True, blank=True)
    result = models.CharField("检查结果", max_length=20, choices=Result, blank=True)
    findings = models.TextField("检查情况", blank=True)
    rectify_due = models.DateField("整改期限", null=True, blank=True)
    case = models.ForeignKey("EnforcementCase", verbose_name="立案案件", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    # 台账导入: a past inspection brought in from the unit's Excel ledger (``ledgers``), with the 抽查编号 the
    # ledger records (the draw itself predates the platform, so it is kept as text, not linked).
    imported = models.BooleanField("从台账导入", default=False)
    ledger_draw_number = models.CharField("抽查编号（原台账记载）", max_length=60, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "执法检查"
        verbose_name_plural = "执法检查"
        ordering = ["-inspected_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.target.name} · {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:inspection_detail", args=[self.pk])


class EnforcementCase(models.Model):
    """行政处罚案件.

    普通程序 (第五十四至六十五条): 立案 → 调查取证 → 法制审核 (第五十八条 cases) →
    告知 (第四十四、六十二条; 听证 第六十三、六十四条) → 决定 (第五十七条, within 90日 of 立案,
    第六十条) → 送达 (第六十一条) → 执行 (第六十六至七十三条) → 结案.
    简易程序 (第五十一、五十二条): 当场处罚, at most 200元 for a citizen or 3000元 for an
    organisation, or a warning; the decision is filed with the agency (备案).
    """

    class Status(models.TextChoices):
        INVESTIGATING = "investigating", "调查取证"
        REVIEWING = "reviewing", "法制审核中"
        REVIEWED = "reviewed", "法制审核已通过"
        INFORMED = "informed", "已告知（陈述申辩期）"
        HEARING = "hearing", "听证程序"
        DECIDED = "decided", "已决定"
        SERVED = "served", "已送达"
        EXECUTED = "executed", "已执行"
        CLOSED = "closed", "已结案"
        DROPPED = "dropped", "已撤销立案"
        REVOKED = "revoked", "决定已撤销或变更"

    class Procedure(models.TextChoices):
        NORMAL = "normal", "普通程序"
        SIMPLE = "simple", "简易程序"

    class PartyKind(models.TextChoices):
        PERSON = "person", "公民"
        ENTITY = "entity", "法人或者其他组织"

    class Source(models.TextChoices):
        INSPECTION = "inspection", "执法检查发现"
        PATROL = "patrol", "日常巡查发现"
        COMPLAINT = "complaint", "投诉举报"
        REFERRAL = "referral", "其他部门移送"
        ASSIGNED = "assigned", "上级交办"
        OTHER = "other", "其他"

    class DecisionKind(models.TextChoices):
        PENALTY = "penalty", "给予行政处罚"
        NO_PENALTY = "no_penalty", "不予行政处罚"
        TRANSFER = "transfer", "移送司法机关"

    class ReviewGround(models.TextChoices):
        PUBLIC_INTEREST = "public_interest", "涉及重大公共利益"
        MAJOR_RIGHTS_HEARING = "major_rights_hearing", "直接关系当事人或者第三人重大权益，经过听证程序"
        COMPLEX = "complex", "案件情况疑难复杂、涉及多个法律关系"
        OTHER_LAW = "other_law", "法律、法规规定应当进行法制审核的其他情形"
        CATALOGUE = "catalogue", "列入本单位重大执法决定法制审核目录"

    class Service(models.TextChoices):
        DIRECT = "direct", "直接送达"
        LEFT = "left", "留置送达"
        POST = "post", "邮寄送达"
        ELECTRONIC = "electronic", "电子送达（当事人已签署确认书）"
        ANNOUNCEMENT = "announcement", "公告送达"
        ON_THE_SPOT = "on_the_spot", "当场交付"

    class Execution(models.TextChoices):
        VOLUNTARY = "voluntary", "当事人自觉履行"
        ENFORCED = "enforced", "行政机关强制执行"
        COURT = "court", "申请人民法院强制执行"
        NOT_NEEDED = "not_needed", "无需执行"

    class Revocation(models.TextChoices):
        REVOKED = "revoked", "撤销"
        CHANGED = "changed", "变更"
        ILLEGAL = "illegal", "确认违法"
        VOID = "void", "确认无效"

    S = Status
    TRANSITIONS = {
        "submit_review": ({S.INVESTIGATING, S.INFORMED, S.HEARING}, S.REVIEWING),
        "agree_review": ({S.REVIEWING}, S.REVIEWED),
        "return_review": ({S.REVIEWING}, S.INVESTIGATING),
        "inform": ({S.INVESTIGATING, S.REVIEWED}, S.INFORMED),
        "request_hearing": ({S.INFORMED}, S.HEARING),
        "decide": ({S.INFORMED, S.HEARING, S.REVIEWED}, S.DECIDED),
        "serve": ({S.DECIDED}, S.SERVED),
        "execute": ({S.SERVED}, S.EXECUTED),
        "close": ({S.SERVED, S.EXECUTED}, S.CLOSED),
        "drop": ({S.INVESTIGATING, S.REVIEWED, S.INFORMED, S.HEARING}, S.DROPPED),
        "revoke": ({S.DECIDED, S.SERVED, S.EXECUTED, S.CLOSED}, S.REVOKED),
    }
    ACTION_LABELS = {
        "submit_review": "提请法制审核", "agree_review": "法制审核通过", "return_review": "法制审核退回",
        "inform": "告知", "request_hearing": "登记听证申请", "decide": "作出决定", "serve": "送达",
        "execute": "登记执行", "close": "结案", "drop": "撤销立案", "revoke": "撤销或变更决定",
    }
    # Stages in the order the case page and the 职权运行流程图 show them.
    STAGES = [
        ("filing", "立案"), ("investigation", "调查取证"), ("review", "法制审核"), ("notice", "告知"),
        ("hearing", "听证"), ("decision", "决定"), ("service", "送达"), ("execution", "执行"), ("closing", "结案"),
    ]
    OPEN_STATUSES = (S.INVESTIGATING, S.REVIEWING, S.REVIEWED, S.INFORMED, S.HEARING)

    org = models.ForeignKey("core.Org", verbose_name="执法主体", on_delete=models.PROTECT, related_name="+")
    number = models.CharField("案号", max_length=60)
    procedure = models.CharField("程序", max_length=10, choices=Procedure, default=Procedure.NORMAL)
    status = models.CharField("状态", max_length=20, choices=Status, default=Status.INVESTIGATING)
    power = models.ForeignKey(Power, verbose_name="违法行为（处罚事项）", on_delete=models.PROTECT, related_name="cases")
    cause = models.CharField("案由", max_length=200)
    source = models.CharField("案件来源", max_length=20, choices=Source, default=Source.PATROL)
    inspection = models.ForeignKey(Inspection, verbose_name="来源检查", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    party_kind = models.CharField("当事人类型", max_length=10, choices=PartyKind)
    party_name = models.CharField("当事人", max_length=200)
    party_id_number = models.CharField("身份证号或统一社会信用代码", max_length=18)
    party_legal_rep = models.CharField("法定代表人（负责人）", max_length=50, blank=True)
    party_phone = models.CharField("联系电话", max_length=20, blank=True)
    party_address = models.CharField("住址或经营地址", max_length=200, blank=True)
    facts = models.TextField("违法事实", blank=True)
    place = models.CharField("违法地点", max_length=200, blank=True)
    occurred_on = models.DateField("违法行为发生日期", null=True, blank=True)
    officers = models.ManyToManyField(Officer, verbose_name="承办执法人员", related_name="cases")
    filed_on = models.DateField("立案日期")
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="立案人", null=True,
                                 on_delete=models.SET_NULL, related_name="+")
    filing_approved_by = models.CharField("立案批准人", max_length=50, blank=True)
    review_grounds = models.JSONField("法制审核情形", default=list, blank=True)
    # 告知
    proposed_penalty = models.TextField("拟处罚内容", blank=True)
    proposed_fine = models.DecimalField("拟罚款金额（元）", max_digits=12, decimal_places=2, null=True, blank=True)
    informed_on = models.DateField("告知日期", null=True, blank=True)
    hearing_offered = models.BooleanField("告知听证权利", default=False)
    statement = models.TextField("当事人陈述申辩", blank=True)
    rights_waived = models.BooleanField("当事人明确放弃陈述申辩和听证", default=False)
    # 听证
    hearing_requested_on = models.DateField("听证申请日期", null=True, blank=True)
    hearing_notified_on = models.DateField("听证通知日期", null=True, blank=True)
    hearing_on = models.DateField("听证日期", null=True, blank=True)
    hearing_place = models.CharField("听证地点", max_length=200, blank=True)
    hearing_chair = models.CharField("听证主持人", max_length=50, blank=True)
    hearing_held_on = models.DateField("听证举行日期", null=True, blank=True)
    hearing_summary = models.TextField("听证笔录要点", blank=True)
    # 决定
    decision_kind = models.CharField("决定类型", max_length=20, choices=DecisionKind, blank=True)
    decision_number = models.CharField("决定书文号", max_length=60, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="决定人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    penalty_content = models.TextField("处罚内容", blank=True)
    fine_amount = models.DecimalField("罚款金额（元）", max_digits=12, decimal_places=2, null=True, blank=True)
    confiscation_amount = models.DecimalField("没收违法所得（元）", max_digits=12, decimal_places=2, null=True, blank=True)
    discretion_level = models.ForeignKey(DiscretionLevel, verbose_name="适用裁量基准", null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="+")
    outside_range_reason = models.TextField("超出裁量基准的理由", blank=True)
    collective_discussed_on = models.DateField("负责人集体讨论日期", null=True, blank=True)
    # 送达、执行、结案
    served_on = models.DateField("送达日期", null=True, blank=True)
    service_method = models.CharField("送达方式", max_length=20, choices=Service, blank=True)
    executed_on = models.DateField("执行完毕日期", null=True, blank=True)
    execution_method = models.CharField("执行方式", max_length=20, choices=Execution, blank=True)
    paid_amount = models.DecimalField("实缴罚没款（元）", max_digits=12, decimal_places=2, null=True, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True)
    closing_summary = models.TextField("结案报告", blank=True)
    filed_with_agency_on = models.DateField("简易程序备案日期", null=True, blank=True)
    dropped_reason = models.TextField("撤销立案理由", blank=True)
    revocation_kind = models.CharField("撤销或变更类型", max_length=20, choices=Revocation, blank=True)
    revoked_on = models.DateField("撤销或变更日期", null=True, blank=True)
    revocation_reason = models.TextField("撤销或变更理由", blank=True)
    # 台账导入: a past case brought in from the unit's Excel ledger. What the ledger states but the platform holds
    # no record of (a 法制审核 or a 公示 made before the platform) is kept as the ledger's word.
    imported = models.BooleanField("从台账导入", default=False)
    ledger_reviewed = models.BooleanField("经法制审核（原台账记载）", default=False)
    ledger_published = models.BooleanField("已公示（原台账记载）", default=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "行政处罚案件"
        verbose_name_plural = "行政处罚案件"
        ordering = ["-filed_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["org", "number"], name="enforcementcase_number_unique")]
        # The case list's order (newest first): keyset pages read their rows from the index at any depth.
        indexes = [models.Index(fields=["-filed_on", "-id"], name="enforcementcase_filed_idx")]

    def __str__(self) -> str:
        return f"{self.number} {self.cause}"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:case_detail", args=[self.pk])

    # -------- read-only predicates

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def grounds_display(self) -> list[str]:
        labels = dict(self.ReviewGround.choices)
        return [labels.get(code, code) for code in self.review_grounds]

    @property
    def requires_legal_review(self) -> bool:
        """第五十八条: review is required for the listed cases, the unit's catalogue, and any case heard."""
        return self.procedure == self.Procedure.NORMAL and bool(
            self.review_grounds or self.power.requires_legal_review or self.hearing_held_on
        )

    def passed_review(self):
        return self.reviews.filter(status=LegalReview.Status.DONE, outcome=LegalReview.Outcome.AGREE).order_by(
            "-reviewed_at").first()

    @property
    def review_is_current(self) -> bool:
        """A review counts only if it came after the last hearing (a heard case is reviewed on the 听证笔录)."""
        review = self.passed_review()
        if review is None:
            return False
        return not self.hearing_held_on or review.submitted_at.date() >= self.hearing_held_on

    @property
    def handler_users(self) -> set[int]:
        ids = {o.user_id for o in self.officers.all() if o.user_id}
        if self.filed_by_id:
            ids.add(self.filed_by_id)
        return ids

    @property
    def is_large_fine_case(self) -> bool:
        threshold = LARGE_FINE_INDIVIDUAL if self.party_kind == self.PartyKind.PERSON else LARGE_FINE_ENTITY
        return bool(self.proposed_fine and self.proposed_fine >= threshold)


class CaseRecord(models.Model):
    """全过程记录 (《行政处罚法》第四十七条): a 笔录, an evidence item, a document or an audio/video file.

    Records are never edited or deleted; a correction is a new record. Files are
    stored by SHA-256 through ``core.attachments``.
    """

    class Kind(models.TextChoices):
        EVIDENCE = "evidence", "证据材料"
        INQUIRY = "inquiry", "询问笔录"
        SITE = "site", "现场检查（勘验）笔录"
        AV = "av", "音像记录"
        MEASURE = "measure", "行政强制措施记录"
        DOCUMENT = "document", "执法文书"
        OTHER = "other", "其他记录"

    class EvidenceKind(models.TextChoices):
        DOCUMENTARY = "documentary", "书证"
        PHYSICAL = "physical", "物证"
        AUDIOVISUAL = "audiovisual", "视听资料"
        ELECTRONIC = "electronic", "电子数据"
        WITNESS = "witness", "证人证言"
        STATEMENT = "statement", "当事人的陈述"
        EXPERT = "expert", "鉴定意见"
        SITE_RECORD = "site_record", "勘验笔录、现场笔录"

    class Measure(models.TextChoices):
        SEAL = "seal", "查封场所、设施或者财物"
        SEIZE = "seize", "扣押财物"
        PRESERVE = "preserve", "先行登记保存证据"
        PRESERVE_DECISION = "preserve_decision", "对先行登记保存的证据作出处理决定"
        DEMOLISH = "demolish", "强制拆除"
        OTHER = "other", "其他行政强制措施"

    # 国办发〔2018〕118号: on-site acts that directly affect 人身自由、重大财产权益 are recorded on audio/video throughout.
    AV_REQUIRED_MEASURES = (Measure.SEAL, Measure.SEIZE, Measure.DEMOLISH)

    case = models.ForeignKey(EnforcementCase, verbose_name="案件", on_delete=models.PROTECT, related_name="records")
    stage = models.CharField("环节", max_length=20, choices=EnforcementCase.STAGES)
    kind = models.CharField("记录类型", max_length=20, choices=Kind)
    evidence_kind = models.CharField("证据种类", max_length=20, choices=EvidenceKind, blank=True)
    measure = models.CharField("强制措施", max_length=20, choices=Measure, blank=True)
    title = models.CharField("名称", max_length=200)
    content = models.TextField("内容（笔录正文、证明对象）", blank=True)
    occurred_at = models.DateTimeField("时间")
    place = models.CharField("地点", max_length=200, blank=True)
    interviewee = models.CharField("被询问人", max_length=50, blank=True)
    officers = models.ManyToManyField(Officer, verbose_name="执法人员", related_name="+", blank=True)
    attachment = models.ForeignKey("core.Attachment", verbose_name="附件", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="记录人", null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    scope_org_field = "case__org"
    objects = ScopedManager()

    class Meta:
        verbose_name = "全过程记录"
        verbose_name_plural = "全过程记录"
        ordering = ["occurred_at", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_av(self) -> bool:
        return bool(self.attachment_id and self.attachment.original_name.rsplit(".", 1)[-1].lower() in AV_EXTENSIONS)


class LegalReview(models.Model):
    """重大执法决定法制审核 (第五十八条): the reviewer checks legality and records a written opinion.

    The reviewer is a registered 法制审核人员 who handles no part of the case.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "待审核"
        DONE = "done", "已审核"

    class Outcome(models.TextChoices):
        AGREE = "agree", "同意"
        RETURN = "return", "不同意，退回补充调查或纠正"
        TRANSFER = "transfer", "涉嫌犯罪，建议移送司法机关"

    CHECKLIST = [
        ("subject", "执法主体是否合法"),
        ("qualification", "执法人员是否具备执法资格"),
        ("procedure", "执法程序是否合法"),
        ("facts", "案件事实是否清楚，证据是否合法充分"),
        ("law", "适用法律、法规、规章是否准确"),
        ("discretion", "裁量基准运用是否适当"),
        ("authority", "是否超越法定权限"),
        ("documents", "执法文书是否完备、规范"),
        ("crime", "已排除涉嫌犯罪、需要移送司法机关的情形"),
    ]

    case = models.ForeignKey(EnforcementCase, verbose_name="案件", on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(LegalReviewer, verbose_name="审核人员", on_delete=models.PROTECT, related_name="reviews")
    status = models.CharField("状态", max_length=20, choices=Status, default=Status.PENDING)
    materials = models.TextField("送审材料说明")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="送审人", null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField("送审时间")
    outcome = models.CharField("审核结论", max_length=20, choices=Outcome, blank=True)
    checklist = models.JSONField("审核要点", default=dict, blank=True)
    opinion = models.TextField("审核意见", blank=True)
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)

    scope_org_field = "case__org"
    objects = ScopedManager()

    class Meta:
        verbose_name = "法制审核"
        verbose_name_plural = "法制审核"
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.case.number} 法制审核"


class CaseExtension(models.Model):
    """延长办案期限: 第六十条 allows another period set by law; here the 负责人 approves it."""

    class Status(models.TextChoices):
        PENDING = "pending", "待批准"
        APPROVED = "approved", "已批准"
        REFUSED = "refused", "不予批准"

    case = models.ForeignKey(EnforcementCase, verbose_name="案件", on_delete=models.PROTECT, related_name="extensions")
    status = models.CharField("状态", max_length=20, choices=Status, default=Status.PENDING)
    reason = models.TextField("延期理由")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="申请人", null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField("申请时间")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="批准人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField("批准时间", null=True, blank=True)
    decision_note = models.CharField("批示", max_length=300, blank=True)

    scope_org_field = "case__org"
    objects = ScopedManager()

    class Meta:
        verbose_name = "延期审批"
        verbose_name_plural = "延期审批"
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.case.number} 延期"


class Publication(models.Model):
    """行政执法决定公示 (事后公开): a masked copy of a decision, published and, if revoked, withdrawn.

    国办发〔2018〕118号: 行政处罚决定 within 7 个工作日; 《行政处罚法》第四十八条: withdrawn
    within 3 日 (工作日, 第八十五条) when the decision is changed or revoked, with the reason.
    """

    class Status(models.TextChoices):
        PUBLISHED = "published", "公示中"
        WITHDRAWN = "withdrawn", "已撤回"

    org = models.ForeignKey("core.Org", verbose_name="执法主体", on_delete=models.PROTECT, related_name="+")
    case = models.OneToOneField(EnforcementCase, verbose_name="案件", on_delete=models.PROTECT,
                                related_name="publication")
    status = models.CharField("状态", max_length=20, choices=Status, default=Status.PUBLISHED)
    decision_number = models.CharField("决定书文号", max_length=60)
    party = models.CharField("当事人（已去标识化）", max_length=200)
    party_code = models.CharField("证件号码（已去标识化）", max_length=30, blank=True)
    legal_rep = models.CharField("法定代表人（已去标识化）", max_length=50, blank=True)
    cause = models.CharField("案由", max_length=200)
    facts = models.TextField("主要违法事实（已去标识化）")
    basis = models.CharField("处罚依据", max_length=300)
    content = models.TextField("处罚内容")
    authority = models.CharField("执法机关", max_length=100)
    decided_on = models.DateField("决定日期")
    published_on = models.DateField("公示日期")
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="公示人", null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    withdrawn_on = models.DateField("撤回日期", null=True, blank=True)
    withdraw_reason = models.TextField("撤回理由", blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "执法决定公示"
        verbose_name_plural = "执法决定公示"
        ordering = ["-published_on", "-pk"]

    def __str__(self) -> str:
        return self.decision_number


# 第六十条 "法律、法规、规章另有规定的, 从其规定" is the only national anchor the research notes give for time not
# counted in the 90日 case limit ([T]); which periods are excluded (听证, 检测、检验、检疫、鉴定, 公告, 中止…) comes
# from sector rules or local practice ([NV]), so every pause names the provision it rests on and is marked 本地设定.
CASE_PAUSE_ANCHOR = "《行政处罚法》第六十条（法律、法规、规章另有规定的，从其规定）"
# A deployment may prefill the provision for a ground here (e.g. the sector's 行政处罚程序规定 article); empty: typed in.
CASE_PAUSE_BASIS: dict[str, str] = {}


class CaseClockPause(models.Model):
    """办案期限暂停计时: a span not counted in the 90日 limit of 第六十条, with its ground and the provision behind it.

    The clock itself is ``core.deadlines`` (``DeadlinePause``); this row keeps the ground, the provision and
    who paused and resumed it, for the case timeline and the figures.
    """

    class Ground(models.TextChoices):
        HEARING = "hearing", "听证"
        TESTING = "testing", "检测、检验、检疫、鉴定"
        ANNOUNCEMENT = "announcement", "公告"
        SUSPENSION = "suspension", "案件中止调查"
        OTHER = "other", "其他法律、法规、规章规定的情形"

    case = models.ForeignKey("EnforcementCase", verbose_name="案件", on_delete=models.PROTECT, related_name="pauses")
    ground = models.CharField("暂停情形", max_length=20, choices=Ground)
    detail = models.CharField("具体事由", max_length=120)
    basis = models.CharField("依据（法律、法规、规章及条款）", max_length=120)
    paused_on = models.DateField("暂停日")
    resumed_on = models.DateField("恢复日", null=True, blank=True)
    paused_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="暂停登记人", null=True,
                                  on_delete=models.SET_NULL, related_name="+")
    resumed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="恢复登记人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    resume_note = models.CharField("恢复说明", max_length=200, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    scope_org_field = "case__org"
    objects = ScopedManager()

    class Meta:
        verbose_name = "办案期限暂停计时"
        verbose_name_plural = "办案期限暂停计时"
        ordering = ["paused_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_ground_display()}：{self.detail}"

    @property
    def reason_text(self) -> str:
        """What the deadline engine records and the 如何计算 lines show: ground, detail, provision, 本地设定."""
        return f"{self.get_ground_display()}：{self.detail}（依据{self.basis}；本地设定）"[:200]


class EvidencePreservation(models.Model):
    """先行登记保存 (《行政处罚法》第五十六条): where evidence may be lost or hard to obtain later, with the
    approval of the 行政机关负责人, evidence is registered and kept; a 处理决定 follows within 7日 (工作日, 第八十五条).

    The notes give approval *before* the measure; no after-the-fact (emergency) approval is offered.
    """

    class Status(models.TextChoices):
        REQUESTED = "requested", "待负责人批准"
        APPROVED = "approved", "已批准，待实施"
        REFUSED = "refused", "不予批准"
        PRESERVED = "preserved", "已登记保存，待处理决定"
        DECIDED = "decided", "已作出处理决定"

    class Outcome(models.TextChoices):
        RELEASE = "release", "解除先行登记保存，退还物品"
        SEIZE = "seize", "依法采取查封、扣押措施"
        TEST = "test", "送交检验、检测、检疫或者鉴定"
        TRANSFER = "transfer", "移交有关部门处理"
        OTHER = "other", "其他处理"

    TRANSITIONS = {
        "approve_preservation": ({Status.REQUESTED}, Status.APPROVED),
        "refuse_preservation": ({Status.REQUESTED}, Status.REFUSED),
        "preserve_evidence": ({Status.APPROVED}, Status.PRESERVED),
        "decide_preservation": ({Status.PRESERVED}, Status.DECIDED),
    }
    ACTION_LABELS = {"approve_preservation": "批准先行登记保存", "refuse_preservation": "不予批准先行登记保存",
                     "preserve_evidence": "实施先行登记保存", "decide_preservation": "作出处理决定"}

    case = models.ForeignKey("EnforcementCase", verbose_name="案件", on_delete=models.PROTECT,
                             related_name="preservations")
    status = models.CharField("状态", max_length=20, choices=Status, default=Status.REQUESTED)
    items = models.TextField("拟保存的证据（物品清单）")
    reason = models.TextField("理由（证据可能灭失或者以后难以取得的情形）")
    place = models.CharField("地点", max_length=200, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="申请人", null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField("申请时间")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="批准人（负责人）", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField("批准时间", null=True, blank=True)
    approval_note = models.CharField("负责人意见", max_length=300, blank=True)
    preserved_at = models.DateTimeField("实施时间", null=True, blank=True)
    record = models.ForeignKey("CaseRecord", verbose_name="先行登记保存记录", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField("处理决定日期", null=True, blank=True)
    outcome = models.CharField("处理决定", max_length=20, choices=Outcome, blank=True)
    decision_content = models.TextField("处理决定内容", blank=True)
    decision_record = models.ForeignKey("CaseRecord", verbose_name="处理决定记录", null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    scope_org_field = "case__org"
    objects = ScopedManager()

    class Meta:
        verbose_name = "先行登记保存"
        verbose_name_plural = "先行登记保存"
        ordering = ["requested_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case.number} 先行登记保存"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:case_detail", args=[self.case_id]) + f"#preservation-{self.pk}"


class AnnualData(models.Model):
    """年度行政执法数据公开 (国办发〔2018〕118号: 每年1月31日前公开上年度行政执法总体情况和有关统计数据).

    One record per 执法主体 and year. The figures are computed from the registers into a draft, which the
    unit reviews; 公开 freezes them (figures, sentences, the .docx) and the portal shows that snapshot,
    never a live computation. A published snapshot is withdrawn, or reopened for correction, with its
    reason; earlier published versions stay in ``history`` (and their documents among the attachments).
    """

    class Status(models.TextChoices):
        PENDING = "pending", "待编制"
        DRAFT = "draft", "草稿待审核"
        PUBLISHED = "published", "已公开"
        WITHDRAWN = "withdrawn", "已撤回"

    TRANSITIONS = {
        "prepare_annual_data": ({Status.PENDING, Status.DRAFT}, Status.DRAFT),
        "publish_annual_data": ({Status.DRAFT}, Status.PUBLISHED),
        "withdraw_annual_data": ({Status.PUBLISHED}, Status.WITHDRAWN),
        "correct_annual_data": ({Status.PUBLISHED, Status.WITHDRAWN}, Status.DRAFT),
    }
    ACTION_LABELS = {"prepare_annual_data": "生成（刷新）数据草稿", "publish_annual_data": "审核公开",
                     "withdraw_annual_data": "撤回公开", "correct_annual_data": "更正"}

    org = models.ForeignKey("core.Org", verbose_name="执法主体", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("数据年度")
    status = models.CharField("状态", max_length=20, choices=Status, default=Status.PENDING)
    version = models.PositiveSmallIntegerField("公开版本", default=0)
    figures = models.JSONField("数据（生成时）", default=dict, blank=True)
    sentences = models.JSONField("总体情况（生成时）", default=list, blank=True)
    note = models.TextField("说明（随数据公开）", blank=True)
    computed_at = models.DateTimeField("数据生成时间", null=True, blank=True)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="编制人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    document = models.ForeignKey("core.Attachment", verbose_name="数据文件（.docx）", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    published_on = models.DateField("公开日期", null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核公开人", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    review_note = models.CharField("审核意见", max_length=300, blank=True)
    withdrawn_on = models.DateField("撤回日期", null=True, blank=True)
    withdraw_reason = models.TextField("撤回（更正）理由", blank=True)
    history = models.JSONField("此前公开的版本", default=list, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "年度行政执法数据"
        verbose_name_plural = "年度行政执法数据"
        ordering = ["-year", "org"]
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="annualdata_one_per_unit_year")]

    def __str__(self) -> str:
        return f"{self.org.name}{self.year}年度行政执法数据"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:annual_detail", args=[self.pk])

    @property
    def year_end(self) -> dt.date:
        return dt.date(self.year, 12, 31)
