"""manage.py import_reviews: single files, aclImdb trees, idempotence, all-or-nothing, options."""

import io
import tempfile
import tracemalloc
import unittest
from decimal import Decimal
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.core.management.base import OutputWrapper
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from reviews import importing, search
from reviews.importing import ImportResult, ReviewImportError, import_reviews
from reviews.management.progress import ProgressBar
from reviews.models import Film, Review, Source, TaggedReview
from reviews.models.reviews import BUILT_IN_SOURCE_SLUG

from .factories import make_film, make_source

SEED = Path(settings.BASE_DIR) / "reviews" / "demo" / "seeds" / "000_984c2e56fef4b264.txt"
CRANES = "tt0050634"
UNKNOWN = "tt0099999"


def build_dataset(top, splits):
    """Write an aclImdb tree under `top`: {split: {label: [(rating, imdb_id, text), ...]}}.

    The file id is the position in the list, and the urls file gets one line per file.
    """
    for split, labels in splits.items():
        for label, reviews in labels.items():
            folder = top / split / label
            folder.mkdir(parents=True)
            urls = []
            for file_id, (rating, imdb_id, text) in enumerate(reviews):
                (folder / f"{file_id}_{rating}.txt").write_bytes(text.encode())
                urls.append(f"http://www.imdb.com/title/{imdb_id}/usercomments")
            (top / split / f"urls_{label}.txt").write_text("\n".join(urls) + "\n")
    return top


SMALL_DATASET = {
    "train": {
        "pos": [(10, CRANES, "Train pos 0: a masterpiece.<br /><br />Truly."), (8, UNKNOWN, "Train pos 1: good.")],
        "neg": [(2, CRANES, "Train neg 0: too sentimental."), (1, UNKNOWN, "Train neg 1: dull.")],
    },
    "test": {
        "pos": [(9, UNKNOWN, "Test pos 0: lovely.")],
        "neg": [(3, CRANES, "Test neg 0: overrated.")],
    },
}


class ImportTestCase(TestCase):
    def setUp(self):
        self.tmp = Path(self.enterContext(tempfile.TemporaryDirectory()))

    def run_command(self, *args, **options):
        out = io.StringIO()
        call_command("import_reviews", *args, no_progress=True, stdout=out, stderr=io.StringIO(), **options)
        return out.getvalue()

    def assert_refused(self, *args, message, **options):
        """The command fails naming the problem, and leaves the database as it was."""
        films_before = set(Film.objects.values_list("id", flat=True))
        with self.assertRaisesMessage(CommandError, message):
            self.run_command(*args, **options)
        self.assertEqual(Review.objects.count(), 0)
        self.assertEqual(TaggedReview.objects.count(), 0)
        self.assertEqual(set(Film.objects.values_list("id", flat=True)), films_before)
        self.assertFalse(Source.objects.exclude(slug=BUILT_IN_SOURCE_SLUG).exists())  # only migrate's


class SingleFileImportTests(ImportTestCase):
    def test_the_seed_imports_byte_for_byte_for_its_imdb_id(self):
        film = make_film(title="The Cranes Are Flying", imdb_id=CRANES)
        self.run_command(SEED, imdb_id=CRANES)

        review = Review.objects.get()
        self.assertEqual(review.body.encode(), SEED.read_bytes())
        self.assertEqual(review.body_sha256, Review.hash_body(SEED.read_text(encoding="utf-8")))
        self.assertEqual(review.film, film)
        self.assertIsNone(review.rating)  # 000_984c2e56fef4b264 is not {id}_{rating}
        self.assertEqual(review.rating_scale, 10)
        self.assertEqual(review.source_identifier, "000_984c2e56fef4b264.txt")
        self.assertEqual(review.slug, "1956-was-the-20th-congress-of-the")
        self.assertEqual(review.source_url, "https://www.imdb.com/title/tt0050634/")
        self.assertEqual((review.source.name, review.source.slug), ("IMDb user review", "imdb-user-review"))
        self.assertEqual((review.headline, review.author, review.language), ("", "", "en"))
        self.assertEqual(review.status, Review.Status.DRAFT)
        self.assertIsNone(review.published_at)
        self.assertIsNotNone(review.archived_at)

    def test_it_keeps_the_text_exactly_as_received(self):
        text = "  Opening spaces.<br /><br />Café, Летят журавли\r\n\n\t"
        path = self.tmp / "odd.txt"
        path.write_bytes(text.encode())
        self.run_command(path, imdb_id=CRANES)
        self.assertEqual(Review.objects.get().body, text)

    def test_it_creates_a_placeholder_film_for_an_unknown_imdb_id(self):
        self.run_command(SEED, imdb_id=CRANES)
        film = Film.objects.get()
        self.assertEqual(
            (film.title, film.year, film.slug, film.imdb_id), ("IMDb tt0050634", None, "imdb-tt0050634", CRANES)
        )
        self.assertEqual(film.reviews.count(), 1)

    def test_it_takes_the_film_by_slug(self):
        film = make_film(slug="the-cranes-are-flying-1957")
        self.run_command(SEED, film="the-cranes-are-flying-1957")
        self.assertEqual(Review.objects.get().film, film)

    def test_it_reads_the_rating_from_a_dataset_style_name(self):
        (self.tmp / "12_8.txt").write_text("Rated eight.")
        (self.tmp / "13_11.txt").write_text("Not a rating.")
        self.run_command(self.tmp / "12_8.txt", self.tmp / "13_11.txt", imdb_id=CRANES)
        ratings = dict(Review.objects.values_list("source_identifier", "rating"))
        self.assertEqual(ratings, {"12_8.txt": Decimal("8"), "13_11.txt": None})

    def test_another_text_under_a_taken_slug_gets_a_hash_suffix(self):
        first, second = (f"Opening words shared by both of the reviews, then {n}." for n in ("one", "two"))
        for folder, text in [("a", first), ("b", second)]:
            (self.tmp / folder).mkdir()
            (self.tmp / folder / "7_9.txt").write_text(text)
        self.run_command(self.tmp / "a" / "7_9.txt", imdb_id=CRANES)
        self.run_command(self.tmp / "b" / "7_9.txt", imdb_id=CRANES)
        self.assertEqual(Review.objects.get(body=first).slug, "opening-words-shared-by-both-of-the")
        self.assertEqual(
            Review.objects.get(body=second).slug, "opening-words-shared-by-both-of-the-" + Review.hash_body(second)[:8]
        )

    def test_the_slug_is_made_of_the_opening_words_without_markup(self):
        (self.tmp / "odd.txt").write_text("<br /><br />Ünïcödé <b>bold</b> text")
        (self.tmp / "bare.txt").write_text("!!!")
        self.run_command(self.tmp / "odd.txt", imdb_id=CRANES)
        self.run_command(self.tmp / "bare.txt", imdb_id=CRANES)
        self.assertEqual(set(Review.objects.values_list("slug", flat=True)), {"unicode-bold-text", "review"})

    def test_a_single_file_outside_a_dataset_needs_a_film(self):
        self.assert_refused(
            SEED, message="000_984c2e56fef4b264.txt: say which film it reviews with --imdb-id or --film"
        )

    def test_an_unknown_film_slug_is_a_clear_error(self):
        self.assert_refused(SEED, film="no-such-film", message="--film 'no-such-film': no film has this slug")

    def test_a_malformed_imdb_id_is_a_clear_error(self):
        self.assert_refused(SEED, imdb_id="0050634", message="is not an IMDb title id")

    def test_both_ways_of_naming_the_film_at_once_are_refused(self):
        make_film(slug="cranes")
        with self.assertRaises(ReviewImportError):
            import_reviews([SEED], imdb_id=CRANES, film_slug="cranes")

    def test_a_missing_path_is_a_clear_error(self):
        self.assert_refused(self.tmp / "nowhere.txt", imdb_id=CRANES, message="nowhere.txt: No such file or directory")

    def test_publish_makes_the_review_visible(self):
        self.run_command(SEED, imdb_id=CRANES, publish=True)
        review = Review.objects.published().get()
        self.assertEqual(review.status, Review.Status.PUBLISHED)
        self.assertIsNotNone(review.published_at)

    def test_it_can_name_another_source_and_language(self):
        self.run_command(SEED, imdb_id=CRANES, source="Letterboxd", language="en-GB")
        review = Review.objects.select_related("source").get()
        self.assertEqual(
            (review.source.name, review.source.slug, review.language), ("Letterboxd", "letterboxd", "en-GB")
        )


class DatasetImportTests(ImportTestCase):
    def setUp(self):
        super().setUp()
        self.top = build_dataset(self.tmp / "aclImdb", SMALL_DATASET)
        self.cranes = make_film(title="The Cranes Are Flying", imdb_id=CRANES)

    def test_it_imports_a_tree_with_films_ratings_urls_and_identifiers(self):
        self.run_command(self.top)

        placeholder = Film.objects.get(imdb_id=UNKNOWN)
        self.assertEqual(
            (placeholder.title, placeholder.year, placeholder.slug), ("IMDb tt0099999", None, "imdb-tt0099999")
        )
        cranes_url = "http://www.imdb.com/title/tt0050634/usercomments"
        unknown_url = "http://www.imdb.com/title/tt0099999/usercomments"
        self.assertEqual(
            set(Review.objects.values_list("source_identifier", "film_id", "rating", "source_url", "slug")),
            {
                (
                    "aclImdb/train/pos/0_10.txt",
                    self.cranes.pk,
                    Decimal(10),
                    cranes_url,
                    "train-pos-0-a-masterpiece-truly",
                ),
                ("aclImdb/train/pos/1_8.txt", placeholder.pk, Decimal(8), unknown_url, "train-pos-1-good"),
                ("aclImdb/train/neg/0_2.txt", self.cranes.pk, Decimal(2), cranes_url, "train-neg-0-too-sentimental"),
                ("aclImdb/train/neg/1_1.txt", placeholder.pk, Decimal(1), unknown_url, "train-neg-1-dull"),
                ("aclImdb/test/pos/0_9.txt", placeholder.pk, Decimal(9), unknown_url, "test-pos-0-lovely"),
                ("aclImdb/test/neg/0_3.txt", self.cranes.pk, Decimal(3), cranes_url, "test-neg-0-overrated"),
            },
        )
        review = Review.objects.get(source_identifier="aclImdb/train/pos/0_10.txt")
        self.assertEqual(review.body, "Train pos 0: a masterpiece.<br /><br />Truly.")
        self.assertEqual(review.body_sha256, Review.hash_body(review.body))
        self.assertEqual(review.rating_normalised, 100.0)
        self.assertEqual(Film.objects.count(), 2)

    def test_it_prints_a_summary_line(self):
        output = self.run_command(self.top)
        self.assertRegex(
            output,
            r"^Imported 6 reviews \(0 already present\) for 2 films \(1 new placeholder film\) "
            r"in \d+\.\d s \([\d,]+ reviews/s\)\.\n$",
        )

    def test_running_it_again_imports_nothing_twice(self):
        self.run_command(self.top)
        output = self.run_command(self.top)
        self.assertIn("Imported 0 reviews (6 already present) for 2 films (0 new placeholder films)", output)
        self.assertEqual(Review.objects.count(), 6)
        self.assertEqual(Film.objects.count(), 2)

    def test_a_split_directory_imports_alone(self):
        self.run_command(self.top / "train")
        self.assertEqual(
            sorted(Review.objects.values_list("source_identifier", flat=True)),
            ["train/neg/0_2.txt", "train/neg/1_1.txt", "train/pos/0_10.txt", "train/pos/1_8.txt"],
        )

    def test_a_single_file_inside_the_tree_takes_its_film_from_the_urls_file(self):
        self.run_command(self.top / "test" / "pos" / "0_9.txt")
        review = Review.objects.select_related("film").get()
        self.assertEqual((review.film.imdb_id, review.rating), (UNKNOWN, Decimal(9)))
        self.assertEqual(review.source_identifier, "0_9.txt")
        self.assertEqual(review.source_url, "http://www.imdb.com/title/tt0099999/usercomments")

    def test_the_same_text_twice_in_one_run_is_stored_once(self):
        (self.top / "test" / "neg" / "0_3.txt").write_text("Train neg 1: dull.")
        output = self.run_command(self.top)
        self.assertIn("Imported 5 reviews (1 already present)", output)
        self.assertEqual(Review.objects.filter(body="Train neg 1: dull.").count(), 1)

    def test_texts_already_stored_from_the_same_source_are_skipped(self):
        make_source()
        self.run_command(SEED, imdb_id=CRANES)
        (self.top / "train" / "pos" / "0_10.txt").write_bytes(SEED.read_bytes())
        output = self.run_command(self.top, batch_size=2)
        self.assertIn("Imported 5 reviews (1 already present)", output)
        self.assertEqual(Review.objects.count(), 6)

    def test_publish_makes_them_visible(self):
        self.run_command(self.top, publish=True)
        self.assertEqual(Review.objects.published().count(), 6)

    def test_without_publish_they_stay_drafts(self):
        self.run_command(self.top)
        self.assertFalse(Review.objects.published().exists())
        self.assertEqual(set(Review.objects.values_list("status", flat=True)), {Review.Status.DRAFT})

    def test_tags_are_given_to_every_review_and_reused_case_insensitively(self):
        existing = Tag.objects.create(name="Soviet thaw")
        self.run_command(self.top, tags=["soviet thaw", "aclImdb"], batch_size=4)
        self.assertEqual(Tag.objects.count(), 2)
        for review in Review.objects.prefetch_related("tags"):
            self.assertEqual(sorted(tag.name for tag in review.tags.all()), ["Soviet thaw", "aclImdb"])
        self.assertEqual(Review.objects.filter(tags=existing).count(), 6)

    def test_tags_come_from_the_command_line_as_well(self):
        out = io.StringIO()
        call_command("import_reviews", str(self.top), "--tag", "cranes", "--tag", "war", "--no-progress", stdout=out)
        self.assertEqual(TaggedReview.objects.count(), 12)

    def test_the_film_named_on_the_command_line_wins_over_the_urls_files(self):
        self.run_command(self.top / "test", film=self.cranes.slug)
        self.assertEqual(set(Review.objects.values_list("film_id", flat=True)), {self.cranes.pk})

    def test_it_returns_the_figures_to_other_code(self):
        result = import_reviews([self.top], batch_size=1)
        self.assertIsInstance(result, ImportResult)
        self.assertEqual((result.imported, result.already_present, result.films, result.new_films), (6, 0, 2, 1))


class QueryCountTests(ImportTestCase):
    def count_queries(self, folder, films):
        reviews = [(10, f"tt{number:07d}", f"Review {number} of {folder}.") for number in range(1, films + 1)]
        top = build_dataset(self.tmp / folder, {"train": {"pos": reviews}})
        with CaptureQueriesContext(connection) as queries:
            import_reviews([top], tags=["imported"], batch_size=1000)
        return len(queries)

    def test_queries_do_not_grow_with_the_number_of_files_and_films(self):
        # The first import also creates the source and the tag: leave that out of the comparison.
        self.count_queries("warm-up", films=1)
        small = self.count_queries("small", films=3)
        large = self.count_queries("large", films=40)
        self.assertEqual(Review.objects.count(), 44)
        self.assertEqual(small, large)


class BadInputTests(ImportTestCase):
    """Every bad file stops the import with its name and problem, and nothing at all is written."""

    def setUp(self):
        super().setUp()
        self.top = build_dataset(self.tmp / "aclImdb", SMALL_DATASET)
        make_film(imdb_id=CRANES)
        # Files of train/ come before test/: with one file per batch, they would be written first.
        self.options = {"batch_size": 1, "tags": ["imported"]}

    def test_invalid_utf8_is_refused(self):
        (self.top / "test" / "neg" / "0_3.txt").write_bytes(b"Caf\xe9 au lait")
        self.assert_refused(self.top, message="aclImdb/test/neg/0_3.txt: not valid UTF-8 (byte 3)", **self.options)

    def test_an_empty_file_is_refused(self):
        (self.top / "test" / "neg" / "0_3.txt").write_bytes(b"")
        self.assert_refused(self.top, message="aclImdb/test/neg/0_3.txt: the file is empty", **self.options)

    def test_a_whitespace_only_file_is_refused(self):
        (self.top / "test" / "neg" / "0_3.txt").write_bytes(b" \r\n\t")
        self.assert_refused(self.top, message="aclImdb/test/neg/0_3.txt: only whitespace", **self.options)

    def test_a_missing_urls_line_is_refused(self):
        (self.top / "test" / "pos" / "1_7.txt").write_text("No line for me in urls_pos.txt.")
        self.assert_refused(
            self.top,
            message="aclImdb/test/pos/1_7.txt: urls_pos.txt has no URL on line 2 (for file id 1)",
            **self.options,
        )

    def test_a_missing_urls_file_is_refused(self):
        (self.top / "test" / "urls_neg.txt").unlink()
        self.assert_refused(self.top, message="aclImdb/test/neg/0_3.txt: no urls_neg.txt beside neg/", **self.options)

    def test_a_urls_line_that_is_not_an_imdb_title_is_refused(self):
        (self.top / "test" / "urls_neg.txt").write_text("http://example.com/film\n")
        self.assert_refused(
            self.top,
            message="aclImdb/test/neg/0_3.txt: line 1 of urls_neg.txt is not an IMDb title URL",
            **self.options,
        )

    def test_a_name_not_in_the_dataset_pattern_is_refused(self):
        (self.top / "test" / "pos" / "notes.txt").write_text("Not a review.")
        self.assert_refused(
            self.top, message="aclImdb/test/pos/notes.txt: the name should be {id}_{rating}.txt", **self.options
        )

    def test_a_rating_outside_one_to_ten_is_refused(self):
        (self.top / "test" / "pos" / "0_9.txt").rename(self.top / "test" / "pos" / "0_11.txt")
        self.assert_refused(self.top, message="aclImdb/test/pos/0_11.txt: rating 11 is outside 1–10", **self.options)

    def test_a_rating_under_the_wrong_label_is_refused(self):
        (self.top / "test" / "pos" / "0_9.txt").rename(self.top / "test" / "pos" / "0_3.txt")
        self.assert_refused(self.top, message="aclImdb/test/pos/0_3.txt: rating 3 cannot be under pos/", **self.options)

    def test_a_directory_outside_the_dataset_layout_is_refused(self):
        (self.tmp / "elsewhere").mkdir()
        self.assert_refused(self.tmp / "elsewhere", message="elsewhere: not an aclImdb directory")

    def test_a_file_that_turns_bad_during_the_import_rolls_everything_back(self):
        # Passes the first check, then breaks after earlier batches were written:
        # the transaction must take those batches back.
        late_file = self.top / "test" / "neg" / "0_3.txt"

        def break_late_file(done, total):
            # Replaced whole, never seen half-written: the next batches are being read meanwhile.
            replacement = self.tmp / "replacement"
            replacement.write_bytes(b"\xff")
            replacement.replace(late_file)

        with self.assertRaisesMessage(ReviewImportError, "aclImdb/test/neg/0_3.txt: not valid UTF-8"):
            import_reviews([self.top], on_progress=break_late_file, **self.options)
        self.assertEqual(Review.objects.count(), 0)
        self.assertEqual(Film.objects.count(), 1)
        self.assertFalse(Source.objects.exclude(slug=BUILT_IN_SOURCE_SLUG).exists())  # only migrate's


def many_reviews(count, films=40, prefix="Review"):
    """`count` distinct texts spread over `films` IMDb ids, for imports of several batches."""
    return [
        (10, f"tt{1_000_000 + number % films:07d}", f"{prefix} {number}: a film seen twice.") for number in range(count)
    ]


@pytest.mark.slow
class LargeImportTests(ImportTestCase):
    """Imports of several batches: what holds for six files holds across batch boundaries."""

    def test_a_bad_file_in_the_middle_of_a_large_import_writes_nothing(self):
        top = build_dataset(self.tmp / "aclImdb", {"train": {"pos": many_reviews(2500)}})
        (top / "train" / "pos" / "1234_10.txt").write_bytes(b"Half a review\xff")
        self.assert_refused(top, message="aclImdb/train/pos/1234_10.txt: not valid UTF-8 (byte 13)", tags=["big"])

    def test_a_file_that_turns_bad_in_a_later_batch_takes_back_the_batches_written(self):
        top = build_dataset(self.tmp / "aclImdb", {"train": {"pos": many_reviews(2500)}})
        written = []

        def break_a_later_file(done, total):
            written.append(Review.objects.count())  # batches really are in the database by now
            (top / "train" / "pos" / "2100_10.txt").write_bytes(b"")  # in a batch not read yet

        with self.assertRaisesMessage(ReviewImportError, "aclImdb/train/pos/2100_10.txt: the file is empty"):
            import_reviews([top], tags=["big"], batch_size=500, on_progress=break_a_later_file)
        self.assertGreaterEqual(written[0], 500)
        self.assertEqual(Review.objects.count(), 0)
        self.assertEqual(TaggedReview.objects.count(), 0)
        self.assertFalse(Film.objects.exists())
        self.assertFalse(Source.objects.exclude(slug=BUILT_IN_SOURCE_SLUG).exists())  # only migrate's

    def test_a_large_import_runs_again_without_importing_anything_twice(self):
        reviews = many_reviews(2500)
        # The same text in the first and the last batch, for two different films.
        reviews[-1] = (8, reviews[-1][1], reviews[0][2])
        top = build_dataset(self.tmp / "aclImdb", {"train": {"pos": reviews}})
        first = import_reviews([top], tags=["big"], batch_size=1000)
        self.assertEqual((first.imported, first.already_present, first.films, first.new_films), (2499, 1, 40, 40))
        again = import_reviews([top], tags=["big"], batch_size=700)
        self.assertEqual((again.imported, again.already_present, again.new_films), (0, 2500, 0))
        self.assertEqual(Review.objects.count(), 2499)
        self.assertEqual(TaggedReview.objects.count(), 2499)
        self.assertEqual(Film.objects.count(), 40)

    def test_progress_is_reported_after_every_batch(self):
        top = build_dataset(self.tmp / "aclImdb", {"train": {"pos": many_reviews(2500)}})
        calls = []
        import_reviews([top], batch_size=1000, on_progress=lambda done, total: calls.append((done, total)))
        self.assertEqual(calls, [(1000, 2500), (2000, 2500), (2500, 2500)])


class WriteTests(ImportTestCase):
    """On PostgreSQL rows go in by COPY: the same rows as bulk_create, findable at once."""

    TEXTS = [
        "Tabs\tand a backslash \\ and \\N and \\.<br /><br />Second paragraph.",
        "Windows line ends\r\nand a lone\rreturn, a form feed \x0c and a bell \x07.",
        "\\.\nA line that is only a backslash and a dot came first.",
        "Ünïcödé: Летят журавли, 鶴, עברית, emoji 🎞️, combining é.",
        "  Leading spaces, trailing newline\n",
        "The zeppelin lighthouse appears in this review only.",
    ]

    def import_texts(self, folder, **options):
        top = build_dataset(
            self.tmp / folder / "aclImdb",
            {"train": {"pos": [(7 + number % 4, CRANES, text) for number, text in enumerate(self.TEXTS)]}},
        )
        return import_reviews([top], publish=True, tags=["odd", "Texts"], **options)

    def rows(self):
        fields = [
            "film__imdb_id", "headline", "slug", "body", "body_sha256", "author", "source__name",
            "source_identifier", "source_url", "language", "written_date", "rating", "rating_scale",
            "rating_normalised", "status", "created_by", "updated_by",
        ]  # fmt: skip
        return sorted(Review.objects.values_list(*fields))

    def test_texts_are_stored_exactly_whatever_characters_they_hold(self):
        self.import_texts("first")
        self.assertEqual(sorted(Review.objects.values_list("body", flat=True)), sorted(self.TEXTS))
        for review in Review.objects.all():
            self.assertEqual(review.body_sha256, Review.hash_body(review.body))
            self.assertEqual(review.created_at, review.archived_at)
            self.assertEqual(review.published_at, review.archived_at)
            self.assertEqual(sorted(tag.name for tag in review.tags.all()), ["Texts", "odd"])

    @unittest.skipUnless(connection.vendor == "postgresql", "COPY is PostgreSQL's: SQLite imports by bulk_create")
    def test_copy_writes_the_same_rows_as_bulk_create(self):
        self.import_texts("first")
        copied = self.rows()
        Review.objects.all().delete()
        with mock.patch.object(importing, "_uses_copy", return_value=False):
            self.import_texts("second")
        self.assertEqual(self.rows(), copied)

    def test_imported_reviews_are_found_at_once(self):
        self.import_texts("first")
        results = search.find("reviews", search.parse('"zeppelin lighthouse"'), 1, 20).items
        self.assertEqual([review.body for review in results], [self.TEXTS[-1]])
        self.assertEqual(search.find("reviews", search.parse('"lighthouse zeppelin"'), 1, 20).items, [])

    def test_ids_follow_the_files_and_tags_point_at_their_reviews(self):
        self.import_texts("first", batch_size=4)
        ids = list(Review.objects.order_by("source_identifier").values_list("id", flat=True))
        self.assertEqual(ids, sorted(ids))
        self.assertEqual(set(TaggedReview.objects.values_list("content_object_id", flat=True)), set(ids))
        self.assertEqual(TaggedReview.objects.count(), 2 * len(self.TEXTS))


class ProgressTests(ImportTestCase):
    def test_the_bar_is_drawn_for_long_runs_and_ends_with_a_newline(self):
        out = io.StringIO()
        bar = ProgressBar(OutputWrapper(out))
        bar(1000, 5000)
        bar(5000, 5000)
        self.assertIn("1,000/5,000 files (20%)", out.getvalue())
        self.assertTrue(out.getvalue().endswith("5,000/5,000 files (100%)\n"))

    def test_short_runs_draw_no_bar(self):
        out = io.StringIO()
        ProgressBar(OutputWrapper(out))(10, 10)
        self.assertEqual(out.getvalue(), "")

    def test_no_bar_when_stderr_is_not_a_terminal(self):
        reviews = [(10, CRANES, f"Review {number}.") for number in range(250)]
        top = build_dataset(self.tmp / "aclImdb", {"train": {"pos": reviews}})
        err = io.StringIO()
        call_command("import_reviews", str(top), stdout=io.StringIO(), stderr=err)
        self.assertEqual(err.getvalue(), "")
        self.assertEqual(Review.objects.count(), 250)


def test_summary_reads_well_for_one_of_each():
    result = ImportResult(imported=1, already_present=0, films=1, new_films=1, seconds=0.5)
    assert (
        result.summary()
        == "Imported 1 review (0 already present) for 1 film (1 new placeholder film) in 0.5 s (2 reviews/s)."
    )


class GuardTests(ImportTestCase):
    def test_a_file_over_the_size_limit_is_refused_by_name_unread(self):
        path = self.tmp / "book.txt"
        path.write_bytes(b"word " * (1024 * 1024 // 5 + 1))
        with mock.patch.object(importing, "_read_text", wraps=importing._read_text) as read_text:
            self.assert_refused(path, imdb_id=CRANES, message="book.txt: 1,048,580 bytes, over the limit of 1,048,576")
        self.assertEqual(read_text.call_count, 1)  # refused in the first pass, before anything is written

    def test_the_limit_can_be_changed(self):
        path = self.tmp / "short.txt"
        path.write_bytes(b"A short review of a long film.")
        self.assert_refused(path, imdb_id=CRANES, max_bytes=10, message="short.txt: 30 bytes, over the limit of 10")
        self.run_command(path, imdb_id=CRANES, max_bytes=30)
        self.assertEqual(Review.objects.count(), 1)

    def test_a_huge_file_costs_no_memory(self):
        path = self.tmp / "huge.txt"
        with path.open("wb") as file:
            file.truncate(50 * 1024 * 1024)  # 50 MB, sparse: nothing written to disk
        tracemalloc.start()
        try:
            self.assert_refused(path, imdb_id=CRANES, message="huge.txt: 52,428,800 bytes, over the limit")
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        self.assertLess(peak, 5 * 1024 * 1024)

    def test_importing_again_with_a_tag_tags_the_reviews_already_present(self):
        top = build_dataset(self.tmp / "aclImdb", SMALL_DATASET)
        self.run_command(top)
        output = self.run_command(top, tags=["aclImdb"])
        self.assertIn("6 already present, 6 of them newly tagged", output)
        self.assertEqual(Review.objects.filter(tags__name="aclImdb").count(), 6)
        # And once more: nothing to add, nothing doubled.
        self.run_command(top, tags=["aclImdb"])
        self.assertEqual(TaggedReview.objects.count(), 6)
        self.assertEqual(Tag.objects.get().name, "aclImdb")

    def test_every_review_a_tag_import_touches_has_the_tag(self):
        top = build_dataset(self.tmp / "aclImdb", SMALL_DATASET)
        self.run_command(top / "train")
        self.run_command(top, tags=["seen"])
        self.assertEqual(Review.objects.exclude(tags__name="seen").count(), 0)
        self.assertEqual(Review.objects.count(), 6)
