from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models

from ..scope import ScopedManager


class Org(models.Model):
    """单位: a node of the administrative tree 市 → 区县 → 乡镇/街道 → 村/社区, or a 内设机构 of a unit.

    ``path`` is materialised ("/1/4/9/"), so a subtree is ``path__startswith``.
    """

    class Kind(models.TextChoices):
        CITY = "city", "市"
        COUNTY = "county", "区县"
        TOWNSHIP = "township", "乡镇"
        SUBDISTRICT = "subdistrict", "街道"
        VILLAGE = "village", "村"
        COMMUNITY = "community", "社区"
        DEPARTMENT = "department", "内设机构"

    # Which kinds may sit under which: keeps the tree the shape the work assumes.
    ALLOWED_PARENTS = {
        Kind.CITY: {None},
        Kind.COUNTY: {Kind.CITY},
        Kind.TOWNSHIP: {Kind.COUNTY},
        Kind.SUBDISTRICT: {Kind.COUNTY},
        Kind.VILLAGE: {Kind.TOWNSHIP, Kind.SUBDISTRICT},
        Kind.COMMUNITY: {Kind.TOWNSHIP, Kind.SUBDISTRICT},
        Kind.DEPARTMENT: {Kind.CITY, Kind.COUNTY, Kind.TOWNSHIP, Kind.SUBDISTRICT},
    }
    GRASSROOTS = (Kind.TOWNSHIP, Kind.SUBDISTRICT)
    scope_org_field = None  # an Org is scoped by its own path


    name = models.CharField("名称", max_length=100)
    short_name = models.CharField("简称", max_length=30, blank=True, help_text="用于文号、案号，如“环渚”")
    kind = models.CharField("层级", max_length=20, choices=Kind)
    division_code = models.CharField(
        "行政区划代码", max_length=12, blank=True, help_text="GB/T 2260 代码（市、区县有；乡镇以下可填统计用区划代码）"
    )
    parent = models.ForeignKey("self", verbose_name="上级单位", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    path = models.CharField("路径", max_length=255, editable=False, db_index=True)
    depth = models.PositiveSmallIntegerField("深度", editable=False, default=0)
    is_active = models.BooleanField("启用", default=True)
    sort_order = models.PositiveIntegerField("排序", default=0)

    objects = ScopedManager()

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "组织机构"
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["division_code"], condition=~models.Q(division_code=""), name="org_division_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        parent_kind = self.parent.kind if self.parent_id else None
        if parent_kind not in self.ALLOWED_PARENTS.get(self.kind, set()):
            allowed = "、".join(
                "（无上级）" if k is None else Org.Kind(k).label for k in self.ALLOWED_PARENTS.get(self.kind, set())
            )
            raise ValidationError({"parent": f"{self.get_kind_display()}的上级只能是：{allowed}。"})
        if self.pk and self.parent_id and self.parent.path.startswith(self.path):
            raise ValidationError({"parent": "不能把单位移到它自己的下级之下。"})
        code = self.division_code.strip()
        if code and (not code.isdigit() or len(code) not in (6, 9, 12)):
            raise ValidationError({"division_code": "行政区划代码应为 6 位（GB/T 2260），或 9/12 位统计用区划代码。"})

    def save(self, *args, **kwargs):
        if self.pk is None:
            super().save(*args, **kwargs)  # the path needs the primary key
            args, kwargs = (), {}
        old_path = self.path
        prefix = self.parent.path if self.parent_id else "/"
        self.path = f"{prefix}{self.pk}/"
        self.depth = self.path.count("/") - 2
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = set(kwargs["update_fields"]) | {"path", "depth"}
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            # Moving a unit moves its whole subtree: rewrite descendants' paths.
            for child in Org.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                child.path = self.path + child.path[len(old_path):]
                child.depth = child.path.count("/") - 2
                child.save(update_fields=["path", "depth"])

    def subtree(self):
        return Org.objects.filter(path__startswith=self.path)

    def ancestors(self):
        ids = [int(part) for part in self.path.strip("/").split("/")[:-1]]
        return Org.objects.filter(pk__in=ids).order_by("depth")

    def is_within(self, other: "Org") -> bool:
        return self.path.startswith(other.path)

    @property
    def is_grassroots(self) -> bool:
        return self.kind in self.GRASSROOTS

    @property
    def abbreviation(self) -> str:
        return self.short_name or self.name


class Role(models.TextChoices):
    """岗位角色. A user holds one role per unit they belong to."""

    HANDLER = "handler", "经办人"
    MEDIATOR = "mediator", "调解员"
    REVIEWER = "reviewer", "审核人"
    HEAD = "head", "负责人"
    OVERSEER = "overseer", "督察"
    ADMIN = "admin", "管理员"


class User(AbstractUser):
    """平台用户 (staff). The public never logs in."""

    full_name = models.CharField("姓名", max_length=50, blank=True)
    phone = models.CharField("手机号", max_length=20, blank=True)
    must_change_password = models.BooleanField("下次登录须修改密码", default=False)
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True)

    objects = UserManager()

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username


class Membership(models.Model):
    """任职: the user works in ``org`` with ``role``; their data scope is that unit's subtree."""

    user = models.ForeignKey(User, verbose_name="用户", on_delete=models.CASCADE, related_name="memberships")
    org = models.ForeignKey(Org, verbose_name="单位", on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField("角色", max_length=20, choices=Role)
    title = models.CharField("职务", max_length=50, blank=True)
    created_at = models.DateTimeField("设立时间", auto_now_add=True)

    class Meta:
        verbose_name = "任职"
        verbose_name_plural = "任职"
        ordering = ["org__path", "role"]
        constraints = [models.UniqueConstraint(fields=["user", "org", "role"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.org} · {self.get_role_display()}"
