"""Input cleaning for 政府信息公开 pages; the actions check the procedure."""

from django import forms

from yifa.core.antispam import HoneypotForm
from yifa.petitions.forms import DateInput, date_field

from .models import InfoRequest, ProactiveDisclosure

R, PUB = InfoRequest, ProactiveDisclosure


class PublicationForm(forms.ModelForm):
    published_on = date_field("公开日期", required=False, help_text="已经公开的填写；留空则登记为待公开")
    url = forms.URLField(label="网址", required=False, assume_scheme="https")

    class Meta:
        model = ProactiveDisclosure
        fields = ["title", "category", "document_number", "formed_on", "published_on", "channel", "url", "summary",
                  "normative_change", "decision_count", "fee_amount"]
        widgets = {"formed_on": DateInput(), "summary": forms.Textarea(attrs={"rows": 4})}


class OnForm(forms.Form):
    on = date_field("日期")


class PublishForm(forms.Form):
    on = date_field("公开日期")


class WithdrawPublicationForm(forms.Form):
    on = date_field("撤回日期")
    reason = forms.CharField(label="撤回理由", max_length=300)


class RequestForm(forms.ModelForm):
    """登记 a request received on paper, in person, by letter, fax or e-mail."""

    class Meta:
        model = InfoRequest
        fields = ["source", "received_on", "applicant_type", "applicant_name", "id_number", "credit_code",
                  "contact_name", "phone", "email", "address", "description", "medium", "delivery"]
        widgets = {"received_on": DateInput(), "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [c for c in R.Source.choices if c[0] != R.Source.ONLINE]


def grouped_reasons():
    return [(R.Outcome(outcome).label, [(r, R.Reason(r).label) for r in reasons if r != R.Reason.NO_CORRECTION])
            for outcome, reasons in R.REASONS.items()]


class ReplyForm(forms.Form):
    on = date_field("答复日期")
    outcome = forms.ChoiceField(label="办理结果", choices=R.Outcome.choices, widget=forms.RadioSelect,
                                help_text="按第三十六条；能够区分处理的，应当部分公开（第三十七条）")
    reason = forms.ChoiceField(label="具体情形", choices=[("", "请选择")] + grouped_reasons(),
                               help_text="部分公开的，选择不予公开部分的理由")
    reply_text = forms.CharField(label="答复内容", required=False, widget=forms.Textarea(attrs={"rows": 5}),
                                 help_text="提供的信息或获取途径；不予公开、不予处理的具体理由")
    referred_agency = forms.CharField(label="负责公开的机关及联系方式", max_length=200, required=False,
                                      help_text="不属于本机关负责公开、能够确定负责机关的填写（第三十六条第（五）项）")


class CorrectionForm(forms.Form):
    on = date_field("告知日期", help_text="收到申请之日起7个工作日内一次性告知（第三十条）")
    items = forms.CharField(label="需补正的事项", widget=forms.Textarea(attrs={"rows": 3}))
    deadline = date_field("补正期限", help_text="本机关确定的合理期限；逾期无正当理由不补正的，视为放弃申请")


class ConsultForm(forms.Form):
    on = date_field("书面征求意见日期")
    third_party = forms.CharField(label="第三方", max_length=100, help_text="第三方应在15个工作日内提出意见（第三十二条）")


class OpinionForm(forms.Form):
    on = date_field("收到意见日期")
    opinion = forms.ChoiceField(label="第三方意见", choices=R.ThirdPartyOpinion.choices, widget=forms.RadioSelect)


class WithdrawForm(forms.Form):
    on = date_field("撤回日期")
    note = forms.CharField(label="说明", max_length=200, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", max_length=300)


class ExtendForm(forms.Form):
    reason = forms.CharField(label="延期理由", max_length=300, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="经政府信息公开工作机构负责人同意并告知申请人，延长不超过20个工作日（第三十三条）")


class RemedyForm(forms.Form):
    reconsideration = forms.ChoiceField(label="行政复议", required=False, choices=[("", "未申请")] + R.Remedy.choices)
    litigation = forms.ChoiceField(label="行政诉讼", required=False, choices=[("", "未起诉")] + R.Litigation.choices)
    litigation_result = forms.ChoiceField(label="诉讼结果", required=False, choices=[("", "—")] + R.Remedy.choices)


class RequestFilterForm(forms.Form):
    q = forms.CharField(label="关键词", required=False,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": "编号、申请人或信息描述"}))
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部状态"), *R.Status.choices])
    outcome = forms.ChoiceField(label="办理结果", required=False, choices=[("", "全部结果"), *R.Outcome.choices])
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100,
                              widget=forms.NumberInput(attrs={"placeholder": "年度"}))
    due = forms.ChoiceField(label="期限", required=False,
                            choices=[("", "全部期限"), ("overdue", "已逾期"), ("soon", "5个工作日内到期")])
    cell = forms.CharField(required=False, widget=forms.HiddenInput)


class PublicationFilterForm(forms.Form):
    q = forms.CharField(label="关键词", required=False,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": "标题、文号或索引号"}))
    category = forms.ChoiceField(label="类别", required=False, choices=[("", "全部类别"), *PUB.Category.choices])
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部状态"), *PUB.Status.choices])
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100,
                              widget=forms.NumberInput(attrs={"placeholder": "年度"}))
    cell = forms.CharField(required=False, widget=forms.HiddenInput)


class PublicRequestForm(HoneypotForm):
    """依申请公开 on the portal: the contents 第二十九条 asks for."""

    org = forms.ModelChoiceField(label="向哪个乡镇（街道）申请", queryset=None, empty_label="请选择")
    applicant_type = forms.ChoiceField(label="申请人类型", choices=R.ApplicantType.choices, initial="person")
    applicant_name = forms.CharField(label="姓名或名称", max_length=100)
    id_number = forms.CharField(label="身份证号", max_length=18, required=False,
                                help_text="自然人填写", widget=forms.TextInput(attrs={"autocomplete": "off"}))
    credit_code = forms.CharField(label="统一社会信用代码", max_length=18, required=False, help_text="法人或其他组织填写")
    contact_name = forms.CharField(label="联系人", max_length=50, required=False, help_text="法人或其他组织填写")
    phone = forms.CharField(label="联系电话", max_length=20, widget=forms.TextInput(attrs={"inputmode": "tel",
                                                                                         "autocomplete": "tel"}))
    email = forms.EmailField(label="电子邮箱", required=False)
    address = forms.CharField(label="通信地址", max_length=200, required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "street-address"}))
    description = forms.CharField(label="所需政府信息的名称、文号或者便于查询的其他特征性描述", max_length=5000,
                                  widget=forms.Textarea(attrs={"rows": 5}))
    medium = forms.ChoiceField(label="提供形式", choices=R.Medium.choices)
    delivery = forms.ChoiceField(label="获取方式", choices=R.Delivery.choices)

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs

    def clean(self):
        data = super().clean()
        if data.get("applicant_type") == R.ApplicantType.PERSON and not data.get("id_number"):
            self.add_error("id_number", "自然人申请的，请填写身份证号（第二十九条：申请人的身份证明）。")
        return data
