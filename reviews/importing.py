"""Importing reviews in the IMDb user-review format, one file at a time or whole aclImdb trees.

One review per UTF-8 text file, paragraphs separated by `<br /><br />`. The aclImdb
data set (Maas et al., 2011) holds them as `pos/{id}_{rating}.txt` and
`neg/{id}_{rating}.txt` under `train/` and `test/`, with `urls_pos.txt` /
`urls_neg.txt` beside giving, on line `id`, the IMDb title URL of the film.

`import_reviews()` is the one entry point (the command and the demo loader call it).
It runs in two passes so that memory stays flat however many files there are:
the first reads and checks every file (names, urls lines, ratings, text) and
writes nothing; the second streams them again in batches, a fixed number of
queries per batch, inside one transaction. A bad file raises
`ReviewImportError` naming it, and nothing is written.

In the second pass a reader thread reads, hashes and prepares the next batch while
the database writes the current one (psycopg2 and sqlite3 release the GIL while the
database works). PostgreSQL takes the reviews and their tags by COPY; other
databases by bulk_create.
"""

import io
import itertools
import os
import queue
import re
import stat
import threading
import time
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from reviews.cache.purging import purge_pending_on_commit
from reviews.models import Film, Review, Source, TaggedReview

DEFAULT_SOURCE = "IMDb user review"
DEFAULT_BATCH_SIZE = 1000

IMDB_ID = re.compile(r"tt\d{7,9}")
DATASET_FILE_NAME = re.compile(r"(\d+)_(\d+)\.txt")
IMDB_TITLE_URL = re.compile(r"https?://(?:www\.)?imdb\.com/title/(tt\d{7,9})(?:[/?#].*)?")
# The data set's labels and the ratings each may hold.
LABEL_RATINGS = {"pos": range(7, 11), "neg": range(1, 5)}
SPLITS = ("train", "test")

# Field limits of Review, checked up front so a long value is a clear error, not a DataError.
MAX_IDENTIFIER = Review._meta.get_field("source_identifier").max_length
MAX_URL = Review._meta.get_field("source_url").max_length
MAX_SLUG = Review._meta.get_field("slug").max_length
SLUG_SUFFIX_LENGTH = 8  # hex digits of the text's hash appended when a slug is taken
SLUG_WORDS_LENGTH = 40  # characters of opening words in a review's slug
MARKUP = re.compile(r"<[^<>]{0,40}>")  # <br />, and any tag-like text, left out of slugs


class ReviewImportError(Exception):
    """Bad input or options; the message names the file and what is wrong with it."""


@dataclass(frozen=True)
class ImportResult:
    imported: int
    already_present: int
    films: int
    new_films: int
    seconds: float
    retagged: int = 0

    @property
    def reviews_per_second(self):
        return self.imported / self.seconds if self.seconds else 0.0

    def summary(self):
        present = f"{self.already_present:,} already present"
        if self.retagged:
            present += f", {self.retagged:,} of them newly tagged"
        return (
            f"Imported {_count(self.imported, 'review')} ({present}) "
            f"for {_count(self.films, 'film')} ({_count(self.new_films, 'new placeholder film')}) "
            f"in {self.seconds:.1f} s ({self.reviews_per_second:,.0f} reviews/s)."
        )


def _count(number, noun):
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


@dataclass(frozen=True, slots=True)
class ReviewFile:
    """One file to import and what its place tells about it; the text is read only when needed."""

    path: str
    identifier: str  # the path relative to the parent of the PATH argument, "/"-separated
    rating: int | None
    imdb_id: str  # empty when the film was named by slug
    film_id: int | None  # set when the film was named by slug
    source_url: str


@dataclass(frozen=True)
class _ChosenFilm:
    """The film named on the command line for every file: by IMDb id or by slug."""

    imdb_id: str = ""
    film_id: int | None = None
    source_url: str = ""


def import_reviews(
    paths,
    *,
    imdb_id=None,
    film_slug=None,
    source_name=DEFAULT_SOURCE,
    publish=False,
    tags=(),
    language="en",
    batch_size=DEFAULT_BATCH_SIZE,
    max_bytes=None,
    on_progress=None,
):
    """Import the review files at `paths` (files, aclImdb split directories or aclImdb tops).

    A file over `max_bytes` (settings.REVIEW_MAX_BYTES unless given) is refused, unread.
    `on_progress(done, total)` is called after each batch written. Returns an ImportResult;
    raises ReviewImportError, with nothing written, on any bad file or option.
    """
    started = time.perf_counter()
    paths = [os.fspath(path) for path in paths]
    source_name, tags = _check_options(paths, imdb_id, film_slug, source_name, tags, language, batch_size)
    chosen = _chosen_film(imdb_id, film_slug)
    max_bytes = settings.REVIEW_MAX_BYTES if max_bytes is None else max_bytes
    if max_bytes < 1:
        raise ReviewImportError("--max-bytes must be at least 1.")
    total, rated = 0, False
    for review_file in _review_files(paths, chosen):
        _read_text(review_file, max_bytes)  # first pass: every check, nothing kept, nothing written
        total += 1
        rated = rated or review_file.rating is not None

    batches = _prepared_batches(
        _review_files(paths, chosen), _effective_batch_size(batch_size), max_bytes, for_copy=_uses_copy()
    )
    try:
        with transaction.atomic(), _ReadAhead(batches) as prepared:
            writer = _BatchWriter(
                source=_get_or_create_source(source_name, rated),
                tag_ids=_get_or_create_tag_ids(tags),
                language=language,
                publish=publish,
            )
            done = 0
            for batch in prepared:
                writer.write(batch)
                done += len(batch)
                _forget_logged_queries()
                if on_progress:
                    on_progress(done, total)
    except IntegrityError as error:
        # Only a concurrent writer can get here (everything else is checked first).
        raise ReviewImportError(f"Nothing was imported: the database refused a row ({error}).") from error

    return ImportResult(
        imported=writer.imported,
        already_present=writer.already_present,
        retagged=writer.retagged,
        films=len(writer.films_seen),
        new_films=writer.new_films,
        seconds=time.perf_counter() - started,
    )


def _check_options(paths, imdb_id, film_slug, source_name, tags, language, batch_size):
    if not paths:
        raise ReviewImportError("Give at least one file or directory to import.")
    if imdb_id and film_slug:
        raise ReviewImportError("Give either --imdb-id or --film, not both.")
    if imdb_id and not IMDB_ID.fullmatch(imdb_id):
        raise ReviewImportError(f"--imdb-id {imdb_id!r} is not an IMDb title id (like tt0050634).")
    if batch_size < 1:
        raise ReviewImportError("--batch-size must be at least 1.")
    if not language.strip() or len(language) > Review._meta.get_field("language").max_length:
        raise ReviewImportError(f"--language {language!r} is not a language tag (like en or pt-BR).")
    source_name = source_name.strip()
    if not slugify(source_name) or len(source_name) > Source._meta.get_field("name").max_length:
        raise ReviewImportError(f"--source {source_name!r} needs a name of 1 to 200 characters with letters.")
    tag_model = TaggedReview.tag_model()
    tags = [tag.strip() for tag in tags]
    for tag in tags:
        if not tag or len(tag) > tag_model._meta.get_field("name").max_length:
            raise ReviewImportError(f"--tag {tag!r} must be 1 to 100 characters long.")
    return source_name, tags


def _chosen_film(imdb_id, film_slug):
    if imdb_id:
        return _ChosenFilm(imdb_id=imdb_id, source_url=f"https://www.imdb.com/title/{imdb_id}/")
    if film_slug:
        film_id = Film.objects.filter(slug=film_slug).values_list("id", flat=True).first()
        if film_id is None:
            raise ReviewImportError(f"--film {film_slug!r}: no film has this slug. Check it in the admin.")
        return _ChosenFilm(film_id=film_id)
    return None


def _effective_batch_size(batch_size):
    # A batch's look-up query takes about three parameters per file; SQLite caps them.
    limit = connection.features.max_query_params
    return min(batch_size, limit // 4) if limit else batch_size


def _uses_copy():
    return connection.vendor == "postgresql"


def _forget_logged_queries():
    # With DEBUG on, Django keeps the SQL of recent queries, and each batch's INSERT
    # holds all its texts: drop them so memory stays flat. A capture in progress
    # (assertNumQueries) forces the debug cursor; leave its log alone.
    if settings.DEBUG and not connection.force_debug_cursor:
        connection.queries_log.clear()


# Finding the files ------------------------------------------------------------


def _review_files(paths, chosen):
    """Every file to import, in a stable order, with what its name and place say about it."""
    for given in paths:
        root = os.path.abspath(given)
        base = os.path.dirname(root)
        try:
            mode = os.stat(root).st_mode
        except OSError as error:
            raise ReviewImportError(f"{given}: {error.strerror}.") from None
        if stat.S_ISDIR(mode):
            yield from _dataset_files(root, base, given, chosen)
        elif stat.S_ISREG(mode):
            yield _single_file(root, base, chosen)
        else:
            raise ReviewImportError(f"{given}: neither a file nor a directory.")


def _single_file(path, base, chosen):
    identifier = _identifier(path, base)
    folder = os.path.dirname(path)
    label = os.path.basename(folder)
    urls_path = os.path.join(os.path.dirname(folder), f"urls_{label}.txt")
    if label in LABEL_RATINGS and os.path.isfile(urls_path):
        # A file inside an aclImdb tree follows the data set's rules, and knows its film.
        file_id, rating = _dataset_name(os.path.basename(path), label, identifier)
        return _layout_file(path, identifier, file_id, rating, chosen, _UrlsFile(urls_path, label))
    if chosen is None:
        raise ReviewImportError(
            f"{identifier}: say which film it reviews with --imdb-id or --film "
            "(it is not in the pos/ or neg/ directory of an aclImdb tree with its urls file)."
        )
    match = DATASET_FILE_NAME.fullmatch(os.path.basename(path))
    rating = int(match[2]) if match and 1 <= int(match[2]) <= 10 else None
    return ReviewFile(path, identifier, rating, chosen.imdb_id, chosen.film_id, chosen.source_url)


def _dataset_files(root, base, given, chosen):
    if _holds_labels(root):
        splits = [root]
    else:
        splits = [split for name in SPLITS if _holds_labels(split := os.path.join(root, name))]
    if not splits:
        raise ReviewImportError(
            f"{given}: not an aclImdb directory: expected pos/ and neg/ inside it, or train/ and test/ holding them."
        )
    for split in splits:
        for label in LABEL_RATINGS:
            folder = os.path.join(split, label)
            if not os.path.isdir(folder):
                continue
            urls = _UrlsFile(os.path.join(split, f"urls_{label}.txt"), label)
            prefix = _relative_path(folder, base)  # once per directory: relpath is slow next to reading a file
            for file_id, rating, name in _dataset_listing(folder, label, prefix):
                yield _layout_file(os.path.join(folder, name), f"{prefix}/{name}", file_id, rating, chosen, urls)


def _holds_labels(folder):
    return any(os.path.isdir(os.path.join(folder, label)) for label in LABEL_RATINGS)


def _dataset_listing(folder, label, prefix):
    """(id, rating, name) of the files in a pos/ or neg/ directory, by id; hidden files are skipped.

    `prefix` is the directory's identifier: a file's is prefix/name (checked here)."""
    try:
        with os.scandir(folder) as entries:
            names = [(entry.name, entry.is_file()) for entry in entries if not entry.name.startswith(".")]
    except OSError as error:
        raise ReviewImportError(f"{_checked_identifier(prefix)}: {error.strerror}.") from None
    listing = []
    for name, is_file in sorted(names):
        identifier = _checked_identifier(f"{prefix}/{name}")
        if not is_file:
            raise ReviewImportError(f"{identifier}: not a file; {label}/ should hold only review files.")
        listing.append((*_dataset_name(name, label, identifier), name))
    listing.sort()
    return listing


def _dataset_name(name, label, identifier):
    match = DATASET_FILE_NAME.fullmatch(name)
    if not match:
        raise ReviewImportError(f"{identifier}: the name should be {{id}}_{{rating}}.txt, like 0_9.txt.")
    file_id, rating = int(match[1]), int(match[2])
    allowed = LABEL_RATINGS[label]
    if not 1 <= rating <= 10:
        raise ReviewImportError(f"{identifier}: rating {rating} is outside 1–10.")
    if rating not in allowed:
        raise ReviewImportError(
            f"{identifier}: rating {rating} cannot be under {label}/ (it holds {allowed[0]}–{allowed[-1]})."
        )
    return file_id, rating


def _layout_file(path, identifier, file_id, rating, chosen, urls):
    if chosen is not None:
        # The film named on the command line wins over the urls file.
        return ReviewFile(path, identifier, rating, chosen.imdb_id, chosen.film_id, chosen.source_url)
    imdb_id, url = urls.title(file_id, identifier)
    return ReviewFile(path, identifier, rating, imdb_id, None, url)


def _identifier(path, base):
    return _checked_identifier(_relative_path(path, base))


def _relative_path(path, base):
    return os.path.relpath(path, base).replace(os.sep, "/")


def _checked_identifier(identifier):
    if len(identifier) > MAX_IDENTIFIER:
        raise ReviewImportError(f"{identifier}: the path is longer than {MAX_IDENTIFIER} characters.")
    return identifier


class _UrlsFile:
    """urls_pos.txt or urls_neg.txt: line N is the IMDb title URL of file id N. Read on first use."""

    def __init__(self, path, label):
        self.path = path
        self.name = os.path.basename(path)
        self.label = label
        self.lines = None

    def title(self, file_id, identifier):
        """(IMDb id, URL) for a file id."""
        if self.lines is None:
            self.lines = self._read(identifier)
        line = self.lines[file_id].strip() if file_id < len(self.lines) else ""
        if not line:
            raise ReviewImportError(
                f"{identifier}: {self.name} has no URL on line {file_id + 1} (for file id {file_id})."
            )
        match = IMDB_TITLE_URL.fullmatch(line)
        if not match:
            raise ReviewImportError(
                f"{identifier}: line {file_id + 1} of {self.name} is not an IMDb title URL: {line[:100]!r}."
            )
        if len(line) > MAX_URL:
            raise ReviewImportError(f"{identifier}: the URL on line {file_id + 1} of {self.name} is too long.")
        return match[1], line

    def _read(self, identifier):
        try:
            with open(self.path, "rb") as file:
                data = file.read()
        except FileNotFoundError:
            raise ReviewImportError(
                f"{identifier}: no {self.name} beside {self.label}/ to say which film it reviews "
                "(or name the film with --imdb-id or --film)."
            ) from None
        except OSError as error:
            raise ReviewImportError(f"{identifier}: cannot read {self.name}: {error.strerror}.") from None
        try:
            # Split on "\n" only: str.splitlines() would also break on rarer separators.
            return data.decode("utf-8").split("\n")
        except UnicodeDecodeError as error:
            raise ReviewImportError(f"{identifier}: {self.name} is not valid UTF-8 (byte {error.start}).") from None


def _read_text(review_file, max_bytes):
    """The file's text exactly as stored (decoded, nothing stripped), or a clear error."""
    identifier = review_file.identifier
    try:
        with open(review_file.path, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            # Never more than the limit in memory, even if the file grows meanwhile (and a read of
            # the size asked for, not of the limit: Python allocates what read() is asked for).
            data = file.read(min(size, max_bytes) + 1) if size <= max_bytes else b""
    except OSError as error:
        raise ReviewImportError(f"{identifier}: cannot read it: {error.strerror}.") from None
    if size > max_bytes or len(data) > max_bytes:
        size = max(size, len(data))
        raise ReviewImportError(
            f"{identifier}: {size:,} bytes, over the limit of {max_bytes:,} for one review "
            "(a review is a text, not a book: is it the right file? --max-bytes changes the limit)."
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ReviewImportError(f"{identifier}: not valid UTF-8 (byte {error.start}).") from None
    if not text or text.isspace():
        raise ReviewImportError(f"{identifier}: the file is empty." if not text else f"{identifier}: only whitespace.")
    if "\x00" in text:
        # PostgreSQL cannot store NUL characters in text.
        raise ReviewImportError(f"{identifier}: contains a NUL character; is it really a text file?")
    return text


# Reading ahead ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _PreparedFile:
    """A file read again for writing, with what can be worked out without the database."""

    file: ReviewFile
    text: str
    body_sha256: str
    base_slug: str
    copy_fields: str  # for COPY: the row's fields from the body on, escaped; empty when not needed


def _prepared_batches(review_files, batch_size, max_bytes, for_copy):
    for batch in itertools.batched(review_files, batch_size):
        prepared = []
        for review_file in batch:
            text = _read_text(review_file, max_bytes)
            body_sha256 = Review.hash_body(text)
            copy_fields = _copy_fields(review_file, text, body_sha256) if for_copy else ""
            prepared.append(_PreparedFile(review_file, text, body_sha256, _base_slug(text), copy_fields))
        yield prepared


_DONE = object()


class _ReadAhead:
    """Runs an iterator in a thread, with at most `depth` items waiting for the loop that consumes them.

    The thread reads and hashes the next batch while the database writes the current one;
    its exceptions (a file that turned bad since the first pass) come out of the loop. The
    queue is bounded, so memory does not grow with the files. The thread touches no database.
    """

    def __init__(self, items, depth=1):
        self.items = items
        self.queue = queue.Queue(maxsize=depth)
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="import-read-ahead", daemon=True)

    def __enter__(self):
        self.thread.start()
        return self._consume()

    def __exit__(self, *exc_info):
        self.stopped.set()
        while self.thread.is_alive():
            # Unblock a thread waiting to put an item the loop will never take.
            try:
                self.queue.get(timeout=0.05)
            except queue.Empty:
                pass
        self.thread.join()

    def _run(self):
        try:
            for item in self.items:
                if not self._put((item, None)):
                    return
            self._put((_DONE, None))
        except BaseException as error:  # handed to the consuming thread, raised there
            self._put((None, error))

    def _put(self, entry):
        while not self.stopped.is_set():
            try:
                self.queue.put(entry, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def _consume(self):
        while True:
            item, error = self.queue.get()
            if error is not None:
                raise error
            if item is _DONE:
                return
            yield item


# Writing ----------------------------------------------------------------------


def _get_or_create_source(name, rated):
    """The source named `name`, made (on IMDb's scale) if missing. Reviews take their source's scale,
    and ratings in file names are IMDb's 1 to 10: rated files under a source on another scale are refused."""
    source = Source.objects.filter(name=name).first()
    if source is not None:
        if rated and source.rating_scale != Review.RatingScale.POINTS_10:
            raise ReviewImportError(
                f"--source {name!r} rates on {source.get_rating_scale_display()}, but these files carry "
                f"IMDb ratings (1–10): import them under a source on the 1–10 scale."
            )
        return source
    slug = slugify(name)[: Source._meta.get_field("slug").max_length].strip("-")
    other = Source.objects.filter(slug=slug).first()
    if other is not None:
        raise ReviewImportError(
            f"--source {name!r}: the source {other.name!r} already has the slug {slug!r}; "
            f"use --source {other.name!r} or another name."
        )
    return Source.objects.create(name=name, slug=slug, rating_scale=Review.RatingScale.POINTS_10)


def _get_or_create_tag_ids(names):
    # A handful of command-line tags: one query each is fine, and Tag.save() makes
    # taggit's own unique slug.
    tag_model = TaggedReview.tag_model()
    lookup = "name__iexact" if getattr(settings, "TAGGIT_CASE_INSENSITIVE", False) else "name"
    tag_ids = []
    for name in names:
        tag = tag_model.objects.filter(**{lookup: name}).first() or tag_model.objects.create(name=name)
        if tag.pk not in tag_ids:
            tag_ids.append(tag.pk)
    return tag_ids


class _BatchWriter:
    """Writes batches of review files with a fixed number of queries per batch.

    Each batch sees the rows earlier batches wrote (same transaction), so texts
    repeated anywhere in the run are skipped without keeping every hash in memory.
    """

    def __init__(self, source, tag_ids, language, publish):
        self.source = source
        self.tag_ids = tag_ids
        self.language = language
        self.now = timezone.now()
        self.status = Review.Status.PUBLISHED if publish else Review.Status.DRAFT
        self.published_at = self.now if publish else None
        self.film_ids = {}  # IMDb id → film id; grows with the films, not with the files
        self.films_seen = set()
        self.imported = self.already_present = self.new_films = 0
        self.retagged = 0  # reviews already present that this import's --tag tagged
        self.copy = _CopyWriter(self) if _uses_copy() else None

    def write(self, batch):
        new_films = self.new_films
        self._resolve_films({prepared.file.imdb_id for prepared in batch if prepared.file.imdb_id})

        pending = {}  # text hash → (prepared file, film id), the first copy of each text
        for prepared in batch:
            film_id = prepared.file.film_id or self.film_ids[prepared.file.imdb_id]
            self.films_seen.add(film_id)
            if prepared.body_sha256 in pending:
                self.already_present += 1
            else:
                pending[prepared.body_sha256] = (prepared, film_id)

        wanted_slugs = {prepared.base_slug for prepared, _ in pending.values()}
        wanted_films = {film_id for _, film_id in pending.values()}
        existing = Review.objects.filter(
            Q(source=self.source, body_sha256__in=pending.keys()) | Q(film_id__in=wanted_films, slug__in=wanted_slugs)
        ).values_list("id", "source_id", "body_sha256", "film_id", "slug")
        stored = {}  # text hash → id of the review already holding it
        taken_slugs = set()
        for review_id, source_id, body_sha256, film_id, slug in existing:
            if source_id == self.source.pk:
                stored[body_sha256] = review_id
            taken_slugs.add((film_id, slug))

        rows = []  # (prepared file, film id, slug)
        present = []  # ids of reviews already imported
        for body_sha256, (prepared, film_id) in pending.items():
            if body_sha256 in stored:
                self.already_present += 1
                present.append(stored[body_sha256])
                continue
            slug = prepared.base_slug
            if (film_id, slug) in taken_slugs:
                # Same name, another text (e.g. two files 0_9.txt for one film): keep both.
                slug = f"{slug}-{body_sha256[:SLUG_SUFFIX_LENGTH]}"
            taken_slugs.add((film_id, slug))
            rows.append((prepared, film_id, slug))

        if rows:
            if self.copy is not None:
                self.copy.write(rows)
            else:
                self._bulk_create(rows)
            self.imported += len(rows)
        if present and self.tag_ids:
            self._tag_present(present)
        if rows or self.new_films > new_films:
            # COPY bypasses Django's cursor, where reviews.cache.purging sees writes.
            purge_pending_on_commit()

    def _tag_present(self, review_ids):
        """--tag applies to reviews imported before too: an import again with a tag tags them."""
        tagged = set(
            TaggedReview.objects.filter(content_object_id__in=review_ids, tag_id__in=self.tag_ids).values_list(
                "content_object_id", "tag_id"
            )
        )
        links = [
            TaggedReview(content_object_id=review_id, tag_id=tag_id)
            for review_id in review_ids
            for tag_id in self.tag_ids
            if (review_id, tag_id) not in tagged
        ]
        TaggedReview.objects.bulk_create(links)
        self.retagged += len({link.content_object_id for link in links})

    def _bulk_create(self, rows):
        reviews = Review.objects.bulk_create(self._review(*row) for row in rows)
        if self.tag_ids:
            TaggedReview.objects.bulk_create(
                TaggedReview(content_object_id=review.pk, tag_id=tag_id)
                for review in reviews
                for tag_id in self.tag_ids
            )

    def _review(self, prepared, film_id, slug):
        review_file = prepared.file
        return Review(
            film_id=film_id,
            headline="",
            slug=slug,
            body=prepared.text,
            # bulk_create skips Review.save(), which would set this.
            body_sha256=prepared.body_sha256,
            author="",
            source=self.source,
            source_identifier=review_file.identifier,
            source_url=review_file.source_url,
            language=self.language,
            archived_at=self.now,
            rating=None if review_file.rating is None else Decimal(review_file.rating),
            rating_scale=self.source.rating_scale,
            status=self.status,
            published_at=self.published_at,
            created_at=self.now,
        )

    def _resolve_films(self, imdb_ids):
        """Fill self.film_ids for these IMDb ids, creating placeholder films for unknown ones."""
        missing = imdb_ids - self.film_ids.keys()
        if not missing:
            return
        placeholder_slugs = {_placeholder_slug(imdb_id) for imdb_id in missing}
        taken_slugs = set()
        for film_id, imdb_id, slug in Film.objects.filter(
            Q(imdb_id__in=missing) | Q(slug__in=placeholder_slugs)
        ).values_list("id", "imdb_id", "slug"):
            if imdb_id in missing:
                self.film_ids[imdb_id] = film_id
            taken_slugs.add(slug)
        placeholders = [
            # Editors complete these later: title, year and the rest are unknown here.
            Film(
                title=f"IMDb {imdb_id}",
                year=None,
                slug=_free_film_slug(_placeholder_slug(imdb_id), taken_slugs),
                imdb_id=imdb_id,
                created_at=self.now,
            )
            for imdb_id in sorted(missing - self.film_ids.keys())
        ]
        Film.objects.bulk_create(placeholders)
        self.film_ids.update((film.imdb_id, film.pk) for film in placeholders)
        self.new_films += len(placeholders)


def _copy_text(value):
    """A string as a field of COPY's text format: backslash, tab and line ends escaped."""
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _copy_fields(review_file, text, body_sha256):
    """The fields of a review's COPY row that the file alone decides: body to rating (see _CopyWriter)."""
    rating = "\\N" if review_file.rating is None else str(review_file.rating)
    return "\t".join(
        (_copy_text(text), body_sha256, _copy_text(review_file.identifier), _copy_text(review_file.source_url), rating)
    )


def _copy(sql, data):
    """COPY ... FROM STDIN of `data` (bytes in COPY's text format) through Django's connection."""
    with connection.cursor() as cursor, connection.wrap_database_errors:
        raw = cursor.cursor
        if hasattr(raw, "copy_expert"):  # psycopg2; waits for the database without holding the GIL
            raw.copy_expert(sql, io.BytesIO(data), size=len(data) or 1)
        else:  # psycopg 3
            with raw.copy(sql) as copy:
                copy.write(data)


class _CopyWriter:
    """PostgreSQL: reviews and their tags go in by COPY, which skips building SQL and model instances.

    The database fills what it computes for any insert: the search vector (the insert
    trigger), the search indexes and the generated normalised rating. Ids are taken
    from the table's sequence first, for the tags.
    """

    # Decided per batch, then known from the file alone (_copy_fields), then the same for the whole run.
    COLUMNS = (
        "id",
        "film_id",
        "slug",
        "body",
        "body_sha256",
        "source_identifier",
        "source_url",
        "rating",
        "headline",
        "author",
        "source_id",
        "language",
        "rating_scale",
        "status",
        "published_at",
        "archived_at",
        "created_at",
        "updated_at",
    )

    def __init__(self, writer):
        self.writer = writer
        quote = connection.ops.quote_name
        self.review_sql = "COPY {} ({}) FROM STDIN".format(
            quote(Review._meta.db_table), ", ".join(quote(column) for column in self.COLUMNS)
        )
        self.tag_sql = "COPY {} ({}, {}) FROM STDIN".format(
            quote(TaggedReview._meta.db_table), quote("tag_id"), quote("content_object_id")
        )
        self.id_sql = "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)"
        published_at = writer.published_at.isoformat() if writer.published_at else "\\N"
        now = writer.now.isoformat()
        self.row_end = "\t".join(
            [
                "",  # headline
                "",  # author
                str(writer.source.pk),
                _copy_text(writer.language),
                str(writer.source.rating_scale),
                writer.status,
                published_at,
                now,
                now,
                now,
            ]
        )

    def write(self, rows):
        with connection.cursor() as cursor:
            cursor.execute(self.id_sql, [Review._meta.db_table, len(rows)])
            ids = [review_id for (review_id,) in cursor.fetchall()]
        row_end = self.row_end
        data = "".join(
            f"{review_id}\t{film_id}\t{slug}\t{prepared.copy_fields}\t{row_end}\n"
            for review_id, (prepared, film_id, slug) in zip(ids, rows, strict=True)
        )
        _copy(self.review_sql, data.encode())
        if self.writer.tag_ids:
            tags = "".join(f"{tag_id}\t{review_id}\n" for review_id in ids for tag_id in self.writer.tag_ids)
            _copy(self.tag_sql, tags.encode())


def _base_slug(text):
    """The review's opening words, as a readable permanent URL: "1956-was-the-20th-congress-of-the"."""
    opening = slugify(MARKUP.sub(" ", text[:200]))
    if len(opening) > SLUG_WORDS_LENGTH:
        # Cut at a word boundary, leaving room for a hash suffix when the slug is taken.
        opening = opening[: SLUG_WORDS_LENGTH + 1].rsplit("-", 1)[0]
    return opening.strip("-") or "review"


def _placeholder_slug(imdb_id):
    return f"imdb-{imdb_id}"


def _free_film_slug(slug, taken_slugs):
    if slug not in taken_slugs:
        return slug
    # Rare: an edited film kept the placeholder slug but changed its IMDb id.
    taken = set(Film.objects.filter(slug__startswith=f"{slug}-").values_list("slug", flat=True))
    number = 2
    while f"{slug}-{number}" in taken:
        number += 1
    return f"{slug}-{number}"
