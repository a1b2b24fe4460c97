from django.apps import AppConfig
from django.db.models import Q
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
        """What waits without a statutory clock (the running clocks come from core.deadlines): online 来信 to
        register, and matters whose petitioner cannot be told (姓名、住址不清) still to be decided."""
        from yifa.core.models import Role
        from yifa.core.scope import has_role_anywhere

        from .models import Petition

        if not has_role_anywhere(user, Role.HANDLER, Role.HEAD):
            return []
        S = Petition.Status
        rows = (Petition.objects.visible_to(user)
                .filter(Q(status=S.SUBMITTED) | Q(status=S.REGISTERED, contact_unclear=True))
                .select_related("org").order_by("received_on")[:50])
        return [WorkItem(module="信访", title=f"{p.number or '网上来信'} {p.title}",
                         url=reverse("petitions:detail", args=[p.pk]),
                         state="待登记（收到之日起15日内告知）" if p.status == S.SUBMITTED else "待处理（无法告知信访人）",
                         basis="《信访工作条例》第二十三条") for p in rows]

    def track_application(self, code: str) -> dict | None:
        if not code.startswith("XF"):
            return None
        from .public_views import track

        return track(code)

    def seed_demo(self, context) -> None:
        from .demo import seed

        seed(context)
