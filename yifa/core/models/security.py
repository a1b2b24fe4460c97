from django.db import models


class LoginAttempt(models.Model):
    """登录日志: every sign-in attempt, with time, address and outcome (GB/T 22239 安全审计)."""

    class Outcome(models.TextChoices):
        SUCCESS = "success", "成功"
        FAILURE = "failure", "密码错误或用户不存在"
        LOCKED = "locked", "已锁定，拒绝"
        INACTIVE = "inactive", "账户已停用"

    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    username = models.CharField("用户名", max_length=150, db_index=True)
    ip = models.GenericIPAddressField("IP 地址", null=True, blank=True)
    user_agent = models.CharField("浏览器", max_length=300, blank=True)
    outcome = models.CharField("结果", max_length=10, choices=Outcome)

    class Meta:
        verbose_name = "登录日志"
        verbose_name_plural = "登录日志"
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.get_outcome_display()}"


class LoginThrottle(models.Model):
    """登录失败计数: per typed username (existing or not, so nothing reveals which accounts exist)."""

    username = models.CharField("用户名", max_length=150, unique=True)
    failures = models.PositiveSmallIntegerField("连续失败次数", default=0)
    last_failure_at = models.DateTimeField("最近失败时间", null=True, blank=True)
    locked_until = models.DateTimeField("锁定至", null=True, blank=True)

    class Meta:
        verbose_name = "登录锁定"
        verbose_name_plural = "登录锁定"

    def __str__(self) -> str:
        return self.username
