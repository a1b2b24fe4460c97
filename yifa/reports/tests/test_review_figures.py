"""Figures found in reports: measured against hand annotations, on the seeds and on texts written for the tests."""

import pytest

from yifa.reports.review import find_figures
from yifa.reports.tests.annotations import score


def test_figures_in_the_five_seeds_reach_high_precision_and_recall():
    result = score("seeds")
    assert result.true_positives == 46
    assert result.precision >= 0.95, result.false_positives
    assert result.recall >= 0.95, result.false_negatives


def test_figures_in_unseen_texts_reach_high_precision_and_recall():
    result = score("unseen")
    assert result.true_positives >= 80
    assert result.precision >= 0.95, result.false_positives
    assert result.recall >= 0.95, result.false_negatives


@pytest.mark.parametrize("folder", ["seeds", "unseen"])
def test_matched_figures_carry_the_annotated_unit_and_qualifier(folder):
    assert score(folder).mismatched == []


def one(text):
    figures = find_figures(text)
    assert len(figures) == 1, figures
    return figures[0]


@pytest.mark.parametrize("text, value, unit, qualifier", [
    ("发放宣传资料3000余份", 3000, "份", "余"),
    ("累计接待国内外10余万人次参观考察", 100000, "人次", "余"),
    ("发放宣传资料1.2万份", 12000, "份", ""),
    ("罚没款共计8.65万元", 86500, "元", ""),
    ("调解率100%", 100, "%", ""),
    ("合格率百分之百", 100, "%", ""),
    ("组织干部集中学法十二次", 12, "次", ""),
    ("召开两次法治建设专题会议", 2, "次", ""),
    ("每年至少举行一期领导干部法治专题培训班", 1, "期", "至少"),
    ("执法人员持证率达90%以上", 90, "%", "以上"),
    ("受教育群众近8000人次", 8000, "人次", "近"),
    ("当事人满意率超过95%", 95, "%", "超过"),
    ("全年安排不少于6次学法活动", 6, "次", "不少于"),
    ("成功化解纠纷两百余起", 200, "起", "余"),
    ("百余人参加旁听", 100, "人", "余"),
    ("提供法律咨询1600多人次", 1600, "人次", "多"),
    ("出庭应诉率达到95.6%", 95.6, "%", ""),
    ("行政复议案件0件", 0, "件", ""),
    ("受理案件：12件", 12, "件", ""),
])
def test_it_reads_values_units_and_qualifiers(text, value, unit, qualifier):
    figure = one(text)
    assert (figure.value, figure.unit, figure.qualifier) == (value, unit, qualifier)
    assert text[figure.start:figure.end] == figure.text


@pytest.mark.parametrize("text", [
    "2023年1月17日", "《法治政府建设实施纲要（2021—2025年）》", "纳入“八五”普法规划", "“十四五”规划",
    "落实行政执法三项制度", "出台“利民、惠企、提速”十五条意见", "一、主要举措和成效", "（二）规范行政执法",
    "依照第二十四条", "按照第58条规定", "联系电话：0572-2069513", "渝北府发〔2023〕5号", "一次性告知",
    "在15个工作日内答复", "提供7×24小时服务", "分两个阶段推进", "从3个方面入手", "辖区常住人口3.2万人",
    "学习贯彻党的二十大和二十届三中全会精神", "千家万户", "“一件事一次办”", "12·4国家宪法日",
    "落实“四下基层”，三会一课，四议两公开", "镇、村两级调委会", "60岁以上老年人", "“1+N”工作模式",
])
def test_it_takes_no_figure_from_dates_names_markers_or_codes(text):
    assert find_figures(text) == []


def test_span_text_and_indicator_come_from_the_clause():
    figures = find_figures("一是建成“畅晚庭”4个和“乡情室”3个，培训上岗法律明白人90名。2023年依法妥善处理信访事项97件。")
    assert [f.text for f in figures] == ["建成“畅晚庭”4个", "“乡情室”3个", "培训上岗法律明白人90名", "依法妥善处理信访事项97件"]
    assert figures[0].indicator == "建成“畅晚庭”数"
    assert figures[3].indicator == "处理信访事项数"


def test_a_second_figure_of_the_same_activity_inherits_its_name():
    first, second = find_figures("组织执法人员参加业务培训4期共计60余人次。")
    assert first.indicator == "组织执法人员参加业务培训期数"
    assert second.indicator == "组织执法人员参加业务培训人次"


def test_one_value_for_a_list_of_rates_spans_the_list():
    figure = one("聚焦群众诉求，办结率、满意率均为100%。")
    assert figure.text == "办结率、满意率均为100%"
    assert figure.indicator == "办结率、满意率"


def test_a_count_after_a_list_with_deng_spans_the_list():
    figure = one("设置宣传广告牌、标语、墙字等20余处，营造氛围。")
    assert figure.text == "设置宣传广告牌、标语、墙字等20余处"
    assert (figure.value, figure.unit, figure.qualifier) == (20, "处", "余")


def test_money_ends_at_the_yuan():
    figure = one("投资50万元建成法治文化公园。")
    assert (figure.text, figure.value, figure.unit) == ("投资50万元", 500000, "元")
