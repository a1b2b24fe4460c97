"""Django admin: read-only views for superusers. Every change goes through the audited staff pages."""

from django.contrib import admin

from yifa.core.admin import ReadOnlyAdmin

from .models import (AnnualData, CaseClockPause, CaseRecord, EnforcementCase, EvidencePreservation, Inspection,
                     InspectionTarget, LegalReview, LegalReviewer, Officer, Power, Publication, RandomDraw)


@admin.register(Power)
class PowerAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "org", "basis_law", "basis_article", "is_published"]
    list_filter = ["kind", "is_published"]
    search_fields = ["name", "basis_law"]


@admin.register(Officer)
class OfficerAdmin(ReadOnlyAdmin):
    list_display = ["name", "org", "cert_number", "issuing_body", "expires_on", "status"]
    search_fields = ["name", "cert_number"]


@admin.register(LegalReviewer)
class LegalReviewerAdmin(ReadOnlyAdmin):
    list_display = ["name", "org", "qualification", "is_active"]


@admin.register(InspectionTarget)
class InspectionTargetAdmin(ReadOnlyAdmin):
    list_display = ["name", "uscc", "org", "industry"]
    search_fields = ["name", "uscc"]


@admin.register(RandomDraw)
class RandomDrawAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "org", "status", "seed", "drawn_at"]


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = ["target", "kind", "status", "inspected_on", "result"]


@admin.register(EnforcementCase)
class EnforcementCaseAdmin(ReadOnlyAdmin):
    list_display = ["number", "cause", "org", "procedure", "status", "filed_on", "decided_on"]
    list_filter = ["status", "procedure"]
    search_fields = ["number", "cause"]
    exclude = ["party_id_number", "party_phone", "party_address"]


@admin.register(CaseRecord)
class CaseRecordAdmin(ReadOnlyAdmin):
    list_display = ["title", "case", "kind", "stage", "occurred_at"]


@admin.register(LegalReview)
class LegalReviewAdmin(ReadOnlyAdmin):
    list_display = ["case", "reviewer", "status", "outcome", "reviewed_at"]


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = ["decision_number", "party", "org", "status", "published_on", "withdrawn_on"]


@admin.register(CaseClockPause)
class CaseClockPauseAdmin(ReadOnlyAdmin):
    list_display = ["case", "ground", "basis", "paused_on", "resumed_on"]


@admin.register(EvidencePreservation)
class EvidencePreservationAdmin(ReadOnlyAdmin):
    list_display = ["case", "status", "requested_at", "approved_at", "preserved_at", "decided_on"]


@admin.register(AnnualData)
class AnnualDataAdmin(ReadOnlyAdmin):
    list_display = ["org", "year", "status", "version", "published_on", "withdrawn_on"]
    list_filter = ["status", "year"]
