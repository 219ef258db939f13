"""`/health/`: is this web process able to serve? For load balancers and monitoring.

Each check is cheap (one query or one cache round trip) so the endpoint can be polled every few
seconds; the answer is 200 when every check passes, else 503, with what failed and why.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_cache() -> None:
    """The shared cache (Redis) answers a write and the read that follows."""
    token = str(time.monotonic_ns())
    cache.set("health:probe", token, timeout=10)
    if cache.get("health:probe") != token:
        raise RuntimeError("the cache did not return what was written")


def check_search_index() -> None:
    """One row from the full-text index: FTS5's table on SQLite, the tsvector column on PostgreSQL."""
    sql = (
        "SELECT id FROM corpus_item WHERE search_vector IS NOT NULL LIMIT 1"
        if connection.vendor == "postgresql"
        else "SELECT rowid FROM search_item LIMIT 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        cursor.fetchall()


def checks() -> dict:
    found = {"database": check_database, "search_index": check_search_index}
    if "redis" in settings.CACHES["default"]["BACKEND"].lower():
        found["redis"] = check_cache
    return found


@never_cache
def health(request):
    results = {}
    for name, check in checks().items():
        try:
            check()
        except Exception as err:  # any failure is a result to report, not a crash
            results[name] = {"ok": False, "error": f"{type(err).__name__}: {err}"}
        else:
            results[name] = {"ok": True}
    healthy = all(result["ok"] for result in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "failing", "checks": results},
        status=200 if healthy else 503,
    )
