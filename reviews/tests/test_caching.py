"""The page cache: hits without queries, precise purging whatever writes, what is never kept.

Pages are kept only outside a transaction, and purged only when a write commits, so these
tests commit for real (TransactionTestCase); `serialized_rollback` restores what the
migrations created. They need Redis, where the cache lives (filmarchive/testing.py).
"""

import unittest
from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.http import HttpResponse
from django.middleware.csp import ContentSecurityPolicyMiddleware
from django.test import Client, RequestFactory, SimpleTestCase, TransactionTestCase
from django.utils import timezone

from filmarchive.testing import REDIS_MISSING
from reviews.cache import keys
from reviews.cache.middleware import PageCacheMiddleware
from reviews.cache.store import get_store
from reviews.importing import import_reviews
from reviews.models import Film, PendingPurge, Person, Review

from .factories import make_credit, make_film, make_person, make_review, make_source
from .test_admin import make_editor, review_form_data

SEED = settings.BASE_DIR / "reviews" / "demo" / "seeds" / "000_984c2e56fef4b264.txt"
CRANES = "tt0050634"


@unittest.skipIf(REDIS_MISSING, f"the page cache lives in Redis: {REDIS_MISSING}")
class PageCacheTestCase(TransactionTestCase):
    serialized_rollback = True

    def assertCached(self, url, client=None):
        with self.assertNumQueries(0):
            response = (client or self.client).get(url)
        self.assertEqual(response["X-Page-Cache"], "hit", url)
        return response

    def assertFresh(self, url):
        """The page is rendered again (not served from the cache), and returned."""
        response = self.client.get(url)
        self.assertEqual(response.get("X-Page-Cache"), "miss", url)
        return response

    def cache(self, *urls):
        for url in urls:
            self.client.get(url)
            self.assertCached(url)


class AnonymousPageCacheTests(PageCacheTestCase):
    def setUp(self):
        self.film = make_film("The Cranes Are Flying", slug="the-cranes-are-flying-1957")

    def test_a_second_anonymous_request_is_served_from_the_cache_without_queries(self):
        first = self.client.get("/films/the-cranes-are-flying-1957/")
        self.assertContains(first, "The Cranes Are Flying")
        self.assertEqual(first["X-Page-Cache"], "miss")
        second = self.assertCached("/films/the-cranes-are-flying-1957/")
        self.assertEqual(second.content, first.content)
        self.assertEqual(second["Content-Type"], first["Content-Type"])

    def test_pages_name_what_they_show_in_their_surrogate_keys(self):
        person = make_person("Mikhail Kalatozov")
        make_credit(self.film, person)
        response = self.client.get("/films/the-cranes-are-flying-1957/")
        shown = response["Surrogate-Key"].split()
        self.assertIn(f"film:{self.film.pk}", shown)
        self.assertIn(f"person:{person.pk}", shown)
        self.assertIn(keys.EVERYTHING, shown)
        self.assertEqual(
            self.assertCached("/films/the-cranes-are-flying-1957/")["Surrogate-Key"], response["Surrogate-Key"]
        )
        self.assertIn(keys.FILMS, self.client.get("/films/")["Surrogate-Key"].split())

    def test_every_cached_response_gets_the_security_headers_afresh(self):
        self.client.get("/")
        response = self.assertCached("/")
        self.assertIn("default-src 'self'", response["Content-Security-Policy"])
        self.assertNotIn("nonce-", response["Content-Security-Policy"])
        self.assertEqual(response["X-Frame-Options"], "DENY")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")

    def test_query_string_variants_are_separate_entries(self):
        make_film("Ivan the Terrible", year=1944, slug="ivan-the-terrible-1944")
        self.client.get("/films/?decade=1950")
        self.client.get("/films/?decade=1940")
        self.assertContains(self.assertCached("/films/?decade=1950"), "The Cranes Are Flying")
        self.assertNotContains(self.assertCached("/films/?decade=1950"), "Ivan the Terrible")
        self.assertContains(self.assertCached("/films/?decade=1940"), "Ivan the Terrible")

    def test_logged_in_editors_always_get_live_pages_and_fill_nothing(self):
        editor = Client()
        editor.force_login(make_editor())
        editor.get("/films/the-cranes-are-flying-1957/")
        response = editor.get("/films/the-cranes-are-flying-1957/")
        self.assertNotIn("X-Page-Cache", response)
        self.assertEqual(self.client.get("/films/the-cranes-are-flying-1957/")["X-Page-Cache"], "miss")

    def test_the_admin_is_never_kept(self):
        self.client.get("/admin/login/")
        response = self.client.get("/admin/login/")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("X-Page-Cache", response)
        self.assertNotIn("Surrogate-Key", response)

    def test_search_results_are_kept_until_any_title_name_or_public_text_changes(self):
        make_source()
        self.cache("/search/?q=cranes", "/search/?q=stalker")
        make_film("Stalker", year=1979, slug="stalker-1979")
        self.assertContains(self.assertFresh("/search/?q=stalker"), "stalker-1979")
        self.cache("/search/?q=cranes")
        make_review(film=self.film, headline="Cranes over Moscow", status=Review.Status.DRAFT)
        self.client.get("/films/")  # the first request after a write may purge (SQLite, outside a transaction)
        self.assertCached("/search/?q=cranes")  # a draft finds nothing
        Review.objects.update(status=Review.Status.PUBLISHED, published_at=timezone.now())
        self.assertContains(self.assertFresh("/search/?q=cranes"), "Cranes over Moscow")

    def test_requests_with_a_session_or_messages_are_not_served_from_the_cache(self):
        self.cache("/")
        for cookie in (settings.SESSION_COOKIE_NAME, "messages"):
            client = Client()
            client.cookies[cookie] = "anything"
            self.assertNotIn("X-Page-Cache", client.get("/"), cookie)

    def test_not_found_pages_are_not_kept(self):
        self.assertEqual(self.client.get("/films/stalker-1979/").status_code, 404)
        self.assertNotIn("X-Page-Cache", self.client.get("/films/stalker-1979/"))
        make_film("Stalker", year=1979, slug="stalker-1979")
        self.assertContains(self.client.get("/films/stalker-1979/"), "Stalker")

    def test_zero_seconds_turns_the_page_cache_off(self):
        with self.settings(PAGE_CACHE_SECONDS=0):
            self.client.get("/")
            self.assertNotIn("X-Page-Cache", self.client.get("/"))


class PrecisePurgeTests(PageCacheTestCase):
    """A committed write purges the pages showing what it changed, and only those."""

    def setUp(self):
        self.director = make_person("Mikhail Kalatozov", slug="mikhail-kalatozov")
        self.film = make_film("The Cranes Are Flying", slug="the-cranes-are-flying-1957", tags=["soviet thaw"])
        self.other = make_film("Stalker", year=1979, slug="stalker-1979", tags=["slow cinema"])
        make_credit(self.film, self.director)
        self.review = make_review(film=self.film, headline="A hymn to the living", tags=["soviet thaw"])
        self.film_page = "/films/the-cranes-are-flying-1957/"
        self.other_page = "/films/stalker-1979/"
        self.person_page = "/people/mikhail-kalatozov/"
        self.tag_page = "/tags/soviet-thaw/"
        self.review_page = self.review.get_absolute_url()
        self.cache(
            self.film_page,
            self.other_page,
            self.person_page,
            self.tag_page,
            self.review_page,
            "/films/",
            "/",
            "/tags/slow-cinema/",
        )

    def test_saving_a_film_purges_its_page_its_lists_its_tag_pages_and_its_peoples_pages(self):
        self.film.title = "Letyat zhuravli"
        self.film.save()
        for url in (self.film_page, "/films/", self.tag_page, self.person_page, self.review_page):
            self.assertContains(self.assertFresh(url), "Letyat zhuravli")
        # An unrelated film's page, and a tag page it is not on, stay cached.
        self.assertCached(self.other_page)
        self.assertCached("/tags/slow-cinema/")

    def test_renaming_a_person_purges_the_pages_of_their_films_only(self):
        self.director.name = "Mikheil Kalatozishvili"
        self.director.save()
        self.assertContains(self.assertFresh(self.film_page), "Mikheil Kalatozishvili")
        self.assertContains(self.assertFresh(self.person_page), "Mikheil Kalatozishvili")
        self.assertCached(self.other_page)
        self.assertCached(self.tag_page)

    def test_editing_a_review_purges_the_pages_that_show_it(self):
        self.review.headline = "Cranes over Moscow"
        self.review.save()
        for url in (self.review_page, self.film_page, self.tag_page, self.person_page, "/"):
            self.assertContains(self.assertFresh(url), "Cranes over Moscow")
        self.assertCached(self.other_page)
        self.assertCached("/films/")  # shows films, not this review

    def test_publishing_a_review_purges_every_list_it_enters(self):
        draft = make_review(
            film=self.film, headline="Second thoughts", status=Review.Status.DRAFT, tags=["soviet thaw"]
        )
        self.cache(self.film_page, self.tag_page, "/", "/reviews/", self.person_page)
        draft.publish()
        draft.save()
        for url in (self.film_page, self.tag_page, "/", "/reviews/", self.person_page):
            self.assertContains(self.assertFresh(url), "Second thoughts")
        self.assertCached(self.other_page)
        # The counts too, kept figures included.
        self.assertContains(self.client.get("/reviews/"), "2 published reviews")
        self.assertContains(self.client.get(self.person_page), 'films <span class="count">2</span>')
        self.assertContains(self.client.get(self.tag_page), "1 film and 2 reviews")

    def test_a_bulk_update_purges_precisely(self):
        Film.objects.filter(pk=self.film.pk).update(title="Quand passent les cigognes")
        self.assertContains(self.assertFresh(self.film_page), "Quand passent les cigognes")
        self.assertCached(self.other_page)

    def test_a_raw_sql_write_purges_too(self):
        with connection.cursor() as cursor:
            cursor.execute("UPDATE reviews_person SET name = %s WHERE id = %s", ["M. Kalatozov", self.director.pk])
        self.assertContains(self.assertFresh(self.film_page), "M. Kalatozov")
        self.assertCached(self.other_page)

    def test_deletes_and_tag_changes_purge(self):
        self.film.tags.add("war")
        self.assertContains(self.assertFresh(self.film_page), "war")
        self.assertCached(self.other_page)
        self.cache(self.film_page)
        Review.objects.filter(pk=self.review.pk).delete()
        self.assertNotContains(self.assertFresh(self.film_page), "A hymn to the living")
        self.assertEqual(self.client.get(self.review_page).status_code, 404)

    def test_an_editor_saving_in_the_admin_purges(self):
        editor = Client()
        editor.force_login(make_editor())
        data = review_form_data(self.film, self.review.source, slug=self.review.slug, body=self.review.body)
        tags = [str(pk) for pk in self.review.tags.values_list("pk", flat=True)]
        data.update(headline="Edited in the admin", status="published", tags=tags, new_tags="a new tag")
        response = editor.post(f"/admin/reviews/review/{self.review.pk}/change/", data)
        self.assertRedirects(response, "/admin/reviews/review/", fetch_redirect_response=False)
        self.assertContains(self.assertFresh(self.film_page), "Edited in the admin")
        self.assertContains(self.assertFresh(self.review_page), "a new tag")
        self.assertCached(self.other_page)

    def test_a_shell_writes_and_purges_without_a_request(self):
        call_command(
            "shell",
            command=(
                "from reviews.models import Film; "
                "Film.objects.filter(slug='the-cranes-are-flying-1957').update(title='Летят журавли')"
            ),
        )
        self.assertContains(self.assertFresh(self.film_page), "Летят журавли")
        self.assertCached(self.other_page)

    def test_a_rolled_back_write_purges_nothing(self):
        with transaction.atomic():
            Film.objects.filter(pk=self.film.pk).update(title="Never committed")
            transaction.set_rollback(True)
        self.assertNotContains(self.assertCached(self.film_page), "Never committed")
        self.assertFalse(PendingPurge.objects.exists())

    def test_writes_outside_the_archive_purge_nothing(self):
        make_editor("someone")
        self.assertCached(self.film_page)

    def test_the_log_is_empty_once_purged(self):
        self.film.title = "Letyat zhuravli"
        self.film.save()
        self.assertFalse(PendingPurge.objects.exists())

    def test_keys_left_by_a_process_that_died_are_purged_by_the_next_purge(self):
        PendingPurge.objects.bulk_create([PendingPurge(key=f"film:{self.other.pk}")])  # as if never purged
        self.assertCached(self.other_page)
        make_person("Someone else")  # any write to the archive: its purge reads the whole log
        self.assertFresh(self.other_page)


class ImportPurgeTests(PageCacheTestCase):
    """COPY passes by Django's cursor: the importer asks for the purge itself, on commit."""

    def setUp(self):
        self.film = make_film("The Cranes Are Flying", slug="the-cranes-are-flying-1957", imdb_id=CRANES)
        self.other = make_film("Stalker", year=1979, slug="stalker-1979")
        make_source()
        self.cache("/films/the-cranes-are-flying-1957/", "/films/stalker-1979/", "/reviews/")

    def test_an_import_purges_the_pages_of_its_films_and_lists(self):
        import_reviews([SEED], imdb_id=CRANES, publish=True)
        review = self.film.reviews.get()
        self.assertContains(self.assertFresh("/films/the-cranes-are-flying-1957/"), review.get_absolute_url())
        self.assertContains(self.assertFresh("/reviews/"), review.get_absolute_url())
        self.assertCached("/films/stalker-1979/")

    def test_a_rolled_back_import_purges_nothing(self):
        with transaction.atomic():
            import_reviews([SEED], imdb_id=CRANES, publish=True)
            transaction.set_rollback(True)
        self.assertCached("/films/the-cranes-are-flying-1957/")
        self.assertFalse(Review.objects.exists())


class ScheduledPublicationTests(PageCacheTestCase):
    def setUp(self):
        self.film = make_film("The Cranes Are Flying", slug="the-cranes-are-flying-1957")

    def test_a_future_publication_time_schedules_the_review(self):
        review = make_review(film=self.film, published_at=timezone.now() + timedelta(hours=1))
        self.assertEqual(review.status, Review.Status.SCHEDULED)
        self.assertEqual(self.client.get(review.get_absolute_url()).status_code, 404)

    def test_the_first_request_after_its_time_publishes_it(self):
        review = make_review(film=self.film, headline="Right on time", published_at=timezone.now() + timedelta(hours=1))
        self.cache("/films/the-cranes-are-flying-1957/", "/reviews/")
        self.assertNotContains(self.assertCached("/reviews/"), "Right on time")
        # As if the hour had passed: the time is due, nothing else was written.
        Review.objects.filter(pk=review.pk).update(published_at=timezone.now() - timedelta(seconds=1))
        self.assertContains(self.client.get("/reviews/"), "Right on time")
        self.assertContains(self.client.get("/films/the-cranes-are-flying-1957/"), "Right on time")
        review.refresh_from_db()
        self.assertEqual(review.status, Review.Status.PUBLISHED)

    def test_the_command_publishes_what_is_due(self):
        review = make_review(film=self.film, published_at=timezone.now() + timedelta(hours=1))
        Review.objects.filter(pk=review.pk).update(published_at=timezone.now() - timedelta(seconds=1))
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))
        review.refresh_from_db()
        self.assertEqual(review.status, Review.Status.PUBLISHED)


class StoreRaceTests(PageCacheTestCase):
    """A page rendered from rows an edit is about to change must not outlive the edit's purge."""

    def test_an_entry_whose_keys_were_purged_while_it_was_made_is_dropped(self):
        store = get_store()
        before = store.snapshot()
        store.purge(["film:1"])  # a commit and its purge, while the page was being rendered
        self.assertFalse(store.write("page:x", "old content", ["film:1"], before, 60))
        self.assertIsNone(store.read("page:x")[0])
        after = store.snapshot()
        self.assertTrue(store.write("page:x", "new content", ["film:1"], after, 60))
        self.assertEqual(store.read("page:x")[0].value, "new content")

    def test_purging_everything_retires_every_entry(self):
        store = get_store()
        store.write("page:y", "content", ["film:2"], store.snapshot(), 60)
        store.purge_everything()
        self.assertIsNone(store.read("page:y")[0])


class WhatIsNotSharedTests(SimpleTestCase):
    """Responses that must never be replayed to another visitor."""

    def shareable(self, response, request=None):
        return PageCacheMiddleware(HttpResponse).is_shareable(request or RequestFactory().get("/"), response)

    def test_ordinary_pages_are_kept(self):
        self.assertTrue(self.shareable(HttpResponse("ok")))
        self.assertTrue(self.shareable(HttpResponse(headers={"Vary": "Cookie"})))

    def test_errors_redirects_and_not_found_pages_are_not_kept(self):
        for status in (500, 503, 302, 400, 404):
            self.assertFalse(self.shareable(HttpResponse(status=status)), status)

    def test_responses_that_set_cookies_or_vary_or_forbid_caching_are_not_kept(self):
        with_cookie = HttpResponse("csrf")
        with_cookie.set_cookie("csrftoken", "abc")
        self.assertFalse(self.shareable(with_cookie))
        self.assertFalse(self.shareable(HttpResponse(headers={"Vary": "Accept-Language"})))
        self.assertFalse(self.shareable(HttpResponse(headers={"Cache-Control": "private"})))
        self.assertFalse(self.shareable(HttpResponse(headers={"Cache-Control": "no-store"})))

    def test_a_page_that_used_the_csp_nonce_is_not_kept(self):
        request = RequestFactory().get("/")
        ContentSecurityPolicyMiddleware(HttpResponse).process_request(request)
        self.assertTrue(self.shareable(HttpResponse("x"), request))
        str(request._csp_nonce)  # what {{ csp_nonce }} in a template does
        self.assertFalse(self.shareable(HttpResponse("x"), request))


class PersonRenamePurgesPeopleListTests(PageCacheTestCase):
    def test_the_people_list_follows_a_rename(self):
        person = make_person("Sergey Urusevsky")
        self.cache("/people/")
        Person.objects.filter(pk=person.pk).update(name="Sergei Urusevsky")
        self.assertContains(self.assertFresh("/people/"), "Sergei Urusevsky")
