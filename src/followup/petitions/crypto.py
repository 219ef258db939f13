"""Attachments encrypted at rest with Fernet (AES-128-CBC + HMAC-SHA256, from `cryptography`).

Keys come from FOLLOWUP_PETITIONS_KEYS: a comma-separated list of Fernet keys, the first one
encrypting and all of them decrypting (MultiFernet), so a key can be rotated without downtime
(docs/settings.md). Without it, development and tests derive a key from SECRET_KEY.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class UnreadableAttachment(Exception):
    """The stored file cannot be decrypted with any configured key."""


def _keys() -> list[bytes]:
    configured = [k.strip() for k in settings.FOLLOWUP_PETITIONS_KEYS.split(",") if k.strip()]
    if configured:
        return [k.encode() for k in configured]
    derived = hashlib.sha256(b"followup-petitions:" + settings.SECRET_KEY.encode()).digest()
    return [base64.urlsafe_b64encode(derived)]


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in _keys()])


def encrypt(data: bytes) -> bytes:
    return _fernet().encrypt(data)


def decrypt(token: bytes) -> bytes:
    try:
        return _fernet().decrypt(token)
    except InvalidToken:
        raise UnreadableAttachment(
            "the attachment cannot be decrypted with the configured keys"
        ) from None


def rotate(token: bytes) -> bytes:
    """The same content encrypted with the first (newest) key."""
    return _fernet().rotate(token)
