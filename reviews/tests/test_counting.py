"""The counts the database keeps (reviews/counting.py) follow every write, whatever makes it.

Each test compares the kept counts with the same counts computed from the rows, after writes
through the ORM, bulk paths, raw SQL and the importer, on both engines.
"""

import pytest
from django.db import connection, transaction
from django.test import TestCase
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase
from taggit.models import Tag

from reviews import counting
from reviews.models import Film, Review, TagUse

from .factories import make_film, make_review, make_source


def counted_from_rows():
    """What the kept counts should be: each film's published reviews, each tag's films and published reviews."""
    films = {film.pk: film.reviews.published().count() for film in Film.objects.all()}
    tags = {
        tag.pk: (Film.objects.filter(tags=tag).count(), Review.objects.published().filter(tags=tag).count())
        for tag in Tag.objects.all()
    }
    return films, tags


def kept():
    films = dict(Film.objects.values_list("pk", "published_review_count"))
    uses = {use.pk: (use.film_count, use.review_count) for use in TagUse.objects.all()}
    tags = {pk: uses.get(pk, (0, 0)) for pk in Tag.objects.values_list("pk", flat=True)}
    return films, tags


class CountTestCase(TestCase):
    def assertCountsRight(self):
        self.assertEqual(kept(), counted_from_rows())


class FilmCountTests(CountTestCase):
    def setUp(self):
        self.film = make_film("The Cranes Are Flying")
        self.other = make_film("Stalker", year=1979)

    def count(self, film):
        film.refresh_from_db(fields=["published_review_count"])
        return film.published_review_count

    def test_published_reviews_count_and_drafts_and_scheduled_ones_do_not(self):
        make_review(film=self.film)
        make_review(film=self.film, status=Review.Status.DRAFT)
        make_review(film=self.film, published_at=timezone.now() + timezone.timedelta(days=1))
        self.assertEqual(self.count(self.film), 1)
        self.assertCountsRight()

    def test_publishing_unpublishing_deleting_and_moving_a_review(self):
        review = make_review(film=self.film, status=Review.Status.DRAFT)
        review.publish()
        review.save()
        self.assertEqual(self.count(self.film), 1)
        review.film = self.other
        review.save()
        self.assertEqual((self.count(self.film), self.count(self.other)), (0, 1))
        review.status = Review.Status.DRAFT
        review.save()
        self.assertEqual(self.count(self.other), 0)
        review.publish()
        review.save()
        review.delete()
        self.assertEqual(self.count(self.other), 0)
        self.assertCountsRight()

    def test_a_due_publication_counts(self):
        review = make_review(film=self.film, published_at=timezone.now() + timezone.timedelta(days=1))
        Review.objects.filter(pk=review.pk).update(published_at=timezone.now())
        self.assertEqual(self.count(self.film), 0)
        Review.objects.publish_due()
        self.assertEqual(self.count(self.film), 1)

    def test_bulk_paths_count_too(self):
        source = make_source()
        Review.objects.bulk_create(
            Review(film=self.film, slug=f"r{n}", body=f"Text {n}", source=source, status="published",
                   published_at=timezone.now(), body_sha256=f"{n:064}")
            for n in range(5)
        )  # fmt: skip
        self.assertEqual(self.count(self.film), 5)
        Review.objects.filter(film=self.film).update(status=Review.Status.DRAFT)
        self.assertEqual(self.count(self.film), 0)
        Review.objects.filter(film=self.film).update(status=Review.Status.PUBLISHED)
        Review.objects.filter(film=self.film, slug__in=["r0", "r1"]).delete()
        self.assertEqual(self.count(self.film), 3)
        self.assertCountsRight()

    def test_a_stale_instance_saved_does_not_write_its_count_back(self):
        stale = Film.objects.get(pk=self.film.pk)  # loaded before the review comes
        make_review(film=self.film)
        stale.title = "Letyat zhuravli"
        stale.save()
        self.assertEqual(self.count(self.film), 1)


class TagUseTests(CountTestCase):
    def use(self, slug):
        return TagUse.objects.filter(tag__slug=slug).values_list("film_count", "review_count").first() or (0, 0)

    def test_films_and_published_reviews_count(self):
        film = make_film(tags=["war", "drama"])
        make_review(film=film, tags=["war"])
        make_review(film=film, status=Review.Status.DRAFT, tags=["war"])
        self.assertEqual(self.use("war"), (1, 1))
        self.assertEqual(self.use("drama"), (1, 0))
        self.assertCountsRight()

    def test_tagging_untagging_publishing_and_deleting(self):
        film = make_film()
        review = make_review(film=film, status=Review.Status.DRAFT, tags=["war"])
        self.assertEqual(self.use("war"), (0, 0))
        review.publish()
        review.save()
        self.assertEqual(self.use("war"), (0, 1))
        review.tags.add("drama")
        review.tags.remove("war")
        self.assertEqual((self.use("war"), self.use("drama")), ((0, 0), (0, 1)))
        film.tags.add("war")
        film.tags.set(["drama"])
        self.assertEqual((self.use("war"), self.use("drama")), ((0, 0), (1, 1)))
        review.delete()  # its tags go first, then the review
        self.assertEqual(self.use("drama"), (1, 0))
        self.assertCountsRight()

    def test_a_review_written_after_its_tags_counts_once(self):
        # Foreign keys are checked at commit: raw SQL may write the tags before their review.
        film, source, tag = make_film(), make_source(), Tag.objects.create(name="war", slug="war")
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO reviews_taggedreview (content_object_id, tag_id) VALUES (%s, %s)", [9001, tag.pk]
            )
            Review.objects.create(
                pk=9001, film=film, slug="late", body="Tags first.", source=source, status=Review.Status.PUBLISHED
            )
        self.assertEqual(self.use("war"), (0, 1))
        self.assertCountsRight()

    def test_recount_puts_back_what_went_around_the_triggers(self):
        film = make_film(tags=["war"])
        make_review(film=film, tags=["war"])
        TagUse.objects.update(film_count=7, review_count=7)
        Film.objects.update(published_review_count=7)
        counting.recount()
        self.assertCountsRight()

    def test_counting_deferred_for_a_bulk_load_recounts_at_the_end(self):
        with counting.deferred():
            film = make_film(tags=["war"])
            make_review(film=film, tags=["war"])
            self.assertEqual(self.use("war"), (0, 0))  # not counted row by row
        counting.recount()
        self.assertEqual(self.use("war"), (1, 1))
        self.assertEqual(counting.missing_triggers(), [])


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["review", "publish", "unpublish", "delete", "tag", "untag", "tag film", "untag film"]),
        st.integers(0, 3),
        st.sampled_from(["war", "drama", "thaw"]),
    ),
    max_size=25,
)


@pytest.mark.slow
class CountPropertyTests(HypothesisTestCase):
    """Whatever the order of writes, the kept counts are those of the rows."""

    @settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(OPERATIONS)
    def test_any_sequence_of_writes_keeps_the_counts_right(self, operations):
        films = [make_film(slug=f"film-{n}") for n in range(2)]
        reviews = []
        for action, number, tag in operations:
            film = films[number % 2]
            review = reviews[number % len(reviews)] if reviews else None
            if action == "review" or review is None:
                reviews.append(make_review(film=film, status=["draft", "published"][number % 2], tags=[tag]))
            elif action == "publish":
                review.publish()
                review.save()
            elif action == "unpublish":
                Review.objects.filter(pk=review.pk).update(status=Review.Status.DRAFT)
            elif action == "delete":
                review.delete()
                reviews.remove(review)
            elif action == "tag":
                review.tags.add(tag)
            elif action == "untag":
                review.tags.remove(tag)
            elif action == "tag film":
                film.tags.add(tag)
            else:
                film.tags.remove(tag)
        self.assertEqual(kept(), counted_from_rows())
