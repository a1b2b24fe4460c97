from django.conf import settings
from django.db import models

from ..scope import ScopedManager


class Attachment(models.Model):
    """附件: a file kept as evidence (全过程记录). Stored by content hash, never overwritten."""

    org = models.ForeignKey("core.Org", verbose_name="所属单位", on_delete=models.PROTECT, related_name="+")
    target_type = models.CharField("所属对象类型", max_length=64, blank=True)
    target_id = models.CharField("所属对象编号", max_length=64, blank=True)
    original_name = models.CharField("文件名", max_length=255)
    stored_name = models.CharField("存储路径", max_length=255, editable=False)
    size = models.PositiveBigIntegerField("大小（字节）")
    content_type = models.CharField("类型", max_length=100)
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    description = models.CharField("说明", max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_by_name = models.CharField("上传人姓名", max_length=150)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["-uploaded_at"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="attachment_target_idx")]

    def __str__(self) -> str:
        return self.original_name
