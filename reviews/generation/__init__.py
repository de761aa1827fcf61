"""A large, realistic, synthetic archive for benchmarks: `manage.py generate_archive`.

Never part of the demo. By default 1,000,000 reviews with what an archive of that
size holds around them (100,000 films, 300,000 people, 1,000,000 credits, 50
festivals of 70 editions, 20,000 tags); `reviews=N` scales everything else in
proportion. The same size and seed always give the same rows.

Realistic (plan.py, words.py):
- Review lengths follow IMDb user reviews (log-normal, median about 170 words,
  a tail to 2,000), with `<br /><br />` between paragraphs. The words come from
  a Zipf-distributed vocabulary (real English words, then an invented long tail),
  so full-text search meets common and rare words; every review also names one
  character whose name no other review uses, which keeps texts unique by
  construction (one text per source is a database rule).
- Popularity is long-tailed everywhere: a few films draw thousands of reviews, a
  few people have 200+ credits, a few tags are on 100,000+ items. Careers last a
  few decades, and festivals select films of their year.
- Titles and names come in many scripts (Cyrillic, Greek, Georgian, Arabic,
  Devanagari, Japanese, Korean, Chinese, Latin with accents) with their
  transliterations, translations, alternative spellings and misspellings.

Fast (writers.py), on PostgreSQL, the only engine that has to be fast:
- Rows are generated as they are sent with COPY, never held in memory: memory
  stays flat in the number of reviews (a few small arrays per film and person).
- Everything happens in one transaction, interrupted or failed, nothing changes.
  Secondary indexes, unique and foreign-key constraints of the loaded tables are
  dropped first and rebuilt from their own catalog definitions at the end (bulk
  building beats row-by-row upkeep, and rebuilding checks every constraint); the
  schema is compared with the one before, and any difference rolls back.
- Tables are truncated in the same transaction, so COPY freezes the rows (no later
  hint-bit pass), then ANALYZE. After the commit, VACUUM marks the pages of the
  tables COPY could not mark all-visible (the reviews, whose row trigger stops COPY
  from writing in batches), so index-only scans stay index-only.
Columns are listed explicitly, so columns the database fills itself (generated
columns, the search vector's trigger) are filled as for any other insert. The counts
the database keeps (reviews/counting.py) and the page cache's purge keys are not kept
row by row: their triggers are off during the load, everything is counted once at the
end, and every cached page is purged.

Safe (safety.py): an editor's archive is never touched. Generation only writes
into an empty archive, or, with `force`, replaces an archive it generated that
nobody has changed since. What migrate loads stays: the countries (films are
made in them, by id) and the built-in source (written back after the generated
sources).
"""

import time
from dataclasses import dataclass, field

from django.apps import apps
from django.db import OperationalError, connection, transaction
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from reviews import counting
from reviews.cache import purging
from reviews.models import Country, PendingPurge, Source, TagUse
from reviews.models.reviews import BUILT_IN_SOURCE_SLUG

from .plan import DEFAULT_REVIEWS, DEFAULT_SEED, REFERENCE_MODELS, SOURCE_FIELDS, Archive, Size
from .safety import GenerationRefused, Manifest, check_target, read_manifest, write_manifest
from .words import COUNTRIES, LANGUAGES
from .writers import InsertWriter, PostgresWriter, schema_snapshot

__all__ = [
    "DERIVED_MODELS",
    "REFERENCE_MODELS",
    "DEFAULT_REVIEWS",
    "DEFAULT_SEED",
    "GenerationRefused",
    "GenerationResult",
    "Size",
    "archive_models",
    "generate_archive",
    "read_manifest",
    "schema_snapshot",
]


@dataclass
class Phase:
    name: str
    rows: int
    seconds: float


@dataclass
class GenerationResult:
    size: Size
    seed: int
    phases: list  # of Phase, in the order they ran
    rows: dict  # table → rows written
    seconds: float
    database_bytes: int | None = None  # PostgreSQL only
    slowest_indexes: list = field(default_factory=list)  # (index or constraint, seconds to build), slowest first

    @property
    def total_rows(self):
        return sum(self.rows.values())

    def summary(self):
        size = f", database {self.database_bytes / 2**30:.2f} GiB" if self.database_bytes else ""
        return (
            f"Generated {self.size.reviews:,} reviews, {self.size.films:,} films, {self.size.people:,} people, "
            f"{self.size.credits:,} credits, {self.size.editions:,} festival editions and {self.size.tags:,} tags "
            f"({self.total_rows:,} rows) in {self.seconds:.1f} s{size}."
        )


def generate_archive(reviews=DEFAULT_REVIEWS, *, seed=DEFAULT_SEED, force=False, on_progress=None):
    """Fill the archive (empty, or generated and untouched with `force`) with a generated one.

    `on_progress(phase, done, total)` is called as the work advances. Returns a
    GenerationResult; raises GenerationRefused, with nothing changed, when the
    database holds data that must not be replaced.
    """
    size = Size.for_reviews(reviews)
    progress = on_progress or (lambda phase, done, total: None)
    started = time.perf_counter()
    now = timezone.now().replace(microsecond=0)
    writer = PostgresWriter() if connection.vendor == "postgresql" else InsertWriter()
    phases = []

    def timed(name, work):
        phase_started = time.perf_counter()
        result = work()  # rows written, for tables
        phases.append(Phase(name, result or 0, time.perf_counter() - phase_started))
        return result

    with transaction.atomic():
        models = archive_models()
        try:
            writer.lock(models)
        except OperationalError as error:
            raise GenerationRefused(
                f"Another session is using the archive's tables ({str(error).strip()}); try again when it is done."
            ) from error
        check_target([model for model in models if model not in (*DERIVED_MODELS, *REFERENCE_MODELS)], force)
        country_ids = _country_ids()
        built_in_source = Source._base_manager.filter(slug=BUILT_IN_SOURCE_SLUG).values_list(*SOURCE_FIELDS).first()
        writer.clear([model for model in models if model not in REFERENCE_MODELS])

        archive = Archive(size, seed, now, progress, country_ids, built_in_source)
        tables = archive.tables()  # generators: nothing is generated until a table is written
        loaded = [table.model for table in tables]
        rows = {}
        with purging.deferred():
            with counting.deferred():
                timed("drop indexes", lambda: writer.defer_indexes(loaded))
                for table in tables:
                    rows[table.model._meta.db_table] = timed(
                        table.name, lambda table=table: writer.write(table.model, table.columns, table.rows)
                    )
                    progress(table.name, table.units, table.units)
                timed(
                    "indexes and constraints",
                    lambda: writer.restore_indexes(lambda done, total: progress("indexes", done, total)),
                )
            timed("counts", counting.recount)
        writer.reset_sequences(loaded)
        write_manifest(Manifest(reviews=size.reviews, seed=seed, generated_at=now.isoformat(), rows=rows))
        progress("analyze", 0, 1)
        # The kept counts too: the tag index reads them, from an index alone once vacuumed.
        timed("analyze", lambda: writer.analyze([*loaded, *DERIVED_MODELS]))
        progress("analyze", 1, 1)
    timed("visibility map", lambda: writer.mark_visible([*loaded, *REFERENCE_MODELS, *DERIVED_MODELS]))

    return GenerationResult(
        size=size,
        seed=seed,
        phases=phases,
        rows=rows,
        seconds=time.perf_counter() - started,
        database_bytes=writer.database_bytes(),
        slowest_indexes=sorted(writer.index_seconds, key=lambda item: -item[1])[:8],
    )


def _country_ids():
    """ISO code → id of the countries the generated films are made in; migrate loaded them."""
    codes = {code for code, *_ in COUNTRIES} | {code for language in LANGUAGES for code, *_ in language.countries}
    country_ids = dict(Country.objects.filter(code__in=codes).values_list("code", "id"))
    missing = sorted(codes - country_ids.keys())
    if missing:
        raise GenerationRefused(
            f"The countries {', '.join(missing)} are missing; migrate loads them (reviews 0008): run manage.py migrate."
        )
    return country_ids


# Tables the database fills from the others (counts, the page cache's log): emptied with them,
# never generated, never what makes an archive an editor's.
DERIVED_MODELS = (TagUse, PendingPurge)


def archive_models():
    """Every table of the archive: the reviews app (with its many-to-many tables) and taggit's."""
    return [*apps.get_app_config("reviews").get_models(include_auto_created=True), Tag, TaggedItem]
