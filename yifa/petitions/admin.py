"""Read-only admin for superusers; every change goes through the audited staff pages."""

from django.contrib import admin

from yifa.core.admin import ReadOnlyAdmin

from .models import Petition


@admin.register(Petition)
class PetitionAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "org", "channel", "received_on", "status", "due_on"]
    list_filter = ["status", "channel", "category"]
    search_fields = ["number", "title"]
