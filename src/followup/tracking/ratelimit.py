"""Counting failed sign-ins per user name and per address, in the cache, to slow guessing."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache


def _keys(username: str, address: str) -> list[str]:
    return [f"login-fail:user:{username.lower()}", f"login-fail:addr:{address}"]


def is_locked(username: str, address: str) -> bool:
    limit = settings.FOLLOWUP_LOGIN_ATTEMPTS
    return any((cache.get(key) or 0) >= limit for key in _keys(username, address))


def record_failure(username: str, address: str) -> None:
    for key in _keys(username, address):
        cache.add(key, 0, timeout=settings.FOLLOWUP_LOGIN_LOCKOUT)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=settings.FOLLOWUP_LOGIN_LOCKOUT)


def clear(username: str, address: str) -> None:
    cache.delete_many(_keys(username, address))
