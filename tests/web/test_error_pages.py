"""Error pages (400, 403, 404, 500) wear the site's frame, speak the reader's language and say
what to do next; the 500 page is made without the database, which may be what failed."""

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import path
from selectolax.lexbor import LexborHTMLParser

from followup.urls import handler500
from followup.urls import urlpatterns as site_urls


def refuse_as_bad(request):
    raise SuspiciousOperation("a malformed request")


def refuse_as_forbidden(request):
    raise PermissionDenied


def fail(request):
    raise RuntimeError("the database went away")


# This module is the URL configuration of its tests: the site's, plus views that fail.
urlpatterns = [
    path("fail/400/", refuse_as_bad),
    path("fail/403/", refuse_as_forbidden),
    path("fail/500/", fail),
    *site_urls,
]
__all__ = ["handler500", "urlpatterns"]

pytestmark = [pytest.mark.urls(__name__), pytest.mark.django_db]


def page_of(response):
    return LexborHTMLParser(response.content.decode())


def text(node):
    return " ".join(node.text(separator=" ").split())


def summary(response):
    """What a reader sees of an error page: its language, whether the site's menu is there,
    the heading, the message and the next steps."""
    page = page_of(response)
    return {
        "status": response.status_code,
        "lang": page.css_first("html").attributes["lang"],
        "menu": page.css_first("header.site nav") is not None,
        "title": text(page.css_first("h1")),
        "message": text(page.css_first("main .error")),
        "next": [text(li) for li in page.css("main ul.next-steps li")],
    }


def test_a_missing_page_says_what_to_do_next(client):
    assert summary(client.get("/documents/999999/")) == {
        "status": 404,
        "lang": "en",
        "menu": True,
        "title": "Not found",
        "message": "There is nothing at this address, or nothing you may see.",
        "next": [
            "Check the address for a typing mistake.",
            "Look for what you wanted with the search: Search",
            "Drafts and reports under review are seen only once you sign in. Sign in",
            "Go to the home page",
        ],
    }


def test_a_refusal_raised_by_a_view_keeps_its_own_message_and_the_next_steps(client):
    result = summary(client.get("/reports/999999/"))
    assert (result["status"], result["title"], result["message"]) == (
        404,
        "Not found",
        "report: not found",
    )
    assert result["next"][0] == "Check the address for a typing mistake."


def test_error_pages_are_in_the_readers_language(client):
    response = client.get("/no/such/page/", headers={"accept-language": "es"})
    page = page_of(response)
    assert (response.status_code, page.css_first("html").attributes["lang"]) == (404, "es")
    menu = [text(a) for a in page.css("header.site nav a")]
    assert "Buscar" in menu
    assert "Search" not in menu


def test_a_bad_request_and_a_refusal_use_the_frame(client):
    bad = summary(client.get("/fail/400/"))
    assert bad == {
        "status": 400,
        "lang": "en",
        "menu": True,
        "title": "Cannot be done",
        "message": "The request could not be understood.",
        "next": [
            "Check what you typed or the address you followed, then go back and try again.",
            "Go to the home page",
        ],
    }
    forbidden = summary(client.get("/fail/403/"))
    assert forbidden == {
        "status": 403,
        "lang": "en",
        "menu": True,
        "title": "Not allowed",
        "message": "You may not do this.",
        "next": [
            "If you have an account that may do this, sign in with it. Sign in",
            "Go to the home page",
        ],
    }


def test_a_server_error_page_is_made_without_the_database_in_the_readers_language(
    django_user_model,
):
    from django.test import Client

    user = django_user_model.objects.create_user("reader", "reader@example.org", "pw-2024-x!")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    client.get("/")  # the session is known; what follows only fails
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/fail/500/", headers={"accept-language": "es"})
    result = summary(response)
    assert (result["status"], result["lang"], result["menu"]) == (500, "es", True)
    assert result["title"] == "Algo salió mal"
    assert result["next"] == [
        "El problema es de nuestra parte y ha quedado registrado. Inténtelo de nuevo en unos minutos.",
        "Si sigue ocurriendo, indique a la Secretaría lo que estaba haciendo.",
        "Ir a la página de inicio",
    ]
    assert [q["sql"] for q in queries.captured_queries] == []


def test_the_csrf_refusal_says_to_reload_the_form(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    result = summary(strict.post("/accounts/login/", {"username": "x", "password": "y"}))
    assert (result["status"], result["title"], result["menu"]) == (403, "Cannot be done", True)
    assert result["message"].startswith("The form could not be accepted")
    assert result["next"] == ["Go back and try again.", "Go to the home page"]
