"""信访事项: what a citizen brings to the unit by letter, visit, phone or online, under 《信访工作条例》 (2022).

The procedure the model follows:

- 登记 (第二十一条): every item is entered, with its channel (第十七条) and the petitioner's details (第十九条);
- 告知 within 15日 of receipt (第二十三条): 受理, 不予受理 (with the route to take instead) or 转送;
  a matter 交办/转送 from above that is outside the unit's remit may be objected to within 5个工作日;
- 办理 within 60日 of 受理, extended once by up to 30日 with the 负责人's approval (第三十四条),
  ending in a 信访处理意见书 (支持 / 解释说明 / 不予支持, 第三十二条);
- 复查 requested within 30日 and answered within 30日 (第三十五条); 复核 likewise (第三十六条),
  after which the same request on the same facts is not accepted again;
- the petitioner's 满意度 (第二十一条: items are tracked and rated);
- 访调对接: a dispute fit for 人民调解 is handed to the mediation module through its action.
"""

from django.conf import settings
from django.db import models

from yifa.core.scope import ScopedManager


class Petition(models.Model):
    """信访事项 (one item in the unit's 信访台账)."""

    class Channel(models.TextChoices):
        LETTER = "letter", "来信"
        VISIT = "visit", "来访"
        ONLINE = "online", "网上信访"
        PHONE = "phone", "来电"
        FAX = "fax", "传真"
        MAILBOX = "mailbox", "领导信箱"
        REFERRED = "referred", "上级转送交办"

    class Category(models.TextChoices):
        SUGGESTION = "suggestion", "建议意见类"
        ACCUSATION = "accusation", "检举控告类"
        CLAIM = "claim", "申诉求决类"

    class Subject(models.TextChoices):
        LAND = "land", "土地征收与房屋征收"
        LABOUR = "labour", "劳动和社会保障"
        CONSTRUCTION = "construction", "城乡建设与管理"
        ENVIRONMENT = "environment", "生态环境"
        AGRICULTURE = "agriculture", "农业农村"
        NEIGHBOUR = "neighbour", "邻里与家庭纠纷"
        PROPERTY = "property", "物业管理"
        CONDUCT = "conduct", "干部作风"
        OTHER = "other", "其他"

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "网上来信待登记"
        DISCARDED = "discarded", "不予登记"
        REGISTERED = "registered", "待告知"
        ACCEPTED = "accepted", "办理中"
        NOT_ACCEPTED = "not_accepted", "不予受理"
        TRANSFERRED = "transferred", "已转送"
        RETURNED = "returned", "已退回交办机关"
        REPLIED = "replied", "已办结"
        REVIEWING = "reviewing", "复查中"
        REVIEWED = "reviewed", "复查已办结"
        RECHECKING = "rechecking", "复核中"
        RECHECKED = "rechecked", "复核终结"
        MEDIATION = "mediation", "已转人民调解"

    class Opinion(models.TextChoices):
        SUPPORT = "support", "支持"
        EXPLAIN = "explain", "解释说明"
        REJECT = "reject", "不予支持"

    class ReviewResult(models.TextChoices):
        UPHELD = "upheld", "维持原处理意见"
        CHANGED = "changed", "变更原处理意见"
        REVOKED = "revoked", "撤销原处理意见，责令重新处理"

    class Satisfaction(models.TextChoices):
        SATISFIED = "satisfied", "满意"
        BASIC = "basic", "基本满意"
        DISSATISFIED = "dissatisfied", "不满意"

    S = Status
    TRANSITIONS = {
        "register_submission": ({S.SUBMITTED}, S.REGISTERED),
        "discard": ({S.SUBMITTED}, S.DISCARDED),
        "accept": ({S.REGISTERED}, S.ACCEPTED),
        "refuse": ({S.REGISTERED}, S.NOT_ACCEPTED),
        "transfer": ({S.REGISTERED}, S.TRANSFERRED),
        "object": ({S.REGISTERED}, S.RETURNED),
        "reply": ({S.ACCEPTED}, S.REPLIED),
        "request_review": ({S.REPLIED}, S.REVIEWING),
        "decide_review": ({S.REVIEWING}, S.REVIEWED),
        "request_recheck": ({S.REVIEWED}, S.RECHECKING),
        "decide_recheck": ({S.RECHECKING}, S.RECHECKED),
        "hand_to_mediation": ({S.REGISTERED, S.ACCEPTED}, S.MEDIATION),
    }
    ACTION_LABELS = {
        "register_submission": "登记网上来信",
        "discard": "不予登记",
        "notify": "告知",
        "accept": "告知受理",
        "refuse": "告知不予受理",
        "transfer": "转送",
        "object": "对交办提出异议",
        "reply": "出具处理意见书",
        "request_review": "登记复查申请",
        "decide_review": "登记复查意见",
        "request_recheck": "登记复核申请",
        "decide_recheck": "登记复核意见",
        "hand_to_mediation": "转人民调解",
        "extend": "延长办理期限",
        "record_satisfaction": "登记满意度",
    }
    # States in which the unit still owes the petitioner something.
    OPEN = (S.SUBMITTED, S.REGISTERED, S.ACCEPTED, S.REVIEWING, S.RECHECKING)
    # States in which the matter counts as 办结 for the yearly figures.
    CONCLUDED = (S.REPLIED, S.REVIEWING, S.REVIEWED, S.RECHECKING, S.RECHECKED)

    org = models.ForeignKey("core.Org", verbose_name="办理单位", on_delete=models.PROTECT, related_name="+")
    number = models.CharField("信访编号", max_length=60, blank=True)
    tracking_code = models.CharField("查询码", max_length=16, blank=True, db_index=True)
    status = models.CharField("状态", max_length=20, choices=Status, default=Status.REGISTERED, db_index=True)

    channel = models.CharField("信访形式", max_length=20, choices=Channel)
    received_on = models.DateField("收到日期", db_index=True)
    referred_by = models.CharField("转送交办机关", max_length=100, blank=True)
    referral_number = models.CharField("交办文号", max_length=60, blank=True)

    petitioner_name = models.CharField("信访人", max_length=100)
    petitioner_id_number = models.CharField("身份证号", max_length=18, blank=True)
    petitioner_phone = models.CharField("联系电话", max_length=20, blank=True)
    petitioner_address = models.CharField("住址", max_length=200, blank=True)
    headcount = models.PositiveIntegerField("人数", default=1, help_text="多人走访同一事项时填写实际人数（第二十条：推选代表不超过5人）")
    contact_unclear = models.BooleanField(
        "姓名（名称）、住址不清", default=False, help_text="第二十三条：信访人姓名（名称）、住址不清的，无法书面告知"
    )

    title = models.CharField("事项摘要", max_length=200)
    content = models.TextField("诉求、事实和理由")
    category = models.CharField("事项类别", max_length=20, choices=Category, default=Category.CLAIM)
    subject = models.CharField("问题分类", max_length=20, choices=Subject, default=Subject.OTHER)

    notified_on = models.DateField("告知日期", null=True, blank=True)
    notice_text = models.TextField("告知内容", blank=True)
    transferred_to = models.CharField("转送机关", max_length=100, blank=True)
    accepted_on = models.DateField("受理日期", null=True, blank=True)

    extension_reason = models.CharField("延期理由", max_length=300, blank=True)
    extension_approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="延期批准人", null=True,
                                              blank=True, on_delete=models.PROTECT, related_name="+")

    opinion = models.CharField("处理意见", max_length=20, choices=Opinion, blank=True)
    opinion_text = models.TextField("处理意见及依据", blank=True)
    opinion_number = models.CharField("意见书编号", max_length=60, blank=True)
    replied_on = models.DateField("办结日期", null=True, blank=True, help_text="处理意见书送达信访人的日期")

    review_organ = models.CharField("复查机关", max_length=100, blank=True)
    review_requested_on = models.DateField("复查申请日期", null=True, blank=True)
    review_result = models.CharField("复查结果", max_length=20, choices=ReviewResult, blank=True)
    review_decided_on = models.DateField("复查意见日期", null=True, blank=True)
    review_note = models.TextField("复查意见", blank=True)

    recheck_organ = models.CharField("复核机关", max_length=100, blank=True)
    recheck_requested_on = models.DateField("复核申请日期", null=True, blank=True)
    recheck_result = models.CharField("复核结果", max_length=20, choices=ReviewResult, blank=True)
    recheck_decided_on = models.DateField("复核意见日期", null=True, blank=True)
    recheck_note = models.TextField("复核意见", blank=True)

    satisfaction = models.CharField("满意度", max_length=20, choices=Satisfaction, blank=True)
    satisfaction_on = models.DateField("评价日期", null=True, blank=True)
    satisfaction_note = models.CharField("评价说明", max_length=300, blank=True)

    mediation_reference = models.CharField("人民调解案号", max_length=60, blank=True)
    mediation_case_id = models.PositiveIntegerField("人民调解案件", null=True, blank=True)
    handed_on = models.DateField("转调解日期", null=True, blank=True)

    closing_note = models.CharField("说明", max_length=300, blank=True, help_text="不予登记、不予受理、退回的理由")
    due_on = models.DateField("当前期限", null=True, blank=True, db_index=True,
                              help_text="正在计算的法定期限（告知、办理、复查或复核）的截止日")
    due_rule = models.CharField("当前期限规则", max_length=40, blank=True)
    imported = models.BooleanField("由台账导入", default=False)
    source_hash = models.CharField("提交来源（散列）", max_length=64, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "信访事项"
        verbose_name_plural = "信访事项"
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["org", "number"], condition=~models.Q(number=""),
                                    name="petition_number_unique"),
        ]
        indexes = [models.Index(fields=["org", "status"], name="petition_org_status_idx"),
                   # The register's order (newest first): a page reads its rows from the index instead of sorting all.
                   models.Index(fields=["-received_on", "-id"], name="petition_received_idx")]

    def __str__(self) -> str:
        return f"{self.number or '网上来信'} {self.title}"[:200]

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("petitions:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def is_extended(self) -> bool:
        return bool(self.extension_approved_by_id)

    @property
    def is_referred(self) -> bool:
        return self.channel == self.Channel.REFERRED
