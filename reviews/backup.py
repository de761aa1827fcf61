"""The archive as one file, and back: `manage.py export_archive` and `manage.py restore_archive`.

The file is JSON Lines (gzip when its name ends in .gz): a header line naming the format and
its version, then one line per record in Django's serialization ({"model", "pk", "fields"}),
model after model in an order where every record comes after what it points at, then an end
line with the number of records of each model. Everything an editor made is in it: the
archive's records and tags, the edit history (django-reversion's revisions and versions, the
admin's log), the groups with their permissions, and the editors' accounts (without their
password hashes unless asked). Not in it: what the database derives (kept counts, the page
cache's purge log, search indexes), sessions and sign-in attempts.

Restoring needs an empty, migrated database (holding only what migrations load: the Editors
group, the countries and the built-in source, which the file's own records replace) and
writes in one transaction: a file of an unknown version, a damaged line, a record the
database refuses, a missing end line or counts that do not match the end line, and nothing
is written. Ids are kept, so every address and every link between records stays as it was;
texts go in byte for byte; the database fills in its search index and kept counts as for
any insert.

Memory stays flat whatever the archive's size: records are read in chunks and written line by
line, and restored in batches.
"""

import gzip
import io
import json
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers import python
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, IntegrityError, connection, transaction
from reversion.models import Revision, Version
from taggit.models import Tag, TaggedItem

from reviews import counting
from reviews import models as archive
from reviews.cache import purging
from reviews.models.reviews import BUILT_IN_SOURCE_SLUG

FORMAT = "filmarchive-archive"
VERSION = 1
SUPPORTED_VERSIONS = {1}
CHUNK = 2000  # records read, and restored, at a time

User = get_user_model()

# Every model in the file, each after what it points at. `natural` marks models whose records
# name content types, permissions or groups by their natural keys (their ids differ between
# databases); user accounts are named by id like every other record.
MODELS = [
    (Group, True),
    (User, True),
    (archive.Country, False),
    (archive.Source, False),
    (Tag, False),
    (archive.Film, False),
    (archive.FilmTitle, False),
    (archive.Person, False),
    (archive.PersonName, False),
    (archive.Credit, False),
    (archive.Festival, False),
    (archive.Award, False),
    (archive.Edition, False),
    (archive.Section, False),
    (archive.Selection, False),
    (archive.JuryMember, False),
    (archive.AwardOutcome, False),
    (archive.AwardRecipient, False),
    (archive.Review, False),
    (archive.FormerAddress, False),
    (archive.TaggedFilm, False),
    (archive.TaggedReview, False),
    (TaggedItem, True),
    (archive.Citation, True),
    (Revision, False),
    (Version, True),
    (LogEntry, True),
]
MODEL_BY_LABEL = {model._meta.label_lower: model for model, _ in MODELS}
POSITION = {label: position for position, label in enumerate(MODEL_BY_LABEL)}  # each model's place in the file


class BackupError(Exception):
    """A file that cannot be restored, or a database it cannot be restored into; nothing was written."""


def _json_default(value):
    # Full precision: DjangoJSONEncoder would cut microseconds to milliseconds.
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not serializable")


def _line(data):
    return json.dumps(data, ensure_ascii=False, default=_json_default, separators=(",", ":")) + "\n"


class _LineSerializer(python.Serializer):
    """Django's python serializer, writing each record as a line instead of keeping them all."""

    def __init__(self, write):
        super().__init__()
        self.write = write

    def end_object(self, obj):
        data = self.get_dump_object(obj)
        for name, value in data["fields"].items():
            if isinstance(value, list) and obj._meta.get_field(name).many_to_many:
                data["fields"][name] = sorted(value)  # the same file from any engine's collation
        self.write(_line(data))
        self._current = None


def _records(model):
    records = model._base_manager.order_by("pk")
    many_to_many = [field.name for field in model._meta.many_to_many if field.serialize]
    if many_to_many:
        records = records.prefetch_related(*many_to_many)
    return records.iterator(chunk_size=CHUNK)


def _exported_fields(model, with_passwords):
    if model is User and not with_passwords:
        return [
            field.name
            for field in model._meta.fields + model._meta.many_to_many
            if field.name not in {"id", "password"}
        ]
    return None


def open_for_writing(path, compressed):
    if compressed:
        return gzip.open(path, "wt", encoding="utf-8", compresslevel=6)
    return open(path, "w", encoding="utf-8")


def export_archive(stream, *, with_passwords=False, on_progress=None):
    """Write the whole archive to the text stream `stream`. Returns {model label: records}."""
    # One snapshot of the whole archive, even while editors work (PostgreSQL: REPEATABLE READ;
    # inside a transaction already begun, that transaction's view).
    snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic():
        if snapshot:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        counts = {model._meta.label_lower: model._base_manager.count() for model, _ in MODELS}
        total, done = sum(counts.values()), 0
        # The counts come first too, for restore_archive's progress bar; the end line says the file is whole.
        stream.write(_line({"format": FORMAT, "version": VERSION, "with_passwords": with_passwords, "counts": counts}))
        for model, natural in MODELS:
            written = 0

            def write(line):
                nonlocal written, done
                stream.write(line)
                written += 1
                done += 1
                if on_progress and done % CHUNK == 0:
                    on_progress(done, total)

            _LineSerializer(write).serialize(
                _records(model),
                fields=_exported_fields(model, with_passwords),
                use_natural_foreign_keys=natural,
            )
            counts[model._meta.label_lower] = written
    stream.write(_line({"end": True, "counts": counts}))
    if on_progress:
        on_progress(total, total)
    return counts


# --- Restoring ------------------------------------------------------------------------------


def open_for_reading(path):
    with open(path, "rb") as file:
        magic = file.read(2)
    if magic == b"\x1f\x8b":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8")
    return open(path, encoding="utf-8")


@dataclass
class RestoreResult:
    counts: dict

    @property
    def total(self):
        return sum(self.counts.values())


def _migrated():
    """What `migrate` writes into a new database, by model: the file holds it too, with its ids."""
    return {
        Group: Group.objects.all(),  # the Editors group
        archive.Country: archive.Country.objects.all(),
        archive.Source: archive.Source.objects.filter(slug=BUILT_IN_SOURCE_SLUG),
    }


def _check_empty():
    migrated = _migrated()
    filled = []
    for model, _ in MODELS:
        records = model._base_manager.all()
        if model in migrated:
            records = records.exclude(pk__in=migrated[model])
        if records.exists():
            filled.append(str(model._meta.verbose_name_plural))
    if filled:
        raise BackupError(
            f"The database is not empty (it has {', '.join(filled[:4])}{', …' if len(filled) > 4 else ''}): "
            "restore into a new database, migrated with `manage.py migrate` and nothing else."
        )


def _read_header(lines):
    try:
        first = next(lines)
    except StopIteration:
        raise BackupError("The file is empty.") from None
    try:
        header = json.loads(first)
    except ValueError:
        raise BackupError("This is not an archive file made by export_archive (its first line is not JSON).") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BackupError("This is not an archive file made by export_archive.")
    if header.get("version") not in SUPPORTED_VERSIONS:
        raise BackupError(
            f"This archive file is of format version {header.get('version')!r}; this site restores version "
            f"{', '.join(map(str, sorted(SUPPORTED_VERSIONS)))}. Restore it with the version of the site that made it."
        )
    return header


class _Restorer:
    def __init__(self, with_passwords):
        self.with_passwords = with_passwords
        self.counts = {}
        self.batch_model = None
        self.batch = []  # DeserializedObjects
        self.batch_lines = (0, 0)
        self.position = 0  # the place of the model read last: records come model after model

    def add(self, number, record):
        label = record.get("model") if isinstance(record, dict) else None
        if label not in MODEL_BY_LABEL:
            raise BackupError(f"Line {number}: not a record of the archive ({str(label)[:60]!r}).")
        if POSITION[label] < self.position:
            raise BackupError(f"Line {number}: a {label} record after the {self.batch_model} records.")
        self.position = POSITION[label]
        if label != self.batch_model or len(self.batch) >= CHUNK:
            self.flush()
            self.batch_model, self.batch_lines = label, (number, number)
        model = MODEL_BY_LABEL[label]
        if model is User and not self.with_passwords:
            record["fields"]["password"] = make_password(None)  # cannot sign in until given a new one
        try:
            [deserialized] = serializers.deserialize("python", [record], handle_forward_references=False)
        except (DeserializationError, ValueError, TypeError, KeyError, LookupError) as error:
            raise BackupError(f"Line {number}: a {label} record that cannot be read ({error}).") from None
        self.batch.append(deserialized)
        self.batch_lines = (self.batch_lines[0], number)
        self.counts[label] = self.counts.get(label, 0) + 1

    def flush(self):
        if not self.batch:
            return
        model = MODEL_BY_LABEL[self.batch_model]
        first, last = self.batch_lines
        try:
            with transaction.atomic():  # a savepoint: the error below names the lines, the outer block rolls back
                model._base_manager.bulk_create([deserialized.object for deserialized in self.batch])
                for field in model._meta.many_to_many:
                    if field.name in (self.batch[0].m2m_data or {}) and field.remote_field.through._meta.auto_created:
                        through = field.remote_field.through
                        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
                        through._base_manager.bulk_create(
                            through(**{f"{source}_id": item.object.pk, f"{target}_id": target_id})
                            for item in self.batch
                            for target_id in item.m2m_data.get(field.name, ())
                        )
        except (IntegrityError, DatabaseError, ValueError) as error:
            raise BackupError(
                f"Lines {first}–{last}: the database refused these {str(model._meta.verbose_name_plural)} "
                f"({str(error).strip().splitlines()[0][:300]})."
            ) from None
        self.batch = []


def restore_archive(stream, *, on_progress=None):
    """Load an export into this empty, migrated database, exactly; all or nothing."""
    lines = iter(stream)
    try:
        header = _read_header(lines)
        _check_empty()
        restorer = _Restorer(header.get("with_passwords", False))
        counts = header.get("counts")
        expected_total = sum(counts.values()) if isinstance(counts, dict) else None
        end = None
        with transaction.atomic(), purging.deferred(), counting.deferred():
            if connection.vendor == "postgresql":
                # A record pointing at one missing from the file fails with its own batch, by line.
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for records in _migrated().values():
                records.delete()
            for number, text in enumerate(lines, start=2):
                try:
                    record = json.loads(text)
                except ValueError:
                    raise BackupError(f"Line {number}: damaged (not JSON). Is the file complete?") from None
                if isinstance(record, dict) and record.get("end") is True:
                    end = (number, record)
                    break
                restorer.add(number, record)
                if on_progress and number % CHUNK == 0:
                    on_progress(number - 1, expected_total)
            restorer.flush()
            if end is None:
                raise BackupError("The file ends before its last line: it is truncated. Nothing was restored.")
            if connection.vendor == "sqlite":
                _check_references()
            number, record = end
            if next(lines, None) is not None:
                raise BackupError(f"Line {number + 1}: text after the end line.")
            expected = {label: count for label, count in (record.get("counts") or {}).items() if count}
            if restorer.counts != expected:
                raise BackupError(
                    "The records read do not match the counts the file ends with: it is damaged. Nothing was restored."
                )
            _reset_sequences()
            counting.recount()
    except (EOFError, gzip.BadGzipFile, UnicodeDecodeError, OSError) as error:
        raise BackupError(f"The file cannot be read to its end ({error}): it is damaged or truncated.") from None
    result = RestoreResult(restorer.counts)
    if on_progress:
        on_progress(result.total, result.total)
    return result


def _check_references():
    """SQLite checks foreign keys only at the commit: check them now, to refuse with a message."""
    tables = [model._meta.db_table for model, _ in MODELS]
    # And the many-to-many tables the restore fills (a film's countries).
    tables += [
        field.remote_field.through._meta.db_table
        for model, _ in MODELS
        for field in model._meta.many_to_many
        if field.remote_field.through._meta.auto_created
    ]
    try:
        connection.check_constraints(table_names=tables)
    except IntegrityError as error:
        raise BackupError(f"The database refused a record pointing at one the file does not hold ({error}).") from None


def _reset_sequences():
    statements = connection.ops.sequence_reset_sql(no_style(), [model for model, _ in MODELS])
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
