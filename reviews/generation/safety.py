"""What generate_archive may replace: an empty archive, or one it generated that nobody has changed since.

A generation leaves a manifest with the data (in the description of its first
source): its parameters, when it ran, and how many rows each table received. A
later run with `force` replaces the archive only if every count still matches, no
record was edited or added by an editor since, and the admin's history has no
entry about an archive record. Anything else is refused, so an editor's work is
never lost to a benchmark.
"""

import json
from dataclasses import dataclass
from datetime import datetime

from django.contrib.admin.models import LogEntry
from django.db.models import Q

from reviews.models import Source
from reviews.models.reviews import BUILT_IN_SOURCE_SLUG

from .plan import SOURCES

MANIFEST_MARK = "generate_archive manifest: "


class GenerationRefused(Exception):
    """The database holds data this command must not replace; the message says what and why."""


@dataclass(frozen=True)
class Manifest:
    """What a generation wrote, kept with the data so that a later run can tell it was left alone."""

    reviews: int
    seed: int
    generated_at: str
    rows: dict  # table → rows written

    @classmethod
    def parse(cls, description):
        _, mark, payload = description.partition(MANIFEST_MARK)
        if not mark:
            return None
        try:
            data = json.loads(payload)
            return cls(int(data["reviews"]), int(data["seed"]), str(data["generated_at"]), dict(data["rows"]))
        except (ValueError, KeyError, TypeError):
            return None

    def dumps(self):
        data = {"reviews": self.reviews, "seed": self.seed, "generated_at": self.generated_at, "rows": self.rows}
        return json.dumps(data, sort_keys=True)


def read_manifest():
    """The manifest of the generated archive in the database, or None when there is none (or it is unreadable)."""
    source = Source._base_manager.filter(slug=SOURCES[0].slug).only("description").first()
    return Manifest.parse(source.description) if source else None


def write_manifest(manifest):
    spec = SOURCES[0]
    Source._base_manager.filter(slug=spec.slug).update(
        description=f"{spec.description}\n\n{MANIFEST_MARK}{manifest.dumps()}"
    )


def row_counts(models):
    return {model._meta.db_table: model._base_manager.count() for model in models}


def check_target(models, force):
    """Raise GenerationRefused unless the archive's tables are empty, or hold an untouched generated
    archive and `force` is set."""
    counts = row_counts(models)
    # The built-in source is made by migrate: an archive holding nothing else is empty.
    migrated = {Source._meta.db_table: Source._base_manager.filter(slug=BUILT_IN_SOURCE_SLUG).count()}
    held = {table: count for table, count in counts.items() if count > migrated.get(table, 0)}
    if not held:
        return
    manifest = read_manifest()
    if manifest is None:
        raise GenerationRefused(
            f"This database already holds an archive ({_describe(held)}) that generate_archive did not make. "
            "It never replaces one: generate into an empty database (create one, run migrate, and point "
            "DATABASE_URL at it)."
        )
    if not force:
        raise GenerationRefused(
            f"This database already holds a generated archive ({manifest.reviews:,} reviews, seed "
            f"{manifest.seed}, made {manifest.generated_at}). Use --force to replace it."
        )
    changes = _changes_since(manifest, counts, models)
    if changes:
        raise GenerationRefused(
            f"This generated archive has changed since it was made ({'; '.join(changes)}), so it may hold an "
            "editor's work: it is left as it is. Drop the database yourself if it can go."
        )


def _describe(counts):
    parts = [f"{count:,} rows in {table}" for table, count in sorted(counts.items(), key=lambda item: -item[1])]
    return ", ".join(parts[:3]) + (", ..." if len(parts) > 3 else "")


def _changes_since(manifest, counts, models):
    """What differs from the manifest: row counts, records edited or added by editors, admin history."""
    changes = [
        f"{table} has {counts.get(table, 0):,} rows, {manifest.rows.get(table, 0):,} were generated"
        for table in sorted(set(counts) | set(manifest.rows))
        if counts.get(table, 0) != manifest.rows.get(table, 0)
    ]
    generated_at = datetime.fromisoformat(manifest.generated_at)
    edited = Q(updated_at__gt=generated_at) | Q(updated_by__isnull=False) | Q(created_by__isnull=False)
    for model in models:
        if {"updated_at", "created_by", "updated_by"} <= {field.name for field in model._meta.concrete_fields}:
            if model._base_manager.filter(edited).exists():
                changes.append(f"{model._meta.db_table} has records edited since")
    if LogEntry.objects.filter(content_type__app_label__in={model._meta.app_label for model in models}).exists():
        changes.append("the admin's history records changes to archive records")
    return changes
