"""What the public pages show beyond model instances: page addresses, and the few shapes views make.

One module, importing neither views nor models nor template tags, so that all three can
use it: models build their get_absolute_url() here, views group what they read into the
small row types below, and the template filters format both.

Addresses: reverse() walks the URL patterns on every call (25 µs); the person page links
hundreds of films. Each pattern is reversed once, with stand-ins for its arguments, then
filled in with the arguments quoted exactly as reverse() quotes them, so the addresses
stay those of reviews/urls.py (reviews/tests/test_views_links.py compares the two).
"""

import datetime
from dataclasses import dataclass
from functools import cache
from itertools import groupby
from typing import NamedTuple
from urllib.parse import quote

from django.urls import get_script_prefix, reverse

# --- addresses ----------------------------------------------------------------------------

# What reverse() leaves unquoted in a path (django.urls.resolvers.URLResolver._reverse_with_prefix).
SAFE = "/~:@!$&'()*+,;="
STAND_INS = ("3141592653", "2718281828")  # digits and letters alike match every converter used
TAG_SEPARATOR = "+"


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


def festival_url(slug):
    return _fill("reviews:festival-detail", slug)


def edition_url(festival_slug, year):
    return _fill("reviews:edition-detail", festival_slug, year)


# The same records as JSON (reviews/views/data.py, docs/data.md): the page's address with `.json`.


def film_json_url(slug):
    return _fill("reviews:film-json", slug)


def review_json_url(film_slug, slug):
    return _fill("reviews:review-json", film_slug, slug)


def person_json_url(slug):
    return _fill("reviews:person-json", slug)


def festival_json_url(slug):
    return _fill("reviews:festival-json", slug)


def edition_json_url(festival_slug, year):
    return _fill("reviews:edition-json", festival_slug, year)


def data_url():
    return _fill("reviews:data")


def data_json_url():
    return _fill("reviews:data-json")


def data_file_url():
    return _fill("reviews:data-file")


def canonical_tags(slugs):
    """Several tags in the one order their page has: by slug, each once (crawlers see one address per set)."""
    return sorted({slug for slug in slugs if slug})


def tag_url(*slugs):
    """One tag's page, or the page of several combined, in canonical order: /tags/soviet-thaw+war/."""
    return _fill("reviews:tag-detail", TAG_SEPARATOR.join(canonical_tags(slugs)))


def films_of_country_url(code):
    return f"{_fill('reviews:film-list')}?country={quote(code)}"


# --- what views make for templates ---------------------------------------------------------


class Link(NamedTuple):
    """An address and the name it is shown by."""

    url: str
    name: str


class RelatedTag(NamedTuple):
    """A tag found together with a page's tags, and on how many films and reviews."""

    name: str
    slug: str
    shared_count: int


class EditionSummary(NamedTuple):
    """An edition as its festival's page lists it: its address, title and dates."""

    url: str
    title: str
    year: int
    start_date: datetime.date | None
    end_date: datetime.date | None


def review_title(review):
    """The headline, or a title made from the source and film: "IMDb user review of The Cranes Are Flying".

    Reads review.film and review.source: callers select_related both.
    """
    if review.headline:
        return review.headline
    source_name = review.source.name
    if source_name.lower().endswith("review"):
        return f"{source_name} of {review.film.title}"
    return f"Review of {review.film.title}"


@dataclass
class Filmography:
    """A person's credits in one role, oldest film first (rows of CreditQuerySet.filmography())."""

    role: str
    heading: str
    credits: list


def group_filmography(rows, role_labels, actor_role):
    """Filmography rows, in role order, grouped by role under a heading: "Director", "Actor"."""
    return [
        Filmography(role, "Actor" if role == actor_role else role_labels[role], list(group))
        for role, group in groupby(rows, key=lambda row: row["role"])
    ]
