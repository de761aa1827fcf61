"""Counts the database keeps current on every write: each film's published reviews, each tag's use.

Counting them per request reads hundreds of thousands of rows at the archive's scale (a
tag's published reviews: 370 ms), so triggers keep them as the rows change, in the
writing transaction, whatever writes (the admin, `QuerySet.update()`, an import's COPY,
a shell):

- `Film.published_review_count`: the film's reviews whose status is published;
- `TagUse.film_count`: the films carrying the tag; `TagUse.review_count`: the published
  reviews carrying it.

Each pair of a tag and a review is counted once, whichever is written first (taggit's
rows may even come before their review, the foreign keys being deferred): a review's
insert, update or delete adjusts the tags it already has, a tagged row's insert or
delete adjusts its tag if its review exists and is published.

PostgreSQL runs statement-level triggers over the statement's transition tables (an
import's COPY of a thousand reviews updates each film and tag once); SQLite row triggers.
`recount()` recomputes everything from the rows (`manage.py recount`); a bulk load turns
the triggers off (`deferred()`) and recounts once at the end.
"""

from contextlib import contextmanager

from django.db import connection, transaction

FILM = "reviews_film"
REVIEW = "reviews_review"
TAGGED_REVIEW = "reviews_taggedreview"
TAGGED_FILM = "reviews_taggedfilm"
TAG_USE = "reviews_taguse"
PUBLISHED = "'published'"


def _upsert(column, tag_and_delta_sql, signs="+-"):
    """SQL adding each n of `tag_and_delta_sql` (rows with columns named tag_id and n) to its tag's `column`.

    A tag's row is created when something is added to a tag that has none; a subtraction only
    changes a row that exists (when `manage.py flush` empties TagUse before the tagged rows, there
    is nothing left to subtract from). `signs` says which the deltas may be, to leave out the other.
    """
    statements = []
    if "+" in signs:
        film, review = ("n", "0") if column == "film_count" else ("0", "n")
        statements.append(
            f"INSERT INTO {TAG_USE} (tag_id, film_count, review_count) "
            f"SELECT tag_id, {film}, {review} FROM ({tag_and_delta_sql}) AS delta WHERE n > 0 "
            f"ON CONFLICT (tag_id) DO UPDATE SET {column} = {TAG_USE}.{column} + excluded.{column}"
        )
    if "-" in signs:
        statements.append(
            f"UPDATE {TAG_USE} SET {column} = {column} + (SELECT n FROM ({tag_and_delta_sql}) AS delta "
            f"WHERE delta.tag_id = {TAG_USE}.tag_id) "
            f"WHERE tag_id IN (SELECT tag_id FROM ({tag_and_delta_sql}) AS delta WHERE n < 0)"
        )
    return "; ".join(statements)


# ---------------------------------------------------------------------------
# PostgreSQL: statement-level triggers.


def _films_by(rows, sign):
    """Add `sign` to each film's count for every published review among `rows`."""
    return (
        f"UPDATE {FILM} f SET published_review_count = f.published_review_count {sign} c.n "
        f"FROM (SELECT film_id, count(*) AS n FROM {rows} WHERE status = {PUBLISHED} GROUP BY film_id) c "
        "WHERE f.id = c.film_id"
    )


def _tags_of_reviews(rows, sign):
    """(tag_id, n): the tags the published reviews among `rows` carry, n times each."""
    return (
        f"SELECT t.tag_id AS tag_id, {sign}count(*) AS n FROM {rows} r "
        f"JOIN {TAGGED_REVIEW} t ON t.content_object_id = r.id WHERE r.status = {PUBLISHED} GROUP BY t.tag_id"
    )


def _tags_of_published(rows, sign):
    """(tag_id, n): the tags of the tagged rows among `rows` whose review is published."""
    return (
        f"SELECT t.tag_id AS tag_id, {sign}count(*) AS n FROM {rows} t "
        f"JOIN {REVIEW} r ON r.id = t.content_object_id WHERE r.status = {PUBLISHED} GROUP BY t.tag_id"
    )


PUBLISHED_CHANGE = f"""
    SELECT t.tag_id AS tag_id, sum(d.n) AS n FROM (
        SELECT n.id, (n.status = {PUBLISHED})::int - (o.status = {PUBLISHED})::int AS n
        FROM old_rows o JOIN new_rows n ON n.id = o.id
    ) d JOIN {TAGGED_REVIEW} t ON t.content_object_id = d.id
    WHERE d.n <> 0 GROUP BY t.tag_id
"""
FILMS_CHANGE = f"""
    UPDATE {FILM} f SET published_review_count = f.published_review_count + c.n
    FROM (
        SELECT film_id, sum(n) AS n FROM (
            SELECT film_id, -1 AS n FROM old_rows WHERE status = {PUBLISHED}
            UNION ALL SELECT film_id, 1 FROM new_rows WHERE status = {PUBLISHED}
        ) AS changes GROUP BY film_id
    ) c
    WHERE f.id = c.film_id AND c.n <> 0
"""
NEW, OLD, BOTH = (
    "REFERENCING NEW TABLE AS new_rows",
    "REFERENCING OLD TABLE AS old_rows",
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
)

# name: (table, event, transition tables, body)
PG_FUNCTIONS = {
    # Reviews: their films' counts, and the counts of the tags they already carry.
    "count_on_review_insert": (
        REVIEW,
        "INSERT",
        NEW,
        f"{_films_by('new_rows', '+')}; {_upsert('review_count', _tags_of_reviews('new_rows', ''), '+')};",
    ),
    "count_on_review_delete": (
        REVIEW,
        "DELETE",
        OLD,
        f"{_films_by('old_rows', '-')}; {_upsert('review_count', _tags_of_reviews('old_rows', '-'), '-')};",
    ),
    "count_on_review_update": (REVIEW, "UPDATE", BOTH, f"{FILMS_CHANGE}; {_upsert('review_count', PUBLISHED_CHANGE)};"),
    # Tagged reviews: their tag's count, when their review is published.
    "count_on_tagged_review_insert": (
        TAGGED_REVIEW,
        "INSERT",
        NEW,
        _upsert("review_count", _tags_of_published("new_rows", ""), "+") + ";",
    ),
    "count_on_tagged_review_delete": (
        TAGGED_REVIEW,
        "DELETE",
        OLD,
        _upsert("review_count", _tags_of_published("old_rows", "-"), "-") + ";",
    ),
    "count_on_tagged_review_update": (
        TAGGED_REVIEW,
        "UPDATE",
        BOTH,
        _upsert(
            "review_count",
            f"SELECT tag_id, sum(n) AS n FROM ({_tags_of_published('old_rows', '-')} "
            f"UNION ALL {_tags_of_published('new_rows', '')}) AS changes GROUP BY tag_id",
        )
        + ";",
    ),
    # Tagged films: their tag's count.
    "count_on_tagged_film_insert": (
        TAGGED_FILM,
        "INSERT",
        NEW,
        _upsert("film_count", "SELECT tag_id, count(*) AS n FROM new_rows GROUP BY tag_id", "+") + ";",
    ),
    "count_on_tagged_film_delete": (
        TAGGED_FILM,
        "DELETE",
        OLD,
        _upsert("film_count", "SELECT tag_id, -count(*) AS n FROM old_rows GROUP BY tag_id", "-") + ";",
    ),
    "count_on_tagged_film_update": (
        TAGGED_FILM,
        "UPDATE",
        BOTH,
        _upsert(
            "film_count",
            "SELECT tag_id, sum(n) AS n FROM (SELECT tag_id, -1 AS n FROM old_rows "
            "UNION ALL SELECT tag_id, 1 FROM new_rows) AS changes GROUP BY tag_id",
        )
        + ";",
    ),
}


def _pg_install(cursor):
    for name, (table, event, transition, body) in PG_FUNCTIONS.items():
        cursor.execute(
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql "
            f"AS $$ BEGIN {body} RETURN NULL; END $$"
        )
        cursor.execute(
            f"CREATE OR REPLACE TRIGGER {name} AFTER {event} ON {table} {transition} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()"
        )


# ---------------------------------------------------------------------------
# SQLite: row triggers.


def _sqlite_tags_of_review(row, delta):
    """SQL adding `delta` to the count of each tag the review `row` carries."""
    tags = f"SELECT tag_id, {delta} AS n FROM {TAGGED_REVIEW} WHERE content_object_id = {row}.id"
    return _upsert("review_count", tags, "+" if delta > 0 else "-")


def _sqlite_tag_if_published(row, delta):
    """SQL adding `delta` to the count of the tag of the tagged row `row`, when its review is published."""
    tag = f"SELECT {row}.tag_id AS tag_id, {delta} AS n FROM {REVIEW} WHERE id = {row}.content_object_id"
    return _upsert("review_count", f"{tag} AND status = {PUBLISHED}", "+" if delta > 0 else "-")


def _sqlite_film(row, delta):
    return f"UPDATE {FILM} SET published_review_count = published_review_count {delta} WHERE id = {row}.film_id"


SQLITE_TRIGGERS = {
    "count_on_review_insert": (
        f"AFTER INSERT ON {REVIEW} WHEN new.status = {PUBLISHED} "
        f"BEGIN {_sqlite_film('new', '+ 1')}; {_sqlite_tags_of_review('new', 1)}; END"
    ),
    "count_on_review_delete": (
        f"AFTER DELETE ON {REVIEW} WHEN old.status = {PUBLISHED} "
        f"BEGIN {_sqlite_film('old', '- 1')}; {_sqlite_tags_of_review('old', -1)}; END"
    ),
    "count_on_review_update": (
        f"AFTER UPDATE OF status, film_id ON {REVIEW} "
        "WHEN old.status IS NOT new.status OR old.film_id IS NOT new.film_id BEGIN "
        f"{_sqlite_film('old', '- 1')} AND old.status = {PUBLISHED}; "
        f"{_sqlite_film('new', '+ 1')} AND new.status = {PUBLISHED}; "
        + _upsert(
            "review_count",
            f"SELECT tag_id, (new.status = {PUBLISHED}) - (old.status = {PUBLISHED}) AS n "
            f"FROM {TAGGED_REVIEW} WHERE content_object_id = new.id",
        )
        + "; END"
    ),
    "count_on_tagged_review_insert": (
        f"AFTER INSERT ON {TAGGED_REVIEW} BEGIN {_sqlite_tag_if_published('new', 1)}; END"
    ),
    "count_on_tagged_review_delete": (
        f"AFTER DELETE ON {TAGGED_REVIEW} BEGIN {_sqlite_tag_if_published('old', -1)}; END"
    ),
    "count_on_tagged_review_update": (
        f"AFTER UPDATE OF tag_id, content_object_id ON {TAGGED_REVIEW} "
        f"BEGIN {_sqlite_tag_if_published('old', -1)}; {_sqlite_tag_if_published('new', 1)}; END"
    ),
    "count_on_tagged_film_insert": (
        f"AFTER INSERT ON {TAGGED_FILM} BEGIN {_upsert('film_count', 'SELECT new.tag_id AS tag_id, 1 AS n', '+')}; END"
    ),
    "count_on_tagged_film_delete": (
        f"AFTER DELETE ON {TAGGED_FILM} BEGIN {_upsert('film_count', 'SELECT old.tag_id AS tag_id, -1 AS n', '-')}; END"
    ),
    "count_on_tagged_film_update": (
        f"AFTER UPDATE OF tag_id ON {TAGGED_FILM} BEGIN "
        f"{_upsert('film_count', 'SELECT old.tag_id AS tag_id, -1 AS n', '-')}; "
        f"{_upsert('film_count', 'SELECT new.tag_id AS tag_id, 1 AS n', '+')}; END"
    ),
}


# ---------------------------------------------------------------------------


def install():
    """Create (or replace) every counting trigger. Idempotent."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # DDL on a table with pending deferred checks (writes earlier in this transaction) fails.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            _pg_install(cursor)
        else:
            for name, definition in SQLITE_TRIGGERS.items():
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
                cursor.execute(f"CREATE TRIGGER {name} {definition}")


def uninstall():
    with transaction.atomic(), connection.cursor() as cursor:
        for name, (table, *_) in PG_FUNCTIONS.items():
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
                cursor.execute(f"DROP FUNCTION IF EXISTS {name}()")
            else:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def recount():
    """Recompute every kept count from the rows, changing only those that differ."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {FILM} SET published_review_count = counted.n
            FROM (
                SELECT f.id, count(r.id) AS n FROM {FILM} f
                LEFT JOIN {REVIEW} r ON r.film_id = f.id AND r.status = {PUBLISHED}
                GROUP BY f.id
            ) AS counted
            WHERE {FILM}.id = counted.id AND {FILM}.published_review_count <> counted.n
            """
        )
        cursor.execute(
            f"""
            WITH films AS (SELECT tag_id, count(*) AS n FROM {TAGGED_FILM} GROUP BY tag_id),
            reviews AS (
                SELECT t.tag_id, count(*) AS n FROM {TAGGED_REVIEW} t JOIN {REVIEW} r ON r.id = t.content_object_id
                WHERE r.status = {PUBLISHED} GROUP BY t.tag_id
            )
            INSERT INTO {TAG_USE} (tag_id, film_count, review_count)
            SELECT tag.id, coalesce(films.n, 0), coalesce(reviews.n, 0) FROM taggit_tag tag
            LEFT JOIN films ON films.tag_id = tag.id LEFT JOIN reviews ON reviews.tag_id = tag.id
            WHERE true
            ON CONFLICT (tag_id) DO UPDATE SET film_count = excluded.film_count, review_count = excluded.review_count
            WHERE {TAG_USE}.film_count <> excluded.film_count OR {TAG_USE}.review_count <> excluded.review_count
            """
        )


def missing_triggers():
    """Names of counting triggers that should exist and do not (a SQLite table rebuild drops them)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgname = ANY(%s)", [list(PG_FUNCTIONS)])
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        present = {name for (name,) in cursor.fetchall()}
    return [name for name in PG_FUNCTIONS if name not in present]


@contextmanager
def deferred():
    """For bulk loads: no counting row by row. The triggers are dropped (PostgreSQL: inside the
    transaction, which holds the tables) and put back, also when the block fails; the caller
    then calls `recount()` once."""
    uninstall()
    try:
        yield
    finally:
        install()
