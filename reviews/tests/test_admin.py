import re
from datetime import timedelta
from html.parser import HTMLParser

from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from reviews.models import AwardOutcome, Credit, Film, FilmTitle, FormerAddress, Review, Stamped
from reviews.models.films import TaggedFilm

from .factories import (
    make_award,
    make_country,
    make_credit,
    make_edition,
    make_festival,
    make_film,
    make_outcome,
    make_person,
    make_review,
    make_section,
    make_source,
)

User = get_user_model()
PASSWORD = "a-long-test-password-1957"


def make_editor(username="editor"):
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def archive_admins():
    """(model, ModelAdmin) for every model the editors curate: the archive's and tags."""
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in {"reviews", "taggit"}
    ]


def admin_url(model, view="changelist", *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def management_data(response, **totals):
    """The management forms of every inline on an admin add page, as a browser posts them."""
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(totals.get(prefix, 0)),
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return data


def review_form_data(film, source, **overrides):
    now = timezone.localtime()
    data = {
        "film": str(film.pk),
        "headline": "",
        "slug": "",
        "body": "",
        "tags": [],  # a multiple select with nothing chosen sends nothing
        "status": Review.Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
        "author": "",
        "source": str(source.pk),
        "source_identifier": "",
        "source_url": "",
        "language": "en",
        "written_date": "",
        "archived_at_0": now.strftime("%Y-%m-%d"),
        "archived_at_1": now.strftime("%H:%M:%S"),
        "rating": "",
        "rating_scale": str(Review.RatingScale.POINTS_10),
    }
    data.update(overrides)
    return data


class EditorAdminTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_editor()

    def setUp(self):
        self.client.force_login(self.editor)


class EditorsPublishAReviewEndToEndTests(TestCase):
    """What an editor does on a fresh archive, through the real admin forms and the public site."""

    def test_an_editor_adds_a_film_with_credits_and_publishes_a_tagged_review(self):
        make_editor("maria")
        kalatozov = make_person("Mikhail Kalatozov")
        urusevsky = make_person("Sergey Urusevsky")
        source = make_source()
        ussr = make_country()
        anonymous = Client()

        login = self.client.post(
            "/admin/login/?next=/admin/", {"username": "maria", "password": PASSWORD, "next": "/admin/"}
        )
        self.assertRedirects(login, "/admin/")

        add_page = self.client.get("/admin/reviews/film/add/")
        self.assertEqual(add_page.status_code, 200)
        film_data = {
            "title": "The Cranes Are Flying",
            "slug": "the-cranes-are-flying-1957",
            "year": "1957",
            "countries": [str(ussr.pk)],
            "runtime_minutes": "97",
            "synopsis": "Moscow, 1941.",
            "new_tags": "soviet cinema",
            "imdb_id": "tt0050634",
            "wikidata_id": "",
            **management_data(add_page, credits=2),
            "credits-0-person": str(kalatozov.pk),
            "credits-0-role": Credit.Role.DIRECTOR,
            "credits-0-billing_order": "1",
            "credits-1-person": str(urusevsky.pk),
            "credits-1-role": Credit.Role.CINEMATOGRAPHER,
            "credits-1-note": "",
        }
        response = self.client.post("/admin/reviews/film/add/", film_data)
        self.assertRedirects(response, "/admin/reviews/film/")
        film = Film.objects.get(slug="the-cranes-are-flying-1957")
        self.assertEqual(
            set(film.credits.values_list("person__name", "role")),
            {("Mikhail Kalatozov", "director"), ("Sergey Urusevsky", "cinematographer")},
        )
        self.assertEqual(list(film.countries.all()), [ussr])
        self.assertEqual(list(film.tags.names()), ["soviet cinema"])

        body = "A film about war and those who wait.<br /><br />Samoilova is luminous."
        response = self.client.post(
            "/admin/reviews/review/add/",
            review_form_data(
                film,
                source,
                headline="Luminous",
                slug="luminous",
                body=body,
                new_tags="soviet cinema, war, Thaw",
                author="a viewer",
                rating="10",
            ),
        )
        self.assertRedirects(response, "/admin/reviews/review/")
        review = Review.objects.get(film=film, slug="luminous")
        self.assertEqual(review.status, Review.Status.DRAFT)
        self.assertEqual(set(review.tags.names()), {"soviet cinema", "Thaw", "war"})
        self.assertEqual(review.tags.get(name="soviet cinema"), film.tags.get())  # the film's, not a second one

        public_url = "/films/the-cranes-are-flying-1957/reviews/luminous/"
        self.assertEqual(anonymous.get(public_url).status_code, 404)

        # Publish from the review's own page, with the change form's action.
        change_url = f"/admin/reviews/review/{review.pk}/change/"
        response = self.client.post(
            change_url, {"CHANGE_FORM-action": "publish_reviews", "_selected_action": str(review.pk), "index": "0"}
        )
        self.assertRedirects(response, change_url)
        review.refresh_from_db()
        self.assertEqual(review.status, Review.Status.PUBLISHED)
        self.assertIsNotNone(review.published_at)

        response = anonymous.get(public_url)
        self.assertContains(response, "Samoilova is luminous.", status_code=200)

        self.assertEqual(self.client.get("/admin/auth/user/").status_code, 403)
        self.assertEqual(self.client.get("/admin/auth/user/add/").status_code, 403)


class EditorPermissionTests(EditorAdminTestCase):
    def test_an_editor_can_open_every_changelist_and_add_page(self):
        for model, _ in archive_admins():
            for view in ("changelist", "add"):
                with self.subTest(model=model.__name__, view=view):
                    # Former addresses are made by merges and moves only (reviews/admin/merging.py).
                    expected = 403 if (model, view) == (FormerAddress, "add") else 200
                    self.assertEqual(self.client.get(admin_url(model, view)).status_code, expected)

    def test_an_editor_can_open_every_change_page(self):
        festival = make_festival("Cannes Film Festival", country=make_country("FR", "France"))
        edition = make_edition(festival=festival, number=11)
        film = make_film("The Cranes Are Flying", tags=["war"], countries=[make_country()])
        person = make_person("Tatiana Samoilova")
        outcome = make_outcome(edition=edition, award=make_award(festival=festival), film=film, recipients=[person])
        review = make_review(film=film, tags=["war"])
        objects = {
            "Film": film,
            "Person": person,
            "Credit": make_credit(film=film, person=person, role=Credit.Role.ACTOR, character_name="Veronika"),
            "Country": film.countries.get(),
            "Festival": festival,
            "Edition": edition,
            "Section": make_section(edition=edition, films=[film]),
            "Award": outcome.award,
            "AwardOutcome": outcome,
            "Source": review.source,
            "Review": review,
            "Tag": review.tags.get(),
            "FormerAddress": FormerAddress.objects.create(film_slug="imdb-tt0050634", film=film),
        }
        for model, _ in archive_admins():
            with self.subTest(model=model.__name__):
                obj = objects[model.__name__]
                self.assertEqual(self.client.get(admin_url(model, "change", obj.pk)).status_code, 200)

    def test_an_editor_cannot_manage_users_or_groups(self):
        for url in ["/admin/auth/user/", "/admin/auth/group/", "/admin/auth/user/add/", "/admin/auth/group/add/"]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 403)
        response = self.client.post(
            "/admin/auth/user/add/",
            {"username": "intruder", "password1": "x-Very-long-pass-1", "password2": "x-Very-long-pass-1"},
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(User.objects.filter(username="intruder").exists())
        self.assertNotContains(self.client.get("/admin/"), "/admin/auth/")

    def test_the_autocomplete_finds_people_for_credits(self):
        make_person("Mikhail Kalatozov", other_names=[("Mikheil Kalatozishvili", "birth_name")])
        response = self.client.get(
            "/admin/autocomplete/",
            {"app_label": "reviews", "model_name": "credit", "field_name": "person", "term": "Kalatozish"},
        )
        self.assertEqual([result["text"] for result in response.json()["results"]], ["Mikhail Kalatozov"])


class StampTests(EditorAdminTestCase):
    def test_adding_records_the_editor_as_creator_and_last_editor(self):
        add_page = self.client.get("/admin/reviews/source/add/")
        data = {
            "name": "Sight and Sound",
            "slug": "sight-and-sound",
            "url": "",
            "description": "",
            "rating_scale": "10",
        }
        self.client.post("/admin/reviews/source/add/", {**data, **management_data(add_page)})
        source = make_source(slug="sight-and-sound")
        self.assertEqual((source.created_by, source.updated_by), (self.editor, self.editor))

    def test_changing_records_the_last_editor_and_keeps_the_creator(self):
        creator = make_editor("creator")
        source = make_source(created_by=creator, updated_by=creator)
        data = {"name": "IMDb user reviews", "slug": source.slug, "url": "", "description": "", "rating_scale": "10"}
        response = self.client.post(f"/admin/reviews/source/{source.pk}/change/", data)
        self.assertRedirects(response, "/admin/reviews/source/")
        source.refresh_from_db()
        self.assertEqual(
            (source.name, source.created_by, source.updated_by), ("IMDb user reviews", creator, self.editor)
        )

    def test_inline_rows_are_stamped_too(self):
        festival = make_festival("Cannes Film Festival")
        edition = make_edition(festival=festival, year=1958)
        award = make_award(festival=festival, name="Palme d'Or")
        film = make_film("The Cranes Are Flying")
        change_page = self.client.get(f"/admin/reviews/edition/{edition.pk}/change/")
        data = {
            "festival": str(festival.pk),
            "number": "11",
            "year": "1958",
            "start_date": "1958-05-02",
            "end_date": "1958-05-18",
            "notes": "",
            **management_data(change_page, award_outcomes=1),
            "award_outcomes-0-award": str(award.pk),
            "award_outcomes-0-film": str(film.pk),
            "award_outcomes-0-result": AwardOutcome.Result.WON,
        }
        response = self.client.post(f"/admin/reviews/edition/{edition.pk}/change/", data)
        self.assertRedirects(response, "/admin/reviews/edition/")
        outcome = AwardOutcome.objects.get(edition=edition)
        self.assertEqual((outcome.created_by, outcome.updated_by), (self.editor, self.editor))
        edition.refresh_from_db()
        self.assertEqual(edition.updated_by, self.editor)

    def test_the_change_page_shows_who_changed_a_record_without_linking_to_user_admin(self):
        film = make_film(created_by=self.editor, updated_by=self.editor)
        response = self.client.get(f"/admin/reviews/film/{film.pk}/change/")
        self.assertContains(response, "by editor")
        self.assertNotContains(response, "/admin/auth/user/")

    def test_every_stamped_model_is_edited_through_the_stamping_base(self):
        from reviews.admin.base import EditorStampMixin

        for model, model_admin in archive_admins():
            if issubclass(model, Stamped):
                with self.subTest(model=model.__name__):
                    self.assertIsInstance(model_admin, EditorStampMixin)


class ReviewAdminTests(EditorAdminTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.film = make_film("The Cranes Are Flying", slug="the-cranes-are-flying-1957")

    def run_action(self, action, *reviews):
        return self.client.post(
            "/admin/reviews/review/",
            {"action": action, "_selected_action": [str(review.pk) for review in reviews], "index": "0"},
        )

    def test_publishing_fills_in_the_publication_time_only_when_empty(self):
        fresh = make_review(film=self.film, status=Review.Status.DRAFT)
        earlier = timezone.now() - timedelta(days=400)
        returning = make_review(film=self.film, status=Review.Status.DRAFT, published_at=earlier)
        response = self.run_action("publish_reviews", fresh, returning)
        self.assertRedirects(response, "/admin/reviews/review/")
        fresh.refresh_from_db()
        returning.refresh_from_db()
        self.assertEqual(fresh.status, Review.Status.PUBLISHED)
        self.assertLess(timezone.now() - fresh.published_at, timedelta(minutes=1))
        self.assertEqual((returning.status, returning.published_at), (Review.Status.PUBLISHED, earlier))
        self.assertEqual(fresh.updated_by, self.editor)

    def test_unpublishing_returns_reviews_to_draft(self):
        review = make_review(film=self.film)
        self.run_action("unpublish_reviews", review)
        review.refresh_from_db()
        self.assertEqual(review.status, Review.Status.DRAFT)
        self.assertFalse(Review.objects.published().exists())
        self.assertEqual(review.updated_by, self.editor)

    def test_actions_say_what_they_did_and_log_each_review(self):
        drafts = [make_review(film=self.film, status=Review.Status.DRAFT) for _ in range(2)]
        response = self.run_action("publish_reviews", *drafts)
        self.assertContains(self.client.get(response.url), "2 reviews published.")
        self.assertEqual(LogEntry.objects.filter(user=self.editor).count(), 2)
        response = self.run_action("publish_reviews", *drafts)
        self.assertContains(self.client.get(response.url), "Nothing changed")

    def test_both_actions_are_offered_on_the_changelist_and_the_change_page(self):
        review = make_review(film=self.film)
        changelist = self.client.get("/admin/reviews/review/")
        self.assertContains(changelist, "Publish selected reviews")
        self.assertContains(changelist, "Unpublish selected reviews")
        change_page = self.client.get(f"/admin/reviews/review/{review.pk}/change/")
        self.assertContains(change_page, "Publish this review")
        self.assertContains(change_page, "Unpublish this review")

    def test_publishing_through_the_form_without_a_time_publishes_now(self):
        review = make_review(film=self.film, status=Review.Status.DRAFT, body="Kept.")
        data = review_form_data(self.film, review.source, slug=review.slug, body="Kept.", status="published")
        response = self.client.post(f"/admin/reviews/review/{review.pk}/change/", data)
        self.assertRedirects(response, "/admin/reviews/review/")
        review.refresh_from_db()
        self.assertTrue(review.is_public)

    def test_saving_the_form_keeps_the_text_exactly_as_received(self):
        body = "  First line.\nSecond line.<br />Third.\n"
        review = make_review(film=self.film, status=Review.Status.DRAFT, body=body)
        # What a browser sends back for an untouched textarea.
        sent = body.strip().replace("\n", "\r\n")
        data = review_form_data(self.film, review.source, slug=review.slug, body=sent, headline="New headline")
        response = self.client.post(f"/admin/reviews/review/{review.pk}/change/", data)
        self.assertRedirects(response, "/admin/reviews/review/")
        review.refresh_from_db()
        self.assertEqual((review.headline, review.body), ("New headline", body))
        self.assertEqual(review.body_sha256, Review.hash_body(body))

    def test_drafts_are_listed_for_editors(self):
        make_review(film=self.film, headline="Secret draft", status=Review.Status.DRAFT)
        self.assertContains(self.client.get("/admin/reviews/review/"), "Secret draft")

    def test_view_on_site_leads_every_review_to_its_page_a_preview_until_public(self):
        draft = make_review(film=self.film, status=Review.Status.DRAFT)
        public = make_review(film=self.film)
        scheduled = make_review(film=self.film, published_at=timezone.now() + timedelta(days=1))
        for review, preview in [(draft, True), (public, False), (scheduled, True)]:
            with self.subTest(review=review.status):
                self.assertContains(self.client.get(f"/admin/reviews/review/{review.pk}/change/"), "View on site")
                page = self.client.get(review.get_absolute_url())
                self.assertEqual(page.status_code, 200)
                self.assertEqual(b"<strong>Preview.</strong>" in page.content, preview)

    def test_a_review_without_headline_is_listed_by_its_opening_words(self):
        make_review(film=self.film, headline="", body="1956 was the 20th Congress<br />of the Party and more words")
        response = self.client.get("/admin/reviews/review/")
        self.assertContains(response, "“1956 was the 20th Congress of the Party…”")

    def test_search_finds_reviews_by_text_and_by_any_title_of_the_film(self):
        FilmTitle.objects.create(film=self.film, title="Летят журавли", kind=FilmTitle.Kind.ORIGINAL)
        make_review(film=self.film, headline="Cranes", body="Urusevsky's camera")
        make_review(headline="Other film", body="Nothing to see")
        for term in ["urusevsky", "журавли"]:
            with self.subTest(term=term):
                response = self.client.get("/admin/reviews/review/", {"q": term})
                self.assertContains(response, "Cranes")
                self.assertNotContains(response, "Other film")


class FilmAdminTests(EditorAdminTestCase):
    def test_search_finds_a_film_once_by_any_of_its_titles(self):
        make_film(
            "The Cranes Are Flying",
            titles=[("Летят журавли", "original", "ru"), ("Letyat zhuravli", "transliterated", "ru-Latn")],
        )
        response = self.client.get("/admin/reviews/film/", {"q": "zhuravli"})
        self.assertEqual(
            list(response.context["cl"].result_list.values_list("title", flat=True)), ["The Cranes Are Flying"]
        )

    def test_it_counts_reviews_correctly_while_searching_titles(self):
        film = make_film("The Cranes Are Flying", titles=[("Cranes", "alternative", "en")])
        for _ in range(3):
            make_review(film=film)
        response = self.client.get("/admin/reviews/film/", {"q": "cranes"})
        self.assertEqual([row.review_count for row in response.context["cl"].result_list], [3])

    def test_the_decade_filter_lists_decades_and_unknown_years(self):
        make_film("The Cranes Are Flying", year=1957)
        make_film("Ivan the Terrible", year=1944)
        Film.objects.create(title="tt0000001", slug="tt0000001", year=None)
        response = self.client.get("/admin/reviews/film/", {"decade": "1950"})
        self.assertEqual([film.title for film in response.context["cl"].result_list], ["The Cranes Are Flying"])
        self.assertContains(response, "1940s")
        response = self.client.get("/admin/reviews/film/", {"decade": "unknown"})
        self.assertEqual([film.title for film in response.context["cl"].result_list], ["tt0000001"])

    def test_a_mangled_decade_shows_nothing_rather_than_failing(self):
        make_film(year=1957)
        response = self.client.get("/admin/reviews/film/", {"decade": "nineteen-fifties"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(list(response.context["cl"].result_list), [])

    def test_the_tag_filter_offers_film_tags_only(self):
        make_film("Tagged", tags=["war"])
        make_review(tags=["luminous"])
        response = self.client.get("/admin/reviews/film/")
        self.assertContains(response, "?tag=war")
        self.assertNotContains(response, "?tag=luminous")
        response = self.client.get("/admin/reviews/film/", {"tag": "war"})
        self.assertEqual([film.title for film in response.context["cl"].result_list], ["Tagged"])


class TagAdminTests(EditorAdminTestCase):
    def test_no_action_that_only_knows_taggits_default_table_is_offered(self):
        # taggit's merge (and remove_orphaned_tags) only see its TaggedItem table, not the
        # archive's: here they would strand or delete tags in use.
        make_film(tags=["war"])
        response = self.client.get("/admin/taggit/tag/")
        actions = [choice for choice, _ in response.context["action_form"].fields["action"].choices if choice]
        self.assertEqual(actions, ["delete_selected"])
        with self.assertRaises(NoReverseMatch):
            reverse("admin:taggit_tag_merge_tags")

    def test_it_counts_where_each_tag_is_used(self):
        make_film(tags=["war"])
        make_review(tags=["war"])
        make_review(tags=["war"])
        response = self.client.get("/admin/taggit/tag/")
        tag = response.context["cl"].result_list.get()
        self.assertEqual((tag.name, tag.film_count, tag.review_count), ("war", 1, 2))
        self.assertEqual(TaggedFilm.objects.count(), 1)


class ChangelistQueryCountTests(EditorAdminTestCase):
    """Changelists run a fixed number of queries however many rows they show."""

    def count_queries(self, url):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def add_films(self, count):
        ussr, france = make_country(), make_country("FR", "France")
        for number in range(count):
            film = make_film(year=1950 + number % 20, tags=[f"tag {number % 5}"], countries=[ussr, france])
            FilmTitle.objects.create(film=film, title=f"Title {number}", kind=FilmTitle.Kind.ORIGINAL)
            make_review(film=film, tags=["war"])

    def add_reviews(self, count):
        sources = [make_source(), make_source("Sight and Sound", "sight-and-sound")]
        for number in range(count):
            make_review(
                film=make_film(),
                source=sources[number % 2],
                tags=["war", f"tag {number % 4}"],
                status=Review.Status.DRAFT if number % 3 else Review.Status.PUBLISHED,
                headline="" if number % 2 else f"Headline {number}",
            )

    def test_the_film_changelist_query_count_does_not_grow_with_rows(self):
        self.add_films(3)
        few = self.count_queries("/admin/reviews/film/")
        self.add_films(40)
        self.assertEqual(self.count_queries("/admin/reviews/film/"), few)
        # session, user, permissions (2), decade/country/tag filters (3), counts (2), rows, countries;
        # the edit history's transaction (2: savepoint, release) and the session's new expiry (3)
        with self.assertNumQueries(16):
            self.client.get("/admin/reviews/film/")

    def test_the_review_changelist_query_count_does_not_grow_with_rows(self):
        self.add_reviews(3)
        few = self.count_queries("/admin/reviews/review/")
        self.add_reviews(40)
        self.assertEqual(self.count_queries("/admin/reviews/review/"), few)
        # A search adds no query, but on PostgreSQL the one setting its names' similarity threshold.
        setting = 1 if connection.vendor == "postgresql" else 0
        self.assertEqual(self.count_queries("/admin/reviews/review/?status=draft&q=review"), few + setting)
        # session, user, permissions (2), source/tag/language filters (3), counts (2), rows with
        # film and source, tags, date hierarchy (2); the edit history's transaction (2) and the
        # session's new expiry (3)
        with self.assertNumQueries(18):
            self.client.get("/admin/reviews/review/")


class ScriptAndStyleAudit(HTMLParser):
    """Collects what a strict CSP would block: inline code without the nonce, inline handlers and styles."""

    def __init__(self, nonce):
        super().__init__()
        self.nonce = nonce
        self.problems = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in {"script", "style"} or (tag == "link" and attributes.get("rel") == "stylesheet"):
            if attributes.get("nonce") != self.nonce and attributes.get("type") != "application/json":
                self.problems.append(f"<{tag}> without the nonce: {attrs}")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.problems.append(f"<{tag} {name}=...>: {value}")
            if name in {"href", "src"} and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}=javascript:...>")


class ContentSecurityPolicyTests(EditorAdminTestCase):
    def audit(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        policy = response["Content-Security-Policy"]
        self.assertNotIn("unsafe-inline", policy)
        nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
        audit = ScriptAndStyleAudit(nonce)
        audit.feed(response.content.decode())
        return audit.problems

    def test_admin_pages_need_no_inline_code_outside_the_nonce(self):
        review = make_review(tags=["war"])
        festival = make_festival()
        pages = [
            "/admin/",
            "/admin/reviews/film/",
            "/admin/reviews/film/add/",
            f"/admin/reviews/film/{review.film.pk}/change/",
            "/admin/reviews/review/",
            "/admin/reviews/review/add/",
            f"/admin/reviews/review/{review.pk}/change/",
            f"/admin/reviews/festival/{festival.pk}/change/",
            "/admin/reviews/edition/add/",
            "/admin/taggit/tag/",
        ]
        for url in pages:
            with self.subTest(url=url):
                self.assertEqual(self.audit(url), [])

    def test_the_login_page_needs_no_inline_code_outside_the_nonce(self):
        self.client.logout()
        self.assertEqual(self.audit("/admin/login/"), [])


class NamesEditorsReadTests(EditorAdminTestCase):
    """Every label and help text reads as written."""

    def test_the_tags_section_has_a_human_name(self):
        response = self.client.get("/admin/")
        self.assertContains(response, ">Tags</a>")
        self.assertNotContains(response, "Taggit")

    def test_the_review_bodys_help_text_shows_the_tag_as_written(self):
        review = make_review()
        response = self.client.get(f"/admin/reviews/review/{review.pk}/change/")
        self.assertContains(response, "Only &lt;br /&gt; is read as markup (a line break).")
