"""Database objects the models do not describe: triggers, search columns and indexes.

Three sets, each in the module of what it serves:

- search: reviews/search/schema.py (search vectors, FTS tables, their triggers);
- kept counts: reviews/counting.py (each film's published reviews, each tag's use);
- purge keys: reviews/cache/writes.py (what each write names for the page cache).

Migrations create them (0003 search, 0005 counts and purge keys). On SQLite a migration
that alters a table copies it into a new one, which drops its triggers; and the purge
triggers compare every column of their table, so a new column needs them written again.
After every `migrate`, `restore_after_migrate` writes the counting and purge triggers
anew (idempotent and cheap), recounts when the counting ones had gone missing, and puts
back any missing search object.
"""

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.recorder import MigrationRecorder

from reviews import counting
from reviews.cache import writes
from reviews.search import schema as search_schema

TRIGGERS_MIGRATION = ("reviews", "0005_counts_and_purge_keys")


def restore_after_migrate(using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate: put back what a table rebuild dropped, once the migrations that made it are applied."""
    connection = connections[using]
    applied = MigrationRecorder(connection).applied_migrations()
    if search_schema.SEARCH_MIGRATION in applied and search_schema.missing_objects(connection):
        search_schema.install(connection)
    if TRIGGERS_MIGRATION in applied:
        counts_were_lost = bool(counting.missing_triggers())
        counting.install()
        writes.install()
        if counts_were_lost:
            counting.recount()
