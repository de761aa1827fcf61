"""What crawlers ask for at the site's root: /robots.txt and /favicon.ico (the sitemaps are reviews/sitemaps.py)."""

from functools import cache

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

DAY = 60 * 60 * 24


@require_safe
@cache_control(public=True, max_age=DAY)
def robots_txt(request):
    # Absolute, as robots.txt requires, and of the host asked (the page cache keeps one per host).
    sitemap_url = request.build_absolute_uri(reverse("reviews:sitemap-index"))
    return render(request, "robots.txt", {"sitemap_url": sitemap_url}, content_type="text/plain; charset=utf-8")


@cache
def _favicon():
    with open(finders.find("img/favicon.ico"), "rb") as icon:
        return icon.read()


@require_safe
@cache_control(public=True, max_age=DAY)
def favicon(request):
    """The site's icon (made by scripts/make_favicon.py) where browsers and crawlers look for it first."""
    return HttpResponse(_favicon(), content_type="image/x-icon")
