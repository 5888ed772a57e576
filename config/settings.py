"""Project settings: one module, every knob from the environment (.env.example lists them)."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Local runs default to DEBUG; production sets DJANGO_DEBUG=0 and must then provide a secret key.
DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105 - only ever used with DEBUG on

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "simple_history",
    "django_celery_beat",
    "apps.core",
    "apps.deployments",
    "apps.ingest",
    "apps.curation",
    "apps.dashboards",
    "apps.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "apps.core.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "apps.core.middleware.ContentSecurityPolicyMiddleware",
    "apps.core.throttle.AdminLoginThrottleMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# SQLite is the embedded default; DATABASE_URL=postgres://... switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Waiting on a lock beats failing with "database is locked" when a task writes during a request.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 30

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when CACHE_URL is set; otherwise a file cache, shared by every local process so that
# invalidation after an import reaches all of them.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL:
    # Django's Redis backend with its client built once per pool instead of per operation (apps.core.redis_cache).
    CACHES = {"default": {"BACKEND": "apps.core.redis_cache.RedisCache", "LOCATION": CACHE_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / ".cache" / "django")),
        }
    }
# Whole responses of the dashboards and the series API (apps.core.response_cache), keyed by the data version;
# 0 stores nothing (pages are then rendered on every request from the cached payloads).
RESPONSE_CACHE_SECONDS = int(os.environ.get("RESPONSE_CACHE_SECONDS", str(6 * 3600)))
# Seconds a process may reuse the data version it read: an import or edit made by another process shows after at
# most this long (edits through this process at once). 0 = read it on every request (one query + one cache read;
# at 50 connections on 2 CPUs that halved to quartered throughput: bench/README.md, HTTP load).
RESPONSE_CACHE_VERSION_SECONDS = float(os.environ.get("RESPONSE_CACHE_VERSION_SECONDS", "1"))
# Cache-Control max-age of those responses; 0 = clients revalidate every time (ETag → 304), so imports show at once.
RESPONSE_CACHE_MAX_AGE = int(os.environ.get("RESPONSE_CACHE_MAX_AGE", "0"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Where `collectstatic` writes and, with DEBUG off, the only place static files are served from (whitenoise, or
# nginx from the same directory): production runs collectstatic before starting (README, Dockerfile, compose).
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # gzip + brotli copies and content-hashed names with a long cache after collectstatic; plain names before it.
    "staticfiles": {"BACKEND": "apps.dashboards.storage.StaticStorage"},
}
# Serve straight from the finders without collectstatic when running locally.
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"

LOGIN_URL = "admin:login"
# After this many failed admin logins for one username from one address within the window, the login page
# answers 429 until the window passes (apps.core.throttle).
ADMIN_LOGIN_MAX_ATTEMPTS = int(os.environ.get("ADMIN_LOGIN_MAX_ATTEMPTS", "5"))
ADMIN_LOGIN_WINDOW_SECONDS = int(os.environ.get("ADMIN_LOGIN_WINDOW_SECONDS", "900"))
# After this many failed logins for one username from any addresses within the window, that account refuses logins
# until the window passes (guessing from many addresses). Above the per-address limit, so one person mistyping is
# stopped by that one first; an attacker can lock an account out for a window, never get in.
ADMIN_LOGIN_ACCOUNT_MAX_ATTEMPTS = int(os.environ.get("ADMIN_LOGIN_ACCOUNT_MAX_ATTEMPTS", "20"))

# --- Security (production: DJANGO_DEBUG=0) -----------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
# Scripts only from our own origin on every page; the API docs (sidecar bundles) boot from inline scripts.
CONTENT_SECURITY_POLICY = os.environ.get("DJANGO_CSP", "") or None
CSP_RELAXED_PATHS = ("/api/v1/docs/", "/api/v1/redoc/")
# Reverse proxies of ours in front of the app (nginx, a load balancer), each appending to X-Forwarded-For.
# 0 = none: throttles key on the peer address and ignore X-Forwarded-For, which the client can forge.
# N: the client is the Nth address from the right of X-Forwarded-For (apps.core.proxies.client_address).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# Trust X-Forwarded-Proto only from a proxy of ours (by default: whenever there is one).
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", TRUSTED_PROXY_COUNT > 0)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None

# --- Celery ---------------------------------------------------------------------------------------
# No broker configured = the embedded default: tasks run inline, in the caller's process.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = int(os.environ.get("CELERY_TASK_TIME_LIMIT", "300"))
CELERY_TASK_SOFT_TIME_LIMIT = int(os.environ.get("CELERY_TASK_SOFT_TIME_LIMIT", "240"))
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Publishing gives up within seconds when the broker is down or unreachable: the article is already stored,
# the API answers 503 and the sweep below sends it later (apps.ingest.dispatch), instead of a hung request.
_broker_timeout = float(os.environ.get("CELERY_BROKER_TIMEOUT", "3"))
CELERY_BROKER_CONNECTION_TIMEOUT = _broker_timeout
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Redis: a task taken by a worker that then died (SIGKILL, OOM, lost host) goes back to the queue after
    # this many seconds (default 1 h). Longer than any task run and retry countdown (retry_backoff_max 600 s):
    # a task still running when it passes is delivered again, and that copy does nothing.
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "900")),
    # How often each worker looks for such tasks (kombu's default is about every 100 s).
    "unacked_restore_interval": int(os.environ.get("CELERY_RESTORE_INTERVAL", "30")),
    "unacked_restore_throttle": 1,
    "socket_connect_timeout": _broker_timeout,
    "socket_timeout": max(5.0, _broker_timeout),  # a broker hung, or gone without closing the connection
}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "poll-due-feeds": {"task": "apps.ingest.tasks.sources_poll_due", "schedule": 300.0},
    "requeue-stale-articles": {"task": "apps.ingest.tasks.articles_requeue_stale", "schedule": 120.0},
}
# The sweep sends again a queued article whose task has not run after this many minutes (the broker lost it,
# or the process died between storing the article and sending its task); a task run twice adds nothing.
INGEST_REQUEUE_AFTER_MINUTES = float(os.environ.get("INGEST_REQUEUE_AFTER_MINUTES", "30"))

# --- REST framework ------------------------------------------------------------------------------
API_PUBLIC_READS = env_bool("API_PUBLIC_READS", True)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # TokenAuthentication that refuses an address with 429 after too many invalid tokens.
        "apps.api.authentication.LimitedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["apps.api.permissions.ReadPublicWriteWithPermission"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        # One cache round trip per request (apps.api.throttles), DRF's rates and 429 + Retry-After.
        "apps.api.throttles.AnonThrottle",
        "apps.api.throttles.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON", "600/min"),
        "user": os.environ.get("API_THROTTLE_USER", "3000/min"),
        "submit": os.environ.get("API_THROTTLE_SUBMIT", "60/min"),
    },
    "EXCEPTION_HANDLER": "apps.api.errors.exception_handler",
    # The same proxy count as the admin login throttle, so DRF's get_ident picks the same client address.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
# After this many requests with an invalid token from one address within the window, every token request from
# that address gets 429 until the window passes (a valid token too: it cannot be told apart from a lucky guess).
API_TOKEN_MAX_FAILURES = int(os.environ.get("API_TOKEN_MAX_FAILURES", "10"))
# Contributions CSV exports streaming at once across all processes (apps.api.exports); one more gets 503 with
# Retry-After. Below gunicorn's workers x threads (2 x 4), so exports never hold every thread.
API_CSV_EXPORTS_CONCURRENT = int(os.environ.get("API_CSV_EXPORTS_CONCURRENT", "2"))
API_TOKEN_FAILURE_WINDOW_SECONDS = int(os.environ.get("API_TOKEN_FAILURE_WINDOW_SECONDS", "900"))
SPECTACULAR_SETTINGS = {
    "TITLE": "UN peacekeeping contributions API",
    "DESCRIPTION": "Official UN uniformed personnel by country, mission, personnel type and gender, "
    "UN gender-parity targets, and figures reported in the news with their sources.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"

# --- Ingestion -----------------------------------------------------------------------------------
INGEST_ALLOW_PRIVATE_URLS = env_bool("INGEST_ALLOW_PRIVATE_URLS", False)
INGEST_FETCH_TIMEOUT = float(os.environ.get("INGEST_FETCH_TIMEOUT", "15"))
INGEST_MAX_BYTES = int(os.environ.get("INGEST_MAX_BYTES", str(5 * 1024 * 1024)))
# Request bodies may hold the largest article as escaped JSON or a form field, plus the other fields; larger
# bodies get 413 from their declared length before anything reads them (apps.core.middleware.request_max_bytes:
# DRF's parsers do not check DATA_UPLOAD_MAX_MEMORY_SIZE, and file uploads are not counted in it).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * INGEST_MAX_BYTES + 64 * 1024
INGEST_MAX_ATTEMPTS = int(os.environ.get("INGEST_MAX_ATTEMPTS", "5"))
# A feed entry whose content has at least this many characters of text is taken as the article (no page fetch);
# shorter content is a teaser and the entry's page is fetched.
INGEST_FEED_MIN_CONTENT_CHARS = int(os.environ.get("INGEST_FEED_MIN_CONTENT_CHARS", "400"))

# --- First run -----------------------------------------------------------------------------------
SNAPSHOT_DIR = BASE_DIR / "data"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
