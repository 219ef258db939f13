"""The one place where refusals become pages: any ``ActionError`` a view lets through is
rendered with the site's frame, in the reader's language, with what it echoes escaped."""

from __future__ import annotations

import contextlib
import json

from django.http import HttpResponseServerError, QueryDict
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext as _

from followup.errors import ActionError, InvalidInput


class ActionErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ActionError):
            return None
        # Bad input is told without the internal field name it concerns ("period_end: ...").
        message = exception.reason if isinstance(exception, InvalidInput) else exception.message
        return render_error(request, exception.status, message)


def render_error(request, status: int, message: str):
    return render(request, "web/error.html", {"status": status, "message": message}, status=status)


def server_error(request):
    """handler500: the site's frame in the reader's language, rendered from the template alone,
    with no request context, so it works when the database is what failed."""
    language = getattr(request, "LANGUAGE_CODE", None) or translation.get_language()
    with translation.override(language):
        body = loader.get_template("500.html").render({"status": 500})
    return HttpResponseServerError(body)


class StripNulCharactersMiddleware:
    """PostgreSQL can neither store nor compare a NUL character, and no text of followup holds
    one: they are removed here from query parameters and JSON bodies, before any view runs, on
    every database alike (forms already refuse them field by field). An address with one
    names nothing: 404."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            return render_error(request, 404, _("There is nothing at this address."))
        if "\x00" in request.META.get("QUERY_STRING", "") or "%00" in request.META.get(
            "QUERY_STRING", ""
        ):
            cleaned = QueryDict(mutable=True)
            for name, values in request.GET.lists():
                cleaned.setlist(_strip(name), [_strip(v) for v in values])
            cleaned._mutable = False
            request.GET = cleaned
        if request.content_type == "application/json" and b"\\u0000" in request.body:
            with contextlib.suppress(ValueError):  # not JSON: the API answers that itself
                request._body = json.dumps(_strip(json.loads(request.body))).encode()
        return self.get_response(request)


def _strip(value):
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [_strip(v) for v in value]
    if isinstance(value, dict):
        return {_strip(k): _strip(v) for k, v in value.items()}
    return value
