from django.apps import AppConfig

from .registry import NavItem


class CoreConfig(AppConfig):
    name = "yifa.core"
    label = "core"
    verbose_name = "平台基础"

    nav = [
        NavItem("工作台", "core:workbench", group="工作"),
        NavItem("期限一览", "core:deadline_list", group="工作"),
        NavItem("督办", "core:supervision_board", roles=("overseer", "head"), group="工作"),
        NavItem("法定期限规则", "core:rule_list", group="系统管理"),
        NavItem("节假日日历", "core:calendar", group="系统管理"),
        NavItem("组织机构", "core:org_list", roles=("admin",), group="系统管理"),
        NavItem("用户与角色", "core:user_list", roles=("admin",), group="系统管理"),
        NavItem("审计记录", "core:audit_list", roles=("admin", "overseer", "head"), group="系统管理"),
        NavItem("登录日志", "core:login_log", roles=("admin",), group="系统管理"),
    ]

    def workbench_items(self, user):
        """Running statutory deadlines, 督办 to answer, and (for overseers) overdue items below."""
        from .deadlines import workbench_items

        return workbench_items(user)
