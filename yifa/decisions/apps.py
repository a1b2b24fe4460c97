from django.apps import AppConfig

from yifa.core.registry import NavItem, PortalSection, WorkItem

STAFF = ("handler", "reviewer", "head", "overseer")


class DecisionsConfig(AppConfig):
    """重大行政决策 and "三重一大" 事项."""

    name = "yifa.decisions"
    label = "decisions"
    verbose_name = "重大行政决策"

    nav = [
        NavItem("重大行政决策", "decisions:decision_list", roles=STAFF, group="依法决策"),
        NavItem("决策事项目录", "decisions:catalogue_list", roles=STAFF, group="依法决策"),
    ]
    portal_sections = [
        PortalSection("决策预公开", "decisions:public_index",
                      "重大行政决策事项目录、正在征求意见的决策草案（无需注册即可提交意见）和意见采纳情况。", order=30),
    ]

    def on_legal_review(self, outcome, *, by) -> None:
        """The legality-review module issued, returned or withdrew a review this module asked for."""
        from .actions import record_legality_outcome

        record_legality_outcome(outcome, by=by)

    def workbench_items(self, user) -> list[WorkItem]:
        from django.urls import reverse

        from yifa.core import deadlines

        from . import permissions as can
        from .models import Decision, DecisionCatalogue

        today = deadlines.today()
        items = []
        for decision in (Decision.objects.visible_to(user).filter(status__in=Decision.IN_PROCEDURE + (
                Decision.Status.DECIDED,)).select_related("org")[:100]):
            if not can.can_work(user, decision, state=False):
                continue
            url = reverse("decisions:decision_detail", args=[decision.pk])
            if decision.comment_has_ended(today) and not decision.adoption_published_on:
                items.append(WorkItem("重大行政决策", f"待公布意见采纳情况：{decision.title}", url, "征求意见已结束"))
            elif decision.status == Decision.Status.DECIDED:
                items.append(WorkItem("重大行政决策", f"待公布决策：{decision.title}", url, "已作出决定"))
        for catalogue in DecisionCatalogue.objects.visible_to(user).exclude(status=DecisionCatalogue.Status.PUBLISHED):
            if can.can_edit_catalogue(user, catalogue, state=False):
                items.append(WorkItem("决策事项目录", f"{catalogue.title}（{catalogue.get_status_display()}）",
                                      reverse("decisions:catalogue_detail", args=[catalogue.pk]), "待公布"))
        return items

    def seed_demo(self, context) -> None:
        from .demo import seed

        seed(context)
