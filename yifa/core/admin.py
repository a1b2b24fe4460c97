"""Django admin: read-only views of core tables for superusers. Edits go through the audited staff pages."""

from django.contrib import admin

from .models import Attachment, AuditEntry, LoginAttempt, Membership, NumberSequence, Org, User


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["seq", "at", "actor_name", "actor_org_name", "action", "target_repr"]
    list_filter = ["action"]
    search_fields = ["action", "target_repr", "actor_name", "note"]


@admin.register(Org)
class OrgAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "division_code", "path", "is_active"]
    search_fields = ["name", "division_code"]


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    list_display = ["username", "full_name", "is_active", "must_change_password", "last_login"]
    search_fields = ["username", "full_name"]
    exclude = ["password"]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ["user", "org", "role", "title"]
    list_filter = ["role"]


@admin.register(LoginAttempt)
class LoginAttemptAdmin(ReadOnlyAdmin):
    list_display = ["at", "username", "ip", "outcome"]
    list_filter = ["outcome"]


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "org", "sha256", "uploaded_by_name", "uploaded_at"]


@admin.register(NumberSequence)
class NumberSequenceAdmin(ReadOnlyAdmin):
    list_display = ["org", "kind", "year", "last"]
