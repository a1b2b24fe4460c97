from django.contrib import admin

from yifa.core.admin import ReadOnlyAdmin

from .models import Decision, DecisionCatalogue, DecisionMeeting, DecisionStep, PublicComment


@admin.register(DecisionCatalogue)
class DecisionCatalogueAdmin(ReadOnlyAdmin):
    list_display = ["title", "org", "year", "status", "approved_on", "published_on"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["title", "org", "kind", "status", "decided_on", "published_on"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]


@admin.register(DecisionStep)
class DecisionStepAdmin(ReadOnlyAdmin):
    list_display = ["decision", "kind", "required", "status", "completed_on"]


@admin.register(PublicComment)
class PublicCommentAdmin(ReadOnlyAdmin):
    list_display = ["decision", "submitted_at", "disposition"]


@admin.register(DecisionMeeting)
class DecisionMeetingAdmin(ReadOnlyAdmin):
    list_display = ["decision", "kind", "held_on", "outcome"]
