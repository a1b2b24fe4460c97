from django.apps import AppConfig
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
        """Requests to confirm or answer, and information formed but not yet published, with their due dates."""
        from yifa.core.models import Deadline, Role
        from yifa.core.scope import has_role_anywhere

        from .models import InfoRequest, ProactiveDisclosure

        if not has_role_anywhere(user, Role.HANDLER, Role.HEAD):
            return []
        items = []
        reqs = InfoRequest.objects.visible_to(user).filter(status__in=InfoRequest.OPEN).order_by("reply_due_on")[:50]
        for r in reqs:
            items.append(WorkItem(
                module="依申请公开", title=f"{r.number or '网上申请'} {r.description[:30]}",
                url=reverse("disclosure:request_detail", args=[r.pk]), state=r.get_status_display(),
                due_on=r.reply_due_on if r.status == InfoRequest.Status.REGISTERED else None,
                basis="《政府信息公开条例》第三十三条" if r.reply_due_on else ""))
        drafts = ProactiveDisclosure.objects.visible_to(user).filter(status=ProactiveDisclosure.Status.DRAFT)[:30]
        due = dict(Deadline.objects.filter(target_type="disclosure.proactivedisclosure", rule__code="disclosure.proactive",
                                           status="open", target_id__in=[str(p.pk) for p in drafts])
                   .values_list("target_id", "due_on"))
        for p in drafts:
            items.append(WorkItem(module="主动公开", title=p.title, url=reverse("disclosure:publication_detail",
                                                                            args=[p.pk]),
                                  state="待公开", due_on=due.get(str(p.pk)), basis="《政府信息公开条例》第二十六条"))
        return items

    def track_application(self, code: str) -> dict | None:
        if not code.startswith("GK"):
            return None
        from .public_views import track

        return track(code)

    def seed_demo(self, context) -> None:
        from .demo import seed

        seed(context)
