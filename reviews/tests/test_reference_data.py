"""Reference data that migrate loads: every country with its other names, the built-in source,
each source's rating scale, and a review's scale following its source."""

import importlib
import io
import json
import tempfile
from pathlib import Path
from types import SimpleNamespace

from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from reviews.importing import ReviewImportError, import_reviews
from reviews.models import Country, Review, Source
from reviews.models.reviews import BUILT_IN_SOURCE_SLUG

from .browser_forms import form_fields
from .factories import make_film, make_review, make_source
from .test_admin import EditorAdminTestCase, admin_url

reference_data = importlib.import_module("reviews.migrations.0008_reference_data")
LISTED = json.loads(reference_data.COUNTRIES_FILE.read_text(encoding="utf-8"))


def load_countries():
    """The migration's loader, run again on this database."""
    reference_data.load_countries(apps, SimpleNamespace(connection=connection))


def country_rows():
    return list(Country.objects.order_by("code").values_list("code", "name", "other_names", "start_year", "end_year"))


class CountryListTests(TestCase):
    def test_migrate_loads_iso_3166_1_and_the_former_countries_of_iso_3166_3(self):
        self.assertEqual(Country.objects.count(), 249 + 31)
        self.assertEqual(len(LISTED), 249 + 31)
        expected = {
            "SUHH": ("Soviet Union", 1922, 1991),
            "CSHH": ("Czechoslovakia", 1918, 1992),
            "DDDE": ("East Germany", 1949, 1990),
            "YUCS": ("Yugoslavia", 1918, 2003),
            "US": ("United States", None, None),
            "GB": ("United Kingdom", None, None),
            "RU": ("Russia", None, None),
            "KR": ("South Korea", None, None),
            "IR": ("Iran", None, None),
            "FR": ("France", None, None),
            "CU": ("Cuba", None, None),
        }
        found = {
            code: (name, start, end)
            for code, name, start, end in Country.objects.filter(code__in=expected).values_list(
                "code", "name", "start_year", "end_year"
            )
        }
        self.assertEqual(found, expected)
        self.assertTrue(Country.objects.get(code="SUHH").is_historical)

    def test_loading_again_changes_nothing(self):
        before = country_rows()
        load_countries()
        load_countries()
        self.assertEqual(country_rows(), before)

    def test_loading_keeps_an_editors_names_and_years_and_adds_the_lists_names(self):
        Country.objects.filter(code="DE").update(name="Federal Germany", other_names="BRD\nBonn")
        Country.objects.filter(code="SUHH").update(end_year=1992)
        load_countries()
        germany = Country.objects.get(code="DE")
        self.assertEqual(germany.name, "Federal Germany")
        lines = germany.other_names.splitlines()
        self.assertEqual(lines[:2], ["BRD", "Bonn"])
        self.assertIn("Germany", lines)
        self.assertIn("Deutschland", lines)
        self.assertEqual(lines.count("BRD"), 1)
        self.assertEqual(Country.objects.get(code="SUHH").end_year, 1992)

    def test_loading_into_a_database_whose_names_clash(self):
        # East Germany under a home-made code is the same country: it takes the ISO code, films and all.
        Country.objects.filter(code="DDDE").delete()
        home_made = Country.objects.create(code="GDR", name="East Germany")
        film = make_film(countries=[home_made])
        # A listed country holding another one's name: the missing one gets its code after its name.
        Country.objects.filter(code="YUCS").delete()
        Country.objects.filter(code="RS").update(name="Yugoslavia")
        load_countries()
        self.assertEqual(list(film.countries.values_list("code", flat=True)), ["DDDE"])
        self.assertEqual(Country.objects.get(code="DDDE").start_year, 1949)
        self.assertEqual(Country.objects.get(code="YUCS").name, "Yugoslavia (YUCS)")
        self.assertEqual(Country.objects.get(code="RS").name, "Yugoslavia")
        self.assertEqual(Country.objects.count(), len(LISTED))


class CountrySearchTests(EditorAdminTestCase):
    def found(self, term):
        response = self.client.get(
            "/admin/autocomplete/",
            {"app_label": "reviews", "model_name": "film", "field_name": "countries", "term": term},
        )
        self.assertEqual(response.status_code, 200)
        return [result["text"] for result in response.json()["results"]]

    def test_the_film_forms_country_box_finds_countries_by_any_of_their_names(self):
        cases = {
            "ussr": "Soviet Union",
            "СССР": "Soviet Union",
            "Czechoslovak": "Czechoslovakia",
            "GDR": "East Germany",
            "Deutschland": "Germany",
            "West Germany": "Germany",
            "Russia": "Russia",
            "Burma": "Myanmar",
            "Cote d'Ivoire": "Côte d'Ivoire",
            "UK": "United Kingdom",
            "USA": "United States",
        }
        for term, name in cases.items():
            with self.subTest(term):
                self.assertIn(name, self.found(term))

    def test_a_country_named_as_typed_comes_first(self):
        found = self.found("Soviet")
        self.assertEqual(found[0], "Soviet Union")
        self.assertGreater(len(found), 1)  # former Soviet republics, by their other names
        self.assertEqual(self.found("fr")[0], "France")  # by its code

    def test_the_film_list_filters_by_the_countries_films_have_only(self):
        make_film(countries=[Country.objects.get(code="CSHH")])
        response = self.client.get("/admin/reviews/film/")
        filter_choices = {
            choice["display"]
            for spec in response.context["cl"].filter_specs
            for choice in spec.choices(response.context["cl"])
        }
        self.assertIn("Czechoslovakia", filter_choices)
        self.assertNotIn("Zaire", filter_choices)
        czech = Country.objects.get(code="CSHH").pk
        self.assertEqual(self.client.get(f"/admin/reviews/film/?countries__id__exact={czech}").status_code, 200)


class BuiltInSourceTests(EditorAdminTestCase):
    def test_migrate_makes_the_built_in_source_on_the_star_scale(self):
        source = Source.objects.built_in()
        self.assertEqual((source.slug, source.name), (BUILT_IN_SOURCE_SLUG, "Film Archive editors"))
        self.assertEqual(source.rating_scale, Review.RatingScale.STARS_5)
        self.assertTrue(source.is_built_in)

    def test_it_cannot_be_deleted_in_the_admin(self):
        source = Source.objects.built_in()
        change_page = self.client.get(admin_url(Source, "change", source.pk))
        self.assertNotContains(change_page, "deletelink")
        self.assertNotContains(change_page, 'name="slug"')  # the slug that names it stays
        response = self.client.get(admin_url(Source, "delete", source.pk), follow=True)
        self.assertContains(response, "is the archive&#x27;s own source")
        response = self.client.post(admin_url(Source, "delete", source.pk), {"post": "yes"}, follow=True)
        self.assertContains(response, "cannot be deleted")
        other = make_source("Sight and Sound", "sight-and-sound")
        chosen = {"action": "delete_selected", "_selected_action": [source.pk, other.pk]}
        response = self.client.post(admin_url(Source), chosen)
        self.assertContains(response, "cannot be deleted")
        self.assertNotContains(response, "Yes, I’m sure")
        # A confirmation forged all the same is refused.
        self.assertEqual(self.client.post(admin_url(Source), {**chosen, "post": "yes"}).status_code, 403)
        self.assertEqual(Source.objects.filter(pk__in=[source.pk, other.pk]).count(), 2)

    def test_other_sources_can_still_be_deleted(self):
        other = make_source("Sight and Sound", "sight-and-sound")
        self.client.post(admin_url(Source, "delete", other.pk), {"post": "yes"})
        self.assertFalse(Source.objects.filter(pk=other.pk).exists())


class ReviewScaleTests(EditorAdminTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.film = make_film()
        cls.imdb = make_source(rating_scale=Review.RatingScale.POINTS_10)
        cls.critics = make_source("Critics", "critics", rating_scale=Review.RatingScale.PERCENT_100)

    def add_form(self):
        page = self.client.get("/admin/reviews/review/add/")
        self.assertEqual(page.status_code, 200)
        data = form_fields(page.content.decode(), "review_form")
        data.update({"film": str(self.film.pk), "body": "A film to remember.", "slug": "to-remember"})
        return page, data

    def saved(self, data):
        response = self.client.post("/admin/reviews/review/add/", data)
        self.assertEqual(response.status_code, 302, response.context and response.context["adminform"].form.errors)
        return Review.objects.get(film=self.film, slug="to-remember")

    def test_a_new_review_starts_as_the_archives_own_on_its_scale(self):
        page, data = self.add_form()
        built_in = Source.objects.built_in()
        self.assertEqual((data["source"], data["rating_scale"]), (str(built_in.pk), "5"))
        # Each source's option tells the page script its scale; the script is a file (strict CSP).
        self.assertContains(page, f'value="{self.critics.pk}" data-rating-scale="100"')
        self.assertContains(page, "js/rating_scale.js")
        data["rating"] = "4.5"
        review = self.saved(data)
        self.assertEqual((review.source, review.rating_scale), (built_in, 5))

    def test_the_add_page_runs_the_same_queries_however_many_sources(self):
        def count():
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get("/admin/reviews/review/add/").status_code, 200)
            return len(queries)

        count()  # Django caches the content types it looks up once
        few = count()
        for number in range(20):
            make_source(f"Source {number}", f"source-{number}", rating_scale=Review.RatingScale.PERCENT_100)
        self.assertEqual(count(), few)
        # session, user, the view's transaction (2: savepoint, release), permissions (2), the built-in
        # source (the initial values), the sources with their scales (one query: each option's scale
        # comes with its source), the session's new expiry (3)
        with self.assertNumQueries(11):
            self.client.get("/admin/reviews/review/add/")

    def test_the_scale_follows_the_source_chosen(self):
        _, data = self.add_form()
        # 8 is off the star scale the form opened with: checked against IMDb's, it fits.
        data.update({"source": str(self.imdb.pk), "rating": "8"})
        review = self.saved(data)
        self.assertEqual((review.source, review.rating_scale), (self.imdb, 10))

    def test_a_scale_the_editor_chose_is_kept(self):
        _, data = self.add_form()
        data.update({"source": str(self.imdb.pk), "rating_scale": "100", "rating": "80"})
        self.assertEqual(self.saved(data).rating_scale, 100)

    def test_changing_an_existing_reviews_source_changes_its_scale_unless_chosen(self):
        review = make_review(film=self.film, source=self.imdb, rating=7, rating_scale=10)
        url = admin_url(Review, "change", review.pk)
        data = form_fields(self.client.get(url).content.decode(), "review_form")
        self.client.post(url, {**data, "source": str(self.critics.pk), "rating": "70"})
        review.refresh_from_db()
        self.assertEqual((review.source, review.rating_scale, review.rating), (self.critics, 100, 70))
        data = form_fields(self.client.get(url).content.decode(), "review_form")
        self.client.post(url, {**data, "source": str(self.imdb.pk), "rating_scale": "5", "rating": "3.5"})
        review.refresh_from_db()
        self.assertEqual((review.source, review.rating_scale), (self.imdb, 5))

    def test_a_rating_off_the_followed_scale_is_a_form_error(self):
        _, data = self.add_form()
        data.update({"source": str(self.critics.pk), "rating": "0.5"})
        self.assertEqual(self.saved(data).rating_scale, 100)
        _, data = self.add_form()
        data.update({"source": str(self.imdb.pk), "rating": "0.5", "slug": "another"})
        response = self.client.post("/admin/reviews/review/add/", data)
        self.assertContains(response, "The rating is outside its scale.")


class ImportScaleTests(TestCase):
    def write(self, tmp_path, name):
        path = tmp_path / name
        path.write_text("A film to remember.", encoding="utf-8")
        return path

    def test_imports_take_their_sources_scale_and_refuse_ratings_off_it(self):
        with tempfile.TemporaryDirectory() as tmp:
            rated = self.write(Path(tmp), "12_8.txt")
            unrated = self.write(Path(tmp), "note.txt")
            film = make_film()
            with self.assertRaisesMessage(ReviewImportError, "rates on 0.5–5 stars"):
                import_reviews([rated], film_slug=film.slug, source_name="Film Archive editors")
            import_reviews([unrated], film_slug=film.slug, source_name="Film Archive editors")
            self.assertEqual(Review.objects.get(source__slug=BUILT_IN_SOURCE_SLUG).rating_scale, 5)
            import_reviews([rated], film_slug=film.slug, source_name="New source")
            self.assertEqual(Source.objects.get(name="New source").rating_scale, 10)
            self.assertEqual(Review.objects.get(source__name="New source").rating_scale, 10)


class DemoTests(TestCase):
    def test_the_demo_uses_the_countries_and_source_migrate_loaded(self):
        countries = Country.objects.count()
        call_command("load_demo", stdout=io.StringIO())
        self.assertEqual(Country.objects.count(), countries)
        scales = Source.objects.built_in().reviews.values_list("rating_scale", flat=True)
        self.assertEqual(set(scales), {Review.RatingScale.STARS_5})
