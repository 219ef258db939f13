"""``{% follow_button "item" item %}``: Follow or Unfollow for the signed-in person. Every
button of a page shares one query (what the person follows), made by the first one."""

from __future__ import annotations

from django import template

from followup.policy import allowed
from followup.tracking.notify.models import Follow

register = template.Library()


def _follows(request) -> set[tuple[str, str]]:
    cached = getattr(request, "_followup_follows", None)
    if cached is None:
        rows = Follow.objects.filter(user=request.user).values_list(
            "item_id", "country_id", "instrument_id"
        )
        cached = set()
        for item, country, instrument in rows:
            kind = "item" if item else "country" if country else "instrument"
            cached.add((kind, str(item or country or instrument)))
        request._followup_follows = cached
    return cached


@register.inclusion_tag("tracking/notify/follow_button.html", takes_context=True)
def follow_button(context, target: str, obj, label: str = ""):
    request = context.get("request")
    if request is None or obj is None or not allowed(request.user, "follow"):
        return {"show": False}
    return {
        "show": True,
        "target": target,
        "target_id": obj.pk,
        "following": (target, str(obj.pk)) in _follows(request),
        "next": request.get_full_path(),
        "label": label,
        "csrf_token": context.get("csrf_token"),
    }
