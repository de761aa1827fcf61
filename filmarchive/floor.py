"""The floor of `make bench`: the cheapest page Django can serve through this site's stack.

A fixed page, no template, no database: what is left of a request's cost is the server,
the middleware and the framework. Every page's throughput is compared to it. It answers
only when DJANGO_BENCH_FLOOR is on, and is never cached, so it measures the framework
rather than the page cache.
"""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache

FLOOR_PAGE = (
    '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Floor</title></head>\n'
    "<body><p>The benchmark floor: a fixed page.</p></body>\n</html>\n"
)


@never_cache
def bench_floor(request):
    if not settings.BENCH_FLOOR:
        raise Http404("The benchmark floor is off.")
    return HttpResponse(FLOOR_PAGE)
