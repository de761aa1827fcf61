"""Every change kept, with who and when; a version restored in one step; a deleted record recovered."""

import reversion
from django.apps import apps
from django.test import Client, TestCase
from reversion.models import Version
from taggit.models import Tag

from reviews import history
from reviews.generation import DERIVED_MODELS
from reviews.models import Credit, Film, FilmTitle, Review, TaggedFilm

from .browser_forms import form_fields
from .factories import make_credit, make_film, make_person, make_review
from .test_admin import admin_url, make_editor


class RegistrationTests(TestCase):
    def test_every_archive_model_and_tags_keep_history(self):
        archive_models = {model for model in apps.get_app_config("reviews").get_models() if model not in DERIVED_MODELS}
        self.assertEqual(set(history.FOLLOW), archive_models | {Tag})
        for model in history.FOLLOW:
            self.assertTrue(reversion.is_registered(model), model)


class AdminHistoryTests(TestCase):
    def setUp(self):
        self.editor = make_editor("alice")
        self.client = Client()
        self.client.force_login(self.editor)
        self.film = make_film("Letyat zhuravli", year=1957, tags=["war"])
        self.credit = make_credit(self.film, make_person("Sergey Urusevsky"), role=Credit.Role.CINEMATOGRAPHER)
        FilmTitle.objects.create(film=self.film, title="Летят журавли", kind="original", language="ru")
        self.url = admin_url(Film, "change", self.film.pk)

    def save_film(self, **changes):
        data = form_fields(self.client.get(self.url).content.decode(), "film_form")
        data.update(changes)
        response = self.client.post(self.url, data)
        self.assertEqual(response.status_code, 302, getattr(response, "context", None) and response.context["errors"])

    def test_a_save_keeps_the_state_before_and_after_with_who_and_when(self):
        self.save_film(title="The Cranes Are Flying")

        versions = list(Version.objects.get_for_object(self.film).select_related("revision__user"))
        self.assertEqual(len(versions), 2)
        after, before = versions  # newest first
        self.assertEqual(before.field_dict["title"], "Letyat zhuravli")
        self.assertEqual(after.field_dict["title"], "The Cranes Are Flying")
        self.assertEqual(after.revision.user, self.editor)
        self.assertIsNone(before.revision.user)

    def test_the_history_page_lists_each_version(self):
        self.save_film(title="The Cranes Are Flying")
        response = self.client.get(admin_url(Film, "history", self.film.pk))
        self.assertContains(response, "alice")
        for version in Version.objects.get_for_object(self.film):
            self.assertContains(response, admin_url(Film, "revision", self.film.pk, version.pk))

    def test_the_history_page_of_a_film_never_saved_in_the_admin_says_so(self):
        # Imported or generated records have no version yet.
        response = self.client.get(admin_url(Film, "history", self.film.pk))
        self.assertContains(response, "No recorded history yet")

    def test_reverting_a_film_restores_its_titles_credits_and_tags(self):
        self.save_film(title="The Cranes Are Flying")
        first = Version.objects.get_for_object(self.film).order_by("pk").first()
        # Then the film loses its credit, its other title and its tag.
        self.credit.delete()
        FilmTitle.objects.filter(film=self.film).delete()
        self.film.tags.set(["drama"])
        self.save_film(title="Cranes")

        revision_url = admin_url(Film, "revision", self.film.pk, first.pk)
        data = form_fields(self.client.get(revision_url).content.decode(), "film_form")
        self.assertEqual(data["title"], "Letyat zhuravli")
        self.assertEqual(self.client.post(revision_url, data).status_code, 302)

        self.film.refresh_from_db()
        self.assertEqual(self.film.title, "Letyat zhuravli")
        self.assertEqual(list(self.film.credits.values_list("person__name", flat=True)), ["Sergey Urusevsky"])
        self.assertEqual(list(self.film.titles.values_list("title", flat=True)), ["Летят журавли"])
        self.assertEqual(sorted(self.film.tags.names()), ["war"])

    def test_a_deleted_film_is_listed_and_restored_with_what_it_carried(self):
        film = make_film("Soy Cuba", year=1964, tags=["cuba"])
        FilmTitle.objects.create(film=film, title="Я — Куба", kind="original", language="ru")
        pk = film.pk
        delete_url = admin_url(Film, "delete", pk)
        self.assertEqual(self.client.post(delete_url, {"post": "yes"}).status_code, 302)
        self.assertFalse(Film.objects.filter(pk=pk).exists())

        listing = self.client.get(admin_url(Film, "recoverlist"))
        self.assertContains(listing, "Soy Cuba")
        [version] = Version.objects.get_deleted(Film)
        recover_url = admin_url(Film, "recover", version.pk)
        data = form_fields(self.client.get(recover_url).content.decode(), "film_form")
        self.assertEqual(self.client.post(recover_url, data).status_code, 302)

        film = Film.objects.get(pk=pk)
        self.assertEqual(film.title, "Soy Cuba")
        self.assertEqual(list(film.titles.values_list("title", flat=True)), ["Я — Куба"])
        self.assertEqual(sorted(film.tags.names()), ["cuba"])

    def test_records_deleted_together_by_the_action_can_each_be_recovered(self):
        reviews = [make_review(headline=f"Review {n}") for n in range(3)]
        response = self.client.post(
            admin_url(Review, "changelist"),
            {"action": "delete_selected", "_selected_action": [r.pk for r in reviews], "post": "yes"},
        )
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Review.objects.filter(pk__in=[r.pk for r in reviews]).exists())
        deleted = {version.object_id for version in Version.objects.get_deleted(Review)}
        self.assertEqual(deleted, {str(r.pk) for r in reviews})

    def test_publishing_by_the_action_is_a_version_by_the_editor(self):
        review = make_review(status=Review.Status.DRAFT)
        self.client.post(
            admin_url(Review, "changelist"), {"action": "publish_reviews", "_selected_action": [review.pk]}
        )
        latest = Version.objects.get_for_object(review).select_related("revision__user").first()
        self.assertEqual(latest.field_dict["status"], Review.Status.PUBLISHED)
        self.assertEqual(latest.revision.user, self.editor)

    def test_tag_links_are_kept_with_the_film(self):
        self.save_film(title="The Cranes Are Flying")
        revision = Version.objects.get_for_object(self.film).first().revision
        kept = {version.content_type.model_class() for version in revision.version_set.all()}
        self.assertLessEqual({Film, FilmTitle, Credit, TaggedFilm}, kept)
