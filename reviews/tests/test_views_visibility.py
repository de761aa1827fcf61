"""Drafts and reviews dated in the future never reach visitors: not in lists, counts, tags, or by address."""

from django.test import TestCase
from django.utils import timezone

from reviews.models import Review

from .site_data import DRAFT_ONLY_FILM_TITLE, SECRET_HEADLINES, SECRET_TAGS, build_site

SECRET_WORDS = (*SECRET_HEADLINES, *SECRET_TAGS, "draft-only tag", "future-only tag", "Secret review")


class VisibilityTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site(2)
        cls.draft_only_film = cls.site.person.credits.get(film__title=DRAFT_ONLY_FILM_TITLE).film

    def assertShowsNoSecret(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        for word in SECRET_WORDS:
            self.assertNotContains(response, word, msg_prefix=url)
        return response

    def test_no_public_page_shows_a_draft_or_future_review_or_their_tags(self):
        for url in (
            "/",
            "/films/",
            "/films/?sort=reviews",
            "/films/the-cranes-are-flying-1957/",
            self.draft_only_film.get_absolute_url(),
            "/reviews/",
            "/films/the-cranes-are-flying-1957/reviews/a-film-of-flight/",
            "/people/",
            "/people/mikhail-kalatozov/",
            "/festivals/",
            "/festivals/cannes/",
            "/festivals/cannes/1958/",
            "/tags/",
            "/tags/?sort=name",
            "/tags/soviet-thaw/",
            "/tags/soviet-thaw+war/",
        ):
            with self.subTest(url=url):
                self.assertShowsNoSecret(url)

    def test_drafts_and_future_reviews_are_not_found_by_address(self):
        for review in (self.site.draft, self.site.future):
            with self.subTest(review=review.headline):
                response = self.client.get(review.get_absolute_url())
                self.assertContains(response, "We could not find that page", status_code=404)

    def test_tags_only_hidden_reviews_carry_are_not_found(self):
        for slug in SECRET_TAGS:
            with self.subTest(slug=slug):
                self.assertEqual(self.client.get(f"/tags/{slug}/").status_code, 404)
                self.assertEqual(self.client.get(f"/tags/war+{slug}/", follow=True).status_code, 404)
                response = self.client.get(f"/films/?tag={slug}")
                self.assertContains(response, "no films with that tag")

    def test_counts_leave_hidden_reviews_out(self):
        # The Cranes Are Flying has 1 + size published reviews, a draft and a future one.
        self.assertContains(self.client.get("/reviews/"), "5 published reviews")
        self.assertContains(self.client.get("/films/"), "3 reviews")
        self.assertNotContains(self.client.get("/films/"), "5 reviews")
        film_page = self.client.get("/films/the-cranes-are-flying-1957/")
        self.assertContains(film_page, '<h2 id="reviews-title">Reviews <span class="count">3</span></h2>', html=True)
        person_page = self.client.get("/people/mikhail-kalatozov/")
        self.assertContains(person_page, 'films <span class="count">5</span>', html=False)
        tag_index = self.client.get("/tags/")
        self.assertContains(tag_index, "3 films · 3 reviews")  # soviet thaw

    def test_a_film_with_only_a_draft_review_says_none_is_published(self):
        response = self.assertShowsNoSecret(self.draft_only_film.get_absolute_url())
        self.assertContains(response, "No reviews of this film have been published yet.")

    def test_a_scheduled_review_appears_once_its_time_has_come(self):
        Review.objects.filter(pk=self.site.future.pk).update(
            published_at=timezone.now() - timezone.timedelta(seconds=1)
        )
        # Published by the first request after its time (inside a test's transaction the page cache
        # middleware leaves that to the test: test_caching.ScheduledPublicationTests), or by cron.
        self.assertEqual(Review.objects.publish_due(), 1)
        self.assertContains(self.client.get(self.site.future.get_absolute_url()), SECRET_HEADLINES[1])
        self.assertContains(self.client.get("/reviews/"), SECRET_HEADLINES[1])
        self.assertEqual(self.client.get(f"/tags/{SECRET_TAGS[1]}/").status_code, 200)
