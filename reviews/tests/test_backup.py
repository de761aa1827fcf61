"""export_archive and restore_archive: the archive out to one file and back, exactly, or not at all."""

import gzip
import io
import json
import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import psycopg2
import pytest
import reversion
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TestCase, TransactionTestCase
from reversion.models import Version

from reviews import backup, search
from reviews.models import Country, Film, Review, Source, TagUse
from reviews.models.reviews import BUILT_IN_SOURCE_SLUG

from .site_data import build_site
from .test_admin import make_editor

User = get_user_model()


def exported(**options):
    stream = io.StringIO()
    backup.export_archive(stream, **options)
    return stream.getvalue()


def make_history(editor):
    film = Film.objects.get(slug="the-cranes-are-flying-1957")
    with reversion.create_revision():
        reversion.set_user(editor)
        reversion.set_comment("Title in English.")
        film.title = "The Cranes Are Flying"
        film.save()
    LogEntry.objects.log_actions(editor.pk, [film], CHANGE, change_message="Changed title.", single_object=True)


def search_results():
    return sorted(
        Review.objects.filter(pk__in=search.matching_ids("reviews", search.parse("second paragraph"))).values_list(
            "pk", flat=True
        )
    )


@pytest.mark.slow
class RoundTripTests(TransactionTestCase):
    """Export, empty the database, restore, export again: the same file, the same archive."""

    serialized_rollback = True

    def test_a_restored_archive_exports_the_same_file_and_finds_what_it_found(self):
        build_site(3)
        editor = make_editor("alice")
        make_history(editor)
        Review.objects.filter(pk=Review.objects.order_by("pk").first().pk).update(body="Café\r\n  Летят журавли<br />")
        first = exported()
        found = search_results()
        bodies = dict(Review.objects.values_list("pk", "body"))
        in_use = TagUse.objects.in_use().values_list("tag_id", "film_count", "review_count")
        tag_counts = sorted(in_use)
        self.assertTrue(found)

        call_command("flush", interactive=False, verbosity=0)
        result = backup.restore_archive(io.StringIO(first))

        self.assertEqual(exported(), first)
        self.assertEqual(result.total, sum(json.loads(first.splitlines()[0])["counts"].values()))
        self.assertEqual(dict(Review.objects.values_list("pk", "body")), bodies)
        self.assertEqual(search_results(), found)
        self.assertEqual(sorted(in_use.all()), tag_counts)
        self.assertEqual(Version.objects.get_for_object(Film.objects.get(slug="the-cranes-are-flying-1957")).count(), 1)
        self.assertTrue(Group.objects.get(name="Editors").permissions.filter(codename="change_review").exists())
        # Accounts come back unable to sign in until given a password, unless the hashes were asked for.
        self.assertFalse(User.objects.get(username="alice").has_usable_password())
        # And what comes next gets new ids, after the restored ones.
        restored_ids = [json.loads(line)["pk"] for line in first.splitlines()[1:-1] if '"model":"reviews.film"' in line]
        self.assertGreater(Film.objects.create(title="New", year=2026, slug="new-2026").pk, max(restored_ids))

    def test_password_hashes_travel_only_when_asked(self):
        make_editor("alice")
        without, with_hashes = exported(), exported(with_passwords=True)
        self.assertNotIn("pbkdf2", without)
        self.assertIn("pbkdf2", with_hashes)
        call_command("flush", interactive=False, verbosity=0)
        backup.restore_archive(io.StringIO(with_hashes))
        self.assertTrue(User.objects.get(username="alice").check_password("a-long-test-password-1957"))


class RefusalTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_site(1)
        cls.file = exported()

    def setUp(self):
        self.tmp = Path(self.enterContext(tempfile.TemporaryDirectory()))

    def restore(self, text, message):
        path = self.tmp / "archive.jsonl"
        path.write_text(text, encoding="utf-8")
        with self.assertRaisesMessage(CommandError, message):
            call_command("restore_archive", str(path), no_progress=True, stdout=io.StringIO())

    def test_a_database_with_an_archive_is_refused(self):
        self.restore(self.file, "The database is not empty")

    def test_what_is_refused_writes_nothing(self):
        lines = self.file.splitlines(keepends=True)
        header = json.loads(lines[0])
        cases = {
            "truncated": ("".join(lines[:-5]), "truncated"),
            "damaged line": ("".join([*lines[:5], '{"model": "reviews.film", "pk"\n', *lines[6:]]), "Line 6: damaged"),
            "unknown version": (
                "".join([json.dumps({**header, "version": 99}) + "\n", *lines[1:]]),
                "format version 99",
            ),
            "not an archive": ("hello\n", "not an archive file"),
            "counts differ": ("".join([*lines[:-2], lines[-1]]), "do not match"),
            # The country the films were made in.
            "a record missing": ("".join(line for line in lines if '"code":"SUHH"' not in line), "refused"),
            "unknown model": (
                "".join([lines[0], '{"model": "auth.permission", "pk": 1, "fields": {}}\n', *lines[1:]]),
                "not a record of the archive",
            ),
        }
        self.empty_the_archive()
        for name, (text, message) in cases.items():
            with self.subTest(name):
                self.restore(text, message)
                self.assertFalse(Film.objects.exists())
                self.assertFalse(Review.objects.exists())
                self.assertFalse(User.objects.exists())

    def test_a_truncated_gzip_file_is_refused(self):
        self.empty_the_archive()
        path = self.tmp / "archive.jsonl.gz"
        data = gzip.compress(self.file.encode())
        path.write_bytes(data[: len(data) // 2])
        with self.assertRaisesMessage(CommandError, "damaged or truncated"):
            call_command("restore_archive", str(path), no_progress=True, stdout=io.StringIO())
        self.assertFalse(Film.objects.exists())

    def test_a_hostile_address_in_a_file_is_refused_by_the_database(self):
        lines = self.file.splitlines(keepends=True)
        self.empty_the_archive()
        hostile = []
        for line in lines:
            record = json.loads(line)
            if record.get("model") == "reviews.source":
                record["fields"]["url"] = "javascript:alert(1)"
                line = json.dumps(record) + "\n"
            hostile.append(line)
        self.restore("".join(hostile), "the database refused these sources")
        self.assertFalse(Film.objects.exists())

    def empty_the_archive(self):
        for model, _ in reversed(backup.MODELS):
            if model is not Group:
                model._base_manager.all().delete()


class MigratedDatabaseTests(TestCase):
    def test_what_migrate_loads_is_replaced_by_the_files_own_records(self):
        build_site(1)
        Country.objects.filter(code="FR").update(other_names="Frankreich")
        file = exported()
        # A new, migrated database: the countries, the built-in source and the Editors group, nothing else.
        for model, _ in reversed(backup.MODELS):
            if model not in (Group, Country, Source):
                model._base_manager.all().delete()
        Source.objects.exclude(slug=BUILT_IN_SOURCE_SLUG).delete()
        Country.objects.filter(code="FR").update(other_names="")
        backup.restore_archive(io.StringIO(file))
        self.assertEqual(exported(), file)
        self.assertEqual(Country.objects.get(code="FR").other_names, "Frankreich")

    def test_a_source_besides_the_built_in_one_is_an_archive(self):
        build_site(1)
        file = exported()
        for model, _ in reversed(backup.MODELS):
            if model not in (Group, Country, Source):
                model._base_manager.all().delete()
        with self.assertRaisesMessage(backup.BackupError, "The database is not empty (it has sources)"):
            backup.restore_archive(io.StringIO(file))


class CommandTests(TestCase):
    def test_export_writes_gzip_by_its_name_and_never_a_partial_file(self):
        build_site(1)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "archive.jsonl.gz"
            out = io.StringIO()
            call_command("export_archive", str(path), no_progress=True, stdout=out)
            self.assertIn("Exported", out.getvalue())
            lines = gzip.decompress(path.read_bytes()).decode().splitlines()
            self.assertEqual(json.loads(lines[0])["format"], "filmarchive-archive")
            self.assertTrue(json.loads(lines[-1])["end"])
            self.assertEqual(os.listdir(tmp), ["archive.jsonl.gz"])
            with self.assertRaisesMessage(CommandError, "No such file or directory"):
                call_command("export_archive", str(Path(tmp) / "missing" / "a.jsonl"), no_progress=True)


def _run(database_url, *command, check=True):
    environment = {**os.environ, "DATABASE_URL": database_url, "DJANGO_DEBUG": "true"}
    return subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=settings.BASE_DIR,
        env=environment,
        check=check,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.mark.slow
@pytest.mark.skipif(connection.vendor != "sqlite", reason="runs once, in the SQLite run: it makes its own databases")
def test_sqlite_to_postgresql_to_sqlite_gives_identical_exports(tmp_path):
    """Through `manage.py`, as an administrator would: the demo archive with history, on both engines."""
    postgres_url = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    name = f"fa_backup_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(postgres_url)
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    try:
        first_sqlite = f"sqlite:///{tmp_path / 'first.sqlite3'}"
        second_sqlite = f"sqlite:///{tmp_path / 'second.sqlite3'}"
        postgres = postgres_url.rsplit("/", 1)[0] + f"/{name}"
        _run(first_sqlite, "migrate", "-v0")
        _run(first_sqlite, "load_demo")
        _run(first_sqlite, "shell", "-c", SHELL_HISTORY)
        _run(first_sqlite, "export_archive", str(tmp_path / "1.jsonl.gz"), "--no-progress")
        for url, source, target in ((postgres, "1", "2"), (second_sqlite, "2", "3")):
            _run(url, "migrate", "-v0")
            _run(url, "restore_archive", str(tmp_path / f"{source}.jsonl.gz"), "--no-progress")
            _run(url, "export_archive", str(tmp_path / f"{target}.jsonl.gz"), "--no-progress")
        files = [gzip.decompress((tmp_path / f"{n}.jsonl.gz").read_bytes()) for n in "123"]
        assert files[0] == files[1] == files[2]
        assert b'"reversion.version"' in files[0]
        searches = [_run(url, "shell", "-c", SHELL_SEARCH).stdout for url in (first_sqlite, postgres, second_sqlite)]
        assert searches[0] == searches[1] == searches[2]
        assert searches[0].strip() not in {"", "[]"}
    finally:
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


SHELL_HISTORY = """
import reversion
from django.contrib.auth.models import User, Group
from reviews.models import Film
editor = User.objects.create_user("alice", password="a-long-test-password-1957", is_staff=True)
editor.groups.add(Group.objects.get(name="Editors"))
film = Film.objects.order_by("pk").first()
with reversion.create_revision():
    reversion.set_user(editor)
    film.runtime_minutes = 97
    film.save()
"""
SHELL_SEARCH = """
from reviews import search
from reviews.models import Person, Review
for model, kind, words in ((Review, "reviews", "cranes flying"), (Person, "people", "Urusevsky")):
    found = model.objects.filter(pk__in=search.matching_ids(kind, search.parse(words)))
    print(sorted(found.values_list("pk", flat=True)))
"""
