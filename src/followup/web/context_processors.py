"""What every page's frame needs: the counts beside the menu's entries for the signed-in
user's role (followup.tracking.queues.menu_counts), computed only when the menu shows them."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject


def menu(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": {}}
    from followup.tracking.queues import menu_counts

    return {"menu": SimpleLazyObject(lambda: menu_counts(user))}
