from django.apps import AppConfig

from yifa.core.registry import NavItem, PortalSection, WorkItem

STAFF = ("handler", "reviewer", "head", "overseer")


class LegalReviewConfig(AppConfig):
    """合法性审查 and 法律顾问."""

    name = "yifa.legal_review"
    label = "legal_review"
    verbose_name = "合法性审查与法律顾问"
    # Besides 经办人 and 负责人, who else sees this module's running deadlines on the 工作台.
    deadline_roles = ("reviewer",)

    nav = [
        NavItem("合法性审查", "legal_review:request_list", roles=STAFF, group="依法决策"),
        NavItem("法律顾问", "legal_review:adviser_list", roles=STAFF, group="依法决策"),
    ]
    portal_sections = [
        PortalSection("法律顾问", "legal_review:public_advisers",
                      "各村（社区）、乡镇（街道）的法律顾问和联系方式，一村（社区）一法律顾问。", order=60),
    ]

    def workbench_items(self, user) -> list[WorkItem]:
        from django.urls import reverse

        from . import permissions as can
        from .models import ReviewRequest

        items = []
        qs = (ReviewRequest.objects.visible_to(user).filter(status__in=ReviewRequest.OPEN + (ReviewRequest.Status.ISSUED,))
              .select_related("org", "reviewer", "adviser"))
        for review in qs[:200]:
            url = reverse("legal_review:request_detail", args=[review.pk])
            if can.can_assign(user, review) and review.status == ReviewRequest.Status.SUBMITTED:
                items.append(WorkItem("合法性审查", f"待分派：{review.title}", url, review.get_status_display()))
            elif can.can_review(user, review):
                items.append(WorkItem("合法性审查", f"待出具意见：{review.title}", url, review.get_status_display(),
                                      due_on=review.earliest_issue_on, basis="最早出具日" if review.earliest_issue_on else ""))
            elif can.can_record_adoption(user, review):
                items.append(WorkItem("合法性审查", f"待登记采纳情况：{review.title}", url, review.get_status_display()))
            elif can.can_resubmit(user, review):
                items.append(WorkItem("合法性审查", f"待补充材料：{review.title}", url, review.get_status_display()))
        return items

    def seed_demo(self, context) -> None:
        from .demo import seed

        seed(context)
