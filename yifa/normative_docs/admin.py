from django.contrib import admin

from yifa.core.admin import ReadOnlyAdmin

from .models import Cleanup, DocumentComment, Filing, NormativeDocument


@admin.register(NormativeDocument)
class NormativeDocumentAdmin(ReadOnlyAdmin):
    list_display = ["title", "number", "org", "status", "published_on", "expires_on", "validity"]
    list_filter = ["status", "validity"]
    search_fields = ["title", "number"]


@admin.register(DocumentComment)
class DocumentCommentAdmin(ReadOnlyAdmin):
    list_display = ["document", "submitted_at", "disposition"]


@admin.register(Filing)
class FilingAdmin(ReadOnlyAdmin):
    list_display = ["document", "filed_to", "filed_on", "on_time", "status"]
    list_filter = ["status", "on_time"]


@admin.register(Cleanup)
class CleanupAdmin(ReadOnlyAdmin):
    list_display = ["title", "org", "started_on", "status", "concluded_on"]
