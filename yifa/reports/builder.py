"""The yearly report as an official document: composition (``compose``) and the .docx (``render_docx``).

Layout after GB/T 9704-2012《党政机关公文格式》, from core's one builder (``yifa.core.officialdoc``):
A4 with the official margins, title in 2号小标宋, body in 3号仿宋 on fixed 28-pt lines, headings in
黑体 and 楷体, page numbers "— 1 —" odd right and even left, named fonts with their fallbacks.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from yifa.core.officialdoc import OfficialDocument

from .models import MANDATED, PARTS

CN_NUMBERS = "一二三四五六七八九十"


# ---------------------------------------------------------------- composition


@dataclass
class Block:
    kind: str  # "h1", "h2", "p", "placeholder"
    text: str


@dataclass
class Draft:
    title: str
    addressee: str
    blocks: list[Block] = field(default_factory=list)
    signature: str = ""
    date: dt.date | None = None


def cn_number(n: int) -> str:
    """1 -> 一, 12 -> 十二 (headings never go past 九十九)."""
    if n <= 10:
        return CN_NUMBERS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_NUMBERS[tens - 1]) + "十" + (CN_NUMBERS[ones - 1] if ones else "")


def signature_name(org) -> str:
    """The issuing body as it signs: 织里镇人民政府, 环渚街道办事处."""
    if org.kind == "township" and not org.name.endswith("人民政府"):
        return f"{org.name}人民政府"
    if org.kind == "subdistrict" and not org.name.endswith("办事处"):
        return f"{org.name}办事处"
    return org.name


def addressee(org) -> str:
    """主送机关: the 党委 and 政府 of the level above (市、县、乡党委和政府向上一级党委和政府报告)."""
    parent = org.parent
    if parent is None:
        return ""
    return f"中共{parent.name}委、{parent.name}人民政府："


def default_title(org, year: int) -> str:
    return f"{org.name}关于{year}年度法治政府建设情况的报告"


def default_intro(org, year: int) -> str:
    parent = org.parent.name if org.parent_id else "上级"
    return (f"{year}年，{org.name}在{parent}委、{parent}政府的坚强领导下，坚持以习近平新时代中国特色社会主义思想"
            f"为指导，深入学习贯彻习近平法治思想，全面落实法治政府建设各项任务。现将{year}年度法治政府建设情况"
            f"报告如下：")


def paragraphs_of(text: str) -> list[str]:
    """A narrative field as paragraphs: one per non-empty line."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def full_width_punctuation(text: str) -> str:
    """Half-width commas, semicolons and colons between Chinese words become full-width (公文 punctuation);
    a comma between digits (3,000) stays."""
    text = re.sub(r"(?<![0-9]),|,(?![0-9])", "，", text)
    return re.sub(r"(?<=[\u4e00-\u9fff]);", "；", text)


PLACEHOLDERS = {
    "measures": "【待填写：本年度推进法治政府建设的主要举措和成效。】",
    "first_responsible": "【待填写：党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的情况（如专题研究、"
                         "带头学法、年终述法）。】",
    "shortcomings": "【待填写：本年度推进法治政府建设存在的不足和原因。】",
    "next_year": "【待填写：下一年度推进法治政府建设的主要安排。】",
}


def compose(report, *, final: bool = False) -> Draft:
    """The report's document: title, 主送机关, opening, the parts in order, signature.

    Computed paragraphs come first in each part (under their own 楷体 subheadings in 主要举措和成效),
    then the unit's narrative. A draft shows what is still to be written; the final text does not.
    """
    org, year = report.org, report.year
    blocks = [Block("p", p) for p in paragraphs_of(report.intro or default_intro(org, year))]
    number = 0
    for key, label in PARTS:
        computed = report.computed(key)
        narrative = paragraphs_of(report.narrative(key))
        if key == "other" and not narrative:
            continue
        number += 1
        blocks.append(Block("h1", f"{cn_number(number)}、{label}"))
        if key == "measures":
            blocks += [Block("p", p) for p in narrative]
            for index, contribution in enumerate(computed, start=1):
                blocks.append(Block("h2", f"（{cn_number(index)}）{contribution['heading']}"))
                blocks += [Block("p", full_width_punctuation(p)) for p in contribution["paragraphs"]]
        else:
            for contribution in computed:
                blocks += [Block("p", full_width_punctuation(p)) for p in contribution["paragraphs"]]
            blocks += [Block("p", p) for p in narrative]
        if not computed and not narrative and key in MANDATED and not final:
            blocks.append(Block("placeholder", PLACEHOLDERS[key]))
    date = report.finalized_on if final else None
    return Draft(title=report.title, addressee=addressee(org), blocks=blocks, signature=signature_name(org),
                 date=date)


# ---------------------------------------------------------------- the .docx


def render_docx(draft: Draft) -> bytes:
    """The report in the layout of core's ``OfficialDocument`` (GB/T 9704-2012); no date yet: a blank to fill."""
    doc = OfficialDocument(title="\n".join(split_title(draft.title)))
    if draft.addressee:
        doc.addressee(draft.addressee)
    for block in draft.blocks:
        if block.kind == "h1":
            doc.heading(block.text)
        elif block.kind == "h2":
            doc.heading(block.text, level=2)
        else:
            doc.para(block.text)
    doc.signature(draft.signature, draft.date, date_text="（定稿时填写成文日期）")
    return doc.to_bytes()


def split_title(title: str, width: int = 20) -> list[str]:
    """A long title on two lines, broken after 关于…的 / before 的报告 where possible (梯形或菱形)."""
    if len(title) <= width:
        return [title]
    for pattern in (r"^(.+?)(关于.+)$", r"^(.+)(的报告)$"):
        match = re.match(pattern, title)
        if match and all(len(part) <= width + 4 for part in match.groups()):
            return list(match.groups())
    middle = len(title) // 2
    return [title[:middle], title[middle:]]
