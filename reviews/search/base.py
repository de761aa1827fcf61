"""What every search backend returns, and the limits they share."""

from dataclasses import dataclass, field

from django.db import connection

from reviews.models import Review

# Reviews: only this many matches (in the index's order) are ranked. Ranking a million
# matches of a common word would take seconds; the count shows as "1,000+".
REVIEW_CANDIDATES = 1000
# Names: at most this many matching rows per source table (titles, other titles, ...).
NAME_CANDIDATES = 100
# pg_trgm's default strict word similarity threshold; SQLite applies the same one.
NAME_THRESHOLD = 0.5


@dataclass(frozen=True)
class Match:
    """One entity that matched: its id, how well, which of its names matched, and for
    reviews a snippet with the matches between highlight markers."""

    id: int
    score: float
    matched: str = ""
    snippet: str = ""


@dataclass(frozen=True)
class Matches:
    """A page of matches, best first, and how many there are in all (at most `cap` + 1)."""

    items: list[Match] = field(default_factory=list)
    total: int = 0
    cap: int | None = None

    @property
    def is_capped(self):
        return self.cap is not None and self.total > self.cap


def published_condition():
    """The SQL condition (and its parameters) for reviews visitors may see, on the table
    reviews_review, compiled from Review.objects.published(): the one visibility rule."""
    query = Review.objects.published().query
    return query.get_compiler(connection=connection).compile(query.where)


class SearchBackend:
    """The interface views and admin use; one subclass per database engine.

    `kind` is "films", "people" or "festivals". Every method takes a parsed, non-empty
    SearchQuery and runs one SQL query whatever the size of the data.
    """

    def names(self, kind, query, offset, limit, years=()):
        """Entities of `kind` with a name or title like the query's words, best first.
        `years`, for films, keeps only films of those years."""
        raise NotImplementedError

    def name_ids(self, kind, query):
        """Ids of every entity of `kind` matching (for the admin), usable in `pk__in`."""
        raise NotImplementedError

    def reviews(self, query, offset, limit):
        """Published reviews matching the query, best first, with snippets for this page only."""
        raise NotImplementedError

    def review_ids(self, query):
        """Ids of every review (drafts included: for the admin) matching, usable in `pk__in`."""
        raise NotImplementedError
