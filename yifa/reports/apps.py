from django.apps import AppConfig

from yifa.core.registry import NavItem, PortalSection, WorkItem

STAFF = ("handler", "head", "reviewer", "overseer", "admin")


class ReportsConfig(AppConfig):
    """法治政府建设年度报告: drafting from the registers, 定稿, 报送, 公开, and the machine review."""

    name = "yifa.reports"
    label = "reports"
    verbose_name = "法治政府建设年度报告"

    nav = [
        NavItem("年度报告", "reports:list", roles=("handler", "head", "overseer", "admin"), group="年度报告"),
        NavItem("报送情况", "reports:board", roles=("overseer", "head", "admin"), group="年度报告"),
        NavItem("报告审查", "reports:review_list", roles=STAFF, group="年度报告"),
    ]
    portal_sections = [
        PortalSection("法治政府建设年度报告", "reports_public:list",
                      "各乡镇（街道）每年4月1日前公开上一年度法治政府建设情况报告。", 80),
    ]

    def workbench_items(self, user) -> list[WorkItem]:
        """Reports waiting for the user: drafts to sign off or sent back (heads), reports submitted from
        below and not yet reviewed (overseers). The 报送/公开 clocks come through core.deadlines' items."""
        from django.db.models import Exists, OuterRef, Q

        from yifa.core.deadlines import fmt
        from yifa.core.models import Role

        from .models import AnnualReport, ReportReview

        items = []
        memberships = list(user.memberships.filter(org__is_active=True).select_related("org"))
        heads = [m.org.path for m in memberships if m.role == Role.HEAD]
        overseers = [m.org for m in memberships if m.role in (Role.OVERSEER, Role.ADMIN)]
        if heads:
            where = Q(pk__in=[])
            for path in heads:
                where |= Q(org__path__startswith=path)
            for report in AnnualReport.objects.filter(where, status=AnnualReport.Status.DRAFT).select_related("org")[:30]:
                state = "上级退回，待修改后重新报送" if report.return_note else "草稿，待定稿"
                items.append(WorkItem("年度报告", report.title, report.get_absolute_url(), state))
        for org in overseers:
            reviewed = ReportReview.objects.filter(report=OuterRef("pk"), source=ReportReview.Source.SUBMITTED)
            pending = (AnnualReport.objects.filter(org__path__startswith=org.path, submitted_on__isnull=False)
                       .exclude(org=org).annotate(done=Exists(reviewed)).filter(done=False).select_related("org"))
            for report in pending[:30]:
                items.append(WorkItem("年度报告", report.title, report.get_absolute_url(),
                                      f"{fmt(report.submitted_on)}报送，待审查"))
        return items

    def seed_demo(self, context) -> None:
        from .demo import seed

        seed(context)
