"""After a write commits: purge the keys it named, refresh what went stale, publish what is due.

The database's triggers write the keys every change names into the pending-purge log
(reviews/cache/writes.py). Once the transaction commits, the process that wrote reads the
log and purges those keys from the store (`purge_pending`). It learns of its writes at the
database cursor, so every path through Django counts (the ORM, `QuerySet.update()`,
bulk_create, deletes, raw SQL); COPY, which bypasses the cursor, calls
`purge_pending_on_commit()` itself. Keys written by a process that died before purging, or
by psql, are purged by the next process that purges: it reads the whole log.

Slow figures made stale are computed again after the purge (reviews/cache/figures.py):
after the response in a web process, so that the editor's save is not kept waiting, and
at once anywhere else (a management command, a shell).
"""

import atexit
import logging
import re
import threading
import time
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, partial

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.signals import connection_created

from . import figures, keys, writes
from .store import NO_PUBLICATION, get_store

logger = logging.getLogger(__name__)

WRITE_STATEMENT = re.compile(r'\s*(?:insert\s+into|update|delete\s+from)\s+"?([\w.]+)', re.IGNORECASE)
BATCH = 10_000  # keys read from the log at a time
# Without a store, each process reads the next publication time again this often.
PUBLICATION_RECHECK_SECONDS = 30


# --- seeing writes ---------------------------------------------------------------------------


@cache
def watched_tables():
    return frozenset(watch.table for watch in writes.WATCHES)


def purge_pending_on_commit(using=DEFAULT_DB_ALIAS):
    """Purge the keys the current transaction names once it commits (at once outside one). For
    writes the cursor does not see (COPY); the cursor watch calls it for every write it sees."""
    _written.add(using)
    # robust: a store that is down must not fail a write that has committed; the keys stay in
    # the log for the next purge.
    transaction.on_commit(partial(_purge_written, using), using=using, robust=True)


class _Aliases(threading.local):
    def __init__(self):
        self.aliases = set()

    def add(self, alias):
        self.aliases.add(alias)

    def take(self, alias):
        """Whether `alias` was there (and is no more)."""
        found = alias in self.aliases
        self.aliases.discard(alias)
        return found

    def __iter__(self):
        return iter(list(self.aliases))


# Connections (by alias) of this thread that wrote since they last purged: a transaction of many
# writes registers many callbacks, and the first one purges.
_written = _Aliases()
# SQLite connections that wrote outside a transaction and have not purged yet (see _watch_writes).
_unpurged = _Aliases()


def _purge_written(using):
    if _written.take(using):
        purge_pending(using, robust=True)


_migrating = threading.Event()


def pause_during_migrations(**kwargs):
    """pre_migrate receiver: a migration may write before the log exists; post_migrate purges once."""
    _migrating.set()


def purge_after_migrations(using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate receiver."""
    from .models import PendingPurge

    _migrating.clear()
    connection = connections[using]
    if PendingPurge._meta.db_table in connection.introspection.table_names():  # not when migrated back
        purge_pending(using, robust=True)


def _watch_writes(execute, sql, params, many, context):
    if _migrating.is_set():
        return execute(sql, params, many, context)
    connection = context["connection"]
    if not connection.in_atomic_block:
        purge_unpurged(connection.alias)  # the previous statement is done with
    result = execute(sql, params, many, context)
    if isinstance(sql, str) and _writes_watched_table(sql):
        if connection.vendor == "sqlite" and not connection.in_atomic_block:
            # SQLite cannot commit while this statement may still hold rows to fetch (INSERT ...
            # RETURNING), and the purge writes: it waits for the next statement, the next request,
            # the end of this one, or the end of the process (purge_unpurged).
            _unpurged.add(connection.alias)
        else:
            purge_pending_on_commit(connection.alias)
    return result


def purge_unpurged(alias=None):
    """Purge what this thread's SQLite writes outside a transaction named (see _watch_writes)."""
    for name in [alias] if alias is not None else _unpurged:
        if _unpurged.take(name):
            purge_pending(name, robust=True)


def _writes_watched_table(sql):
    head = sql[:1]
    if head in "tT":
        return sql.lstrip()[:8].upper() == "TRUNCATE"  # flushes (tests, `manage.py flush`)
    if head not in "iIuUdD":
        return False
    match = WRITE_STATEMENT.match(sql)
    return bool(match) and match[1].strip('"') in watched_tables()


def _install(connection, **kwargs):
    # The connection's list of wrappers, which Django's execute_wrapper() context manager uses,
    # kept for as long as the connection lives; first in it, because execute_wrapper() pops the
    # last entry on exit and a connection may open inside one.
    if _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _watch_writes)


def watch_writes():
    """Purge after every committed write to the archive's tables. Idempotent; ReviewsConfig.ready()
    calls it, so every process that loads the app purges what it changes."""
    connection_created.connect(_install, dispatch_uid="reviews.cache.purging.watch_writes")
    for connection in connections.all(initialized_only=True):
        _install(connection)
    atexit.unregister(purge_unpurged)
    atexit.register(purge_unpurged)  # a shell's or a command's last writes


# --- purging ---------------------------------------------------------------------------------


def purge_pending(using=DEFAULT_DB_ALIAS, robust=False):
    """Purge every key in the log, then delete them from it. With `robust`, a failure (a store that
    is down) is logged, not raised: the keys stay in the log for the next purge."""
    try:
        _purge_pending(using)
    except Exception:
        if not robust:
            raise
        logger.exception("Purging the page cache failed; the keys stay in the log for the next purge")


def _purge_pending(using):
    from .models import PendingPurge

    store = get_store()
    while rows := list(PendingPurge.objects.using(using).oldest(BATCH)):
        named = {key for _, key in rows}
        if store is not None:
            if keys.EVERYTHING in named:
                store.purge_everything()
            if store.purge(named - {keys.EVERYTHING}):
                after_response(figures.refresh_stale)
            if keys.SCHEDULED in named:
                _read_next_publication(store)
        elif keys.SCHEDULED in named:
            _local_publication.clear()
        PendingPurge.objects.using(using).delete_through(rows[-1][0])
        if len(rows) < BATCH:
            break


def purge_everything():
    """Retire every cached page and figure (after a bulk load, or by hand)."""
    store = get_store()
    if store is not None:
        store.purge_everything()


@contextmanager
def deferred():
    """For bulk loads (generate_archive): no keys logged row by row; everything purged once at the end.

    The purge triggers are dropped and put back afterwards (also when the block fails).
    """
    from .models import PendingPurge

    writes.uninstall()
    try:
        yield
    finally:
        writes.install()
        PendingPurge.objects.all().delete()
        transaction.on_commit(purge_everything, robust=True)


# --- after the response ----------------------------------------------------------------------

_after_response = ContextVar("after_response", default=None)


def begin_request():
    """Called by the middleware as a request starts: work deferred with after_response() waits for its end."""
    _after_response.set([])


def after_response(function):
    """Run `function` once the current response has been sent; at once outside a request."""
    pending = _after_response.get()
    if pending is None:
        function()
    elif function not in pending:
        pending.append(function)


def run_after_response(**kwargs):
    """request_finished receiver."""
    purge_unpurged()
    pending = _after_response.get()
    _after_response.set(None)
    for function in pending or ():
        try:
            function()
        except Exception:
            logger.exception("Work after the response failed")


# --- scheduled publication -------------------------------------------------------------------

_local_publication = {}


def publish_if_due(known):
    """Publish the scheduled reviews whose time has come, if any; `known` is the store's next
    publication time (None when it does not know it). Returns whether anything was published."""
    from reviews.models import Review

    store = get_store()
    if store is not None:
        if known is None:
            known = _read_next_publication(store)
    else:
        known = _local_next_publication()
    if known is NO_PUBLICATION or known is None or known > time.time():
        return False
    published = Review.objects.publish_due()  # the purge after its commit reads the next time again
    if store is None:
        _local_publication.clear()
    return published > 0


def publish_due_now():
    """Publish every scheduled review whose time has come (cron, tests); returns how many."""
    from reviews.models import Review

    return Review.objects.publish_due()


def _read_next_publication(store):
    from reviews.models import Review

    when = Review.objects.next_publication_time()
    store.set_next_publication(when)
    return NO_PUBLICATION if when is None else when.timestamp()


def _local_next_publication():
    """Without a store, each process reads the next publication time itself, again every so often."""
    from reviews.models import Review

    if _local_publication.get("read_at", 0) < time.monotonic() - PUBLICATION_RECHECK_SECONDS:
        when = Review.objects.next_publication_time()
        _local_publication.update(read_at=time.monotonic(), when=NO_PUBLICATION if when is None else when.timestamp())
    return _local_publication["when"]
