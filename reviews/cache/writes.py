"""What a write to the archive invalidates: one declaration per table, kept by the database itself.

Every table whose rows pages show has triggers that write the keys a change names
(reviews/cache/keys.py) into the pending-purge log (PendingPurge), in the same
transaction as the change. Whatever writes (the admin, `QuerySet.update()`, bulk_create,
an import's COPY, a shell, psql), the keys are written, and only if it commits. After the
commit, reviews/cache/purging.py reads the log and purges the keys.

A rule names a key, from the row's own columns ("film:{film_id}"), and when:

- `columns=None`: on every insert and delete, and every update that changes the row;
- `columns=(...)`: on inserts and deletes, and on updates that change one of these columns
  (a list's order or membership: a film's title moves it in the title order);
- `where`: only for rows that meet this condition, before or after the change (a review's
  film shows it only once published);
- `updates_only`: not on inserts and deletes (a tag shows nowhere until it is used).

Two rules reach beyond the row: a tagged item names the tags of its item's other tags too
(a tag page's related tags are counted over its items' tags), and a citation names the
record it cites, through its content type.

PostgreSQL runs one statement-level trigger per table and kind of write, over the
statement's transition tables (an import's COPY of a thousand reviews writes its keys in
one INSERT); SQLite, which has only row triggers, one trigger per row.
"""

from dataclasses import dataclass

from django.db import connection, transaction

from . import keys

LOG_TABLE = "reviews_pendingpurge"
# Columns whose change alone changes nothing a page shows.
UNSHOWN_COLUMNS = frozenset({"updated_at", "updated_by_id"})
TRIGGER_PREFIX = "purge_on_"


@dataclass(frozen=True)
class Rule:
    template: str  # "film:{film_id}", or a key without a column: "films"
    columns: tuple | None = None
    where: str = ""  # SQL about the row, written with {row}: "{row}.status = 'published'"
    updates_only: bool = False

    def value_sql(self, row):
        head, _, rest = self.template.partition("{")
        if not rest:
            return f"'{head}'"
        column = rest.removesuffix("}")
        return f"'{head}' || {row}.{column}"


@dataclass(frozen=True)
class Via:
    """Keys of rows of another table (or the same) related to the row: `prefix:<table.column>` for
    each row of `table` whose `match` equals the row's `row_column`. Like Rule, on inserts and
    deletes, and on updates that change one of `columns` (None: any).

    A tagged item's other tags: Via("tag", "reviews_taggedreview", "tag_id", "content_object_id",
    "content_object_id"). The people credited on a film whose title changed: Via("person",
    "reviews_credit", "person_id", "film_id", columns=("title", ...)).
    """

    prefix: str
    table: str
    column: str
    match: str
    row_column: str = "id"
    columns: tuple | None = None

    def select_sql(self, row):
        return (
            f"SELECT '{self.prefix}:' || t.{self.column} AS key FROM {self.table} t "
            f"WHERE t.{self.match} = {row}.{self.row_column}"
        )


@dataclass(frozen=True)
class Cited:
    """The key of the record a citation cites: its content type's model name and its id."""


@dataclass(frozen=True)
class Watch:
    table: str
    rules: tuple


PUBLISHED = "{row}.status = 'published'"
SCHEDULED = "{row}.status = 'scheduled'"
# What moves a review in or out of its lists, or along them.
LISTED = ("status", "published_at", "film_id")
# What a person's page shows of each of their films: its filmography line, its reviews.
FILM_ON_PERSON_PAGES = ("title", "year", "slug", "published_review_count")

WATCHES = (
    Watch(
        "reviews_film",
        (
            Rule("film:{id}"),
            Via("person", "reviews_credit", "person_id", "film_id", columns=FILM_ON_PERSON_PAGES),
            Rule(keys.FILMS, ("title", "year", "slug")),
            Rule(keys.SEARCH, ("title", "year", "slug")),
            Rule(keys.FILMS_BY_REVIEWS, ("title", "year", "slug", "published_review_count")),
            Rule(keys.FEATURED, ("is_featured",), where="{row}.is_featured"),
        ),
    ),
    Watch("reviews_filmtitle", (Rule("film:{film_id}"), Rule(keys.SEARCH, ("title", "film_id")))),
    Watch("reviews_film_countries", (Rule("film:{film_id}"), Rule(keys.FILMS, ()))),
    Watch(
        "reviews_person",
        (Rule("person:{id}"), Rule(keys.PEOPLE, ("name", "slug")), Rule(keys.SEARCH, ("name", "slug"))),
    ),
    Watch("reviews_personname", (Rule("person:{person_id}"), Rule(keys.SEARCH, ("name", "person_id")))),
    Watch("reviews_credit", (Rule("film:{film_id}"), Rule("person:{person_id}"))),
    Watch(
        "reviews_review",
        (
            Rule("review:{id}"),
            Rule("film:{film_id}", LISTED, where=PUBLISHED),
            Rule(keys.REVIEWS, LISTED, where=PUBLISHED),
            Rule(keys.SEARCH, (*LISTED, "headline", "body", "slug"), where=PUBLISHED),
            Rule(keys.SCHEDULED, ("status", "published_at"), where=SCHEDULED),
        ),
    ),
    Watch(
        "reviews_taggedreview",
        (
            Rule("review:{content_object_id}"),
            Rule("tag:{tag_id}"),
            Via("tag", "reviews_taggedreview", "tag_id", "content_object_id", "content_object_id"),
        ),
    ),
    Watch(
        "reviews_taggedfilm",
        (
            Rule("film:{content_object_id}"),
            Rule("tag:{tag_id}"),
            Via("tag", "reviews_taggedfilm", "tag_id", "content_object_id", "content_object_id"),
        ),
    ),
    Watch("reviews_taguse", (Rule("tag:{tag_id}"), Rule(keys.TAGS))),
    # A renamed tag shows on every card that carries it: too broad to follow.
    Watch("taggit_tag", (Rule("tag:{id}"), Rule(keys.EVERYTHING, ("name", "slug"), updates_only=True))),
    Watch(
        "reviews_festival",
        (
            Rule("festival:{id}"),
            Rule(keys.FESTIVALS, ("name", "slug")),
            Rule(keys.SEARCH, ("name", "short_name", "city", "slug")),
        ),
    ),
    Watch(
        "reviews_edition",
        (
            Rule("edition:{id}"),
            Rule("festival:{festival_id}"),
            Rule(keys.FESTIVALS, ()),  # the editions' sitemap (reviews/sitemaps.py)
            Rule(keys.SEARCH, ("year", "festival_id", "number")),
        ),
    ),
    Watch("reviews_section", (Rule("section:{id}"), Rule("edition:{edition_id}"))),
    Watch("reviews_selection", (Rule("film:{film_id}"), Rule("section:{section_id}"))),
    Watch("reviews_jurymember", (Rule("edition:{edition_id}"), Rule("person:{person_id}"))),
    Watch("reviews_award", (Rule("award:{id}"), Rule("festival:{festival_id}"))),
    Watch(
        "reviews_awardoutcome",
        (Rule("awardoutcome:{id}"), Rule("edition:{edition_id}"), Rule("film:{film_id}")),
    ),
    Watch("reviews_awardrecipient", (Rule("awardoutcome:{outcome_id}"), Rule("person:{person_id}"))),
    Watch("reviews_citation", (Cited(),)),
    # Countries and sources show on countless cards; their changes are rare.
    Watch("reviews_country", (Rule(keys.EVERYTHING),)),
    Watch("reviews_source", (Rule(keys.EVERYTHING),)),
)


def _columns(table):
    with connection.cursor() as cursor:
        return [column.name for column in connection.introspection.get_table_description(cursor, table)]


def _primary_key(table):
    with connection.cursor() as cursor:
        return connection.introspection.get_primary_key_column(cursor, table)


def _changed(columns, old, new, distinct):
    return "(" + " OR ".join(f"{old}.{column} {distinct} {new}.{column}" for column in columns) + ")"


def _where(rule, row):
    return rule.where.format(row=row) if rule.where else "TRUE"


# ---------------------------------------------------------------------------
# PostgreSQL: a statement-level trigger per table and kind of write.


def _pg_selects(watch, kind, all_columns):
    """SELECTs of the keys a statement's rows name; `kind` is insert, update or delete."""
    pk = _primary_key(watch.table)
    selects = []
    for rule in watch.rules:
        if isinstance(rule, Cited):
            rows = ["new_rows"] if kind != "delete" else []
            rows += ["old_rows"] if kind != "insert" else []
            selects += [
                f"SELECT ct.model || ':' || r.object_id AS key FROM {rows_name} r "
                "JOIN django_content_type ct ON ct.id = r.content_type_id"
                for rows_name in rows
            ]
        elif isinstance(rule, Via):
            if kind == "update":
                columns = [c for c in all_columns if c not in UNSHOWN_COLUMNS] if rule.columns is None else rule.columns
                changed = _changed(columns, "o", "n", "IS DISTINCT FROM")
                selects += [
                    f"SELECT via.key FROM old_rows o JOIN new_rows n ON o.{pk} = n.{pk}, "
                    f"LATERAL ({rule.select_sql(row)}) AS via WHERE {changed}"
                    for row in ("o", "n")
                ]
            else:
                rows_name = "new_rows" if kind == "insert" else "old_rows"
                selects.append(f"SELECT via.key FROM {rows_name} r, LATERAL ({rule.select_sql('r')}) AS via")
        elif kind == "update":
            columns = [c for c in all_columns if c not in UNSHOWN_COLUMNS] if rule.columns is None else rule.columns
            if not columns:
                continue
            condition = (
                f"{_changed(columns, 'o', 'n', 'IS DISTINCT FROM')} AND ({_where(rule, 'o')} OR {_where(rule, 'n')})"
            )
            for row in ("o", "n"):
                selects.append(
                    f"SELECT {rule.value_sql(row)} AS key FROM old_rows o JOIN new_rows n ON o.{pk} = n.{pk} "
                    f"WHERE {condition}"
                )
        elif not rule.updates_only:
            rows_name = "new_rows" if kind == "insert" else "old_rows"
            selects.append(f"SELECT {rule.value_sql('r')} AS key FROM {rows_name} r WHERE {_where(rule, 'r')}")
    return selects


def _pg_statements(watch):
    all_columns = _columns(watch.table)
    statements = []
    for kind in ("insert", "update", "delete"):
        name = f"{TRIGGER_PREFIX}{watch.table}_{kind}"
        union = "\n UNION ALL ".join(_pg_selects(watch, kind, all_columns))
        statements.append(
            f"""
            CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO {LOG_TABLE} (key)
                SELECT DISTINCT key FROM ({union}) AS named WHERE key IS NOT NULL;
                RETURN NULL;
            END
            $$
            """
        )
        transition = {
            "insert": "REFERENCING NEW TABLE AS new_rows",
            "update": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
            "delete": "REFERENCING OLD TABLE AS old_rows",
        }[kind]
        statements.append(
            f"CREATE OR REPLACE TRIGGER {name} AFTER {kind.upper()} ON {watch.table} "
            f"{transition} FOR EACH STATEMENT EXECUTE FUNCTION {name}()"
        )
    return statements


# ---------------------------------------------------------------------------
# SQLite: a row trigger per table and kind of write.


def _sqlite_selects(watch, kind, all_columns):
    selects = []
    rows = (["new"] if kind != "delete" else []) + (["old"] if kind != "insert" else [])
    for rule in watch.rules:
        if isinstance(rule, Cited):
            selects += [
                f"SELECT ct.model || ':' || {row}.object_id AS key FROM django_content_type ct "
                f"WHERE ct.id = {row}.content_type_id"
                for row in rows
            ]
        elif isinstance(rule, Via):
            if kind == "update":
                columns = [c for c in all_columns if c not in UNSHOWN_COLUMNS] if rule.columns is None else rule.columns
                changed = _changed(columns, "old", "new", "IS NOT")
                selects += [f"{rule.select_sql(row)} AND {changed}" for row in rows]
            else:
                selects += [rule.select_sql(row) for row in rows]
        elif kind == "update":
            columns = [c for c in all_columns if c not in UNSHOWN_COLUMNS] if rule.columns is None else rule.columns
            if not columns:
                continue
            condition = (
                f"{_changed(columns, 'old', 'new', 'IS NOT')} AND ({_where(rule, 'old')} OR {_where(rule, 'new')})"
            )
            selects += [f"SELECT {rule.value_sql(row)} AS key WHERE {condition}" for row in ("old", "new")]
        elif not rule.updates_only:
            row = rows[0]
            selects.append(f"SELECT {rule.value_sql(row)} AS key WHERE {_where(rule, row)}")
    return selects


def _sqlite_triggers(watch):
    all_columns = _columns(watch.table)
    triggers = {}
    for kind in ("insert", "update", "delete"):
        union = " UNION ALL ".join(_sqlite_selects(watch, kind, all_columns))
        triggers[f"{TRIGGER_PREFIX}{watch.table}_{kind}"] = (
            f"AFTER {kind.upper()} ON {watch.table} BEGIN "
            f"INSERT INTO {LOG_TABLE} (key) SELECT DISTINCT key FROM ({union}) WHERE key IS NOT NULL; END"
        )
    return triggers


# ---------------------------------------------------------------------------


def trigger_names():
    return [f"{TRIGGER_PREFIX}{watch.table}_{kind}" for watch in WATCHES for kind in ("insert", "update", "delete")]


def install():
    """Create (or replace) every purge trigger. Idempotent."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # DDL on a table with pending deferred checks (writes earlier in this transaction) fails.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for watch in WATCHES:
                for statement in _pg_statements(watch):
                    cursor.execute(statement)
        else:
            for watch in WATCHES:
                for name, definition in _sqlite_triggers(watch).items():
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
                    cursor.execute(f"CREATE TRIGGER {name} {definition}")


def uninstall():
    with transaction.atomic(), connection.cursor() as cursor:
        for watch in WATCHES:
            for kind in ("insert", "update", "delete"):
                name = f"{TRIGGER_PREFIX}{watch.table}_{kind}"
                if connection.vendor == "postgresql":
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {watch.table}")
                    cursor.execute(f"DROP FUNCTION IF EXISTS {name}()")
                else:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
