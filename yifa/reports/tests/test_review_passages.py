"""Passages repeated inside a report, and shared between two reports."""

from yifa.reports.review import repeated_passages, shared_passages
from yifa.reports.tests.annotations import cases


def seed(prefix):
    return next(text for name, text, _ in cases("seeds") if name.startswith(prefix))


def test_it_finds_the_paragraph_seed_002_repeats_under_two_headings():
    text = seed("002")
    passages = repeated_passages(text)
    assert len(passages) == 1
    passage = passages[0]
    assert passage.text.startswith("积极配合区政府创新优化法治化营商环境总体部署,深入开展职权清")
    assert len(passage.text) >= 300
    assert [text[s:e] for s, e in passage.occurrences] == [passage.text, passage.text]
    first, second = passage.occurrences
    assert first[1] <= second[0]


def test_the_other_seeds_repeat_nothing_long():
    for name, text, annotation in cases("seeds"):
        if not name.startswith("002"):
            assert repeated_passages(text) == [] == annotation["repeated_passages"]


def test_a_repetition_in_an_unseen_text_is_found_at_both_places():
    text = seed_text = next(text for name, text, _ in cases("unseen") if name.startswith("u3"))
    passages = repeated_passages(text)
    assert len(passages) == 1
    assert passages[0].text.startswith("坚持“小事不出村、大事不出乡、矛盾不上交”")
    assert len(passages[0].occurrences) == 2
    assert seed_text.count(passages[0].text) == 2


def test_repetition_ignores_differences_of_whitespace_and_punctuation():
    sentence = "坚持和发展新时代枫桥经验，健全完善矛盾纠纷多元化解机制，把矛盾纠纷化解在基层、消除在萌芽状态，切实维护辖区社会和谐稳定"
    text = f"一、成效\n{sentence}。\n二、打算\n{sentence.replace('，', ',')} 。"
    (passage,) = repeated_passages(text)
    assert len(passage.occurrences) == 2


def test_short_repeats_are_not_reported():
    text = "坚持以习近平新时代中国特色社会主义思想为指导。\n坚持以习近平新时代中国特色社会主义思想为指导。"
    assert repeated_passages(text) == []


def test_passages_shared_with_another_report_are_located_in_both():
    mine, other = seed("002"), seed("004")
    assert shared_passages(mine, other) == []
    copied = other[200:400]
    shared = shared_passages("开头一句。" + copied + "结尾。", other)
    assert len(shared) == 1
    assert shared[0]["other_span"][0] >= 190
