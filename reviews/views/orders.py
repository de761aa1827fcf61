"""The orders the long lists page through (see paging.Keyset), each matching an index.

Films without a year come last whichever way years run: they sort as a stand-in year, the
same expression the indexes film_title_idx, film_oldest_idx, film_newest_idx and film_most_reviewed_idx hold.
"""

from .paging import SLUG_PATTERN, Keyset, SortKey

UNDATED_YEAR_ASCENDING = 9999
UNDATED_YEAR_DESCENDING = -1

# Films: addresses name the film after which a page starts, /films/?after=the-cranes-are-flying-1957.
FILMS_BY_TITLE = Keyset(
    (SortKey("title"), SortKey("year", null_as=UNDATED_YEAR_ASCENDING), SortKey("id")), "slug", SLUG_PATTERN
)
FILMS_OLDEST_FIRST = Keyset(
    (SortKey("year", null_as=UNDATED_YEAR_ASCENDING), SortKey("title"), SortKey("id")), "slug", SLUG_PATTERN
)
FILMS_NEWEST_FIRST = Keyset(
    (SortKey("year", descending=True, null_as=UNDATED_YEAR_DESCENDING), SortKey("title"), SortKey("id")),
    "slug",
    SLUG_PATTERN,
)

FILMS_MOST_REVIEWED = Keyset(
    (
        SortKey("published_review_count", descending=True),
        SortKey("title"),
        SortKey("year", null_as=UNDATED_YEAR_ASCENDING),
        SortKey("id"),
    ),
    "slug",
    SLUG_PATTERN,
)

# Reviews, newest first (review_listing_idx); addresses name a review by its number.
REVIEWS_NEWEST_FIRST = Keyset((SortKey("published_at", descending=True), SortKey("id", descending=True)))

# People by name (person_name_idx).
PEOPLE_BY_NAME = Keyset((SortKey("name"), SortKey("id")), "slug", SLUG_PATTERN)

# The tag index (taguse_most_used_idx; the tag's name from taggit's unique index on it).
# Addresses name a tag by its id: /tags/?after=812.
TAGS_MOST_USED = Keyset((SortKey("use_count", descending=True), SortKey("tag__name"), SortKey("tag_id")))
TAGS_BY_NAME = Keyset((SortKey("tag__name"), SortKey("tag_id")))
