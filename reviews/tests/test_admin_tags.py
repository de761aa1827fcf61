"""Choosing a film's or a review's tags in the admin: existing ones from the autocomplete, new ones
typed apart, a near duplicate of an existing tag held back until confirmed."""

import re

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from reversion.models import Version
from taggit.models import Tag

from reviews.models import Film, Review, TaggedReview
from reviews.models.tagging import tags_resembling

from .browser_forms import form_fields
from .factories import make_film, make_review
from .test_admin import admin_url, make_editor

SELECT = re.compile(r'<select name="tags"[^>]*>.*?</select>', re.DOTALL)
OPTION = re.compile(r'<option value="(\d+)"( selected)?>([^<]*)</option>')


class TagFormTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_editor("alice")
        cls.film = make_film("The Cranes Are Flying", tags=["soviet-thaw", "war"])
        cls.review = make_review(film=cls.film, tags=["soviet-thaw", "war"])
        for number in range(30):
            Tag.objects.create(name=f"unrelated {number}", slug=f"unrelated-{number}")
        cls.soviet_thaw = Tag.objects.get(name="soviet-thaw")
        cls.war = Tag.objects.get(name="war")

    def setUp(self):
        self.client.force_login(self.editor)
        self.url = admin_url(Review, "change", self.review.pk)

    def opened(self, url=None, form_id="review_form"):
        response = self.client.get(url or self.url)
        self.assertEqual(response.status_code, 200)
        return form_fields(response.content.decode(), form_id)

    def save(self, url=None, form_id="review_form", **changes):
        data = {**self.opened(url, form_id), **changes}
        return self.client.post(url or self.url, data)

    def errors(self, response):
        self.assertEqual(response.status_code, 200)
        return response.context["adminform"].form.errors


class PickerTests(TagFormTestCase):
    def test_the_review_form_offers_only_the_chosen_tags_and_asks_the_autocomplete_for_others(self):
        html = self.client.get(self.url).content.decode()
        [select] = SELECT.findall(html)
        options = OPTION.findall(select)
        self.assertEqual(
            sorted(options),
            [(str(self.soviet_thaw.pk), " selected", "soviet-thaw"), (str(self.war.pk), " selected", "war")],
        )
        for attribute in (
            'data-ajax--url="/admin/autocomplete/"',
            'data-app-label="reviews"',
            'data-model-name="review"',
            'data-field-name="tags"',
            "multiple",
        ):
            self.assertIn(attribute, select)
        self.assertIn('name="new_tags"', html)
        self.assertIn('<input type="hidden" name="create_new_tags" id="id_create_new_tags">', html)

    def test_the_film_form_has_the_same_picker(self):
        html = self.client.get(admin_url(Film, "change", self.film.pk)).content.decode()
        [select] = SELECT.findall(html)
        self.assertEqual(len(OPTION.findall(select)), 2)
        self.assertIn('data-model-name="film"', select)
        self.assertIn('name="new_tags"', html)

    def test_the_autocomplete_finds_matching_tags_most_used_first(self):
        Tag.objects.create(name="soviet montage", slug="soviet-montage")  # used nowhere
        make_review(tags=["soviet-thaw"])
        for model_name in ("review", "film"):
            with self.subTest(model_name=model_name):
                response = self.client.get(
                    "/admin/autocomplete/",
                    {"app_label": "reviews", "model_name": model_name, "field_name": "tags", "term": "sov"},
                )
                self.assertEqual(response.status_code, 200)
                self.assertEqual(
                    response.json()["results"],
                    [
                        {"id": str(self.soviet_thaw.pk), "text": "soviet-thaw"},
                        {"id": str(Tag.objects.get(name="soviet montage").pk), "text": "soviet montage"},
                    ],
                )

    def test_the_autocomplete_query_count_is_fixed(self):
        params = {"app_label": "reviews", "model_name": "review", "field_name": "tags", "term": "un"}
        # session, user, permissions (2), the count for paging, the page of tags; the session's new
        # expiry in its transaction (3)
        with self.assertNumQueries(9):
            response = self.client.get("/admin/autocomplete/", params)
        self.assertEqual(len(response.json()["results"]), 20)
        self.assertTrue(response.json()["pagination"]["more"])

    def test_junk_typed_in_the_picker_is_answered_not_a_500(self):
        for term in ["\x00", "a\x00b", "%", "'", "_", "9" * 5000, "\ufffe"]:
            with self.subTest(term=term[:20]):
                response = self.client.get(
                    "/admin/autocomplete/",
                    {"app_label": "reviews", "model_name": "review", "field_name": "tags", "term": term},
                )
                self.assertEqual(response.status_code, 200)

    def test_the_autocomplete_is_for_signed_in_editors_only(self):
        self.client.logout()
        response = self.client.get(
            "/admin/autocomplete/", {"app_label": "reviews", "model_name": "review", "field_name": "tags", "term": "s"}
        )
        self.assertEqual(response.status_code, 302)


class SavingTests(TagFormTestCase):
    def test_an_untouched_form_saves_and_keeps_the_tags(self):
        self.assertEqual(self.save(headline="Cranes").status_code, 302)
        self.assertEqual(sorted(self.review.tags.names()), ["soviet-thaw", "war"])

    def test_picked_and_new_tags_are_saved_with_the_history_of_the_links(self):
        picked = Tag.objects.get(name="unrelated 7")
        response = self.save(tags=[str(self.war.pk), str(picked.pk)], new_tags="melodrama")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(sorted(self.review.tags.names()), ["melodrama", "unrelated 7", "war"])

        revision = Version.objects.get_for_object(self.review).first().revision
        kept = {version.object_id for version in revision.version_set.filter(content_type__model="taggedreview")}
        self.assertEqual(
            kept,
            {str(pk) for pk in TaggedReview.objects.filter(content_object=self.review).values_list("pk", flat=True)},
        )

    def test_quotes_keep_a_comma_and_a_name_of_several_words_is_one_tag(self):
        self.assertEqual(self.save(new_tags='cinéma vérité, "Moscow, 1941"').status_code, 302)
        self.assertEqual(sorted(self.review.tags.names()), ["Moscow, 1941", "cinéma vérité", "soviet-thaw", "war"])

    def test_an_existing_tags_name_takes_that_tag(self):
        Tag.objects.create(name="Melodrama", slug="melodrama")
        self.assertEqual(self.save(tags=[], new_tags="MELODRAMA, War").status_code, 302)
        self.assertEqual(sorted(self.review.tags.names()), ["Melodrama", "war"])
        self.assertEqual(Tag.objects.filter(name__iexact="melodrama").count(), 1)

    def test_a_film_saves_its_new_tags_too(self):
        url = admin_url(Film, "change", self.film.pk)
        response = self.save(url, "film_form", new_tags="melodrama")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(sorted(self.film.tags.names()), ["melodrama", "soviet-thaw", "war"])


class NearDuplicateTests(TagFormTestCase):
    def test_a_name_close_to_an_existing_tag_is_held_back_with_the_tag_named(self):
        response = self.save(new_tags="soviet thaw")
        self.assertEqual(
            self.errors(response)["new_tags"],
            [
                "“soviet thaw” is close to the existing tag “soviet-thaw”: choose it above, "
                "or tick “Create the new tags anyway”."
            ],
        )
        self.assertFalse(Tag.objects.filter(name="soviet thaw").exists())
        self.assertContains(response, '<input type="checkbox" name="create_new_tags"')

    def test_ticking_the_box_creates_it(self):
        refused = self.save(new_tags="soviet thaw, melodrama")
        data = form_fields(refused.content.decode(), "review_form")
        self.assertEqual(data["new_tags"], "soviet thaw, melodrama")
        data["create_new_tags"] = "on"
        self.assertEqual(self.client.post(self.url, data).status_code, 302)
        self.assertEqual(sorted(self.review.tags.names()), ["melodrama", "soviet thaw", "soviet-thaw", "war"])

    def test_case_accents_separators_and_small_misspellings_are_close(self):
        Tag.objects.create(name="cinéma vérité", slug="cinema-verite")
        Tag.objects.create(name="École de Paris", slug="ecole-de-paris")
        for typed, existing in [
            ("Soviet_Thaw", "soviet-thaw"),
            ("sovietthaw", "soviet-thaw"),
            ("SOVÍET THAW", "soviet-thaw"),
            ("soviet thwa", "soviet-thaw"),
            ("wars", "war"),
            ("cinema verite", "cinéma vérité"),
            ("ecole de paris", "École de Paris"),
        ]:
            with self.subTest(typed=typed):
                errors = self.errors(self.save(new_tags=typed))["new_tags"]
                self.assertIn(f"“{typed}” is close to the existing tag “{existing}”", errors[0])

    def test_several_close_tags_are_named_closest_first(self):
        Tag.objects.create(name="soviet thaws", slug="soviet-thaws")
        errors = self.errors(self.save(new_tags="sovietthaws"))["new_tags"]
        self.assertEqual(
            errors,
            [
                "“sovietthaws” is close to the existing tags “soviet thaws” or “soviet-thaw”: choose one above, "
                "or tick “Create the new tags anyway”."
            ],
        )

    def test_names_that_merely_share_letters_are_not_held_back(self):
        for typed in ["soviet montage", "warsaw", "1958", "melodrama"]:
            with self.subTest(typed=typed):
                self.assertEqual(self.save(new_tags=typed).status_code, 302)

    def test_the_candidates_are_few_among_many_tags(self):
        Tag.objects.bulk_create(Tag(name=f"tag {n:04d} {'abcdefghij'[n % 10]}x", slug=f"tag-{n}") for n in range(2000))
        candidates = tags_resembling(["soviet thaw"])["soviet thaw"]
        self.assertIn(self.soviet_thaw, candidates)
        self.assertLess(len(candidates), 10)


class BadInputTests(TagFormTestCase):
    def test_junk_tag_ids_are_a_form_error_not_a_500(self):
        for junk in ["999999", "abc", "\x00", "9" * 5000, "-1", "1e400", ""]:
            with self.subTest(junk=junk[:20]):
                errors = self.errors(self.save(tags=[str(self.war.pk), junk]))
                self.assertIn("tags", errors)
        self.assertEqual(sorted(self.review.tags.names()), ["soviet-thaw", "war"])

    def test_junk_new_tags_are_a_form_error_not_a_500(self):
        for junk, message in [
            ("a\x00b", "Null characters are not allowed."),
            (", ".join(f"tag number {n}" for n in range(1000)), "At most 10 new tags at a time (there are 1000)."),
            ("x" * 101, f"“{'x' * 40}…” is longer than 100 characters."),
            ("!!!, war", "“!!!” has no letter or digit."),
        ]:
            with self.subTest(junk=junk[:20]):
                self.assertEqual(self.errors(self.save(new_tags=junk))["new_tags"], [message])
        self.assertEqual(Tag.objects.filter(name__startswith="tag number").count(), 0)

    def test_an_empty_or_blank_new_tags_box_adds_nothing(self):
        for blank in ["", " , ,", '""']:
            with self.subTest(blank=blank):
                self.assertEqual(self.save(new_tags=blank).status_code, 302)
                self.assertEqual(sorted(self.review.tags.names()), ["soviet-thaw", "war"])


class StaleSaveTests(TagFormTestCase):
    def test_tags_changed_by_another_editor_make_the_open_form_stale(self):
        alice_form = self.opened()
        self.review.tags.add("melodrama")  # another editor, elsewhere

        alice_form["headline"] = "Cranes"
        alice_form["new_tags"] = "moscow"
        response = self.client.post(self.url, alice_form)

        errors = " ".join(self.errors(response)["__all__"])
        self.assertIn("Not saved", errors)
        self.assertIn("tagged reviews (1 added)", errors)
        self.assertEqual(sorted(self.review.tags.names()), ["melodrama", "soviet-thaw", "war"])
        # The editor's input is kept: their chosen tags and the new one.
        kept = form_fields(response.content.decode(), "review_form")
        self.assertEqual(sorted(kept["tags"]), sorted([str(self.soviet_thaw.pk), str(self.war.pk)]))
        self.assertEqual(kept["new_tags"], "moscow")


class ChangeFormQueryCountTests(TagFormTestCase):
    """The change forms run a fixed number of queries however many tags the record and the archive have."""

    def count_queries(self, url):
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(queries)

    def test_the_review_and_film_forms_do_not_grow_with_tags(self):
        film_url = admin_url(Film, "change", self.film.pk)
        for url in (self.url, film_url):
            self.client.get(url)  # content types are cached once per process: counted in neither
        review_few, film_few = self.count_queries(self.url), self.count_queries(film_url)
        many = [f"many {n}" for n in range(40)]
        self.review.tags.add(*many)
        self.film.tags.add(*many)
        Tag.objects.bulk_create(Tag(name=f"more {n}", slug=f"more-{n}") for n in range(500))
        self.assertEqual(self.count_queries(self.url), review_few)
        self.assertEqual(self.count_queries(film_url), film_few)
        # Both: session, user, permissions (2), the record, its tag links for the form and for its
        # opened state, the chosen tags (the one query the picker adds: no list of all tags), the
        # edit history's transaction (2) and the session's new expiry (3). The review: its tags
        # prefetched by the admin's queryset, its film and the sources to choose from. The film:
        # its countries, and its titles, credits and citations for the inlines and for the opened state (6).
        self.assertEqual((review_few, film_few), (16, 20))
