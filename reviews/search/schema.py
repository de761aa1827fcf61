"""The database objects behind search, for each engine: one place that creates, rebuilds and drops them.

The indexes are kept current by the database itself, so no write path can go
around them: the ORM, bulk_create, raw SQL, COPY and the admin all pass through
the same triggers and index expressions.

PostgreSQL
    - extensions unaccent and pg_trgm;
    - archive_fold(text): lower case without accents, IMMUTABLE so indexes can use it;
    - the text search configuration archive_english: English stemming and stop words,
      accents removed first;
    - reviews_review.search_vector, a stored tsvector (headline weighted A, text B)
      kept by BEFORE INSERT/UPDATE triggers, with a GIN index, and a GIN index on its
      pairs of adjacent words (archive_bigrams) for phrases;
    - GIN indexes on archive_fold() of film titles and people's names: trigrams for
      fuzzy matching, whole words for very short queries.
SQLite
    - search_review: an FTS5 table (porter stemming, accents removed) of review headlines
      and texts, its rowid the review's id;
    - search_name_word and search_name_trigram: FTS5 tables of every title and name
      (films, their other titles, people, their other names, festivals), one with word
      tokens and one with trigram tokens, for exact and fuzzy matching;
    - AFTER INSERT/UPDATE/DELETE triggers on the source tables keeping all three current.

The search columns and tables are not Django fields: Django never writes them and
`makemigrations` does not see them. A migration that rebuilds a table on SQLite
(Django copies it into a new one) drops its triggers: `install()` puts back whatever
is missing; every `migrate` calls it when something is (post_migrate), and so does
`rebuild_search_index`.
"""

from contextlib import contextmanager
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.migrations.recorder import MigrationRecorder

SEARCH_MIGRATION = ("reviews", "0003_search")

# ---------------------------------------------------------------------------
# What is indexed: the same on both engines.

# Line breaks and the snippet markers are taken out of review text before indexing.
BREAKS = ("<br />", "<br/>", "<br>", "<BR />", "<BR/>", "<BR>")
MARKER_CODEPOINTS = (0xE000, 0xE001)


@dataclass(frozen=True)
class NameSource:
    """A table whose rows hold a name or title that finds an entity (a film, a person, a festival)."""

    kind: str
    table: str
    code: int  # tells the sources apart in SQLite rowids: rowid = id * 8 + code
    entity_column: str
    name_columns: tuple[str, ...]

    def name_sql(self, row):
        """The searchable text of a row, in SQL that both engines read."""
        return " || ' ' || ".join(f"{row}.{column}" for column in self.name_columns)

    def rowid_sql(self, row):
        return f"{row}.id * 8 + {self.code}"


NAME_SOURCES = (
    NameSource("films", "reviews_film", 1, "id", ("title",)),
    NameSource("films", "reviews_filmtitle", 2, "film_id", ("title",)),
    NameSource("people", "reviews_person", 3, "id", ("name",)),
    NameSource("people", "reviews_personname", 4, "person_id", ("name",)),
    NameSource("festivals", "reviews_festival", 5, "id", ("name", "short_name", "city")),
)


def name_sources(kind):
    return [source for source in NAME_SOURCES if source.kind == kind]


# ---------------------------------------------------------------------------
# PostgreSQL

PG_SETUP = (
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # The SQL-standard body is bound when the function is created: index expressions
    # using it keep working whatever the search_path (pg_restore empties it).
    """
    CREATE OR REPLACE FUNCTION archive_fold(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN lower(unaccent('unaccent'::regdictionary, value))
    """,
    """
    DO $$
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'archive_english') THEN
            CREATE TEXT SEARCH CONFIGURATION archive_english (COPY = english);
            ALTER TEXT SEARCH CONFIGURATION archive_english
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
        END IF;
    END
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION archive_review_vector(headline text, body text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN setweight(to_tsvector('archive_english', coalesce(headline, '')), 'A')
        || setweight(to_tsvector('archive_english', coalesce(body, '')), 'B')
    """,
    # The pairs of adjacent words of a text ("great film"), from its vector's positions. GIN has
    # no positions: indexed, these pairs find the texts holding a phrase without reading every
    # text that merely holds its words (a phrase of two common words is rare, its words are not).
    """
    CREATE OR REPLACE FUNCTION archive_bigrams(vector tsvector) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN ARRAY(
        SELECT DISTINCT previous || ' ' || lexeme FROM (
            SELECT lexeme, position, lag(lexeme) OVER w AS previous, lag(position) OVER w AS previous_position
            FROM (SELECT lexeme, unnest(positions) AS position FROM unnest(vector)) AS words
            WINDOW w AS (ORDER BY position)
        ) AS pairs
        WHERE position = previous_position + 1
    )
    """,
    "ALTER TABLE reviews_review ADD COLUMN IF NOT EXISTS search_vector tsvector",
    # Kept in the row, not in the TOAST table: ranking reads the vectors of a thousand
    # candidates, and a TOAST lookup each made that 3 to 6 times slower. The long body
    # goes to TOAST first instead; only the page's 20 snippets read it.
    "ALTER TABLE reviews_review ALTER COLUMN search_vector SET STORAGE MAIN",
    """
    CREATE OR REPLACE FUNCTION reviews_review_set_search_vector() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
    BEGIN
        NEW.search_vector := archive_review_vector(NEW.headline, NEW.body);
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE OR REPLACE TRIGGER review_search_vector_on_insert
    BEFORE INSERT ON reviews_review
    FOR EACH ROW EXECUTE FUNCTION reviews_review_set_search_vector()
    """,
    # Only when the text changes: publishing a review does not re-parse it.
    """
    CREATE OR REPLACE TRIGGER review_search_vector_on_update
    BEFORE UPDATE OF headline, body ON reviews_review
    FOR EACH ROW
    WHEN (OLD.headline IS DISTINCT FROM NEW.headline OR OLD.body IS DISTINCT FROM NEW.body)
    EXECUTE FUNCTION reviews_review_set_search_vector()
    """,
)

PG_INDEXES = {
    "review_search_vector_idx": "ON reviews_review USING gin (search_vector)",
    "review_search_bigrams_idx": "ON reviews_review USING gin (archive_bigrams(search_vector))",
    # Names: trigrams for fuzzy matching; whole words for queries too short to be fuzzy about.
    # Festivals are few: a scan of their table costs less than an index would save.
    **{
        f"{source.table.removeprefix('reviews_')}_search_{kind}_idx": definition.format(
            table=source.table, name=source.name_columns[0]
        )
        for source in NAME_SOURCES
        if source.kind != "festivals"
        for kind, definition in (
            ("name", "ON {table} USING gin (archive_fold({name}) gin_trgm_ops)"),
            ("words", "ON {table} USING gin (to_tsvector('simple', archive_fold({name})))"),
        )
    },
}

PG_TEARDOWN = (
    *(f"DROP INDEX IF EXISTS {name}" for name in PG_INDEXES),
    "DROP TRIGGER IF EXISTS review_search_vector_on_insert ON reviews_review",
    "DROP TRIGGER IF EXISTS review_search_vector_on_update ON reviews_review",
    "DROP FUNCTION IF EXISTS reviews_review_set_search_vector()",
    "ALTER TABLE reviews_review DROP COLUMN IF EXISTS search_vector",
    "DROP FUNCTION IF EXISTS archive_review_vector(text, text)",
    "DROP FUNCTION IF EXISTS archive_bigrams(tsvector)",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS archive_english",
    "DROP FUNCTION IF EXISTS archive_fold(text)",
    # The extensions stay: other code may use them, and dropping needs more rights.
)


def _pg_run_pending_checks(cursor):
    """Run the deferred foreign key checks of this transaction now: PostgreSQL refuses
    ALTER TABLE or CREATE INDEX on a table with pending trigger events (writes earlier in
    the same transaction, as in tests or a bulk load). Deferred again afterwards, as Django
    declares them."""
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _pg_create_indexes(cursor):
    _pg_run_pending_checks(cursor)  # the fill just before may have queued some
    for name, definition in PG_INDEXES.items():
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} {definition}")


def _pg_fill(cursor):
    """Recompute every stored search vector that differs from its text (all of them after a bulk
    load with the triggers off); rows already right are left alone, not rewritten."""
    cursor.execute(
        "UPDATE reviews_review SET search_vector = archive_review_vector(headline, body) "
        "WHERE search_vector IS DISTINCT FROM archive_review_vector(headline, body)"
    )


# ---------------------------------------------------------------------------
# SQLite

SQLITE_NAME_TABLES = ("search_name_word", "search_name_trigram")
SQLITE_TABLES = {
    "search_review": "fts5(headline, body, tokenize = 'porter unicode61 remove_diacritics 2')",
    "search_name_word": "fts5(name, kind UNINDEXED, entity_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')",
    "search_name_trigram": "fts5(name, kind UNINDEXED, entity_id UNINDEXED, tokenize = 'trigram')",
}


def _sqlite_clean_body(expression):
    """Review text as indexed: line-break markup and snippet markers taken out."""
    for markup in BREAKS:
        expression = f"replace({expression}, '{markup}', ' ')"
    for codepoint in MARKER_CODEPOINTS:
        expression = f"replace({expression}, char({codepoint}), '')"
    return expression


def _sqlite_review_insert(row):
    return (
        f"INSERT INTO search_review(rowid, headline, body) "
        f"VALUES ({row}.id, {row}.headline, {_sqlite_clean_body(f'{row}.body')});"
    )


def _sqlite_name_insert(source, row):
    return "".join(
        f"INSERT INTO {table}(rowid, name, kind, entity_id) "
        f"VALUES ({source.rowid_sql(row)}, {source.name_sql(row)}, '{source.kind}', {row}.{source.entity_column});"
        for table in SQLITE_NAME_TABLES
    )


def _sqlite_name_delete(source, row):
    return "".join(f"DELETE FROM {table} WHERE rowid = {source.rowid_sql(row)};" for table in SQLITE_NAME_TABLES)


def _sqlite_triggers():
    """{name: CREATE TRIGGER statement} for every trigger that keeps the FTS tables current."""
    triggers = {
        "search_review_on_insert": f"AFTER INSERT ON reviews_review BEGIN {_sqlite_review_insert('new')} END",
        "search_review_on_update": (
            "AFTER UPDATE OF headline, body ON reviews_review "
            "WHEN old.headline IS NOT new.headline OR old.body IS NOT new.body "
            f"BEGIN DELETE FROM search_review WHERE rowid = old.id; {_sqlite_review_insert('new')} END"
        ),
        "search_review_on_delete": (
            "AFTER DELETE ON reviews_review BEGIN DELETE FROM search_review WHERE rowid = old.id; END"
        ),
    }
    for source in NAME_SOURCES:
        watched = ", ".join(dict.fromkeys((*source.name_columns, source.entity_column, "id")))
        prefix = f"search_{source.table.removeprefix('reviews_')}"
        triggers[f"{prefix}_on_insert"] = (
            f"AFTER INSERT ON {source.table} BEGIN {_sqlite_name_insert(source, 'new')} END"
        )
        triggers[f"{prefix}_on_update"] = (
            f"AFTER UPDATE OF {watched} ON {source.table} "
            f"BEGIN {_sqlite_name_delete(source, 'old')} {_sqlite_name_insert(source, 'new')} END"
        )
        triggers[f"{prefix}_on_delete"] = (
            f"AFTER DELETE ON {source.table} BEGIN {_sqlite_name_delete(source, 'old')} END"
        )
    return triggers


SQLITE_TRIGGERS = _sqlite_triggers()


def _sqlite_create(cursor):
    for name, definition in SQLITE_TABLES.items():
        cursor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {name} USING {definition}")
    for name, definition in SQLITE_TRIGGERS.items():
        cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {definition}")


def _sqlite_drop_triggers(cursor):
    for name in SQLITE_TRIGGERS:
        cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def _sqlite_fill(cursor):
    """Refill the FTS tables from the source tables, then merge their segments."""
    for table in SQLITE_TABLES:
        cursor.execute(f"DELETE FROM {table}")
    cursor.execute(
        "INSERT INTO search_review(rowid, headline, body) "
        f"SELECT id, headline, {_sqlite_clean_body('body')} FROM reviews_review"
    )
    for source in NAME_SOURCES:
        row = source.table
        for table in SQLITE_NAME_TABLES:
            cursor.execute(
                f"INSERT INTO {table}(rowid, name, kind, entity_id) "
                f"SELECT {source.rowid_sql(row)}, {source.name_sql(row)}, '{source.kind}', "
                f"{row}.{source.entity_column} FROM {row}"
            )
    for table in SQLITE_TABLES:
        cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")


def _sqlite_missing_triggers(cursor):
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    present = {name for (name,) in cursor.fetchall()}
    return [name for name in SQLITE_TRIGGERS if name not in present]


# ---------------------------------------------------------------------------
# For migrations, rebuild_index() and bulk loads


def install(using_connection=None):
    """Create whatever search object is missing and fill the index from the data.

    Idempotent: the migration runs it once; rebuild_search_index runs it again to put back
    triggers a table rebuild dropped, and to refill.
    """
    conn = using_connection or connection
    with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            _pg_run_pending_checks(cursor)
            for statement in PG_SETUP:
                cursor.execute(statement)
            _pg_fill(cursor)
            _pg_create_indexes(cursor)
        else:
            _sqlite_create(cursor)
            _sqlite_fill(cursor)


def uninstall(using_connection=None):
    conn = using_connection or connection
    with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            _pg_run_pending_checks(cursor)
            for statement in PG_TEARDOWN:
                cursor.execute(statement)
        else:
            _sqlite_drop_triggers(cursor)
            for table in SQLITE_TABLES:
                cursor.execute(f"DROP TABLE IF EXISTS {table}")


def rebuild(using_connection=None):
    """Put back every search object and recompute the whole index from the data.

    PostgreSQL: the GIN indexes are dropped, the vectors recomputed where they differ, the
    indexes built in one pass, and the planner's statistics refreshed (its choice between
    index and scan depends on them). SQLite: missing triggers come back, the FTS tables
    are refilled.
    """
    conn = using_connection or connection
    if conn.vendor != "postgresql":
        install(conn)
        return
    with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
        _pg_run_pending_checks(cursor)
        for statement in PG_SETUP:
            cursor.execute(statement)
        for name in PG_INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")
        _pg_fill(cursor)
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        _pg_create_indexes(cursor)
        for table in ("reviews_review", *dict.fromkeys(source.table for source in NAME_SOURCES)):
            cursor.execute(f"ANALYZE {table}")


@contextmanager
def deferred(using_connection=None):
    """For bulk loads: maintain the search index once at the end instead of row by row.

    PostgreSQL: the GIN indexes are dropped and built again afterwards (much faster than
    updating them row by row); the triggers stay on, so every row gets its search vector
    as it is written. SQLite: the triggers are dropped, then put back and the FTS tables
    refilled. If the block fails the index is still put back.
    """
    conn = using_connection or connection
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            _pg_run_pending_checks(cursor)
            for name in PG_INDEXES:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")
        else:
            _sqlite_drop_triggers(cursor)
    try:
        yield
    finally:
        if conn.vendor == "postgresql":
            with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
                cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
                _pg_create_indexes(cursor)
        else:
            install(conn)


def restore_after_migrate(using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate: put back search triggers a table rebuild dropped (SQLite copies altered tables).

    Only once the search migration is applied: before it, or migrated back past it, the
    search objects are meant to be absent.
    """
    conn = connections[using]
    if SEARCH_MIGRATION not in MigrationRecorder(conn).applied_migrations():
        return
    if missing_objects(conn):
        install(conn)


def missing_objects(using_connection=None):
    """Names of search triggers or indexes that should exist and do not (for checks and tests)."""
    conn = using_connection or connection
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE indexname = ANY(%s) "
                "UNION ALL SELECT tgname FROM pg_trigger WHERE tgname LIKE 'review_search_vector_%%'",
                [list(PG_INDEXES)],
            )
            present = {name for (name,) in cursor.fetchall()}
            expected = [*PG_INDEXES, "review_search_vector_on_insert", "review_search_vector_on_update"]
            return [name for name in expected if name not in present]
        return _sqlite_missing_triggers(cursor)
