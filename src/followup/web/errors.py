"""The one place where refusals become pages: any ``ActionError`` a view lets through is
rendered with the site's frame, in the reader's language, with what it echoes escaped."""

from __future__ import annotations

from django.shortcuts import render

from followup.errors import ActionError


class ActionErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ActionError):
            return None
        return render_error(request, exception.status, exception.message)


def render_error(request, status: int, message: str):
    return render(request, "web/error.html", {"status": status, "message": message}, status=status)
