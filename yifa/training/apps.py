from django.apps import AppConfig

from yifa.core.registry import NavItem, PortalSection, WorkItem

USERS = ("handler", "head", "overseer")  # who records (permissions.HANDLING_ROLES), and the overseers


class TrainingConfig(AppConfig):
    """学法与普法: cadres' legal study and public legal education, with the portal's 菜单式普法."""

    name = "yifa.training"
    label = "training"
    verbose_name = "学法与普法"

    nav = [
        NavItem("学法活动", "training:session_list", roles=USERS, group="学法普法"),
        NavItem("学时统计", "training:hours", roles=USERS, group="学法普法"),
        NavItem("学法考试", "training:exam_list", roles=USERS, group="学法普法"),
        NavItem("专题会议和述法", "training:meeting_list", roles=USERS, group="学法普法"),
        NavItem("普法活动", "training:activity_list", roles=USERS, group="学法普法"),
        NavItem("谁执法谁普法责任清单", "training:duty_list", roles=USERS, group="学法普法"),
        NavItem("法律明白人", "training:liaison_list", roles=USERS, group="学法普法"),
        NavItem("菜单式普法点单", "training:request_list", roles=USERS, group="学法普法"),
        NavItem("学法普法统计", "training:figures", roles=USERS, group="学法普法"),
    ]
    portal_sections = [
        PortalSection("菜单式普法", "pufa:menu", "选一个您关心的法律主题，预约上门讲座、法律咨询或宣传资料，凭查询码查看进度。", 60),
    ]

    def workbench_items(self, user) -> list[WorkItem]:
        """Menu requests waiting to be accepted or delivered, and planned sessions and activities now due."""
        from yifa.core import deadlines
        from yifa.core.models import Role
        from yifa.core.scope import has_role_anywhere

        from .models import OutreachActivity, OutreachRequest, StudySession

        if not has_role_anywhere(user, Role.HANDLER, Role.HEAD):
            return []
        items = []
        for r in OutreachRequest.objects.visible_to(user).filter(
                status__in=[OutreachRequest.Status.SUBMITTED, OutreachRequest.Status.ACCEPTED]).select_related("topic"):
            items.append(WorkItem("菜单式普法", f"点单 {r.code}：{r.topic.title}", r.get_absolute_url(),
                                  r.get_status_display(), r.scheduled_on))
        soon = deadlines.today()
        for s in StudySession.objects.visible_to(user).filter(status=StudySession.Status.PLANNED, planned_on__lte=soon):
            items.append(WorkItem("学法", f"{s.get_kind_display()}：{s.title}（待登记出勤）", s.get_absolute_url(),
                                  "计划", s.planned_on))
        for a in OutreachActivity.objects.visible_to(user).filter(status=OutreachActivity.Status.PLANNED,
                                                                  planned_on__lte=soon):
            items.append(WorkItem("普法", f"{a.theme}（待登记开展情况）", a.get_absolute_url(), "计划", a.planned_on))
        return items

    def track_application(self, code: str) -> dict | None:
        from .models import CODE_PREFIX
        from .public_views import track

        return track(code) if code.startswith(CODE_PREFIX) else None

    def seed_demo(self, context) -> None:
        from .demo import seed

        seed(context)
