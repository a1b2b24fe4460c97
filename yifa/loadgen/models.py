"""压测数据生成记录: which load a database holds, so ``bench/run`` loads it only when needed."""

from django.db import models


class LoadRun(models.Model):
    """One run of ``generate_load``: scale, seed, the day the data ends on, the modules filled and the row counts."""

    scale = models.CharField("规模", max_length=20)
    seed = models.PositiveIntegerField("随机种子")
    until = models.DateField("数据截止日")
    apps = models.JSONField("生成的模块", default=list)
    counts = models.JSONField("各表行数", default=dict)
    seconds = models.FloatField("用时（秒）", default=0)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "压测数据生成记录"
        verbose_name_plural = "压测数据生成记录"
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"{self.scale} seed={self.seed} until={self.until}"

    @property
    def total(self) -> int:
        return sum(self.counts.values())
