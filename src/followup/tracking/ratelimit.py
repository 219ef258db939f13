"""One throttle for every sign-in path (the site's and the administration's), in the shared cache.

Two counters, kept apart on purpose:

- per user name, normalized as Django's sign-in form does (NFKC) and then case-folded and
  stripped, so that " pubuser", "PUBUSER" and a full-width "ｐｕｂｕｓｅｒ" all count against
  "pubuser": after FOLLOWUP_LOGIN_ATTEMPTS failures that name is paused for FOLLOWUP_LOGIN_LOCKOUT
  seconds. Only a success on that same name clears it.
- per address: a ministry's office may share one address, so its first
  FOLLOWUP_LOGIN_ADDRESS_ATTEMPTS failures cost nothing; each later one makes the address wait
  twice as long as the one before (1 s, 2 s, 4 s ... at most FOLLOWUP_LOGIN_MAX_DELAY) before
  its next attempt; the count starts again FOLLOWUP_LOGIN_ADDRESS_WINDOW seconds after the first
  failure. Never a lockout, and a success never clears it: an attacker interleaving
  sign-ins to their own account gains nothing.

The counters live in Django's cache: Redis in production, so that every server process agrees.
"""

from __future__ import annotations

import functools
import time
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.shortcuts import render


def normalize_username(username: str) -> str:
    """The key a user name is counted under: NFKC, case-folded, stripped, format characters
    (zero-width spaces and joiners) removed."""
    folded = unicodedata.normalize("NFKC", username or "").casefold()
    return "".join(ch for ch in folded if unicodedata.category(ch) != "Cf").strip()


def client_address(request) -> str:
    """The client's address. Behind the proxy of a production deployment it is the last entry of
    X-Forwarded-For, the one our proxy appended (earlier ones are the client's to invent)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and forwarded:
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def _user_key(username: str) -> str:
    return f"signin:user:{normalize_username(username)}"


def _address_keys(address: str) -> tuple[str, str]:
    return f"signin:addr:{address}", f"signin:addr-last:{address}"


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int = 0  # seconds


def _address_delay(failures: int) -> int:
    over = failures - settings.FOLLOWUP_LOGIN_ADDRESS_ATTEMPTS
    if over < 0:
        return 0
    return min(2**over, settings.FOLLOWUP_LOGIN_MAX_DELAY)


def check(username: str, address: str) -> Verdict:
    """May this sign-in be attempted now? Asked before the password is even looked at."""
    if (cache.get(_user_key(username)) or 0) >= settings.FOLLOWUP_LOGIN_ATTEMPTS:
        return Verdict(False, settings.FOLLOWUP_LOGIN_LOCKOUT)
    count_key, last_key = _address_keys(address)
    delay = _address_delay(cache.get(count_key) or 0)
    if delay:
        waited = time.time() - (cache.get(last_key) or 0)
        if waited < delay:
            return Verdict(False, max(1, round(delay - waited)))
    return Verdict(True)


def _increment(key: str, timeout: int) -> None:
    cache.add(key, 0, timeout=timeout)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=timeout)


def record_failure(username: str, address: str) -> None:
    _increment(_user_key(username), settings.FOLLOWUP_LOGIN_LOCKOUT)
    if address:
        window = settings.FOLLOWUP_LOGIN_ADDRESS_WINDOW
        count_key, last_key = _address_keys(address)
        _increment(count_key, window)
        cache.set(last_key, time.time(), timeout=window)


def record_success(username: str) -> None:
    """A success clears its own user name's counter, never the address's."""
    cache.delete(_user_key(username))


class ThrottledModelBackend(ModelBackend):
    """Django's backend, refusing any sign-in with a request (every page, the administration's,
    and whatever path is added later) while its name or address must wait."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is not None and not check(username or "", client_address(request)).allowed:
            raise PermissionDenied("sign-in paused after repeated failures")
        return super().authenticate(request, username=username, password=password, **kwargs)


def on_login_failed(sender, credentials, request=None, **kwargs):
    username = credentials.get(get_user_model().USERNAME_FIELD) or credentials.get("username", "")
    record_failure(username or "", client_address(request) if request is not None else "")


def on_logged_in(sender, request, user, **kwargs):
    record_success(user.get_username())


def throttled(view):
    """A sign-in view that answers 429, with Retry-After, while the name or address must wait."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST":
            verdict = check(request.POST.get("username", ""), client_address(request))
            if not verdict.allowed:
                response = render(request, "tracking/login.html", {"locked": True}, status=429)
                response["Retry-After"] = str(verdict.retry_after)
                return response
        return view(request, *args, **kwargs)

    return wrapper


def allow_registration(address: str) -> bool:
    """Counts an account created (or attempted) from this address; False past the hourly limit."""
    key = f"register:addr:{address}"
    _increment(key, 3600)
    return (cache.get(key) or 0) <= settings.FOLLOWUP_REGISTRATIONS_PER_HOUR
