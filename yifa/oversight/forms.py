"""Input cleaning for 代表建议 and 行政复议/应诉: Chinese messages, no date in the future."""

import re

from django import forms

from yifa.core import deadlines
from yifa.core.identity import validate_phone
from yifa.core.models import User

from .models import CoHandler, FollowUpLetter, Hearing, RespondentCase, Suggestion

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def past_date(label: str, required: bool = True, help_text: str = "") -> forms.DateField:
    """A date that has already happened (today at the latest)."""

    def not_future(value):
        if value and value > deadlines.today():
            raise forms.ValidationError("日期不能晚于今天。")

    return forms.DateField(label=label, required=required, widget=DATE_WIDGET, validators=[not_future],
                           help_text=help_text)


class SuggestionForm(forms.ModelForm):
    assigned_on = past_date("交办日期")

    class Meta:
        model = Suggestion
        fields = ["kind", "our_role", "serial_no", "session", "title", "proposer", "co_proposers", "proposer_phone",
                  "content", "assigned_by", "assigned_on", "difficult", "key_supervision"]
        widgets = {"content": forms.Textarea(attrs={"rows": 4})}

    def clean_proposer_phone(self):
        phone = self.cleaned_data.get("proposer_phone", "")
        return validate_phone(phone) if phone else ""


class SuggestionCorrectForm(forms.ModelForm):
    """更正登记信息: everything but the 交办日期 and 难度, which set the statutory clock."""

    class Meta:
        model = Suggestion
        fields = ["serial_no", "session", "title", "proposer", "co_proposers", "proposer_phone", "content",
                  "assigned_by", "key_supervision"]
        widgets = {"content": forms.Textarea(attrs={"rows": 4})}

    def clean_proposer_phone(self):
        phone = self.cleaned_data.get("proposer_phone", "")
        return validate_phone(phone) if phone else ""


class CaseCorrectForm(forms.ModelForm):
    class Meta:
        model = RespondentCase
        fields = ["case_no", "body", "claimant", "claimant_is_organisation", "act_category", "disputed_act", "agent"]


class AssignForm(forms.Form):
    lead_department = forms.CharField(label="主办科室", max_length=60)
    handler = forms.ModelChoiceField(label="经办人", queryset=User.objects.none(), required=False)
    co_handlers = forms.CharField(label="协办单位", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                  help_text="每行一个单位，或用顿号分隔；没有协办单位的留空")

    def __init__(self, *args, org=None, **kwargs):
        super().__init__(*args, **kwargs)
        if org is not None:
            self.fields["handler"].queryset = User.objects.filter(
                memberships__org__path__startswith=org.path, is_active=True).distinct().order_by("username")

    def clean_co_handlers(self):
        names = [n.strip() for n in re.split(r"[\n、,，;；]", self.cleaned_data.get("co_handlers", "")) if n.strip()]
        too_long = [n for n in names if len(n) > 80]
        if too_long:
            raise forms.ValidationError(f"单位名称过长：{too_long[0][:20]}…")
        return names


class ContactForm(forms.Form):
    contacted_on = past_date("沟通日期")
    note = forms.CharField(label="沟通情况", max_length=300, widget=forms.Textarea(attrs={"rows": 2}),
                           help_text="如“走访代表，面商办理方案”“电话沟通”")


class CoOpinionForm(forms.Form):
    co_handler = forms.ModelChoiceField(label="协办单位", queryset=CoHandler.objects.none())
    opinion_on = past_date("意见日期")
    opinion = forms.CharField(label="协办意见", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, suggestion=None, **kwargs):
        super().__init__(*args, **kwargs)
        if suggestion is not None:
            self.fields["co_handler"].queryset = suggestion.co_handlers.filter(opinion_on__isnull=True)


class ReplyForm(forms.Form):
    replied_on = past_date("答复日期")
    category = forms.ChoiceField(label="答复类别", choices=Suggestion.Category.choices)
    reply_no = forms.CharField(label="答复文号", max_length=60, required=False)
    summary = forms.CharField(label="答复内容摘要", widget=forms.Textarea(attrs={"rows": 4}))


class CloseForm(forms.Form):
    feedback_on = past_date("反馈日期", required=False)
    satisfaction = forms.ChoiceField(label="代表（委员）满意度", required=False,
                                     choices=[("", "—")] + Suggestion.Satisfaction.choices,
                                     help_text="据代表填回的《办理情况征询意见表》；协办的建议无需测评")
    note = forms.CharField(label="代表意见", max_length=300, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="原因", max_length=300, widget=forms.Textarea(attrs={"rows": 2}))


class CaseForm(forms.ModelForm):
    received_on = past_date("收到答复通知书（起诉状副本）日期", help_text="答复（答辩）期限从次日起算")

    class Meta:
        model = RespondentCase
        fields = ["kind", "simple_procedure", "case_no", "body", "claimant", "claimant_is_organisation",
                  "act_category", "disputed_act", "received_on", "agent"]


class CaseReplyForm(forms.Form):
    replied_on = past_date("提交日期")
    summary = forms.CharField(label="答复（答辩）要点", widget=forms.Textarea(attrs={"rows": 4}))
    evidence = forms.CharField(label="提交的证据和依据", widget=forms.Textarea(attrs={"rows": 4}),
                               help_text="逐项列明证据材料和所依据的法律、法规、规范性文件")


class HearingForm(forms.ModelForm):
    held_on = past_date("开庭（听证）日期")

    class Meta:
        model = Hearing
        fields = ["kind", "held_on", "place", "court_notified", "appearance", "head_name", "head_title", "staff",
                  "lawyer", "absence_reason", "absence_note", "note"]


class ConcludeForm(forms.Form):
    outcome = forms.ChoiceField(label="审结结果", choices=RespondentCase.Outcome.choices)
    decided_on = past_date("审结日期")
    decision_no = forms.CharField(label="决定书（判决书、裁定书）文号", max_length=60, required=False)
    note = forms.CharField(label="审结情况", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        if case is not None:
            self.fields["outcome"].choices = case.outcomes_allowed()


class PerformanceForm(forms.Form):
    performed_on = past_date("履行日期")
    note = forms.CharField(label="履行（纠错）情况", max_length=300, widget=forms.Textarea(attrs={"rows": 2}))


class AppealForm(forms.Form):
    received_on = past_date("收到上诉状副本日期")
    case_no = forms.CharField(label="二审案号", max_length=60)
    body = forms.CharField(label="二审法院", max_length=80)
    note = forms.CharField(label="上诉情况", max_length=200, required=False, help_text="如“原告不服一审判决提起上诉”")


class LetterForm(forms.ModelForm):
    received_on = past_date("收到日期")

    class Meta:
        model = FollowUpLetter
        fields = ["kind", "letter_no", "issued_by", "received_on", "content"]
        widgets = {"content": forms.Textarea(attrs={"rows": 3})}


class AnswerLetterForm(forms.Form):
    answered_on = past_date("回复日期")
    answer = forms.CharField(label="整改（采纳）情况", widget=forms.Textarea(attrs={"rows": 4}))
