"""Editors see drafts and scheduled reviews on the public site, marked as previews; visitors never do."""

from datetime import timedelta

from django.test import Client, TestCase
from django.utils import timezone

from reviews.models import Review

from .factories import make_film, make_review
from .test_admin import admin_url, make_editor


class DraftPreviewTests(TestCase):
    def setUp(self):
        self.film = make_film("The Cranes Are Flying", slug="the-cranes-are-flying-1957")
        self.draft = make_review(film=self.film, headline="Not yet", status=Review.Status.DRAFT)
        self.editor = Client()
        self.editor.force_login(make_editor())

    def test_visitors_do_not_find_a_draft(self):
        self.assertEqual(Client().get(self.draft.get_absolute_url()).status_code, 404)

    def test_an_editor_sees_the_draft_marked_as_a_preview_never_kept_never_indexed(self):
        response = self.editor.get(self.draft.get_absolute_url())
        self.assertContains(response, "<strong>Preview.</strong> This review is a draft: visitors cannot see it.")
        self.assertContains(response, '<meta name="robots" content="noindex, nofollow">')
        self.assertContains(response, admin_url(Review, "change", self.draft.pk))
        self.assertIn("no-store", response["Cache-Control"])
        self.assertIn("private", response["Cache-Control"])
        self.assertEqual(response["X-Robots-Tag"], "noindex, nofollow")
        # Its links work: the film's page, for instance.
        self.assertEqual(self.editor.get(self.film.get_absolute_url()).status_code, 200)
        # And a visitor right after still finds nothing.
        self.assertEqual(Client().get(self.draft.get_absolute_url()).status_code, 404)

    def test_a_scheduled_review_says_when_it_appears(self):
        later = timezone.now() + timedelta(days=2)
        scheduled = make_review(film=self.film, status=Review.Status.SCHEDULED, published_at=later)
        response = self.editor.get(scheduled.get_absolute_url())
        self.assertContains(response, "This review is scheduled: visitors will see it from")

    def test_a_published_review_is_no_preview(self):
        published = make_review(film=self.film)
        response = self.editor.get(published.get_absolute_url())
        self.assertNotContains(response, "Preview.")
        self.assertNotIn("X-Robots-Tag", response)

    def test_the_admin_offers_view_on_site_for_a_draft(self):
        response = self.editor.get(admin_url(Review, "change", self.draft.pk))
        self.assertContains(response, "View on site")
