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

    def test_it_refuses_a_published_review_without_a_date(self):
        with self.assertRaises(IntegrityError), transaction.atomic():
            make_review(status=Review.Status.PUBLISHED, published_at=None)

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
