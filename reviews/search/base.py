"""What every search backend returns, and the limits they share."""

from dataclasses import dataclass, field

from .query import WORD

# Reviews: only this many matches (in the index's order) are ranked. Ranking a million
# matches of a common word would take seconds; the count shows as "1,000+".
REVIEW_CANDIDATES = 1000
# Names: at most this many matching rows per source table (titles, other titles, ...).
NAME_CANDIDATES = 100
# Names: the strict word similarity (pg_trgm's, which SQLite computes the same way) a name must
# reach. One wrong letter in a word of LONG_NAME_WORD letters or more leaves 0.5 ("Uresevsky" ~
# Urusevsky: 0.54), in a shorter word never; so queries of shorter words ask 0.6, which still
# forgives a dropped or doubled letter ("Felini" ~ Fellini: 0.67) and stops the trigram index
# from offering every name that merely begins alike ("these" shares half its trigrams with
# every "the": a scan of most titles, 0.3 s, for nothing).
NAME_THRESHOLD = 0.5
SHORT_NAME_THRESHOLD = 0.6
LONG_NAME_WORD = 8


def name_threshold(variants):
    """The similarity names must reach for a query with these variants (its text, its romanisation)."""
    longest = max((len(word) for variant in variants for word in WORD.findall(variant)), default=0)
    return NAME_THRESHOLD if longest >= LONG_NAME_WORD else SHORT_NAME_THRESHOLD


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
