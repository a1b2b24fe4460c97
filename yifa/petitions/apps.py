from django.apps import AppConfig
from django.urls import reverse

from yifa.core.registry import NavItem, PortalSection, WorkItem


class PetitionsConfig(AppConfig):
    name = "yifa.petitions"
    label = "petitions"
    verbose_name = "信访"

    nav = [
        NavItem("信访事项", "petitions:list", roles=("handler", "head", "overseer"), group="回应群众与监督"),
        NavItem("信访数据", "petitions:figures", roles=("handler", "head", "overseer"), group="回应群众与监督"),
    ]
    portal_sections = [
        PortalSection("网上信访", "petitions:public_form",
                      "向乡镇（街道）反映诉求、提出意见建议，凭查询码查看办理进度。", order=60),
    ]

    def workbench_items(self, user) -> list[WorkItem]:
        """信访 matters waiting for the user: to register, to notify, to handle, 复查/复核 to answer."""
        from yifa.core.models import Role, StatutoryRule
        from yifa.core.scope import has_role_anywhere

        from .models import Petition

        if not has_role_anywhere(user, Role.HANDLER, Role.HEAD):
            return []
        rows = (Petition.objects.visible_to(user).filter(status__in=Petition.OPEN)
                .select_related("org").order_by("due_on")[:50])
        rules = {r.code: r for r in StatutoryRule.objects.filter(code__startswith="petitions.")}
        items = []
        for p in rows:
            rule = rules.get(p.due_rule)
            items.append(WorkItem(
                module="信访", title=f"{p.number or '网上来信'} {p.title}", url=reverse("petitions:detail", args=[p.pk]),
                state=p.get_status_display() + (f"（{rule.name}）" if rule else ""), due_on=p.due_on,
                basis=rule.basis if rule else ""))
        return items

    def track_application(self, code: str) -> dict | None:
        if not code.startswith("XF"):
            return None
        from .public_views import track

        return track(code)

    def seed_demo(self, context) -> None:
        from .demo import seed

        seed(context)
