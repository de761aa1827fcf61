"""Settings for the film archive.

Every knob is read from the environment. Local development (DJANGO_DEBUG=true)
gets safe defaults; production (the default, debug off) refuses to start
without a secret key and allowed hosts.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=None):
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(
            f"set the {name} environment variable (production settings; for local use, set DJANGO_DEBUG=true)."
        )
    return value


def env_bool(name, default="false"):
    return env(name, default).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=None):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = env("DJANGO_SECRET_KEY", "dev-only-insecure-key" if DEBUG else None)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else None)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "reviews.apps.ArchiveAdminConfig",  # Django's admin, its home page the editors' dashboard
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "reviews.apps.TagsConfig",  # django-taggit, named "Tags" in the admin
    "axes",
    "reversion",
    "reviews",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # A sign-in attempt while paused is refused here, before sessions and CSRF (filmarchive/signin.py).
    "filmarchive.signin.SignInGateMiddleware",
    # Answers If-None-Match / If-Modified-Since with a 304 from the ETag and Last-Modified the page
    # cache gives public pages (a kept page's 304 needs no database); other pages get an ETag here.
    "django.middleware.http.ConditionalGetMiddleware",
    # Inside CSP (every response gets a fresh policy) and before sessions and auth, which a hit skips.
    # It also compresses public pages (once, as it keeps them): nothing below may change a body.
    "reviews.cache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "filmarchive.signin.SessionCeilingMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it answers a locked-out sign-in with the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "filmarchive.urls"
WSGI_APPLICATION = "filmarchive.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite is the embedded default; DATABASE_URL picks PostgreSQL in production.
LOCAL_DATA_DIR = BASE_DIR / "var"
LOCAL_DATA_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{LOCAL_DATA_DIR / 'archive.sqlite3'}"),
        conn_max_age=int(env("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while an import writes; IMMEDIATE avoids
        # "database is locked" upgrades from read to write transactions.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The page cache (reviews/cache/) keeps pages and costly figures in Redis, shared by every
# worker and host, and purges exactly what each committed write changes. Without REDIS_URL
# nothing is kept: every page is rendered (fine for one developer, not for a large archive).
REDIS_URL = env("REDIS_URL", "")
# Keys of this site in Redis begin so (several sites, or test runs, may share a server).
PAGE_CACHE_KEY_PREFIX = env("DJANGO_PAGE_CACHE_PREFIX", "filmarchive")
# How long a page may be kept; edits purge it at once. 0 turns the page cache off (`make bench`
# measures pages both ways).
PAGE_CACHE_SECONDS = int(env("DJANGO_PAGE_CACHE_SECONDS", "3600"))
# How long an HTTP cache in front (Varnish, a CDN) may keep a public page without asking again
# (its s-maxage; browsers always ask again, and get a 304 while the page stands). Nothing purges
# such a cache yet, so this is how late it may show an edit.
SHARED_CACHE_SECONDS = int(env("DJANGO_SHARED_CACHE_SECONDS", "60"))
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# The longest review text the archive takes, in bytes of UTF-8 (the importer refuses larger
# files, the admin larger texts): a page of 50 MB, searched, would hold up every search.
REVIEW_MAX_BYTES = int(env("DJANGO_REVIEW_MAX_BYTES", str(1024 * 1024)))

# The site's public address, for addresses written without a request: the bulk download's
# (`manage.py export_public_data`, docs/data.md), e.g. https://films.example.org.
SITE_URL = env("DJANGO_SITE_URL", "")

# The floor of `make bench` (filmarchive/floor.py): a fixed page through the whole stack.
BENCH_FLOOR = env_bool("DJANGO_BENCH_FLOOR")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Signing in (docs/editors.md). django-axes counts failed sign-ins per account and per address
# and, past the limit, refuses further attempts for a while before any password is hashed:
# its backend comes first and answers a locked-out attempt itself.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(env("DJANGO_SIGNIN_FAILURE_LIMIT", "5"))
# Locked out for a while, never for good; an administrator can lift it at once (axes_reset).
AXES_COOLOFF_TIME = timedelta(minutes=int(env("DJANGO_SIGNIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either: one account, or one address
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "filmarchive.signin.locked_out"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "filmarchive.signin.client_address"

# An editor's session ends after this long without a request, and at the latest this many days
# after signing in (filmarchive/signin.py).
SESSION_COOKIE_AGE = int(env("DJANGO_SESSION_IDLE_MINUTES", "120")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_MAX_AGE_DAYS = float(env("DJANGO_SESSION_MAX_DAYS", "7"))

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # The bulk download of everything public (docs/data.md), written by `manage.py export_public_data`.
    # Files are replaced whole; an object storage (django-storages) may take its place.
    "downloads": {
        "BACKEND": "reviews.downloads.DownloadStorage",
        "OPTIONS": {"location": env("DJANGO_DOWNLOADS_DIR", str(LOCAL_DATA_DIR / "downloads"))},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Hashed names never change content, so browsers may keep them for a year.
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365 if not DEBUG else 0

TAGGIT_CASE_INSENSITIVE = True

# A strict policy from day one: no inline script or style anywhere, the admin
# included (Django's admin templates carry CSP nonces for what they inline).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# A reverse proxy in front sets X-Forwarded-Proto and appends to X-Forwarded-For.
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY")

if not DEBUG:
    # Production sits behind TLS. `make serve` turns the redirect and secure
    # cookies off explicitly to serve plain HTTP on localhost.
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", "true")
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", "true")
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_HSTS_SECONDS = int(env("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if BEHIND_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "WARNING")},
}
