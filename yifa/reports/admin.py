from django.contrib import admin

from .models import AnnualReport, ReportReview


class ReadOnly(admin.ModelAdmin):
    """Reports and reviews change only through actions (audited); the admin only reads."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AnnualReport)
class AnnualReportAdmin(ReadOnly):
    list_display = ["title", "org", "year", "status", "submitted_on", "published_on"]
    list_filter = ["status", "year"]
    search_fields = ["title", "org__name"]


@admin.register(ReportReview)
class ReportReviewAdmin(ReadOnly):
    list_display = ["title", "org", "year", "source", "reviewed_by_name", "reviewed_at"]
    list_filter = ["source"]
    search_fields = ["title", "org__name"]
