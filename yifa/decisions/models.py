"""重大行政决策 (major administrative decisions) and the "三重一大" matters of a 街道.

《重大行政决策程序暂行条例》(国务院令第713号; 乡级人民政府参照执行, 第四十二条):
- ``DecisionCatalogue``: the yearly 决策事项目录, 经同级党委同意后向社会公布 (第三条第三款).
- ``Decision``: one matter of the catalogue (or a "三重一大" item), from 启动 to 决策档案.
- ``DecisionStep``: the five statutory steps as rows — 公众参与 (第十四至十八条), 专家论证
  (第十九至二十一条), 风险评估 (第二十二至二十四条), 合法性审查 (第二十五至二十八条), 集体讨论决定
  (第二十九至三十条) — each required or waived with a recorded legal reason. A decision
  cannot be taken while a required step is open.
- ``PublicComment``: comments sent by the public on the portal during 征求意见 (≥30日, 第十五条),
  each answered in the 采纳情况 published before the decision (第十八条).
- ``ExpertOpinion``, ``RiskAssessment``: the 专家论证 and 风险评估 records.
- ``DecisionMeeting`` and ``MeetingView``: the collective meeting, each member's view in
  speaking order, the head last (第三十条), dissent recorded truthfully.
- ``ImplementationNote``, ``PostEvaluation``: 执行 (第三十四、三十五条) and 决策后评估 (第三十六条).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse

from yifa.core.scope import ScopedManager

ACT = "《重大行政决策程序暂行条例》"


class DecisionCatalogue(models.Model):
    """重大行政决策事项目录 of one unit for one year."""

    class Status(models.TextChoices):
        DRAFT = "draft", "编制中"
        APPROVED = "approved", "党委已同意"
        PUBLISHED = "published", "已公布"

    TRANSITIONS = {
        "approve_catalogue": ({Status.DRAFT}, Status.APPROVED),
        "publish_catalogue": ({Status.APPROVED}, Status.PUBLISHED),
        "adjust_catalogue": ({Status.APPROVED, Status.PUBLISHED}, Status.DRAFT),
    }
    ACTION_LABELS = {"approve_catalogue": "登记党委同意", "publish_catalogue": "向社会公布",
                     "adjust_catalogue": "调整目录"}

    org = models.ForeignKey("core.Org", verbose_name="决策机关", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("目录名称", max_length=200)
    approval_body = models.CharField("同意的党委会议", max_length=100, blank=True,
                                     help_text="如：街道党工委2025年第3次会议")
    approved_on = models.DateField("党委同意日期", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    adjustment_note = models.TextField("调整说明", blank=True)
    status = models.CharField("状态", max_length=20, choices=Status, default=Status.DRAFT)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "决策事项目录"
        verbose_name_plural = "决策事项目录"
        ordering = ["-year", "org__path"]
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="decision_catalogue_unique")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("decisions:catalogue_detail", args=[self.pk])


class Decision(models.Model):
    """重大行政决策事项 or "三重一大" 事项."""

    class Kind(models.TextChoices):
        MAJOR = "major", "重大行政决策"
        TRIPLE = "triple", "“三重一大”事项"

    class Category(models.TextChoices):
        # 条例第三条第一款
        POLICY = "policy", "重大公共政策和措施"
        PLAN = "plan", "经济社会发展重要规划"
        RESOURCES = "resources", "自然资源和文化资源开发利用保护"
        PROJECT = "project", "重大公共建设项目"
        OTHER = "other", "其他重大事项"
        # "三重一大": 重大事项决策、重要干部任免、重大项目安排、大额度资金运作
        TRIPLE_MATTER = "triple_matter", "重大事项决策"
        TRIPLE_CADRE = "triple_cadre", "重要干部任免"
        TRIPLE_PROJECT = "triple_project", "重大项目安排"
        TRIPLE_FUNDS = "triple_funds", "大额度资金运作"

    class Status(models.TextChoices):
        LISTED = "listed", "已列入目录"
        DRAFTING = "drafting", "程序办理中"
        DECIDED = "decided", "已作出决定"
        NOT_ADOPTED = "not_adopted", "未予通过"
        PUBLISHED = "published", "已公布"
        ARCHIVED = "archived", "已归档"
        WITHDRAWN = "withdrawn", "已调出目录"

    TRANSITIONS = {
        "start": ({Status.LISTED}, Status.DRAFTING),
        "decide": ({Status.DRAFTING}, Status.DECIDED),
        "not_adopt": ({Status.DRAFTING}, Status.NOT_ADOPTED),
        "publish": ({Status.DECIDED}, Status.PUBLISHED),
        "archive": ({Status.PUBLISHED, Status.NOT_ADOPTED}, Status.ARCHIVED),
        "withdraw": ({Status.LISTED, Status.DRAFTING}, Status.WITHDRAWN),
    }
    ACTION_LABELS = {"start": "启动决策程序", "decide": "集体讨论决定", "not_adopt": "集体讨论未通过",
                     "publish": "公布决策", "archive": "决策档案归档", "withdraw": "调出目录"}
    IN_PROCEDURE = (Status.LISTED, Status.DRAFTING)

    org = models.ForeignKey("core.Org", verbose_name="决策机关", on_delete=models.PROTECT, related_name="+")
    catalogue = models.ForeignKey(DecisionCatalogue, verbose_name="决策事项目录", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="decisions")
    kind = models.CharField("类别", max_length=20, choices=Kind, default=Kind.MAJOR)
    category = models.CharField("事项类型", max_length=20, choices=Category)
    title = models.CharField("决策事项", max_length=200)
    summary = models.TextField("事项简介", blank=True)
    undertaking_unit = models.CharField("承办单位", max_length=100, blank=True)
    planned = models.CharField("计划完成时间", max_length=50, blank=True, help_text="如：2025年第三季度")
    source = models.CharField("决策启动来源", max_length=100, blank=True,
                              help_text="领导提出、部门建议、人大代表建议、公众建议等（第十条）")
    basis = models.TextField("法律政策依据", blank=True)
    draft_text = models.TextField("决策草案", blank=True)
    draft_notes = models.TextField("起草说明", blank=True)
    draft_revised_at = models.DateTimeField("草案修改时间", null=True, blank=True)
    # 公众参与 (第十四至十八条)
    comment_opens_on = models.DateField("征求意见开始", null=True, blank=True)
    comment_closes_on = models.DateField("征求意见截止", null=True, blank=True)
    comment_short_reason = models.CharField("缩短征求意见期限的理由", max_length=200, blank=True)
    comment_notice = models.TextField("征求意见公告", blank=True,
                                      help_text="意见提交方式、联系人、地址等，与草案一同公布")
    adoption_summary = models.TextField("意见采纳情况说明", blank=True)
    adoption_published_on = models.DateField("采纳情况公布日期", null=True, blank=True)
    hearing_held_on = models.DateField("听证会日期", null=True, blank=True)
    hearing_place = models.CharField("听证地点", max_length=100, blank=True)
    hearing_materials_sent_on = models.DateField("听证材料送达日期", null=True, blank=True)
    hearing_summary = models.TextField("听证情况", blank=True)
    # 决定与公布 (第三十至三十二条)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    decision_text = models.TextField("决定内容", blank=True)
    party_reported_on = models.DateField("向党委请示报告日期", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    publication_channel = models.CharField("公布渠道", max_length=100, blank=True)
    interpretation = models.TextField("政策解读", blank=True)
    archived_on = models.DateField("归档日期", null=True, blank=True)
    status = models.CharField("状态", max_length=20, choices=Status, default=Status.LISTED, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "重大行政决策"
        verbose_name_plural = "重大行政决策"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("decisions:decision_detail", args=[self.pk])

    def comment_is_open(self, today) -> bool:
        return bool(self.comment_opens_on and self.comment_closes_on
                    and self.comment_opens_on <= today <= self.comment_closes_on
                    and self.status in self.IN_PROCEDURE)

    def comment_has_ended(self, today) -> bool:
        return bool(self.comment_closes_on and today > self.comment_closes_on)


class DecisionStep(models.Model):
    """One of the five statutory steps of a decision: required, or waived with its legal reason."""

    class Kind(models.TextChoices):
        PARTICIPATION = "participation", "公众参与"
        EXPERT = "expert", "专家论证"
        RISK = "risk", "风险评估"
        LEGALITY = "legality", "合法性审查"
        COLLECTIVE = "collective", "集体讨论决定"

    class Status(models.TextChoices):
        PENDING = "pending", "待办理"
        IN_PROGRESS = "in_progress", "办理中"
        DONE = "done", "已完成"
        WAIVED = "waived", "依法不适用"

    TRANSITIONS = {
        "begin_step": ({Status.PENDING}, Status.IN_PROGRESS),
        "complete_step": ({Status.PENDING, Status.IN_PROGRESS}, Status.DONE),
        "waive_step": ({Status.PENDING, Status.IN_PROGRESS}, Status.WAIVED),
        "reinstate_step": ({Status.WAIVED}, Status.PENDING),
        "reopen_step": ({Status.IN_PROGRESS, Status.DONE}, Status.PENDING),
    }
    ACTION_LABELS = {"begin_step": "开始办理", "complete_step": "完成", "waive_step": "认定不适用",
                     "reinstate_step": "恢复为必经程序", "reopen_step": "重新办理"}
    ORDER = [Kind.PARTICIPATION, Kind.EXPERT, Kind.RISK, Kind.LEGALITY, Kind.COLLECTIVE]
    # The article that makes each step a duty, cited whenever the step blocks a decision.
    ARTICLES = {
        Kind.PARTICIPATION: f"{ACT}第十四条",
        Kind.EXPERT: f"{ACT}第十九条",
        Kind.RISK: f"{ACT}第二十二条",
        Kind.LEGALITY: f"{ACT}第二十五条",
        Kind.COLLECTIVE: f"{ACT}第三十条",
    }
    # The lawful grounds on which a step may be found not to apply; 合法性审查 and 集体讨论决定 never may.
    WAIVER_GROUNDS = {
        Kind.PARTICIPATION: f"决策事项依法不予公开（{ACT}第十四条）",
        Kind.EXPERT: f"决策事项专业性、技术性不强（{ACT}第十九条）",
        Kind.RISK: f"决策实施不会对社会稳定、公共安全等方面造成不利影响，或者已经进行过风险评估（{ACT}第二十二条、第二十四条）",
    }

    decision = models.ForeignKey(Decision, verbose_name="决策事项", on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField("程序", max_length=20, choices=Kind)
    required = models.BooleanField("必经程序", default=True)
    status = models.CharField("状态", max_length=20, choices=Status, default=Status.PENDING)
    waiver_ground = models.CharField("不适用的法定情形", max_length=200, blank=True)
    waiver_reason = models.TextField("不适用的理由", blank=True)
    completed_on = models.DateField("完成日期", null=True, blank=True)
    result = models.TextField("办理结果", blank=True)
    review_request_id = models.PositiveBigIntegerField("合法性审查编号", null=True, blank=True)
    opinion_number = models.CharField("审查意见书编号", max_length=60, blank=True)
    conclusion = models.CharField("审查结论", max_length=40, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    scope_org_field = "decision__org"
    objects = ScopedManager()

    class Meta:
        verbose_name = "决策程序"
        verbose_name_plural = "决策程序"
        ordering = ["decision", "pk"]
        constraints = [models.UniqueConstraint(fields=["decision", "kind"], name="decision_step_unique")]

    def __str__(self) -> str:
        return f"{self.decision.title} · {self.get_kind_display()}"

    @property
    def article(self) -> str:
        return self.ARTICLES[self.kind]

    @property
    def waivable(self) -> bool:
        return self.kind in self.WAIVER_GROUNDS

    @property
    def is_settled(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.WAIVED)


class PublicComment(models.Model):
    """公众意见 sent on the portal during 征求意见, with the unit's answer (采纳情况, 第十八条)."""

    class Disposition(models.TextChoices):
        ADOPTED = "adopted", "采纳"
        PARTLY = "partly", "部分采纳"
        NOT_ADOPTED = "not_adopted", "不予采纳"
        OUT_OF_SCOPE = "out_of_scope", "不属于征求意见范围"

    decision = models.ForeignKey(Decision, verbose_name="决策事项", on_delete=models.CASCADE,
                                 related_name="comments")
    body = models.TextField("意见内容")
    name = models.CharField("姓名或单位", max_length=50, blank=True)
    contact = models.CharField("联系方式", max_length=50, blank=True)
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)
    address_hash = models.CharField("来源标识", max_length=64, db_index=True, editable=False)
    disposition = models.CharField("处理结果", max_length=20, choices=Disposition, blank=True)
    reply = models.TextField("答复及理由", blank=True)
    replied_at = models.DateTimeField("答复时间", null=True, blank=True)

    scope_org_field = "decision__org"
    objects = ScopedManager()

    class Meta:
        verbose_name = "公众意见"
        verbose_name_plural = "公众意见"
        ordering = ["submitted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.decision.title} 意见#{self.pk}"


class ExpertOpinion(models.Model):
    """专家论证意见 (第十九至二十一条): written, signed, from an expert without a direct interest."""

    decision = models.ForeignKey(Decision, verbose_name="决策事项", on_delete=models.CASCADE,
                                 related_name="expert_opinions")
    expert_name = models.CharField("专家姓名或专业机构", max_length=100)
    expert_title = models.CharField("职称、单位", max_length=100, blank=True)
    field = models.CharField("专业领域", max_length=50, blank=True)
    given_on = models.DateField("论证日期")
    opinion = models.TextField("论证意见")
    signed = models.BooleanField("书面意见已署名、盖章", default=False)
    no_interest = models.BooleanField("已声明与决策事项无直接利害关系", default=False)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    scope_org_field = "decision__org"
    objects = ScopedManager()

    class Meta:
        verbose_name = "专家论证意见"
        verbose_name_plural = "专家论证意见"
        ordering = ["given_on", "pk"]

    def __str__(self) -> str:
        return f"{self.expert_name}：{self.decision.title}"


class RiskAssessment(models.Model):
    """风险评估报告 (第二十二至二十三条): 风险点、防范措施和处置预案, and whether the risk is controllable."""

    class Level(models.TextChoices):
        LOW = "low", "低风险"
        MEDIUM = "medium", "中风险"
        HIGH = "high", "高风险"

    decision = models.ForeignKey(Decision, verbose_name="决策事项", on_delete=models.CASCADE,
                                 related_name="risk_assessments")
    assessed_on = models.DateField("评估日期")
    assessor = models.CharField("评估主体", max_length=100, help_text="承办单位或委托的专业机构")
    method = models.CharField("评估方式", max_length=200, blank=True, help_text="舆情跟踪、重点走访、会商分析等")
    risk_points = models.TextField("风险点")
    measures = models.TextField("防范措施和处置预案")
    level = models.CharField("风险等级", max_length=10, choices=Level)
    controllable = models.BooleanField("风险可控", default=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    scope_org_field = "decision__org"
    objects = ScopedManager()

    class Meta:
        verbose_name = "风险评估"
        verbose_name_plural = "风险评估"
        ordering = ["assessed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.decision.title} 风险评估"


class DecisionMeeting(models.Model):
    """集体讨论决定 (第二十九至三十条): the meeting, who attended and the outcome."""

    class Kind(models.TextChoices):
        EXECUTIVE = "executive", "政府常务会议"
        PLENARY = "plenary", "政府全体会议"
        PARTY = "party", "党（工）委会议"
        OFFICE = "office", "主任（镇长）办公会议"

    class Outcome(models.TextChoices):
        APPROVED = "approved", "通过"
        APPROVED_WITH_CHANGES = "with_changes", "修改后通过"
        REJECTED = "rejected", "不予通过"
        DEFERRED = "deferred", "暂缓决定"

    decision = models.ForeignKey(Decision, verbose_name="决策事项", on_delete=models.CASCADE,
                                 related_name="meetings")
    kind = models.CharField("会议类型", max_length=20, choices=Kind)
    held_on = models.DateField("会议日期")
    place = models.CharField("会议地点", max_length=100, blank=True)
    presided_by = models.CharField("主持人", max_length=50)
    attendees = models.TextField("出席人员")
    absentees = models.CharField("缺席人员及原因", max_length=200, blank=True)
    outcome = models.CharField("决定结果", max_length=20, choices=Outcome)
    head_reasons = models.TextField("行政首长与多数意见不一致的理由", blank=True)
    minutes = models.TextField("会议纪要")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="记录人", null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    scope_org_field = "decision__org"
    objects = ScopedManager()

    class Meta:
        verbose_name = "集体讨论会议"
        verbose_name_plural = "集体讨论会议"
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on}"

    @property
    def dissent(self):
        return [v for v in self.views.all() if v.view in MeetingView.DISSENTING]


class MeetingView(models.Model):
    """One member's view at the meeting, in speaking order; the head (行政首长) speaks last."""

    class View(models.TextChoices):
        AGREE = "agree", "同意"
        DISAGREE = "disagree", "不同意"
        RESERVED = "reserved", "保留意见"
        ABSTAIN = "abstain", "弃权"

    DISSENTING = (View.DISAGREE, View.RESERVED)

    meeting = models.ForeignKey(DecisionMeeting, verbose_name="会议", on_delete=models.CASCADE,
                                related_name="views")
    order = models.PositiveSmallIntegerField("发言顺序")
    member_name = models.CharField("姓名", max_length=50)
    position = models.CharField("职务", max_length=50, blank=True)
    is_head = models.BooleanField("行政首长", default=False)
    view = models.CharField("意见", max_length=20, choices=View)
    remarks = models.TextField("发言要点", blank=True)

    class Meta:
        verbose_name = "会议发言"
        verbose_name_plural = "会议发言"
        ordering = ["meeting", "order"]

    def __str__(self) -> str:
        return f"{self.order}. {self.member_name}：{self.get_view_display()}"


class ImplementationNote(models.Model):
    """决策执行情况 (第三十四、三十五条): reports, problems found, proposals to adjust, suspension."""

    class Kind(models.TextChoices):
        PROGRESS = "progress", "执行情况"
        PROBLEM = "problem", "存在问题"
        ADJUSTMENT = "adjustment", "调整建议"
        SUSPENSION = "suspension", "暂停执行"

    decision = models.ForeignKey(Decision, verbose_name="决策事项", on_delete=models.CASCADE,
                                 related_name="implementation_notes")
    noted_on = models.DateField("日期")
    kind = models.CharField("类型", max_length=20, choices=Kind)
    unit = models.CharField("执行单位", max_length=100, blank=True)
    text = models.TextField("内容")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    scope_org_field = "decision__org"
    objects = ScopedManager()

    class Meta:
        verbose_name = "执行情况"
        verbose_name_plural = "执行情况"
        ordering = ["noted_on", "pk"]

    def __str__(self) -> str:
        return f"{self.decision.title} {self.get_kind_display()} {self.noted_on}"


class PostEvaluation(models.Model):
    """决策后评估 (第三十六条): by whom, why, what it found and what it recommends."""

    class Trigger(models.TextChoices):
        BELOW_EXPECTATION = "below", "实施效果明显未达到预期"
        OBJECTIONS = "objections", "公民、法人或者其他组织提出较多意见"
        DEEMED_NECESSARY = "necessary", "决策机关认为有必要"

    class Recommendation(models.TextChoices):
        CONTINUE = "continue", "继续执行"
        ADJUST = "adjust", "调整后执行"
        STOP = "stop", "停止执行"

    decision = models.ForeignKey(Decision, verbose_name="决策事项", on_delete=models.CASCADE,
                                 related_name="evaluations")
    evaluated_on = models.DateField("评估日期")
    evaluator = models.CharField("评估主体", max_length=100)
    third_party = models.BooleanField("委托第三方评估", default=False)
    trigger = models.CharField("评估原因", max_length=20, choices=Trigger)
    findings = models.TextField("评估结论")
    recommendation = models.CharField("评估建议", max_length=20, choices=Recommendation)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    scope_org_field = "decision__org"
    objects = ScopedManager()

    class Meta:
        verbose_name = "决策后评估"
        verbose_name_plural = "决策后评估"
        ordering = ["evaluated_on", "pk"]

    def __str__(self) -> str:
        return f"{self.decision.title} 后评估 {self.evaluated_on}"
