"""Whole-page cache for anonymous visitors, invalidated the moment the archive changes.

What is cached: complete GET responses (200, and 404 briefly) for requests that carry
no session or messages cookie, outside the admin. What a visitor gets is what anyone
without a session gets, so one entry serves them all; logged-in editors always see
live pages.

Invalidation: a *content version* (a random token) is bumped after every committed
write to a table of the `reviews` or `taggit` apps, and every entry remembers the
token it was rendered under; an entry with another token is a miss. Writes are seen
at the database-cursor level (an execute wrapper on every connection), so bulk paths
(`bulk_create`, `QuerySet.update()`, deletes, the importer, flushes) count as much as
`save()`; only writes that bypass Django's cursor (psycopg's COPY) must call
`bump_content_version()` themselves. Publication times in the future are honoured too:
the version also carries the next scheduled publication, and is renewed once it passes.

Where the version lives: with the pages in Redis when the cache is Redis (shared by
every worker and host), else in a small file every worker on this machine reads
(`PAGE_CACHE_VERSION_FILE`), since a process-local cache cannot tell other workers.

CSP: the cache sits inside ContentSecurityPolicyMiddleware, which stamps its header on
every response, cached or not. A page whose rendering used the CSP nonce is never
cached: replaying it would hand one nonce to every visitor (and mismatch the header).
The public templates use no inline script or style, so their policy is 'self' only.
"""

import hashlib
import os
import re
import secrets
import tempfile
import time
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.urls import reverse
from django.utils import timezone

VERSION_KEY = "page-cache:content-version"
CONTENT_APPS = ("reviews", "taggit")
# The cookies that change what a page shows: a session (logged in) and pending messages.
MESSAGES_COOKIE = "messages"
# Vary values a shared entry may carry: every request served from the cache has no
# session or messages cookie, and pages that use a CSRF token set a cookie (not cached).
HARMLESS_VARY = {"cookie"}
WRITE_STATEMENT = re.compile(r'\s*(?:insert\s+into|update|delete\s+from)\s+"?([\w.]+)', re.IGNORECASE)


@dataclass(frozen=True)
class ContentVersion:
    token: str
    refresh_at: float | None  # epoch seconds of the next scheduled publication, if any

    @property
    def is_due(self):
        return self.refresh_at is not None and time.time() >= self.refresh_at


# --- the content version -------------------------------------------------------------


def current_version():
    """The content version pages are cached under; renewed when a scheduled publication is due."""
    return _renewed_if_due(_read_version())


def _renewed_if_due(version):
    return bump_content_version() if version is None or version.is_due else version


def bump_content_version():
    """Make every cached page stale. Call after writes that bypass Django's cursor (COPY)."""
    version = ContentVersion(secrets.token_hex(8), _next_publication())
    path = settings.PAGE_CACHE_VERSION_FILE
    if path:
        # Write then rename, so a worker never reads half a file.
        directory = os.path.dirname(path)
        with tempfile.NamedTemporaryFile("w", dir=directory, prefix=".content-version.", delete=False) as file:
            file.write(f"{version.token} {version.refresh_at or ''}")
        os.replace(file.name, path)
    else:
        caches[settings.PAGE_CACHE_ALIAS].set(VERSION_KEY, version, timeout=None)
    return version


def _read_version():
    path = settings.PAGE_CACHE_VERSION_FILE
    if not path:
        return caches[settings.PAGE_CACHE_ALIAS].get(VERSION_KEY)
    try:
        with open(path) as file:
            token, _, refresh_at = file.read().partition(" ")
    except FileNotFoundError:
        return None
    return ContentVersion(token, float(refresh_at) if refresh_at else None)


def _next_publication():
    """When the next review scheduled for the future becomes public (it changes pages then)."""
    from reviews.models import Review

    when = (
        Review.objects.filter(status=Review.Status.PUBLISHED, published_at__gt=timezone.now())
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return when.timestamp() if when else None


# --- seeing writes ---------------------------------------------------------------------


@cache
def content_tables():
    """The tables whose rows public pages show: every model of the content apps, m2m tables included."""
    return frozenset(
        model._meta.db_table
        for label in CONTENT_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    )


def bump_content_version_on_commit(using=DEFAULT_DB_ALIAS):
    """Bump the content version once the current transaction commits (at once outside one).

    For writes the cursor watch cannot see (COPY through the driver). Once per transaction,
    after it commits: a page rendered before the commit must not be stored under the new
    version. A rolled-back savepoint drops the callback with it, so the check below finds
    none and a later write adds one.
    """
    if not any(callback is bump_content_version for _, callback, _ in connections[using].run_on_commit):
        transaction.on_commit(bump_content_version, using=using)


def _watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if isinstance(sql, str) and _changes_content(sql):
        bump_content_version_on_commit(context["connection"].alias)
    return result


def _changes_content(sql):
    head = sql[:1]
    if head in "tT":
        return sql.lstrip()[:8].upper() == "TRUNCATE"  # flushes (tests, `manage.py flush`)
    if head not in "iIuUdD":
        return False
    match = WRITE_STATEMENT.match(sql)
    return bool(match) and match[1].strip('"') in content_tables()


def _install(connection, **kwargs):
    # First in the list: `execute_wrapper()` context managers pop the last entry on exit.
    if _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _watch_writes)


def watch_content_writes():
    """Bump the content version after every committed write to the archive's tables. Idempotent;
    ReviewsConfig.ready() calls it, so every process that loads the app watches its writes."""
    connection_created.connect(_install, dispatch_uid="reviews.caching.watch_content_writes")
    for connection in connections.all(initialized_only=True):
        _install(connection)


# --- the middleware --------------------------------------------------------------------


@dataclass(frozen=True)
class CachedPage:
    token: str
    status: int
    headers: tuple
    content: bytes

    def response(self):
        response = HttpResponse(self.content, status=self.status, headers=dict(self.headers))
        response["X-Page-Cache"] = "hit"
        return response


class AnonymousPageCacheMiddleware:
    """Serves anonymous GETs from the page cache; place it right after the CSP middleware."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = reverse("admin:index")

    def __call__(self, request):
        if not self.serves(request):
            return self.get_response(request)
        page_cache = caches[settings.PAGE_CACHE_ALIAS]
        key = page_key(request)
        if settings.PAGE_CACHE_VERSION_FILE:
            version, entry = current_version(), page_cache.get(key)
        else:  # the version lives with the pages: one round trip for both
            found = page_cache.get_many([VERSION_KEY, key])
            version, entry = _renewed_if_due(found.get(VERSION_KEY)), found.get(key)
        if entry is not None and entry.token == version.token:
            return entry.response()

        response = self.get_response(request)
        timeout = self.timeout(request, response, version)
        if timeout:
            headers = tuple((name, value) for name, value in response.items())
            page_cache.set(key, CachedPage(version.token, response.status_code, headers, response.content), timeout)
            response["X-Page-Cache"] = "miss"
        return response

    def serves(self, request):
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method == "GET"
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and MESSAGES_COOKIE not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META
            and not request.path.startswith(self.admin_prefix)
            # Inside a transaction a page may show rows that are never committed, and the
            # version is bumped only on commit (tests run inside one, so they see live pages).
            and not connections[DEFAULT_DB_ALIAS].in_atomic_block
        )

    def timeout(self, request, response, version):
        """Seconds to keep `response`, or 0 when it must not be shared."""
        if response.status_code == 200:
            seconds = settings.PAGE_CACHE_SECONDS
        elif response.status_code == 404:
            seconds = settings.PAGE_CACHE_NOT_FOUND_SECONDS
        else:
            return 0
        cache_control = response.get("Cache-Control", "").lower()
        vary = {value.strip().lower() for value in response.get("Vary", "").split(",") if value.strip()}
        if (
            response.streaming
            or response.cookies
            or any(word in cache_control for word in ("private", "no-store", "no-cache"))
            or not vary <= HARMLESS_VARY
            or get_nonce(request)  # true once the page used the nonce
        ):
            return 0
        if version.refresh_at is not None:
            seconds = min(seconds, max(1, int(version.refresh_at - time.time())))
        return seconds


def page_key(request):
    """One entry per scheme, host and full path with its query string."""
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return "page-cache:page:" + hashlib.blake2b(url.encode(), digest_size=16).hexdigest()
