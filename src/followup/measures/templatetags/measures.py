"""Codebook texts in the page's language."""

from django import template

register = template.Library()


@register.filter
def title_in(book, language):
    return book.title(language)


@register.filter
def name_in(indicator, language):
    return indicator.name(language)


@register.filter
def description_in(indicator, language):
    return indicator.description(language)


@register.filter
def meaning_in(level, language):
    return level.meaning(language)


@register.simple_tag
def level_meaning(indicator, value, language):
    level = indicator.level(value)
    return level.meaning(language) if level else ""


@register.simple_tag
def flag_meaning(indicator, flag, language):
    return indicator.flag_meaning(flag, language)
