from django import forms
from django.contrib import admin
from django.utils.translation import gettext as _

from followup.policy import allowed

from .actions import do_edit_item
from .models import (
    Block,
    Body,
    Country,
    Document,
    IngestFailure,
    Instrument,
    Item,
    ItemRevision,
    Job,
)


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
    list_display = [
        "title",
        "file_name",
        "language",
        "format",
        "size",
        "version",
        "status",
        "ingested_at",
    ]
    list_filter = ["status", "language", "genre", "format"]
    search_fields = ["title", "file_name", "sha256"]
    readonly_fields = ["sha256", "size", "format", "text", "version", "supersedes", "ingested_at"]
    inlines = [BlockInline]


@admin.register(IngestFailure)
class IngestFailureAdmin(admin.ModelAdmin):
    list_display = ["path", "stage", "reason", "failed_at"]
    list_filter = ["stage"]
    readonly_fields = ["path", "stage", "reason", "sha256", "document", "failed_at"]


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Jobs are written by the queue; the back office only reads them (`followup jobs --retry`)."""

    list_display = ["id", "kind", "state", "outcome", "attempts", "worker", "created_at", "reason"]
    list_filter = ["state", "kind"]
    readonly_fields = [f.name for f in Job._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ["name", "summit", "place", "year"]
    search_fields = ["name", "summit", "place"]


class ItemRevisionInline(admin.TabularInline):
    model = ItemRevision
    extra = 0
    fields = ["changed_at", "user", "changes"]
    readonly_fields = fields
    can_delete = False


class ItemForm(forms.ModelForm):
    """Carries the version the editor loaded, so that a second session's save of an item
    changed since is refused instead of silently overwriting the first one."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Item
        fields = ["kind", "text", "fields", "countries", "version"]

    def clean_version(self):
        version = self.cleaned_data["version"]
        stored = Item.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
        if version is not None and stored is not None and version != stored:
            raise forms.ValidationError(
                _(
                    "Someone else changed this item since you opened it. Reload it and apply your changes again."
                )
            )
        return version


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    """Analysts correct extracted items here; each change is recorded with who and when, and
    re-extraction never overwrites an edited item."""

    list_display = ["kind", "short_text", "actor", "status", "document", "origin", "edited_by"]
    list_filter = ["kind", "origin", "status"]
    search_fields = ["text", "actor"]
    fields = [
        "document",
        "kind",
        "text",
        "fields",
        "countries",
        "start",
        "end",
        "unparsed",
        "origin",
        "edited_by",
        "edited_at",
        "version",
    ]
    form = ItemForm
    readonly_fields = ["document", "start", "end", "unparsed", "origin", "edited_by", "edited_at"]
    filter_horizontal = ["countries"]
    inlines = [ItemRevisionInline]

    @admin.display(description="text")
    def short_text(self, item):
        return item.text[:100]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.origin = Item.ANALYST
            obj.edited_by = request.user
            super().save_model(request, obj, form, change)
            return
        countries = [c.code for c in form.cleaned_data.get("countries", [])]
        do_edit_item(
            obj,
            request.user,
            text=obj.text,
            kind=obj.kind,
            fields=obj.fields,
            countries=countries,
            version=form.cleaned_data.get("version"),
        )

    def save_related(self, request, form, formsets, change):
        if change:  # countries were saved by do_edit_item, with the revision
            for formset in formsets:
                self.save_formset(request, form, formset, change=change)
            return
        super().save_related(request, form, formsets, change)

    def has_add_permission(self, request):
        return False  # items come from documents; analysts correct them

    # Who corrects items is the policy's rule (analysts), not Django's model permissions.
    def has_module_permission(self, request):
        return allowed(request.user, "edit_item")

    def has_view_permission(self, request, obj=None):
        return allowed(request.user, "edit_item")

    def has_change_permission(self, request, obj=None):
        return allowed(request.user, "edit_item")
