"""Input cleaning for normative documents. The rules live in actions.py."""

from django import forms

from yifa.core.antispam import AntiSpamForm

from .models import CleanupItem, DocumentComment, Filing

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def text(label, rows=3, required=True, help_text=""):
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": rows}), required=required,
                           help_text=help_text)


class DocumentForm(forms.Form):
    title = forms.CharField(label="文件名称", max_length=200)
    drafting_unit = forms.CharField(label="起草单位", max_length=100, required=False)
    touches_business = forms.BooleanField(label="与市场主体生产经营活动密切相关（征求意见不少于30日）", required=False)
    basis = text("制定依据", required=False, help_text="法律、法规、规章和上级文件")
    draft_text = text("文件正文", rows=10, required=False)
    drafting_notes = text("起草说明", rows=4, required=False, help_text="制定必要性、评估论证情况、主要内容")


class OpenCommentForm(forms.Form):
    opens_on = forms.DateField(label="征求意见开始日期", widget=DATE)
    closes_on = forms.DateField(label="征求意见截止日期", widget=DATE,
                                help_text="不少于7个工作日；与市场主体生产经营活动密切相关的不少于30日")
    notice = text("征求意见公告", help_text="意见提交方式、联系人等；与草案一同在门户公布")


class AnswerForm(forms.Form):
    disposition = forms.ChoiceField(label="处理结果", choices=[("", "请选择")] + DocumentComment.Disposition.choices)
    reply = text("答复及理由", rows=2, required=False)


class SummaryForm(forms.Form):
    summary = text("意见采纳情况", rows=4)


class NoteForm(forms.Form):
    note = text("补充说明", rows=2, required=False)


class DeliberateForm(forms.Form):
    body = forms.CharField(label="审议会议", max_length=100, help_text="如：街道党工委会议、主任办公会议")
    held_on = forms.DateField(label="审议日期", widget=DATE)
    minutes = text("审议情况", rows=3)


class RegisterForm(forms.Form):
    registered_on = forms.DateField(label="登记日期", widget=DATE)


class PublishForm(forms.Form):
    published_on = forms.DateField(label="公布日期", widget=DATE)
    effective_on = forms.DateField(label="施行日期", widget=DATE)
    channel = forms.CharField(label="公布渠道", max_length=100, help_text="政府网站、政务新媒体、公示栏等")
    validity_months = forms.IntegerField(label="有效期（月）", min_value=1, max_value=120, required=False,
                                         help_text="留空按本地规定（默认60个月，即5年）；暂行、试行的一般不超过24个月")


class FileForm(forms.Form):
    filed_on = forms.DateField(label="报备日期", widget=DATE)
    report = text("备案报告", rows=4, help_text="报送的材料：备案报告、正式文本、起草说明、合法性审核意见、制定依据")


class ReasonForm(forms.Form):
    reason = text("理由", rows=2)


class OpinionForm(forms.Form):
    opinion = text("审查意见", rows=3)


class CorrectionForm(forms.Form):
    problem = text("发现的问题", rows=3, help_text="超越职权、与上位法抵触、违法设定许可处罚强制收费、减损权利增加义务、程序违法等")
    requirement = text("纠正要求", rows=2)


class AnswerCorrectionForm(forms.Form):
    answer_kind = forms.ChoiceField(label="纠正情况", choices=Filing.AnswerKind.choices)
    answer = text("说明", rows=3)


class CleanupForm(forms.Form):
    title = forms.CharField(label="清理名称", max_length=200)
    reason = forms.CharField(label="清理原因", max_length=200, initial="定期清理")


class CleanupResultForm(forms.Form):
    result = forms.ChoiceField(label="清理结果", choices=CleanupItem.Result.choices)
    reason = forms.CharField(label="理由", max_length=200, required=False)


class ConcludeForm(forms.Form):
    decision = forms.CharField(label="清理决定", max_length=200, help_text="审议清理结果的会议或公布清理结果的文号")


class PublicCommentForm(AntiSpamForm):
    body = forms.CharField(label="您的意见", max_length=3000, widget=forms.Textarea(attrs={"rows": 6}),
                           help_text="请写明对文件哪一条的意见和建议，最多3000字")
    name = forms.CharField(label="姓名或单位（选填）", max_length=50, required=False, help_text="公开时仅显示姓氏")
    contact = forms.CharField(label="联系方式（选填）", max_length=50, required=False, help_text="不会公开")
    is_business = forms.BooleanField(label="我是企业或行业协会", required=False)
