from django.contrib import admin

from yifa.core.admin import ReadOnlyAdmin

from .models import AdviserService, LegalAdviser, ReviewRequest


@admin.register(ReviewRequest)
class ReviewRequestAdmin(ReadOnlyAdmin):
    list_display = ["title", "org", "subject", "status", "opinion_number", "issued_on"]
    list_filter = ["status", "subject"]
    search_fields = ["title", "opinion_number"]


@admin.register(LegalAdviser)
class LegalAdviserAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "org", "firm", "serves_from", "serves_until", "is_active"]
    list_filter = ["kind", "is_active"]


@admin.register(AdviserService)
class AdviserServiceAdmin(ReadOnlyAdmin):
    list_display = ["adviser", "org", "served_on", "kind", "count"]
    list_filter = ["kind"]
