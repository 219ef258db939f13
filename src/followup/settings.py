"""Django settings. Everything a deployment changes comes from the environment (see docs/settings.md)."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("FOLLOWUP_DATA_DIR", Path.cwd() / "var"))

# Production turns on everything `check --deploy` asks for; development, the demo and the tests
# leave it off. See docs/settings.md, "Production".
PRODUCTION = os.environ.get("FOLLOWUP_PRODUCTION", "") == "1"
DEVELOPMENT_SECRET_KEY = "insecure-development-key-change-me"
SECRET_KEY = os.environ.get("FOLLOWUP_SECRET_KEY", DEVELOPMENT_SECRET_KEY)
if PRODUCTION and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "FOLLOWUP_SECRET_KEY: production needs a secret key of its own; generate one with "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`"
    )
DEBUG = os.environ.get("FOLLOWUP_DEBUG", "") == "1"
ALLOWED_HOSTS = [
    h
    for h in os.environ.get("FOLLOWUP_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h
]
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("FOLLOWUP_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]

INSTALLED_APPS = [
    "followup.web.admin_site.AdminConfig",  # django.contrib.admin, open to analysts
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
    "followup.petitions",
    "followup.search",
    "followup.measures",
    "followup.consult",
    "followup.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "followup.web.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "followup.web.errors.ActionErrorMiddleware",
    "followup.web.errors.StripNulCharactersMiddleware",
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
                "followup.web.context_processors.menu",
                "followup.web.admin_site.administration_link",
                "followup.tracking.notify.context.unread_notifications",
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
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Workers and the web app write to one file: writers wait their turn (immediate transactions,
    # a 30 s busy timeout) and readers never wait for a writer (write-ahead log).
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL;",
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
# Whitenoise serves static files from the WSGI server. In production from STATIC_ROOT, filled by
# collectstatic (`followup serve` runs it) with hashed names cached for a year; elsewhere straight
# from the apps' folders, so the demo and the tests need no collectstatic.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:  # STATIC_ROOT is only filled for production
    warnings.filterwarnings("ignore", message="No directory at: ", category=UserWarning)
WHITENOISE_AUTOREFRESH = DEBUG

# The WSGI server `followup serve` starts: processes, and threads in each.
FOLLOWUP_WEB_WORKERS = int(os.environ.get("FOLLOWUP_WEB_WORKERS", 2))
FOLLOWUP_WEB_THREADS = int(os.environ.get("FOLLOWUP_WEB_THREADS", 4))

# HTTPS. Production sits behind a proxy (nginx, a load balancer) that ends TLS and sets
# X-Forwarded-Proto; the proxy must overwrite that header, never pass on the client's.
_https = PRODUCTION and os.environ.get("FOLLOWUP_HTTPS", "1") == "1"
SECURE_SSL_REDIRECT = _https
SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # load balancers probe over plain HTTP
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
SECURE_HSTS_SECONDS = int(os.environ.get("FOLLOWUP_HSTS_SECONDS", 31536000)) if _https else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _https
# The preload directive only allows submitting the domain to browsers' preload lists.
SECURE_HSTS_PRELOAD = _https and os.environ.get("FOLLOWUP_HSTS_PRELOAD", "1") == "1"
if PRODUCTION and os.environ.get("FOLLOWUP_BEHIND_PROXY", "1") == "1":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline script anywhere: scripts come from our static files. Styles may be inline because
# htmx and Django's admin set style attributes.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)

# Files larger than this are refused at ingestion (bytes).
FOLLOWUP_MAX_FILE_BYTES = int(os.environ.get("FOLLOWUP_MAX_FILE_BYTES", 50 * 1024 * 1024))

# Limits the readers check before parsing (followup.read.ReadLimits.from_mapping(READ_LIMITS)).
READ_LIMITS = {
    "max_uncompressed_bytes": os.environ.get("FOLLOWUP_READ_MAX_UNCOMPRESSED_BYTES", 256 << 20),
    "max_compression_ratio": os.environ.get("FOLLOWUP_READ_MAX_COMPRESSION_RATIO", 200),
    "max_nesting_depth": os.environ.get("FOLLOWUP_READ_MAX_NESTING_DEPTH", 512),
    "max_pdf_pages": os.environ.get("FOLLOWUP_READ_MAX_PDF_PAGES", 5000),
    "max_image_pixels": os.environ.get("FOLLOWUP_READ_MAX_IMAGE_PIXELS", 100_000_000),
    "max_ocr_pages": os.environ.get("FOLLOWUP_READ_MAX_OCR_PAGES", 500),
    "ocr": os.environ.get("FOLLOWUP_READ_OCR", "1"),
}

# Uploaded evidence lives under the data folder, never under a URL: a view checks who may read it.
MEDIA_ROOT = DATA_DIR / "uploads"
FOLLOWUP_MAX_EVIDENCE_BYTES = int(os.environ.get("FOLLOWUP_MAX_EVIDENCE_BYTES", 20 * 1024 * 1024))
# What a .docx, .xlsx or .odt evidence file may inflate to (they are zip archives).
FOLLOWUP_MAX_EVIDENCE_INFLATED_BYTES = int(
    os.environ.get("FOLLOWUP_MAX_EVIDENCE_INFLATED_BYTES", 200 * 1024 * 1024)
)
DATA_UPLOAD_MAX_MEMORY_SIZE = FOLLOWUP_MAX_EVIDENCE_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
SESSION_COOKIE_HTTPONLY = True
# Sign-in throttling (tracking/ratelimit.py): failures per user name before a pause of
# FOLLOWUP_LOGIN_LOCKOUT seconds; failures per address before each next one waits twice as long.
FOLLOWUP_LOGIN_ATTEMPTS = int(os.environ.get("FOLLOWUP_LOGIN_ATTEMPTS", 5))
FOLLOWUP_LOGIN_LOCKOUT = int(os.environ.get("FOLLOWUP_LOGIN_LOCKOUT", 900))
FOLLOWUP_LOGIN_ADDRESS_ATTEMPTS = int(os.environ.get("FOLLOWUP_LOGIN_ADDRESS_ATTEMPTS", 30))
FOLLOWUP_LOGIN_ADDRESS_WINDOW = int(os.environ.get("FOLLOWUP_LOGIN_ADDRESS_WINDOW", 3600))
FOLLOWUP_LOGIN_MAX_DELAY = int(os.environ.get("FOLLOWUP_LOGIN_MAX_DELAY", 300))
AUTHENTICATION_BACKENDS = ["followup.tracking.ratelimit.ThrottledModelBackend"]
# Registration: accounts created per address per hour; days a verification link stays valid.
FOLLOWUP_REGISTRATIONS_PER_HOUR = int(os.environ.get("FOLLOWUP_REGISTRATIONS_PER_HOUR", 5))
FOLLOWUP_EMAIL_VERIFICATION_DAYS = int(os.environ.get("FOLLOWUP_EMAIL_VERIFICATION_DAYS", 3))
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["FOLLOWUP_REDIS_URL"],
            "KEY_PREFIX": os.environ.get("FOLLOWUP_CACHE_PREFIX", "followup"),
        }
        if os.environ.get("FOLLOWUP_REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Background jobs (ingestion, re-extraction, reclassification, index builds): "redis" in
# production (any number of `followup worker` on any machine share the queue), "sqlite" for a
# queue in the data folder on one machine, "inline" to run each job in the command that asks.
FOLLOWUP_JOBS_QUEUE = os.environ.get(
    "FOLLOWUP_JOBS_QUEUE", "redis" if os.environ.get("FOLLOWUP_REDIS_URL") else "inline"
)
FOLLOWUP_REDIS_URL = os.environ.get("FOLLOWUP_REDIS_URL", "")
# The queue's name: the prefix of its Redis keys (or its SQLite file's name).
FOLLOWUP_JOBS_PREFIX = os.environ.get("FOLLOWUP_JOBS_PREFIX", "followup")
# Tries of a job that meets a transient error (database busy or locked, connection lost).
FOLLOWUP_JOB_RETRIES = int(os.environ.get("FOLLOWUP_JOB_RETRIES", 5))
# BLAS threads of a worker process (a web process always uses one per request).
FOLLOWUP_WORKER_BLAS_THREADS = int(os.environ.get("FOLLOWUP_WORKER_BLAS_THREADS", 1))

# Notifications and other e-mails: printed on the console unless an SMTP server is configured
# (FOLLOWUP_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and the server below).
EMAIL_BACKEND = os.environ.get(
    "FOLLOWUP_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("FOLLOWUP_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("FOLLOWUP_EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("FOLLOWUP_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("FOLLOWUP_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("FOLLOWUP_EMAIL_TLS", "") == "1"
EMAIL_USE_SSL = os.environ.get("FOLLOWUP_EMAIL_SSL", "") == "1"
EMAIL_TIMEOUT = int(os.environ.get("FOLLOWUP_EMAIL_TIMEOUT", 30))
DEFAULT_FROM_EMAIL = os.environ.get("FOLLOWUP_FROM_EMAIL", "followup@localhost")
# The address of the site as people reach it: the links in e-mails start with it.
FOLLOWUP_SITE_URL = os.environ.get("FOLLOWUP_SITE_URL", "http://127.0.0.1:8000")

# Petitions: Fernet keys for attachments at rest (comma-separated, newest first; see docs).
FOLLOWUP_PETITIONS_KEYS = os.environ.get("FOLLOWUP_PETITIONS_KEYS", "")
# Days a party has to respond, per deadline a decision opens ("key=days,key=days").
FOLLOWUP_PETITIONS_DEADLINE_DAYS = {
    key: int(days)
    for key, days in (
        pair.split("=")
        for pair in os.environ.get(
            "FOLLOWUP_PETITIONS_DEADLINE_DAYS",
            "state_response=90,more_information=30,observations=30,merits_observations=120,"
            "compliance_report=180,state_information=10",
        ).split(",")
        if pair.strip()
    )
}
# Days within which a petition received should have its initial review.
FOLLOWUP_PETITIONS_REVIEW_TARGET_DAYS = int(
    os.environ.get("FOLLOWUP_PETITIONS_REVIEW_TARGET_DAYS", 30)
)
# The consultation portal: distinct reports of abuse that hide a proposal or comment until a
# moderator decides (Decidim's default is 3), and posts allowed per account and per address
# in an hour.
FOLLOWUP_CONSULT_AUTO_HIDE_FLAGS = int(os.environ.get("FOLLOWUP_CONSULT_AUTO_HIDE_FLAGS", 3))
FOLLOWUP_CONSULT_LIMITS = {
    "proposal": int(os.environ.get("FOLLOWUP_CONSULT_PROPOSALS_PER_HOUR", 5)),
    "comment": int(os.environ.get("FOLLOWUP_CONSULT_COMMENTS_PER_HOUR", 60)),
    "flag": int(os.environ.get("FOLLOWUP_CONSULT_FLAGS_PER_HOUR", 20)),
}
