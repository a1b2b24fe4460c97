"""Forms for the calendar, the rule table and 督办. Errors are in Chinese and name the line that is wrong."""

import datetime as dt
import re

from django import forms

from .deadlines import HolidayRange, fmt
from .models.deadlines import CalendarYear, StatutoryRule, Unit

DATE_RE = re.compile(r"(?:(\d{4})\s*[-/.年]\s*)?(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
RANGE_WORDS = "至到~～—–-"
DATE_HELP = "日期写作 2026-10-01 或 2026年10月1日"


def _dates(text: str, year_hint: int) -> list[dt.date]:
    """Dates in a line; a date without a year takes the year of the date before it (or the year entered)."""
    found = []
    year = None
    for match in DATE_RE.finditer(text):
        y, m, d = match.groups()
        year = int(y) if y else (year or year_hint)
        found.append(dt.date(year, int(m), int(d)))
    return found


def _lines(text: str | None, label: str, year: int, errors: list[str]):
    """(line number, line, dates) for each non-empty line; a line with an impossible date is reported and skipped."""
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        try:
            yield number, line, _dates(line, year)
        except ValueError:
            errors.append(f"{label}第{number}行：“{line}”中有不存在的日期。")


def _name(text: str) -> str:
    first = DATE_RE.search(text)
    head = text[:first.start()] if first else text
    tail = DATE_RE.sub("", text[first.start():]) if first else ""
    name = (head + " " + tail).strip()
    name = re.sub(rf"[\s,，、:：;；{RANGE_WORDS}]+", " ", name).strip()
    return name[:40]


class CalendarYearForm(forms.Form):
    """录入全年放假安排: one holiday period per line, then the 调休上班日."""

    year = forms.IntegerField(label="年份", min_value=2004, max_value=2100)
    notice = forms.CharField(label="通知名称及文号", max_length=200,
                             help_text="如：国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕×号）")
    holidays = forms.CharField(
        label="放假时段", widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"每行一个节日：名称 起始日 至 结束日，如“春节 2027-02-05 至 2027-02-12”；单日写一个日期。{DATE_HELP}。")
    makeup_days = forms.CharField(
        label="调休上班日", required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="每行：名称 日期（可列多个日期），如“春节 2027-02-01、2027-02-20”。只能是周六或周日。")
    replace = forms.BooleanField(label="覆盖该年度已有数据", required=False)

    def clean(self):
        data = super().clean()
        year = data.get("year")
        if year is None:
            return data
        low, high = dt.date(year - 1, 12, 1), dt.date(year, 12, 31)
        errors: list[str] = []
        ranges: list[HolidayRange] = []
        for number, line, dates in _lines(data.get("holidays"), "放假时段", year, errors):
            name = _name(line)
            if not dates or len(dates) > 2:
                errors.append(f"放假时段第{number}行：“{line}”应写一个日期或“起始日 至 结束日”，{DATE_HELP}。")
                continue
            if not name:
                errors.append(f"放假时段第{number}行：请写明节日名称，如“国庆节 {year}-10-01 至 {year}-10-07”。")
                continue
            first, last = dates[0], dates[-1]
            if last < first:
                errors.append(f"放假时段第{number}行：结束日{fmt(last)}早于起始日{fmt(first)}。")
                continue
            if first < low or last > high:
                errors.append(f"放假时段第{number}行：{fmt(first)}至{fmt(last)}不在{year}年的放假安排范围内。")
                continue
            if (last - first).days >= 15:
                errors.append(f"放假时段第{number}行：{name}放假{(last - first).days + 1}天，超过15天，请核对。")
                continue
            for other in ranges:
                if first <= other.last and other.first <= last:
                    errors.append(f"放假时段第{number}行：{name}与{other.name}的日期重叠。")
                    break
            else:
                ranges.append(HolidayRange(name, first, last))
        if not ranges and not errors:
            errors.append("请至少录入一个放假时段。")
        makeups: list[tuple[dt.date, str]] = []
        for number, line, dates in _lines(data.get("makeup_days"), "调休上班日", year, errors):
            if not dates:
                errors.append(f"调休上班日第{number}行：“{line}”里没有日期，{DATE_HELP}。")
                continue
            name = _name(line) or "调休"
            for day in dates:
                if day < low or day > high:
                    errors.append(f"调休上班日第{number}行：{fmt(day)}不在{year}年的安排范围内。")
                elif day.weekday() < 5:
                    errors.append(f"调休上班日第{number}行：{fmt(day, True)}本来就是工作日，调休上班日应为周六或周日。")
                elif any(r.first <= day <= r.last for r in ranges):
                    errors.append(f"调休上班日第{number}行：{fmt(day)}在放假时段内。")
                elif any(day == d for d, _n in makeups):
                    errors.append(f"调休上班日第{number}行：{fmt(day)}重复。")
                else:
                    makeups.append((day, name))
        existing = CalendarYear.objects.filter(year=year).first()
        if existing is not None and not data.get("replace"):
            errors.append(f"{year}年已有节假日数据（来源：{existing.get_source_display()}）。"
                          f"如需以通知为准重新录入，请勾选“覆盖该年度已有数据”。")
        if errors:
            raise forms.ValidationError(errors)
        data["holiday_ranges"] = ranges
        data["makeups"] = makeups
        return data


class CalendarDayForm(forms.Form):
    KIND_CHOICES = [("rest", "放假（法定节假日或调休放假）"), ("work", "上班（调休上班日）"),
                    ("normal", "按常规（周一至周五上班、周末休息）")]

    day = forms.DateField(label="日期", widget=forms.DateInput(attrs={"type": "date"}),
                          error_messages={"invalid": "请输入正确的日期，如 2027-10-01。"})
    kind = forms.ChoiceField(label="这一天", choices=KIND_CHOICES, widget=forms.RadioSelect)
    note = forms.CharField(label="说明", max_length=60, required=False, help_text="如“国庆节”“春节调休上班”；按常规时可不填")

    def clean(self):
        data = super().clean()
        if data.get("kind") in ("rest", "work") and not (data.get("note") or "").strip():
            self.add_error("note", "请填写说明，如“国庆节”或“春节调休上班”。")
        return data


class RuleForm(forms.ModelForm):
    """Only the period itself and its notes: the citation and confidence tag are not edited locally."""

    class Meta:
        model = StatutoryRule
        fields = ["name", "trigger", "count", "unit", "fixed_month", "fixed_day", "fixed_exclusive",
                  "extension_count", "extension_unit", "extension_max_times", "extension_basis", "pausable_by", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        unit = data.get("unit")
        if unit == Unit.FIXED:
            month, day = data.get("fixed_month"), data.get("fixed_day")
            if not month or not day:
                self.add_error("fixed_month", "固定日期的规则须填写月和日。")
            else:
                try:
                    dt.date(2024, month, day)
                except ValueError:
                    self.add_error("fixed_day", "月、日组合不存在。")
        elif not data.get("count"):
            self.add_error("count", "期间长度应大于零。")
        if data.get("extension_max_times") and (not data.get("extension_count") or not data.get("extension_unit")):
            self.add_error("extension_count", "可以延长的，请填写每次可延长的期间和单位。")
        if data.get("extension_unit") == Unit.FIXED:
            self.add_error("extension_unit", "延长期间不能是固定日期。")
        return data


class SupervisionForm(forms.Form):
    message = forms.CharField(label="督办要求", widget=forms.Textarea(attrs={"rows": 4}),
                              help_text="写明需要办理的事项和要求，被督办单位须书面答复。")
    deadlines = forms.ModelMultipleChoiceField(label="督办事项", queryset=None, required=False,
                                               widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, deadline_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deadlines"].queryset = deadline_qs
        self.fields["deadlines"].label_from_instance = (
            lambda d: f"{d.target_repr}：{d.rule.name}，届满日{fmt(d.due_on)}（{d.state_text}）")


class SupervisionAnswerForm(forms.Form):
    answer = forms.CharField(label="答复内容", widget=forms.Textarea(attrs={"rows": 5}),
                             help_text="写明已采取的措施、办理结果和仍需的时间。")
