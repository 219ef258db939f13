from django.contrib import admin

from .models import Assignment, AuditEntry, Petitioner


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "country", "topic")
    list_filter = ("role",)


@admin.register(Petitioner)
class PetitionerAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "user", "country")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the log of confidential reads is never changed or deleted."""

    list_display = ("at", "username", "petition_id_read", "record", "channel")
    list_filter = ("channel",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
