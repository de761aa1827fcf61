"""Figures too costly to compute on every request, kept until the archive changes.

Counts over large sets (the 300,000 reviews of a tag, the published reviews of the
archive) and rankings (tags by use, films by number of reviews) take from tens of
milliseconds to seconds at the scale the archive is built for. They are computed once
and kept in the cache under the content version of `reviews.caching`: every committed
write to the archive changes that version, so a figure is never older than the data it
was computed from. The first request after a change computes it again.

Inside a transaction nothing is read or kept, as for the page cache: a figure computed
from rows that may never be committed must not outlive them. Tests run inside one, so
their pages always compute their figures.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections

from reviews.caching import current_version

KEY_PREFIX = "figure:"
# A figure of a version nobody asks for any more just waits for the cache to drop it.
TIMEOUT = 24 * 3600


def figure(name, compute):
    """compute(), as of the archive's current content, from the cache when it has it."""
    return figures({name: compute})[name]


def figures(computations, scope=""):
    """{name: compute} → {name: value}: every name read from the cache in one round trip.

    `scope` prefixes every name, e.g. "tags:12,40" for the figures of one tag page.
    """
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return {name: compute() for name, compute in computations.items()}
    cache = caches[settings.PAGE_CACHE_ALIAS]
    token = current_version().token
    keys = {name: _key(f"{scope}:{name}" if scope else name) for name in computations}
    found = cache.get_many(list(keys.values()))
    values, computed = {}, {}
    for name, compute in computations.items():
        entry = found.get(keys[name])
        if entry is not None and entry[0] == token:
            values[name] = entry[1]
        else:
            values[name] = compute()
            computed[keys[name]] = (token, values[name])
    if computed:
        cache.set_many(computed, TIMEOUT)
    return values


def _key(name):
    # Names may carry what visitors typed (tag slugs, filters): hashed, any name is a safe key.
    return KEY_PREFIX + hashlib.blake2b(name.encode(), digest_size=16).hexdigest()
