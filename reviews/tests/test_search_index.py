"""The search index follows every write, bulk paths included, and can be rebuilt."""

import io
from datetime import timedelta

from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.utils import timezone

from reviews import search
from reviews.models import Festival, Film, FilmTitle, Person, PersonName, Review
from reviews.search import schema

from .factories import make_festival, make_film, make_person, make_review, make_source
from .test_search import label


def found(kind, q):
    return [label(item) for item in search.find(kind, search.parse(q), 1, 50).items]


def new_review(film, number, body):
    return Review(
        film=film,
        source=make_source(),
        slug=f"bulk-{number}",
        headline=f"Bulk {number}",
        body=body,
        body_sha256=Review.hash_body(body),
        status=Review.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(seconds=1),
    )


def write_around_django(reviews):
    """Insert reviews as a bulk loader would, without the ORM: COPY on PostgreSQL (what
    generate_archive uses), a plain INSERT on SQLite."""
    fields = [field for field in Review._meta.concrete_fields if not field.primary_key and not field.generated]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    rows = [
        [field.get_db_prep_save(field.pre_save(review, True), connection) for field in fields] for review in reviews
    ]
    if connection.vendor == "postgresql":

        def text(value):
            if value is None:
                return r"\N"
            return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")

        data = "".join("\t".join(text(value) for value in row) + "\n" for row in rows)
        with connection.cursor() as cursor:
            cursor.cursor.copy_expert(f"COPY reviews_review ({columns}) FROM STDIN", io.StringIO(data))
    else:
        placeholders = ", ".join(["%s"] * len(fields))
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO reviews_review ({columns}) VALUES ({placeholders})", rows)


class ReviewIndexTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.film = make_film("The Cranes Are Flying")

    def test_a_saved_review_is_found_at_once_and_follows_its_edits(self):
        review = make_review(film=self.film, headline="Flight", body="The birch trees spin.")
        self.assertEqual(found("reviews", "birch"), ["Flight"])
        review.body = "The camera circles the staircase."
        review.save()
        self.assertEqual(found("reviews", "birch"), [])
        self.assertEqual(found("reviews", "staircase"), ["Flight"])
        review.headline = "Staircase"
        review.save()
        self.assertEqual(found("reviews", "flight"), [])
        review.delete()
        self.assertEqual(found("reviews", "staircase"), [])

    def test_publishing_makes_a_review_findable_without_reindexing(self):
        review = make_review(film=self.film, headline="Later", body="A draft about trams.", status=Review.Status.DRAFT)
        self.assertEqual(found("reviews", "trams"), [])
        # A second ago: SQLite's clock reads milliseconds, Python's microseconds.
        review.publish(when=timezone.now() - timedelta(seconds=1))
        review.save(update_fields=["status", "published_at"])
        self.assertEqual(found("reviews", "trams"), ["Later"])

    def test_bulk_create_is_indexed(self):
        Review.objects.bulk_create(
            new_review(self.film, number, f"Bulk text {number} about ferries.") for number in range(3)
        )
        self.assertEqual(sorted(found("reviews", "ferries")), ["Bulk 0", "Bulk 1", "Bulk 2"])

    def test_queryset_update_is_indexed(self):
        make_review(film=self.film, headline="Updated", body="Before.")
        Review.objects.filter(headline="Updated").update(body="After the lighthouse.")
        self.assertEqual(found("reviews", "lighthouse"), ["Updated"])

    def test_writes_around_django_copy_included_are_indexed(self):
        write_around_django(
            [new_review(self.film, number, f"Copied text {number} on glaciers.") for number in range(2)]
        )
        self.assertEqual(sorted(found("reviews", "glaciers")), ["Bulk 0", "Bulk 1"])

    def test_a_bulk_load_with_deferred_maintenance_is_found_afterwards(self):
        with search.deferred_index_maintenance():
            Review.objects.bulk_create(
                new_review(self.film, number, f"Deferred {number} volcanoes.") for number in range(3)
            )
        self.assertEqual(len(found("reviews", "volcanoes")), 3)
        self.assertEqual(schema.missing_objects(), [])

    def test_rebuild_index_restores_a_lost_index(self):
        make_review(film=self.film, headline="Lost", body="Words about submarines.")
        lose_index = {
            "postgresql": "UPDATE reviews_review SET search_vector = NULL",
            "sqlite": "DELETE FROM search_review",
        }[connection.vendor]
        with connection.cursor() as cursor:
            cursor.execute(lose_index)
        self.assertEqual(found("reviews", "submarines"), [])
        search.rebuild_index()
        self.assertEqual(found("reviews", "submarines"), ["Lost"])

    def test_migrate_puts_back_triggers_a_table_rebuild_dropped(self):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("DROP TRIGGER review_search_vector_on_insert ON reviews_review")
            else:
                cursor.execute("DROP TRIGGER search_review_on_insert")
        make_review(film=self.film, headline="Unseen", body="Written while the trigger was gone: dirigibles.")
        call_command("migrate", verbosity=0)  # nothing to apply; post_migrate still runs
        self.assertEqual(schema.missing_objects(), [])
        self.assertEqual(found("reviews", "dirigibles"), ["Unseen"])

    def test_rebuild_index_puts_back_dropped_triggers(self):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("DROP TRIGGER review_search_vector_on_insert ON reviews_review")
            else:
                cursor.execute("DROP TRIGGER search_review_on_insert")
        self.assertNotEqual(schema.missing_objects(), [])
        make_review(film=self.film, headline="Unseen", body="Written while the trigger was gone: zeppelins.")
        self.assertEqual(found("reviews", "zeppelins"), [])
        search.rebuild_index()
        self.assertEqual(schema.missing_objects(), [])
        self.assertEqual(found("reviews", "zeppelins"), ["Unseen"])
        make_review(film=self.film, headline="Seen", body="Written afterwards: more zeppelins.")
        self.assertEqual(sorted(found("reviews", "zeppelins")), ["Seen", "Unseen"])


class NameIndexTests(TestCase):
    def test_film_titles_follow_every_change(self):
        film = make_film("The Cranes Are Flying", year=1957)
        title = FilmTitle.objects.create(film=film, title="Letyat zhuravli", kind=FilmTitle.Kind.TRANSLITERATED)
        self.assertEqual(found("films", "zhuravli"), ["The Cranes Are Flying (1957)"])
        title.title = "Quand passent les cigognes"
        title.save()
        self.assertEqual(found("films", "zhuravli"), [])
        self.assertEqual(found("films", "cigognes"), ["The Cranes Are Flying (1957)"])
        title.delete()
        self.assertEqual(found("films", "cigognes"), [])
        Film.objects.filter(pk=film.pk).update(title="Letyat zhuravli")
        self.assertEqual(found("films", "zhuravli"), ["Letyat zhuravli (1957)"])
        FilmTitle.objects.bulk_create([FilmTitle(film=film, title="Wenn die Kraniche ziehen", kind="translated")])
        self.assertEqual(found("films", "kraniche"), ["Letyat zhuravli (1957)"])

    def test_a_title_moved_to_another_film_finds_that_film(self):
        first, second = make_film("First", year=1950), make_film("Second", year=1951)
        title = FilmTitle.objects.create(film=first, title="Moving title", kind=FilmTitle.Kind.ALTERNATIVE)
        title.film = second
        title.save()
        self.assertEqual(found("films", "moving title"), ["Second (1951)"])

    def test_people_s_names_follow_every_change(self):
        person = make_person("Sergey Urusevsky")
        PersonName.objects.bulk_create([PersonName(person=person, name="Шура", kind="alternative")])
        self.assertEqual(found("people", "Шура"), ["Sergey Urusevsky"])
        Person.objects.filter(pk=person.pk).update(name="Sergei Urusevsky")
        self.assertEqual(found("people", "sergei urusevsky"), ["Sergei Urusevsky"])
        PersonName.objects.filter(person=person).delete()
        self.assertEqual(found("people", "Шура"), [])

    def test_festivals_follow_their_name_and_place(self):
        festival = make_festival("Mostra", city="Venice")
        self.assertEqual(found("festivals", "venice"), ["Mostra"])
        Festival.objects.filter(pk=festival.pk).update(city="Lido")
        self.assertEqual(found("festivals", "venice"), [])
        self.assertEqual(found("festivals", "lido"), ["Mostra"])


class SchemaTests(TestCase):
    def test_every_search_trigger_and_index_exists_after_migrating(self):
        # A later migration that rebuilds a table on SQLite drops its triggers: this fails then.
        self.assertEqual(schema.missing_objects(), [])

    def test_the_management_command_rebuilds(self):
        from django.core.management import call_command

        make_review(headline="Command", body="Rebuilt by the command: narwhals.")
        out = io.StringIO()
        call_command("rebuild_search_index", stdout=out)
        self.assertIn("Search index rebuilt", out.getvalue())
        self.assertEqual(found("reviews", "narwhals"), ["Command"])
