"""generate_archive: sizes and proportions, constraints, determinism, safety, and that the result renders."""

import hashlib
import io
import re
import statistics

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count
from django.test import TestCase, TransactionTestCase
from django.utils import timezone
from taggit.models import Tag

from reviews import search
from reviews.generation import (
    DERIVED_MODELS,
    REFERENCE_MODELS,
    GenerationRefused,
    Size,
    archive_models,
    generate_archive,
    read_manifest,
)
from reviews.generation.plan import Archive
from reviews.models import (
    Country,
    Credit,
    Edition,
    Festival,
    Film,
    FilmTitle,
    Person,
    PersonName,
    Review,
    Source,
    TaggedFilm,
    TaggedReview,
    TagUse,
)

from .factories import make_film, make_review

REVIEWS = 400
SEED = 7
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
STAMPS = {"created_at", "updated_at"}


def archive_fingerprint():
    """A hash of every archive row but the times it was written at: equal for equal archives."""
    digest = hashlib.sha256()
    for model in archive_models():
        if model in DERIVED_MODELS:
            continue
        fields = [field.attname for field in model._meta.concrete_fields if field.name not in STAMPS]
        for row in model._base_manager.order_by("pk").values_list(*fields):
            # The manifest (in a source's description) says when it was generated.
            digest.update(re.sub(r'"generated_at": "[^"]*"', "", repr(row)).encode())
    return digest.hexdigest()


def archive_schema():
    """The constraints and indexes of the archive's tables, as Django's introspection reads them."""
    with connection.cursor() as cursor:
        return {
            model._meta.db_table: connection.introspection.get_constraints(cursor, model._meta.db_table)
            for model in archive_models()
        }


def words(text):
    return len(text.replace("<br /><br />", " ").split())


@pytest.mark.slow
class GeneratedArchiveTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.schema_before = archive_schema()
        cls.countries = Country.objects.count()
        cls.size = Size.for_reviews(REVIEWS)
        cls.result = generate_archive(REVIEWS, seed=SEED)
        cls.fingerprint = archive_fingerprint()

    def test_it_generates_the_sizes_asked_for(self):
        size = self.size
        self.assertEqual(Review.objects.count(), REVIEWS)
        self.assertEqual(Film.objects.count(), size.films)
        self.assertEqual(Person.objects.count(), size.people)
        self.assertEqual(Credit.objects.count(), size.credits)
        self.assertEqual(Tag.objects.count(), size.tags)
        self.assertEqual(Festival.objects.count(), size.festivals)
        self.assertEqual(Edition.objects.count(), size.festivals * size.editions_per_festival)
        for model in archive_models():
            if model not in (*DERIVED_MODELS, *REFERENCE_MODELS):
                self.assertEqual(self.result.rows.get(model._meta.db_table, 0), model._base_manager.count())
        # What migrate loaded stays: every country, and the built-in source after the generated ones.
        self.assertEqual(Country.objects.count(), self.countries)
        self.assertEqual(Source.objects.built_in().pk, 4)
        self.assertEqual(list(Source.objects.order_by("pk").values_list("rating_scale", flat=True)), [10, 5, 100, 5])

    def test_the_kept_counts_are_right(self):
        for film in Film.objects.all():
            self.assertEqual(film.published_review_count, film.reviews.published().count(), film)
        for use in TagUse.objects.select_related("tag"):
            self.assertEqual(use.film_count, Film.objects.filter(tags=use.tag).count(), use.tag)
            self.assertEqual(use.review_count, Review.objects.published().filter(tags=use.tag).count(), use.tag)
        self.assertEqual(TagUse.objects.count(), Tag.objects.count())

    def test_sizes_scale_with_the_reviews_from_the_full_archive(self):
        full = Size.for_reviews(1_000_000)
        self.assertEqual(
            (full.films, full.people, full.credits, full.tags, full.festivals, full.editions_per_festival),
            (100_000, 300_000, 1_000_000, 20_000, 50, 70),
        )
        tenth = Size.for_reviews(100_000)
        self.assertEqual((tenth.films, tenth.people, tenth.credits, tenth.tags), (10_000, 30_000, 100_000, 2_000))
        self.assertAlmostEqual(tenth.editions / full.editions, 0.1, delta=0.01)

    def test_films_have_titles_in_several_kinds_and_scripts(self):
        self.assertGreaterEqual(FilmTitle.objects.count(), 2 * Film.objects.count())
        kinds = set(FilmTitle.objects.values_list("kind", flat=True))
        self.assertLessEqual({"original", "transliterated", "translated"}, kinds)
        originals = FilmTitle.objects.filter(kind="original").values_list("title", flat=True)
        self.assertTrue(any(CYRILLIC.search(title) for title in originals))
        self.assertTrue(any(not title.isascii() for title in Film.objects.values_list("title", flat=True)))

    def test_people_have_several_names(self):
        self.assertGreaterEqual(PersonName.objects.count(), Person.objects.count())
        kinds = set(PersonName.objects.values_list("kind", flat=True))
        self.assertLessEqual({"original_script", "transliteration", "misspelling", "alternative"}, kinds)

    def test_review_texts_look_like_imdb_user_reviews(self):
        lengths = [words(body) for body in Review.objects.values_list("body", flat=True)]
        self.assertTrue(120 <= statistics.median(lengths) <= 240, statistics.median(lengths))
        self.assertLessEqual(max(lengths), 2000)
        self.assertGreaterEqual(min(lengths), 10)
        self.assertGreater(max(lengths), 3 * statistics.median(lengths))  # a long tail
        with_paragraphs = Review.objects.filter(body__contains="<br /><br />").count()
        self.assertGreater(with_paragraphs, REVIEWS * 0.7)

    def test_review_texts_have_common_and_rare_words(self):
        counts = {}
        for body in Review.objects.values_list("body", flat=True):
            for word in set(body.lower().replace("<br /><br />", " ").split()):
                counts[word] = counts.get(word, 0) + 1
        self.assertGreater(counts["the"], REVIEWS * 0.9)
        self.assertGreater(sum(1 for count in counts.values() if count == 1), 1000)

    def test_every_text_is_unique_and_hashed_as_imports_do(self):
        for body, body_sha256 in Review.objects.values_list("body", "body_sha256"):
            self.assertEqual(body_sha256, Review.hash_body(body))
        self.assertEqual(Review.objects.values("body_sha256").distinct().count(), REVIEWS)

    def test_most_reviews_are_public_and_drafts_have_no_date(self):
        published = Review.objects.filter(status=Review.Status.PUBLISHED)
        self.assertTrue(0.85 <= published.count() / REVIEWS < 1)
        self.assertEqual(Review.objects.published().count(), published.count())  # all of them already public
        self.assertFalse(Review.objects.filter(status=Review.Status.DRAFT, published_at__isnull=False).exists())

    def test_ratings_are_normalised_within_their_scales(self):
        rated = Review.objects.filter(rating__isnull=False)
        self.assertEqual(set(rated.values_list("rating_scale", flat=True)), {5, 10, 100})
        for rating, scale, normalised in rated.values_list("rating", "rating_scale", "rating_normalised"):
            self.assertAlmostEqual(normalised, float(rating) * 100 / scale)

    def test_use_is_long_tailed(self):
        tag_uses = sorted(
            TaggedReview.objects.values("tag").annotate(n=Count("id")).values_list("n", flat=True), reverse=True
        )
        self.assertGreater(tag_uses[0], 10 * statistics.median(tag_uses))
        credits = sorted(Credit.objects.values("person").annotate(n=Count("id")).values_list("n", flat=True))
        self.assertGreater(credits[-1], 3 * statistics.mean(credits))
        reviews = sorted(Review.objects.values("film").annotate(n=Count("id")).values_list("n", flat=True))
        self.assertGreater(reviews[-1], 5 * statistics.mean(reviews))
        self.assertTrue(TaggedFilm.objects.exists())

    def test_rows_pass_model_validation(self):
        # Lengths, choices, slugs and validators that the database does not check (SQLite checks no lengths).
        for model in apps.get_app_config("reviews").get_models():
            records = list(model._base_manager.order_by("pk"))
            for record in records[:: max(1, len(records) // 20)]:
                record.full_clean()

    def test_foreign_keys_hold(self):
        connection.check_constraints()

    def test_the_schema_is_the_one_the_migrations_made(self):
        self.assertEqual(archive_schema(), self.schema_before)

    def test_new_records_get_fresh_ids(self):
        film = make_film(title="Added after generation")
        review = make_review(film=film)
        self.assertGreater(film.pk, self.size.films)
        self.assertGreater(review.pk, REVIEWS)

    def test_search_finds_what_was_generated(self):
        # The database keeps the search index current on every insert, COPY included: no rebuild needed.
        archive = Archive(self.size, SEED, timezone.now(), progress=None)
        for review_id in (1, REVIEWS):
            name = archive.character_name(review_id)
            self.assertIn(name, Review.objects.get(pk=review_id).body)
            found = Review.objects.filter(pk__in=search.matching_ids("reviews", search.parse(f'"{name}"')))
            self.assertEqual(list(found.values_list("pk", flat=True)), [review_id])
        title = FilmTitle.objects.filter(kind="original", title__regex=CYRILLIC.pattern).order_by("pk").first()
        films = search.find("films", search.parse(title.title)).items
        self.assertIn(title.film_id, [film.pk for film in films])

    def test_it_leaves_a_manifest(self):
        manifest = read_manifest()
        self.assertEqual((manifest.reviews, manifest.seed), (REVIEWS, SEED))
        self.assertEqual(manifest.rows["reviews_review"], REVIEWS)

    def test_the_pages_render(self):
        film = Film.objects.annotate(n=Count("reviews")).order_by("-n", "pk").first()
        person = Person.objects.annotate(n=Count("credits")).order_by("-n", "pk").first()
        tag = Tag.objects.get(pk=1)  # the most used
        edition = Edition.objects.select_related("festival").order_by("pk").first()
        review = Review.objects.published().select_related("film").order_by("pk").first()
        pages = {
            "/": "",
            f"/films/{film.slug}/": film.title,
            f"/people/{person.slug}/": person.name,
            f"/tags/{tag.slug}/": tag.name,
            f"/festivals/{edition.festival.slug}/{edition.year}/": edition.festival.name,
            review.get_absolute_url(): review.film.title,
            "/films/?sort=reviews": "",
        }
        for url, text in pages.items():
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, text)

    def test_the_same_seed_gives_the_same_archive(self):
        generate_archive(REVIEWS, seed=SEED, force=True)
        self.assertEqual(archive_fingerprint(), self.fingerprint)

    def test_another_seed_gives_another_archive(self):
        generate_archive(REVIEWS, seed=SEED + 1, force=True)
        self.assertNotEqual(archive_fingerprint(), self.fingerprint)
        self.assertEqual(Review.objects.count(), REVIEWS)

    def test_it_asks_for_force_before_replacing_a_generated_archive(self):
        with pytest.raises(GenerationRefused, match="--force"):
            generate_archive(REVIEWS, seed=SEED + 1)
        self.assertEqual(archive_fingerprint(), self.fingerprint)

    def test_force_refuses_when_an_editor_changed_a_record(self):
        film = Film.objects.order_by("pk").first()
        film.synopsis = "An editor's own words."
        film.save()
        with pytest.raises(GenerationRefused, match="editor"):
            generate_archive(REVIEWS, seed=SEED, force=True)
        film.refresh_from_db()
        self.assertEqual(film.synopsis, "An editor's own words.")

    def test_force_refuses_when_records_were_added(self):
        make_review(film=Film.objects.order_by("pk").first(), body="Written by hand.")
        with pytest.raises(GenerationRefused, match="reviews_review has 401 rows, 400 were generated"):
            generate_archive(REVIEWS, seed=SEED, force=True)
        self.assertTrue(Review.objects.filter(body="Written by hand.").exists())

    def test_force_refuses_when_records_were_deleted(self):
        Review.objects.order_by("pk").first().delete()
        with pytest.raises(GenerationRefused, match="399 rows"):
            generate_archive(REVIEWS, seed=SEED, force=True)


class EditorsArchiveTests(TestCase):
    def test_it_never_touches_an_archive_it_did_not_generate(self):
        film = make_film(title="Летят журавли")
        make_review(film=film)
        for force in (False, True):
            with pytest.raises(GenerationRefused, match="did not make"):
                generate_archive(50, force=force)
        self.assertEqual(Film.objects.get().title, "Летят журавли")
        self.assertEqual(Review.objects.count(), 1)

    def test_the_command_says_why_it_refuses(self):
        make_film()
        with pytest.raises(CommandError, match="never replaces"):
            call_command("generate_archive", reviews=50, force=True, no_progress=True, stdout=io.StringIO())


@pytest.mark.slow
class CommandTests(TestCase):
    def test_it_generates_and_reports(self):
        out, err = io.StringIO(), io.StringIO()
        call_command("generate_archive", reviews=60, seed=3, verbosity=2, stdout=out, stderr=err)
        self.assertIn("Generated 60 reviews, 20 films", out.getvalue())
        self.assertIn("reviews", out.getvalue())  # the phases
        self.assertIn("done in", err.getvalue())  # progress, one line per phase off a terminal
        self.assertEqual(Review.objects.count(), 60)
        self.assertFalse(Review.objects.filter(published_at__gt=timezone.now()).exists())

    def test_it_rejects_nonsense_sizes(self):
        with pytest.raises(CommandError, match="at least 1"):
            call_command("generate_archive", reviews=0, no_progress=True)


@pytest.mark.slow
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the visibility map is PostgreSQL's")
class VisibilityMapTests(TransactionTestCase):
    """Committed for real: VACUUM runs only after the generation's transaction."""

    serialized_rollback = True

    def test_every_page_of_the_loaded_tables_is_marked_all_visible(self):
        generate_archive(reviews=REVIEWS, seed=SEED)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT relname, relpages, relallvisible FROM pg_class WHERE relname = ANY(%s) AND relkind = 'r'",
                [[model._meta.db_table for model in archive_models()]],
            )
            tables = {name: (pages, visible) for name, pages, visible in cursor.fetchall()}
        self.maxDiff = None
        self.assertGreater(tables["reviews_review"][0], 0)
        self.assertEqual(
            {name: visible for name, (_, visible) in tables.items()},
            {name: pages for name, (pages, _) in tables.items()},
        )
