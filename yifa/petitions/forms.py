"""Input cleaning for 信访 pages. The actions check the procedure; these check the shape of the input."""

from django import forms

from yifa.core.antispam import HoneypotForm

from .models import Petition

P = Petition


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label: str, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput(), **kwargs)


class RegisterForm(forms.ModelForm):
    """登记信访事项."""

    class Meta:
        model = Petition
        fields = ["channel", "received_on", "referred_by", "referral_number", "petitioner_name",
                  "petitioner_id_number", "petitioner_phone", "petitioner_address", "headcount", "contact_unclear",
                  "title", "content", "category", "subject"]
        widgets = {
            "received_on": DateInput(),
            "content": forms.Textarea(attrs={"rows": 6}),
            "petitioner_id_number": forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}),
            "petitioner_phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
        }
        help_texts = {
            "referred_by": "仅“上级转送交办”时填写，如“吴兴区信访局”",
            "category": "第二十九条至第三十一条：建议意见类、检举控告类、申诉求决类",
        }


class NotifyForm(forms.Form):
    """告知 (第二十三条): 受理, 不予受理 or 转送."""

    DECISIONS = [("accept", "受理"), ("refuse", "不予受理"), ("transfer", "转送有权处理的机关")]
    decision = forms.ChoiceField(label="告知结果", choices=DECISIONS, widget=forms.RadioSelect)
    on = date_field("告知日期")
    transferred_to = forms.CharField(label="转送机关", max_length=100, required=False,
                                     help_text="选择“转送”时填写")
    notice_text = forms.CharField(label="告知内容", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text="不予受理的，写明理由和应当通过的途径（诉讼、仲裁、行政复议等）")

    def clean(self):
        data = super().clean()
        if data.get("decision") == "transfer" and not data.get("transferred_to"):
            self.add_error("transferred_to", "请填写转送机关。")
        if data.get("decision") == "refuse" and not data.get("notice_text"):
            self.add_error("notice_text", "请写明不予受理的理由和应当通过的途径（第三十一条）。")
        return data


class ObjectForm(forms.Form):
    on = date_field("提出异议日期")
    reason = forms.CharField(label="异议理由", widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="说明不属于本单位职权范围的理由（第二十三条，5个工作日内）")


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", max_length=300, widget=forms.Textarea(attrs={"rows": 3}))


class ExtendForm(forms.Form):
    reason = forms.CharField(label="延期理由", max_length=300, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="经负责人批准，延长不超过30日，并告知信访人延期理由（第三十四条）")


class ReplyForm(forms.Form):
    on = date_field("送达日期", help_text="处理意见书送达信访人的日期")
    opinion = forms.ChoiceField(label="处理意见", choices=P.Opinion.choices, widget=forms.RadioSelect)
    opinion_text = forms.CharField(label="处理意见及依据", widget=forms.Textarea(attrs={"rows": 6}),
                                   help_text="写明信访人的请求、事实和理由，处理意见及其依据（第三十二条）")


class RequestForm(forms.Form):
    on = date_field("申请日期")
    organ = forms.CharField(label="受理机关", max_length=100)


class DecideForm(forms.Form):
    on = date_field("意见日期")
    result = forms.ChoiceField(label="结果", choices=P.ReviewResult.choices, widget=forms.RadioSelect)
    note = forms.CharField(label="意见摘要", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class SatisfactionForm(forms.Form):
    on = date_field("评价日期")
    satisfaction = forms.ChoiceField(label="满意度", choices=P.Satisfaction.choices, widget=forms.RadioSelect)
    note = forms.CharField(label="说明", max_length=300, required=False)


class MediationForm(forms.Form):
    on = date_field("转调解日期")
    note = forms.CharField(label="移交说明", max_length=300, required=False,
                           help_text="如：双方均同意调解，请调委会受理")


class SubmissionForm(forms.Form):
    category = forms.ChoiceField(label="事项类别", choices=P.Category.choices)
    subject = forms.ChoiceField(label="问题分类", choices=P.Subject.choices)


class FilterForm(forms.Form):
    q = forms.CharField(label="关键词", required=False,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": "编号、事项或信访人"}))
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部状态"), *P.Status.choices])
    channel = forms.ChoiceField(label="信访形式", required=False, choices=[("", "全部形式"), *P.Channel.choices])
    category = forms.ChoiceField(label="类别", required=False, choices=[("", "全部类别"), *P.Category.choices])
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100,
                              widget=forms.NumberInput(attrs={"placeholder": "年度"}))
    due = forms.ChoiceField(label="期限", required=False,
                            choices=[("", "全部期限"), ("overdue", "已逾期"), ("soon", "7日内到期")])
    cell = forms.CharField(required=False, widget=forms.HiddenInput)


class PublicPetitionForm(HoneypotForm):
    """网上信访 on the portal: what 第十九条 asks for (姓名、住址、请求、事实、理由) and a way to reach the person."""

    org = forms.ModelChoiceField(label="反映给哪个乡镇（街道）", queryset=None, empty_label="请选择")
    petitioner_name = forms.CharField(label="姓名", max_length=100)
    petitioner_phone = forms.CharField(label="联系电话", max_length=20,
                                       widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))
    petitioner_address = forms.CharField(label="住址", max_length=200, required=False,
                                         widget=forms.TextInput(attrs={"autocomplete": "street-address"}))
    title = forms.CharField(label="反映事项（一句话概括）", max_length=200)
    content = forms.CharField(label="诉求、事实和理由", max_length=5000, widget=forms.Textarea(attrs={"rows": 7}))

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
