"""Django settings. Everything a deployment changes comes from the environment (see docs/settings.md)."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("FOLLOWUP_DATA_DIR", Path.cwd() / "var"))

SECRET_KEY = os.environ.get("FOLLOWUP_SECRET_KEY", "insecure-development-key-change-me")
DEBUG = os.environ.get("FOLLOWUP_DEBUG", "") == "1"
ALLOWED_HOSTS = [
    h
    for h in os.environ.get("FOLLOWUP_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Serves the API's interactive docs (Swagger UI) from its own static files, not a CDN.
    "ninja",
    "followup.corpus",
    "followup.tracking",
    "followup.search",
    "followup.consult",
    "followup.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "followup.web.errors.ActionErrorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "followup.urls"
WSGI_APPLICATION = "followup.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'followup.sqlite3'}"),
        conn_max_age=0,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español"), ("pt", "Português"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"

# Files larger than this are refused at ingestion (bytes).
FOLLOWUP_MAX_FILE_BYTES = int(os.environ.get("FOLLOWUP_MAX_FILE_BYTES", 50 * 1024 * 1024))

# Uploaded evidence lives under the data folder, never under a URL: a view checks who may read it.
MEDIA_ROOT = DATA_DIR / "uploads"
FOLLOWUP_MAX_EVIDENCE_BYTES = int(os.environ.get("FOLLOWUP_MAX_EVIDENCE_BYTES", 20 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = FOLLOWUP_MAX_EVIDENCE_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
SESSION_COOKIE_HTTPONLY = True
# Failed sign-ins allowed per user name and per address before a pause of FOLLOWUP_LOGIN_LOCKOUT seconds.
FOLLOWUP_LOGIN_ATTEMPTS = int(os.environ.get("FOLLOWUP_LOGIN_ATTEMPTS", 5))
FOLLOWUP_LOGIN_LOCKOUT = int(os.environ.get("FOLLOWUP_LOGIN_LOCKOUT", 900))
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["FOLLOWUP_REDIS_URL"],
        }
        if os.environ.get("FOLLOWUP_REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Reminders and notices: printed on the console unless an SMTP server is configured.
EMAIL_BACKEND = os.environ.get(
    "FOLLOWUP_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("FOLLOWUP_EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = os.environ.get("FOLLOWUP_FROM_EMAIL", "followup@localhost")

# The consultation portal: distinct reports of abuse that hide a proposal or comment until a
# moderator decides (Decidim's default is 3), and posts allowed per account and per address
# in an hour.
FOLLOWUP_CONSULT_AUTO_HIDE_FLAGS = int(os.environ.get("FOLLOWUP_CONSULT_AUTO_HIDE_FLAGS", 3))
FOLLOWUP_CONSULT_LIMITS = {
    "proposal": int(os.environ.get("FOLLOWUP_CONSULT_PROPOSALS_PER_HOUR", 5)),
    "comment": int(os.environ.get("FOLLOWUP_CONSULT_COMMENTS_PER_HOUR", 60)),
    "flag": int(os.environ.get("FOLLOWUP_CONSULT_FLAGS_PER_HOUR", 20)),
}
