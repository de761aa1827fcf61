"""Addresses of the public pages, for the long lists that link hundreds of them.

reverse() walks the URL patterns on every call, about 40 µs: 15 ms for the 400 films of
a busy actor's page. Here each pattern is reversed once, with stand-ins for its
arguments, and then filled in with the arguments quoted exactly as reverse() quotes
them, so the addresses stay those of reviews/urls.py (the tests compare the two).
"""

from functools import cache
from urllib.parse import quote

from django.urls import get_script_prefix, reverse

# What reverse() leaves unquoted in a path (django.urls.resolvers.URLResolver._reverse_with_prefix).
SAFE = "/~:@!$&'()*+,;="
STAND_INS = ("3141592653", "2718281828")  # digits and letters alike match every converter used


@cache
def _template(name, arity, script_prefix):
    # Keyed on the script prefix, which reverse() puts in front and may differ between sites.
    path = reverse(name, args=STAND_INS[:arity])
    parts = [path]
    for stand_in in STAND_INS[:arity]:
        head, _, tail = parts.pop().partition(stand_in)
        parts += [head, tail]
    return tuple(parts)


def _fill(name, *args):
    parts = _template(name, len(args), get_script_prefix())
    pieces = [parts[0]]
    for arg, part in zip(args, parts[1:], strict=True):
        pieces += [quote(str(arg), safe=SAFE), part]
    return "".join(pieces)


def film_url(slug):
    return _fill("reviews:film-detail", slug)


def review_url(film_slug, slug):
    return _fill("reviews:review-detail", film_slug, slug)


def person_url(slug):
    return _fill("reviews:person-detail", slug)


def edition_url(festival_slug, year):
    return _fill("reviews:edition-detail", festival_slug, year)


def tag_url(*slugs):
    """One tag's page, or the page of several combined: /tags/soviet-thaw+war/."""
    return _fill("reviews:tag-detail", "+".join(slugs))
