"""Input cleaning for decisions. The rules (gates, minimum periods) live in actions.py."""

from django import forms

from yifa.core.antispam import AntiSpamForm

from .models import Decision, DecisionMeeting, ImplementationNote, MeetingView, PostEvaluation, PublicComment, RiskAssessment

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def text(label, rows=3, required=True, help_text=""):
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": rows}), required=required,
                           help_text=help_text)


class CatalogueForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    title = forms.CharField(label="目录名称", max_length=200, required=False, help_text="留空则为“某某街道某年度重大行政决策事项目录”")


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=Decision.Kind.choices)
    category = forms.ChoiceField(label="事项类型", choices=Decision.Category.choices)
    title = forms.CharField(label="决策事项", max_length=200)
    summary = text("事项简介", required=False)
    undertaking_unit = forms.CharField(label="承办单位", max_length=100, required=False)
    planned = forms.CharField(label="计划完成时间", max_length=50, required=False, help_text="如：2025年第三季度")
    source = forms.CharField(label="决策启动来源", max_length=100, required=False,
                             help_text="领导提出、部门建议、人大代表建议、公众建议等")
    basis = text("法律政策依据", required=False)


class ApproveCatalogueForm(forms.Form):
    approval_body = forms.CharField(label="同意目录的党委会议", max_length=100, help_text="如：街道党工委2025年第3次会议")
    approved_on = forms.DateField(label="同意日期", widget=DATE)


class PublishCatalogueForm(forms.Form):
    published_on = forms.DateField(label="公布日期", widget=DATE)


class ReasonForm(forms.Form):
    reason = text("理由", rows=2)


class StartForm(forms.Form):
    undertaking_unit = forms.CharField(label="决策承办单位", max_length=100)


class DraftForm(forms.Form):
    summary = text("事项简介", required=False)
    basis = text("法律政策依据", help_text="梳理法律、法规、规章和政策依据（第十二条）", required=False)
    draft_text = text("决策草案", rows=10, required=False)
    draft_notes = text("起草说明", rows=4, required=False, help_text="调查研究情况、成本效益分析、各方意见分歧及协调情况")
    undertaking_unit = forms.CharField(label="承办单位", max_length=100, required=False)
    planned = forms.CharField(label="计划完成时间", max_length=50, required=False)
    source = forms.CharField(label="决策启动来源", max_length=100, required=False)


class OpenCommentForm(forms.Form):
    opens_on = forms.DateField(label="征求意见开始日期", widget=DATE)
    closes_on = forms.DateField(label="征求意见截止日期", widget=DATE, help_text="一般不少于30日（第十五条）")
    notice = text("征求意见公告", rows=4, help_text="意见提交方式（本平台“决策预公开”栏目、信函、电话）、联系人、地址等")
    short_reason = forms.CharField(label="缩短期限的理由", max_length=200, required=False,
                                   help_text="少于30日的，须说明理由（情况紧急等），并随公告公布")


class AnswerForm(forms.Form):
    disposition = forms.ChoiceField(label="处理结果", choices=[("", "请选择")] + PublicComment.Disposition.choices)
    reply = text("答复及理由", rows=2, required=False)


class AdoptionForm(forms.Form):
    summary = text("意见采纳情况说明", rows=5, help_text="总体情况、主要意见的采纳与不采纳理由；将在门户公布")


class HearingForm(forms.Form):
    held_on = forms.DateField(label="听证会日期", widget=DATE)
    place = forms.CharField(label="听证地点", max_length=100)
    materials_sent_on = forms.DateField(label="听证材料送达日期", widget=DATE, help_text="应于听证会7日前送达（第十六条）")
    summary = text("听证情况", rows=4, help_text="参加人、主要意见、记录经参加人确认签字情况")


class ExpertOpinionForm(forms.Form):
    expert_name = forms.CharField(label="专家姓名或专业机构", max_length=100)
    expert_title = forms.CharField(label="职称、单位", max_length=100, required=False)
    field = forms.CharField(label="专业领域", max_length=50, required=False)
    given_on = forms.DateField(label="论证日期", widget=DATE)
    opinion = text("论证意见", rows=4)
    signed = forms.BooleanField(label="书面意见已署名、盖章", required=False)
    no_interest = forms.BooleanField(label="已声明与决策事项无直接利害关系", required=False)


class ExpertDoneForm(forms.Form):
    result = text("论证结论及采纳情况", rows=3)


class RiskForm(forms.Form):
    assessed_on = forms.DateField(label="评估日期", widget=DATE)
    assessor = forms.CharField(label="评估主体", max_length=100)
    method = forms.CharField(label="评估方式", max_length=200, required=False)
    risk_points = text("风险点")
    measures = text("防范措施和处置预案")
    level = forms.ChoiceField(label="风险等级", choices=RiskAssessment.Level.choices)
    controllable = forms.BooleanField(label="评估结论：风险可控", required=False)


class LegalityForm(forms.Form):
    note = text("补充说明", rows=2, required=False, help_text="送审材料将自动包括决策草案、起草说明、法律政策依据和各项程序的办理情况")


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label="会议类型", choices=DecisionMeeting.Kind.choices)
    held_on = forms.DateField(label="会议日期", widget=DATE)
    place = forms.CharField(label="会议地点", max_length=100, required=False)
    presided_by = forms.CharField(label="主持人", max_length=50)
    attendees = text("出席人员", rows=2)
    absentees = forms.CharField(label="缺席人员及原因", max_length=200, required=False)
    outcome = forms.ChoiceField(label="决定结果", choices=[("", "请选择")] + DecisionMeeting.Outcome.choices)
    head_reasons = text("行政首长与多数意见不一致的理由", rows=2, required=False,
                        help_text="行政首长拟作出的决定与多数人意见不一致的，应当在会上说明理由（第三十条）")
    minutes = text("会议纪要", rows=4)
    decision_text = text("决定内容", rows=4, required=False, help_text="通过或修改后通过的，写明决定内容")


class ViewForm(forms.Form):
    member_name = forms.CharField(label="姓名", max_length=50, required=False)
    position = forms.CharField(label="职务", max_length=50, required=False)
    view = forms.ChoiceField(label="意见", choices=[("", "—")] + list(MeetingView.View.choices), required=False)
    is_head = forms.BooleanField(label="行政首长", required=False)
    remarks = forms.CharField(label="发言要点", max_length=500, required=False)


ViewFormSet = forms.formset_factory(ViewForm, extra=7, max_num=30)


class PublishForm(forms.Form):
    party_reported_on = forms.DateField(label="向同级党委请示报告日期", widget=DATE, help_text="决策出台前应当请示报告（第三十一条）")
    published_on = forms.DateField(label="公布日期", widget=DATE)
    channel = forms.CharField(label="公布渠道", max_length=100, help_text="政府网站、政务新媒体、公示栏等")
    interpretation = text("政策解读", rows=4, help_text="说明公众意见、专家论证意见的采纳情况（第三十二条）")


class ImplementationForm(forms.Form):
    noted_on = forms.DateField(label="日期", widget=DATE)
    kind = forms.ChoiceField(label="类型", choices=ImplementationNote.Kind.choices)
    unit = forms.CharField(label="执行单位", max_length=100, required=False)
    text = text("内容", rows=3)


class EvaluationForm(forms.Form):
    evaluated_on = forms.DateField(label="评估日期", widget=DATE)
    evaluator = forms.CharField(label="评估主体", max_length=100)
    third_party = forms.BooleanField(label="委托第三方评估", required=False)
    trigger = forms.ChoiceField(label="评估原因", choices=PostEvaluation.Trigger.choices)
    findings = text("评估结论", rows=4)
    recommendation = forms.ChoiceField(label="评估建议", choices=PostEvaluation.Recommendation.choices)


class ConfirmForm(forms.Form):
    """A step that needs no input (归档): the POST itself is the request."""


class PublicCommentForm(AntiSpamForm):
    body = forms.CharField(label="您的意见", max_length=3000, widget=forms.Textarea(attrs={"rows": 6}),
                           help_text="请写明对决策草案哪一部分的意见和建议，最多3000字")
    name = forms.CharField(label="姓名或单位（选填）", max_length=50, required=False,
                           help_text="公开答复时仅显示姓氏")
    contact = forms.CharField(label="联系方式（选填）", max_length=50, required=False,
                              help_text="便于我们就您的意见与您联系，不会公开")
