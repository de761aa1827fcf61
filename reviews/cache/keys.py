"""Surrogate keys: the names of what a page shows, and of what a write changes.

A key names one record, `film:12`, `person:5` (the model's name and the record's id), or
one list whose membership or order pages follow, `films`, `reviews`. A page records the
keys of everything it shows; a committed write names the keys it changed
(reviews/cache/writes.py); purging a key retires every page recorded under it. The same
keys go out in each page's `Surrogate-Key` header, for an HTTP cache or CDN in front to
purge by.

What a page shows is recorded as it is rendered: every archive record loaded while the
page is made (a model instance, through Django's post_init signal) adds its key, so a
template that shows one more related record cannot forget its key. Views add the lists
they draw from with `shows()`, and the records they read as plain rows.
"""

from contextlib import contextmanager
from contextvars import ContextVar

# Lists: a page drawing from one changes when records come, go, or move in its order.
FILMS = "films"  # film lists in every order, and their filters
FILMS_BY_REVIEWS = "films-by-reviews"  # the film list's "most reviewed" order
FEATURED = "featured"  # the home page's featured films
PEOPLE = "people"
REVIEWS = "reviews"  # published reviews, newest first (home, the review list)
FESTIVALS = "festivals"
TAGS = "tags"  # tags by use (the tag index, home's popular tags, the film list's tag filter)
SEARCH = "search"  # search results: any title, name or public text changed
DOWNLOADS = "downloads"  # the bulk download's description (/data/), purged by the export that replaces it
# Not shown by any page: names a change to the scheduled reviews, so that the time of the next
# publication is read again (reviews/cache/purging.py).
SCHEDULED = "scheduled"
# Every page carries this key: a write too broad to follow (a country or a source renamed)
# purges it, and with it everything.
EVERYTHING = "archive"

# The records whose keys a page records when it loads them: the archive's entities. Their
# parts (titles, credits, tagged items, ...) show through their entity's key.
ENTITY_MODELS = frozenset(
    {"film", "person", "review", "festival", "edition", "section", "award", "awardoutcome", "tag"}
)

_recorded = ContextVar("recorded_keys", default=None)


def key(model_name, pk):
    return f"{model_name}:{pk}"


def key_of(record):
    return key(record._meta.model_name, record.pk)


@contextmanager
def recording():
    """Collect the keys of what is shown inside the block: `with recording() as keys: ...`.

    Blocks nest (a kept figure computed while a page renders): the outer one gets the inner
    one's keys too.
    """
    outer = _recorded.get()
    keys = set()
    token = _recorded.set(keys)
    try:
        yield keys
    finally:
        _recorded.reset(token)
        if outer is not None:
            outer |= keys


def shows(*keys):
    """Record that the page being made shows these lists or records (keys as strings)."""
    recorded = _recorded.get()
    if recorded is not None:
        recorded.update(keys)


def record_loaded(sender, instance, **kwargs):
    """post_init receiver: an archive record loaded while a page is made is shown by it."""
    recorded = _recorded.get()
    if recorded is not None and instance.pk is not None:
        name = sender._meta.model_name
        if name in ENTITY_MODELS:
            recorded.add(key(name, instance.pk))


def header_value(keys):
    """The Surrogate-Key header: keys separated by spaces, in a stable order."""
    return " ".join(sorted(keys))
