"""Input cleaning for legality review and the adviser roster. Rules live in actions.py."""

from django import forms
from django.db.models import Q

from yifa.core.models import Org, Role, User

from .models import AdviserService, LegalAdviser, ReviewRequest

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReviewRequestForm(forms.Form):
    subject = forms.ChoiceField(label="审查事项类别", choices=ReviewRequest.Subject.choices)
    title = forms.CharField(label="送审事项", max_length=200)
    counterpart = forms.CharField(label="合同相对方", max_length=100, required=False, help_text="合同审查必填")
    amount = forms.DecimalField(label="合同金额（元）", required=False, min_value=0, max_digits=14, decimal_places=2)
    materials = forms.CharField(label="送审材料", widget=forms.Textarea(attrs={"rows": 4}),
                                help_text="草案文本、起草说明、法律依据、已履行程序的说明等")
    question = forms.CharField(label="需审查的问题", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class AssignForm(forms.Form):
    reviewer = forms.ModelChoiceField(label="审查人（司法所）", queryset=User.objects.none(), required=False)
    adviser = forms.ModelChoiceField(label="法律顾问 / 公职律师", queryset=LegalAdviser.objects.none(), required=False)

    def __init__(self, *args, review: ReviewRequest, **kwargs):
        super().__init__(*args, **kwargs)
        above = [int(p) for p in review.org.path.strip("/").split("/")]
        self.fields["reviewer"].queryset = (
            User.objects.filter(is_active=True, memberships__org_id__in=above,
                                memberships__role__in=[Role.REVIEWER, Role.HEAD])
            .exclude(pk=review.submitted_by_id).distinct().order_by("full_name"))
        self.fields["adviser"].queryset = LegalAdviser.objects.filter(
            Q(org__path__startswith=review.org.path) | Q(org_id__in=above), is_active=True).select_related("org")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("reviewer") and not cleaned.get("adviser"):
            raise forms.ValidationError("请选择审查人或法律顾问（至少一项）。")
        return cleaned


class ReturnForm(forms.Form):
    reason = forms.CharField(label="需要补充的材料", widget=forms.Textarea(attrs={"rows": 3}))


class ResubmitForm(forms.Form):
    materials = forms.CharField(label="补充的材料", widget=forms.Textarea(attrs={"rows": 3}))


class OpinionForm(forms.Form):
    conclusion = forms.ChoiceField(label="审查结论", choices=[("", "请选择")] + ReviewRequest.Conclusion.choices)
    opinion = forms.CharField(label="审查意见", widget=forms.Textarea(attrs={"rows": 6}),
                              help_text="从制定主体、权限、程序、内容等方面写明意见和修改建议")
    basis = forms.CharField(label="审查依据", widget=forms.Textarea(attrs={"rows": 3}))
    issued_on = forms.DateField(label="出具日期", widget=DATE)
    short_review_reason = forms.CharField(label="缩短审查时间的理由", max_length=200, required=False,
                                          help_text="早于法定最短审查时间出具时必填")


class AdoptionForm(forms.Form):
    adoption = forms.ChoiceField(label="采纳情况", choices=[("", "请选择")] + ReviewRequest.Adoption.choices)
    note = forms.CharField(label="说明", widget=forms.Textarea(attrs={"rows": 3}), required=False,
                           help_text="部分采纳或未采纳的，须说明理由")


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="撤回理由", widget=forms.Textarea(attrs={"rows": 2}))


class AdviserForm(forms.ModelForm):
    org = forms.ModelChoiceField(label="服务单位", queryset=Org.objects.none())

    class Meta:
        model = LegalAdviser
        fields = ["org", "kind", "name", "firm", "license_no", "phone", "service_phone", "user", "serves_from",
                  "serves_until", "note"]
        widgets = {"serves_from": DATE, "serves_until": DATE}

    def __init__(self, *args, orgs, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        self.fields["user"].queryset = users


class EndServiceForm(forms.Form):
    on = forms.DateField(label="结束日期", widget=DATE)
    reason = forms.CharField(label="原因", max_length=200, help_text="聘期届满、解聘、调离等")


class ServiceForm(forms.Form):
    served_on = forms.DateField(label="服务日期", widget=DATE)
    kind = forms.ChoiceField(label="服务类型", choices=AdviserService.Kind.choices)
    count = forms.IntegerField(label="次数/条数", min_value=1, max_value=999, initial=1)
    description = forms.CharField(label="服务内容", widget=forms.Textarea(attrs={"rows": 3}))
