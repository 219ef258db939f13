"""The count of unread notifications in the menu: one query on a page that shows it, for
signed-in people; none on a page (an htmx fragment) that does not."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from .models import Notification


def unread_notifications(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notifications": SimpleLazyObject(
            lambda: Notification.objects.filter(user=user, read_at=None).count()
        )
    }
