"""Read-only admin: writes go through actions.py so they are audited."""

from django.contrib import admin

from yifa.core.admin import ReadOnlyAdmin

from .models import CoHandler, FollowUpLetter, Hearing, RespondentCase, Suggestion


@admin.register(Suggestion)
class SuggestionAdmin(ReadOnlyAdmin):
    list_display = ["serial_no", "title", "kind", "org", "assigned_on", "due_on", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "proposer", "serial_no"]


@admin.register(RespondentCase)
class RespondentCaseAdmin(ReadOnlyAdmin):
    list_display = ["case_no", "kind", "instance", "org", "received_on", "due_on", "status", "outcome"]
    list_filter = ["kind", "status", "outcome"]
    search_fields = ["case_no", "claimant", "disputed_act"]


admin.site.register([CoHandler, Hearing, FollowUpLetter], ReadOnlyAdmin)
