"""Placeholder films made by imports: their reviews attached to the real film in bulk, or the
placeholder merged into the real film, its addresses redirecting there (reviews/admin/merging.py)."""

from django.contrib.admin.models import LogEntry
from django.test import Client, TestCase
from reversion.models import Version

from reviews.models import Credit, Film, FilmTitle, FormerAddress, Review

from .browser_forms import form_fields
from .factories import make_credit, make_film, make_person, make_review
from .test_admin import admin_url, make_editor
from .test_caching import PageCacheTestCase
from .test_dashboard import make_placeholder

REVIEWS = "/admin/reviews/review/"
FILMS = "/admin/reviews/film/"


class ActionPages:
    """An editor choosing an action on a list, then a film on the action's page, as a browser does."""

    def choose_action(self, list_url, action, records):
        listed = self.client.get(list_url)
        data = {"action": action, "_selected_action": [str(record.pk) for record in records]}
        data["listed_at"] = listed.context["listed_at"] if "listed_at" in listed.context else ""
        return self.client.post(list_url, data)

    def choose_film(self, page, film, url):
        self.assertEqual(page.status_code, 200)
        data = form_fields(page.content.decode(), "choose-film-form")
        data["move-film"] = str(film.pk) if isinstance(film, Film) else film
        return self.client.post(url, data)


class AttachReviewsTests(ActionPages, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_editor()
        cls.film = make_film("The Cranes Are Flying", slug="the-cranes-are-flying-1957")
        make_review(film=cls.film, slug="a-masterpiece")
        cls.placeholder = make_placeholder("tt0050634")
        cls.first = make_review(film=cls.placeholder, slug="a-masterpiece", headline="A masterpiece")
        cls.second = make_review(film=cls.placeholder, slug="moving", headline="Moving", status=Review.Status.DRAFT)

    def setUp(self):
        self.client.force_login(self.editor)

    def test_an_editor_attaches_the_reviews_of_a_placeholder_to_the_real_film(self):
        url = f"{REVIEWS}?placeholder=yes"
        page = self.choose_action(url, "attach_reviews", [self.first, self.second])
        self.assertContains(page, "Attach reviews to another film")
        self.assertContains(page, "A masterpiece")
        self.assertContains(page, 'data-ajax--url="/admin/autocomplete/"')  # Django's autocomplete
        done = self.choose_film(page, self.film, url)
        self.assertRedirects(done, url, fetch_redirect_response=False)

        self.first.refresh_from_db()
        self.second.refresh_from_db()
        self.assertEqual((self.first.film, self.second.film), (self.film, self.film))
        self.assertEqual(self.first.slug, "a-masterpiece-2")  # the film had a review with its slug
        self.assertEqual(self.second.slug, "moving")
        self.assertEqual(self.first.updated_by, self.editor)
        self.assertEqual(Version.objects.get_for_object(self.first).count(), 2)  # as imported, as moved
        self.assertTrue(LogEntry.objects.filter(object_id=str(self.first.pk), user=self.editor).exists())
        messages = [str(message) for message in done.wsgi_request._messages]
        self.assertIn("2 reviews attached to “The Cranes Are Flying (1957)” (1 given a new slug", messages[0])

    def test_the_former_address_of_a_moved_public_review_redirects_permanently(self):
        url = f"{REVIEWS}?placeholder=yes"
        self.choose_film(self.choose_action(url, "attach_reviews", [self.first]), self.film, url)
        response = Client().get("/films/imdb-tt0050634/reviews/a-masterpiece/")
        self.assertRedirects(response, "/films/the-cranes-are-flying-1957/reviews/a-masterpiece-2/", status_code=301)

    def test_a_drafts_former_address_does_not_reveal_where_it_went(self):
        url = f"{REVIEWS}?placeholder=yes"
        self.choose_film(self.choose_action(url, "attach_reviews", [self.second]), self.film, url)
        self.assertEqual(Client().get("/films/imdb-tt0050634/reviews/moving/").status_code, 404)

    def test_a_film_that_is_not_there_is_a_form_error_and_nothing_moves(self):
        page = self.choose_action(REVIEWS, "attach_reviews", [self.first])
        for bad, error in [("nope", "Select a valid choice"), ("999999", "Select a valid choice"), ("1\x00", "Null")]:
            again = self.choose_film(page, bad, REVIEWS)
            self.assertContains(again, error, status_code=200)
            self.assertContains(again, 'id="choose-film-form"')
        self.first.refresh_from_db()
        self.assertEqual(self.first.film, self.placeholder)

    def test_reviews_changed_since_the_list_was_shown_are_left_alone(self):
        page = self.choose_action(REVIEWS, "attach_reviews", [self.first, self.second])
        self.second.headline = "Changed meanwhile"
        self.second.save()
        done = self.choose_film(page, self.film, REVIEWS)
        self.second.refresh_from_db()
        self.assertEqual(self.second.film, self.placeholder)
        self.assertEqual(Review.objects.get(pk=self.first.pk).film, self.film)
        messages = [str(message) for message in done.wsgi_request._messages]
        self.assertIn("Left alone, because changed by someone else", messages[0])

    def test_the_action_works_from_a_reviews_own_page(self):
        url = admin_url(Review, "change", self.second.pk)
        data = form_fields(self.client.get(url).content.decode(), "review_form", button="action")
        data.update({"CHANGE_FORM-action": "attach_reviews", "_selected_action": str(self.second.pk)})
        page = self.client.post(url, data)
        self.assertRedirects(self.choose_film(page, self.film, url), url, fetch_redirect_response=False)
        self.second.refresh_from_db()
        self.assertEqual(self.second.film, self.film)


class MergePlaceholderTests(ActionPages, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_editor()
        cls.film = make_film("The Cranes Are Flying", slug="the-cranes-are-flying-1957", tags=["war"])
        cls.kalatozov = make_person("Mikhail Kalatozov")
        make_credit(cls.film, cls.kalatozov, role=Credit.Role.DIRECTOR)
        make_review(film=cls.film, slug="a-masterpiece")
        cls.placeholder = make_placeholder("tt0050634")
        cls.placeholder.tags.add("soviet cinema")
        FilmTitle.objects.create(film=cls.placeholder, title="Летят журавли", kind="original", language="ru")
        make_credit(cls.placeholder, cls.kalatozov, role=Credit.Role.DIRECTOR)  # the film has it
        make_credit(cls.placeholder, make_person("Sergey Urusevsky"), role=Credit.Role.CINEMATOGRAPHER)
        cls.first = make_review(film=cls.placeholder, slug="a-masterpiece", headline="A masterpiece")
        cls.second = make_review(film=cls.placeholder, slug="moving", headline="Moving")

    def setUp(self):
        self.client.force_login(self.editor)

    def merge(self, placeholders, film, url=FILMS):
        return self.choose_film(self.choose_action(url, "merge_placeholders", placeholders), film, url)

    def test_merging_moves_everything_to_the_real_film_and_deletes_the_placeholder(self):
        done = self.merge([self.placeholder], self.film)
        self.assertRedirects(done, FILMS, fetch_redirect_response=False)

        self.assertFalse(Film.objects.filter(pk=self.placeholder.pk).exists())
        self.film.refresh_from_db()
        self.assertEqual(self.film.imdb_id, "tt0050634")  # later imports find the real film
        self.assertEqual(
            sorted(self.film.reviews.values_list("slug", flat=True)), ["a-masterpiece", "a-masterpiece-2", "moving"]
        )
        self.assertEqual(list(self.film.titles.values_list("title", flat=True)), ["Летят журавли"])
        self.assertEqual(sorted(self.film.tags.names()), ["soviet cinema", "war"])
        self.assertEqual(
            sorted(self.film.credits.values_list("person__name", flat=True)),
            ["Mikhail Kalatozov", "Sergey Urusevsky"],
        )
        messages = [str(message) for message in done.wsgi_request._messages]
        self.assertIn("Merged “IMDb tt0050634” into “The Cranes Are Flying (1957)”: 2 reviews", messages[0])

    def test_the_placeholders_addresses_redirect_permanently_to_the_real_ones(self):
        self.merge([self.placeholder], self.film)
        visitor = Client()
        self.assertRedirects(
            visitor.get("/films/imdb-tt0050634/"), "/films/the-cranes-are-flying-1957/", status_code=301
        )
        self.assertRedirects(
            visitor.get("/films/imdb-tt0050634/reviews/a-masterpiece/"),
            "/films/the-cranes-are-flying-1957/reviews/a-masterpiece-2/",
            status_code=301,
        )
        self.assertRedirects(
            visitor.get("/films/imdb-tt0050634/reviews/moving/"),
            "/films/the-cranes-are-flying-1957/reviews/moving/",
            status_code=301,
        )
        self.assertEqual(visitor.get("/films/imdb-tt0000001/").status_code, 404)

    def test_a_redirect_follows_its_film_when_that_is_merged_or_renamed_later(self):
        older = make_placeholder("tt0000002")
        # An address that led to the placeholder (a placeholder is never chosen as the real film, but
        # an editor may merge into a film and later find it is a duplicate of another).
        FormerAddress.objects.record_film_merge(older, self.placeholder)
        older.delete()
        self.merge([self.placeholder], self.film)
        Film.objects.filter(pk=self.film.pk).update(slug="letyat-zhuravli-1957")
        self.assertRedirects(
            Client().get("/films/imdb-tt0000002/"),
            "/films/letyat-zhuravli-1957/",
            status_code=301,
            fetch_redirect_response=False,
        )

    def test_history_keeps_the_placeholder_and_the_films_change(self):
        self.merge([self.placeholder], self.film)
        deleted = Version.objects.get_deleted(Film)
        self.assertEqual([version.object_repr for version in deleted], ["IMDb tt0050634"])
        before_merge = Version.objects.filter(object_id=str(self.placeholder.pk), content_type__model="film")
        self.assertEqual(before_merge.count(), 2)  # before the merge (with its titles, credits), at the delete
        self.assertTrue(Version.objects.get_for_object(self.film).exists())
        self.assertTrue(LogEntry.objects.filter(object_id=str(self.placeholder.pk), action_flag=3).exists())
        change = LogEntry.objects.get(object_id=str(self.film.pk), action_flag=2)
        self.assertIn("Merged the placeholder “IMDb tt0050634”", change.change_message)

    def test_it_refuses_a_film_that_is_not_a_placeholder(self):
        page = self.choose_action(FILMS, "merge_placeholders", [self.film])
        self.assertRedirects(page, FILMS, fetch_redirect_response=False)
        messages = [str(message) for message in page.wsgi_request._messages]
        self.assertIn("Only placeholder films (made by an import, their year unknown) can be merged", messages[0])
        self.assertTrue(Film.objects.filter(pk=self.film.pk).exists())

    def test_it_refuses_merging_a_film_into_itself_or_into_another_placeholder(self):
        page = self.choose_action(FILMS, "merge_placeholders", [self.placeholder])
        self.assertContains(self.choose_film(page, self.placeholder, FILMS), "cannot be merged into itself")
        other = make_placeholder("tt0000003")
        self.assertContains(self.choose_film(page, other, FILMS), "is a placeholder too: choose the real film")
        self.assertTrue(Film.objects.filter(pk=self.placeholder.pk).exists())

    def test_the_action_works_from_the_placeholders_own_page(self):
        url = admin_url(Film, "change", self.placeholder.pk)
        data = form_fields(self.client.get(url).content.decode(), "film_form", button="action")
        data.update({"CHANGE_FORM-action": "merge_placeholders", "_selected_action": str(self.placeholder.pk)})
        page = self.client.post(url, data)
        self.assertContains(page, "Merge placeholder films into the real film")
        done = self.choose_film(page, self.film, url)
        self.assertRedirects(done, admin_url(Film, "change", self.film.pk), fetch_redirect_response=False)
        self.assertFalse(Film.objects.filter(pk=self.placeholder.pk).exists())


class MergeAndThePageCacheTests(ActionPages, PageCacheTestCase):
    def test_cached_pages_of_both_films_are_purged_and_the_old_address_redirects(self):
        editor = make_editor()
        film = make_film("The Cranes Are Flying", slug="the-cranes-are-flying-1957")
        placeholder = make_placeholder("tt0050634")
        make_review(film=placeholder, slug="a-masterpiece", headline="A masterpiece")
        self.cache("/films/imdb-tt0050634/", "/films/the-cranes-are-flying-1957/")

        self.client.force_login(editor)
        self.choose_film(self.choose_action(FILMS, "merge_placeholders", [placeholder]), film, FILMS)
        self.client.logout()

        old = self.client.get("/films/imdb-tt0050634/")
        self.assertRedirects(old, "/films/the-cranes-are-flying-1957/", status_code=301, fetch_redirect_response=False)
        self.assertContains(self.assertFresh("/films/the-cranes-are-flying-1957/"), "A masterpiece")


class RedirectQueryCountTests(TestCase):
    def test_a_former_address_costs_one_query_more_than_a_404(self):
        film = make_film(slug="the-cranes-are-flying-1957")
        placeholder = make_placeholder("tt0050634")
        FormerAddress.objects.record_film_merge(placeholder, film)
        placeholder.delete()
        with self.assertNumQueries(2):  # the film, then its former address
            self.client.get("/films/imdb-tt0050634/")
        with self.assertNumQueries(2):
            self.client.get("/films/no-such-film/")


class ChangedAddressTests(TestCase):
    """An editor changes a slug: the former address leads to the page now (a 301), reviews' too."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_editor()
        cls.film = make_film("The Cranes Are Flying", slug="cranes")
        cls.review = make_review(film=cls.film, slug="a-poem")
        cls.other_film = make_film("Ballad of a Soldier", slug="ballad")

    def setUp(self):
        self.client.force_login(self.editor)

    def save_changed(self, record, form_id, **changes):
        url = admin_url(type(record), "change", record.pk)
        data = form_fields(self.client.get(url).content.decode(), form_id)
        data.update(changes)
        self.assertEqual(self.client.post(url, data).status_code, 302)
        record.refresh_from_db()

    def assert_moved(self, former, now):
        visitor = Client()
        self.assertRedirects(visitor.get(former), now, status_code=301)

    def test_a_films_former_slug_leads_to_it_and_to_its_reviews(self):
        self.save_changed(self.film, "film_form", slug="the-cranes-are-flying-1957")
        self.assert_moved("/films/cranes/", "/films/the-cranes-are-flying-1957/")
        self.assert_moved("/films/cranes/reviews/a-poem/", "/films/the-cranes-are-flying-1957/reviews/a-poem/")
        self.assertEqual(Client().get("/films/cranes/reviews/no-such-review/").status_code, 404)

    def test_a_reviews_former_slug_and_film_lead_to_it(self):
        self.save_changed(self.review, "review_form", slug="a-poem-in-pictures")
        self.assert_moved("/films/cranes/reviews/a-poem/", "/films/cranes/reviews/a-poem-in-pictures/")
        self.save_changed(self.review, "review_form", film=str(self.other_film.pk))
        self.assert_moved("/films/cranes/reviews/a-poem-in-pictures/", "/films/ballad/reviews/a-poem-in-pictures/")
        self.assert_moved("/films/cranes/reviews/a-poem/", "/films/ballad/reviews/a-poem-in-pictures/")

    def test_an_unchanged_slug_records_nothing(self):
        self.save_changed(self.film, "film_form", title="The Cranes Are Flying (restored)")
        self.assertFalse(FormerAddress.objects.exists())
