"""What a web server checks before it starts: a secret key of its own, collected static files."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Set by `followup serve --dev` and `followup demo`, whose development server may run on the
# published development key.
DEVELOPMENT_SERVER = "FOLLOWUP_DEVELOPMENT_SERVER"


def ensure_secret_key() -> None:
    """Refuse to serve with the development key: anyone could forge sessions and reset links."""
    if settings.SECRET_KEY != settings.DEVELOPMENT_SECRET_KEY:
        return
    if settings.DEBUG or os.environ.get(DEVELOPMENT_SERVER) == "1":
        return
    raise ImproperlyConfigured(
        "FOLLOWUP_SECRET_KEY is not set: the production server refuses to start with the "
        "development key. Set FOLLOWUP_SECRET_KEY to a long random value (for instance "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`), or run "
        "`followup serve --dev` for the development server."
    )
