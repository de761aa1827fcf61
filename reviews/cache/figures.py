"""Figures kept between requests: counts and rankings too costly to compute for every page.

    kept(function, *args)             # cheap to recompute: at most what a page costs
    kept(function, *args, slow=True)  # costly: refreshed in the background after a change

A figure is `function(*args)`, kept in the store (reviews/cache/store.py) under the keys
of what it was computed from (recorded as it is computed, as a page's are). A page that
reads it shows those keys too.

- A cheap figure is dropped when one of its keys is purged; the next reader computes it
  again, costing about what rendering a page does.
- A slow figure (hundreds of milliseconds: the related tags of the most used tag) is
  marked stale instead, and the process that purged it computes it again after its
  response has gone (reviews/cache/purging.py), then purges the pages that showed the
  old value. Meanwhile readers get the previous value: no visitor waits for it. Only the
  very first reader of a slow figure nobody kept yet computes it.

Without a store (no REDIS_URL), or inside a transaction (whose rows may never commit),
nothing is kept: every figure is computed when read.
"""

import hashlib
import importlib
import logging
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections

from . import keys
from .store import LONGEST_SECONDS, get_store

logger = logging.getLogger(__name__)

# A cheap figure is purged with what it shows; this only bounds the memory of those nobody reads.
FIGURE_SECONDS = 3600


@dataclass(frozen=True)
class Figure:
    function: str  # "module:qualified.name", to compute it again in the background
    args: tuple
    value: object


def kept(function, *args, slow=False):
    """function(*args), from the store when it holds it; `args` name the figure and must be plain values."""
    store = _store()
    if store is None:
        return function(*args)
    name = _entry_name(function, args, slow)
    entry, snapshot, _ = store.read(name)
    if entry is not None:
        # A slow figure's page is purged when the figure is refreshed, not before.
        keys.shows(name) if slow else keys.shows(*entry.keys)
        return entry.value.value
    with keys.recording() as shown:
        value = function(*args)
    seconds = LONGEST_SECONDS if slow else FIGURE_SECONDS
    store.write(name, Figure(_path(function), args, value), shown, snapshot, seconds, stale_if_purged=slow)
    if slow:
        keys.shows(name)
    return value


def kept_each(names, compute):
    """{name: value} for each of `names` (strings), read from the store in one round trip; the missing
    ones from compute(missing names) -> {name: (value, keys it shows)}, and kept.

    For parts of pages that many pages share and that cost more to make than to read: the cards
    of films and reviews (reviews/cards.py). Without a store everything is computed.
    """
    store = _store()
    found, snapshot = store.read_many(names) if store else ({}, None)
    values = {}
    for name, entry in found.items():
        keys.shows(*entry.keys)
        values[name] = entry.value
    missing = [name for name in names if name not in found]
    if missing:
        computed = compute(missing)
        for name, (value, shown) in computed.items():
            keys.shows(*shown)
            values[name] = value
        if store is not None:
            store.write_many(
                [(name, value, shown) for name, (value, shown) in computed.items()], snapshot, FIGURE_SECONDS
            )
    return values


def refresh_stale():
    """Compute the stale slow figures again, then purge the pages that showed their old values.

    Any process may take a figure off the stale list; each is refreshed once.
    """
    store = _store()
    if store is None:
        return
    while names := store.take_stale():
        for name in names:
            entry, snapshot, _ = store.read(name)
            if entry is None:  # expired, or everything was purged meanwhile
                continue
            figure = entry.value
            try:
                with keys.recording() as shown:
                    value = _resolve(figure.function)(*figure.args)
            except Exception:
                logger.exception("Refreshing the kept figure %s failed", figure.function)
                continue
            store.write(
                name,
                Figure(figure.function, figure.args, value),
                shown,
                snapshot,
                LONGEST_SECONDS,
                stale_if_purged=True,
            )
            store.purge([name])


def _store():
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return None
    return get_store()


def _path(function):
    return f"{function.__module__}:{function.__qualname__}"


def _resolve(path):
    module, _, name = path.partition(":")
    target = importlib.import_module(module)
    for part in name.split("."):
        target = getattr(target, part)
    return target


def _entry_name(function, args, slow):
    # Arguments may hold what visitors typed (tag ids, a letter): hashed, any figure has a safe name.
    digest = hashlib.blake2b(repr((_path(function), args)).encode(), digest_size=16).hexdigest()
    return f"{'slow-figure' if slow else 'figure'}:{digest}"
