import datetime as dt

from django.apps import AppConfig
from django.db.models import Q
from django.urls import reverse

from yifa.core.registry import NavItem, PortalSection, WorkItem

WORKER_ROLES = ("mediator", "handler", "head")
USERS = WORKER_ROLES + ("overseer",)  # the overseers see what they oversee


class MediationConfig(AppConfig):
    """矛盾纠纷多元化解 / 人民调解: the dispute register, its committees, screening, early warning and figures."""

    name = "yifa.mediation"
    label = "mediation"
    verbose_name = "人民调解"
    # Besides 经办人 and 负责人, who else sees this module's running deadlines on the 工作台.
    deadline_roles = ("mediator",)

    nav = [
        NavItem("纠纷台账", "mediation:case_list", roles=USERS, group="矛盾纠纷调解"),
        NavItem("登记纠纷", "mediation:case_create", roles=WORKER_ROLES, group="矛盾纠纷调解"),
        NavItem("矛盾排查", "mediation:round_list", roles=USERS, group="矛盾纠纷调解"),
        NavItem("预警", "mediation:warning_list", roles=USERS, group="矛盾纠纷调解"),
        NavItem("调委会与调解员", "mediation:committee_list", roles=USERS + ("admin",), group="矛盾纠纷调解"),
        NavItem("调解统计", "mediation:figures", roles=USERS, group="矛盾纠纷调解"),
    ]
    portal_sections = [
        PortalSection("人民调解", "mediation_public:home",
                      "邻里、婚姻家庭、劳动、物业等矛盾纠纷，可在线申请人民调解，免费、自愿，凭查询码查看进度。", 30),
    ]

    def workbench_items(self, user) -> list[WorkItem]:
        """Cases waiting for the user: to accept, to assign, sessions due, to close; open warnings for heads.

        Running clocks (调结期限, 司法确认提醒, 回访) reach the 工作台 through core.deadlines' own items.
        """
        from yifa.core.deadlines import today

        from .models import DisputeCase, EarlyWarning, Session

        memberships = list(user.memberships.filter(org__is_active=True).select_related("org"))
        paths = [m.org.path for m in memberships if m.role in WORKER_ROLES]
        if not paths and not user.is_superuser:
            return []
        where = Q(pk__in=[])
        for path in paths:
            where |= Q(org__path__startswith=path)
        cases = DisputeCase.objects.filter(where).select_related("org")
        S = DisputeCase.Status
        items = []

        def add(case, state, due=None, basis=""):
            items.append(WorkItem(module="人民调解", title=f"{case.number} {case.title}", url=case.get_absolute_url(),
                                  state=state, due_on=due, basis=basis))

        for case in cases.filter(status=S.REGISTERED).order_by("registered_on")[:30]:
            add(case, "待受理（" + case.get_channel_display() + "）")
        for case in cases.filter(status=S.ACCEPTED).order_by("accepted_on")[:30]:
            add(case, "待指派调解员", case.resolve_due_on, "《人民调解工作若干规定》第三十三条")
        soon = today() + dt.timedelta(days=7)
        sessions = (Session.objects.filter(is_held=False, held_on__lte=soon, case__in=cases.filter(status=S.MEDIATING))
                    .select_related("case").order_by("held_on")[:30])
        for session in sessions:
            state = "调解待记录" if session.held_on <= today() else f"调解安排：{session.place}"
            add(session.case, state, session.held_on)
        for case in cases.filter(status__in=(S.FAILED, S.FOLLOWED_UP)).order_by("outcome_on")[:30]:
            add(case, "待结案归档")
        head_paths = [m.org.path for m in memberships if m.role == "head"]
        if head_paths:
            q = Q(pk__in=[])
            for path in head_paths:
                q |= Q(case__org__path__startswith=path)
            waiting = EarlyWarning.objects.filter(q, status=EarlyWarning.Status.OPEN).count()
            if waiting:
                items.append(WorkItem(module="人民调解", title=f"矛盾纠纷预警 {waiting} 条待审阅",
                                      url=reverse("mediation:warning_list"), state="请审阅并标记处理",
                                      basis="《人民调解法》第二十五条"))
        return items

    def track_application(self, code: str):
        from .public_views import track

        return track(code)

    def seed_demo(self, context) -> None:
        from .demo import seed

        seed(context)
