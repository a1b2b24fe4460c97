"""Machine review of a 法治政府建设年度报告 (《法治政府建设与责任落实督察工作规定》第二十四、二十五条).

Pure text analysis, no database: given the text of any yearly report (written here or
elsewhere), say

- which mandated parts it has (主要举措和成效; 党政主要负责人履行推进法治建设第一责任人职责情况;
  存在的不足和原因; 下一年度工作安排), from its headings and, failing a heading, its content;
- every figure it states about the unit's own work, as structured data (what is counted,
  the value with Chinese numerals and 万 converted, the measure word, a qualifier such as 余);
- passages repeated inside it (and, with ``shared_passages``, passages shared with another report).

Every rule is a small, named regular expression or word list below, so a reviewer can see
why a figure was or was not taken. Offsets are character offsets into the text as read.
"""

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .numerals import CN_NUMERAL_CHARS, MULTIPLIERS, plain, to_number

# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------


def read_text(path) -> str:
    """The text of a .txt (UTF-8, else GB18030) or .docx (paragraph texts joined with "\\n")."""
    path = Path(path)
    if path.suffix.lower() == ".docx":
        return docx_text(path)
    return decode_text(path.read_bytes())


def decode_text(raw: bytes) -> str:
    """Bytes of a text file as text: UTF-8 (with or without BOM), else GB18030; newlines as in text mode."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = raw.decode("utf-8", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def docx_text(source) -> str:
    """Paragraph texts of a .docx (a path or a file object), joined with "\\n"."""
    import docx

    return "\n".join(paragraph.text for paragraph in docx.Document(source).paragraphs)


# ---------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------

# Measure words that make a number a count of work done. Longest first: 人次 before 人.
UNITS = [
    "个百分点", "平方米", "人次", "轮次", "户次", "家次", "件次", "场次", "批次", "车次", "班次", "期次",
    "学时", "课时", "小时", "分钟", "公里", "部门", "单位",
    "次", "场", "期", "批", "轮", "人", "名", "位", "个", "项", "件", "起", "宗", "例", "份",
    "条", "处", "家", "户", "所", "篇", "本", "册", "套", "台", "部", "张", "块", "幅", "面",
    "座", "间", "支", "组", "类", "种", "笔", "单", "封", "堂", "节", "元", "亩",
    "%", "％", "‰",
]
PERCENT_UNITS = {"%", "％"}

# A measure word followed by one of these characters is the start of another word
# (处理, 起草, 台账, 人民, 期间…), not a measure word.
NOT_A_UNIT_BEFORE = {
    "人": "民", "名": "称义录单", "处": "理置罚分长室", "起": "草诉来到步点始止", "台": "账",
    "张": "贴", "条": "件例", "期": "间限满末初待望", "场": "所景地", "家": "庭长属乡",
    "户": "籍口", "所": "在以有属长", "类": "似别", "批": "准复评示", "组": "织建长成",
    "面": "积向对上临貌", "节": "约日点", "种": "植", "笔": "录", "部": "署分长",
    "本": "级地单辖镇街年次届着身", "单": "位", "位": "置于", "件": "事", "次": "性序",
    "个": "体别案", "项": "目", "元": "旦宵素", "间": "隙", "支": "持付出", "座": "谈",
    "篇": "章", "份": "额", "例": "如", "套": "餐",
}
# 3个月, 5个工作日: durations and time limits, not work done.
TIME_AFTER_GE = ("月", "工作日", "自然日", "季度", "星期", "年", "周", "小时", "钟头",
                 "方面", "层面", "维度", "阶段", "步骤")

PRE_QUALIFIERS = ["不少于", "不低于", "不超过", "不高于", "多达", "高达", "超过", "高于", "低于", "至少",
                  "将近", "接近", "大约", "最少", "逾", "约", "近", "超"]
MODAL_QUALIFIERS = ["不少于", "不低于", "至少", "不超过"]
POST_QUALIFIERS = ["以上", "以下", "以内", "左右", "之多", "余"]
# A character before 近/约/超 that makes it part of another word (最近, 预约, 赶超…).
QUALIFIER_WORD_BEFORE = {"近": "最附靠临亲接将", "约": "节签预制公契大", "超": "赶"}

ARABIC = r"(?<![0-9０-９.．])[0-9０-９]+(?:,[0-9]{3}(?![0-9]))*(?:[.．][0-9０-９]+)?"
CHINESE = r"[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*|[百千](?=[余多])"
FIGURE_RE = re.compile(
    r"百分之(?P<pct>[0-9０-９]+(?:[.．][0-9０-９]+)?|[零〇一二两三四五六七八九十百]+)(?P<pq>以上|以下|左右)?"
    rf"|(?P<num>{ARABIC}|{CHINESE})(?P<q1>余|多)?(?P<mult>[万亿千])?(?P<q2>余|多)?"
    rf"(?P<unit>{'|'.join(re.escape(u) for u in UNITS)})"
    rf"(?P<q3>{'|'.join(POST_QUALIFIERS)})?"
)

# Chinese numerals used attributively (三项制度, 十五条意见, 四个意识) name policies;
# counted work after a Chinese numeral needs a verb of doing before it (召开两次会议).
NAME_NOUNS = (
    "制度", "意见", "措施", "举措", "机制", "工程", "行动", "模式", "体系", "原则", "理念", "经验",
    "对接", "进驻", "融合", "公开", "清单", "要求", "任务", "目标", "规定", "关", "联动", "维护",
    "确立", "自信", "意识", "全面", "基本", "统一", "必", "到位", "化", "不", "一", "个", "服务",
    "工作法", "步", "大", "率", "能力", "方面", "环节", "重点", "结合",
)
COUNTING_VERBS = (
    "开展", "举办", "召开", "组织", "举行", "建成", "建立", "成立", "组建", "设立", "配备", "培训",
    "发放", "印发", "出具", "办理", "受理", "调解", "调处", "处理", "制定", "出台", "完成", "接待",
    "聘请", "选聘", "开设", "新建", "新增", "打造", "培育", "培养", "评选", "审查", "审核", "化解",
    "参加", "参与", "邀请", "走访", "排查", "检查", "安排", "开办", "录制", "制作", "发布", "公开",
    "收到", "接收", "答复", "办结", "查处", "立案", "作出", "讲授", "宣讲", "旁听", "上", "讲",
    "修订", "清理", "备案", "报备", "审议", "讨论", "研究", "聘任", "任命", "表彰", "评定",
)
# Facts about the place, not the unit's work.
NOT_WORK_CONTEXT = re.compile(r"人口|(?:辖区|总|国土|行政区域|土地)面积|下辖|辖有|常住|户籍|占地|海拔|总长|距离")
# 在辖区12个社区设立…: the number says where, not what was done.
LOCATIVE_LEAD = re.compile(r"(?<![存现实])在(?:辖区|全镇|全乡|全街道|全区|全县|全市)?$")

# Where a figure's phrase starts: after clause punctuation.
BOUNDARY = set("，,。；;：:！!？?\n、")
LEADING_NOISE = re.compile(  # used with .match(text, pos): no ^ (it would only match at 0)
    r"(?:\s+"
    r"|[一二三四五六七八九十]+是"
    r"|[一二三四五六七八九十]+[、.．]"
    r"|[（(][一二三四五六七八九十0-9]+[）)]"
    r"|[0-9]+[、.．](?![0-9])"
    r"|第[一二三四五六七八九十]+[，,、]"
    r"|其[一二三四五]是?"
    r"|[0-9]{4}年度?(?:[0-9]{1,2}月(?:[0-9]{1,2}日)?)?(?:以来|来|内|底|末)?"
    r"|[0-9]{1,2}月(?:[0-9]{1,2}日)?(?:以来|底|末)?"
    r"|今年以来|年初以来|截至目前|截至|目前|近年来|今年|去年"
    r"|和|及|以及|并且|并|同时|此外|另外|其中|与|还|且|另|共有|共|[（(](?![一二三四五六七八九十0-9]+[）)])"
    r")"
)
# Words trimmed off the left of an indicator name (they qualify the scope or manner, not the thing).
INDICATOR_SCOPE = re.compile(
    r"^(?:全年|全镇|全乡|全街道|全区|全市|全县|全体|全|年内|本年度|本年|今年以来|各级|各类|我镇|我街道|我乡|其中|共有|现有|拥有|有(?!效)|"
    r"街道|镇|共计|总计|合计|累计|共|先后|依法|妥善|及时|认真|积极|有效|进行|开展了|开展|实施|完成了|"
    r"继续|持续|深入|扎实|组织开展|计划|力争|确保|争取)+"
)
INDICATOR_TAIL = re.compile(r"(?:达到了|达到|达|为|均为|均达|保持在|保持|提升至|提高到|提高至|实现|了|共计|共|累计|总计|计|约|近|超过|超|逾|不少于|不低于|至少|高于|低于)+$")
COUNT_SUFFIX = {
    "次": "次数", "场": "场次", "场次": "场次", "人次": "人次", "份": "份数", "条": "条数", "学时": "学时",
    "课时": "课时", "小时": "小时数", "期": "期数", "元": "金额", "批": "批次", "批次": "批次",
    "户次": "户次", "件次": "件次", "轮次": "轮次", "个百分点": "变化(百分点)",
}


@dataclass
class Figure:
    text: str
    start: int
    end: int
    indicator: str
    value: int | float
    unit: str
    qualifier: str
    label: str = field(default="", repr=False, compare=False)  # the words naming what is counted

    def as_dict(self) -> dict:
        return {key: getattr(self, key) for key in ("text", "start", "end", "indicator", "value", "unit", "qualifier")}


def quoted_mask(text: str) -> list[bool]:
    """True for characters inside quotation marks or title marks (“…”, 《…》, <…>, 「…」).

    Numbers there belong to names (“三项制度”, 《…2021—2025年…》, “一件事一次办”), not to work done.
    An opening mark without its closing mark in the same line covers at most 20 characters.
    """
    pairs = {"“": "”", "《": "》", "〈": "〉", "<": ">", "「": "」", "『": "』", "＜": "＞"}
    mask = [False] * len(text)
    line_start = 0
    for line in text.split("\n"):
        stack: list[tuple[str, int]] = []
        in_ascii = None
        for offset, ch in enumerate(line):
            i = line_start + offset
            if ch == '"':
                if in_ascii is None:
                    in_ascii = i
                else:
                    for k in range(in_ascii, i + 1):
                        mask[k] = True
                    in_ascii = None
            elif ch in pairs:
                stack.append((pairs[ch], i))
            elif stack and ch == stack[-1][0]:
                _, opened = stack.pop()
                for k in range(opened, i + 1):
                    mask[k] = True
        for _, opened in stack + ([("", in_ascii)] if in_ascii is not None else []):
            for k in range(opened, min(opened + 20, line_start + len(line))):
                mask[k] = True
        line_start += len(line) + 1
    return mask


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _pre_qualifier(text: str, pos: int) -> tuple[str, int]:
    """The qualifier before a number and where it starts: right before it (不少于6次), or for the
    modal ones a verb away (至少举行一期)."""
    for word in PRE_QUALIFIERS:
        begin = pos - len(word)
        if begin >= 0 and text[begin:pos] == word:
            if len(word) == 1 and begin > 0 and text[begin - 1] in QUALIFIER_WORD_BEFORE.get(word, ""):
                continue
            return word, begin
    window = text[max(0, pos - 8):pos]
    for word in MODAL_QUALIFIERS:
        found = window.rfind(word)
        if found >= 0 and not any(ch in BOUNDARY for ch in window[found:]):
            return word, pos - len(window) + found
    return "", pos


def _clause_start(text: str, pos: int, floor: int) -> int:
    start = pos
    while start > floor and text[start - 1] not in BOUNDARY:
        start -= 1
    # One figure for a list: "办结率、满意率均为100%", "设置宣传广告牌、标语、墙字等20余处": the list is the subject.
    shared = re.search(r"(?:率|等)(?:均为|均达|均|达到|达|为)?$", text[start:pos])
    while shared and start > floor and text[start - 1] == "、":
        before = start - 1
        while before > floor and text[before - 1] not in BOUNDARY:
            before -= 1
        if re.search(r"[0-9０-９]", text[before:start - 1]) or start - before > 20:
            break
        start = before
    # Long clauses: keep the 30 characters before the number.
    start = max(start, pos - 30)
    while True:
        match = LEADING_NOISE.match(text, start, pos)
        if not match or match.end() == start:
            return start
        start = match.end()


def _attributive_end(text: str, pos: int) -> int:
    """End of the noun phrase after an attributive figure (16名行政执法人员, 5人通过执法证考试)."""
    end = pos
    stops = ("全部", "均", "都", "已经", "已", "分别", "的", "共计", "共", "累计", "合计", "其中", "和", "及", "与", "并")
    closing = {"“": "”", "《": "》"}
    while end < len(text) and end - pos < 16:
        ch = text[end]
        if ch in closing:
            close = text.find(closing[ch], end, end + 24)
            if close < 0:
                break
            end = close + 1
            continue
        if ch in BOUNDARY or ch.isdigit() or ch in CN_NUMERAL_CHARS and end > pos:
            break
        if any(text.startswith(word, end) for word in stops):
            break
        end += 1
    return end


def _indicator(left: str, right: str, unit: str) -> str:
    """A short name of what is counted: the clause's verb and object, or the 率 being stated."""
    if "等" in left:
        after_list = left[left.rindex("等") + 1:]
        # 普法专题活动12场 after "…等": the noun after 等 names it; "广告牌、标语等20余处": the first item does.
        left = after_list if INDICATOR_TAIL.sub("", after_list) else left.split("、")[0] + "等"
    left = re.sub(r"(?:截至|截止)(?:目前|[0-9]{4}年)?(?:[0-9]{1,2}月)?(?:[0-9]{1,2}日)?底?", "", left)
    for cut in ("今年以来", "年初以来", "以来"):
        if cut in left:
            left = left[left.rindex(cut) + len(cut):]
    left = INDICATOR_TAIL.sub("", INDICATOR_SCOPE.sub("", left))
    left = left.strip("，,、 ")
    if unit in PERCENT_UNITS or unit == "‰":
        if right.startswith("覆盖") or right.startswith("全覆盖"):
            return (left or "") + "覆盖率"
        if left.endswith("占"):
            return left.removesuffix("仅占").removesuffix("占") + "比例"
        return left or "比率"
    right = right.strip("，,、 ")
    if right and len(left) > 4:
        left = ""  # 通过…等方式继续对110项“一件事一次办”事项: the noun after the number says it
    name = (left + right) if right else left
    name = INDICATOR_SCOPE.sub("", name) or name
    if len(name) > 24:
        name = name[-24:]
    if not name:
        return "数量"
    suffix = COUNT_SUFFIX.get(unit, "数")
    if right and unit in ("人", "名", "位") and not name.endswith(("人", "员")):
        suffix = "人数"
    if name.endswith(suffix) or name.endswith("数") or name.endswith("率"):
        return name
    return name + suffix


def find_figures(text: str) -> list[Figure]:
    """Every figure about the unit's work stated in ``text``, in order."""
    quoted = quoted_mask(text)
    figures: list[Figure] = []
    last_end = 0
    for match in FIGURE_RE.finditer(text):
        previous_label = figures[-1].label if figures and figures[-1].end == last_end else ""
        figure = _figure(text, match, quoted, last_end, previous_label)
        if figure:
            figures.append(figure)
            last_end = figure.end
    return figures


def _figure(text: str, match: re.Match, quoted: list[bool], last_end: int, previous_label: str = "") -> Figure | None:
    if match.group("pct") is not None:
        num_start, num_end = match.start("pct") - 3, match.end("pct")
        numeral, unit, post, multiplier = match.group("pct"), "%", match.group("pq") or "", 1
        end = match.end()
        is_chinese = not numeral[:1].isdigit()
    else:
        num_start, num_end = match.start("num"), match.end("num")
        numeral, unit = match.group("num"), match.group("unit")
        multiplier = MULTIPLIERS[match.group("mult")] if match.group("mult") else 1
        post = match.group("q1") or match.group("q2") or match.group("q3") or ""
        end = match.end()
        is_chinese = not numeral[:1].translate(str.maketrans("０１２３４５６７８９", "0123456789")).isdigit()
        # The 余 of "3000余" belongs to the figure; the 以上 after the unit too.
        nxt = text[match.end("unit"):match.end("unit") + 4]
        if unit in NOT_A_UNIT_BEFORE and nxt[:1] and nxt[0] in NOT_A_UNIT_BEFORE[unit]:
            return None
        if unit == "个" and any(nxt.startswith(word) for word in TIME_AFTER_GE):
            return None
    if num_start < last_end or any(quoted[num_start:num_end]):
        return None
    # A space stands for "nothing there", so that membership tests below stay false at the text's ends.
    before = text[num_start - 1] if num_start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before == "第" or (not is_chinese and before in "-—–/／+×xX*~～#.．"):
        return None
    if not is_chinese and len(numeral) > 1 and numeral[0] in "0０" and numeral[1:2] not in ".．":
        return None  # codes and phone numbers
    if unit in ("小时", "分钟") and (after in "内" or before in "×xX*" or text.startswith("之内", end)):
        return None
    if unit == "小时" and numeral == "24" and _is_cjk(after):
        return None  # 24小时自助服务
    qualifier, qualifier_start = _pre_qualifier(text, num_start)
    if is_chinese:
        if numeral == "一" and not qualifier:
            return None  # 一次性, 一件事, 一批: too often not a count
        attributive = unit not in PERCENT_UNITS and (_is_cjk(after) or after in "“《")
        if attributive:
            lead = text[max(0, num_start - 8):num_start].rstrip("了共累计先后")
            # 百余人参加, 十余次: an approximate count is a count; otherwise a verb of doing must lead.
            if not qualifier and not post and not any(lead.endswith(verb) for verb in COUNTING_VERBS):
                return None
            if any(text.startswith(noun, end) for noun in NAME_NOUNS):
                return None
    value = to_number(numeral) * multiplier
    start = _clause_start(text, qualifier_start, last_end)
    left = text[start:qualifier_start] + text[qualifier_start + len(qualifier):num_start]
    if NOT_WORK_CONTEXT.search(left) or LOCATIVE_LEAD.search(left):
        return None
    right = ""
    if unit in PERCENT_UNITS:
        for word in ("全覆盖", "覆盖"):
            if text.startswith(word, end):
                right, end = word, end + len(word)
                break
    elif unit == "元":
        for word in ("资金", "经费", "奖补资金"):  # 投入50万元资金; otherwise 元 ends the figure
            if text.startswith(word, end):
                right, end = word, end + len(word)
                break
    elif (_is_cjk(after) or after in "“《") and unit not in ("学时", "课时", "小时", "个百分点", "‰"):
        right_end = _attributive_end(text, end)
        right, end = text[end:right_end], right_end
    label = left
    chained = previous_label and not right and \
        re.fullmatch(r"(?:共计|共|累计|合计|总计|计|其中|达|涉及)*", text[last_end:qualifier_start])
    if chained:
        # 培训4期共计60余人次: the second figure counts the same activity.
        label = previous_label
    elif not left.strip() and start > 0 and text[start - 1] in "：:":
        # 受理案件：12件 — the label is before the colon.
        label_start = _clause_start(text, start - 1, last_end)
        label = text[label_start:start - 1]
    if not qualifier and post:
        qualifier = post
    return Figure(
        text=text[start:end], start=start, end=end,
        indicator=_indicator(label, right, unit),
        value=plain(value), unit="%" if unit in PERCENT_UNITS else unit, qualifier=qualifier,
        label=label,
    )


# ---------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------

SECTION_KEYS = ("measures", "first_responsible", "shortcomings", "next_year")
SECTION_LABELS = {
    "measures": "主要举措和成效",
    "first_responsible": "党政主要负责人履行推进法治建设第一责任人职责情况",
    "shortcomings": "存在的不足和原因",
    "next_year": "下一年度工作安排",
}

LEVEL1 = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．,，]|第[一二三四五六七八九十]+部分)")
LEVEL2 = re.compile(r"^\s*[（(][一二三四五六七八九十]+[)）]")

# Heading words. Level-1 headings may use the broad words; a level-2 heading (a theme inside
# a part) or an unnumbered line counts only with the strong ones.
NEXT_YEAR_STRONG = re.compile(r"下一年|下一步|下步|明年|来年|今后|未来一年|展望|努力方向")
NEXT_YEAR_WORDS = re.compile(
    r"工作(?:安排|计划|打算|思路|设想|要点|重点|展望|目标)|(?:安排|计划|打算|思路|设想)(?:$|[和与及、])|重点工作$"
)
SHORT_STRONG = re.compile(r"存在的?(?:主要)?(?:问题|不足|短板|困难)|不足和原因|问题和不足|不足之处|问题与不足|短板和不足|困难和问题")
SHORT_WORDS = re.compile(r"不足|问题|短板|差距|薄弱|困难")
FIRST_RESPONSIBLE = re.compile(
    r"第一责任人|述法|主要负责人.{0,15}(?:履行|职责|履职)|(?:主要负责人|主要领导|一把手).{0,6}(?:履职|尽责)"
)
MEASURES_STRONG = re.compile(r"主要举措|举措和成效|做法和成效|做法及成效|工作成效|主要成效|建设成就|主要做法|工作举措")
MEASURES_WORDS = re.compile(
    r"举措|成效|成就|做法|主要工作|工作情况|开展情况|落实情况|推进情况|建设情况|完成情况|取得|进展|亮点|成果|"
    r"基本情况|总体情况|落实手段|工作开展|工作回顾|总结"
)

# Content evidence, for reports whose parts have no heading of their own.
FR_CONTENT = re.compile(r"第一责任人|述法|主要负责人.{0,10}(?:亲自|带头|履行|履职)")
SHORT_CONTENT = re.compile(
    r"(?:仍|还|也|尚|但|仍然)(?:存在|有)着?(?:一些|以下|不少|诸多|部分|一定的?|较多|许多)?的?(?:问题|不足|短板|差距|薄弱环节|困难)"
    r"|存在着?(?:一些|以下|不少|诸多|一定的?)的?(?:问题|不足|短板|差距|薄弱环节|困难)"
    r"|不足之处|问题和不足|不足和问题"
)
PAST_CONTENT = re.compile(r"一是.{2,}二是|取得|成效|建成|出台|成立|完成")


@dataclass
class Heading:
    text: str
    start: int
    level: int  # 1: 一、; 2: （一）; 3: an unnumbered short line (numbering lost from a .docx)


def _headings(text: str) -> list[Heading]:
    headings = []
    offset = 0
    first_line = True
    for line in text.split("\n"):
        stripped = line.strip()
        level = 1 if LEVEL1.match(stripped) else 2 if LEVEL2.match(stripped) else 0
        if level:
            # A run-in heading ends at the first full stop.
            head = re.split(r"[。；;！]", stripped, maxsplit=1)[0][:80]
            headings.append(Heading(head, offset, level))
        elif stripped and not first_line and len(stripped) <= 40 and not re.search(r"[。；;！？?]", stripped):
            headings.append(Heading(stripped, offset, 3))
        if stripped:
            first_line = False
        offset += len(line) + 1
    if not any(h.level == 1 for h in headings):
        headings = [Heading(h.text, h.start, 1) if h.level == 2 else h for h in headings]
    return headings


def _strip_titles(text: str) -> str:
    """Remove what is inside 《》 (a regulation's title mentions 第一责任人 without reporting on it)."""
    return re.sub(r"《[^》\n]*》|<[^>\n]*>", "", text)


def _classify(heading: Heading, year: int | None = None) -> set[str]:
    """The mandated parts a heading names (a heading may name two: 存在问题及下步打算)."""
    text = _strip_titles(heading.text)
    broad = heading.level == 1
    kinds = set()
    later_year = year and any(int(y) > year for y in re.findall(r"(20[0-9]{2})\s*年", text))
    if NEXT_YEAR_STRONG.search(text) or (broad and (NEXT_YEAR_WORDS.search(text) or later_year)):
        kinds.add("next_year")
    if SHORT_STRONG.search(text) or (broad and SHORT_WORDS.search(text)):
        kinds.add("shortcomings")
    if FIRST_RESPONSIBLE.search(text):
        kinds.add("first_responsible")
    if not kinds and (MEASURES_STRONG.search(text) or (broad and MEASURES_WORDS.search(text))):
        kinds.add("measures")
    return kinds


def section_spans(text: str) -> list[tuple[set[str], int, int, str]]:
    """The top-level parts of the text as (kinds, start, end, heading); empty kinds for other parts."""
    headings = _headings(text)
    top = [h for h in headings if h.level == 1] or [h for h in headings if h.level == 3]
    year = report_year(text)
    spans = []
    for index, heading in enumerate(top):
        end = top[index + 1].start if index + 1 < len(top) else len(text)
        spans.append((_classify(heading, year), heading.start, end, heading.text))
    return spans


def detect_sections(text: str, figures: list[Figure] | None = None) -> dict[str, bool]:
    """Which mandated parts the report has: a heading naming the part, else content that is that part."""
    found = {key: False for key in SECTION_KEYS}
    year = report_year(text)
    spans = section_spans(text)
    plan_ranges = [(s, e) for kinds, s, e, _ in spans if kinds == {"next_year"}]
    for heading in _headings(text):
        kinds = _classify(heading, year)
        if heading.level != 1 and any(s <= heading.start < e for s, e in plan_ranges):
            # Inside a plan for next year, a theme such as "落实第一责任人制度" reports nothing done.
            kinds &= {"next_year"}
        for kind in kinds:
            found[kind] = True

    # Content outside the next-year plan and outside quoted titles.
    past_text = _strip_titles(_outside(text, plan_ranges))
    sentences = re.split(r"[。；;！!？?\n]", past_text)
    if not found["first_responsible"]:
        found["first_responsible"] = any(FR_CONTENT.search(s) for s in sentences)
    if not found["shortcomings"]:
        found["shortcomings"] = any(SHORT_CONTENT.search(s) for s in sentences)
    if not found["measures"]:
        figures = find_figures(text) if figures is None else figures
        past_figures = [f for f in figures if not any(s <= f.start < e for s, e in plan_ranges)]
        found["measures"] = len(past_figures) >= 2 or bool(PAST_CONTENT.search(past_text) and len(past_text) > 300)
    if not found["next_year"]:
        future = rf"{year + 1}年" if year else r"(?!)"
        found["next_year"] = any(
            re.search(rf"(?:下一步|下步|明年|来年|下一年度|{future})[，,]?(?:我们|我镇|我街道|我乡|街道|将|要|计划|继续|重点)", s)
            for s in re.split(r"[。；;！!？?\n]", text)
        )
    return found


def _outside(text: str, ranges: list[tuple[int, int]]) -> str:
    if not ranges:
        return text
    pieces, cursor = [], 0
    for start, end in sorted(ranges):
        pieces.append(text[cursor:start])
        cursor = end
    pieces.append(text[cursor:])
    return "\n".join(pieces)


def report_year(text: str) -> int | None:
    """The year reported on: the year in the title line, else the first 20xx年度, else the most frequent 20xx年."""
    title = next((line for line in text.split("\n") if line.strip()), "")
    match = re.search(r"(20[0-9]{2})\s*年", title) or re.search(r"(20[0-9]{2})\s*年度", text)
    if match:
        return int(match.group(1))
    years = re.findall(r"(20[0-9]{2})\s*年", text)
    if not years:
        return None
    return int(max(set(years), key=years.count))


# ---------------------------------------------------------------------------
# Repeated and shared passages
# ---------------------------------------------------------------------------

MIN_PASSAGE = 50  # normalised characters (whitespace and punctuation removed)


@dataclass
class Passage:
    text: str
    occurrences: list[list[int]] = field(default_factory=list)


def normalise(text: str) -> tuple[str, list[int]]:
    """Text without whitespace, punctuation and symbols (full-width folded), and each kept character's offset."""
    chars, offsets = [], []
    for index, ch in enumerate(text):
        folded = unicodedata.normalize("NFKC", ch)
        if len(folded) != 1:
            folded = ch
        category = unicodedata.category(folded)
        if category[0] in "PZSC" or folded.isspace():
            continue
        chars.append(folded.lower())
        offsets.append(index)
    return "".join(chars), offsets


def _grams(a: str, k: int) -> dict[str, list[int]]:
    """Where each k-character run of ``a`` starts (at most 12 places each)."""
    grams: dict[str, list[int]] = {}
    for i in range(len(a) - k + 1):
        bucket = grams.setdefault(a[i:i + k], [])
        if len(bucket) < 12:
            bucket.append(i)
    return grams


def _common_runs(a: str, b: str | None, k: int, grams: dict | None = None) -> list[tuple[int, int, int]]:
    """Maximal common runs of at least k characters: (start in a, start in b, length).

    With b None, runs repeated inside a (non-overlapping occurrences). ``grams`` may carry ``_grams(a, k)``
    when ``a`` is compared with many texts.
    """
    grams = _grams(a, k) if grams is None else grams
    pairs = []
    if b is None:
        for positions in grams.values():
            for x in range(len(positions)):
                for y in range(x + 1, len(positions)):
                    pairs.append((positions[y] - positions[x], positions[x]))
    else:
        for j in range(len(b) - k + 1):
            for i in grams.get(b[j:j + k], ()):
                pairs.append((j - i, i))
    pairs.sort()
    runs = []
    index = 0
    while index < len(pairs):
        diagonal, first = pairs[index]
        last = first
        while index + 1 < len(pairs) and pairs[index + 1] == (diagonal, last + 1):
            index += 1
            last += 1
        length = last - first + k
        if b is None:
            length = min(length, diagonal)  # occurrences must not overlap
        if length >= k:
            runs.append((first, first + diagonal, length))
        index += 1
    return runs


def repeated_passages(text: str, min_length: int = MIN_PASSAGE) -> list[Passage]:
    """Passages of at least ``min_length`` normalised characters occurring more than once in ``text``."""
    norm, offsets = normalise(text)
    groups: dict[str, set[int]] = {}
    for i, j, length in _common_runs(norm, None, min_length):
        key = norm[i:i + length]
        groups.setdefault(key, set()).update({i, j})
    accepted: list[tuple[str, list[int]]] = []
    for key in sorted(groups, key=len, reverse=True):
        starts = sorted(groups[key])
        covered = all(
            any(o <= s and s + len(key) <= o + len(k2) for k2, os in accepted for o in os) for s in starts
        )
        if not covered:
            accepted.append((key, starts))
    passages = []
    for key, starts in accepted:
        cut_start, cut_end = _trim_to_sentences(text, offsets, starts[0], len(key), min_length)
        key = key[cut_start:len(key) - cut_end]
        starts = [s + cut_start for s in starts]
        spans = [[offsets[s], offsets[s + len(key) - 1] + 1] for s in starts]
        passages.append(Passage(text=text[spans[0][0]:spans[0][1]], occurrences=spans))
    return sorted(passages, key=lambda p: p.occurrences[0][0])


SENTENCE_ENDS = set("。！？!?；;\n")
TRIM_WITHIN = 25


def _trim_to_sentences(text: str, offsets: list[int], start: int, length: int, min_length: int) -> tuple[int, int]:
    """How many normalised characters to drop at each end so that a passage starts and ends at a
    sentence or line boundary, when the boundary is near (a heading's last words before a
    repeated paragraph are noise)."""
    def boundary_before(i: int) -> bool:  # a sentence ends between kept characters i-1 and i
        return any(ch in SENTENCE_ENDS for ch in text[offsets[i - 1] + 1:offsets[i]])

    head = next((n for n in range(1, min(TRIM_WITHIN, length)) if boundary_before(start + n)), 0)
    tail = next((n for n in range(1, min(TRIM_WITHIN, length))
                 if start + length - n < len(offsets) and boundary_before(start + length - n)), 0)
    if length - head - tail < min_length:
        return 0, 0
    return head, tail


class PassageIndex:
    """A text prepared once for comparison with many others (cross-report duplicate detection)."""

    def __init__(self, text: str, min_length: int = MIN_PASSAGE):
        self.text, self.min_length = text, min_length
        self.norm, self.offsets = normalise(text)
        self.grams = _grams(self.norm, min_length)

    def shared_with(self, other: str) -> list[dict]:
        """Passages of the text that also occur in ``other``: [{"text", "span": [s, e], "other_span": [s, e]}],
        one entry per stretch of the text (the longest where several overlap)."""
        norm_b, off_b = normalise(other)
        found = []
        for i, j, length in _common_runs(self.norm, norm_b, self.min_length, self.grams):
            span = [self.offsets[i], self.offsets[i + length - 1] + 1]
            found.append({"text": self.text[span[0]:span[1]], "span": span,
                          "other_span": [off_b[j], off_b[j + length - 1] + 1]})
        found.sort(key=lambda p: p["span"][0])
        result = []
        for passage in found:
            if result and passage["span"][0] < result[-1]["span"][1]:
                if passage["span"][1] - passage["span"][0] > result[-1]["span"][1] - result[-1]["span"][0]:
                    result[-1] = passage
                continue
            result.append(passage)
        return result


def shared_passages(text: str, other: str, min_length: int = MIN_PASSAGE) -> list[dict]:
    """Passages of ``text`` that also occur in ``other`` (see ``PassageIndex.shared_with``)."""
    return PassageIndex(text, min_length).shared_with(other)


# ---------------------------------------------------------------------------
# The whole review
# ---------------------------------------------------------------------------


def review(text: str) -> dict:
    """The review of one report's text, as the JSON object ``review_report --json`` prints."""
    figures = find_figures(text)
    return {
        "sections": detect_sections(text, figures),
        "figures": [f.as_dict() for f in figures],
        "repeated_passages": [asdict(p) for p in repeated_passages(text)],
    }
