"""The page cache: whole pages for anonymous visitors, kept until what they show changes.

Place it right after Django's CSP middleware (every response, cached or not, gets a fresh
policy there).

Every request records what its page shows (reviews/cache/keys.py); a public page goes out
with those keys in its `Surrogate-Key` header (Fastly's name; Varnish's xkey module reads
the same list once VCL copies it: `set beresp.http.xkey = beresp.http.Surrogate-Key;`),
and, with a store, is kept under them for visitors without a session. A committed write purges exactly the pages showing
what it changed (reviews/cache/purging.py), so a page is never served after an edit to
what it shows, while every other page stays cached.

What is kept: complete GET responses with status 200 for requests that carry no session,
messages cookie or credentials, outside the admin. Not kept: responses that set a cookie,
forbid caching (`Cache-Control` private, no-store, no-cache), vary on anything but
`Cookie`, or used the CSP nonce (replaying one nonce to every visitor would defeat it; the
public templates use no inline script or style). Editors, signed in, always get live pages.

Scheduled reviews are published by the first request after their time (one cheap update),
before it looks in the cache.
"""

import hashlib

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.urls import reverse

from . import keys, purging
from .store import get_store

MESSAGES_COOKIE = "messages"
# Vary values a shared entry may carry: every request served from the cache has no session or
# messages cookie, and pages that use a CSRF token set a cookie (not kept).
HARMLESS_VARY = {"cookie"}


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = reverse("admin:index")

    def __call__(self, request):
        purging.begin_request()
        purging.purge_unpurged()  # this thread's last writes, before anything is read
        if not self.is_public(request):
            return self.get_response(request)

        # Inside a transaction a page may show rows that are never committed, and purges run only
        # on commit: nothing is read or kept (tests run inside one, so they see live pages).
        in_transaction = connections[DEFAULT_DB_ALIAS].in_atomic_block
        store = None if in_transaction else get_store()
        name = page_name(request)
        entry, snapshot, next_publication = store.read(name) if store else (None, None, None)
        if not in_transaction and purging.publish_if_due(next_publication):
            entry, snapshot = None, store and store.snapshot()
        if not self.may_share(request):
            store = entry = None
        if entry is not None:
            return cached_response(entry.value)

        with keys.recording() as shown:
            response = self.get_response(request)
        if not self.is_shareable(request, response):
            return response
        shown.add(keys.EVERYTHING)
        response["Surrogate-Key"] = keys.header_value(shown)
        if store is not None:
            page = CachedPage(response.status_code, tuple(response.items()), response.content)
            store.write(name, page, shown, snapshot, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    def is_public(self, request):
        """A visitor's GET of a public page (what an HTTP cache in front may keep too)."""
        return request.method in ("GET", "HEAD") and not request.path.startswith(self.admin_prefix)

    def may_share(self, request):
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method == "GET"
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and MESSAGES_COOKIE not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META
        )

    def is_shareable(self, request, response):
        """Whether `response` is the same for every visitor without a session, and may be kept."""
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        cache_control = response.get("Cache-Control", "").lower()
        vary = {value.strip().lower() for value in response.get("Vary", "").split(",") if value.strip()}
        return not (
            any(word in cache_control for word in ("private", "no-store", "no-cache"))
            or not vary <= HARMLESS_VARY
            or get_nonce(request)  # true once the page used the nonce
        )


class CachedPage:
    __slots__ = ("status", "headers", "content")

    def __init__(self, status, headers, content):
        self.status, self.headers, self.content = status, headers, content


def cached_response(page):
    response = HttpResponse(page.content, status=page.status, headers=dict(page.headers))
    response["X-Page-Cache"] = "hit"
    return response


def page_name(request):
    """One entry per scheme, host and full path with its query string."""
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return "page:" + hashlib.blake2b(url.encode(), digest_size=16).hexdigest()
