from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.filter
def get(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.simple_tag
def bar(row, statuses):
    """A stacked bar of a row's shares by status, as inline SVG (no script, no external library)."""
    width, x, parts = 200, 0.0, []
    for code, label in statuses:
        share = row.share(code)
        if share:
            parts.append(
                (
                    f"{x * width:.1f}",
                    f"{share * width:.1f}",
                    code,
                    f"{label}: {row.counts.get(code, 0)} ({share:.0%})",
                )
            )
            x += share
    rects = format_html_join(
        "",
        '<rect x="{}" y="0" width="{}" height="14" class="status-{}"><title>{}</title></rect>',
        parts,
    )
    return format_html(
        '<svg role="img" aria-label="{}" width="{}" height="14" class="bar">{}</svg>',
        f"{row.total}",
        width,
        rects,
    )


@register.filter
def in_words(event):
    """A report event as a sentence and its details (tracking.history)."""
    from ..history import describe

    return describe(event.action, event.changes, event.comment)
