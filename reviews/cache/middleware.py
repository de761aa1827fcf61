"""The page cache: whole pages for anonymous visitors, kept until what they show changes.

Place it after Django's CSP middleware (every response, cached or not, gets a fresh policy
there), right after its ConditionalGetMiddleware (which answers 304s from the validators set
here), and before any middleware that reads or changes a body (bodies leave here compressed).

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

HTTP (docs/performance.md, "HTTP: compression and revalidation"): a kept page holds its body
in every content coding (encoding.py), compressed once as it is kept, each with a strong ETag
of its own bytes; a request gets the coding it prefers, and ConditionalGetMiddleware answers a
matching If-None-Match or If-Modified-Since with a 304 (from a kept page, without the
database). A public page tells browsers to ask again before reusing it and a shared cache in
front to keep it briefly; a response that is not the same for every visitor is neither
compressed nor shared (private, no-cache) unless its view said otherwise.
"""

import hashlib
import time

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from . import encoding, keys, purging
from .store import get_store

MESSAGES_COOKIE = "messages"
# Vary values a shared entry may carry: every request served from the cache has no session or
# messages cookie, and pages that use a CSRF token set a cookie (not kept).
HARMLESS_VARY = {"cookie"}
# Kept pages are named so; a new format of CachedPage gets a new prefix, so that code never
# reads pages kept by the code before it.
PAGE_PREFIX = "page2:"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = reverse("admin:index")

    def __call__(self, request):
        purging.begin_request()
        purging.purge_unpurged()  # this thread's last writes, before anything is read
        if not self.is_public(request):
            return self.get_response(request)  # the admin: its own never-cache headers, never compressed

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
        coding = encoding.preferred(request.headers.get("Accept-Encoding", ""))
        if entry is not None:
            response = entry.value.response(coding)
            response["X-Page-Cache"] = "hit"
            return response

        with keys.recording() as shown:
            response = self.get_response(request)
        if not (is_anonymous(request) and self.is_shareable(request, response)):
            if not response.has_header("Cache-Control"):
                # Someone's own answer, or one no cache here keeps: nobody else keeps it either.
                patch_cache_control(response, private=True, no_cache=True)
            return response
        shown.add(keys.EVERYTHING)
        response["Surrogate-Key"] = keys.header_value(shown)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, public=True, max_age=0, s_maxage=settings.SHARED_CACHE_SECONDS)
        # The page cache says when a public page last changed (CachedPage.response), not the view.
        del response["Last-Modified"]
        page = CachedPage.of(response, encoding.CODINGS if store is not None else [coding])
        page.present(response, coding)
        if store is not None:
            store.write(name, page, shown, snapshot, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    def is_public(self, request):
        """A visitor's GET of a public page (what an HTTP cache in front may keep too)."""
        return request.method in ("GET", "HEAD") and not request.path.startswith(self.admin_prefix)

    def may_share(self, request):
        return settings.PAGE_CACHE_SECONDS > 0 and request.method == "GET" and is_anonymous(request)

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


def is_anonymous(request):
    """A request without a session, messages or credentials: what it gets, every visitor gets."""
    return (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
        and MESSAGES_COOKIE not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


class CachedPage:
    """A public page: its status, headers, and body in each content coding, with its ETag."""

    __slots__ = ("status", "headers", "bodies", "rendered_at")

    def __init__(self, status, headers, bodies, rendered_at):
        self.status, self.headers, self.bodies, self.rendered_at = status, headers, bodies, rendered_at

    @classmethod
    def of(cls, response, codings):
        """The page `response` holds, compressed in `codings` (those that make it smaller)."""
        bodies = {encoding.IDENTITY: response.content}
        if encoding.is_compressible(response):
            for coding in codings:
                if coding != encoding.IDENTITY:
                    compressed = encoding.compress(response.content, coding)
                    if len(compressed) < len(response.content):
                        bodies[coding] = compressed
            # The body differs with the coding, whichever one this request gets: caches must tell them apart.
            patch_vary_headers(response, ["Accept-Encoding"])
        return cls(
            response.status_code,
            tuple(response.items()),
            {coding: (body, strong_etag(body)) for coding, body in bodies.items()},
            time.time(),
        )

    def present(self, response, coding):
        """Give `response` this page's body in `coding` (or unencoded, if it has not that one)."""
        if coding not in self.bodies:
            coding = encoding.IDENTITY
        body, etag = self.bodies[coding]
        response.content = body
        response["Content-Length"] = str(len(body))
        response["ETag"] = etag
        if coding != encoding.IDENTITY:
            response["Content-Encoding"] = coding
        return response

    def response(self, coding):
        """The page as kept, in `coding`, with a Last-Modified from the time it was rendered."""
        response = self.present(HttpResponse(status=self.status, headers=dict(self.headers)), coding)
        # HTTP dates count whole seconds: the second after rendering, and not before it has come.
        # A page changed, purged and rendered again within one second then never shares its
        # Last-Modified with the page before it, which a client could not tell apart.
        last_modified = int(self.rendered_at) + 1
        if time.time() >= last_modified:
            response["Last-Modified"] = http_date(last_modified)
        return response


def strong_etag(body):
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def page_name(request):
    """One entry per scheme, host and full path with its query string."""
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return PAGE_PREFIX + hashlib.blake2b(url.encode(), digest_size=16).hexdigest()
