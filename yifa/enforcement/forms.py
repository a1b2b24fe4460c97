"""Input cleaning for 行政执法. Rules of law live in actions; forms check shapes and formats."""

from django import forms
from django.utils import timezone

from yifa.core.identity import validate_phone

from .models import (CASE_PAUSE_ANCHOR, CaseClockPause, CaseRecord, DiscretionLevel, EnforcementCase,
                     EvidencePreservation, Inspection, InspectionTarget, LegalReview, LegalReviewer, Officer, Power,
                     PowerStep)

Case = EnforcementCase
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
AREA = forms.Textarea(attrs={"rows": 3})


class OfficerChoice(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, officer):
        cert = officer.cert_number or "无执法证"
        until = f"，有效期至{officer.expires_on:%Y-%m-%d}" if officer.expires_on else ""
        return f"{officer.name}（{cert}{until}）"


# ---------------------------------------------------------------- registers


class PowerForm(forms.ModelForm):
    class Meta:
        model = Power
        fields = ["name", "kind", "code", "domain", "basis_law", "basis_article", "basis_text", "department",
                  "time_limit", "remedy", "requires_legal_review", "requires_av", "sort_order"]
        widgets = {"basis_text": AREA, "remedy": AREA}


class PowerEditForm(PowerForm):
    class Meta(PowerForm.Meta):
        fields = [*PowerForm.Meta.fields, "is_active"]


class StepForm(forms.ModelForm):
    class Meta:
        model = PowerStep
        fields = ["name", "actor", "time_limit", "basis", "description", "optional"]


class LevelForm(forms.ModelForm):
    class Meta:
        model = DiscretionLevel
        fields = ["circumstance", "condition", "fine_min", "fine_max", "other_penalty"]


class WithdrawPowerForm(forms.Form):
    reason = forms.CharField(label="撤下理由", max_length=300)


class OfficerForm(forms.ModelForm):
    class Meta:
        model = Officer
        fields = ["name", "post", "user", "cert_number", "issuing_body", "domains", "issued_on", "expires_on",
                  "status", "in_inspection_pool"]
        widgets = {"issued_on": DATE, "expires_on": DATE}

    def __init__(self, *args, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users if users is not None else self.fields["user"].queryset.none()
        self.fields["user"].required = False
        self.fields["user"].help_text = "执法人员在平台办案时使用的账户；没有账户的可不选。"
        self.fields["user"].label_from_instance = lambda u: f"{u.display_name}（{u.username}）"


class ReviewerForm(forms.ModelForm):
    class Meta:
        model = LegalReviewer
        fields = ["user", "name", "department", "qualification", "qualification_number"]

    def __init__(self, *args, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users if users is not None else self.fields["user"].queryset.none()
        self.fields["user"].label_from_instance = lambda u: f"{u.display_name}（{u.username}）"
        self.fields["qualification"].help_text = "初次从事法制审核的，应当取得法律职业资格（《行政处罚法》第五十八条第二款）。"


class TargetForm(forms.ModelForm):
    class Meta:
        model = InspectionTarget
        fields = ["name", "uscc", "kind", "industry", "address", "legal_rep", "phone"]

    def clean_phone(self):
        value = self.cleaned_data["phone"]
        return validate_phone(value) if value else ""


# ---------------------------------------------------------------- 双随机 and inspections


class DrawForm(forms.Form):
    title = forms.CharField(label="抽查任务名称", max_length=200)
    power = forms.ModelChoiceField(label="抽查事项（行政检查）", queryset=Power.objects.none(), required=False)
    scope_note = forms.CharField(label="抽查范围", max_length=200, required=False)
    industry = forms.CharField(label="限定行业", max_length=50, required=False, help_text="留空则从全部在册对象中抽取")
    target_count = forms.IntegerField(label="抽取对象数", min_value=1, max_value=500)
    inspectors_per_target = forms.IntegerField(label="每户检查人员数", min_value=2, max_value=5, initial=2)
    planned_start = forms.DateField(label="检查开始日期", widget=DATE)
    planned_end = forms.DateField(label="检查结束日期", widget=DATE)

    def __init__(self, *args, powers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if powers is not None:
            self.fields["power"].queryset = powers


class RunDrawForm(forms.Form):
    seed = forms.CharField(label="随机种子（可选）", max_length=64, required=False,
                           help_text="留空由系统生成；也可填写公开摇号结果等当场确定的数字。种子与结果一并公布。")


class InspectionForm(forms.Form):
    target = forms.ModelChoiceField(label="检查对象", queryset=InspectionTarget.objects.none())
    kind = forms.ChoiceField(label="检查类型", choices=[c for c in Inspection.Kind.choices if c[0] != "random"])
    power = forms.ModelChoiceField(label="检查事项", queryset=Power.objects.none(), required=False)
    officers = OfficerChoice(label="检查人员（不少于两人）", queryset=Officer.objects.none())
    planned_on = forms.DateField(label="计划检查日期", widget=DATE)

    def __init__(self, *args, targets=None, powers=None, officers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets if targets is not None else InspectionTarget.objects.none()
        self.fields["power"].queryset = powers if powers is not None else Power.objects.none()
        self.fields["officers"].queryset = officers if officers is not None else Officer.objects.none()


class InspectionResultForm(forms.Form):
    inspected_on = forms.DateField(label="检查日期", widget=DATE)
    result = forms.ChoiceField(label="检查结果", choices=Inspection.Result.choices, widget=forms.RadioSelect)
    findings = forms.CharField(label="检查情况", widget=AREA)
    rectify_due = forms.DateField(label="整改期限（责令整改时填写）", widget=DATE, required=False)
    case_power = forms.ModelChoiceField(label="立案的处罚事项（立案查处时填写）", queryset=Power.objects.none(),
                                        required=False)
    case_cause = forms.CharField(label="案由（立案查处时填写）", max_length=200, required=False)

    def __init__(self, *args, powers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case_power"].queryset = powers if powers is not None else Power.objects.none()


# ---------------------------------------------------------------- cases


class PartyMixin(forms.Form):
    party_kind = forms.ChoiceField(label="当事人类型", choices=Case.PartyKind.choices)
    party_name = forms.CharField(label="当事人姓名或名称", max_length=200)
    party_id_number = forms.CharField(label="身份证号或统一社会信用代码", max_length=18,
                                      help_text="公民填写 18 位身份证号；单位填写 18 位统一社会信用代码。")
    party_phone = forms.CharField(label="联系电话", max_length=20, required=False)
    party_address = forms.CharField(label="住址或经营地址", max_length=200, required=False)

    def clean_party_phone(self):
        value = self.cleaned_data["party_phone"]
        return validate_phone(value) if value else ""


class CaseFileForm(PartyMixin):
    power = forms.ModelChoiceField(label="违法行为（处罚事项）", queryset=Power.objects.none())
    cause = forms.CharField(label="案由", max_length=200, help_text="如：某某公司未经批准擅自占道经营案")
    source = forms.ChoiceField(label="案件来源", choices=Case.Source.choices)
    party_legal_rep = forms.CharField(label="法定代表人（负责人）", max_length=50, required=False)
    facts = forms.CharField(label="违法事实（初步）", widget=AREA, required=False)
    place = forms.CharField(label="违法地点", max_length=200, required=False)
    occurred_on = forms.DateField(label="违法行为发生日期", widget=DATE, required=False)
    filed_on = forms.DateField(label="立案日期", widget=DATE)
    filing_approved_by = forms.CharField(label="立案批准人（负责人）", max_length=50, required=False)
    officers = OfficerChoice(label="承办执法人员（不少于两人，须持有效执法证）", queryset=Officer.objects.none())
    review_grounds = forms.MultipleChoiceField(
        label="法制审核情形（《行政处罚法》第五十八条）", required=False, widget=forms.CheckboxSelectMultiple,
        choices=[c for c in Case.ReviewGround.choices if c[0] not in ("catalogue", "major_rights_hearing")],
        help_text="属于下列情形之一的，作出决定前须经法制审核；列入本单位法制审核目录的事项自动适用。")

    field_order = ["power", "cause", "source", "party_kind", "party_name", "party_id_number", "party_legal_rep",
                   "party_phone", "party_address", "facts", "place", "occurred_on", "filed_on", "filing_approved_by",
                   "officers", "review_grounds"]

    def __init__(self, *args, powers=None, officers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)
        self.fields["power"].queryset = powers if powers is not None else Power.objects.none()
        self.fields["officers"].queryset = officers if officers is not None else Officer.objects.none()


class SimpleCaseForm(PartyMixin):
    power = forms.ModelChoiceField(label="违法行为（处罚事项）", queryset=Power.objects.none())
    cause = forms.CharField(label="案由", max_length=200)
    facts = forms.CharField(label="违法事实", widget=AREA)
    place = forms.CharField(label="地点", max_length=200, required=False)
    decided_on = forms.DateField(label="决定日期", widget=DATE)
    penalty_content = forms.CharField(label="处罚内容", max_length=300, help_text="如：警告；罚款 100 元")
    fine_amount = forms.DecimalField(label="罚款金额（元）", max_digits=12, decimal_places=2, required=False,
                                     min_value=0)
    discretion_level = forms.ModelChoiceField(label="适用裁量基准", queryset=DiscretionLevel.objects.none(),
                                              required=False)
    outside_range_reason = forms.CharField(label="超出裁量基准的理由", widget=AREA, required=False)
    officers = OfficerChoice(label="执法人员（不少于两人）", queryset=Officer.objects.none())

    field_order = ["power", "cause", "party_kind", "party_name", "party_id_number", "party_phone", "party_address",
                   "facts", "place", "decided_on", "penalty_content", "fine_amount", "discretion_level",
                   "outside_range_reason", "officers"]

    def __init__(self, *args, powers=None, officers=None, levels=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)
        self.fields["power"].queryset = powers if powers is not None else Power.objects.none()
        self.fields["officers"].queryset = officers if officers is not None else Officer.objects.none()
        self.fields["discretion_level"].queryset = levels if levels is not None else DiscretionLevel.objects.none()
        self.fields["discretion_level"].label_from_instance = lambda lvl: f"{lvl.power.name} · {lvl}"


class CaseFactsForm(forms.Form):
    facts = forms.CharField(label="违法事实", widget=AREA)
    place = forms.CharField(label="违法地点", max_length=200, required=False)
    occurred_on = forms.DateField(label="违法行为发生日期", widget=DATE, required=False)


class OfficersForm(forms.Form):
    officers = OfficerChoice(label="承办执法人员", queryset=Officer.objects.none())
    reason = forms.CharField(label="更换原因", max_length=300)

    def __init__(self, *args, officers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officers"].queryset = officers if officers is not None else Officer.objects.none()


class RecordForm(forms.Form):
    stage = forms.ChoiceField(label="环节", choices=Case.STAGES, initial="investigation")
    kind = forms.ChoiceField(label="记录类型", choices=CaseRecord.Kind.choices)
    title = forms.CharField(label="名称", max_length=200)
    occurred_at = forms.DateTimeField(label="时间", widget=DATETIME, input_formats=["%Y-%m-%dT%H:%M"])
    place = forms.CharField(label="地点", max_length=200, required=False)
    interviewee = forms.CharField(label="被询问人（询问笔录）", max_length=50, required=False)
    evidence_kind = forms.ChoiceField(label="证据种类（证据材料）", choices=[("", "—")] + CaseRecord.EvidenceKind.choices,
                                      required=False)
    # 先行登记保存 and its 处理决定 are recorded by their own steps, after the 负责人's approval (第五十六条).
    measure = forms.ChoiceField(label="强制措施（强制措施记录）", required=False, choices=[("", "—")] + [
        c for c in CaseRecord.Measure.choices if c[0] not in ("preserve", "preserve_decision")])
    content = forms.CharField(label="内容（笔录正文、证明对象）", widget=AREA, required=False)
    officers = OfficerChoice(label="在场执法人员（笔录须不少于两人）", queryset=Officer.objects.none(), required=False)
    file = forms.FileField(label="附件（文书扫描件、照片、音视频）", required=False,
                           help_text="上传后计算 SHA-256 并永久保存，不能替换或删除。")

    def __init__(self, *args, officers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officers"].queryset = officers if officers is not None else Officer.objects.none()
        if not self.is_bound:
            self.initial.setdefault("occurred_at", timezone.localtime().strftime("%Y-%m-%dT%H:%M"))


class SubmitReviewForm(forms.Form):
    reviewer = forms.ModelChoiceField(label="法制审核人员", queryset=LegalReviewer.objects.none())
    materials = forms.CharField(label="送审材料", widget=AREA,
                                initial="调查终结报告、证据材料清单、拟处理意见")
    grounds = forms.MultipleChoiceField(label="法制审核情形", required=False, widget=forms.CheckboxSelectMultiple,
                                        choices=Case.ReviewGround.choices)

    def __init__(self, *args, reviewers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = reviewers if reviewers is not None else LegalReviewer.objects.none()
        self.fields["reviewer"].label_from_instance = (
            lambda r: f"{r.name}（{r.department or r.org.name}，{r.get_qualification_display()}）")


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(label="审核结论", choices=LegalReview.Outcome.choices, widget=forms.RadioSelect)
    opinion = forms.CharField(label="审核意见", widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in LegalReview.CHECKLIST:
            self.fields[f"check_{key}"] = forms.ChoiceField(
                label=label, choices=[("ok", "符合"), ("problem", "存在问题")], initial="ok", widget=forms.RadioSelect)

    def checklist(self) -> dict:
        return {key: self.cleaned_data.get(f"check_{key}") for key, _ in LegalReview.CHECKLIST}


class InformForm(forms.Form):
    informed_on = forms.DateField(label="告知日期", widget=DATE)
    proposed_penalty = forms.CharField(label="拟处罚内容", widget=AREA)
    proposed_fine = forms.DecimalField(label="拟罚款金额（元）", max_digits=12, decimal_places=2, required=False,
                                       min_value=0)
    hearing_offered = forms.BooleanField(label="告知听证权利（较大数额罚款、吊销许可证件、责令停产停业等，第六十三条）",
                                         required=False)


class StatementForm(forms.Form):
    statement = forms.CharField(label="陈述申辩内容", widget=AREA, required=False)
    waived = forms.BooleanField(label="当事人书面明确放弃陈述、申辩和听证", required=False)


class HearingRequestForm(forms.Form):
    requested_on = forms.DateField(label="当事人申请听证日期", widget=DATE)


class HearingScheduleForm(forms.Form):
    notified_on = forms.DateField(label="通知日期", widget=DATE)
    hearing_on = forms.DateField(label="听证日期", widget=DATE, help_text="应在通知日起七日以后（第六十四条）")
    place = forms.CharField(label="听证地点", max_length=200)
    chair = forms.CharField(label="听证主持人（非本案调查人员）", max_length=50)


class HearingRecordForm(forms.Form):
    held_on = forms.DateField(label="听证举行日期", widget=DATE)
    summary = forms.CharField(label="听证笔录要点", widget=AREA)


class DecideForm(forms.Form):
    decision_kind = forms.ChoiceField(label="决定类型", choices=Case.DecisionKind.choices)
    decided_on = forms.DateField(label="决定日期", widget=DATE)
    penalty_content = forms.CharField(label="处罚（决定）内容", widget=AREA)
    fine_amount = forms.DecimalField(label="罚款金额（元）", max_digits=12, decimal_places=2, required=False,
                                     min_value=0)
    confiscation_amount = forms.DecimalField(label="没收违法所得（元）", max_digits=12, decimal_places=2,
                                             required=False, min_value=0)
    discretion_level = forms.ModelChoiceField(label="适用裁量基准情节", queryset=DiscretionLevel.objects.none(),
                                              required=False)
    outside_range_reason = forms.CharField(label="超出裁量基准的理由", widget=AREA, required=False,
                                           help_text="罚款不在所选情节的幅度内时必填")
    collective_discussed_on = forms.DateField(label="负责人集体讨论日期", widget=DATE, required=False,
                                              help_text="情节复杂或者重大违法行为必填（第五十七条第二款）")

    def __init__(self, *args, levels=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["discretion_level"].queryset = levels if levels is not None else DiscretionLevel.objects.none()


class ServeForm(forms.Form):
    served_on = forms.DateField(label="送达日期", widget=DATE)
    method = forms.ChoiceField(label="送达方式", choices=[c for c in Case.Service.choices if c[0] != "on_the_spot"])


class ExecuteForm(forms.Form):
    executed_on = forms.DateField(label="执行完毕日期", widget=DATE)
    method = forms.ChoiceField(label="执行方式", choices=Case.Execution.choices)
    paid_amount = forms.DecimalField(label="实缴罚没款（元）", max_digits=12, decimal_places=2, required=False,
                                     min_value=0)


class CloseForm(forms.Form):
    closed_on = forms.DateField(label="结案日期", widget=DATE)
    summary = forms.CharField(label="结案报告", widget=AREA)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", widget=AREA)


class RevokeForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=Case.Revocation.choices)
    revoked_on = forms.DateField(label="日期", widget=DATE)
    reason = forms.CharField(label="理由（随撤回公示一并公开）", widget=AREA)


class ExtensionDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(label="批示", choices=[("1", "批准延期"), ("0", "不予批准")], coerce=lambda v: v == "1",
                                     widget=forms.RadioSelect)
    note = forms.CharField(label="批示意见", max_length=300, required=False)


# ---------------------------------------------------------------- 办案期限暂停计时


class PauseClockForm(forms.Form):
    ground = forms.ChoiceField(label="暂停情形", choices=CaseClockPause.Ground.choices)
    detail = forms.CharField(label="具体事由", max_length=120,
                             help_text="如：现场提取的油烟样品送湖州市环境监测中心检测")
    basis = forms.CharField(label="依据（法律、法规、规章及条款）", max_length=120, required=False,
                            help_text=f"{CASE_PAUSE_ANCHOR}。《行政处罚法》未列举不计入的期间，请写明适用的规定；"
                                      "此项为本地设定。")
    paused_on = forms.DateField(label="暂停日（该期间开始之日）", widget=DATE)


class ResumeClockForm(forms.Form):
    resumed_on = forms.DateField(label="恢复日（该期间结束之日）", widget=DATE,
                                 help_text="自次日起继续计算办案期限")
    note = forms.CharField(label="说明", max_length=200, required=False, help_text="如：收到检测报告")


# ---------------------------------------------------------------- 先行登记保存


class PreservationRequestForm(forms.Form):
    items = forms.CharField(label="拟保存的证据（物品清单）", widget=AREA, help_text="物品名称、数量、规格")
    reason = forms.CharField(label="理由（证据可能灭失或者以后难以取得的情形）", widget=AREA)
    place = forms.CharField(label="地点", max_length=200, required=False)


class PreservationApprovalForm(forms.Form):
    approve = forms.TypedChoiceField(label="批示", choices=[("1", "批准先行登记保存"), ("0", "不予批准")],
                                     coerce=lambda v: v == "1", widget=forms.RadioSelect)
    note = forms.CharField(label="负责人意见", max_length=300, required=False, help_text="不予批准的须写明理由")


class PreserveForm(forms.Form):
    preserved_at = forms.DateTimeField(label="实施时间", widget=DATETIME, input_formats=["%Y-%m-%dT%H:%M"])
    officers = OfficerChoice(label="在场执法人员（不少于两人）", queryset=Officer.objects.none())
    content = forms.CharField(label="现场情况", widget=AREA, required=False,
                              help_text="证据清单由申请带入；可补充封存、存放和当事人签字情况")
    file = forms.FileField(label="先行登记保存通知书、清单扫描件或音像", required=False)

    def __init__(self, *args, officers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officers"].queryset = officers if officers is not None else Officer.objects.none()
        if not self.is_bound:
            self.initial.setdefault("preserved_at", timezone.localtime().strftime("%Y-%m-%dT%H:%M"))


class PreservationDecisionForm(forms.Form):
    decided_on = forms.DateField(label="处理决定日期", widget=DATE)
    outcome = forms.ChoiceField(label="处理决定", choices=EvidencePreservation.Outcome.choices)
    content = forms.CharField(label="处理决定内容", widget=AREA)
    file = forms.FileField(label="处理决定书扫描件", required=False)


# ---------------------------------------------------------------- 年度执法数据


class AnnualPrepareForm(forms.Form):
    note = forms.CharField(label="说明（随数据公开，可不填）", widget=AREA, required=False,
                           help_text="如：本年度执法领域调整、数据口径说明")


class AnnualPublishForm(forms.Form):
    review_note = forms.CharField(label="审核意见", max_length=300, required=False,
                                  help_text="已核对数据与台账一致，同意公开")


class AnnualReasonForm(forms.Form):
    reason = forms.CharField(label="理由（将在门户上说明）", widget=AREA)
