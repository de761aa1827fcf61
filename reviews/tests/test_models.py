from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models.deletion import ProtectedError
from django.test import TestCase
from django.utils import timezone

from reviews.models import Credit, Film, Review

from .factories import make_credit, make_film, make_person, make_review


class ReviewModelTests(TestCase):
    def test_it_normalises_ratings_from_any_scale(self):
        imdb = make_review(rating=Decimal("7"), rating_scale=Review.RatingScale.POINTS_10)
        stars = make_review(rating=Decimal("3.5"), rating_scale=Review.RatingScale.STARS_5)
        imdb.refresh_from_db()
        stars.refresh_from_db()
        self.assertEqual(imdb.rating_normalised, 70.0)
        self.assertEqual(stars.rating_normalised, 70.0)

    def test_it_refuses_a_rating_outside_its_scale(self):
        with self.assertRaises(IntegrityError), transaction.atomic():
            make_review(rating=Decimal("7"), rating_scale=Review.RatingScale.STARS_5)

    def test_publishing_without_a_date_publishes_now(self):
        before = timezone.now()
        review = make_review(status=Review.Status.PUBLISHED, published_at=None)
        self.assertEqual(review.status, Review.Status.PUBLISHED)
        self.assertGreaterEqual(review.published_at, before)

    def test_the_database_refuses_a_published_review_without_a_date(self):
        review = make_review()
        with self.assertRaises(IntegrityError), transaction.atomic():
            Review.objects.filter(pk=review.pk).update(published_at=None)

    def test_a_future_date_schedules_and_a_past_one_publishes(self):
        review = make_review(published_at=timezone.now() + timezone.timedelta(days=1))
        self.assertEqual(review.status, Review.Status.SCHEDULED)
        self.assertFalse(review.is_public)
        review.published_at = timezone.now() - timezone.timedelta(minutes=1)
        review.save()
        self.assertEqual(review.status, Review.Status.PUBLISHED)
        self.assertTrue(review.is_public)

    def test_publish_due_publishes_only_what_is_due(self):
        due = make_review(published_at=timezone.now() + timezone.timedelta(days=1))
        later = make_review(published_at=timezone.now() + timezone.timedelta(days=2))
        Review.objects.filter(pk=due.pk).update(published_at=timezone.now() - timezone.timedelta(seconds=1))
        self.assertEqual(Review.objects.publish_due(), 1)
        self.assertEqual(list(Review.objects.published()), [due])
        later.refresh_from_db()
        self.assertEqual(later.status, Review.Status.SCHEDULED)
        self.assertEqual(Review.objects.next_publication_time(), later.published_at)

    def test_published_hides_drafts_and_future_reviews(self):
        visible = make_review()
        make_review(status=Review.Status.DRAFT)
        make_review(published_at=timezone.now() + timezone.timedelta(days=1))
        self.assertEqual(list(Review.objects.published()), [visible])

    def test_the_same_text_from_the_same_source_is_stored_once(self):
        film = make_film()
        make_review(film=film, body="Exactly this.")
        with self.assertRaises(IntegrityError), transaction.atomic():
            make_review(film=film, body="Exactly this.")


class ProtectionTests(TestCase):
    def test_deleting_a_film_never_takes_its_reviews_or_credits(self):
        film = make_film()
        make_review(film=film)
        with self.assertRaises(ProtectedError):
            film.delete()
        other = make_film()
        make_credit(film=other)
        with self.assertRaises(ProtectedError):
            other.delete()
        self.assertEqual(Film.objects.count(), 2)

    def test_only_actors_play_characters(self):
        with self.assertRaises(IntegrityError), transaction.atomic():
            make_credit(person=make_person(), role=Credit.Role.DIRECTOR, character_name="Boris")
