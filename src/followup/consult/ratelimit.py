"""Per-account and per-address limits on what people post, counted in the shared cache."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from followup.errors import ActionError


class TooMany(ActionError):
    status = 429


def check_and_count(activity: str, user, address: str = "") -> None:
    """Refuse past FOLLOWUP_CONSULT_LIMITS[activity] posts an hour by one account or address."""
    limit = settings.FOLLOWUP_CONSULT_LIMITS[activity]
    keys = [f"consult:{activity}:user:{user.pk}"]
    if address:
        keys.append(f"consult:{activity}:addr:{address}")
    counts = cache.get_many(keys)
    if any(counts.get(key, 0) >= limit for key in keys):
        raise TooMany(_("you have posted too often; please wait an hour and try again"))
    for key in keys:
        if not cache.add(key, 1, timeout=3600):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, timeout=3600)
