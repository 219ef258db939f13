"""A page's HTML printed to PDF with WeasyPrint, as a browser prints it (the print stylesheet
applies). Nothing is fetched from the network: the only resources a page may load are this
site's own static files, read from disk; every other address is refused."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse


class StaticFilesOnly(URLFetcher):
    """Answers WeasyPrint's requests for the site's static files from disk, refuses the rest."""

    def __init__(self, base_url: str):
        super().__init__(allowed_protocols=())
        self.prefix = urljoin(base_url, settings.STATIC_URL)

    def path(self, url: str) -> Path:
        """The file of a static address; ValueError for any other address or a missing file."""
        if not url.startswith(self.prefix):
            raise ValueError(f"{url}: not one of this site's static files")
        name = unquote(urlsplit(url[len(self.prefix) :]).path)
        if not name or ".." in Path(name).parts or Path(name).is_absolute():
            raise ValueError(f"{url}: not one of this site's static files")
        found = finders.find(name)
        if not found and staticfiles_storage.exists(name):
            found = staticfiles_storage.path(name)  # collected, with hashed names, in production
        if not found:
            raise ValueError(f"{url}: no such static file")
        return Path(found)

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        path = self.path(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def html_to_pdf(html: str, base_url: str) -> bytes:
    """``html`` as a PDF; ``base_url`` is the page's own address (relative links resolve to it)."""
    return HTML(string=html, base_url=base_url, url_fetcher=StaticFilesOnly(base_url)).write_pdf()
