from django.apps import AppConfig

from yifa.core.registry import NavItem

USERS = ("handler", "head", "overseer", "admin")  # units' staff read their scores; 管理员 keep the schemes


class IndicatorsConfig(AppConfig):
    """考核与指标: the indicator scheme, figures per unit and period, the dashboard and the comparison of units."""

    name = "yifa.indicators"
    label = "indicators"
    verbose_name = "考核与指标"

    nav = [
        NavItem("指标看板", "indicators:dashboard", roles=USERS, group="考核与指标"),
        NavItem("下级单位比较", "indicators:overview", roles=("overseer", "head", "admin"), group="考核与指标"),
        NavItem("考核得分", "indicators:my_score", roles=USERS, group="考核与指标"),
        NavItem("指标体系", "indicators:scheme_list", roles=USERS, group="考核与指标"),
    ]

    def seed_demo(self, context) -> None:
        from .demo import seed

        seed(context)
