"""Writes of the indicators app: load a scheme edition from its data file, put one in force, score a
qualitative item. Each runs in one transaction and leaves an audit entry.

Basis: the 《市县法治政府建设示范指标体系》 is revised from edition to edition (2019版, 2021版, the 2025
申报指南: statutory-rules.md §11), and its 分值、权重 are set locally; the 《法治政府建设与责任落实督察工作规定》
has the level above assess the units below. So the scheme is data a deployment loads, and the overseer
above a unit scores its qualitative items.
"""

import hashlib
import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from yifa.core import audit, deadlines
from yifa.core.models import Org
from yifa.core.workflow import transition

from . import registry
from .models import IndicatorNode, IndicatorScheme, ItemScore

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_FILE = "sfzb-2021.json"
FORMAT = "yifa-indicator-scheme/1"
MAX_FILE_BYTES = 1_000_000


class SchemeError(ValidationError):
    """The data file cannot be loaded; the messages (Chinese) name each faulty node."""


def data_files() -> list[Path]:
    """The scheme editions shipped with the platform (``yifa/indicators/data/*.json``)."""
    return sorted(DATA_DIR.glob("*.json"))


def shipped_file(name: str) -> Path:
    path = DATA_DIR / name
    if path.parent != DATA_DIR or path.suffix != ".json" or not path.is_file():
        raise SchemeError(f"找不到随平台提供的指标体系文件“{name}”。")
    return path


# ---------------------------------------------------------------- reading and checking a data file


def parse(raw: bytes) -> dict:
    """Decode and check a data file; returns the scheme as plain data or raises ``SchemeError``."""
    if len(raw) > MAX_FILE_BYTES:
        raise SchemeError("指标体系文件过大（超过1MB），请检查是否选错了文件。")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SchemeError(f"指标体系文件不是有效的 UTF-8 JSON：{error}") from None
    errors = check(data)
    if errors:
        raise SchemeError(errors)
    return data


def check(data) -> list[str]:
    """Every problem of the data, in Chinese, each naming where it is."""
    if not isinstance(data, dict):
        return ["文件内容应为一个 JSON 对象。"]
    errors = []
    if data.get("format", FORMAT) != FORMAT:
        errors.append(f"不支持的文件格式“{data.get('format')}”，应为 {FORMAT}。")
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{1,59}", str(data.get("code", ""))):
        errors.append("体系代码 code 应为2至60位小写字母、数字或连字符，如 sfzb-2021。")
    for key, label, size in (("name", "名称", 120), ("edition", "版次", 60)):
        if not isinstance(data.get(key), str) or not data[key].strip() or len(data[key]) > size:
            errors.append(f"缺少{label}（{key}），或超过{size}字。")
    levels = data.get("levels")
    if not isinstance(levels, list) or not levels or not all(isinstance(x, str) and x for x in levels):
        errors.append("缺少层级名称 levels，如 [\"一级指标\", \"二级指标\", \"三级指标\"]。")
        levels = ["一级指标", "二级指标", "三级指标"]
    if data.get("no_data", "full") not in IndicatorScheme.NoData.values:
        errors.append("no_data 只能是 full（无业务按满分计）或 skip（无业务不计入）。")
    nodes = data.get("nodes")
    if not isinstance(nodes, list) or not nodes:
        errors.append("缺少指标 nodes。")
        return errors
    leaves = []
    for node in nodes:
        _check_node(node, 1, len(levels), [], errors, leaves)
    if leaves and not any(leaf.get("kind") == "quantitative" for leaf in leaves):
        errors.append("至少应有一项定量指标。")
    return errors


def _decimal(value) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _check_node(node, level: int, depth: int, path: list[str], errors: list[str], leaves: list) -> None:
    if not isinstance(node, dict):
        errors.append(f"{' > '.join(path) or '第一层'}：每个指标应为一个 JSON 对象。")
        return
    number, title = str(node.get("number", "")).strip(), str(node.get("title", "")).strip()
    here = " > ".join([*path, f"{number} {title[:20]}".strip() or "（无序号）"])
    if not number or len(number) > 20:
        errors.append(f"{here}：缺少序号 number，或超过20字。")
    if not title or len(title) > 300:
        errors.append(f"{here}：缺少指标名称 title，或超过300字。")
    if level > depth:
        errors.append(f"{here}：层级超过 levels 所列的{depth}级。")
        return
    children = node.get("children")
    kind = node.get("kind", "group" if children else "")
    if kind == "group":
        if not isinstance(children, list) or not children:
            errors.append(f"{here}：分类指标应有下级指标 children。")
            return
        for child in children:
            _check_node(child, level + 1, depth, [*path, number], errors, leaves)
        return
    if children:
        errors.append(f"{here}：定量或定性指标不能再有下级指标。")
    if kind not in ("quantitative", "qualitative"):
        errors.append(f"{here}：kind 应为 quantitative（定量）或 qualitative（定性），或给出下级指标。")
        return
    leaves.append(node)
    points = _decimal(node.get("points"))
    if points is None or points < 0 or points > 1000:
        errors.append(f"{here}：分值 points 应为0至1000之间的数。")
    if kind == "qualitative":
        return
    code = node.get("indicator", "")
    if code not in registry.INDICATORS:
        errors.append(f"{here}：指标代码“{code}”不在平台指标目录中（见 yifa/indicators/registry.py）。")
    target = _decimal(node.get("target"))
    if target is None or target < 0:
        errors.append(f"{here}：定量指标应有不小于0的目标值 target。")
    elif code in registry.INDICATORS and registry.INDICATORS[code].is_rate and target > 100:
        errors.append(f"{here}：比率指标的目标值不能超过100。")
    if node.get("direction", "gte") not in IndicatorNode.Direction.values:
        errors.append(f"{here}：direction 只能是 gte（不低于）或 lte（不高于）。")
    rule = node.get("rule", "threshold")
    if rule not in IndicatorNode.ScoreRule.values:
        errors.append(f"{here}：计分规则 rule 只能是 threshold、proportional 或 deduct。")
    step = _decimal(node.get("step"))
    if rule == "deduct" and (step is None or step <= 0):
        errors.append(f"{here}：扣分规则 deduct 须给出每单位扣分 step（大于0）。")


# ---------------------------------------------------------------- building the rows


def build(data: dict, checksum: str, *, source: str, scheme_model=IndicatorScheme, node_model=IndicatorNode,
          loaded_by=None):
    """Create the scheme and its nodes from checked data, as the next version of its code.

    Takes the model classes so the data migration can build the default edition with its historical models.
    """
    latest = scheme_model.objects.filter(code=data["code"]).order_by("-version").first()
    scheme = scheme_model.objects.create(
        code=data["code"], version=(latest.version + 1) if latest else 1, name=data["name"].strip(),
        edition=data["edition"].strip(), issued_by=str(data.get("issued_by", ""))[:120],
        description=str(data.get("description", "")), level_names=data["levels"],
        no_data=data.get("no_data", "full"), source_file=source[:200], checksum=checksum, loaded_by=loaded_by)
    counter = [0]

    def add(node: dict, parent, level: int) -> None:
        counter[0] += 1
        children = node.get("children") or []
        kind = node.get("kind", "group" if children else "")
        quantitative = kind == "quantitative"
        row = node_model.objects.create(
            scheme=scheme, parent=parent, level=level, number=str(node["number"]).strip(),
            title=node["title"].strip(), kind=kind, sort_order=counter[0],
            indicator=node.get("indicator", "") if quantitative else "",
            target=_decimal(node.get("target")) if quantitative else None,
            direction=node.get("direction", "gte"), score_rule=node.get("rule", "threshold") if quantitative else "",
            deduct_step=_decimal(node.get("step")) if quantitative else None,
            points=(_decimal(node.get("points")) or Decimal("0")) if kind != "group" else Decimal("0"),
            basis=str(node.get("basis", ""))[:300], note=str(node.get("note", "")),
            confidence=str(node.get("confidence", ""))[:2])
        for child in children:
            add(child, row, level + 1)

    for top in data["nodes"]:
        add(top, None, 1)
    return scheme


def checksum_of(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


@transaction.atomic
def load_scheme(raw: bytes, *, by, source: str = "") -> IndicatorScheme:
    """载入指标体系版本: check the data file and store it as the next version of its scheme (not yet in force).

    Refuses a file identical to a version already loaded, so versions differ by content.
    """
    data = parse(raw)
    digest = checksum_of(raw)
    same = IndicatorScheme.objects.filter(code=data["code"], checksum=digest).first()
    if same is not None:
        raise SchemeError(f"该文件与已载入的“{same}”内容相同，无需重复载入。")
    scheme = build(data, digest, source=source, loaded_by=by)
    audit.record("indicators.load_scheme", scheme, by=by, note=source,
                 changes={"version": [None, scheme.version], "nodes": [None, scheme.nodes.count()],
                          "checksum": [None, digest]})
    return scheme


def load_shipped(name: str, *, by) -> IndicatorScheme:
    path = shipped_file(name)
    return load_scheme(path.read_bytes(), by=by, source=path.name)


@transaction.atomic
def activate_scheme(scheme: IndicatorScheme, *, by) -> IndicatorScheme:
    """启用指标体系版本: put ``scheme`` in force for the whole deployment; the one in force before is retired.

    Scores and the dashboard use the edition in force; qualitative scores stay with the version they were
    given under.
    """
    scheme = IndicatorScheme.objects.select_for_update().get(pk=scheme.pk)
    for current in IndicatorScheme.objects.select_for_update().filter(status=IndicatorScheme.Status.ACTIVE):
        transition(current, "retire_scheme", by=by, note=f"改为启用{scheme}")
    scheme.activated_at = timezone.now()
    transition(scheme, "activate_scheme", by=by, extra_fields=["activated_at"])
    return scheme


@transaction.atomic
def score_item(node: IndicatorNode, org: Org, year: int, *, by, score, note: str) -> ItemScore:
    """定性指标评分: the overseer of the unit above scores one qualitative item of ``org`` for ``year``,
    with the reason (a score without its reason cannot be checked). A second score replaces the first; the
    audit trail keeps both."""
    if not node.is_qualitative:
        raise ValidationError("只有定性指标需要人工评分，定量指标由平台按登记数据计算。")
    if not node.scheme.is_active:
        raise ValidationError("只能对启用中的指标体系评分。")
    if not 2000 <= int(year) <= deadlines.today().year + 1:
        raise ValidationError("考核年度不正确。")
    value = _decimal(score)
    if value is None or value < 0 or value > node.points:
        raise ValidationError(f"得分应在0至{display_points(node.points)}分之间。")
    note = (note or "").strip()
    if not note:
        raise ValidationError("请填写评分说明（扣分的写明扣分理由）。")
    existing = ItemScore.objects.select_for_update().filter(node=node, org=org, year=year).first()
    old = existing.score if existing else None
    item, _ = ItemScore.objects.update_or_create(node=node, org=org, year=year,
                                                 defaults={"score": value, "note": note[:500], "scored_by": by})
    audit.record("indicators.score_item", item, by=by, note=note[:200],
                 changes={"score": [None if old is None else str(old), str(value)], "org": [None, org.name],
                          "item": [None, str(node)[:100]]})
    return item


def display_points(points: Decimal) -> str:
    return f"{points.normalize():f}"
