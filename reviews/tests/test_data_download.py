"""The bulk download: `manage.py export_public_data`, /data/, /data.json and /data/archive.jsonl.gz
(reviews/downloads.py, docs/data.md)."""

import errno
import gzip
import hashlib
import io
import json
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings

from reviews import downloads
from reviews.downloads import DownloadStorage

from .factories import make_film, make_person, make_review
from .site_data import SECRET_HEADLINES, SECRET_TAGS, build_site
from .test_caching import PageCacheTestCase
from .test_data import HOSTILE

SITE = "https://films.example.org"


class DownloadsDirectory:
    """Each test writes its downloads into a directory of its own."""

    def setUp(self):
        super().setUp()
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        self.directory = Path(directory.name)
        storage = {"BACKEND": "reviews.downloads.DownloadStorage", "OPTIONS": {"location": directory.name}}
        overridden = override_settings(STORAGES={**settings.STORAGES, "downloads": storage})
        overridden.enable()
        self.addCleanup(overridden.disable)

    def export(self, *args):
        out = io.StringIO()
        call_command("export_public_data", f"--site-url={SITE}", "--no-progress", *args, stdout=out)
        return out.getvalue()

    def lines(self, download=None):
        download = download or downloads.current()
        with gzip.open(self.directory / download.file_name, "rt", encoding="utf-8") as file:
            return [json.loads(line) for line in file]

    def files(self):
        return sorted(path.name for path in self.directory.iterdir())


class ExportTests(DownloadsDirectory, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site(2)

    def test_it_writes_every_public_record_once_a_line_in_a_fixed_order(self):
        output = self.export()
        download = downloads.current()
        self.assertIn(f"Wrote {download.record_count:,} records", output)
        records = self.lines()
        kinds = [record["type"] for record in records]
        self.assertEqual(list(dict.fromkeys(kinds)), ["film", "person", "festival", "edition", "review", "tag"])
        self.assertEqual({kind: kinds.count(kind) for kind in download.counts}, download.counts)
        self.assertEqual(download.counts, {"film": 4, "person": 5, "festival": 1, "edition": 3, "review": 5, "tag": 4})
        for kind in download.counts:
            urls = [record["url"] for record in records if record["type"] == kind]
            self.assertEqual(len(urls), len(set(urls)), kind)
        self.assertEqual(download.site, SITE)
        written = (self.directory / download.file_name).read_bytes()
        self.assertEqual((download.size, download.sha256), (len(written), hashlib.sha256(written).hexdigest()))

    def test_each_line_is_the_records_document_with_its_addresses_under_the_site(self):
        self.export()
        records = {record["url"]: record for record in self.lines()}
        film = records[f"{SITE}/films/the-cranes-are-flying-1957/"]
        self.assertEqual(film["json"], f"{SITE}/films/the-cranes-are-flying-1957.json")
        self.assertEqual(film["titles"][0]["title"], "Летят журавли")
        self.assertEqual(film["credits"][0]["person"]["json"], f"{SITE}/people/mikhail-kalatozov.json")
        self.assertEqual(film["citations"][0]["value"], "97 min")
        review = records[f"{SITE}/films/the-cranes-are-flying-1957/reviews/a-film-of-flight/"]
        self.assertEqual(review["text"], "The camera flies.\n\nSamoilova is luminous.")
        self.assertEqual([tag["name"] for tag in review["tags"]], ["soviet thaw", "war"])
        edition = records[f"{SITE}/festivals/cannes/1958/"]
        self.assertEqual(edition["sections"][0]["films"][0]["film"]["title"], "The Cranes Are Flying")
        self.assertEqual(edition["jury"][0]["role"], "president")
        person = records[f"{SITE}/people/mikhail-kalatozov/"]
        self.assertEqual(person["other_names"][0]["name"], "Mikheil Kalatozishvili")
        tag = records[f"{SITE}/tags/soviet-thaw/"]
        self.assertEqual((tag["name"], tag["film_count"], tag["review_count"]), ("soviet thaw", 3, 3))

    def test_a_line_is_the_same_document_as_the_json_address_gives_without_the_pages_lists(self):
        self.export()
        records = {record["url"]: record for record in self.lines()}
        for path in (
            "/films/the-cranes-are-flying-1957/",
            "/films/the-cranes-are-flying-1957/reviews/a-film-of-flight/",
            "/people/mikhail-kalatozov/",
            "/festivals/cannes/",
            "/festivals/cannes/1958/",
        ):
            with self.subTest(path=path):
                json_path = f"{path.rstrip('/')}.json"
                served = json.loads(self.client.get(json_path).content.decode().replace("http://testserver", SITE))
                line = records[f"{SITE}{path}"]
                self.assertEqual({key: served[key] for key in line}, line)

    def test_drafts_and_scheduled_reviews_and_their_tags_are_left_out(self):
        self.export()
        with gzip.open(self.directory / downloads.current().file_name, "rt", encoding="utf-8") as file:
            content = file.read()
        for secret in (*SECRET_HEADLINES, *SECRET_TAGS, self.site.draft.slug, self.site.future.slug):
            self.assertNotIn(secret, content)

    def test_the_same_archive_gives_the_same_bytes(self):
        self.export()
        first = downloads.current()
        self.export()
        second = downloads.current()
        self.assertNotEqual(first.file_name, second.file_name)
        self.assertEqual(first.sha256, second.sha256)
        self.assertEqual(
            (self.directory / first.file_name).read_bytes(), (self.directory / second.file_name).read_bytes()
        )

    def test_a_new_download_replaces_the_manifest_keeps_the_previous_file_and_deletes_older_ones(self):
        self.export()
        first = downloads.current()
        make_review(self.site.film, headline="A new review")
        self.export()
        second = downloads.current()
        self.assertEqual(second.counts["review"], first.counts["review"] + 1)
        self.assertEqual(self.files(), sorted([first.file_name, second.file_name, "archive.json"]))
        self.export()
        third = downloads.current()
        self.assertEqual(self.files(), sorted([second.file_name, third.file_name, "archive.json"]))

    def test_a_failed_export_leaves_the_previous_download_offered_and_no_partial_file(self):
        self.export()
        offered = downloads.current()
        failing = {"BACKEND": f"{__name__}.FailingStorage", "OPTIONS": {"location": str(self.directory)}}
        with override_settings(STORAGES={**settings.STORAGES, "downloads": failing}):
            with self.assertRaisesMessage(CommandError, "Writing the download failed: No space left on device."):
                self.export()
        self.assertEqual(downloads.current(), offered)
        self.assertEqual(self.files(), sorted([offered.file_name, "archive.json"]))
        self.assertEqual(len(self.lines()), offered.record_count)

    def test_limit_takes_at_most_so_many_records_of_each_type(self):
        self.export("--limit=2")
        self.assertEqual(
            downloads.current().counts, {"film": 2, "person": 2, "festival": 1, "edition": 2, "review": 2, "tag": 2}
        )

    def test_it_needs_the_sites_address(self):
        for site_url in ("", "films.example.org", "javascript:alert(1)"):
            with self.subTest(site_url=site_url), self.assertRaisesMessage(CommandError, "--site-url"):
                call_command("export_public_data", f"--site-url={site_url}", "--no-progress", stdout=io.StringIO())
        with self.assertRaisesMessage(CommandError, "--limit"):
            self.export("--limit=0")


class FailingStorage(DownloadStorage):
    """A disk that fills up halfway through writing the download."""

    def _save(self, name, content):
        if ".jsonl.gz" in name:
            content = FillingUp(content)
        return super()._save(name, content)


class FillingUp(File):
    def chunks(self, chunk_size=None):
        yield next(super().chunks(100))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class HostileTextExportTests(DownloadsDirectory, TestCase):
    def test_stored_text_comes_back_exactly(self):
        film = make_film(HOSTILE, slug="hostile-1957", synopsis=HOSTILE, tags=[HOSTILE[:90]])
        make_person(HOSTILE, slug="hostile-person", biography=HOSTILE)
        make_review(film, headline=HOSTILE, author=HOSTILE, body=f"{HOSTILE}<br />{HOSTILE}", tags=["x"])
        self.export()
        with gzip.open(self.directory / downloads.current().file_name, "rb") as file:
            raw = file.read()
        self.assertEqual(raw.count(b"\n"), 5)  # one line a record: no character of the text ends a line
        records = {record["type"]: record for record in self.lines()}
        self.assertEqual((records["film"]["title"], records["film"]["synopsis"]), (HOSTILE, HOSTILE))
        self.assertEqual(records["film"]["tags"][0]["name"], HOSTILE[:90])
        self.assertEqual(records["person"]["biography"], HOSTILE)
        self.assertEqual((records["review"]["headline"], records["review"]["author"]), (HOSTILE, HOSTILE))
        self.assertEqual(records["review"]["text"], f"{HOSTILE}\n\n{HOSTILE}")


class StorageTests(TestCase):
    def test_a_save_replaces_the_file_whole(self):
        with tempfile.TemporaryDirectory() as directory:
            storage = DownloadStorage(location=directory)
            self.assertEqual(storage.save("archive.json", ContentFile(b"old")), "archive.json")
            with storage.open("archive.json") as reader:
                self.assertEqual(storage.save("archive.json", ContentFile(b"new and longer")), "archive.json")
                self.assertEqual(reader.read(), b"old")  # a reader keeps the file it opened
            with storage.open("archive.json") as reader:
                self.assertEqual(reader.read(), b"new and longer")
            self.assertEqual(os.listdir(directory), ["archive.json"])


class DownloadViewTests(DownloadsDirectory, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site(1)

    def test_before_the_first_export_there_is_nothing_to_download(self):
        self.assertEqual(self.client.get("/data/archive.jsonl.gz").status_code, 404)
        self.assertContains(self.client.get("/data/"), "The download has not been made yet.")
        data = json.loads(self.client.get("/data.json").content)
        self.assertEqual(
            data,
            {"type": "download", "url": "http://testserver/data/", "json": "http://testserver/data.json", "file": None},
        )

    def test_the_file_is_served_as_it_was_written(self):
        self.export()
        download = downloads.current()
        with self.assertNumQueries(0):
            response = self.client.get("/data/archive.jsonl.gz")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/gzip")
        self.assertEqual(
            response["Content-Disposition"],
            f'attachment; filename="film-archive-{download.generated_at:%Y-%m-%d}.jsonl.gz"',
        )
        self.assertEqual(int(response["Content-Length"]), download.size)
        body = b"".join(response.streaming_content)
        self.assertEqual(hashlib.sha256(body).hexdigest(), download.sha256)
        self.assertEqual(len(gzip.decompress(body).splitlines()), download.record_count)

    def test_the_data_page_and_its_document_describe_the_download(self):
        self.export()
        download = downloads.current()
        page = self.client.get("/data/")
        self.assertContains(page, '<a href="/data/archive.jsonl.gz">Download the whole archive</a>', html=True)
        self.assertContains(page, f"<div><dt>Reviews</dt><dd>{download.counts['review']}</dd></div>", html=True)
        self.assertContains(page, '<link rel="alternate" type="application/json" href="/data.json">', html=False)
        self.assertContains(self.client.get("/"), '<a href="/data/">The archive as data</a>', html=True)
        data = json.loads(self.client.get("/data.json").content)
        self.assertEqual(
            data["file"],
            {
                "url": "http://testserver/data/archive.jsonl.gz",
                "format": data["file"]["format"],
                "size": download.size,
                "sha256": download.sha256,
                "generated_at": download.generated_at.isoformat(),
                "counts": download.counts,
            },
        )


class RobotsTests(TestCase):
    def test_crawlers_may_read_the_documents_but_not_fetch_the_bulk_download(self):
        lines = self.client.get("/robots.txt").content.decode().splitlines()
        self.assertIn("Disallow: /data/archive.jsonl.gz", lines)
        self.assertFalse([line for line in lines if "json" in line and line != "Disallow: /data/archive.jsonl.gz"])


class CachedDownloadPageTests(DownloadsDirectory, PageCacheTestCase):
    def test_a_new_export_purges_the_data_page(self):
        make_review(make_film("Stalker", slug="stalker-1979"))
        self.export()
        self.cache("/data/", "/data.json")
        make_review(make_film("Mirror", slug="mirror-1975"))
        self.export()
        self.assertContains(self.assertFresh("/data/"), "<div><dt>Reviews</dt><dd>2</dd></div>", html=True)
        self.assertEqual(json.loads(self.assertFresh("/data.json").content)["file"]["counts"]["review"], 2)
