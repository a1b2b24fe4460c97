"""Read-only admin for superusers; every change goes through the audited staff pages."""

from django.contrib import admin

from yifa.core.admin import ReadOnlyAdmin

from .models import InfoRequest, ProactiveDisclosure


@admin.register(ProactiveDisclosure)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = ["index_number", "title", "org", "category", "formed_on", "published_on", "status"]
    list_filter = ["status", "category"]
    search_fields = ["title", "index_number", "document_number"]


@admin.register(InfoRequest)
class InfoRequestAdmin(ReadOnlyAdmin):
    list_display = ["number", "org", "applicant_type", "received_on", "status", "outcome", "reply_due_on"]
    list_filter = ["status", "outcome", "applicant_type"]
    search_fields = ["number", "description"]
