"""Signing in: how long an editor stays signed in, and whose address a failed attempt counts against.

Failed attempts are counted and throttled by django-axes (settings: AXES_*).

Inactivity: settings.SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST, Django's own sliding
expiry (every request of a signed-in editor pushes the end back). A ceiling, whatever the
activity: SESSION_MAX_AGE_DAYS after signing in, enforced here, since Django has none.
"""

import time

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import render

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
    """django-axes' answer to a sign-in while paused: what happened and when to try again (429)."""
    context = {
        **admin.site.each_context(request),
        "username": (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD, ""),
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "registration/locked_out.html", context, status=429)
