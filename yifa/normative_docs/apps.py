from django.apps import AppConfig

from yifa.core.registry import NavItem, PortalSection, WorkItem

STAFF = ("handler", "reviewer", "head", "overseer")


class NormativeDocsConfig(AppConfig):
    """行政规范性文件: 制定、备案审查、有效期与清理."""

    name = "yifa.normative_docs"
    label = "normative_docs"
    verbose_name = "行政规范性文件"

    nav = [
        NavItem("规范性文件", "normative_docs:document_list", roles=STAFF, group="依法决策"),
        NavItem("备案审查", "normative_docs:filing_list", roles=STAFF, group="依法决策"),
        NavItem("文件清理", "normative_docs:cleanup_list", roles=("handler", "head", "overseer"), group="依法决策"),
    ]
    portal_sections = [
        PortalSection("规范性文件", "normative_docs:public_library",
                      "行政规范性文件库：每件文件的文号、施行日期和现行效力（有效、失效、已废止、已修改）；正在征求意见的文件草案。",
                      order=35),
    ]

    def on_legal_review(self, outcome, *, by) -> None:
        """The legality-review module issued, returned or withdrew a review this module asked for."""
        from .actions import record_legality_outcome

        record_legality_outcome(outcome, by=by)

    def workbench_items(self, user) -> list[WorkItem]:
        from django.urls import reverse

        from yifa.core import deadlines

        from . import permissions as can
        from .models import Filing, NormativeDocument

        today = deadlines.today()
        items = []
        for document in NormativeDocument.objects.visible_to(user).filter(
                status__in=["commenting", "reviewed", "deliberated", "registered"]).select_related("org")[:100]:
            if not can.can_work(user, document, state=False):
                continue
            url = reverse("normative_docs:document_detail", args=[document.pk])
            if document.status == "commenting" and today > document.comment_closes_on:
                items.append(WorkItem("规范性文件", f"征求意见已结束，待公布采纳情况：{document.title}", url, "征求意见已结束"))
            elif document.status in ("reviewed", "deliberated", "registered"):
                items.append(WorkItem("规范性文件", f"{document.get_status_display()}：{document.title}", url, "待下一步"))
        for filing in Filing.objects.visible_to(user).filter(status__in=["submitted", "answered"]).select_related(
                "document", "filed_to")[:100]:
            if can.can_review_filing(user, filing):
                items.append(WorkItem("备案审查", f"待审查：{filing.document}", reverse(
                    "normative_docs:filing_detail", args=[filing.pk]), filing.get_status_display()))
        return items

    def seed_demo(self, context) -> None:
        from .demo import seed

        seed(context)
