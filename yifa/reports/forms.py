from django import forms

from yifa.core import deadlines
from yifa.core.models import Org

from .actions import REPORTING_KINDS
from .models import AnnualReport

TEXTAREA = {"rows": 8}


def year_choices():
    this_year = deadlines.today().year
    return [(y, f"{y}年度") for y in range(this_year, this_year - 6, -1)]


class DraftForm(forms.Form):
    year = forms.TypedChoiceField(label="报告年度", coerce=int, choices=year_choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = deadlines.today().year - 1


class NarrativeForm(forms.ModelForm):
    class Meta:
        model = AnnualReport
        fields = ["title", "intro", "narrative_measures", "narrative_first_responsible", "narrative_shortcomings",
                  "narrative_next_year", "narrative_other"]
        help_texts = {
            "narrative_measures": "写在各业务台账数据之前的总体情况；数据段落由系统从台账生成，不必重复。一段一行。",
            "narrative_first_responsible": "党政主要负责人专题研究、带头学法、年终述法等情况。一段一行。",
            "narrative_shortcomings": "本年度存在的不足及原因。一段一行。",
            "narrative_next_year": "下一年度推进法治政府建设的主要安排。一段一行。",
            "narrative_other": "没有可不填；填写后作为第五部分。",
        }
        widgets = {name: forms.Textarea(attrs=TEXTAREA) for name in fields[1:]}

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError("请填写标题。")
        return title


class ReasonForm(forms.Form):
    reason = forms.CharField(label="原因", widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)


class ReturnForm(forms.Form):
    reason = forms.CharField(label="退回意见", widget=forms.Textarea(attrs={"rows": 4}), max_length=2000,
                             help_text="写明需要补充或修改的内容，如缺少的法定部分、与台账不一致的数据。")


class PublishForm(forms.Form):
    secrecy_checked_by = forms.CharField(label="保密审查人", max_length=50,
                                         help_text="涉及党和国家秘密的内容不得公开（《法治政府建设与责任落实督察工作规定》第二十四条）。")
    confirm = forms.BooleanField(label="已完成保密审查，同意在门户网站公开", required=True)


class UploadReviewForm(forms.Form):
    file = forms.FileField(label="报告文件", help_text="Word（.docx）或文本（.txt）文件。")
    org = forms.ModelChoiceField(label="报告单位", queryset=Org.objects.none(),
                                 help_text="用于与该单位台账数据核对；外单位报告可选本单位。")
    year = forms.TypedChoiceField(label="报告年度", coerce=int, required=False, empty_value=None,
                                  choices=lambda: [("", "从报告中识别")] + year_choices())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = Org.objects.visible_to(user).filter(kind__in=REPORTING_KINDS, is_active=True)
        active = getattr(user, "active_membership", None)
        if active is not None:
            self.fields["org"].initial = active.org_id
