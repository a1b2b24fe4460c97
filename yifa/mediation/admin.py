"""Django admin: read-only views for superusers. Every change goes through the audited staff pages."""

from django.contrib import admin

from yifa.core.admin import ReadOnlyAdmin

from .models import Committee, DisputeCase, EarlyWarning, Mediator, ScreeningRound


@admin.register(DisputeCase)
class DisputeCaseAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "org", "dispute_type", "channel", "status", "registered_on"]
    list_filter = ["status", "dispute_type", "channel"]
    search_fields = ["number", "title"]


@admin.register(Committee)
class CommitteeAdmin(ReadOnlyAdmin):
    list_display = ["name", "org", "term_start", "is_active"]


@admin.register(Mediator)
class MediatorAdmin(ReadOnlyAdmin):
    list_display = ["name", "committee", "position", "grade", "is_active"]


@admin.register(ScreeningRound)
class ScreeningRoundAdmin(ReadOnlyAdmin):
    list_display = ["topic", "org", "planned_on", "held_on", "status"]


@admin.register(EarlyWarning)
class EarlyWarningAdmin(ReadOnlyAdmin):
    list_display = ["case", "kind", "raised_on", "status"]
    list_filter = ["kind", "status"]
