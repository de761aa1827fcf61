"""Writing generated rows: COPY into PostgreSQL, executemany into anything else.

PostgreSQL writes into tables truncated in the same transaction (so COPY can
FREEZE the rows), with their secondary indexes, unique and foreign-key
constraints dropped first and rebuilt from their own catalog definitions at the
end; a snapshot of the schema taken before is compared with the one after.
"""

import io
import itertools
import time
from datetime import date, datetime

from django.core.management.color import no_style
from django.db import connection


class InsertWriter:
    """Plain INSERTs in big batches, inside the caller's transaction: SQLite only has to work, at small sizes."""

    batch_size = 5000
    index_seconds = ()

    def lock(self, models):
        pass

    def clear(self, models):
        with connection.cursor() as cursor:
            for model in reversed(models):
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")

    def defer_indexes(self, models):
        pass

    def restore_indexes(self, on_progress):
        on_progress(1, 1)

    def write(self, model, columns, rows):
        sql = "INSERT INTO {} ({}) VALUES ({})".format(
            connection.ops.quote_name(model._meta.db_table),
            ", ".join(connection.ops.quote_name(column) for column in columns),
            ", ".join(["%s"] * len(columns)),
        )
        count = 0
        with connection.cursor() as cursor:
            for batch in itertools.batched(rows, self.batch_size):
                cursor.executemany(sql, [tuple(map(self._adapt, row)) for row in batch])
                count += len(batch)
        return count

    @staticmethod
    def _adapt(value):
        if isinstance(value, datetime):
            return connection.ops.adapt_datetimefield_value(value)
        if isinstance(value, date):
            return value.isoformat()
        return value

    def reset_sequences(self, models):
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)

    def analyze(self, models):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def mark_visible(self, models):
        """Nothing to do: SQLite has no visibility map."""

    def database_bytes(self):
        return None


LOCK_TIMEOUT = "30s"

# Text format of COPY: backslash, tab, newline and carriage return are escaped; \N is NULL.
COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_value(value):
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return value.translate(COPY_ESCAPES)
    if isinstance(value, date):  # dates and aware datetimes
        return value.isoformat()
    return str(value)


class _CopyStream(io.RawIOBase):
    """A read-only file over rows as COPY text, produced as the database asks for it."""

    chunk_rows = 2000

    def __init__(self, rows):
        self.chunks = self._chunks(rows)
        self.pending = b""
        self.rows = 0

    def _chunks(self, rows):
        copy_value = _copy_value
        for batch in itertools.batched(rows, self.chunk_rows):
            self.rows += len(batch)
            yield "".join("\t".join(map(copy_value, row)) + "\n" for row in batch).encode()

    def readable(self):
        return True

    def read(self, size=-1):
        while size < 0 or len(self.pending) < size:
            chunk = next(self.chunks, None)
            if chunk is None:
                break
            self.pending += chunk
        if size < 0:
            size = len(self.pending)
        data, self.pending = self.pending[:size], self.pending[size:]
        return data


class PostgresWriter(InsertWriter):
    """COPY into freshly truncated tables whose secondary indexes and constraints are rebuilt at the end."""

    def __init__(self):
        self.tables = self.deferred = self.schema_before = None
        self.index_seconds = []

    def lock(self, models):
        """Take the archive's tables for this transaction (TRUNCATE would anyway): nobody sees half an
        archive. Raises OperationalError if another session holds them for more than LOCK_TIMEOUT."""
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
            cursor.execute(f"LOCK TABLE {self._table_list(models)} IN ACCESS EXCLUSIVE MODE")
            cursor.execute("SET LOCAL lock_timeout TO DEFAULT")
            cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")  # index builds sort in memory

    def clear(self, models):
        # Only ever an empty archive or an untouched generated one (checked first). Truncating
        # in this transaction also lets COPY freeze the rows.
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {self._table_list(models)} RESTART IDENTITY")

    def defer_indexes(self, models):
        self.tables = [model._meta.db_table for model in models]
        self.schema_before = schema_snapshot(self.tables)
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT c.conrelid::regclass::text, c.conname, c.contype, pg_get_constraintdef(c.oid)
                FROM pg_constraint c
                WHERE c.conrelid = ANY(%s::regclass[]) AND c.contype IN ('f', 'u')
                ORDER BY c.contype, c.conrelid::regclass::text, c.conname
                """,
                [self.tables],
            )
            constraints = cursor.fetchall()
            cursor.execute(
                """
                SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                FROM pg_index i
                WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype <> 'f')
                ORDER BY 1
                """,
                [self.tables],
            )
            indexes = cursor.fetchall()
            # Foreign keys first: they may need a unique index that goes next.
            for table, name, _, _ in constraints:
                cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}")
            for name, _ in indexes:
                cursor.execute(f"DROP INDEX {name}")
        self.deferred = (constraints, indexes)

    def write(self, model, columns, rows):
        sql = "COPY {} ({}) FROM STDIN WITH (FREEZE)".format(
            connection.ops.quote_name(model._meta.db_table),
            ", ".join(connection.ops.quote_name(column) for column in columns),
        )
        stream = _CopyStream(rows)
        with connection.cursor() as cursor, connection.wrap_database_errors:
            raw = cursor.cursor
            if hasattr(raw, "copy_expert"):  # psycopg2
                raw.copy_expert(sql, stream, size=1 << 20)
            else:  # psycopg 3
                with raw.copy(sql) as copy:
                    while data := stream.read(1 << 20):
                        copy.write(data)
        return stream.rows

    def restore_indexes(self, on_progress):
        constraints, indexes = self.deferred
        statements = [(name, definition) for name, definition in indexes]
        # Unique constraints before the foreign keys that may point at them.
        for kind in ("u", "f"):
            statements += [
                (name, f"ALTER TABLE {table} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}")
                for table, name, contype, definition in constraints
                if contype == kind
            ]
        with connection.cursor() as cursor:
            for done, (name, statement) in enumerate(statements):
                on_progress(done, len(statements))
                started = time.perf_counter()
                cursor.execute(statement)
                self.index_seconds.append((name, time.perf_counter() - started))
            on_progress(len(statements), len(statements))
        schema_after = schema_snapshot(self.tables)
        if schema_after != self.schema_before:
            differences = sorted(set(schema_after) ^ set(self.schema_before))[:5]
            raise RuntimeError(f"The rebuilt schema differs from the one before (rolled back): {differences}")

    def analyze(self, models):
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {self._table_list(models)}")

    def mark_visible(self, models):
        """VACUUM the loaded tables whose visibility map COPY FREEZE left unset.

        COPY FREEZE marks pages all-visible only when it writes rows in batches, which a row
        trigger prevents (the reviews' search vector): without the mark, every index-only scan
        of the reviews (counts per film, the newest reviews) reads the table too, ten times
        slower. VACUUM cannot run in a transaction, so this runs after the commit, and not at
        all inside an outer transaction (autovacuum gets there later).
        """
        if connection.in_atomic_block:
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT relname FROM pg_class WHERE relname = ANY(%s) AND relkind = 'r' AND relallvisible < relpages",
                [[model._meta.db_table for model in models]],
            )
            tables = [name for (name,) in cursor.fetchall()]
            for table in tables:
                cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(table)}")

    def database_bytes(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]

    @staticmethod
    def _table_list(models):
        return ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)


def schema_snapshot(tables):
    """PostgreSQL's own description of the tables: columns, constraints, indexes and triggers, sorted.

    Two snapshots are equal when the schema is the same in every respect that the
    migrations define (and any trigger or index added by hand).
    """
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.relname, 'column', a.attname,
                   concat_ws(' ', format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attgenerated,
                             pg_get_expr(d.adbin, d.adrelid))
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE c.relname = ANY(%s) AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
            UNION ALL
            SELECT c.relname, 'constraint', k.conname,
                   concat_ws(' ', k.contype, pg_get_constraintdef(k.oid), k.condeferrable, k.condeferred,
                             k.convalidated)
            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
            WHERE c.relname = ANY(%s)
            UNION ALL
            SELECT c.relname, 'index', x.relname, pg_get_indexdef(i.indexrelid)
            FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class x ON x.oid = i.indexrelid
            WHERE c.relname = ANY(%s)
            UNION ALL
            SELECT c.relname, 'trigger', t.tgname, pg_get_triggerdef(t.oid)
            FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            WHERE c.relname = ANY(%s) AND NOT t.tgisinternal
            ORDER BY 1, 2, 3
            """,
            [list(tables)] * 4,
        )
        return cursor.fetchall()
