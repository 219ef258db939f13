from django.contrib import admin

from .models import Block, Body, Country, Document, IngestFailure


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_es", "oas_member"]
    list_filter = ["oas_member"]
    search_fields = ["code", "name_en", "name_es", "name_pt", "name_fr"]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind", "parent"]
    list_filter = ["kind", "from_registry"]
    search_fields = ["name", "acronym"]
    raw_id_fields = ["parent"]


class BlockInline(admin.TabularInline):
    model = Block
    extra = 0
    fields = ["order", "kind", "level", "marker", "start", "end"]
    readonly_fields = fields
    can_delete = False


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "file_name", "language", "format", "size", "version", "ingested_at"]
    list_filter = ["language", "format"]
    search_fields = ["title", "file_name", "sha256"]
    readonly_fields = ["sha256", "size", "format", "text", "version", "supersedes", "ingested_at"]
    inlines = [BlockInline]


@admin.register(IngestFailure)
class IngestFailureAdmin(admin.ModelAdmin):
    list_display = ["path", "reason", "failed_at"]
    readonly_fields = ["path", "reason", "sha256", "failed_at"]
