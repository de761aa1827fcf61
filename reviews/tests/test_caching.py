"""The anonymous page cache: hits without queries, instant invalidation, who and what bypasses it.

The page cache stays off inside a transaction, so these tests commit for real
(TransactionTestCase); `serialized_rollback` restores what migrations created.
"""

import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, transaction
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.middleware.csp import ContentSecurityPolicyMiddleware
from django.test import Client, RequestFactory, SimpleTestCase, TransactionTestCase, override_settings
from django.utils import timezone

from reviews import caching
from reviews.importing import import_reviews
from reviews.models import Film, Review

from .factories import make_film, make_review
from .test_admin import make_editor, review_form_data

SEED = Path(settings.BASE_DIR) / "reviews" / "demo" / "seeds" / "000_984c2e56fef4b264.txt"


class PageCacheTestCase(TransactionTestCase):
    serialized_rollback = True

    def setUp(self):
        if settings.PAGE_CACHE_VERSION_FILE:
            # Process memory: a version file of its own, since other test runs in this
            # checkout bump the shared one. (Redis keys are prefixed per run instead.)
            folder = tempfile.TemporaryDirectory()
            self.addCleanup(folder.cleanup)
            version_file = override_settings(PAGE_CACHE_VERSION_FILE=Path(folder.name) / "content-version")
            version_file.enable()
            self.addCleanup(version_file.disable)
            caches[settings.PAGE_CACHE_ALIAS].clear()
        self.film = make_film("The Cranes Are Flying", slug="the-cranes-are-flying-1957")

    def assertServedFromCache(self, url, client=None):
        with self.assertNumQueries(0):
            response = (client or self.client).get(url)
        self.assertEqual(response["X-Page-Cache"], "hit")
        return response


class AnonymousPageCacheTests(PageCacheTestCase):
    def test_a_second_anonymous_request_is_served_from_the_cache_without_queries(self):
        first = self.client.get("/films/the-cranes-are-flying-1957/")
        self.assertContains(first, "The Cranes Are Flying")
        self.assertEqual(first["X-Page-Cache"], "miss")
        second = self.assertServedFromCache("/films/the-cranes-are-flying-1957/")
        self.assertEqual(second.content, first.content)
        self.assertEqual(second["Content-Type"], first["Content-Type"])

    def test_every_cached_response_gets_the_security_headers_afresh(self):
        self.client.get("/")
        response = self.assertServedFromCache("/")
        self.assertIn("default-src 'self'", response["Content-Security-Policy"])
        self.assertNotIn("nonce-", response["Content-Security-Policy"])
        self.assertEqual(response["X-Frame-Options"], "DENY")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")

    def test_query_string_variants_are_separate_entries(self):
        make_film("Ivan the Terrible", year=1944, slug="ivan-the-terrible-1944")
        fifties = self.client.get("/films/?decade=1950")
        forties = self.client.get("/films/?decade=1940")
        self.assertEqual((fifties["X-Page-Cache"], forties["X-Page-Cache"]), ("miss", "miss"))
        self.assertContains(self.assertServedFromCache("/films/?decade=1950"), "The Cranes Are Flying")
        self.assertNotContains(self.assertServedFromCache("/films/?decade=1950"), "Ivan the Terrible")
        self.assertContains(self.assertServedFromCache("/films/?decade=1940"), "Ivan the Terrible")

    def test_logged_in_editors_always_get_live_pages_and_fill_nothing(self):
        editor = Client()
        editor.force_login(make_editor())
        editor.get("/films/the-cranes-are-flying-1957/")
        response = editor.get("/films/the-cranes-are-flying-1957/")
        self.assertNotIn("X-Page-Cache", response)
        self.assertEqual(self.client.get("/films/the-cranes-are-flying-1957/")["X-Page-Cache"], "miss")

    def test_the_admin_is_never_cached(self):
        self.client.get("/admin/login/")
        response = self.client.get("/admin/login/")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("X-Page-Cache", response)

    def test_requests_with_a_session_or_messages_are_not_served_from_the_cache(self):
        self.client.get("/")
        for cookie in (settings.SESSION_COOKIE_NAME, "messages"):
            client = Client()
            client.cookies[cookie] = "anything"
            self.assertNotIn("X-Page-Cache", client.get("/"), cookie)

    @override_settings(PAGE_CACHE_SECONDS=0)
    def test_zero_seconds_turns_the_page_cache_off(self):
        self.client.get("/")
        self.assertNotIn("X-Page-Cache", self.client.get("/"))

    def test_not_found_pages_are_cached_briefly_and_an_edit_ends_them(self):
        self.assertEqual(self.client.get("/films/stalker-1979/").status_code, 404)
        self.assertEqual(self.assertServedFromCache("/films/stalker-1979/").status_code, 404)
        make_film("Stalker", year=1979, slug="stalker-1979")
        self.assertContains(self.client.get("/films/stalker-1979/"), "Stalker", status_code=200)


class InvalidationTests(PageCacheTestCase):
    url = "/films/the-cranes-are-flying-1957/"

    def cache_the_film_page(self):
        self.client.get(self.url)
        self.assertServedFromCache(self.url)

    def test_a_saved_change_shows_at_once(self):
        self.cache_the_film_page()
        self.film.title = "Letyat zhuravli"
        self.film.save()
        self.assertContains(self.client.get(self.url), "Letyat zhuravli")

    def test_an_editor_publishing_in_the_admin_shows_at_once(self):
        review = make_review(film=self.film, headline="A hymn to the living", status=Review.Status.DRAFT)
        self.cache_the_film_page()
        self.assertNotContains(self.assertServedFromCache(self.url), "A hymn to the living")

        editor = Client()
        editor.force_login(make_editor())
        data = review_form_data(self.film, review.source, slug=review.slug, body=review.body, status="published")
        data["headline"] = review.headline
        response = editor.post(f"/admin/reviews/review/{review.pk}/change/", data)
        self.assertRedirects(response, "/admin/reviews/review/", fetch_redirect_response=False)

        self.assertContains(self.client.get(self.url), "A hymn to the living")

    def test_bulk_updates_and_deletes_show_at_once(self):
        review = make_review(film=self.film, headline="Soon gone")
        self.cache_the_film_page()
        Film.objects.filter(pk=self.film.pk).update(title="Quand passent les cigognes")
        page = self.client.get(self.url)
        self.assertContains(page, "Quand passent les cigognes")
        self.assertContains(page, "Soon gone")
        self.assertServedFromCache(self.url)
        Review.objects.filter(pk=review.pk).delete()
        self.assertNotContains(self.client.get(self.url), "Soon gone")

    def test_tag_changes_show_at_once(self):
        self.cache_the_film_page()
        self.film.tags.add("soviet thaw")
        self.assertContains(self.client.get(self.url), "soviet thaw")

    def test_an_import_shows_at_once(self):
        self.film.imdb_id = "tt0050634"
        self.film.save()
        self.cache_the_film_page()
        import_reviews([SEED], imdb_id="tt0050634", publish=True)
        review = self.film.reviews.get()
        self.assertContains(self.client.get(self.url), review.get_absolute_url())

    def test_every_process_watches_its_writes_not_only_the_web_server(self):
        # A management command or a shell never builds the middleware: loading the app is
        # what installs the watch. Undo it, load the app again, and write without a request.
        connection_created.disconnect(dispatch_uid="reviews.caching.watch_content_writes")
        connection.execute_wrappers.remove(caching._watch_writes)
        self.addCleanup(caching.watch_content_writes)
        apps.get_app_config("reviews").ready()
        self.cache_the_film_page()
        call_command("shell", command="from reviews.models import Film; Film.objects.update(title='Летят журавли')")
        self.assertContains(self.client.get(self.url), "Летят журавли")

    def test_a_rolled_back_write_leaves_the_cache_alone(self):
        self.cache_the_film_page()
        with transaction.atomic():
            Film.objects.filter(pk=self.film.pk).update(title="Never committed")
            transaction.set_rollback(True)
        self.assertNotContains(self.assertServedFromCache(self.url), "Never committed")

    def test_writes_outside_the_archive_do_not_invalidate(self):
        self.cache_the_film_page()
        make_editor("someone")
        self.assertServedFromCache(self.url)


class ScheduledPublicationTests(PageCacheTestCase):
    def test_the_version_knows_the_next_scheduled_publication(self):
        when = timezone.now() + timedelta(hours=1)
        make_review(film=self.film, published_at=when)
        version = caching.current_version()
        self.assertAlmostEqual(version.refresh_at, when.timestamp(), places=3)

        # Pages are kept no longer than until then.
        request = RequestFactory().get("/")
        timeout = caching.AnonymousPageCacheMiddleware(HttpResponse).timeout(request, HttpResponse("x"), version)
        self.assertLessEqual(timeout, 3600)

    def test_a_due_publication_renews_the_version(self):
        make_review(film=self.film, headline="Scheduled", published_at=timezone.now() + timedelta(hours=1))
        self.client.get("/films/the-cranes-are-flying-1957/")
        cached_under = caching.current_version().token
        # As if the hour had passed with no write: the review is public, and the version
        # the page was cached under says its next publication was due a second ago.
        Review.objects.update(published_at=timezone.now() - timedelta(seconds=1))
        Path(settings.PAGE_CACHE_VERSION_FILE).write_text(f"{cached_under} {time.time() - 1}")

        self.assertNotEqual(caching.current_version().token, cached_under)
        self.assertContains(self.client.get("/films/the-cranes-are-flying-1957/"), "Scheduled")


class WhatIsNotSharedTests(SimpleTestCase):
    """Responses that must never be replayed to another visitor."""

    def timeout(self, response, request=None):
        request = request or RequestFactory().get("/")
        return caching.AnonymousPageCacheMiddleware(HttpResponse).timeout(
            request, response, caching.ContentVersion("v", None)
        )

    def test_ordinary_pages_are_kept_and_not_found_pages_briefly(self):
        self.assertEqual(self.timeout(HttpResponse("ok")), settings.PAGE_CACHE_SECONDS)
        self.assertEqual(self.timeout(HttpResponse("no", status=404)), settings.PAGE_CACHE_NOT_FOUND_SECONDS)
        self.assertLess(settings.PAGE_CACHE_NOT_FOUND_SECONDS, settings.PAGE_CACHE_SECONDS)

    def test_errors_and_redirects_are_not_kept(self):
        for status in (500, 503, 302, 400):
            self.assertEqual(self.timeout(HttpResponse(status=status)), 0, status)

    def test_responses_that_set_cookies_or_vary_or_forbid_caching_are_not_kept(self):
        with_cookie = HttpResponse("csrf")
        with_cookie.set_cookie("csrftoken", "abc")
        self.assertEqual(self.timeout(with_cookie), 0)
        self.assertEqual(self.timeout(HttpResponse(headers={"Vary": "Accept-Language"})), 0)
        self.assertEqual(self.timeout(HttpResponse(headers={"Cache-Control": "private"})), 0)
        self.assertEqual(self.timeout(HttpResponse(headers={"Cache-Control": "no-store"})), 0)
        self.assertGreater(self.timeout(HttpResponse(headers={"Vary": "Cookie"})), 0)

    def test_a_page_that_used_the_csp_nonce_is_not_kept(self):
        request = RequestFactory().get("/")
        ContentSecurityPolicyMiddleware(HttpResponse).process_request(request)
        self.assertGreater(self.timeout(HttpResponse("x"), request), 0)
        str(request._csp_nonce)  # what {{ csp_nonce }} in a template does
        self.assertEqual(self.timeout(HttpResponse("x"), request), 0)


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            # Test runs in this checkout share the server: each gets its own keys.
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    },
    PAGE_CACHE_VERSION_FILE=None,
)
class RedisPageCacheTests(PageCacheTestCase):
    """With REDIS_URL the pages and the version live in Redis, shared by every worker and host."""

    def setUp(self):
        super().setUp()
        # Pages expire on their own; the version has no timeout, so it goes explicitly.
        self.addCleanup(caches["default"].delete, caching.VERSION_KEY)

    def test_hits_and_instant_invalidation_through_redis(self):
        url = "/films/the-cranes-are-flying-1957/"
        self.assertEqual(self.client.get(url)["X-Page-Cache"], "miss")
        self.assertServedFromCache(url)
        self.assertIsInstance(caches["default"].get(caching.VERSION_KEY), caching.ContentVersion)
        self.film.title = "Letyat zhuravli"
        self.film.save()
        self.assertContains(self.client.get(url), "Letyat zhuravli")
        self.assertServedFromCache(url)
