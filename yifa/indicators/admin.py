"""Read-only admin: schemes are loaded from their data file and scores given on the score page, both audited."""

from django.contrib import admin

from yifa.core.admin import ReadOnlyAdmin

from .models import IndicatorNode, IndicatorScheme, ItemScore


@admin.register(IndicatorScheme)
class IndicatorSchemeAdmin(ReadOnlyAdmin):
    list_display = ["name", "edition", "version", "status", "loaded_at"]
    list_filter = ["status"]


@admin.register(IndicatorNode)
class IndicatorNodeAdmin(ReadOnlyAdmin):
    list_display = ["scheme", "number", "title", "kind", "indicator", "target", "points"]
    list_filter = ["scheme", "kind"]
    search_fields = ["title", "indicator"]


@admin.register(ItemScore)
class ItemScoreAdmin(ReadOnlyAdmin):
    list_display = ["org", "year", "node", "score", "scored_by", "scored_at"]
    list_filter = ["year"]
