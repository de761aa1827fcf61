"""The bulk download: everything public as JSON Lines, gzip-compressed (docs/data.md).

`manage.py export_public_data` writes it; /data/ describes it and /data/archive.jsonl.gz serves it.
One line per record, the documents of reviews/documents.py: every film, person, festival and
edition, every published review with its whole text, every tag in use. Drafts and scheduled
reviews never appear. Not to be confused with `export_archive`, the editors' backup of
everything (drafts, history, accounts) for `restore_archive`.

Memory stays flat whatever the archive's size: each kind of record is read in chunks
(`QuerySet.iterator()`, its lists prefetched chunk by chunk) and each line compressed as it
is written, to a temporary file. On PostgreSQL the whole file is one snapshot of the archive
(a REPEATABLE READ READ ONLY transaction); on SQLite each kind of record is read by one
statement.

The file goes to the `downloads` storage (settings.STORAGES) under a name of its own, then
the manifest, `archive.json` (its name, size, SHA-256, time, counts), is replaced: a reader
finds either the previous download or the new one, whole. The download before the current one
is kept for whoever is still fetching it; older ones are deleted. The same archive gives the
same bytes: records come in id order and the gzip header carries no time.
"""

import gzip
import hashlib
import io
import json
import logging
import os
import re
import tempfile
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ImproperlyConfigured
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection, transaction
from django.http import FileResponse
from django.utils import timezone
from django.utils.http import http_date

from reviews import presentation
from reviews.cache import keys
from reviews.cache.store import get_store
from reviews.documents import Documents
from reviews.models import Edition, Festival, Film, Person, Review, TagUse

logger = logging.getLogger(__name__)

STORAGE = "downloads"
MANIFEST = "archive.json"
FORMAT = "filmarchive-public-data"
VERSION = 1
FILE_NAME = re.compile(r"^archive-[0-9]{8}T[0-9]{6}Z-[0-9a-f]{8}\.jsonl\.gz$")
KIND_LABELS = {
    "film": "films",
    "person": "people",
    "festival": "festivals",
    "edition": "editions",
    "review": "reviews",
    "tag": "tags",
}


class DownloadStorage(FileSystemStorage):
    """FileSystemStorage whose saves replace a file whole: written under a temporary name beside it,
    then renamed over it (os.replace), so that a reader opens the old file or the new one, never half
    of either. (Object storages such as S3 replace an object whole by themselves.)"""

    def __init__(self, **kwargs):
        super().__init__(**{"allow_overwrite": True, **kwargs})

    def _save(self, name, content):
        partial = f"{name}.{uuid.uuid4().hex}.partial"
        try:
            super()._save(partial, content)
            os.replace(self.path(partial), self.path(name))
        except BaseException:
            self.delete(partial)  # nothing when it was never made
            raise
        return name


@dataclass(frozen=True)
class Download:
    """A bulk download as its manifest describes it."""

    file_name: str  # in the downloads storage
    size: int  # bytes, compressed
    sha256: str
    generated_at: datetime
    site: str
    counts: dict  # records of each type, in the file's order

    @property
    def record_count(self):
        return sum(self.counts.values())

    def labelled_counts(self):
        """[("films", 12), ("people", 40), ...], as /data/ lists them."""
        return [(KIND_LABELS.get(kind, kind), count) for kind, count in self.counts.items()]

    def manifest(self):
        return {
            "format": FORMAT,
            "version": VERSION,
            "file": self.file_name,
            "size": self.size,
            "sha256": self.sha256,
            "generated_at": self.generated_at.isoformat(),
            "site": self.site,
            "counts": self.counts,
        }


def _storage():
    return storages[STORAGE]


def current():
    """The download offered now, from its manifest; None before the first export."""
    try:
        with _storage().open(MANIFEST, "rb") as file:
            manifest = json.load(file)
    except FileNotFoundError:
        return None
    return Download(
        file_name=manifest["file"],
        size=manifest["size"],
        sha256=manifest["sha256"],
        generated_at=datetime.fromisoformat(manifest["generated_at"]),
        site=manifest["site"],
        counts=manifest["counts"],
    )


def describe(download, absolute):
    """The download as /data.json describes it; `absolute(path)` makes an address absolute."""
    return {
        "url": absolute(presentation.data_file_url()),
        "format": "JSON Lines, gzip-compressed: one JSON document a line, each with its `type`",
        "size": download.size,
        "sha256": download.sha256,
        "generated_at": download.generated_at.isoformat(),
        "counts": download.counts,
    }


def download_name(download):
    """The name a visitor's copy is saved by: film-archive-2026-12-04.jsonl.gz."""
    return f"film-archive-{download.generated_at:%Y-%m-%d}.jsonl.gz"


def file_response(download):
    """The download itself, streamed from its storage."""
    response = FileResponse(
        _storage().open(download.file_name, "rb"),
        as_attachment=True,
        filename=download_name(download),
        content_type="application/gzip",
    )
    response["Last-Modified"] = http_date(download.generated_at.timestamp())
    return response


# --- writing -----------------------------------------------------------------------------------


def _sections(documents, limit):
    """(type, records, document of a record, records read at a time) for each kind of record, in the
    file's order. A chunk holds what its records' lists load too: a film's credits and their people, an
    edition's whole programme (forty selections, a jury, awards); memory is that of the largest chunk."""
    sections = [
        ("film", Film.objects.for_download(), documents.film, 500),
        ("person", Person.objects.for_download(), documents.person, 2000),
        ("festival", Festival.objects.for_download(), documents.festival, 100),
        ("edition", Edition.objects.for_download(), documents.edition, 100),
        ("review", Review.objects.published().for_download(), documents.review, 2000),
        ("tag", TagUse.objects.for_download(), documents.tag, 2000),
    ]
    return [
        (kind, records[:limit] if limit else records, document, chunk) for kind, records, document, chunk in sections
    ]


def _write_records(stream, documents, limit, on_progress):
    """Write every public record's line to the text stream `stream`; returns {type: lines}."""
    sections = _sections(documents, limit)
    counts = {kind: 0 for kind, *_ in sections}
    total = sum(records.count() for _, records, *_ in sections) if on_progress else 0
    done = 0
    for kind, records, document, chunk in sections:
        for record in records.iterator(chunk_size=chunk):
            stream.write(json.dumps(document(record), ensure_ascii=False, separators=(",", ":")))
            stream.write("\n")
            counts[kind] += 1
            done += 1
            if on_progress and done % 1000 == 0:
                on_progress(done, total)
    if on_progress:
        on_progress(total, total)
    return counts


@contextmanager
def _one_snapshot():
    """One snapshot of the archive for the whole file, where the engine offers one cheaply."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        # SQLite: this project's transactions take the write lock (BEGIN IMMEDIATE), which would hold
        # up every editor's save for the whole export; each kind is read by one statement instead.
        yield
        return
    # Inside a transaction PostgreSQL's cursors also stream rows; outside one Django declares them
    # WITH HOLD, which copies the whole result on the server before the first row comes.
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def export(site_url, *, limit=None, on_progress=None):
    """Write the bulk download of everything public, with addresses under `site_url`, and offer it in
    place of the previous one. Returns the new Download."""
    site = site_url.rstrip("/")
    documents = Documents(lambda path: f"{site}{path}")
    storage = _storage()
    generated_at = timezone.now().replace(microsecond=0)
    with tempfile.TemporaryFile() as temporary:
        # mtime 0 and no name in the gzip header: the same records give the same bytes.
        with gzip.GzipFile(fileobj=temporary, mode="wb", filename="", mtime=0) as compressed:
            with io.TextIOWrapper(compressed, encoding="utf-8", newline="\n") as stream:
                with _one_snapshot():
                    counts = _write_records(stream, documents, limit, on_progress)
        size = temporary.tell()
        temporary.seek(0)
        sha256 = hashlib.file_digest(temporary, "sha256").hexdigest()
        name = f"archive-{generated_at:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}.jsonl.gz"
        saved = storage.save(name, File(temporary, name=name))
    download = Download(saved, size, sha256, generated_at, site, counts)
    previous = current()
    _replace_manifest(storage, download)
    _delete_older(storage, keep={download.file_name, previous and previous.file_name})
    store = get_store()
    if store is not None:
        store.purge([keys.DOWNLOADS])  # /data/ and /data.json describe the new file
    return download


def _replace_manifest(storage, download):
    body = json.dumps(download.manifest(), ensure_ascii=False, indent=2).encode()
    saved = storage.save(MANIFEST, ContentFile(body))
    if saved != MANIFEST:
        storage.delete(saved)
        raise ImproperlyConfigured(
            f"The {STORAGE!r} storage saved {MANIFEST} as {saved}: it must replace files whole "
            "(reviews.downloads.DownloadStorage, or an object storage)."
        )


def _delete_older(storage, keep):
    _, files = storage.listdir("")
    for name in files:
        if FILE_NAME.match(name) and name not in keep:
            storage.delete(name)
