"""政府信息公开 under 《中华人民共和国政府信息公开条例》 (2019 修订): what a 乡镇/街道 publishes of its own
accord (主动公开) and how it answers requests (依申请公开).

- ``ProactiveDisclosure`` (主动公开, 第十九至二十六条): one item of government information made public, by the
  categories of 第二十条 and, for a 乡镇, 第二十一条; published within 20个工作日 of being formed or changed
  (第二十六条). The yearly count is the "公开政务信息共N条" of the annual reports.
- ``InfoRequest`` (依申请公开, 第二十七至四十五条): received in writing, online or on paper (第二十九条);
  补正 asked once within 7个工作日, the reply period then running from the corrected request (第三十条);
  third parties consulted, their 15个工作日 not counted (第三十二条); reply within 20个工作日, extended once
  by up to 20 with approval (第三十三条); the reply types of 第三十六条 as counted in the national
  统计 of the 政府信息公开工作年度报告 (国办公开办函〔2021〕30号 格式).
"""

from django.conf import settings
from django.db import models

from yifa.core.scope import ScopedManager


class ProactiveDisclosure(models.Model):
    """主动公开的政府信息."""

    class Category(models.TextChoices):
        NORMATIVE = "normative", "行政规范性文件"
        ORGANISATION = "organisation", "机构职能"
        PLANNING = "planning", "规划计划"
        STATISTICS = "statistics", "统计信息"
        LICENSING = "licensing", "行政许可及对外管理服务"
        PENALTY = "penalty", "行政处罚"
        COERCION = "coercion", "行政强制"
        BUDGET = "budget", "财政预算决算"
        FEES = "fees", "行政事业性收费"
        PROCUREMENT = "procurement", "政府采购"
        PROJECTS = "projects", "重大建设项目"
        WELFARE = "welfare", "民生保障（扶贫、教育、医疗、社保、就业）"
        EMERGENCY = "emergency", "突发公共事件应对"
        SUPERVISION = "supervision", "监督检查（环保、卫生、安全生产、食品药品）"
        RECRUITMENT = "recruitment", "公务员招考录用"
        AGRICULTURE = "agriculture", "农业农村政策落实"
        WATER = "water", "农田水利工程建设运营"
        LAND_TRANSFER = "land_transfer", "农村土地承包经营权流转"
        HOMESTEAD = "homestead", "宅基地使用情况审核"
        LAND_EXPROPRIATION = "land_expropriation", "土地征收"
        HOUSE_EXPROPRIATION = "house_expropriation", "房屋征收"
        FUNDING = "funding", "筹资筹劳"
        ASSISTANCE = "assistance", "社会救助"
        OTHER = "other", "其他"

    # The article that puts each category on the proactive list.
    CATEGORY_BASIS = {
        "normative": "第二十条第（一）项", "organisation": "第二十条第（二）项", "planning": "第二十条第（三）项",
        "statistics": "第二十条第（四）项", "licensing": "第二十条第（五）项", "penalty": "第二十条第（六）项",
        "coercion": "第二十条第（六）项", "budget": "第二十条第（七）项", "fees": "第二十条第（八）项",
        "procurement": "第二十条第（九）项", "projects": "第二十条第（十）项", "welfare": "第二十条第（十一）项",
        "emergency": "第二十条第（十二）项", "supervision": "第二十条第（十三）项", "recruitment": "第二十条第（十四）项",
        "agriculture": "第二十一条", "water": "第二十一条", "land_transfer": "第二十一条", "homestead": "第二十一条",
        "land_expropriation": "第二十一条", "house_expropriation": "第二十一条", "funding": "第二十一条",
        "assistance": "第二十一条", "other": "第二十条第（十五）项",
    }

    class Channel(models.TextChoices):
        WEBSITE = "website", "政府网站"
        NEW_MEDIA = "new_media", "政务新媒体"
        BULLETIN = "bulletin", "政务公开栏"
        GAZETTE = "gazette", "政府公报"
        PRESS = "press", "报刊广播电视"
        READING_ROOM = "reading_room", "政府信息查阅场所"

    class NormativeChange(models.TextChoices):
        ISSUED = "issued", "制发"
        REPEALED = "repealed", "废止"

    class Status(models.TextChoices):
        DRAFT = "draft", "待公开"
        PUBLISHED = "published", "已公开"
        WITHDRAWN = "withdrawn", "已撤回"

    TRANSITIONS = {
        "publish": ({Status.DRAFT}, Status.PUBLISHED),
        "withdraw": ({Status.PUBLISHED}, Status.WITHDRAWN),
    }
    ACTION_LABELS = {"publish": "公开", "withdraw": "撤回"}

    org = models.ForeignKey("core.Org", verbose_name="公开单位", on_delete=models.PROTECT, related_name="+")
    index_number = models.CharField("索引号", max_length=40, blank=True)
    title = models.CharField("标题", max_length=200)
    category = models.CharField("公开类别", max_length=30, choices=Category)
    document_number = models.CharField("文号", max_length=60, blank=True)
    formed_on = models.DateField("形成或变更日期", help_text="信息形成或者变更之日，20个工作日内应当公开（第二十六条）")
    summary = models.TextField("内容概述", blank=True)
    channel = models.CharField("公开渠道", max_length=20, choices=Channel, default=Channel.WEBSITE)
    url = models.URLField("网址", blank=True)
    normative_change = models.CharField("规范性文件制发或废止", max_length=10, choices=NormativeChange, blank=True,
                                        help_text="仅“行政规范性文件”类填写，用于年度报告统计")
    decision_count = models.PositiveIntegerField("所含处理决定数", default=1,
                                                 help_text="许可、处罚、强制类信息所含的决定件数（年度报告统计）")
    fee_amount = models.DecimalField("收费金额（元）", max_digits=14, decimal_places=2, null=True, blank=True,
                                     help_text="行政事业性收费类填写本条所涉收费金额")
    status = models.CharField("状态", max_length=12, choices=Status, default=Status.DRAFT, db_index=True)
    published_on = models.DateField("公开日期", null=True, blank=True, db_index=True)
    withdrawn_on = models.DateField("撤回日期", null=True, blank=True)
    withdraw_reason = models.CharField("撤回理由", max_length=300, blank=True)
    imported = models.BooleanField("由台账导入", default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "主动公开信息"
        verbose_name_plural = "主动公开信息"
        ordering = ["-published_on", "-formed_on", "-pk"]
        indexes = [models.Index(fields=["org", "status", "category"], name="publication_org_idx"),
                   # The list's order (newest first), read from the index instead of sorting every item.
                   models.Index(fields=["-published_on", "-formed_on", "-id"], name="publication_order_idx")]

    def __str__(self) -> str:
        return self.title[:200]

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("disclosure:publication_detail", args=[self.pk])

    @property
    def basis(self) -> str:
        return "《政府信息公开条例》" + self.CATEGORY_BASIS.get(self.category, "")


class InfoRequest(models.Model):
    """政府信息公开申请 and its handling."""

    class ApplicantType(models.TextChoices):
        PERSON = "person", "自然人"
        BUSINESS = "business", "商业企业"
        RESEARCH = "research", "科研机构"
        NONPROFIT = "nonprofit", "社会公益组织"
        LEGAL = "legal", "法律服务机构"
        OTHER = "other", "其他"

    class Source(models.TextChoices):
        ONLINE = "online", "网上申请"
        IN_PERSON = "in_person", "当面提交"
        LETTER = "letter", "信函"
        FAX = "fax", "传真"
        EMAIL = "email", "电子邮件"

    class Medium(models.TextChoices):
        PAPER = "paper", "纸质"
        ELECTRONIC = "electronic", "电子文档"
        DISC = "disc", "光盘或其他介质"

    class Delivery(models.TextChoices):
        POST = "post", "邮寄"
        EMAIL = "email", "电子邮件"
        PICK_UP = "pick_up", "当面领取"
        ONLINE = "online", "网上获取"

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "网上申请待确认"
        VOIDED = "voided", "无效提交"
        REGISTERED = "registered", "办理中"
        CORRECTION = "correction", "待补正"
        CONSULTING = "consulting", "征求第三方意见"
        REPLIED = "replied", "已答复"
        CLOSED = "closed", "已终止"

    class Outcome(models.TextChoices):
        """办理结果, as the rows of the national statistics table 三."""

        DISCLOSED = "disclosed", "予以公开"
        PARTLY = "partly", "部分公开"
        WITHHELD = "withheld", "不予公开"
        UNAVAILABLE = "unavailable", "无法提供"
        NOT_HANDLED = "not_handled", "不予处理"
        OTHER = "other", "其他处理"

    class Reason(models.TextChoices):
        """The sub-rows of the statistics table (and, for 予以公开, how it was given)."""

        PROVIDED = "provided", "向申请人提供"
        ALREADY_PUBLIC = "already_public", "已主动公开，告知获取方式和途径"
        STATE_SECRET = "state_secret", "属于国家秘密"
        PROHIBITED = "prohibited", "其他法律行政法规禁止公开"
        SECURITY = "security", "危及“三安全一稳定”"
        THIRD_PARTY = "third_party", "保护第三方合法权益"
        INTERNAL = "internal", "属于三类内部事务信息"
        PROCESS = "process", "属于四类过程性信息"
        CASE_FILE = "case_file", "属于行政执法案卷"
        QUERY = "query", "属于行政查询事项"
        NOT_HELD = "not_held", "本机关不掌握相关政府信息"
        NEEDS_CREATION = "needs_creation", "没有现成信息需要另行制作"
        STILL_UNCLEAR = "still_unclear", "补正后申请内容仍不明确"
        PETITION = "petition", "信访举报投诉类申请"
        REPEATED = "repeated", "重复申请"
        PUBLICATION = "publication", "要求提供公开出版物"
        EXCESSIVE = "excessive", "无正当理由大量反复申请"
        CONFIRMATION = "confirmation", "要求行政机关确认或重新出具已获取信息"
        NO_CORRECTION = "no_correction", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
        NO_FEE = "no_fee", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
        OTHERWISE = "otherwise", "其他"

    WITHHOLDING = ["state_secret", "prohibited", "security", "third_party", "internal", "process", "case_file",
                   "query"]
    # Which sub-reasons belong to which outcome (the statistics table's nesting).
    REASONS = {
        "disclosed": ["provided", "already_public"],
        "partly": WITHHOLDING,  # the part withheld, and why; counted only as 部分公开
        "withheld": WITHHOLDING,
        "unavailable": ["not_held", "needs_creation", "still_unclear"],
        "not_handled": ["petition", "repeated", "publication", "excessive", "confirmation"],
        "other": ["no_correction", "no_fee", "otherwise"],
    }
    # The article each reply rests on, quoted in the letter.
    REASON_BASIS = {
        "provided": "第三十六条第（二）项", "already_public": "第三十六条第（一）项",
        "state_secret": "第十四条", "prohibited": "第十四条", "security": "第十四条", "third_party": "第十五条",
        "internal": "第十六条第一款", "process": "第十六条第二款", "case_file": "第十六条第二款",
        "query": "第三十六条第（七）项", "not_held": "第三十六条第（四）项、第（五）项", "needs_creation": "第三十八条",
        "still_unclear": "第三十条", "petition": "第三十九条第一款", "repeated": "第三十六条第（六）项",
        "publication": "第三十九条第二款", "excessive": "第三十五条", "confirmation": "第三十九条第二款",
        "no_correction": "第三十条", "no_fee": "第四十二条", "otherwise": "",
    }

    class ThirdPartyOpinion(models.TextChoices):
        AGREED = "agreed", "同意公开"
        OBJECTED = "objected", "不同意公开"
        SILENT = "silent", "逾期未提出意见"

    class Remedy(models.TextChoices):
        """行政复议/诉讼 results as the national statistics table 四 counts them."""

        UPHELD = "upheld", "结果维持"
        CORRECTED = "corrected", "结果纠正"
        OTHER = "other", "其他结果"
        PENDING = "pending", "尚未审结"

    class Litigation(models.TextChoices):
        DIRECT = "direct", "未经复议直接起诉"
        AFTER_REVIEW = "after_review", "复议后起诉"

    S = Status
    TRANSITIONS = {
        "register_submission": ({S.SUBMITTED}, S.REGISTERED),
        "void": ({S.SUBMITTED}, S.VOIDED),
        "request_correction": ({S.REGISTERED}, S.CORRECTION),
        "receive_correction": ({S.CORRECTION}, S.REGISTERED),
        "close_without_correction": ({S.CORRECTION}, S.CLOSED),
        "consult_third_party": ({S.REGISTERED}, S.CONSULTING),
        "receive_third_party_opinion": ({S.CONSULTING}, S.REGISTERED),
        "reply": ({S.REGISTERED}, S.REPLIED),
        "withdraw": ({S.REGISTERED, S.CORRECTION, S.CONSULTING}, S.CLOSED),
    }
    ACTION_LABELS = {
        "register_submission": "确认收到网上申请",
        "void": "作为无效提交处理",
        "request_correction": "告知补正",
        "receive_correction": "登记收到补正",
        "close_without_correction": "逾期未补正，终止办理",
        "consult_third_party": "征求第三方意见",
        "receive_third_party_opinion": "登记第三方意见",
        "reply": "答复",
        "withdraw": "申请人撤回",
        "extend": "延长答复期限",
        "record_remedy": "登记复议诉讼情况",
    }
    OPEN = (S.SUBMITTED, S.REGISTERED, S.CORRECTION, S.CONSULTING)
    FINISHED = (S.REPLIED, S.CLOSED)

    org = models.ForeignKey("core.Org", verbose_name="受理机关", on_delete=models.PROTECT, related_name="+")
    number = models.CharField("登记编号", max_length=60, blank=True)
    tracking_code = models.CharField("查询码", max_length=16, blank=True, db_index=True)
    status = models.CharField("状态", max_length=20, choices=Status, default=Status.REGISTERED, db_index=True)

    source = models.CharField("申请方式", max_length=20, choices=Source)
    received_on = models.DateField("收到申请日期", db_index=True,
                                   help_text="当面提交为提交之日；邮寄为签收之日；网上申请为双方确认之日（第三十一条）")
    applicant_type = models.CharField("申请人类型", max_length=20, choices=ApplicantType, default=ApplicantType.PERSON)
    applicant_name = models.CharField("申请人姓名或名称", max_length=100)
    id_number = models.CharField("身份证号", max_length=18, blank=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    contact_name = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    description = models.TextField("所需信息的名称、文号或者便于查询的其他特征性描述")
    medium = models.CharField("提供形式", max_length=20, choices=Medium, default=Medium.PAPER)
    delivery = models.CharField("获取方式", max_length=20, choices=Delivery, default=Delivery.POST)

    correction_notice_on = models.DateField("补正告知日期", null=True, blank=True)
    correction_items = models.TextField("需补正的事项", blank=True)
    correction_deadline = models.DateField("补正期限", null=True, blank=True, help_text="本机关确定的合理补正期限")
    correction_received_on = models.DateField("收到补正日期", null=True, blank=True)

    third_party = models.CharField("第三方", max_length=100, blank=True)
    consult_sent_on = models.DateField("征求意见日期", null=True, blank=True)
    third_party_opinion = models.CharField("第三方意见", max_length=20, choices=ThirdPartyOpinion, blank=True)
    consult_answered_on = models.DateField("收到意见日期", null=True, blank=True)

    extension_reason = models.CharField("延期理由", max_length=300, blank=True)
    extension_approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="延期批准人", null=True,
                                              blank=True, on_delete=models.PROTECT, related_name="+")

    outcome = models.CharField("办理结果", max_length=20, choices=Outcome, blank=True)
    reason = models.CharField("具体情形", max_length=20, choices=Reason, blank=True)
    reply_number = models.CharField("答复书编号", max_length=60, blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True, db_index=True)
    reply_text = models.TextField("答复内容", blank=True,
                                  help_text="提供的信息、获取途径，或不予公开、无法提供、不予处理的具体理由")
    referred_agency = models.CharField("告知的负责机关及联系方式", max_length=200, blank=True)

    reconsideration = models.CharField("行政复议", max_length=20, choices=Remedy, blank=True)
    litigation = models.CharField("行政诉讼", max_length=20, choices=Litigation, blank=True)
    litigation_result = models.CharField("诉讼结果", max_length=20, choices=Remedy, blank=True)

    reply_due_on = models.DateField("答复期限", null=True, blank=True, db_index=True)
    imported = models.BooleanField("由台账导入", default=False)
    source_hash = models.CharField("提交来源（散列）", max_length=64, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["org", "number"], condition=~models.Q(number=""),
                                    name="inforequest_number_unique"),
        ]
        indexes = [models.Index(fields=["org", "status"], name="inforequest_org_status_idx"),
                   # The register's order (newest first): a page reads its rows from the index instead of sorting all.
                   models.Index(fields=["-received_on", "-id"], name="inforequest_received_idx")]

    def __str__(self) -> str:
        return f"{self.number or '网上申请'} {self.description[:40]}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("disclosure:request_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def is_extended(self) -> bool:
        return bool(self.extension_approved_by_id)

    @property
    def is_organisation(self) -> bool:
        return self.applicant_type != self.ApplicantType.PERSON

    @property
    def basis(self) -> str:
        article = self.REASON_BASIS.get(self.reason, "")
        return f"《中华人民共和国政府信息公开条例》{article}" if article else ""
