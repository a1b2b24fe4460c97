"""Input cleaning for the mediation pages. Business rules live in actions; forms shape the input."""

from django import forms
from django.core.exceptions import ValidationError

from yifa.core import deadlines
from yifa.core.antispam import HoneypotForm
from yifa.core.identity import validate_id_number, validate_phone
from yifa.core.models import Org

from .models import (Agreement, Committee, DisputeCase, DisputeType, Finding, FollowUp, Mediator, Party,
                     ScreeningRound)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def date_field(label: str, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput, help_text=help_text)


def _not_future(value):
    if value and value > deadlines.today():
        raise ValidationError("日期不能晚于今天。")
    return value


class CaseForm(forms.ModelForm):
    registered_on = date_field("登记日期")

    class Meta:
        model = DisputeCase
        fields = ["title", "dispute_type", "channel", "referral_from", "referral_ref", "registered_on",
                  "description", "claims", "location", "amount", "people_involved"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "claims": forms.Textarea(attrs={"rows": 2})}

    def clean_registered_on(self):
        return _not_future(self.cleaned_data["registered_on"])


class CaseEditForm(CaseForm):
    class Meta(CaseForm.Meta):
        fields = [f for f in CaseForm.Meta.fields if f != "registered_on"]


class PartyForm(forms.ModelForm):
    class Meta:
        model = Party
        fields = ["side", "kind", "name", "gender", "ethnicity", "occupation", "id_number", "legal_rep", "phone",
                  "address"]
        help_texts = {"id_number": "自然人填 18 位身份证号，组织填 18 位统一社会信用代码；系统校验校验位"}


class BasePartyFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        if not any(form.has_changed() and form.cleaned_data.get("name") for form in self.forms):
            raise ValidationError("请至少登记一名当事人（人民调解法第十七条）。")

    def party_dicts(self) -> list[dict]:
        return [{k: v for k, v in form.cleaned_data.items()} for form in self.forms
                if form.has_changed() and form.cleaned_data.get("name")]


PartyFormSet = forms.formset_factory(PartyForm, formset=BasePartyFormSet, extra=0)


def party_formset(data=None):
    initial = [{"side": Party.Side.APPLICANT}, {"side": Party.Side.RESPONDENT}]
    return PartyFormSet(data, prefix="party", initial=initial)


class OnDateForm(forms.Form):
    on = date_field("日期")
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, label="日期", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].label = label
        self.fields["on"].initial = deadlines.today()

    def clean_on(self):
        return _not_future(self.cleaned_data["on"])


class RejectForm(forms.Form):
    reason = forms.ChoiceField(label="不予受理原因", choices=[("", "请选择")] + list(DisputeCase.RejectReason.choices))
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                           help_text="选择“其他原因”时必填；原因会告知申请人")


class AssignForm(forms.Form):
    committee = forms.ModelChoiceField(label="承办调委会", queryset=Committee.objects.none())
    lead = forms.ModelChoiceField(label="主持调解员", queryset=Mediator.objects.none())
    co_mediators = forms.ModelMultipleChoiceField(label="协同调解员", queryset=Mediator.objects.none(), required=False,
                                                  widget=forms.CheckboxSelectMultiple)
    on = date_field("指派日期")

    def __init__(self, *args, case: DisputeCase, **kwargs):
        super().__init__(*args, **kwargs)
        committees = Committee.objects.filter(org=case.org, is_active=True)
        people = (Mediator.objects.filter(committee__in=committees, is_active=True)
                  .exclude(position=Mediator.Position.LEGAL_ADVISER).select_related("committee"))
        self.fields["committee"].queryset = committees
        self.fields["lead"].queryset = people
        self.fields["co_mediators"].queryset = people
        self.fields["lead"].label_from_instance = _mediator_label
        self.fields["co_mediators"].label_from_instance = _mediator_label
        self.fields["on"].initial = deadlines.today()
        if len(committees) == 1:
            self.fields["committee"].initial = committees[0]

    def clean_on(self):
        return _not_future(self.cleaned_data["on"])


def _mediator_label(m: Mediator) -> str:
    extra = "、".join(filter(None, [m.get_grade_display() if m.grade else "", "擅长" + "、".join(
        m.speciality_labels()) if m.specialities else ""]))
    return f"{m.name}（{m.get_position_display()}{('，' + extra) if extra else ''}）"


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, label="理由", help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label
        self.fields["reason"].help_text = help_text


class SessionForm(forms.Form):
    held_on = date_field("调解日期", help_text="填写将来的日期即为安排调解，召开后再记录情况")
    place = forms.CharField(label="地点", max_length=200)
    mediators = forms.ModelMultipleChoiceField(label="参加调解员、法律顾问", queryset=Mediator.objects.none(),
                                               required=False, widget=forms.CheckboxSelectMultiple)
    attendees = forms.CharField(label="参加人员", max_length=300, required=False,
                                help_text="到场的当事人、代理人及经当事人同意邀请的人员（人民调解法第二十条）")
    summary = forms.CharField(label="调解情况", required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, case: DisputeCase, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = [case.org_id, *case.org.ancestors().values_list("pk", flat=True)]
        people = Mediator.objects.filter(committee__org_id__in=orgs, is_active=True).select_related("committee")
        self.fields["mediators"].queryset = people
        self.fields["mediators"].label_from_instance = _mediator_label
        self.fields["mediators"].initial = [m.pk for m in case.mediators()]
        self.fields["held_on"].initial = deadlines.today()


class RecordSessionForm(forms.Form):
    summary = forms.CharField(label="调解情况", widget=forms.Textarea(attrs={"rows": 4}))
    attendees = forms.CharField(label="参加人员", max_length=300, required=False)


class AgreementForm(forms.ModelForm):
    performance_deadline = date_field("履行期限")

    class Meta:
        model = Agreement
        fields = ["facts", "issues", "responsibilities", "terms", "performance_method", "performance_deadline",
                  "performance_place", "copies"]
        widgets = {k: forms.Textarea(attrs={"rows": 3}) for k in
                   ("facts", "issues", "responsibilities", "terms", "performance_method")}
        help_texts = {
            "terms": "逐条写明，如“一、李某于2025年3月31日前一次性支付张某修理费2000元。”",
            "copies": "当事人各执一份，调委会留存一份",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("facts", "issues", "responsibilities", "terms", "performance_method"):
            self.fields[name].required = True


class SignForm(forms.Form):
    parties = forms.MultipleChoiceField(label="已签名、盖章或按指印的当事人", required=False,
                                        widget=forms.CheckboxSelectMultiple)
    mediator_signed = forms.BooleanField(label="调解员已签名", required=False)
    sealed = forms.BooleanField(label="已加盖人民调解委员会印章", required=False)
    signing_mediator = forms.ModelChoiceField(label="签名调解员", queryset=Mediator.objects.none())
    effective_on = date_field("签署生效日期")
    wants_confirmation = forms.TypedChoiceField(
        label="当事人是否拟申请司法确认", coerce=lambda v: {"yes": True, "no": False}.get(v), empty_value=None,
        choices=[("undecided", "尚未决定（系统在30日期限内提醒）"), ("yes", "拟申请"), ("no", "不申请")],
        initial="undecided")

    def __init__(self, *args, case: DisputeCase, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parties"].choices = [(str(p.pk), f"{p.get_side_display()} {p.name}") for p in case.parties.all()]
        ids = [m.pk for m in case.mediators()]
        self.fields["signing_mediator"].queryset = Mediator.objects.filter(pk__in=ids)
        self.fields["signing_mediator"].initial = case.lead_mediator_id
        self.fields["effective_on"].initial = deadlines.today()

    def clean_effective_on(self):
        return _not_future(self.cleaned_data["effective_on"])


class OralForm(forms.Form):
    terms = forms.CharField(label="口头协议内容", widget=forms.Textarea(attrs={"rows": 3}))
    performance_method = forms.CharField(label="履行方式", widget=forms.Textarea(attrs={"rows": 2}))
    performance_deadline = date_field("履行期限", required=False)
    agreed_on = date_field("达成协议日期")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreed_on"].initial = deadlines.today()

    def clean_agreed_on(self):
        return _not_future(self.cleaned_data["agreed_on"])


class FailureForm(forms.Form):
    routes = forms.MultipleChoiceField(label="已告知当事人的其他途径", choices=DisputeCase.Route.choices,
                                       widget=forms.CheckboxSelectMultiple,
                                       help_text="人民调解法第二十六条：调解不成的，应当终止调解，并依法告知当事人可以依法通过"
                                                 "仲裁、行政、司法等途径维护自己的权利")
    note = forms.CharField(label="调解不成情况", widget=forms.Textarea(attrs={"rows": 3}))
    on = date_field("终止调解日期")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = deadlines.today()

    def clean_on(self):
        return _not_future(self.cleaned_data["on"])


class ConfirmationForm(forms.Form):
    declined = forms.TypedChoiceField(label="司法确认", coerce=lambda v: v == "declined",
                                      choices=[("applied", "当事人已共同申请司法确认"), ("declined", "当事人不申请")],
                                      widget=forms.RadioSelect, initial="applied")
    applied_on = date_field("申请日期", required=False)
    court = forms.CharField(label="受理法院", max_length=100, required=False)
    result = forms.CharField(label="确认结果", max_length=100, required=False, help_text="如“裁定确认调解协议有效”；尚无结果可不填")

    def clean(self):
        data = super().clean()
        if not data.get("declined"):
            if not data.get("applied_on"):
                self.add_error("applied_on", "请填写申请日期。")
            if not data.get("court"):
                self.add_error("court", "请填写受理法院。")
        return data


class FollowUpForm(forms.ModelForm):
    visited_on = date_field("回访日期")

    class Meta:
        model = FollowUp
        fields = ["visited_on", "method", "visitor", "performance", "satisfaction", "result"]
        widgets = {"result": forms.Textarea(attrs={"rows": 3})}

    def clean_visited_on(self):
        return _not_future(self.cleaned_data["visited_on"])


class CommitteeForm(forms.ModelForm):
    term_start = date_field("本届任期起始", help_text="每届任期三年（人民调解法第九条）")

    class Meta:
        model = Committee
        fields = ["name", "term_start", "phone", "address", "is_active"]


class MediatorForm(forms.ModelForm):
    specialities = forms.MultipleChoiceField(label="擅长纠纷类型", choices=DisputeType.choices, required=False,
                                             widget=forms.CheckboxSelectMultiple)
    appointed_on = date_field("聘任/推选日期", required=False)

    class Meta:
        model = Mediator
        fields = ["name", "gender", "position", "grade", "specialities", "phone", "workplace", "user",
                  "appointed_on", "is_active"]

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        ancestors = [committee.org_id, *committee.org.ancestors().values_list("pk", flat=True)]
        users = self.fields["user"].queryset.filter(memberships__org_id__in=ancestors).distinct()
        self.fields["user"].queryset = users.order_by("username")
        self.fields["user"].label_from_instance = lambda u: f"{u.display_name}（{u.username}）"
        self.fields["user"].help_text = "关联后，该调解员在工作台看到指派给自己的纠纷"

    def clean_phone(self):
        phone = self.cleaned_data.get("phone")
        return validate_phone(phone) if phone else ""


class RoundForm(forms.ModelForm):
    planned_on = date_field("计划日期")

    class Meta:
        model = ScreeningRound
        fields = ["org", "grid", "topic", "planned_on", "screeners"]

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = Org.objects.filter(pk__in=[o.pk for o in orgs])


class CompleteRoundForm(forms.Form):
    held_on = date_field("实施日期")
    households = forms.IntegerField(label="走访户数", min_value=0, required=False)
    screeners = forms.CharField(label="排查人员", max_length=200, required=False)
    notes = forms.CharField(label="排查情况", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].initial = deadlines.today()

    def clean_held_on(self):
        return _not_future(self.cleaned_data["held_on"])


class FindingForm(forms.ModelForm):
    class Meta:
        model = Finding
        fields = ["description", "dispute_type", "party_names", "location", "risk"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class NoteForm(forms.Form):
    note = forms.CharField(label="处理情况", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, label="处理情况", compact=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].label = label
        if compact:
            self.fields["note"].widget = forms.TextInput(attrs={"placeholder": "如：已约谈当事人、已报告派出所"})


class FileForm(forms.Form):
    kind = forms.ChoiceField(label="材料种类")
    note = forms.CharField(label="说明", max_length=100, required=False)
    file = forms.FileField(label="文件", help_text="PDF、图片、Word、音频或视频；文件按内容哈希保存，不会被覆盖")

    def __init__(self, *args, **kwargs):
        from .actions import FILE_KINDS

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "请选择")] + [(k, k) for k in FILE_KINDS]


# ------------------------------------------------------------------ public side


class ApplicationForm(HoneypotForm):
    """网上申请人民调解: what the applicant tells us, and their consent."""

    name = forms.CharField(label="您的姓名", max_length=50)
    phone = forms.CharField(label="联系电话", max_length=20, help_text="调解员会通过这个电话与您联系")
    id_number = forms.CharField(label="身份证号", max_length=18, required=False,
                                help_text="可不填；填写后便于调解员核实身份")
    address = forms.CharField(label="住址", max_length=200)
    other_name = forms.CharField(label="对方当事人姓名或单位名称", max_length=100)
    other_phone = forms.CharField(label="对方联系电话", max_length=20, required=False)
    other_address = forms.CharField(label="对方住址", max_length=200, required=False)
    org = forms.ModelChoiceField(label="向哪个调委会申请", queryset=Org.objects.none(),
                                 help_text="一般选择纠纷发生地或您居住地的村（社区）、乡镇（街道）")
    dispute_type = forms.ChoiceField(label="纠纷类型", choices=[("", "请选择")] + list(DisputeType.choices))
    description = forms.CharField(label="纠纷经过", max_length=2000, widget=forms.Textarea(attrs={"rows": 5}),
                                  help_text="请写明时间、地点、发生了什么")
    claims = forms.CharField(label="您的请求", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    consent = forms.BooleanField(
        label="我已阅读上述说明，自愿申请人民调解，并同意调委会为调解本纠纷使用我填写的个人信息", required=True,
        error_messages={"required": "请阅读说明并勾选同意后再提交。"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = Committee.objects.filter(is_active=True).values("org")
        self.fields["org"].queryset = Org.objects.filter(pk__in=units, is_active=True).order_by("path")
        self.fields["org"].label_from_instance = lambda o: (
            " · ".join(a.name for a in o.ancestors() if a.depth >= 1) + " · " + o.name
            if o.depth >= 2 else o.name)

    def clean_phone(self):
        return validate_phone(self.cleaned_data["phone"])

    def clean_other_phone(self):
        phone = self.cleaned_data.get("other_phone")
        return validate_phone(phone) if phone else ""

    def clean_id_number(self):
        value = self.cleaned_data.get("id_number")
        return validate_id_number(value) if value else ""

    def parties(self) -> list[dict]:
        d = self.cleaned_data
        return [
            {"side": Party.Side.APPLICANT, "kind": Party.Kind.PERSON, "name": d["name"], "phone": d["phone"],
             "id_number": d["id_number"], "address": d["address"]},
            {"side": Party.Side.RESPONDENT, "kind": Party.Kind.PERSON, "name": d["other_name"],
             "phone": d["other_phone"], "address": d["other_address"]},
        ]


class RatingForm(forms.Form):
    rating = forms.ChoiceField(label="您对这次调解服务的评价", choices=DisputeCase.Rating.choices,
                               widget=forms.RadioSelect)
    comment = forms.CharField(label="意见建议", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3}))
