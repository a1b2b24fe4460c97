from django.db import models


class NumberSequence(models.Model):
    """编号序列: the last number given for one unit, kind (案号/文号 family) and year."""

    org = models.ForeignKey("core.Org", verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("编号种类", max_length=40)
    year = models.PositiveSmallIntegerField("年度")
    last = models.PositiveIntegerField("已用至", default=0)

    class Meta:
        verbose_name = "编号序列"
        verbose_name_plural = "编号序列"
        constraints = [models.UniqueConstraint(fields=["org", "kind", "year"], name="numbersequence_unique")]

    def __str__(self) -> str:
        return f"{self.org} {self.kind} {self.year}: {self.last}"
