"""Input cleaning for the 学法 and 普法 ledgers and the public 菜单式普法 form."""

from django import forms

from yifa.core import deadlines
from yifa.core.identity import validate_phone
from yifa.core.models import Org

from .models import (Cadre, DutyItem, LawExam, LeadershipMeeting, LegalLiaison, OutreachActivity, OutreachRequest,
                     OutreachTopic, StudySession, StudyTarget)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _not_future(value):
    if value and value > deadlines.today():
        raise forms.ValidationError("日期不能晚于今天。")


def _not_past(value):
    if value and value < deadlines.today():
        raise forms.ValidationError("计划日期不能早于今天。")


def past_date(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE_WIDGET, validators=[_not_future])


def future_date(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE_WIDGET, validators=[_not_past])


class TargetForm(forms.ModelForm):
    class Meta:
        model = StudyTarget
        fields = ["hours_per_person", "sessions", "pass_rate"]


class CadreForm(forms.ModelForm):
    class Meta:
        model = Cadre
        fields = ["name", "position", "category", "is_principal", "enforcement_officer", "active"]


class AttendeesField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, cadre):
        return f"{cadre.name}（{cadre.position}）" if cadre.position else cadre.name


def _attendees(org, required=True):
    return AttendeesField(label="参加人员", required=required,
                          queryset=Cadre.objects.filter(org=org, active=True) if org else Cadre.objects.none(),
                          error_messages={"required": "请至少选择一名参加人员。"})


class SessionForm(forms.ModelForm):
    """登记学法活动: held (with attendance) or planned."""

    held_on = past_date("举办日期", required=False)
    planned_on = future_date("计划日期", required=False)

    class Meta:
        model = StudySession
        fields = ["kind", "title", "held_on", "planned_on", "hours", "place", "speaker", "content"]
        widgets = {"content": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, org=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"] = _attendees(org, required=False)
        self.fields["held_on"].help_text = "已举办的填举办日期并勾选参加人员；尚未举办的只填计划日期"

    def clean(self):
        data = super().clean()
        held, planned = data.get("held_on"), data.get("planned_on")
        if not held and not planned:
            raise forms.ValidationError("请填写举办日期（已举办）或计划日期（列入计划）。")
        if held and planned:
            raise forms.ValidationError("举办日期和计划日期只填一个。")
        if held and not data.get("attendees"):
            self.add_error("attendees", "已举办的学法活动请勾选参加人员。")
        return data


class HoldSessionForm(forms.Form):
    held_on = past_date("举办日期")
    hours = forms.DecimalField(label="学时", max_digits=4, decimal_places=1, min_value=0.5, max_value=40,
                               required=False, help_text="与计划不同时填写")

    def __init__(self, *args, org=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"] = _attendees(org)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="原因", max_length=300, widget=forms.Textarea(attrs={"rows": 2}))


class ExamForm(forms.ModelForm):
    held_on = forms.DateField(label="考试日期", widget=DATE_WIDGET)

    class Meta:
        model = LawExam
        fields = ["kind", "title", "held_on", "organiser", "full_score", "pass_score"]


class ScoresForm(forms.Form):
    """One score field per active cadre; blank means not enrolled, “缺考” means absent."""

    def __init__(self, *args, exam=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.exam = exam
        self.cadres = list(Cadre.objects.filter(org=exam.org, active=True)) if exam else []
        for cadre in self.cadres:
            self.fields[f"c{cadre.pk}"] = forms.CharField(
                label=f"{cadre.name}（{cadre.position}）" if cadre.position else cadre.name, required=False,
                max_length=6, widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}))

    def clean(self):
        data = super().clean()
        scores = {}
        for cadre in self.cadres:
            text = (data.get(f"c{cadre.pk}") or "").strip()
            if not text:
                continue
            if text in ("缺考", "缺"):
                scores[cadre] = None
                continue
            try:
                score = float(text)
            except ValueError:
                self.add_error(f"c{cadre.pk}", "请填分数，或填“缺考”。")
                continue
            if not 0 <= score <= self.exam.full_score:
                self.add_error(f"c{cadre.pk}", f"分数应在0至{self.exam.full_score}之间。")
            scores[cadre] = score
        if not scores and not self.errors:
            raise forms.ValidationError("请至少填写一名考生的成绩。")
        data["scores"] = scores
        return data


class MeetingForm(forms.ModelForm):
    held_on = past_date("日期")

    class Meta:
        model = LeadershipMeeting
        fields = ["kind", "held_on", "chaired_by", "principal_chaired", "topics", "decisions"]
        widgets = {"topics": forms.Textarea(attrs={"rows": 3}), "decisions": forms.Textarea(attrs={"rows": 3})}


class DutyForm(forms.ModelForm):
    class Meta:
        model = DutyItem
        fields = ["year", "department", "laws", "audience", "measures", "responsible", "active"]
        widgets = {"measures": forms.Textarea(attrs={"rows": 3})}


class ActivityForm(forms.ModelForm):
    held_on = past_date("开展日期", required=False)
    planned_on = future_date("计划日期", required=False)

    class Meta:
        model = OutreachActivity
        fields = ["theme", "form", "venue", "department", "held_on", "planned_on", "place", "audience", "materials",
                  "consultations", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        if not data.get("held_on") and not data.get("planned_on"):
            raise forms.ValidationError("请填写开展日期（已开展）或计划日期（列入计划）。")
        if data.get("held_on") and data.get("planned_on"):
            raise forms.ValidationError("开展日期和计划日期只填一个。")
        return data


class ActivityCorrectForm(forms.ModelForm):
    """更正已登记的普法活动 (the state and dates of a plan are changed by its own steps)."""

    class Meta:
        model = OutreachActivity
        fields = ["theme", "form", "venue", "department", "place", "audience", "materials", "consultations", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}


class HoldActivityForm(forms.Form):
    held_on = past_date("开展日期")
    place = forms.CharField(label="地点", max_length=100, required=False)
    audience = forms.IntegerField(label="受众人数", min_value=0)
    materials = forms.IntegerField(label="发放宣传资料（份）", min_value=0, initial=0)
    consultations = forms.IntegerField(label="接受法律咨询（人次）", min_value=0, initial=0)
    summary = forms.CharField(label="活动情况", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class LiaisonForm(forms.ModelForm):
    trained_on = past_date("培训上岗日期", required=False)
    village = forms.ModelChoiceField(label="村（社区）", queryset=Org.objects.none())

    class Meta:
        model = LegalLiaison
        fields = ["village", "kind", "name", "gender", "phone", "identity", "trained_on", "certificate_no"]

    def __init__(self, *args, org=None, **kwargs):
        super().__init__(*args, **kwargs)
        if org is not None:
            self.fields["village"].queryset = Org.objects.filter(
                path__startswith=org.path, kind__in=[Org.Kind.VILLAGE, Org.Kind.COMMUNITY], is_active=True)

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "")
        return validate_phone(phone) if phone else ""


class TopicForm(forms.ModelForm):
    class Meta:
        model = OutreachTopic
        fields = ["title", "description", "forms", "department", "active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class AcceptForm(forms.Form):
    accepted_on = past_date("受理日期")
    assignee = forms.CharField(label="承办人（部门）", max_length=60)
    scheduled_on = forms.DateField(label="安排日期", required=False, widget=DATE_WIDGET,
                                   help_text="与申请人约定的上门日期")


class DeliverForm(HoldActivityForm):
    pass


class PublicRequestForm(forms.ModelForm):
    """菜单式普法 点单 on the portal: contact details are used only to arrange the delivery."""

    preferred_on = forms.DateField(label="希望的日期", required=False, widget=DATE_WIDGET, validators=[_not_past])
    consent = forms.BooleanField(label="我同意工作人员使用上述联系方式与我联系、安排普法服务", required=True,
                                 error_messages={"required": "请勾选同意后再提交。"})

    class Meta:
        model = OutreachRequest
        fields = ["requester_kind", "requester", "organisation", "phone", "preferred_form", "preferred_on", "place",
                  "expected_audience", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        labels = {"requester": "联系人姓名"}

    def __init__(self, *args, topic=None, **kwargs):
        super().__init__(*args, **kwargs)
        if topic is not None:
            options = [f.strip() for f in topic.forms.replace(",", "、").replace("，", "、").split("、") if f.strip()]
            self.fields["preferred_form"] = forms.ChoiceField(
                label="希望的方式", choices=[(o, o) for o in options], required=False)
        self.fields["phone"].widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})
        self.fields["requester"].widget.attrs.update({"autocomplete": "name"})

    def clean_phone(self):
        return validate_phone(self.cleaned_data.get("phone", ""))

    def clean(self):
        data = super().clean()
        if data.get("requester_kind") not in (None, "", OutreachRequest.RequesterKind.PERSON) \
                and not data.get("organisation"):
            self.add_error("organisation", "请填写单位（村、社区）名称。")
        return data


class RatingForm(forms.Form):
    rating = forms.ChoiceField(label="您的评价", choices=OutreachRequest.Rating.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label="意见和建议", max_length=300, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
