"""考核指标体系: an indicator scheme (such as the 《市县法治政府建设示范指标体系》, 中央依法治国办 2021年版)
stored as versioned data, and the overseer's scores for its qualitative items.

The scheme's 一级/二级/三级 tree changes between editions (2019版, 2021版, a 2025 申报指南 with 10/34/104
items: statutory-rules.md §11), so it is data loaded from a file in ``yifa/indicators/data/``, never code.
A 三级 item is either

- 定量 (quantitative): bound to a registry code (``registry.INDICATORS``), the figure computed from the
  registers, with a target (目标值), a direction (≥ or ≤) and a score rule; or
- 定性 (qualitative, 人工评分): scored by the overseer of the unit above, once a year (``ItemScore``).

Targets and points are local settings ([M]/[NV]: the 分值、权重 of the national scheme are set by expert
panels and not published); a deployment changes them by loading a new version of its data file.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models

from yifa.core.scope import ScopedManager


class IndicatorScheme(models.Model):
    """指标体系版本: one loaded edition of a scheme. Only one is in force (启用) at a time."""

    class Status(models.TextChoices):
        LOADED = "loaded", "已载入（未启用）"
        ACTIVE = "active", "启用中"
        RETIRED = "retired", "已停用"

    TRANSITIONS = {
        "activate_scheme": ({Status.LOADED, Status.RETIRED}, Status.ACTIVE),
        "retire_scheme": ({Status.ACTIVE}, Status.RETIRED),
    }
    ACTION_LABELS = {"activate_scheme": "启用", "retire_scheme": "停用"}

    class NoData(models.TextChoices):
        FULL = "full", "无此项业务的按满分计"
        SKIP = "skip", "无此项业务的不计入（满分相应扣减）"

    code = models.CharField("体系代码", max_length=60, help_text="同一体系各版本共用，如 sfzb-2021")
    version = models.PositiveIntegerField("版本号")
    name = models.CharField("名称", max_length=120)
    edition = models.CharField("版次", max_length=60, help_text="如“2021年版”")
    issued_by = models.CharField("制定机关", max_length=120, blank=True)
    description = models.TextField("说明", blank=True)
    level_names = models.JSONField("层级名称", default=list, help_text="如 [\"一级指标\", \"二级指标\", \"三级指标\"]")
    no_data = models.CharField("无业务数据时", max_length=10, choices=NoData, default=NoData.FULL)
    source_file = models.CharField("数据文件", max_length=200, blank=True)
    checksum = models.CharField("文件摘要", max_length=64, editable=False)
    status = models.CharField("状态", max_length=10, choices=Status, default=Status.LOADED)
    loaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="载入人", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    loaded_at = models.DateTimeField("载入时间", auto_now_add=True)
    activated_at = models.DateTimeField("启用时间", null=True, blank=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "指标体系"
        verbose_name_plural = "指标体系"
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="indicator_scheme_version_unique"),
            models.UniqueConstraint(fields=["status"], condition=models.Q(status="active"),
                                    name="indicator_scheme_one_active"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.edition}，第{self.version}版）"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("indicators:scheme_detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    def level_name(self, level: int) -> str:
        names = self.level_names or []
        return names[level - 1] if 0 < level <= len(names) else f"{level}级指标"


class IndicatorNode(models.Model):
    """指标: one node of the tree (一级/二级/三级). Leaves carry the points; quantitative leaves are bound."""

    class Kind(models.TextChoices):
        GROUP = "group", "分类"
        QUANTITATIVE = "quantitative", "定量（自动计算）"
        QUALITATIVE = "qualitative", "定性（人工评分）"

    class Direction(models.TextChoices):
        AT_LEAST = "gte", "不低于"
        AT_MOST = "lte", "不高于"

    class ScoreRule(models.TextChoices):
        THRESHOLD = "threshold", "达标得满分，未达标不得分"
        PROPORTIONAL = "proportional", "按完成比例得分"
        DEDUCT = "deduct", "每差1个单位扣分，扣完为止"

    scheme = models.ForeignKey(IndicatorScheme, verbose_name="指标体系", on_delete=models.CASCADE,
                               related_name="nodes")
    parent = models.ForeignKey("self", verbose_name="上级指标", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="children")
    level = models.PositiveSmallIntegerField("层级")
    number = models.CharField("序号", max_length=20)
    title = models.CharField("指标", max_length=300)
    kind = models.CharField("类型", max_length=20, choices=Kind, default=Kind.GROUP)
    indicator = models.CharField("绑定指标代码", max_length=80, blank=True)
    target = models.DecimalField("目标值", max_digits=10, decimal_places=2, null=True, blank=True)
    direction = models.CharField("达标方向", max_length=3, choices=Direction, default=Direction.AT_LEAST)
    score_rule = models.CharField("计分规则", max_length=20, choices=ScoreRule, blank=True)
    deduct_step = models.DecimalField("每单位扣分", max_digits=6, decimal_places=2, null=True, blank=True)
    points = models.DecimalField("分值", max_digits=6, decimal_places=2, default=Decimal("0"))
    basis = models.CharField("依据", max_length=300, blank=True)
    note = models.TextField("说明", blank=True)
    confidence = models.CharField("可信度", max_length=2, blank=True,
                                  help_text="T/P/M/NV，见 statutory-rules.md；M、NV 为待核实或本地设定")
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "指标"
        verbose_name_plural = "指标"
        ordering = ["scheme", "sort_order"]
        indexes = [models.Index(fields=["scheme", "indicator"], name="indicator_node_binding_idx")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def is_leaf(self) -> bool:
        return self.kind != self.Kind.GROUP

    @property
    def is_quantitative(self) -> bool:
        return self.kind == self.Kind.QUANTITATIVE

    @property
    def is_qualitative(self) -> bool:
        return self.kind == self.Kind.QUALITATIVE

    @property
    def target_text(self) -> str:
        if self.target is None:
            return ""
        return f"{self.get_direction_display()}{self.target.normalize():f}"


class ItemScore(models.Model):
    """定性指标评分: the overseer's score of one qualitative item for one unit and year, with the reason."""

    node = models.ForeignKey(IndicatorNode, verbose_name="指标", on_delete=models.CASCADE, related_name="scores")
    org = models.ForeignKey("core.Org", verbose_name="被考核单位", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    score = models.DecimalField("得分", max_digits=6, decimal_places=2)
    note = models.CharField("评分说明", max_length=500)
    scored_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="评分人", on_delete=models.PROTECT,
                                  related_name="+")
    scored_at = models.DateTimeField("评分时间", auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "定性指标评分"
        verbose_name_plural = "定性指标评分"
        ordering = ["node__sort_order"]
        constraints = [models.UniqueConstraint(fields=["node", "org", "year"], name="item_score_once")]

    def __str__(self) -> str:
        return f"{self.org} {self.year}年 {self.node.number} {self.score}分"
