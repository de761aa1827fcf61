"""Where cached pages and kept figures live: Redis, shared by every worker and every host.

Entries (a page, a figure) are stored with the keys they show, each key an index (a Redis
set) of the entries under it. Purging a key deletes the entries in its index (or, for a
figure refreshed in the background, marks it stale). Purging everything bumps a
generation number that every entry carries, which retires them all at once.

An entry rendered from data an edit is about to change must not survive the edit's purge:
a page read its rows before the commit, the purge ran, and only then was the page stored.
So every purge numbers itself (`seq`) and marks each key it purged with that number; an
entry remembers the number current when its work began, and once stored under its keys,
checks whether any of them was purged since. If one was, the entry is dropped. Because
the entry joins its keys' indexes before that check, a purge either finds it in an index
or is seen by the check: never neither.

There is no process-local fallback: a page cached in one process's memory cannot be
purged by a write in another (a management command, another worker). Without REDIS_URL
nothing is kept (reviews/cache/__init__.py).
"""

import pickle
from dataclasses import dataclass
from functools import cache

import redis
from django.conf import settings

# Keys' indexes and purge marks live as long as the longest-lived entry that may be under them.
LONGEST_SECONDS = 24 * 3600
NO_PUBLICATION = b"none"


@dataclass(frozen=True)
class Entry:
    generation: int
    value: object
    keys: tuple = ()  # what it shows: read back with a kept figure, whose readers show it too


class Store:
    def __init__(self, client, prefix):
        self.redis = client
        self.prefix = prefix

    def name(self, *parts):
        return ":".join((self.prefix, *parts))

    # --- reading ---------------------------------------------------------------------

    def read(self, entry):
        """(Entry or None, purge sequence, next publication) in one round trip.

        The entry is None when it is missing or of an older generation. The next publication
        is a timestamp, NO_PUBLICATION when none is scheduled, or None when not known.
        """
        raw, generation, seq, due = self.redis.mget(
            self.name(entry), self.name("generation"), self.name("seq"), self.name("next-publication")
        )
        found = pickle.loads(raw) if raw is not None else None
        if found is not None and found.generation != int(generation or 0):
            found = None
        return found, Snapshot(int(generation or 0), int(seq or 0)), _publication(due)

    def read_many(self, entries):
        """({entry: Entry} of those found, in one round trip, and the snapshot to write the rest under)."""
        raw = self.redis.mget([self.name(entry) for entry in entries] + [self.name("generation"), self.name("seq")])
        generation, seq = int(raw[-2] or 0), int(raw[-1] or 0)
        found = {}
        for entry, value in zip(entries, raw[:-2], strict=True):
            if value is not None:
                loaded = pickle.loads(value)
                if loaded.generation == generation:
                    found[entry] = loaded
        return found, Snapshot(generation, seq)

    def snapshot(self):
        generation, seq = self.redis.mget(self.name("generation"), self.name("seq"))
        return Snapshot(int(generation or 0), int(seq or 0))

    # --- writing ---------------------------------------------------------------------

    def write(self, entry, value, keys, snapshot, seconds, *, stale_if_purged=False):
        """Store `value` as `entry` under `keys`, unless one of them was purged since `snapshot` was taken.

        Returns whether it was kept. With `stale_if_purged` (a slow figure), it is kept anyway,
        marked stale: a value computed a moment ago beats none.
        """
        return self.write_many([(entry, value, keys)], snapshot, seconds, stale_if_purged=stale_if_purged)[0]

    def write_many(self, entries, snapshot, seconds, *, stale_if_purged=False):
        """write() for several (entry, value, keys) at once: two round trips in all. Returns a bool each."""
        entries = [(entry, value, sorted(set(keys))) for entry, value, keys in entries]
        every_key = sorted({key for _, _, keys in entries for key in keys})
        with self.redis.pipeline(transaction=False) as pipe:
            for entry, value, keys in entries:
                name = self.name(entry)
                payload = pickle.dumps(Entry(snapshot.generation, value, tuple(keys)), pickle.HIGHEST_PROTOCOL)
                pipe.set(name, payload, ex=seconds)
                for key in keys:
                    pipe.sadd(self.name("index", key), name)
            for key in every_key:
                pipe.expire(self.name("index", key), LONGEST_SECONDS)
            pipe.execute()
        marks = self.redis.mget([self.name("purged", key) for key in every_key]) if every_key else []
        purged = {key for key, seq in zip(every_key, marks, strict=True) if seq is not None and int(seq) > snapshot.seq}
        kept = []
        for entry, _, keys in entries:
            if purged.isdisjoint(keys):
                kept.append(True)
                continue
            kept.append(False)
            if stale_if_purged:
                self.redis.sadd(self.name("stale"), self.name(entry))
            else:
                self.redis.delete(self.name(entry))
        return kept

    def purge(self, keys):
        """Retire every entry under these keys. Returns whether slow figures became stale (to refresh)."""
        keys = sorted(set(keys))
        if not keys:
            return []
        seq = self.redis.incr(self.name("seq"))
        with self.redis.pipeline(transaction=False) as pipe:
            for key in keys:
                pipe.set(self.name("purged", key), seq, ex=LONGEST_SECONDS)
            for key in keys:
                pipe.smembers(self.name("index", key))
            members = set().union(*pipe.execute()[len(keys) :])
        stale = [member for member in members if member.startswith(self.name("slow-figure").encode())]
        doomed = [member for member in members if member not in stale]
        with self.redis.pipeline(transaction=False) as pipe:
            if doomed:
                pipe.delete(*doomed)
            if stale:
                pipe.sadd(self.name("stale"), *stale)
            pipe.delete(*(self.name("index", key) for key in keys))
            pipe.execute()
        return bool(stale)

    def purge_everything(self):
        self.redis.incr(self.name("generation"))
        self.redis.incr(self.name("seq"))

    # --- figures refreshed in the background --------------------------------------------

    def take_stale(self, limit=100):
        """Names of stale slow figures, taken off the stale list (whoever takes one refreshes it)."""
        members = self.redis.spop(self.name("stale"), limit) or []
        return [member.decode().removeprefix(self.name("")) for member in members]

    # --- the next scheduled publication -------------------------------------------------

    def set_next_publication(self, when):
        self.redis.set(self.name("next-publication"), NO_PUBLICATION if when is None else repr(when.timestamp()))

    # --- tests ---------------------------------------------------------------------------

    def clear(self):
        """Delete every entry and mark of this store (its prefix's keys)."""
        for batch in _batches(self.redis.scan_iter(match=f"{self.prefix}:*", count=1000), 1000):
            self.redis.delete(*batch)


@dataclass(frozen=True)
class Snapshot:
    """What an entry's work began under: the generation, and the last purge's number."""

    generation: int
    seq: int


def _publication(raw):
    if raw is None:
        return None
    if raw == NO_PUBLICATION:
        return NO_PUBLICATION
    return float(raw)


def _batches(iterable, size):
    batch = []
    for item in iterable:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@cache
def _client(url):
    # One connection pool per process; redis-py reopens its connections after a fork.
    return redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2, health_check_interval=30)


def get_store():
    """The store, or None when no REDIS_URL is configured."""
    if not settings.REDIS_URL:
        return None
    return Store(_client(settings.REDIS_URL), settings.PAGE_CACHE_KEY_PREFIX)
