"""Search: one interface for the public search page and the admin, whatever the database engine.

    query = parse(request.GET.get("q", ""))        # never raises, whatever was typed
    films = find("films", query, page=1, per_page=20)  # a ResultGroup of Film objects, best first

Matching rules, the same on both engines as far as they allow (docs/search.md):
films by any of their titles and people by any of their names, in any script,
without regard to case or accents and with small misspellings forgiven (trigram
similarity); festivals by name, short name or city, and their editions by year
("cannes 1958"); reviews by the words of their headline and text, with stemming,
"quoted phrases", -exclusions and `or`.

The engine-specific work lives in `postgres.py` and `sqlite.py`; the database objects
they rely on (kept current by the database on every write, bulk paths included) in
`schema.py`.
"""

from dataclasses import dataclass, field
from math import ceil
from types import SimpleNamespace

from django.contrib.humanize.templatetags.humanize import intcomma
from django.db import connection

from reviews.models import Edition, Festival, Film, Person, Review

from . import schema
from .base import NAME_CANDIDATES, Matches
from .highlight import snippet_html
from .postgres import PostgresBackend
from .query import SearchQuery, parse
from .sqlite import SQLiteBackend

__all__ = ["KINDS", "ResultGroup", "SearchQuery", "deferred_index_maintenance", "find", "parse", "rebuild_index"]

KINDS = {
    "films": "Films",
    "people": "People",
    "festivals": "Festivals and editions",
    "reviews": "Reviews",
}


def backend():
    """The backend for the default database's engine."""
    return PostgresBackend() if connection.vendor == "postgresql" else SQLiteBackend()


@dataclass
class ResultGroup:
    """One kind's results for one page: model objects in rank order, each carrying
    `search_score`, `search_matched` (the title or name that matched) and, for reviews,
    `search_snippet` (safe HTML: escaped text, <mark> around the matches)."""

    kind: str
    items: list = field(default_factory=list)
    total: int = 0
    is_capped: bool = False
    number: int = 1
    per_page: int = 20
    # What includes/_pagination.html reads from a Django Page: the parameter name, the page count.
    param = "page"

    @property
    def paginator(self):
        return SimpleNamespace(count=self.total, num_pages=max(1, ceil(self.total / self.per_page)))

    @property
    def has_other_pages(self):
        return self.has_previous or self.has_next

    @property
    def label(self):
        return KINDS[self.kind]

    @property
    def total_label(self):
        """ "12", or "1,000+" when there were more matches than the engine ranks."""
        return f"{intcomma(self.total)}+" if self.is_capped else intcomma(self.total)

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_next(self):
        return self.number * self.per_page < self.total

    @property
    def previous_page_number(self):
        return self.number - 1

    @property
    def next_page_number(self):
        return self.number + 1

    @property
    def is_beyond_results(self):
        return not self.items and self.number > 1


def _group(kind, matches, objects, number, per_page):
    """Objects in the matches' order, carrying what matched; ones deleted meanwhile are skipped."""
    items = []
    for match in matches.items:
        obj = objects.get(match.id)
        if obj is None:
            continue
        obj.search_score = match.score
        obj.search_matched = match.matched
        obj.search_snippet = snippet_html(match.snippet) if kind == "reviews" else ""
        items.append(obj)
    total = min(matches.total, matches.cap) if matches.cap else matches.total
    return ResultGroup(kind, items, total, matches.is_capped, number, per_page)


def _words_besides_years(query):
    years = {str(year) for year in query.years}
    return [word for word in query.words if word not in years]


def _find_films(query, offset, limit):
    # "stalker 1979": the year narrows the films; "1984" alone is a title.
    years = query.years if _words_besides_years(query) else ()
    matches = backend().names("films", query, offset, limit, years=years)
    films = Film.objects.only("title", "slug", "year").in_bulk([match.id for match in matches.items])
    return matches, films


def _find_people(query, offset, limit):
    matches = backend().names("people", query, offset, limit)
    people = Person.objects.only("name", "slug", "birth_date", "death_date").in_bulk(
        [match.id for match in matches.items]
    )
    return matches, people


def _find_reviews(query, offset, limit):
    matches = backend().reviews(query, offset, limit)
    reviews = (
        Review.objects.select_related("film", "source").defer("body").in_bulk([match.id for match in matches.items])
    )
    return matches, reviews


def _find_festivals(query, number, per_page):
    """Editions of the matching festivals in the years asked for ("cannes 1958"), then the festivals.

    Festivals are few (tens, not millions): all matches are fetched and paged here.
    """
    has_words = bool(_words_besides_years(query))
    festival_matches = (
        backend().names("festivals", query, 0, NAME_CANDIDATES) if has_words else Matches(cap=NAME_CANDIDATES)
    )
    festival_ids = [match.id for match in festival_matches.items]
    festivals = Festival.objects.in_bulk(festival_ids)
    editions = []
    if query.years and (festival_ids or not has_words):
        editions = Edition.objects.select_related("festival").filter(year__in=query.years)
        if has_words:
            editions = editions.filter(festival_id__in=festival_ids)
        editions = list(editions.order_by("-year", "festival__name")[:NAME_CANDIDATES])
        rank = {festival_id: position for position, festival_id in enumerate(festival_ids)}
        editions.sort(key=lambda edition: rank.get(edition.festival_id, 0))
    for edition in editions:
        edition.search_score, edition.search_matched, edition.search_snippet = 1.0, "", ""
        edition.search_is_edition = True
    ranked_festivals = _group("festivals", festival_matches, festivals, 1, NAME_CANDIDATES).items
    for festival in ranked_festivals:
        festival.search_is_edition = False
    everything = editions + ranked_festivals
    start = (number - 1) * per_page
    return ResultGroup(
        "festivals", everything[start : start + per_page], len(everything), festival_matches.is_capped, number, per_page
    )


FINDERS = {"films": _find_films, "people": _find_people, "reviews": _find_reviews}


def find(kind, query, page=1, per_page=20):
    """One page of `kind` results for a parsed query; an empty query finds nothing and asks nothing
    of the database."""
    if query.is_empty:
        return ResultGroup(kind, number=page, per_page=per_page)
    if kind == "festivals":
        return _find_festivals(query, page, per_page)
    matches, objects = FINDERS[kind](query, (page - 1) * per_page, per_page)
    return _group(kind, matches, objects, page, per_page)


def matching_ids(kind, query):
    """For the admin: the ids of every film, person or review (drafts included) matching, as
    something `pk__in` takes (a subquery or a list)."""
    if kind == "reviews":
        return backend().review_ids(query)
    return backend().name_ids(kind, query)


def rebuild_index():
    """Recompute the whole search index from the data, putting back any missing trigger or index.

    Needed only after writes that went around the database's own maintenance (triggers
    disabled for a bulk load, a table rebuilt by a migration on SQLite).
    """
    schema.rebuild()


def deferred_index_maintenance():
    """A context manager for bulk loads (COPY or bulk_create of many rows): the index is brought
    up to date once, at the end, instead of row by row. See schema.deferred()."""
    return schema.deferred()
