from django.apps import AppConfig

from yifa.core.registry import NavItem, PortalSection


class EnforcementConfig(AppConfig):
    """行政执法 and the 三项制度: 权责清单, 执法人员, 双随机抽查, 行政处罚案件, 全过程记录, 公示."""

    name = "yifa.enforcement"
    label = "enforcement"
    verbose_name = "行政执法"
    default_auto_field = "django.db.models.BigAutoField"

    nav = [
        NavItem("执法概况", "enforcement:overview", roles=("handler", "head", "reviewer", "overseer", "admin"),
                group="行政执法"),
        NavItem("处罚案件", "enforcement:case_list", roles=("handler", "head", "reviewer", "overseer", "admin"),
                group="行政执法"),
        NavItem("法制审核", "enforcement:review_list", roles=("reviewer", "head", "overseer"), group="行政执法"),
        NavItem("双随机抽查", "enforcement:draw_list", roles=("handler", "head", "overseer", "admin"),
                group="行政执法"),
        NavItem("执法检查", "enforcement:inspection_list", roles=("handler", "head", "overseer", "admin"),
                group="行政执法"),
        NavItem("检查对象名录", "enforcement:target_list", roles=("handler", "head", "overseer", "admin"),
                group="行政执法"),
        NavItem("权责清单", "enforcement:power_list", roles=("handler", "head", "reviewer", "overseer", "admin"),
                group="行政执法"),
        NavItem("执法人员", "enforcement:officer_list", roles=("handler", "head", "reviewer", "overseer", "admin"),
                group="行政执法"),
        NavItem("执法统计与报告", "enforcement:figures", roles=("head", "overseer", "admin", "handler"),
                group="行政执法"),
        NavItem("年度执法数据公开", "enforcement:annual_list", roles=("head", "overseer", "admin", "handler"),
                group="行政执法"),
    ]
    portal_sections = [
        PortalSection("执法公示", "enforcement_public:index",
                      "行政执法主体、人员、权责清单和职权运行流程图（事前），执法人员证件查验（事中），"
                      "行政处罚决定和双随机抽查结果（事后）。", order=10),
        PortalSection("权责清单", "enforcement_public:power_list",
                      "各乡镇（街道）依法承担的行政处罚、行政检查等职权，依据、流程、时限和裁量基准。", order=11),
    ]

    def workbench_items(self, user):
        from .workbench import items

        return items(user)

    def open_periodic_clocks(self, on):
        """Last year's 执法数据 record and clock for every 执法主体 (国办发〔2018〕118号: 每年1月31日前), run by
        ``scan_deadlines`` daily; the workbench also opens them on first need for its user's units."""
        from .actions import open_due_annual_data

        opened = open_due_annual_data(on=on)
        return [f"年度执法数据：新起算{len(opened)}个单位（{'、'.join(r.org.name for r in opened) or '无'}）。"]

    def seed_demo(self, context):
        from .demo import seed

        seed(context)
