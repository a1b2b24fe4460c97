from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models

from ..scope import ScopedManager


class AuditEntry(models.Model):
    """审计记录: one state-changing act, append-only and hash-chained.

    ``entry_hash`` covers this entry's content and ``prev_hash``; ``verify_audit``
    recomputes the chain, so a changed, inserted or removed row is detected.
    """

    seq = models.PositiveBigIntegerField("序号", unique=True)
    at = models.DateTimeField("时间", db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField("操作人姓名", max_length=150, blank=True)
    actor_org = models.ForeignKey("core.Org", verbose_name="操作单位", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    actor_org_name = models.CharField("操作单位名称", max_length=100, blank=True)
    action = models.CharField("动作", max_length=64, db_index=True)
    target_type = models.CharField("对象类型", max_length=64, blank=True)
    target_id = models.CharField("对象编号", max_length=64, blank=True)
    target_repr = models.CharField("对象", max_length=200, blank=True)
    note = models.TextField("说明", blank=True)
    changes = models.JSONField("变更字段", default=dict, blank=True)
    ip = models.GenericIPAddressField("IP 地址", null=True, blank=True)
    prev_hash = models.CharField("上一条哈希", max_length=64)
    entry_hash = models.CharField("本条哈希", max_length=64)

    scope_org_field = "actor_org"
    objects = ScopedManager()

    class Meta:
        verbose_name = "审计记录"
        verbose_name_plural = "审计记录"
        ordering = ["-seq"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.target_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied("审计记录只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("审计记录不能删除。")


class AuditHead(models.Model):
    """The chain's tip: a single row, locked while an entry is appended.

    Keeping the last hash here also reveals a removed *last* entry.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = "审计链头"
        verbose_name_plural = "审计链头"
