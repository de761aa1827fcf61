"""Signing in: how long an editor stays signed in, and whose address a failed attempt counts against.

Failed attempts are counted and throttled by django-axes (settings: AXES_*).

Inactivity: settings.SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST, Django's own sliding
expiry (every request of a signed-in editor pushes the end back). A ceiling, whatever the
activity: SESSION_MAX_AGE_DAYS after signing in, enforced here, since Django has none.
"""

import time

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse

SIGNED_IN_AT = "signed_in_at"  # session key: when the editor signed in, in seconds since the epoch


@receiver(user_logged_in)
def remember_sign_in(sender, request, user, **kwargs):
    request.session[SIGNED_IN_AT] = int(time.time())


class SessionCeilingMiddleware:
    """Signs out an editor whose sign-in is older than SESSION_MAX_AGE_DAYS (after AuthenticationMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            signed_in_at = request.session.setdefault(SIGNED_IN_AT, int(time.time()))
            if time.time() - signed_in_at > settings.SESSION_MAX_AGE_DAYS * 86400:
                # The admin then asks to sign in again, and comes back to the page asked for.
                logout(request)
        return self.get_response(request)


def client_address(request):
    """The address django-axes counts failed sign-ins against.

    Behind our proxy (DJANGO_BEHIND_PROXY) the last X-Forwarded-For entry, the one the proxy
    appended itself: earlier entries are whatever the client sent, and would let it pick a new
    address for every attempt.
    """
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.rsplit(",", 1)[-1].strip()
    return request.META.get("REMOTE_ADDR")


def locked_out(request, original_response=None, credentials=None):
    """The answer to a sign-in while paused: what happened and when to try again (429).

    Also django-axes' (AXES_LOCKOUT_CALLABLE), for the attempt that reaches the limit. Rendered
    without the request: no session, no user, no admin menu to build."""
    context = {
        "username": (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD, ""),
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return HttpResponse(render_to_string("registration/locked_out.html", context), status=429)


class SignInGateMiddleware:
    """Refuses a sign-in attempt while its account or address is paused, before anything else runs.

    django-axes itself refuses a paused attempt in its authentication backend, before any password
    is hashed, but only after the session, CSRF check, login form and a write of the failure: about
    as costly as a page. Here, early in the middleware, the same question costs two small queries,
    and a pause once seen is remembered by the worker for a few seconds (an administrator's unlock
    takes that long to reach it), so a flood of wrong passwords cannot take the public site's
    workers (docs/editors.md has the figures).
    """

    REMEMBERED_SECONDS = 5
    REMEMBERED_MOST = 10_000  # pauses remembered at once; beyond, forget them all

    def __init__(self, get_response):
        self.get_response = get_response
        self.paused_until = {}  # (username, address) → time.monotonic() until which to refuse unasked

    def __call__(self, request):
        if request.method == "POST" and request.path_info == reverse("admin:login"):
            username = request.POST.get(settings.AXES_USERNAME_FORM_FIELD, "")
            if self.is_paused(request, username):
                return locked_out(request, credentials={settings.AXES_USERNAME_FORM_FIELD: username})
        return self.get_response(request)

    def is_paused(self, request, username):
        key = (username, client_address(request))
        now = time.monotonic()
        if self.paused_until.get(key, 0) > now:
            return True
        if not AxesProxyHandler.is_locked(request, {settings.AXES_USERNAME_FORM_FIELD: username}):
            return False
        if len(self.paused_until) >= self.REMEMBERED_MOST:
            self.paused_until.clear()
        self.paused_until[key] = now + self.REMEMBERED_SECONDS
        return True
