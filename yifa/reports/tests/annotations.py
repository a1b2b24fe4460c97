"""Scoring the review engine against hand annotations (the seeds' *.json and our own unseen texts)."""

import json
from dataclasses import dataclass, field
from pathlib import Path

from yifa.reports.review import read_text, review

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass
class Score:
    true_positives: int = 0
    false_positives: list = field(default_factory=list)
    false_negatives: list = field(default_factory=list)
    mismatched: list = field(default_factory=list)  # matched figure, different unit or qualifier

    @property
    def precision(self) -> float:
        found = self.true_positives + len(self.false_positives)
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + len(self.false_negatives)
        return self.true_positives / expected if expected else 1.0


def cases(folder: str) -> list[tuple[str, str, dict]]:
    """(name, text, annotation) for every annotated text in a fixture folder."""
    found = []
    for annotation_path in sorted((FIXTURES / folder).glob("*.json")):
        text = read_text(annotation_path.with_suffix(".txt"))
        found.append((annotation_path.stem, text, json.loads(annotation_path.read_text(encoding="utf-8"))))
    return found


def gold_spans(text: str, annotation: dict) -> list[tuple[int, int, dict]]:
    """Annotated figures located in the text (annotations give the text, not the offsets)."""
    spans, cursor = [], {}
    for figure in annotation["figures"]:
        start = text.find(figure["text"], cursor.get(figure["text"], 0))
        assert start >= 0, f"annotation text not in the report: {figure['text']}"
        cursor[figure["text"]] = start + 1
        spans.append((start, start + len(figure["text"]), figure))
    return spans


def score(folder: str) -> Score:
    """Figures found vs annotated: a match overlaps the annotated span and has the same value."""
    result = Score()
    for name, text, annotation in cases(folder):
        gold = gold_spans(text, annotation)
        used = set()
        for figure in review(text)["figures"]:
            match = next((i for i, (s, e, g) in enumerate(gold) if i not in used and s < figure["end"]
                          and figure["start"] < e and abs(g["value"] - figure["value"]) < 1e-9), None)
            if match is None:
                result.false_positives.append((name, figure["text"], figure["value"]))
                continue
            used.add(match)
            result.true_positives += 1
            expected = gold[match][2]
            if (expected["unit"], expected["qualifier"]) != (figure["unit"], figure["qualifier"]):
                result.mismatched.append((name, figure["text"], figure["unit"], figure["qualifier"]))
        result.false_negatives += [(name, g["text"]) for i, (_, _, g) in enumerate(gold) if i not in used]
    return result
