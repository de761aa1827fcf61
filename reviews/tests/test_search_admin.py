"""The admin's search for films, people and reviews, and its autocomplete, match as the public search does."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase

from reviews.models import FilmTitle, PersonName, Review

from .factories import make_film, make_person, make_review
from .test_search import label


class AdminSearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        editor = get_user_model().objects.create_user("editor", password="a-long-test-password-1957", is_staff=True)
        editor.groups.add(Group.objects.get(name="Editors"))
        cls.editor = editor
        cls.cranes = make_film(
            "The Cranes Are Flying",
            imdb_id="tt0050634",
            titles=[("Летят журавли", FilmTitle.Kind.ORIGINAL, "ru"), ("Letyat zhuravli", "transliterated", "ru-Latn")],
        )
        make_film("Ivan the Terrible")
        make_person("Sergey Urusevsky", other_names=[("Сергей Урусевский", PersonName.Kind.ORIGINAL_SCRIPT)])
        make_person("Mikhail Kalatozov")
        make_review(
            film=cls.cranes, headline="Draft", body="A draft about the birch trees.", status=Review.Status.DRAFT
        )
        make_review(headline="Other", body="Nothing about that.", source_identifier="pos/123_9.txt")

    def setUp(self):
        self.client.force_login(self.editor)

    def listed(self, url, q):
        response = self.client.get(url, {"q": q})
        self.assertEqual(response.status_code, 200)
        return [label(row) for row in response.context["cl"].result_list]

    def test_films_by_any_title_misspelled_or_by_imdb_id(self):
        for q in ["летят журавли", "letyat", "cranes are flyng", "tt0050634"]:
            with self.subTest(q=q):
                self.assertEqual(self.listed("/admin/reviews/film/", q), [str(self.cranes)])

    def test_people_by_any_name_misspelled(self):
        for q in ["Uresevsky", "урусевский", "sergei urusevsky"]:
            with self.subTest(q=q):
                self.assertEqual(self.listed("/admin/reviews/person/", q), ["Sergey Urusevsky"])
        self.assertEqual(self.listed("/admin/reviews/person/", "Kalatosov"), ["Mikhail Kalatozov"])

    def test_reviews_by_their_words_drafts_included_by_film_title_or_source_id(self):
        self.assertEqual(self.listed("/admin/reviews/review/", "birches"), ["Draft"])
        self.assertEqual(self.listed("/admin/reviews/review/", "birch -trees"), [])
        self.assertEqual(self.listed("/admin/reviews/review/", "журавли"), ["Draft"])
        self.assertEqual(self.listed("/admin/reviews/review/", "pos/123_9.txt"), ["Other"])

    def test_a_term_with_nothing_to_search_lists_nothing(self):
        self.assertEqual(self.listed("/admin/reviews/film/", "&|!"), [])

    def test_autocomplete_finds_people_despite_misspellings(self):
        response = self.client.get(
            "/admin/autocomplete/",
            {"app_label": "reviews", "model_name": "credit", "field_name": "person", "term": "Uresevsky"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual([result["text"] for result in response.json()["results"]], ["Sergey Urusevsky"])
