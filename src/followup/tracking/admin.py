from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from followup.policy import allowed

from .actions import do_activate_accounts, refresh_obligation_statuses
from .models import (
    Evidence,
    Follow,
    Notification,
    NotificationChoice,
    Obligation,
    Party,
    Profile,
    Reminder,
    Report,
    ReportEvent,
    ReportLink,
)
from .notify import kinds as notice
from .notify.delivery import emit


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "body"]
    list_filter = ["kind"]
    search_fields = ["name"]
    raw_id_fields = ["body"]


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(UserAdmin):
    """Administrators activate focal points' and organizations' accounts here (the Active box)."""

    inlines = [ProfileInline]
    list_display = ["username", "email", "is_active", "role", "party", "is_staff"]
    list_filter = ["is_active", "is_staff", "profile__role"]
    actions = ["activate"]

    # Who manages accounts is the policy's rule (administrators), not Django's model permissions.
    def has_module_permission(self, request):
        return allowed(request.user, "manage_accounts")

    def has_view_permission(self, request, obj=None):
        return allowed(request.user, "manage_accounts")

    def has_add_permission(self, request):
        return allowed(request.user, "manage_accounts")

    def has_change_permission(self, request, obj=None):
        return allowed(request.user, "manage_accounts")

    def has_delete_permission(self, request, obj=None):
        return allowed(request.user, "manage_accounts")

    @admin.display(description="role")
    def role(self, user):
        return getattr(getattr(user, "profile", None), "role", "")

    @admin.display(description="party")
    def party(self, user):
        return getattr(getattr(user, "profile", None), "party", "")

    @admin.action(description="Activate the selected accounts")
    def activate(self, request, queryset):
        do_activate_accounts(queryset)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and obj.is_active and "is_active" in form.changed_data:
            emit(notice.ACCOUNT_ACTIVATED, account=obj)  # its owner is told


class EventInline(admin.TabularInline):
    model = ReportEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "user", "action", "changes", "comment"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """Read-only: reports change only through their workflow (the report pages and the API)."""

    list_display = [
        "pk",
        "party",
        "compliance",
        "state",
        "period_start",
        "period_end",
        "published_at",
    ]
    list_filter = ["state", "compliance", "party__kind"]
    inlines = [EventInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Obligation)
class ObligationAdmin(admin.ModelAdmin):
    """Obligations changed here keep the not-reported counts of compliance views in step."""

    list_display = ["party", "item", "period", "due_on", "cycle_months", "fulfilled_by"]
    list_filter = ["party__kind", "period"]
    raw_id_fields = ["item", "fulfilled_by"]

    @staticmethod
    def _keys(obligations) -> set:
        return set(obligations.values_list("party_id", "period", "item_id"))

    def save_model(self, request, obj, form, change):
        before = self._keys(Obligation.objects.filter(pk=obj.pk)) if change else set()
        super().save_model(request, obj, form, change)
        refresh_obligation_statuses(before | {(obj.party_id, obj.period, obj.item_id)})

    def delete_model(self, request, obj):
        keys = {(obj.party_id, obj.period, obj.item_id)}
        super().delete_model(request, obj)
        refresh_obligation_statuses(keys)

    def delete_queryset(self, request, queryset):
        keys = self._keys(queryset)
        super().delete_queryset(request, queryset)
        refresh_obligation_statuses(keys)


admin.site.register([ReportLink, Evidence, Reminder])


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "event", "text", "read_at"]
    list_filter = ["event"]
    raw_id_fields = ["user"]


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["user", "item", "country", "instrument", "created_at"]
    raw_id_fields = ["user", "item", "instrument"]


admin.site.register(NotificationChoice)
