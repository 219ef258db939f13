from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def country_name(country):
    """A country's name in the page's language."""
    if country is None:
        return ""
    language = (get_language() or "en")[:2]
    return getattr(country, f"name_{language}", "") or country.name_en


@register.filter
def stage_label(petition):
    return petition.stage_label((get_language() or "en")[:2])


@register.filter
def compliance_label(code):
    """A level of the tracking scale in the page's language; a dash where nobody reported."""
    from followup.tracking.models import COMPLIANCE

    return dict(COMPLIANCE).get(code, "—") if code else "—"
