"""Django's admin, opened to secretariat analysts as well as staff: the docs send analysts to
its item editor, and each model admin asks the policy what they may do there."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig

from followup.policy import allowed


class AdminSite(admin.AdminSite):
    def has_permission(self, request):
        return allowed(request.user, "open_admin")


def administration_link(request) -> dict:
    """Whether the frame shows the link to the administration pages (asked only when shown)."""
    return {"may_open_admin": lambda: allowed(request.user, "open_admin")}


class AdminConfig(DjangoAdminConfig):
    default_site = "followup.web.admin_site.AdminSite"
