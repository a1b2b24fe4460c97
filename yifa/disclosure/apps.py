from django.apps import AppConfig
from django.db.models import Q
from django.urls import reverse

from yifa.core.registry import NavItem, PortalSection, WorkItem


class DisclosureConfig(AppConfig):
    name = "yifa.disclosure"
    label = "disclosure"
    verbose_name = "政府信息公开"

    nav = [
        NavItem("依申请公开", "disclosure:request_list", roles=("handler", "head", "overseer"), group="回应群众与监督"),
        NavItem("主动公开", "disclosure:publication_list", roles=("handler", "head", "overseer"), group="回应群众与监督"),
        NavItem("信息公开年报统计", "disclosure:annual", roles=("handler", "head", "overseer"), group="回应群众与监督"),
    ]
    portal_sections = [
        PortalSection("政府信息公开", "disclosure:public_index",
                      "按类别查阅乡镇（街道）主动公开的政府信息，查看信息公开工作年度报告统计。", order=40),
        PortalSection("依申请公开", "disclosure:public_apply",
                      "在线申请获取政府信息，凭查询码查看办理进度；一般在20个工作日内答复。", order=41),
    ]

    def workbench_items(self, user) -> list[WorkItem]:
        """What waits without a running clock (the clocks come from core.deadlines): online applications to
        confirm, and requests whose 补正期限 has passed without a 补正 (可按逾期未补正终止)."""
        from yifa.core import deadlines
        from yifa.core.models import Role
        from yifa.core.scope import has_role_anywhere

        from .models import InfoRequest

        if not has_role_anywhere(user, Role.HANDLER, Role.HEAD):
            return []
        S = InfoRequest.Status
        rows = (InfoRequest.objects.visible_to(user)
                .filter(Q(status=S.SUBMITTED) | Q(status=S.CORRECTION, correction_deadline__lt=deadlines.today()))
                .order_by("received_on")[:50])
        return [WorkItem(module="依申请公开", title=f"{r.number or '网上申请'} {r.description[:30]}",
                         url=reverse("disclosure:request_detail", args=[r.pk]),
                         state="待确认收到" if r.status == S.SUBMITTED else "补正期限已过，可终止办理",
                         basis="《政府信息公开条例》第三十一条" if r.status == S.SUBMITTED else "《政府信息公开条例》第三十条")
                for r in rows]

    def track_application(self, code: str) -> dict | None:
        if not code.startswith("GK"):
            return None
        from .public_views import track

        return track(code)

    def seed_demo(self, context) -> None:
        from .demo import seed

        seed(context)
