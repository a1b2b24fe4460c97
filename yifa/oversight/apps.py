from django.apps import AppConfig

from yifa.core.registry import NavItem, PortalSection, WorkItem

USERS = ("handler", "head", "overseer")  # who handles (permissions.HANDLING_ROLES), and the overseers


class OversightConfig(AppConfig):
    """代表建议/政协提案 and 行政复议/行政应诉: answering the overseers on time."""

    name = "yifa.oversight"
    label = "oversight"
    verbose_name = "建议提案与复议应诉"

    nav = [
        NavItem("代表建议和政协提案", "oversight:suggestion_list", roles=USERS, group="接受监督"),
        NavItem("行政复议和行政应诉", "oversight:case_list", roles=USERS, group="接受监督"),
        NavItem("复议意见书和司法建议", "oversight:letter_list", roles=USERS, group="接受监督"),
        NavItem("建议提案与复议应诉统计", "oversight:figures", roles=USERS, group="接受监督"),
    ]

    portal_sections = [
        PortalSection("建议提案办理结果", "jianyi:results", "人大代表建议、政协委员提案的办理答复，依法向社会公开。", 70),
    ]

    def workbench_items(self, user) -> list[WorkItem]:
        """Steps with no statutory clock (the running clocks are on the 工作台 through core.deadlines):
        replies waiting for the representative's rating, and lost cases waiting for their 履行 record."""
        from yifa.core.models import Role
        from yifa.core.scope import has_role_anywhere

        from .models import RespondentCase, Suggestion

        if not has_role_anywhere(user, Role.HANDLER, Role.HEAD):
            return []
        items = []
        for s in Suggestion.objects.visible_to(user).filter(status=Suggestion.Status.REPLIED):
            items.append(WorkItem("建议提案", f"{s.get_kind_display()}{s.serial_no}：{s.title}（待代表测评、办结）",
                                  s.get_absolute_url(), s.get_status_display()))
        for s in Suggestion.objects.visible_to(user).filter(status=Suggestion.Status.CLOSED,
                                                            satisfaction=Suggestion.Satisfaction.UNSATISFIED):
            items.append(WorkItem("建议提案", f"{s.get_kind_display()}{s.serial_no}：{s.title}（代表不满意，请重新办理）",
                                  s.get_absolute_url(), "不满意"))
        for c in RespondentCase.objects.visible_to(user).filter(
                status=RespondentCase.Status.CONCLUDED, outcome__in=list(RespondentCase.LOSSES), performed_on=None):
            items.append(WorkItem("复议应诉", f"{c.case_no}：{c.get_outcome_display()}（待登记履行、纠错情况）",
                                  c.get_absolute_url(), c.get_outcome_display(), basis="《行政复议法》第七十七条"))
        return items

    def seed_demo(self, context) -> None:
        from .demo import seed

        seed(context)
