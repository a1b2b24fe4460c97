"""Answering the overseers: 人大代表建议 / 政协委员提案, and 行政复议 / 行政诉讼 where the unit is the respondent.

- 代表建议: the handling unit replies within 3 months of 交办, within 6 for wide-ranging or difficult
  ones, after 与代表联系沟通 (代表法 第五十一条). 政协提案 are handled the same way under their own rule
  rows (``oversight.proposal*``: 政协全国委员会提案工作条例 and local rules, locally adjustable).
- 行政复议: the 被申请人 files its 书面答复 with evidence and basis within 10 working days of receiving the
  application copy, 5 in the 简易程序 (行政复议法 第四十八、五十四、八十八条); its 负责人 attends hearings
  (第五十一条); a 行政复议意见书 is answered within 60 days (第七十六条).
- 行政诉讼: the 被告 files its 答辩状 and evidence within 15 days of receiving the complaint (行政诉讼法
  第六十七条); its 负责人 appears in court or sends staff, never only a lawyer (第三条第三款; 行诉解释
  第一百二十八至一百三十二条; 负责人出庭应诉规定).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse

from yifa.core.models import Org
from yifa.core.scope import ScopedManager


class Suggestion(models.Model):
    """代表建议 / 政协提案 交办 to the unit: 分办 to a 主办科室 with 协办 units, reply, the proposer's satisfaction."""

    class Kind(models.TextChoices):
        NPC = "npc", "人大代表建议"
        CPPCC = "cppcc", "政协委员提案"

    class Part(models.TextChoices):
        LEAD = "lead", "主办"
        CO = "co", "协办"

    class Status(models.TextChoices):
        ASSIGNED = "assigned", "待分办"
        HANDLING = "handling", "办理中"
        REPLIED = "replied", "已答复"
        CLOSED = "closed", "已办结"

    class Category(models.TextChoices):
        A = "A", "A类（所提问题已解决或基本解决）"
        B = "B", "B类（已列入计划逐步解决）"
        C = "C", "C类（因条件限制暂时难以解决，作为参考）"

    class Satisfaction(models.TextChoices):
        SATISFIED = "satisfied", "满意"
        BASIC = "basic", "基本满意"
        UNSATISFIED = "unsatisfied", "不满意"

    TRANSITIONS = {
        "assign": ({Status.ASSIGNED, Status.HANDLING}, Status.HANDLING),
        "reply": ({Status.HANDLING}, Status.REPLIED),
        "close": ({Status.REPLIED}, Status.CLOSED),
        "reopen": ({Status.CLOSED}, Status.HANDLING),
    }
    ACTION_LABELS = {"assign": "分办", "reply": "答复", "close": "办结", "reopen": "重新办理"}
    DONE = {Status.REPLIED, Status.CLOSED}  # the reply clock has stopped

    org = models.ForeignKey(Org, verbose_name="承办单位", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("类别", max_length=10, choices=Kind, default=Kind.NPC)
    our_role = models.CharField("本单位承办方式", max_length=10, choices=Part, default=Part.LEAD,
                                help_text="主办单位负责答复代表；协办单位向主办单位提出协办意见")
    serial_no = models.CharField("建议（提案）编号", max_length=40, help_text="交办机关编的号，如“第45号”")
    session = models.CharField("届次会议", max_length=80, blank=True, help_text="如“吴兴区第九届人大四次会议”")
    title = models.CharField("标题", max_length=200)
    proposer = models.CharField("领衔代表（提案人）", max_length=60)
    co_proposers = models.CharField("附议代表（联名委员）", max_length=300, blank=True)
    proposer_phone = models.CharField("代表联系电话", max_length=20, blank=True)
    content = models.TextField("主要内容", blank=True)
    assigned_by = models.CharField("交办机关", max_length=80, help_text="如“区人大常委会代表工作委员会”“镇人大主席团”")
    assigned_on = models.DateField("交办日期")
    difficult = models.BooleanField("涉及面广、处理难度大", default=False,
                                    help_text="经交办机关确定，答复期限为交办之日起六个月")
    key_supervision = models.BooleanField("重点督办", default=False)
    lead_department = models.CharField("主办科室", max_length=60, blank=True)
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="经办人", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    status = models.CharField("状态", max_length=20, choices=Status, default=Status.ASSIGNED)
    due_on = models.DateField("答复期限", null=True, blank=True)
    contacted_on = models.DateField("与代表沟通日期", null=True, blank=True)
    contact_note = models.CharField("沟通情况", max_length=300, blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    reply_no = models.CharField("答复文号", max_length=60, blank=True)
    reply_category = models.CharField("答复类别", max_length=2, choices=Category, blank=True)
    reply_summary = models.TextField("答复内容摘要", blank=True)
    satisfaction = models.CharField("代表满意度", max_length=20, choices=Satisfaction, blank=True)
    feedback_on = models.DateField("反馈日期", null=True, blank=True)
    feedback_note = models.CharField("代表意见", max_length=300, blank=True)
    reopen_count = models.PositiveSmallIntegerField("重新办理次数", default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "代表建议（政协提案）"
        verbose_name_plural = "代表建议和政协提案"
        ordering = ["-assigned_on", "-pk"]
        indexes = [models.Index(fields=["org", "assigned_on"]), models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}{self.serial_no}：{self.title}"

    def get_absolute_url(self) -> str:
        return reverse("oversight:suggestion_detail", args=[self.pk])

    RULES = {  # (kind, difficult) -> the reply period's rule: 代表法 for 代表建议, the 提案工作条例 for 政协提案
        (Kind.NPC, False): "oversight.suggestion", (Kind.NPC, True): "oversight.suggestion_difficult",
        (Kind.CPPCC, False): "oversight.proposal", (Kind.CPPCC, True): "oversight.proposal_difficult",
    }
    CONTACT_BASIS = {
        Kind.NPC: "《全国人民代表大会和地方各级人民代表大会代表法》第五十一条",
        Kind.CPPCC: "《政协全国委员会提案工作条例》及本地提案办理规定",
    }

    @property
    def rule_code(self) -> str:
        return self.RULES[(self.kind, bool(self.difficult))]

    @property
    def contact_basis(self) -> str:
        """Why the proposer must be heard before the reply."""
        return self.CONTACT_BASIS[self.kind]

    @property
    def clock_start(self):
        return self.assigned_on

    @property
    def is_lead(self) -> bool:
        return self.our_role == self.Part.LEAD

    @property
    def on_time(self) -> bool | None:
        """Replied on or before the due date; None while unanswered."""
        if self.replied_on is None or self.due_on is None:
            return None
        return self.replied_on <= self.due_on

    def pending_co_handlers(self):
        return [c for c in self.co_handlers.all() if c.opinion_on is None]


class CoHandler(models.Model):
    """协办单位 of a suggestion the unit leads: its 协办意见 is gathered before the reply (会签)."""

    suggestion = models.ForeignKey(Suggestion, verbose_name="建议", on_delete=models.CASCADE,
                                   related_name="co_handlers")
    unit_name = models.CharField("协办单位", max_length=80)
    opinion_on = models.DateField("协办意见日期", null=True, blank=True)
    opinion = models.TextField("协办意见", blank=True)

    class Meta:
        verbose_name = "协办单位"
        verbose_name_plural = "协办单位"
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["suggestion", "unit_name"], name="oversight_cohandler_unique")]

    def __str__(self) -> str:
        return self.unit_name


class RespondentCase(models.Model):
    """行政复议 (unit as 被申请人) or 行政诉讼 (unit as 被告), one record per 审级."""

    class Kind(models.TextChoices):
        RECONSIDERATION = "reconsideration", "行政复议"
        LITIGATION = "litigation", "行政诉讼"

    class Instance(models.TextChoices):
        FIRST = "first", "一审"
        SECOND = "second", "二审"
        RETRIAL = "retrial", "再审"

    class ActCategory(models.TextChoices):
        PENALTY = "penalty", "行政处罚"
        COERCION = "coercion", "行政强制"
        LICENSING = "licensing", "行政许可"
        DISCLOSURE = "disclosure", "政府信息公开"
        INACTION = "inaction", "不履行法定职责"
        EXPROPRIATION = "expropriation", "征收征用及补偿"
        CONFIRMATION = "confirmation", "行政确认"
        OTHER = "other", "其他"

    class Status(models.TextChoices):
        RECEIVED = "received", "待答复"
        REPLIED = "replied", "已答复，待审结"
        CONCLUDED = "concluded", "已审结"

    class Outcome(models.TextChoices):
        UPHELD = "upheld", "维持"
        CLAIM_REJECTED = "claim_rejected", "驳回请求"
        DISMISSED = "dismissed", "驳回申请（起诉）"
        REVOKED = "revoked", "撤销"
        CHANGED = "changed", "变更"
        ILLEGAL = "illegal", "确认违法"
        VOID = "void", "确认无效"
        ORDERED = "ordered", "责令履行"
        COMPENSATION = "compensation", "赔偿（给付）"
        MEDIATED = "mediated", "调解结案"
        SETTLED = "settled", "和解结案"
        WITHDRAWN = "withdrawn", "撤回申请（撤诉）"
        TERMINATED = "terminated", "终止"

    # 败诉 (诉讼) / 被纠错 (复议): the act did not stand.
    LOSSES = {Outcome.REVOKED, Outcome.CHANGED, Outcome.ILLEGAL, Outcome.VOID, Outcome.ORDERED,
              Outcome.COMPENSATION}
    RECONSIDERATION_ONLY = {Outcome.UPHELD, Outcome.TERMINATED}
    LITIGATION_ONLY = {Outcome.VOID}

    TRANSITIONS = {
        "reply": ({Status.RECEIVED}, Status.REPLIED),
        "conclude": ({Status.RECEIVED, Status.REPLIED}, Status.CONCLUDED),
    }
    ACTION_LABELS = {"reply": "提交答复（答辩）", "conclude": "登记审结结果"}
    DONE = {Status.REPLIED, Status.CONCLUDED}

    org = models.ForeignKey(Org, verbose_name="被申请人（被告）单位", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("类别", max_length=20, choices=Kind)
    simple_procedure = models.BooleanField("简易程序", default=False,
                                           help_text="行政复议适用简易程序的，答复期限为五个工作日")
    instance = models.CharField("审级", max_length=10, choices=Instance, blank=True)
    previous = models.OneToOneField("self", verbose_name="上一审级", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="next_instance")
    case_no = models.CharField("案号", max_length=60, blank=True,
                               help_text="复议机关或法院的案号，如“（2025）浙0502行初45号”")
    body = models.CharField("复议机关（受理法院）", max_length=80)
    claimant = models.CharField("申请人（原告）", max_length=100)
    claimant_is_organisation = models.BooleanField("申请人（原告）为法人或其他组织", default=False)
    act_category = models.CharField("被申请（被诉）行为类别", max_length=20, choices=ActCategory,
                                    default=ActCategory.OTHER)
    disputed_act = models.CharField("被申请（被诉）行政行为", max_length=300)
    received_on = models.DateField("收到答复通知书（起诉状副本）日期")
    due_on = models.DateField("答复（答辩）期限", null=True, blank=True)
    agent = models.CharField("承办人（委托代理人）", max_length=100, blank=True)
    status = models.CharField("状态", max_length=20, choices=Status, default=Status.RECEIVED)
    replied_on = models.DateField("提交答复（答辩）日期", null=True, blank=True)
    reply_summary = models.TextField("答复（答辩）要点", blank=True)
    evidence = models.TextField("提交的证据和依据", blank=True)
    outcome = models.CharField("审结结果", max_length=20, choices=Outcome, blank=True)
    decided_on = models.DateField("审结日期", null=True, blank=True)
    decision_no = models.CharField("决定书（判决书）文号", max_length=60, blank=True)
    decision_note = models.TextField("审结情况", blank=True)
    performed_on = models.DateField("履行日期", null=True, blank=True)
    performance_note = models.CharField("履行（纠错）情况", max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "行政复议、行政诉讼案件"
        verbose_name_plural = "行政复议和行政应诉"
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["org", "received_on"]), models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        label = self.get_kind_display() + (self.get_instance_display() if self.instance else "")
        return f"{label}{self.case_no or ''}：{self.claimant}诉{self.disputed_act[:30]}"

    def get_absolute_url(self) -> str:
        return reverse("oversight:case_detail", args=[self.pk])

    @property
    def is_litigation(self) -> bool:
        return self.kind == self.Kind.LITIGATION

    @property
    def rule_code(self) -> str:
        if self.is_litigation:
            return "oversight.litigation_reply"
        return "oversight.reconsideration_reply_simple" if self.simple_procedure else "oversight.reconsideration_reply"

    @property
    def clock_start(self):
        return self.received_on

    @property
    def is_loss(self) -> bool:
        return self.outcome in self.LOSSES

    @property
    def reply_on_time(self) -> bool | None:
        if self.replied_on is None or self.due_on is None:
            return None
        return self.replied_on <= self.due_on

    @property
    def head_appeared(self) -> bool:
        return any(h.appearance == Hearing.Appearance.HEAD for h in self.hearings.all())

    @property
    def party_labels(self) -> tuple[str, str]:
        """(the claimant's role, the unit's role) in this kind of case; in a 二审 or 再审 the parties are named by
        their role in the first instance (原审原告, 原审被告), whoever appealed."""
        if self.is_litigation and self.instance in (self.Instance.SECOND, self.Instance.RETRIAL):
            return ("原审原告", "原审被告")
        return ("原告", "被告") if self.is_litigation else ("申请人", "被申请人")

    def outcomes_allowed(self) -> list[tuple[str, str]]:
        excluded = self.RECONSIDERATION_ONLY if self.is_litigation else self.LITIGATION_ONLY
        return [(v, label) for v, label in self.Outcome.choices if v not in excluded]


class Hearing(models.Model):
    """开庭审理 / 复议听证: when, and who appeared for the unit (负责人出庭应诉)."""

    class Kind(models.TextChoices):
        COURT = "court", "开庭审理"
        HEARING = "hearing", "复议听证"
        MEDIATION = "mediation", "调解（协调）"

    class Appearance(models.TextChoices):
        HEAD = "head", "负责人出庭（参加）"
        STAFF = "staff", "负责人未出庭，委托工作人员出庭"
        LAWYER_ONLY = "lawyer_only", "仅委托律师出庭"
        NONE = "none", "无人出庭"

    class Reason(models.TextChoices):
        FORCE_MAJEURE = "force_majeure", "不可抗力"
        ACCIDENT = "accident", "意外事件"
        OFFICIAL_DUTY = "official_duty", "需要履行他人不能代替的公务"
        OTHER = "other", "其他正当事由"

    # Appearances the court may answer with a 司法建议 (出庭规定 第十二条; 行诉解释 第一百三十二条).
    FLAGGED = {Appearance.LAWYER_ONLY, Appearance.NONE}

    case = models.ForeignKey(RespondentCase, verbose_name="案件", on_delete=models.CASCADE, related_name="hearings")
    kind = models.CharField("类型", max_length=20, choices=Kind, default=Kind.COURT)
    held_on = models.DateField("日期")
    place = models.CharField("地点", max_length=100, blank=True)
    court_notified = models.BooleanField("法院（复议机构）书面通知负责人出庭", default=False)
    appearance = models.CharField("出庭情况", max_length=20, choices=Appearance)
    head_name = models.CharField("出庭负责人", max_length=40, blank=True)
    head_title = models.CharField("负责人职务", max_length=40, blank=True, help_text="正职、副职或分管负责人")
    staff = models.CharField("出庭工作人员", max_length=100, blank=True)
    lawyer = models.CharField("委托律师", max_length=100, blank=True)
    absence_reason = models.CharField("负责人未出庭事由", max_length=20, choices=Reason, blank=True)
    absence_note = models.CharField("事由说明", max_length=200, blank=True)
    note = models.CharField("备注", max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="记录人", null=True,
                                    on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "庭审（听证）"
        verbose_name_plural = "庭审（听证）记录"
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.get_kind_display()}"

    @property
    def flagged(self) -> bool:
        return self.appearance in self.FLAGGED


class FollowUpLetter(models.Model):
    """行政复议意见书 (行政复议法 第七十六条) or 司法建议 received by the unit: answered within 60 days."""

    class Kind(models.TextChoices):
        OPINION = "opinion_letter", "行政复议意见书"
        JUDICIAL = "judicial_suggestion", "司法建议"

    class Status(models.TextChoices):
        OPEN = "open", "待回复"
        ANSWERED = "answered", "已回复"

    TRANSITIONS = {"answer_letter": ({Status.OPEN}, Status.ANSWERED)}
    ACTION_LABELS = {"answer_letter": "回复整改情况"}
    DONE = {Status.ANSWERED}

    org = models.ForeignKey(Org, verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(RespondentCase, verbose_name="案件", on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField("类别", max_length=30, choices=Kind)
    letter_no = models.CharField("文号", max_length=60, blank=True)
    issued_by = models.CharField("制发机关", max_length=80)
    received_on = models.DateField("收到日期")
    content = models.TextField("主要内容")
    due_on = models.DateField("回复期限", null=True, blank=True)
    status = models.CharField("状态", max_length=20, choices=Status, default=Status.OPEN)
    answered_on = models.DateField("回复日期", null=True, blank=True)
    answer = models.TextField("整改（采纳）情况", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "复议意见书、司法建议"
        verbose_name_plural = "复议意见书和司法建议"
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}{self.letter_no}"

    def get_absolute_url(self) -> str:
        return reverse("oversight:case_detail", args=[self.case_id])

    @property
    def rule_code(self) -> str:
        return "oversight.opinion_letter" if self.kind == self.Kind.OPINION else "oversight.judicial_suggestion"

    @property
    def clock_start(self):
        return self.received_on

    @property
    def on_time(self) -> bool | None:
        if self.answered_on is None or self.due_on is None:
            return None
        return self.answered_on <= self.due_on
